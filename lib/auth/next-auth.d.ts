import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    personId?: string;
    authVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    personId?: string;
    authVersion?: number;
  }
}
