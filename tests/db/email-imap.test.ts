import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db, dbPool } from "@/lib/db/client";
import type { InboundSettings } from "@/lib/email/process-inbound-email";
import { pollImapMailbox } from "@/lib/email/poll-imap";
import { replyTokenKey } from "@/lib/email/reply-token";
import { startJobs } from "@/lib/jobs/run-jobs";
import { seedDesk, uid } from "../support/factories";
import { startDovecot, type Dovecot } from "../support/dovecot";
import { mime } from "../support/mime";

const settings: InboundSettings = { mailFrom: "Desk <desk@mail.test>", replyAddress: "replies@mail.test", replyKey: replyTokenKey("test-secret-for-reply-addresses-0123456789"), unknownSender: "refuse" };
let dovecot: Dovecot;
let desk: Awaited<ReturnType<typeof seedDesk>>;
let inbox: string;
let runner: Awaited<ReturnType<typeof startJobs>> | undefined;

beforeAll(async () => {
  dovecot = await startDovecot(["facilities", "big"]);
});
afterAll(async () => {
  await dovecot?.stop();
});
beforeEach(async () => {
  desk = await seedDesk();
  inbox = `fac-${uid()}@in.test`;
  await db().inboundAddress.create({ data: { address: inbox, departmentId: desk.provider.id, typeId: desk.type.id } });
});
afterEach(async () => {
  await runner?.stop();
  runner = undefined;
});

async function waitFor<T>(probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("IMAP mailbox (a real dovecot)", () => {
  it("the job polls the mailbox, stores each mail once and files it; a mail delivered twice files once", async () => {
    const messageId = `<${uid()}@client.test>`;
    const raw = await mime({ messageId, from: desk.requester.email, to: inbox, subject: "Leaking tap in kitchen 3", text: "Drip, drip." });
    await dovecot.deliver("facilities", raw);
    await dovecot.deliver("facilities", raw);
    runner = await startJobs({
      db: db(), pool: dbPool(), url: process.env.DATABASE_URL!, embedded: process.env.DESK_EMBEDDED === "true", baseUrl: "http://desk.test",
      sweepEverySeconds: 60, relayEverySeconds: 60, deliver: async () => undefined, log: () => undefined,
      imapUrls: [dovecot.urlFor("facilities")], imapPollSeconds: 5, inboundSettings: settings,
    });
    const row = await waitFor(() => db().inboundEmail.findUnique({ where: { messageId } }), (r) => r?.status === "FILED");
    expect(row).toMatchObject({ status: "FILED", source: "imap", fromAddress: desk.requester.email });
    const requests = await db().request.findMany({ where: { requesterId: desk.requester.id } });
    expect(requests.map((r) => r.title)).toEqual(["Leaking tap in kitchen 3"]);
    // Both copies are flagged read: the next poll finds nothing.
    expect(await pollImapMailbox(db(), { url: dovecot.urlFor("facilities"), maxBytes: 1024 * 1024 })).toEqual({ stored: 0, duplicates: 0 });
  });

  it("fetches only the headers of a mail over the limit and refuses it", async () => {
    const messageId = `<${uid()}@client.test>`;
    await dovecot.deliver("big", await mime({ messageId, from: desk.requester.email, to: inbox, subject: "Huge scan", text: "y".repeat(300_000) }));
    expect(await pollImapMailbox(db(), { url: dovecot.urlFor("big"), maxBytes: 100_000 })).toEqual({ stored: 1, duplicates: 0 });
    const row = await db().inboundEmail.findUniqueOrThrow({ where: { messageId } });
    expect(row.status).toBe("REFUSED");
    expect(row.outcome).toMatch(/too large/);
    expect(row.raw.length).toBeLessThan(4096);
  });

  it("a wrong password is an error the job logs, and stores nothing", async () => {
    await expect(pollImapMailbox(db(), { url: dovecot.urlFor("facilities").replace("imap-test-password", "wrong"), maxBytes: 1024 })).rejects.toThrow();
  });
});
