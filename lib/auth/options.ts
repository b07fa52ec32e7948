import "server-only";
import type { Adapter, AdapterUser } from "next-auth/adapters";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import EmailProvider from "next-auth/providers/email";
import type { Provider } from "next-auth/providers/index";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { sendMail } from "@/lib/notifications/mailer";
import { resolveSignIn, type SignInPolicy } from "@/lib/org/resolve-sign-in";
import { demoSignInEnabled } from "./demo";

const policy = (): SignInPolicy => ({ unknownEmail: env().UNKNOWN_EMAIL_POLICY, defaultDepartmentKey: env().DEFAULT_DEPARTMENT });

const toAdapterUser = (p: { id: string; email: string; name: string; emailVerified: Date | null }): AdapterUser => ({
  id: p.id,
  email: p.email,
  name: p.name,
  emailVerified: p.emailVerified,
});

/**
 * Just enough of an adapter for email links: verification tokens and the directory lookup. Sessions
 * are JWTs re-checked against the directory on every request (lib/auth/session.ts), and accounts
 * are not stored: a person is matched by email, which the corporate IdP vouches for.
 */
function directoryAdapter(): Adapter {
  return {
    async createUser(user: Omit<AdapterUser, "id">) {
      const result = await resolveSignIn(db(), { email: user.email, name: user.name, policy: policy() });
      if (!result.ok) throw new Error(`sign-in refused: ${result.reason}`);
      return toAdapterUser(await db().person.findUniqueOrThrow({ where: { id: result.personId } }));
    },
    async getUser(id) {
      const p = await db().person.findUnique({ where: { id } });
      return p ? toAdapterUser(p) : null;
    },
    async getUserByEmail(email) {
      const p = await db().person.findUnique({ where: { email: email.toLowerCase() } });
      return p ? toAdapterUser(p) : null;
    },
    async getUserByAccount() {
      return null;
    },
    async updateUser(user) {
      const p = await db().person.update({ where: { id: user.id }, data: { emailVerified: user.emailVerified ?? undefined } });
      return toAdapterUser(p);
    },
    async linkAccount() {
      return undefined;
    },
    async createVerificationToken(token) {
      await db().verificationToken.create({ data: token });
      return token;
    },
    async useVerificationToken({ identifier, token }) {
      try {
        return await db().verificationToken.delete({ where: { identifier_token: { identifier, token } } });
      } catch {
        return null; // already used or never issued
      }
    },
  };
}

function providers(): Provider[] {
  const e = env();
  const list: Provider[] = [];
  if (e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET) {
    list.push({
      id: "oidc",
      name: e.OIDC_NAME,
      type: "oauth",
      wellKnown: `${e.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      // The directory is keyed by email and the IdP is the organisation's own.
      allowDangerousEmailAccountLinking: true,
      profile: (p: { sub: string; email?: string; name?: string }) => ({ id: p.sub, email: p.email ?? null, name: p.name ?? null }),
    });
  }
  if (e.SMTP_URL) {
    list.push(
      EmailProvider({
        server: e.SMTP_URL,
        from: e.MAIL_FROM,
        maxAge: 15 * 60,
        async sendVerificationRequest({ identifier, url }) {
          await sendMail({
            to: identifier,
            subject: "Your sign-in link to the service desk",
            text: `Sign in to the service desk:\n\n${url}\n\nThe link works once, for 15 minutes. If you did not ask for it, ignore this mail.`,
            html: `<p>Sign in to the service desk:</p><p><a href="${url}">Sign in</a></p><p>The link works once, for 15 minutes. If you did not ask for it, ignore this mail.</p>`,
          });
        },
      }),
    );
  }
  list.push(
    CredentialsProvider({
      id: "demo",
      name: "Demo organisation",
      credentials: { personId: { label: "Person", type: "text" } },
      async authorize(credentials) {
        // Checked here, on the server, whatever the sign-in page showed.
        if (!(await demoSignInEnabled())) return null;
        const personId = z.string().min(1).max(64).safeParse(credentials?.personId);
        if (!personId.success) return null;
        const p = await db().person.findUnique({ where: { id: personId.data } });
        return p?.active ? toAdapterUser(p) : null;
      },
    }),
  );
  return list;
}

export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    adapter: directoryAdapter(),
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    providers: providers(),
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin" },
    callbacks: {
      async signIn({ user, account, profile, email }) {
        if (account?.provider === "demo") return true;
        // The directory is matched by email, so an address the IdP itself says it has not verified
        // (some IdPs let users type one in) must not open the account that owns it.
        if (account?.provider === "oidc" && (profile as { email_verified?: unknown } | undefined)?.email_verified === false) return "/signin?error=unverified";
        const result = await resolveSignIn(db(), {
          email: user.email,
          name: user.name,
          policy: policy(),
          dryRun: Boolean(email?.verificationRequest),
        });
        return result.ok ? true : `/signin?error=${result.reason}`;
      },
      async jwt({ token, user }) {
        if (user?.email) {
          const p = await db().person.findUnique({ where: { email: user.email.toLowerCase() } });
          if (p) {
            token.personId = p.id;
            token.authVersion = p.authVersion;
          }
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, personId: token.personId, authVersion: token.authVersion };
      },
    },
  };
}
