// POST /api/inbound-email, called as Next.js calls it, on the real database: the bearer secret,
// mail filed or refused through the same processing as IMAP, a provider's retry, and every body
// that must be refused before anything is stored.
import fc from "fast-check";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/inbound-email/route";
import { db } from "@/lib/db/client";
import type { InboundSettings } from "@/lib/email/process-inbound-email";
import { processPendingInbound } from "@/lib/email/process-pending-inbound";
import { replyTokenKey } from "@/lib/email/reply-token";
import { hostileString } from "../support/hostile";
import { seedDesk, uid } from "../support/factories";
import { mime } from "../support/mime";

const secret = `webhook-secret-${"x".repeat(32)}`;
const settings: InboundSettings = { mailFrom: "Desk <desk@mail.test>", replyAddress: "replies@mail.test", replyKey: replyTokenKey("test-secret-for-reply-addresses-0123456789"), unknownSender: "refuse" };
// Before any module reads the settings (env() is read once per test file): the webhook on, a 1 MB limit.
const saved = vi.hoisted(() => {
  const before = { secret: process.env.INBOUND_WEBHOOK_SECRET, max: process.env.INBOUND_MAX_MB };
  process.env.INBOUND_WEBHOOK_SECRET = `webhook-secret-${"x".repeat(32)}`;
  process.env.INBOUND_MAX_MB = "1";
  return before;
});

let desk: Awaited<ReturnType<typeof seedDesk>>;
let inbox: string;

afterAll(() => {
  if (saved.secret === undefined) delete process.env.INBOUND_WEBHOOK_SECRET;
  else process.env.INBOUND_WEBHOOK_SECRET = saved.secret;
  if (saved.max === undefined) delete process.env.INBOUND_MAX_MB;
  else process.env.INBOUND_MAX_MB = saved.max;
});
beforeEach(async () => {
  desk = await seedDesk();
  inbox = `fac-${uid()}@in.test`;
  await db().inboundAddress.create({ data: { address: inbox, departmentId: desk.provider.id, typeId: desk.type.id } });
});

async function post(given: string | Uint8Array | ReadableStream<Uint8Array>, headers: Record<string, string> = { authorization: `Bearer ${secret}` }) {
  const body = given instanceof Uint8Array ? new Uint8Array(given) : given;
  const init: RequestInit & { duplex?: "half" } = { method: "POST", headers: { "content-type": "message/rfc822", ...headers }, body };
  if (given instanceof ReadableStream) init.duplex = "half";
  const response = await POST(new Request("http://desk.test/api/inbound-email", init));
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

const stored = () => db().inboundEmail.count();

describe("POST /api/inbound-email", () => {
  it("without the secret, or with a wrong one, is 401 and stores nothing", async () => {
    const raw = await mime({ from: desk.requester.email, to: inbox, subject: "Lights out", text: "In room 2." });
    const before = await stored();
    for (const headers of [{} as Record<string, string>, { authorization: "Bearer wrong" }, { authorization: secret }, { authorization: `Basic ${Buffer.from(`x:${secret}`).toString("base64")}` }]) {
      const answer = await post(raw, headers);
      expect(answer.status).toBe(401);
      expect(answer.json.error.code).toBe("UNAUTHENTICATED");
    }
    expect(await stored()).toBe(before);
  });

  it("stores a known sender's mail (202) and the inbound job files it as a request of the address's type", async () => {
    const messageId = `<${uid()}@client.test>`;
    const answer = await post(await mime({ messageId, from: `Req <${desk.requester.email}>`, to: inbox, subject: "Radiator is cold", text: "Room 4.12, since Monday." }));
    expect(answer).toMatchObject({ status: 202, json: { duplicate: false } });
    expect(await db().inboundEmail.findUniqueOrThrow({ where: { id: answer.json.id as string } })).toMatchObject({ messageId, source: "webhook", status: "RECEIVED" });
    await processPendingInbound({ settings });
    const row = await db().inboundEmail.findUniqueOrThrow({ where: { messageId } });
    expect(row.status).toBe("FILED");
    const request = await db().request.findUniqueOrThrow({ where: { id: row.requestId! } });
    expect(request).toMatchObject({ title: "Radiator is cold", requesterId: desk.requester.id, departmentId: desk.provider.id, typeId: desk.type.id });
    expect(request.description).toContain("Room 4.12, since Monday.");
  });

  it("an unknown sender's mail is stored, then refused with a polite answer: nothing filed", async () => {
    const stranger = `stranger-${uid()}@elsewhere.test`;
    const messageId = `<${uid()}@client.test>`;
    expect((await post(await mime({ messageId, from: stranger, to: inbox, subject: "Hello", text: "Can you help?" }))).status).toBe(202);
    await processPendingInbound({ settings });
    const row = await db().inboundEmail.findUniqueOrThrow({ where: { messageId } });
    expect(row).toMatchObject({ status: "REFUSED", outcome: "unknown sender", requestId: null });
    expect(await db().person.count({ where: { email: stranger } })).toBe(0);
    expect(await db().emailDelivery.count({ where: { to: stranger, kind: "inbound_reply" } })).toBe(1);
    expect(await db().request.count({ where: { departmentId: desk.provider.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "email.inbound_refused", subject: `inbound:${row.id}` } })).toBe(1);
  });

  it("a provider's replay of the same message is 200, a duplicate of the first, and files once", async () => {
    const raw = await mime({ from: desk.requester.email, to: inbox, subject: "Door sticks", text: "Front door." });
    const first = await post(raw);
    const replay = await post(raw);
    expect(first.status).toBe(202);
    expect(replay).toMatchObject({ status: 200, json: { id: first.json.id, duplicate: true } });
    await processPendingInbound({ settings });
    expect(await post(raw)).toMatchObject({ status: 200, json: { duplicate: true } });
    await processPendingInbound({ settings });
    expect(await db().request.count({ where: { requesterId: desk.requester.id, title: "Door sticks" } })).toBe(1);
  });

  it("a body that is not one MIME message with a From address is 422 and stores nothing", async () => {
    const before = await stored();
    const bodies: (string | Uint8Array)[] = [
      "",
      JSON.stringify({ from: desk.requester.email, to: inbox, subject: "Parsed fields", text: "hi" }),
      `from=${encodeURIComponent(desk.requester.email)}&subject=Hi&body-plain=Hello`,
      "Just some text, no headers at all.\n\nAnd a second paragraph.",
      `To: ${inbox}\r\nSubject: No sender\r\n\r\nWho wrote this?`,
      `From: nobody\r\nSubject: Not an address\r\n\r\nText`,
      `From: ${desk.requester.email}\r\nthis line is not a header\r\n\r\nText`,
      new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]),
    ];
    for (const body of bodies) {
      const answer = await post(body);
      expect(answer.status, JSON.stringify(typeof body === "string" ? body : "bytes")).toBe(422);
      expect(answer.json.error.code).toBe("INVALID_INPUT");
    }
    expect(await stored()).toBe(before);
  });

  it("accepts an MTA's pipe with mbox's envelope line first", async () => {
    const raw = await mime({ from: desk.requester.email, to: inbox, subject: "Piped", text: "From Postfix." });
    const answer = await post(Buffer.concat([Buffer.from(`From ${desk.requester.email} Wed Dec  2 10:00:00 2026\n`), raw]));
    expect(answer.status).toBe(202);
  });

  it("a message over INBOUND_MAX_MB is 413, declared or streamed without a length, and stores nothing", async () => {
    const big = await mime({ from: desk.requester.email, to: inbox, subject: "Huge", text: "y".repeat(1_200_000) });
    const before = await stored();
    expect((await post(big)).status).toBe(413);
    const chunks = [big.subarray(0, 600_000), big.subarray(600_000)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(new Uint8Array(next));
        else controller.close();
      },
    });
    const streamed = await post(stream);
    expect(streamed.status).toBe(413);
    expect(streamed.json.error.message).toMatch(/at most 1 MB/);
    expect(await stored()).toBe(before);
  });

  it("hostile bodies get a 4xx or are stored, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileString, hostileString.map((s) => `From: ${s}\r\nSubject: ${s}\r\n\r\n${s}`), fc.uint8Array({ maxLength: 200 })), async (body) => {
        const { status } = await post(typeof body === "string" ? body : new Uint8Array(body));
        expect([200, 202, 413, 422]).toContain(status);
      }),
      { numRuns: 60 },
    );
  });
});
