import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { demoPeople } from "@/lib/auth/demo";
import { demoTour } from "@/lib/auth/demo-tour";
import { currentActor } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { RememberBrowserZone } from "../../_components/remember-browser-zone";
import { Card } from "../../_components/ui";
import { DemoPicker, EmailSignIn, SsoButton } from "./sign-in-forms";

export const metadata: Metadata = { title: "Sign in" };

const errors: Record<string, string> = {
  unknown: "That email address is not in the directory. Ask your administrator to add you.",
  unverified: "Your sign-in provider has not verified your email address. Verify it there, then sign in again.",
  deactivated: "This account has been deactivated. Ask your administrator if this is a mistake.",
  invalid: "That does not look like an email address.",
  Verification: "That sign-in link has expired or was already used. Ask for a new one.",
  CredentialsSignin: "That person cannot sign in.",
  AccessDenied: "You cannot sign in with that account.",
  throttled: "Too many sign-in attempts from here or for this address. Wait a few minutes, then try again.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  if (await currentActor()) redirect("/");
  const { error, callbackUrl } = await searchParams;
  const e = env();
  const people = await demoPeople();
  const sso = Boolean(e.OIDC_ISSUER);
  const email = Boolean(e.SMTP_URL);
  const target = callbackUrl?.startsWith("/") ? callbackUrl : "/";
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <RememberBrowserZone />
      <div className="text-center">
        <h1 className="text-2xl font-semibold">Sign in to the service desk</h1>
        <p className="mt-1 text-sm text-slate-600">Ask any department for help, and follow your requests to the end.</p>
      </div>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {errors[error] ?? "Sign-in failed. Try again."}
        </p>
      ) : null}
      {sso || email ? (
        <Card className="space-y-4">
          {sso ? <SsoButton name={e.OIDC_NAME} callbackUrl={target} /> : null}
          {sso && email ? <div className="text-center text-xs uppercase tracking-wide text-slate-500">or</div> : null}
          {email ? <EmailSignIn callbackUrl={target} /> : null}
        </Card>
      ) : null}
      {people.length ? (
        <Card>
          <h2 className="text-lg font-semibold">Demo organisation: sign in as</h2>
          <p className="mb-4 text-sm text-slate-600">
            This desk runs on the embedded database with demo data, so you can be anyone. A desk on PostgreSQL never shows this.
          </p>
          <DemoPicker
            callbackUrl={target}
            people={people.map((p) => ({
              id: p.id,
              name: p.name,
              detail: `${p.title || "Employee"} · ${p.department.name}`,
              roles: p.roles.map((r) => (r.department ? `${r.role.toLowerCase()} ${r.department.key}` : r.role.toLowerCase())),
              tour: demoTour.find((t) => t.email === p.email)?.why,
            }))}
          />
        </Card>
      ) : null}
      {!sso && !email && !people.length ? (
        <Card>
          <p className="text-sm">No sign-in method is configured. Set OIDC_ISSUER/OIDC_CLIENT_ID/OIDC_CLIENT_SECRET or SMTP_URL (see README).</p>
        </Card>
      ) : null}
    </div>
  );
}
