import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { uploadInboundEmail } from "@/lib/email/admin-mailbox";
import { processInboundEmail, type InboundSettings } from "@/lib/email/process-inbound-email";
import { processPendingInbound } from "@/lib/email/process-pending-inbound";
import { replyTokenKey, signReplyTag } from "@/lib/email/reply-token";
import { storeInboundEmail } from "@/lib/email/store-inbound-email";
import { addWatcher } from "@/lib/requests/add-watcher";
import { fileRequest } from "@/lib/requests/file-request";
import { expectAppError } from "../support/expect-app-error";
import { actorOf, seedDepartment, seedDesk, seedPerson, uid } from "../support/factories";
import { exeBytes, pngBytes } from "../support/files";
import { mime, rawMail } from "../support/mime";

const key = replyTokenKey("test-secret-for-reply-addresses-0123456789")!;
const settings: InboundSettings = { mailFrom: "Desk <desk@mail.test>", replyAddress: "replies@mail.test", replyKey: key, unknownSender: "refuse" };
const MB = 1024 * 1024;

let desk: Awaited<ReturnType<typeof seedDesk>>;
let inbox: string;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ??= "test-secret-for-rating-links-0123456789";
});
beforeEach(async () => {
  desk = await seedDesk();
  inbox = `fac-${uid()}@in.test`;
  await db().inboundAddress.create({ data: { address: inbox, departmentId: desk.provider.id, typeId: desk.type.id } });
});

async function receive(raw: Buffer, options: { settings?: InboundSettings; maxBytes?: number } = {}) {
  const stored = await storeInboundEmail(db(), { raw, source: "upload", maxBytes: options.maxBytes ?? 25 * MB });
  const result = await processInboundEmail({ inboundId: stored.id, settings: options.settings ?? settings });
  return { ...result, ...stored, row: await db().inboundEmail.findUniqueOrThrow({ where: { id: stored.id } }) };
}

async function replyAddress(requestId: string, personId: string) {
  const token = await db().emailReplyToken.upsert({ where: { requestId_personId: { requestId, personId } }, update: {}, create: { requestId, personId } });
  return `replies+${signReplyTag(token.id, key)}@mail.test`;
}

async function filed(title = "Broken chair") {
  return fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title, description: "It wobbles.", submissionKey: `k-${uid()}` } });
}

const comments = (requestId: string) => db().comment.findMany({ where: { requestId }, orderBy: { createdAt: "asc" } });
const refusedAudit = (id: string) => db().auditEvent.count({ where: { action: "email.inbound_refused", subject: `inbound:${id}` } });

describe("filing by mail", () => {
  it("files a request of the address's type: subject → title, text → description, accepted files attached, refused ones named; the same mail twice files once", async () => {
    const raw = await mime({
      from: `Req <${desk.requester.email}>`,
      to: inbox,
      subject: "Heating is off in room 4",
      text: "It is 14 degrees here.",
      html: "<p>It is <b>14 degrees</b> here.</p>",
      attachments: [
        { filename: "photo.png", content: Buffer.from(pngBytes()) },
        { filename: "invoice.pdf.exe", content: Buffer.from(exeBytes()) },
      ],
    });
    const first = await receive(raw);
    expect(first).toMatchObject({ status: "FILED", duplicate: false });
    const request = await db().request.findUniqueOrThrow({ where: { id: first.requestId! }, include: { attachments: true } });
    expect(request).toMatchObject({ title: "Heating is off in room 4", requesterId: desk.requester.id, departmentId: desk.provider.id, typeId: desk.type.id });
    expect(request.description).toContain("It is 14 degrees here.");
    expect(request.description).toMatch(/Not attached:\n- .*invoice\.pdf\.exe/);
    expect(request.attachments.map((a) => a.fileName)).toEqual(["photo.png"]);
    // The sender gets a confirmation (with a reply address once composed); the agents hear of it as of any new request.
    expect(await db().emailDelivery.findFirstOrThrow({ where: { requestId: request.id, kind: "request_filed" } })).toMatchObject({ to: desk.requester.email, personId: desk.requester.id });
    expect(await db().notification.count({ where: { requestId: request.id, kind: "new_request", personId: desk.agent.id } })).toBe(1);

    const again = await storeInboundEmail(db(), { raw, source: "imap", maxBytes: 25 * MB });
    expect(again).toEqual({ id: first.id, duplicate: true });
    expect(await processPendingInbound({ settings })).toBe(0);
    expect(await db().request.count({ where: { requesterId: desk.requester.id } })).toBe(1);
  });

  it("reads HTML-only mail as text, safely", async () => {
    const { requestId } = await receive(
      await mime({ from: desk.requester.email, to: inbox, subject: "Projector", html: `<div>The <b>projector</b> flickers.<script>alert("x")</script><img src="http://evil.test/x.png"><br>Room <a href="http://map.test/r2">R2</a></div>` }),
    );
    const { description } = await db().request.findUniqueOrThrow({ where: { id: requestId! } });
    expect(description).toContain("The projector flickers.");
    expect(description).toContain("Room R2 [http://map.test/r2]");
    expect(description).not.toMatch(/<|alert|evil/);
  });

  it("decodes non-UTF-8 charsets in headers and bodies", async () => {
    const raw = rawMail(
      [`From: =?ISO-8859-1?Q?J=FCrgen?= <${desk.requester.email}>`, `To: ${inbox}`, `Subject: =?ISO-8859-1?Q?Schl=FCssel_f=FCr_B=FCro?=`, `Message-ID: <${uid()}@client.test>`, "MIME-Version: 1.0", "Content-Type: text/plain; charset=windows-1252", "Content-Transfer-Encoding: 8bit", "", "Der Schl\xfcssel f\xfcr das B\xfcro \x96 bitte bis Montag \x80 50.", ""].join("\n"),
    );
    const { requestId, status } = await receive(raw);
    expect(status).toBe("FILED");
    const request = await db().request.findUniqueOrThrow({ where: { id: requestId! } });
    expect(request.title).toBe("Schlüssel für Büro");
    expect(request.description).toBe("Der Schlüssel für das Büro – bitte bis Montag € 50.");
  });

  it("survives malformed headers and a missing Message-ID (a hash of the bytes stands in)", async () => {
    const raw = rawMail(
      [`From: ${desk.requester.email}`, `To: ${inbox}`, "Subject: =?utf-8?B?broken====?= Desk lamp", "X-Garbage line without colon", "Date: not a date", "Content-Type: text/plain; charset=no-such-charset", "", "The lamp is broken.", ""].join("\n"),
    );
    const first = await receive(raw);
    expect(first.status).toBe("FILED");
    expect(first.row.messageId).toMatch(/^<sha256\.[0-9a-f]{64}@no-message-id>$/);
    expect((await db().request.findUniqueOrThrow({ where: { id: first.requestId! } })).description).toContain("The lamp is broken.");
    expect((await storeInboundEmail(db(), { raw, source: "imap", maxBytes: 25 * MB })).duplicate).toBe(true);
  });

  it("refuses a mail over the size limit, keeping its headers only", async () => {
    const raw = await mime({ from: desk.requester.email, to: inbox, subject: "Big", text: "x".repeat(2 * MB) });
    const { row } = await receive(raw, { maxBytes: 1 * MB });
    expect(row).toMatchObject({ status: "REFUSED", outcome: "too large (3 MB)" });
    expect(row.raw.length).toBeLessThan(2048);
    expect(await db().request.count({ where: { requesterId: desk.requester.id } })).toBe(0);
  });
});

describe("refusals: nothing is filed or changed, and the reason is kept and audited", () => {
  it("an unknown sender is refused with a polite reply, or created as an employee when configured", async () => {
    const stranger = `stranger-${uid()}@elsewhere.test`;
    const refused = await receive(await mime({ from: stranger, to: inbox, subject: "Hello desk", text: "Please help." }));
    expect(refused).toMatchObject({ status: "REFUSED", outcome: "unknown sender" });
    expect(await refusedAudit(refused.id)).toBe(1);
    expect(await db().emailDelivery.count({ where: { to: stranger, kind: "inbound_reply" } })).toBe(1);
    expect(await db().person.count({ where: { email: stranger } })).toBe(0);

    const department = await seedDepartment();
    const newcomer = `newcomer-${uid()}@elsewhere.test`;
    const created = await receive(await mime({ from: `New Comer <${newcomer}>`, to: inbox, subject: "Hello desk", text: "Please help." }), {
      settings: { ...settings, unknownSender: "create", defaultDepartmentKey: department.key },
    });
    expect(created.status).toBe("FILED");
    expect(await db().person.findUniqueOrThrow({ where: { email: newcomer } })).toMatchObject({ name: "New Comer", departmentId: department.id });
  });

  it("a deactivated person, a forged From and a mail to no address of the desk are refused", async () => {
    const gone = await seedPerson({ departmentId: desk.other.id, active: false });
    const deactivated = await receive(await mime({ from: gone.email, to: inbox, subject: "Still here", text: "Hi" }));
    expect(deactivated).toMatchObject({ status: "REFUSED", outcome: "sender is deactivated" });

    const forged = await receive(
      await mime({ from: desk.requester.email, to: inbox, subject: "Urgent transfer", text: "Pay this", headers: { "Authentication-Results": "mx.mail.test; spf=fail smtp.mailfrom=evil.test; dkim=none; dmarc=fail header.from=corp.test" } }),
    );
    expect(forged.status).toBe("REFUSED");
    expect(forged.outcome).toMatch(/forged/);

    const nowhere = await receive(await mime({ from: desk.requester.email, to: `nobody-${uid()}@in.test`, subject: "Lost", text: "Hi" }));
    expect(nowhere.status).toBe("REFUSED");
    // An address a head turned off files nothing either.
    await db().inboundAddress.update({ where: { address: inbox }, data: { active: false } });
    expect((await receive(await mime({ from: desk.requester.email, to: inbox, subject: "Off", text: "Hi" }))).status).toBe("REFUSED");
    for (const r of [deactivated, forged, nowhere]) expect(await refusedAudit(r.id)).toBe(1);
    expect(await db().request.count({ where: { requesterId: { in: [gone.id, desk.requester.id] } } })).toBe(0);
  });

  it("auto-replies, bulk mail and the desk's own mail are ignored; a bounce marks its delivery failed", async () => {
    const from = desk.requester.email;
    const cases: [Record<string, string>, string, string][] = [
      [{ "Auto-Submitted": "auto-replied" }, "Re: Heating", "auto-reply"],
      [{ "X-Autoreply": "yes" }, "Re: Heating", "auto-reply"],
      [{ Precedence: "bulk" }, "Newsletter", "bulk"],
      [{ "List-Id": "<all.corp.test>" }, "All staff", "bulk"],
      [{}, "Out of Office: back on Monday", "auto-reply"],
      [{}, "Automatic reply: Heating", "auto-reply"],
    ];
    for (const [headers, subject, outcome] of cases) {
      expect(await receive(await mime({ from, to: inbox, subject, text: "I am away.", headers }))).toMatchObject({ status: "IGNORED", outcome });
    }
    expect(await receive(await mime({ from: "desk@mail.test", to: inbox, subject: "Loop", text: "x" }))).toMatchObject({ status: "IGNORED", outcome: "loop" });
    expect(await db().request.count({ where: { requesterId: desk.requester.id } })).toBe(0);

    const delivery = await db().emailDelivery.create({ data: { kind: "reply", to: "gone@corp.test", subject: "s", text: "t", status: "SENT" } });
    const dsn = rawMail(
      [
        "From: Mail Delivery System <MAILER-DAEMON@mx.corp.test>", `To: desk@mail.test`, "Subject: Undelivered Mail Returned to Sender", `Message-ID: <${uid()}@mx.corp.test>`, "MIME-Version: 1.0",
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"', "", "--b1", "Content-Type: text/plain", "", "This is the mail system. Your message could not be delivered.", "",
        "--b1", "Content-Type: message/delivery-status", "", "Reporting-MTA: dns; mx.corp.test", "", "Final-Recipient: rfc822; gone@corp.test", "Action: failed", "Status: 5.1.1", "Diagnostic-Code: smtp; 550 5.1.1 user unknown", "",
        "--b1", "Content-Type: text/rfc822-headers", "", `Message-ID: <d.${delivery.id}@mail.test>`, "Subject: s", "", "--b1--", "",
      ].join("\n"),
    );
    expect(await receive(dsn)).toMatchObject({ status: "BOUNCE", outcome: "marked 1 delivery failed" });
    const bounced = await db().emailDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(bounced.status).toBe("FAILED");
    expect(bounced.lastError).toMatch(/Bounced: .*5\.1\.1/);
  });
});

describe("replies by mail", () => {
  it("the requester's reply lands as their public reply, quote and signature stripped, and puts a waiting request back to open", async () => {
    const { id } = await filed();
    await db().request.update({ where: { id }, data: { status: "WAITING_ON_REQUESTER" } });
    const to = await replyAddress(id, desk.requester.id);
    const result = await receive(
      await mime({
        from: desk.requester.email, to, subject: "Re: [X] New reply", inReplyTo: `<r.${id}@mail.test>`,
        text: "Yes, Monday works.\n\n-- \nReq, Marketing\n\nOn Tue, 1 Dec 2026 at 10:00, Desk <desk@mail.test> wrote:\n> We can come on Monday.\n",
      }),
    );
    expect(result).toMatchObject({ status: "REPLIED", requestId: id });
    const [comment] = await comments(id);
    expect(comment).toMatchObject({ body: "Yes, Monday works.", authorId: desk.requester.id, visibility: "PUBLIC" });
    expect((await db().request.findUniqueOrThrow({ where: { id } })).status).toBe("OPEN");
  });

  it("an agent's mailed reply is public; a follower may reply with their own address", async () => {
    const { id } = await filed();
    const agentReply = await receive(await mime({ from: desk.agent.email, to: await replyAddress(id, desk.agent.id), subject: "Re: x", text: "On our way." }));
    expect(agentReply.status).toBe("REPLIED");
    const follower = await actorOf((await seedPerson({ departmentId: desk.other.id })).id);
    await addWatcher({ actor: desk.requester, input: { requestId: id, personId: follower.id } });
    expect((await receive(await mime({ from: follower.email, to: await replyAddress(id, follower.id), subject: "Re: x", text: "Thanks!" }))).status).toBe("REPLIED");
    expect((await comments(id)).map((c) => [c.authorId, c.visibility, c.body])).toEqual([
      [desk.agent.id, "PUBLIC", "On our way."],
      [follower.id, "PUBLIC", "Thanks!"],
    ]);
  });

  it("refuses a reply address used by someone else, a bad token, an outsider in the thread, and a closed request (with a polite reply)", async () => {
    const { id } = await filed();
    const requesterAddress = await replyAddress(id, desk.requester.id);
    const mismatch = await receive(await mime({ from: desk.outsiderAgent.email, to: requesterAddress, subject: "Re: x", text: "Let me in" }));
    expect(mismatch).toMatchObject({ status: "REFUSED", outcome: "the reply address belongs to someone else than the sender" });
    const badToken = await receive(await mime({ from: desk.requester.email, to: requesterAddress.replace(/\.([0-9a-f])/, (_m, c: string) => `.${c === "a" ? "b" : "a"}`), subject: "Re: x", text: "Hi" }));
    expect(badToken).toMatchObject({ status: "REFUSED", outcome: "reply address not valid" });
    // Someone who may not see the request, answering into its thread without a reply address: the policy says no.
    const outsider = await receive(await mime({ from: desk.outsiderAgent.email, to: "desk@mail.test", subject: "Re: x", text: "Hi", references: [`<r.${id}@mail.test>`] }));
    expect(outsider.status).toBe("REFUSED");
    expect(await comments(id)).toEqual([]);
    for (const r of [mismatch, badToken, outsider]) expect(await refusedAudit(r.id)).toBe(1);

    await db().request.update({ where: { id }, data: { status: "CLOSED" } });
    const closed = await receive(await mime({ from: desk.requester.email, to: requesterAddress, subject: "Re: x", text: "One more thing" }));
    expect(closed.status).toBe("REFUSED");
    expect(closed.outcome).toMatch(/closed/i);
    expect(await comments(id)).toEqual([]);
    const answer = await db().emailDelivery.findFirstOrThrow({ where: { to: desk.requester.email, kind: "inbound_reply" } });
    expect(answer.text).toMatch(/File a new request/);
  });

  it("a run that died after the reply committed does not add it twice", async () => {
    const { id } = await filed();
    const stored = await storeInboundEmail(db(), { raw: await mime({ from: desk.requester.email, to: await replyAddress(id, desk.requester.id), subject: "Re: x", text: "Once only" }), source: "imap", maxBytes: 25 * MB });
    expect(await processPendingInbound({ settings })).toBe(1);
    // As if the worker died before its outcome was written: the row is claimable again.
    await db().inboundEmail.update({ where: { id: stored.id }, data: { status: "RECEIVED", lockedUntil: null } });
    expect(await processPendingInbound({ settings })).toBe(1);
    expect((await comments(id)).map((c) => c.body)).toEqual(["Once only"]);
    expect(await db().inboundEmail.findUniqueOrThrow({ where: { id: stored.id } })).toMatchObject({ status: "REPLIED", attempts: 2 });
  });
});

describe("uploading an .eml", () => {
  it.runIf(process.env.DESK_EMBEDDED !== "true")("is refused on a real desk (it would let an admin write as anyone)", async () => {
    const admin = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "ADMIN" }] })).id);
    await expectAppError(uploadInboundEmail({ actor: admin, eml: await mime({ from: desk.requester.email, to: inbox, subject: "Nope", text: "x" }) }), "FORBIDDEN");
    expect(await db().request.count({ where: { requesterId: desk.requester.id } })).toBe(0);
  });
});
