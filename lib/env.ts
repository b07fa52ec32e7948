import { z } from "zod";

const emptyAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional());
const flag = (fallback: boolean) =>
  z.preprocess(emptyAsUndefined, z.enum(["true", "false", "1", "0"]).optional()).transform((v) =>
    v === undefined ? fallback : v === "true" || v === "1",
  );

/** A limit of a throttle: a whole number of calls, at least 1. */
const count = (name: string, fallback: number) =>
  z.preprocess(emptyAsUndefined, z.coerce.number({ error: `${name} must be a whole number` }).int(`${name} must be a whole number`).min(1, `${name} must be at least 1`).max(1_000_000, `${name} is at most 1,000,000`).default(fallback));

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
    /** PostgreSQL in production. Unset: the launcher starts the embedded PGlite and sets it. */
    DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/, error: "DATABASE_URL must be a postgresql:// URL" })),
    DATABASE_POOL_MAX: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(200).default(10)),
    /** Set by the launcher, never by hand: the database is the embedded PGlite (pool of one). */
    DESK_EMBEDDED: flag(false),
    DESK_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default(".data")),
    /** Folder of the local-folder attachment storage. Unset: `<DESK_DATA_DIR>/files`. */
    DESK_FILES_DIR: optional(z.string()),
    /** Largest attachment accepted, in megabytes. */
    DESK_MAX_ATTACHMENT_MB: z.preprocess(
      emptyAsUndefined,
      z.coerce.number({ error: "DESK_MAX_ATTACHMENT_MB must be a number of megabytes" }).positive("DESK_MAX_ATTACHMENT_MB must be more than 0").max(1024, "DESK_MAX_ATTACHMENT_MB is at most 1024").default(10),
    ),
    /** Run the job workers (SLA warnings and breaches, email delivery) in this instance. */
    DESK_JOBS: flag(true),
    /** Apply pending migrations when the launcher starts. Set false where migrations run as their own step (`npm run db:migrate`). */
    DESK_MIGRATE: flag(true),
    /** On SIGTERM: how long in-flight requests and running jobs may take before they are cut. */
    DESK_SHUTDOWN_GRACE_SECONDS: z.preprocess(
      emptyAsUndefined,
      z.coerce.number({ error: "DESK_SHUTDOWN_GRACE_SECONDS must be a number of seconds" }).int("DESK_SHUTDOWN_GRACE_SECONDS must be a whole number").min(0).max(3600).default(25),
    ),
    /** Seed the demo organisation on first start of an embedded database. */
    DESK_DEMO: flag(true),
    NEXTAUTH_URL: z.preprocess(emptyAsUndefined, z.url().default("http://localhost:3000")),
    NEXTAUTH_SECRET: optional(z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters")),
    OIDC_ISSUER: optional(z.url()),
    OIDC_CLIENT_ID: optional(z.string()),
    OIDC_CLIENT_SECRET: optional(z.string()),
    OIDC_NAME: z.preprocess(emptyAsUndefined, z.string().default("Single sign-on")),
    SMTP_URL: optional(z.url({ protocol: /^smtps?$/, error: "SMTP_URL must be an smtp:// or smtps:// URL" })),
    MAIL_FROM: z.preprocess(emptyAsUndefined, z.string().default("Service Desk <desk@localhost>")),
    /** Address replies to the desk's mail go to; each mail adds `+<signed token>` to its local part. Unset: MAIL_FROM's address. */
    MAIL_REPLY_ADDRESS: optional(z.email({ error: "MAIL_REPLY_ADDRESS must be an email address, e.g. desk@example.com" })),
    /** Mail from a sender not in the directory: `refuse` (a polite reply says so) or `create` the person as an employee of DEFAULT_DEPARTMENT. */
    INBOUND_UNKNOWN_SENDER: z.preprocess(emptyAsUndefined, z.enum(["refuse", "create"]).default("refuse")),
    /** IMAP mailboxes polled for inbound mail, comma-separated: `imaps://user:pass@imap.example.com:993/INBOX`. */
    INBOUND_IMAP_URLS: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .optional()
        .transform((v) => (v ?? "").split(",").map((u) => u.trim()).filter(Boolean))
        .pipe(z.array(z.url({ protocol: /^imaps?$/, error: "INBOUND_IMAP_URLS must be imap:// or imaps:// URLs separated by commas" }))),
    ),
    /**
     * Authserv-ids (comma-separated) of the receiving mail servers whose Authentication-Results the desk
     * trusts, e.g. `mx.example.com`. Set: inbound mail files or answers only when the topmost
     * Authentication-Results from one of them says dmarc=pass, or spf/dkim pass for the From domain;
     * anything else is refused and logged. Unset (default): only a failed DMARC/SPF is refused.
     */
    INBOUND_REQUIRE_AUTH_RESULTS: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .optional()
        .transform((v) => (v ?? "").split(",").map((id) => id.trim().toLowerCase()).filter(Boolean))
        .pipe(z.array(z.string().regex(/^[a-z0-9.-]+$/, "INBOUND_REQUIRE_AUTH_RESULTS must be authserv-ids (host names such as mx.example.com) separated by commas"))),
    ),
    /** Microsoft 365 mailboxes (`?auth=microsoft` in INBOUND_IMAP_URLS): the app registration's tenant (id or domain), client id and secret. */
    INBOUND_IMAP_MICROSOFT_TENANT: optional(z.string().min(1)),
    INBOUND_IMAP_MICROSOFT_CLIENT_ID: optional(z.string().min(1)),
    INBOUND_IMAP_MICROSOFT_CLIENT_SECRET: optional(z.string().min(1)),
    /** Token endpoint; unset: `https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token` (set only for a national cloud). */
    INBOUND_IMAP_MICROSOFT_TOKEN_URL: optional(z.url({ protocol: /^https?$/, error: "INBOUND_IMAP_MICROSOFT_TOKEN_URL must be an https:// URL" })),
    /** Google Workspace mailboxes (`?auth=google`): path of a service account's JSON key with domain-wide delegation for https://mail.google.com/. */
    INBOUND_IMAP_GOOGLE_KEY_FILE: optional(z.string().min(1)),
    /** Seconds between two polls of each IMAP mailbox. */
    INBOUND_IMAP_POLL_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number({ error: "INBOUND_IMAP_POLL_SECONDS must be a number of seconds" }).int().min(5).max(3600).default(30)),
    /** Keep one IDLE connection per mailbox whose server offers it, so new mail is fetched at once (the polls stay as the net). */
    INBOUND_IMAP_IDLE: flag(true),
    /** Bearer secret of the inbound webhook (POST /api/inbound-email); unset: the webhook answers 404. */
    INBOUND_WEBHOOK_SECRET: optional(z.string().min(32, "INBOUND_WEBHOOK_SECRET must be at least 32 characters")),
    /** Largest inbound message kept, in megabytes (a larger one is refused with a polite reply). */
    INBOUND_MAX_MB: z.preprocess(emptyAsUndefined, z.coerce.number({ error: "INBOUND_MAX_MB must be a number of megabytes" }).positive().max(200).default(25)),
    /** What a first sign-in with an email not in the directory does. */
    UNKNOWN_EMAIL_POLICY: z.preprocess(emptyAsUndefined, z.enum(["refuse", "create"]).default("refuse")),
    /** Department key (e.g. "GEN") where "create" puts new people. */
    DEFAULT_DEPARTMENT: optional(z.string()),
    /** Days after resolution during which the requester may reopen a request. */
    DESK_REOPEN_WINDOW_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number({ error: "DESK_REOPEN_WINDOW_DAYS must be a number of days" }).int().min(0).max(3650).default(14)),
    /** Calls per minute on /api/v1 per person, across all their tokens, counted in the database across instances. */
    DESK_API_RATE_LIMIT: count("DESK_API_RATE_LIMIT", 120),
    /** Sign-in attempts and email-link requests per email address in one sign-in window. */
    DESK_SIGNIN_RATE_PER_ADDRESS: count("DESK_SIGNIN_RATE_PER_ADDRESS", 10),
    /** Sign-in attempts and email-link requests per client IP in one sign-in window (an office shares one). */
    DESK_SIGNIN_RATE_PER_IP: count("DESK_SIGNIN_RATE_PER_IP", 100),
    DESK_SIGNIN_RATE_WINDOW_MINUTES: z.preprocess(emptyAsUndefined, z.coerce.number({ error: "DESK_SIGNIN_RATE_WINDOW_MINUTES must be a number of minutes" }).int().min(1).max(1440).default(15)),
    /** Server Action posts per minute per signed-in person (all their sessions together). */
    DESK_ACTION_RATE_LIMIT: count("DESK_ACTION_RATE_LIMIT", 120),
    /** Consecutive failed delivery attempts after which a webhook is disabled and its owner told. */
    DESK_WEBHOOK_DISABLE_AFTER: count("DESK_WEBHOOK_DISABLE_AFTER", 15),
    /** Retries of one webhook delivery (backoff doubling from 30 s: 8 retries span about two hours). */
    DESK_WEBHOOK_RETRIES: z.preprocess(emptyAsUndefined, z.coerce.number({ error: "DESK_WEBHOOK_RETRIES must be a whole number" }).int().min(0).max(20).default(8)),
    /** Seconds a receiver has to answer one delivery. */
    DESK_WEBHOOK_TIMEOUT_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number({ error: "DESK_WEBHOOK_TIMEOUT_SECONDS must be a number of seconds" }).int().min(1).max(60).default(10)),
    /** Lets webhooks reach private, loopback and link-local addresses (and plain http): tests and closed networks only. */
    DESK_WEBHOOK_ALLOW_PRIVATE: flag(false),
    /** Seconds between two sweeps of the time-based automation rules (waiting, resolved, no activity). */
    DESK_AUTOMATION_SWEEP_SECONDS: z.preprocess(
      emptyAsUndefined,
      z.coerce.number({ error: "DESK_AUTOMATION_SWEEP_SECONDS must be a number of seconds" }).int("DESK_AUTOMATION_SWEEP_SECONDS must be a whole number").min(1).max(86_400).default(60),
    ),
    /** Tests only: a file holding an ISO instant the desk reads as "now" (lib/time/clock.ts). Unset: the real clock. */
    DESK_CLOCK_FILE: optional(z.string()),
    LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info")),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].filter(Boolean).length;
    if (oidc !== 0 && oidc !== 3) {
      ctx.addIssue({ code: "custom", path: ["OIDC_ISSUER"], message: "set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together" });
    }
    if (env.INBOUND_UNKNOWN_SENDER === "create" && !env.DEFAULT_DEPARTMENT) {
      ctx.addIssue({ code: "custom", path: ["DEFAULT_DEPARTMENT"], message: "INBOUND_UNKNOWN_SENDER=create needs DEFAULT_DEPARTMENT" });
    }
    const microsoft = [env.INBOUND_IMAP_MICROSOFT_TENANT, env.INBOUND_IMAP_MICROSOFT_CLIENT_ID, env.INBOUND_IMAP_MICROSOFT_CLIENT_SECRET].filter(Boolean).length;
    const wantsAuth = (provider: string) => env.INBOUND_IMAP_URLS.some((url) => new URL(url).searchParams.get("auth") === provider);
    if ((microsoft !== 0 && microsoft !== 3) || (wantsAuth("microsoft") && microsoft === 0)) {
      ctx.addIssue({ code: "custom", path: ["INBOUND_IMAP_MICROSOFT_TENANT"], message: "set INBOUND_IMAP_MICROSOFT_TENANT, _CLIENT_ID and _CLIENT_SECRET together (a mailbox with ?auth=microsoft needs them)" });
    }
    if (wantsAuth("google") && !env.INBOUND_IMAP_GOOGLE_KEY_FILE) {
      ctx.addIssue({ code: "custom", path: ["INBOUND_IMAP_GOOGLE_KEY_FILE"], message: "a mailbox with ?auth=google needs INBOUND_IMAP_GOOGLE_KEY_FILE (a service account's JSON key)" });
    }
    for (const url of env.INBOUND_IMAP_URLS) {
      const auth = new URL(url).searchParams.get("auth");
      if (auth !== null && auth !== "microsoft" && auth !== "google") {
        ctx.addIssue({ code: "custom", path: ["INBOUND_IMAP_URLS"], message: `auth=${auth} is not known: use auth=microsoft or auth=google, or a password in the URL` });
      }
    }
    if (env.UNKNOWN_EMAIL_POLICY === "create" && !env.DEFAULT_DEPARTMENT) {
      ctx.addIssue({ code: "custom", path: ["DEFAULT_DEPARTMENT"], message: "UNKNOWN_EMAIL_POLICY=create needs DEFAULT_DEPARTMENT" });
    }
  });

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
/** The only reader of process.env; a bad setting fails at start with a readable message. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
