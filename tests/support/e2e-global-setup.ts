// The e2e project's globalSetup (vitest.config.ts): one SMTP capture, one real OpenID Provider and
// one desk wired to both, shared by the browser tests (files run one after another).
import type { TestProject } from "vitest/node";
import { freePort, startApp } from "./app-server";
import { e2eUsers } from "./e2e-people";
import { startDovecot } from "./dovecot";
import { startOidcProvider } from "./oidc-provider";
import { startSmtpCapture } from "./smtp-capture";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    mailApiUrl: string;
    smtpPort: number;
    oidcIssuer: string;
    /** The desk's IMAP mailbox (dovecot, user "desk"): tests deliver mail to it. */
    imapPort: number;
  }
}

export default async function setup(project: TestProject) {
  const smtp = await startSmtpCapture();
  const stops: (() => Promise<void>)[] = [smtp.stop];
  try {
    // The desk's mailbox: every address of the desk (departments' addresses, reply addresses) is delivered here.
    const imap = await startDovecot(["desk"]);
    stops.unshift(imap.stop);
    project.provide("imapPort", imap.port);
    // The callback URL needs the app's port, the app needs the issuer: reserve the port first.
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const oidc = await startOidcProvider({ redirectUris: [`${baseUrl}/api/auth/callback/oidc`], users: e2eUsers });
    stops.unshift(oidc.stop);
    const app = await startApp({
      name: "e2e-app",
      port,
      env: {
        OIDC_ISSUER: oidc.issuer,
        OIDC_CLIENT_ID: oidc.clientId,
        OIDC_CLIENT_SECRET: oidc.clientSecret,
        OIDC_NAME: "Example SSO",
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        MAIL_FROM: "Service Desk <desk@example.com>",
        UNKNOWN_EMAIL_POLICY: "refuse",
        INBOUND_IMAP_URLS: imap.urlFor("desk"),
        INBOUND_IMAP_POLL_SECONDS: "5",
        // Every browser test signs in from 127.0.0.1: the per-IP sign-in throttle is for offices, not this.
        DESK_SIGNIN_RATE_PER_IP: "100000",
        // The API fuzz (hardening.test.ts) makes more calls in a minute than a person's default allows.
        DESK_API_RATE_LIMIT: "100000",
        // webhooks.test.ts delivers to a receiver on 127.0.0.1, which the SSRF guard refuses otherwise.
        DESK_WEBHOOK_ALLOW_PRIVATE: "true",
      },
    });
    stops.unshift(app.stop);
    project.provide("baseUrl", app.baseUrl);
    project.provide("mailApiUrl", smtp.apiUrl);
    project.provide("smtpPort", smtp.port);
    project.provide("oidcIssuer", oidc.issuer);
  } catch (e) {
    for (const stop of stops) await stop().catch(() => {});
    throw e;
  }
  return async () => {
    for (const stop of stops) await stop().catch((e) => console.error(e));
  };
}
