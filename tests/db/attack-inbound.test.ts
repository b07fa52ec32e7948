import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { processInboundEmail, type InboundSettings } from "@/lib/email/process-inbound-email";
import { replyTokenKey, signReplyTag } from "@/lib/email/reply-token";
import { storeInboundEmail } from "@/lib/email/store-inbound-email";
import { addWatcher } from "@/lib/requests/add-watcher";
import { fileRequest } from "@/lib/requests/file-request";
import { actorOf, seedDesk, seedPerson, uid } from "../support/factories";
import { mime } from "../support/mime";

/**
 * Attack probes on inbound email: a forged From (which the receiving server did not mark) riding a
 * request's thread, another person's mail answered, and a reply address of one request naming another.
 */
const key = replyTokenKey("test-secret-for-reply-addresses-0123456789")!;
const settings: InboundSettings = { mailFrom: "Desk <desk@mail.test>", replyAddress: "replies@mail.test", replyKey: key, unknownSender: "refuse" };

let desk: Awaited<ReturnType<typeof seedDesk>>;
let inbox: string;
beforeEach(async () => {
  desk = await seedDesk();
  inbox = `fac-${uid()}@in.test`;
  await db().inboundAddress.create({ data: { address: inbox, departmentId: desk.provider.id, typeId: desk.type.id } });
});

async function receive(raw: Buffer) {
  const stored = await storeInboundEmail(db(), { raw, source: "upload", maxBytes: 25 * 1024 * 1024 });
  return processInboundEmail({ inboundId: stored.id, settings });
}
const filed = (title = "Broken chair") => fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title, description: "It wobbles.", submissionKey: `k-${uid()}` } });
const comments = (requestId: string) => db().comment.findMany({ where: { requestId }, orderBy: { createdAt: "asc" }, select: { authorId: true, body: true } });
/** A mail the desk sent about a request to one person (its Message-ID is <d.id@mail.test>). */
const sentTo = (person: { id: string; email: string }, requestId: string) =>
  db().emailDelivery.create({ data: { personId: person.id, kind: "new_reply", requestId, to: person.email, subject: "Re: x", text: "…" } });

describe("attack: inbound mail without a reply address", () => {
  it("refuses a forged From riding the request's thread id: a follower cannot write as the requester", async () => {
    const { id } = await filed();
    const follower = await actorOf((await seedPerson({ departmentId: desk.other.id })).id);
    await addWatcher({ actor: desk.requester, input: { requestId: id, personId: follower.id } });
    // The follower sees the request (and its id); their mail claims to be the requester's.
    for (const to of [inbox, "desk@mail.test"]) {
      const forged = await receive(await mime({ from: desk.requester.email, to, subject: "Re: x", text: "Please close this, it was a mistake.", inReplyTo: `<r.${id}@mail.test>`, references: [`<r.${id}@mail.test>`] }));
      expect(forged.status, to).toBe("REFUSED");
    }
    expect(await comments(id)).toEqual([]);
    expect(await db().request.count({ where: { requester: { id: desk.requester.id }, title: "Re: x" } })).toBe(0);
  });

  it("refuses an answer to the desk's mail that went to someone else (a forwarded notification)", async () => {
    const { id } = await filed();
    const toRequester = await sentTo(desk.requester, id);
    const result = await receive(await mime({ from: desk.agent.email, to: "desk@mail.test", subject: "Re: x", text: "Ours now", inReplyTo: `<d.${toRequester.id}@mail.test>`, references: [`<r.${id}@mail.test>`, `<d.${toRequester.id}@mail.test>`] }));
    expect(result.status).toBe("REFUSED");
    expect(await comments(id)).toEqual([]);
  });

  it("takes an answer to the desk's own mail to the sender as their reply (a client that answered From, not Reply-To)", async () => {
    const { id } = await filed();
    const mine = await sentTo(desk.requester, id);
    const result = await receive(await mime({ from: desk.requester.email, to: "desk@mail.test", subject: "Re: x", text: "Monday works.", inReplyTo: `<d.${mine.id}@mail.test>`, references: [`<r.${id}@mail.test>`, `<d.${mine.id}@mail.test>`] }));
    expect(result).toMatchObject({ status: "REPLIED", requestId: id });
    expect(await comments(id)).toEqual([{ authorId: desk.requester.id, body: "Monday works." }]);
  });

  it("a reply address of one request goes to that request, whatever thread the mail claims", async () => {
    const first = await filed("First");
    const second = await filed("Second");
    const token = await db().emailReplyToken.create({ data: { requestId: first.id, personId: desk.requester.id } });
    const result = await receive(await mime({ from: desk.requester.email, to: `replies+${signReplyTag(token.id, key)}@mail.test`, subject: "Re: x", text: "For the first", references: [`<r.${second.id}@mail.test>`] }));
    expect(result).toMatchObject({ status: "REPLIED", requestId: first.id });
    expect(await comments(second.id)).toEqual([]);
  });
});
