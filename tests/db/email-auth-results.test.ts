// INBOUND_REQUIRE_AUTH_RESULTS: with a trusted receiving server named, inbound mail is read only when
// that server's Authentication-Results vouch for the From domain. Real messages (nodemailer's
// composer) go through a real IMAP server (dovecot), are fetched by the desk's poller and processed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { checkSender, parseAuthResults } from "@/lib/email/auth-results";
import { processInboundEmail, type InboundSettings } from "@/lib/email/process-inbound-email";
import { pollImapMailbox } from "@/lib/email/poll-imap";
import { replyTokenKey } from "@/lib/email/reply-token";
import { seedDesk, uid } from "../support/factories";
import { startDovecot, type Dovecot } from "../support/dovecot";
import { mime } from "../support/mime";

const base: InboundSettings = { mailFrom: "Desk <desk@mail.test>", replyAddress: "replies@mail.test", replyKey: replyTokenKey("test-secret-for-reply-addresses-0123456789"), unknownSender: "refuse" };
const trusting: InboundSettings = { ...base, trustedAuthServIds: ["mx.desk.test"] };
// seedPerson's addresses are person.<id>@test.example.com
const domain = "test.example.com";

let dovecot: Dovecot;
let desk: Awaited<ReturnType<typeof seedDesk>>;
let inbox: string;

beforeAll(async () => {
  dovecot = await startDovecot(["trust"]);
});
afterAll(async () => {
  await dovecot?.stop();
});
beforeEach(async () => {
  desk = await seedDesk();
  inbox = `fac-${uid()}@in.test`;
  await db().inboundAddress.create({ data: { address: inbox, departmentId: desk.provider.id, typeId: desk.type.id } });
});

/** Delivers a mail with these Authentication-Results (topmost first) to the mailbox, polls it and processes it. */
async function receive(subject: string, results: string[], settings: InboundSettings) {
  const messageId = `<${uid()}@client.test>`;
  const raw = await mime({ messageId, from: desk.requester.email, to: inbox, subject, text: "Please fix.", headers: results.map((value) => ({ key: "Authentication-Results", value })) });
  await dovecot.deliver("trust", raw);
  expect(await pollImapMailbox(db(), { url: dovecot.urlFor("trust"), maxBytes: 1024 * 1024 })).toMatchObject({ stored: 1 });
  const stored = await db().inboundEmail.findUniqueOrThrow({ where: { messageId } });
  const outcome = await processInboundEmail({ inboundId: stored.id, settings });
  const filed = await db().request.count({ where: { requesterId: desk.requester.id, title: subject } });
  const audit = await db().auditEvent.findMany({ where: { subject: `inbound:${stored.id}` }, select: { action: true, detail: true } });
  return { outcome, filed, audit };
}

describe("a trusted receiving server's Authentication-Results (real mail through IMAP)", () => {
  it("files mail the trusted server vouches for: dmarc=pass, or an aligned dkim=pass", async () => {
    const dmarc = await receive("Tap leaks", [`mx.desk.test; spf=pass smtp.mailfrom=${domain}; dkim=none; dmarc=pass (p=reject) header.from=${domain}`], trusting);
    expect(dmarc.outcome.status).toBe("FILED");
    expect(dmarc.filed).toBe(1);
    // Signed by the organisational domain of a subdomain sender: relaxed alignment, as DMARC's default.
    const dkim = await receive("Door sticks", [`mx.desk.test 1; dkim=pass header.d=example.com header.s=sel; spf=softfail smtp.mailfrom=bounce.other.test`], trusting);
    expect(dkim.outcome.status).toBe("FILED");
  });

  it("files nothing and logs it when the trusted server gives no pass for the From domain", async () => {
    const cases: [string, string[], RegExp][] = [
      // Passes, but for another domain than the From's.
      ["Other domain", [`mx.desk.test; spf=pass smtp.mailfrom=bulk.other.test; dkim=pass header.d=other.test; dmarc=none`], /mx\.desk\.test gives no dmarc=pass nor spf\/dkim pass for test\.example\.com/],
      // A pass the sender wrote itself, under another server's name: not read.
      ["Self-made", [`attacker.test; dmarc=pass header.from=${domain}`], /no Authentication-Results from mx\.desk\.test/],
      // The trusted server's own (topmost) header has nothing; a lower one claiming its name is the sender's.
      ["Planted", [`mx.desk.test; none`, `mx.desk.test; dmarc=pass header.from=${domain}`], /mx\.desk\.test gives no dmarc=pass/],
      ["No headers", [], /no Authentication-Results from mx\.desk\.test/],
    ];
    for (const [subject, results, reason] of cases) {
      const { outcome, filed, audit } = await receive(subject, results, trusting);
      expect(outcome.status, subject).toBe("REFUSED");
      expect(outcome.outcome, subject).toMatch(reason);
      expect(filed, subject).toBe(0);
      expect(audit.map((a) => a.action), subject).toEqual(["email.inbound_refused"]);
      expect(JSON.stringify(audit[0]!.detail), subject).toContain("sender not authenticated");
    }
    // Nothing was answered either: a sender nobody vouches for may not be who the From says.
    expect(await db().emailDelivery.count({ where: { to: desk.requester.email, kind: "inbound_reply" } })).toBe(0);
  });

  it("by default (no trusted server set) files mail without Authentication-Results", async () => {
    const { outcome, filed } = await receive("No setting", [], base);
    expect(outcome.status).toBe("FILED");
    expect(filed).toBe(1);
  });
});

describe("reading Authentication-Results", () => {
  it("reads comments, quoted values, versions and folded lines, and only the trusted server's topmost header", () => {
    expect(parseAuthResults(`mx.desk.test 1; (a comment (nested)) dkim=pass (good sig) header.d="Example.COM" header.s=x;\r\n\tspf=pass smtp.mailfrom=a@example.com`)).toEqual({
      authservId: "mx.desk.test",
      results: [
        { method: "dkim", result: "pass", props: { "header.d": "example.com", "header.s": "x" } },
        { method: "spf", result: "pass", props: { "smtp.mailfrom": "a@example.com" } },
      ],
    });
    expect(parseAuthResults("dkim=pass header.d=x")).toBeNull();
    const headers = ["other.test; dmarc=pass header.from=example.com", "MX.DESK.TEST; spf=pass smtp.mailfrom=sub.example.com"];
    expect(checkSender({ headers, from: "a@example.com", trusted: ["mx.desk.test"] })).toEqual({ ok: true, by: "spf=pass for example.com from mx.desk.test" });
    expect(checkSender({ headers, from: "a@notexample.com", trusted: ["mx.desk.test"] }).ok).toBe(false);
  });
});
