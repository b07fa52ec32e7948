import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { throttleSignIn } from "@/lib/auth/sign-in-throttle";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Context) {
  const throttled = await throttleSignIn(req, (await ctx.params).nextauth);
  return throttled ?? (NextAuth(req as never, ctx as never, authOptions()) as Promise<Response>);
}

export { handler as GET, handler as POST };
