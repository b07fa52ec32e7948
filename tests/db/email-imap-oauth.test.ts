// Mailboxes that sign in with OAuth 2 (Microsoft 365, Google Workspace): a real dovecot that accepts
// only tokens its introspection endpoint calls active, and a token server on this machine speaking
// Microsoft's client-credentials grant and Google's service-account JWT grant. The desk's code is
// the production path (lib/email/imap-oauth.ts); only the token URLs point here.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { ImapOAuthConfig } from "@/lib/email/imap-oauth";
import { pollImapMailbox } from "@/lib/email/poll-imap";
import { watchImapMailbox } from "@/lib/email/watch-imap";
import { uid } from "../support/factories";
import { startDovecot, type Dovecot } from "../support/dovecot";
import { mime } from "../support/mime";

const clientSecret = "app-secret-for-tests";
const { publicKey, privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
/** token → the mailbox it may open; deleting one is revoking it. */
const tokens = new Map<string, string>();
const calls: { path: string; form: URLSearchParams }[] = [];
let tokenServer: http.Server;
let base = "";
let dovecot: Dovecot;
let keyFile = "";
/** The mailboxes the Microsoft app registration has been granted (Add-MailboxPermission). */
const granted = new Set(["ms-one", "ms-two", "ms-revoked", "ms-watch"]);
/**
 * An app token of Microsoft's is not bound to one mailbox: Exchange checks the app's grant for the
 * mailbox signing in. Dovecot's introspection request carries only the token, so each test says
 * which mailbox it is about to open, and the stand-in answers with it where the grant allows.
 */
let signingInAs = "";

function answer(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function verifyGoogleAssertion(assertion: string): { sub: string } | string {
  const [header, claims, signature] = assertion.split(".");
  if (!header || !claims || !signature) return "malformed";
  const ok = crypto.createVerify("RSA-SHA256").update(`${header}.${claims}`).verify(publicKey, Buffer.from(signature, "base64url"));
  if (!ok) return "bad signature";
  const c = JSON.parse(Buffer.from(claims, "base64url").toString()) as Record<string, unknown>;
  if (JSON.parse(Buffer.from(header, "base64url").toString()).alg !== "RS256") return "alg";
  if (c.iss !== "desk@project.iam.gserviceaccount.com" || c.scope !== "https://mail.google.com/" || c.aud !== `${base}/google/token`) return "claims";
  if (typeof c.exp !== "number" || typeof c.iat !== "number" || c.exp - c.iat > 3600) return "lifetime";
  return { sub: String(c.sub) };
}

beforeAll(async () => {
  tokenServer = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      const form = new URLSearchParams(body);
      calls.push({ path: req.url ?? "", form });
      if (req.url === "/introspect") {
        const bound = tokens.get(form.get("token") ?? "");
        const mailbox = bound === "*" ? (granted.has(signingInAs) ? signingInAs : undefined) : bound;
        return answer(res, 200, mailbox ? { active: true, username: mailbox } : { active: false });
      }
      if (req.url === "/ms/token") {
        if (form.get("grant_type") !== "client_credentials" || form.get("scope") !== "https://outlook.office365.com/.default") return answer(res, 400, { error: "invalid_request" });
        if (form.get("client_id") !== "desk-app" || form.get("client_secret") !== clientSecret) {
          return answer(res, 401, { error: "invalid_client", error_description: "AADSTS7000215: Invalid client secret provided." });
        }
        // An app token opens every mailbox the app was granted: dovecot asks which one is signing in.
        const token = `ms-${uid()}`;
        tokens.set(token, "*");
        return answer(res, 200, { token_type: "Bearer", expires_in: 3599, access_token: token });
      }
      if (req.url === "/google/token") {
        if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:jwt-bearer") return answer(res, 400, { error: "unsupported_grant_type" });
        const checked = verifyGoogleAssertion(form.get("assertion") ?? "");
        if (typeof checked === "string") return answer(res, 400, { error: "invalid_grant", error_description: checked });
        const token = `g-${uid()}`;
        tokens.set(token, checked.sub);
        return answer(res, 200, { access_token: token, expires_in: 3600, token_type: "Bearer" });
      }
      answer(res, 404, {});
    });
  });
  await new Promise<void>((resolve) => tokenServer.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(tokenServer.address() as AddressInfo).port}`;
  keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "desk-gkey-")), "key.json");
  fs.writeFileSync(
    keyFile,
    JSON.stringify({
      type: "service_account",
      client_email: "desk@project.iam.gserviceaccount.com",
      private_key: privateKey.export({ type: "pkcs8", format: "pem" }),
      token_uri: `${base}/google/token`,
    }),
  );
  dovecot = await startDovecot(["ms-one", "ms-two", "ms-revoked", "ms-watch", "ms-other", "g-one"], { oauth: { introspectionUrl: `${base}/introspect` } });
});

afterAll(async () => {
  await dovecot?.stop();
  await new Promise<void>((resolve) => tokenServer?.close(() => resolve()));
  if (keyFile) fs.rmSync(path.dirname(keyFile), { recursive: true, force: true });
});

beforeEach(() => {
  calls.length = 0;
});

const microsoft = (secret = clientSecret): ImapOAuthConfig => ({ microsoft: { tenant: "contoso.example", clientId: "desk-app", clientSecret: secret, tokenUrl: `${base}/ms/token` } });
const urlOf = (user: string, auth: string) => `imap://${user}@127.0.0.1:${dovecot.port}/INBOX?auth=${auth}`;

async function deliverOne(user: string) {
  signingInAs = user;
  const messageId = `<${uid()}@client.test>`;
  await dovecot.deliver(user, await mime({ messageId, from: "someone@example.com", to: "desk@example.com", subject: "Printer jammed", text: "Again." }));
  return messageId;
}

describe("IMAP with OAuth 2 (a real dovecot checking tokens)", () => {
  it("Microsoft 365: the client-credentials token opens the mailbox; the token is kept for the next poll", async () => {
    const messageId = await deliverOne("ms-one");
    expect(await pollImapMailbox(db(), { url: urlOf("ms-one", "microsoft"), maxBytes: 1 << 20, oauth: microsoft() })).toEqual({ stored: 1, duplicates: 0 });
    expect(await db().inboundEmail.findUnique({ where: { messageId } })).toMatchObject({ source: "imap" });
    await deliverOne("ms-one");
    expect(await pollImapMailbox(db(), { url: urlOf("ms-one", "microsoft"), maxBytes: 1 << 20, oauth: microsoft() })).toEqual({ stored: 1, duplicates: 0 });
    const tokenCalls = calls.filter((c) => c.path === "/ms/token");
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0]!.form.get("scope")).toBe("https://outlook.office365.com/.default");
    expect(calls.filter((c) => c.path === "/introspect")).toHaveLength(2);
  });

  it("a wrong client secret stores nothing and says why, without the secret", async () => {
    const messageId = await deliverOne("ms-two");
    const failed = pollImapMailbox(db(), { url: urlOf("ms-two", "microsoft"), maxBytes: 1 << 20, oauth: microsoft("wrong-secret") });
    await expect(failed).rejects.toThrow(/Microsoft token request refused \(HTTP 401, invalid_client: AADSTS7000215/);
    await expect(failed).rejects.not.toThrow(/wrong-secret/);
    expect(await db().inboundEmail.findUnique({ where: { messageId } })).toBeNull();
    // With the right secret the same mail is still there, unread.
    expect(await pollImapMailbox(db(), { url: urlOf("ms-two", "microsoft"), maxBytes: 1 << 20, oauth: microsoft() })).toEqual({ stored: 1, duplicates: 0 });
  });

  it("a token the server no longer accepts is dropped: that poll fails, the next asks for a new token and reads the mail", async () => {
    const messageId = await deliverOne("ms-revoked");
    expect((await pollImapMailbox(db(), { url: urlOf("ms-revoked", "microsoft"), maxBytes: 1 << 20, oauth: microsoft() })).stored).toBe(1);
    const first = calls.find((c) => c.path === "/ms/token");
    expect(first).toBeDefined();
    for (const [token, who] of tokens) if (who === "*" && token.startsWith("ms-")) tokens.delete(token); // revoked
    const second = await deliverOne("ms-revoked");
    await expect(pollImapMailbox(db(), { url: urlOf("ms-revoked", "microsoft"), maxBytes: 1 << 20, oauth: microsoft() })).rejects.toThrow(/IMAP sign-in to imap:\/\/ms-revoked@.* \(OAuth, microsoft\) refused: Authentication failed\. invalid_token/);
    expect(await db().inboundEmail.findUnique({ where: { messageId: second } })).toBeNull();
    expect(await pollImapMailbox(db(), { url: urlOf("ms-revoked", "microsoft"), maxBytes: 1 << 20, oauth: microsoft() })).toEqual({ stored: 1, duplicates: 0 });
    expect(calls.filter((c) => c.path === "/ms/token")).toHaveLength(2);
    expect(await db().inboundEmail.findUnique({ where: { messageId } })).not.toBeNull();
  });

  it("Google Workspace: the service account's signed JWT for the mailbox gets a token that opens only that mailbox", async () => {
    const messageId = await deliverOne("g-one");
    const oauth: ImapOAuthConfig = { google: { keyFile } };
    expect(await pollImapMailbox(db(), { url: urlOf("g-one", "google"), maxBytes: 1 << 20, oauth })).toEqual({ stored: 1, duplicates: 0 });
    expect(await db().inboundEmail.findUnique({ where: { messageId } })).not.toBeNull();
    const assertion = calls.find((c) => c.path === "/google/token")!.form.get("assertion")!;
    expect(JSON.parse(Buffer.from(assertion.split(".")[1]!, "base64url").toString())).toMatchObject({ sub: "g-one", scope: "https://mail.google.com/" });
    // The token was issued for g-one: dovecot refuses it for another mailbox.
    const token = [...tokens].find(([, who]) => who === "g-one")![0];
    const { ImapFlow } = await import("imapflow");
    const other = new ImapFlow({ host: "127.0.0.1", port: dovecot.port, secure: false, auth: { user: "ms-other", accessToken: token }, logger: false });
    other.on("error", () => undefined);
    await expect(other.connect()).rejects.toMatchObject({ authenticationFailed: true });
  });

  it("an app token does not open a mailbox the app was not granted", async () => {
    await deliverOne("ms-other");
    await expect(pollImapMailbox(db(), { url: urlOf("ms-other", "microsoft"), maxBytes: 1 << 20, oauth: microsoft() })).rejects.toThrow(/Authentication failed/);
  });

  it("a key file that is not a service account key is a plain error; nothing is asked of the token server", async () => {
    const bad = path.join(path.dirname(keyFile), "bad.json");
    fs.writeFileSync(bad, JSON.stringify({ installed: { client_id: "x" } }));
    await expect(pollImapMailbox(db(), { url: urlOf("ms-other", "google"), maxBytes: 1 << 20, oauth: { google: { keyFile: bad } } })).rejects.toThrow(/not a service account key/);
    expect(calls).toHaveLength(0);
  });

  it("the IDLE watcher signs in with the token too", async () => {
    let mail = 0;
    signingInAs = "ms-watch";
    const watcher = watchImapMailbox({ url: urlOf("ms-watch", "microsoft"), onMail: () => mail++, log: () => undefined, oauth: microsoft() });
    try {
      const deadline = Date.now() + 20_000;
      while (watcher.state() !== "idling" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(watcher.state()).toBe("idling");
      expect(mail).toBeGreaterThanOrEqual(1);
    } finally {
      await watcher.stop();
    }
  });
});
