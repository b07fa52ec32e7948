import { simpleParser } from "mailparser";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db, dbPool } from "@/lib/db/client";
import { plusTag } from "@/lib/email/mail-address";
import { replyTokenKey, verifyReplyTag } from "@/lib/email/reply-token";
import { deliverEmail } from "@/lib/jobs/email-outbox";
import { startJobs } from "@/lib/jobs/run-jobs";
import { addComment } from "@/lib/requests/add-comment";
import { fileRequest } from "@/lib/requests/file-request";
import { seedDesk, uid } from "../support/factories";
import { startSmtpCapture, type SmtpCapture } from "../support/smtp-capture";

const key = replyTokenKey("test-secret-for-reply-addresses-0123456789")!;
let smtp: SmtpCapture;
let desk: Awaited<ReturnType<typeof seedDesk>>;
let runner: Awaited<ReturnType<typeof startJobs>> | undefined;

beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(async () => {
  await smtp.stop();
});
beforeEach(async () => {
  desk = await seedDesk();
});
afterEach(async () => {
  await runner?.stop();
  runner = undefined;
  await db().$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_fail_mark ON "EmailDelivery"`);
  await db().$executeRawUnsafe(`DROP FUNCTION IF EXISTS test_fail_mark()`);
});

async function waitFor<T>(probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("notification mail", () => {
  it("has text and HTML, the reference, threading headers, a signed reply address, List-Unsubscribe and Auto-Submitted", async () => {
    const { id, reference } = await fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title: "Broken chair", description: "It wobbles.", submissionKey: `k-${uid()}` } });
    runner = await startJobs({
      db: db(), pool: dbPool(), url: process.env.DATABASE_URL!, embedded: process.env.DESK_EMBEDDED === "true",
      baseUrl: "http://desk.test", relayEverySeconds: 1, sweepEverySeconds: 60, smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      mailFrom: "Desk <desk@mail.test>", replyAddress: "replies@mail.test", replyKey: key, log: () => undefined,
    });
    await addComment({ actor: desk.agent, input: { requestId: id, body: "We will fix it on Monday." } });
    const captured = await smtp.waitForMail(desk.requester.email);
    const mail = await simpleParser(captured.raw);
    const row = await db().emailDelivery.findFirstOrThrow({ where: { requestId: id, to: desk.requester.email } });

    expect(mail.subject).toContain(reference);
    expect(mail.messageId).toBe(`<d.${row.id}@mail.test>`);
    expect(mail.inReplyTo).toBe(`<r.${id}@mail.test>`);
    expect(mail.references).toEqual(`<r.${id}@mail.test>`);
    expect(mail.headers.get("auto-submitted")).toBe("auto-generated");
    expect(captured.raw).toMatch(/^List-Unsubscribe: <http:\/\/desk\.test\/account\/notifications>\r?$/m);
    expect(mail.text).toContain("We will fix it on Monday.");
    expect(mail.text).toContain(`/requests/${reference}`);
    expect(mail.html).toContain("<blockquote");
    expect(mail.html).toMatch(new RegExp(`href="[^"]*/requests/${reference}"`));

    const replyTo = mail.replyTo!.value[0]!.address!;
    const tag = plusTag(replyTo, "replies@mail.test")!;
    const tokenId = verifyReplyTag(tag, key)!;
    expect(await db().emailReplyToken.findUniqueOrThrow({ where: { id: tokenId } })).toMatchObject({ requestId: id, personId: desk.requester.id });
    // A changed MAC or another key is no reply address.
    expect(verifyReplyTag(tag.replace(/.$/, (c) => (c === "0" ? "1" : "0")), key)).toBeNull();
    expect(verifyReplyTag(tag, replyTokenKey("another-secret-for-reply-addresses-012345"))).toBeNull();
    // Every mail about the request names the same thread.
    await addComment({ actor: desk.agent, input: { requestId: id, body: "Monday it is." } });
    await waitFor(() => Promise.resolve(smtp.mails.filter((m) => m.to.includes(desk.requester.email)).length), (n) => n === 2);
    const second = await simpleParser(smtp.mails.filter((m) => m.to.includes(desk.requester.email))[1]!.raw);
    expect(second.inReplyTo).toBe(`<r.${id}@mail.test>`);
    expect(second.replyTo!.value[0]!.address).toBe(replyTo);
  });
});

describe("a sent email whose mark fails (issue 14)", () => {
  it("is marked later and never sent again", async () => {
    const to = `mark-${uid()}@mail.test`;
    const row = await db().emailDelivery.create({ data: { kind: "reply", to, subject: "s", text: "t" } });
    // The database refuses the SENT mark of this row, as a restarting server would.
    await db().$executeRawUnsafe(`CREATE FUNCTION test_fail_mark() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.status = 'SENT' AND NEW."to" LIKE 'mark-%' THEN RAISE EXCEPTION 'database going down'; END IF; RETURN NEW; END $$`);
    await db().$executeRawUnsafe(`CREATE TRIGGER test_fail_mark BEFORE UPDATE ON "EmailDelivery" FOR EACH ROW EXECUTE FUNCTION test_fail_mark()`);
    const sent: string[] = [];
    const deliver = async (mail: { id: string }) => void sent.push(mail.id);

    await expect(deliverEmail(db(), { deliveryId: row.id, finalAttempt: false, deliver })).rejects.toThrow(/database going down/);
    expect(sent).toEqual([row.id]);
    expect(await db().emailDelivery.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "QUEUED", attempts: 1 });

    // pg-boss retries the job while the database still refuses: still no second send.
    await expect(deliverEmail(db(), { deliveryId: row.id, finalAttempt: false, deliver })).rejects.toThrow(/database going down/);
    await db().$executeRawUnsafe(`DROP TRIGGER test_fail_mark ON "EmailDelivery"`);
    // The next retry writes the mark, and only the mark; even a final attempt after the lease ran out sends nothing.
    expect(await deliverEmail(db(), { deliveryId: row.id, finalAttempt: true, deliver, now: new Date(Date.now() + 10 * 60_000) })).toBe("sent");
    expect(sent).toEqual([row.id]);
    expect(await db().emailDelivery.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "SENT", attempts: 1 });
    expect(await deliverEmail(db(), { deliveryId: row.id, finalAttempt: false, deliver })).toBe("skipped");
    expect(sent).toEqual([row.id]);
  });
});
