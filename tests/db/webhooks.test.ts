import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { startJobs } from "@/lib/jobs/run-jobs";
import { dbPool } from "@/lib/db/client";
import { addComment } from "@/lib/requests/add-comment";
import { addWatcher } from "@/lib/requests/add-watcher";
import { fileRequest } from "@/lib/requests/file-request";
import { transferRequest } from "@/lib/requests/transfer-request";
import { updateRequest } from "@/lib/requests/update-request";
import { rateRequest } from "@/lib/satisfaction/rate-request";
import { isPrivateAddress, refuseWebhookUrl } from "@/lib/webhooks/address-guard";
import { deliverWebhook } from "@/lib/webhooks/deliver-webhook";
import { fanOutWebhooks } from "@/lib/webhooks/fan-out";
import { purgeWebhookDeliveries } from "@/lib/webhooks/purge-deliveries";
import type { WebhookPayload } from "@/lib/webhooks/formats";
import { createWebhook, deleteWebhook, listWebhooks, rotateWebhookSecret, setWebhookActive, updateWebhook } from "@/lib/webhooks/manage-webhooks";
import { openSecret, sealSecret } from "@/lib/webhooks/secret-box";
import { verifySignature } from "@/lib/webhooks/signature";
import { expectAppError } from "../support/expect-app-error";
import { actorOf, seedDesk, seedPerson, uid } from "../support/factories";
import { listStatements, statementsDuring } from "../support/statements";

type Desk = Awaited<ReturnType<typeof seedDesk>>;
type Received = { headers: http.IncomingHttpHeaders; body: string };

/** A receiver on this machine: records every post and answers with the next status of `answers` (200 when none is left). */
let server: http.Server;
let received: Received[] = [];
let answers: number[] = [];
let receiverUrl: string;
const open = { allowPrivate: true } as const;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = answers.shift() ?? 200;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

let desk: Desk;
let created: string[] = [];
beforeEach(async () => {
  desk = await seedDesk();
  received = [];
  answers = [];
  await drain(); // whatever earlier tests left in the outbox
});
afterEach(async () => {
  await db().webhook.deleteMany({ where: { id: { in: created } } });
  created = [];
});

async function departmentHook(options: { events?: string[]; includeInternal?: boolean; format?: "JSON" | "SLACK" | "TEAMS" } = {}) {
  const hook = await createWebhook({
    actor: desk.head,
    input: { owner: { departmentId: desk.provider.id }, name: "Ops feed", url: receiverUrl, events: options.events ?? ["request.filed", "request.changed", "request.commented", "request.resolved"], includeInternal: options.includeInternal ?? false, format: options.format ?? "JSON" },
    guard: open,
  });
  created.push(hook.id);
  return hook;
}

async function personalHook(actor: Desk["requester"], events = ["request.filed", "request.changed", "request.commented", "request.resolved", "request.rated"]) {
  const hook = await createWebhook({ actor, input: { owner: "mine", name: "My feed", url: receiverUrl, events }, guard: open });
  created.push(hook.id);
  return hook;
}

/** Fans the outbox out and returns the new deliveries' ids, as the job would hand them to pg-boss. */
async function drain(): Promise<string[]> {
  const ids: string[] = [];
  for (;;) {
    const { events } = await fanOutWebhooks(db(), { baseUrl: "https://desk.test", enqueue: async (_tx, deliveryIds) => void ids.push(...deliveryIds) });
    if (events === 0) return ids;
  }
}

const deliver = (deliveryId: string, options: { finalAttempt?: boolean; disableAfter?: number } = {}) =>
  deliverWebhook(db(), { deliveryId, finalAttempt: options.finalAttempt ?? false, allowPrivate: true, timeoutMs: 5000, disableAfter: options.disableAfter ?? 15, baseUrl: "https://desk.test" });

async function file(title = "Broken chair") {
  return fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title, description: "It wobbles", fieldValues: {}, submissionKey: `wh-${uid()}` } });
}

async function deliveriesOf(webhookId: string) {
  return db().webhookDelivery.findMany({ where: { webhookId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

describe("managing webhooks", () => {
  it("lets a head create one for the department, shows the secret once and keeps it encrypted", async () => {
    const hook = await departmentHook();
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const row = await db().webhook.findUniqueOrThrow({ where: { id: hook.id } });
    expect(openSecret(row.secret)).toBe(hook.secret);
    // With NEXTAUTH_SECRET set (production), the stored secret is encrypted with a key derived from it.
    const key = "k".repeat(40);
    const sealed = sealSecret(hook.secret, key);
    expect(sealed).not.toContain(hook.secret.slice(6));
    expect(openSecret(sealed, key)).toBe(hook.secret);
    expect(() => openSecret(sealed, "other".repeat(8))).toThrow();
    const listed = await listWebhooks({ actor: desk.head, owner: { departmentId: desk.provider.id } });
    expect(listed.map((w) => w.id)).toEqual([hook.id]);
    expect(JSON.stringify(listed)).not.toContain(hook.secret);
    const audit = await db().auditEvent.findMany({ where: { subject: `webhook:${hook.id}` } });
    expect(audit.map((a) => a.action)).toEqual(["webhook.created"]);
    expect(JSON.stringify(audit.map((a) => a.detail))).not.toContain(hook.secret);
  });

  it("refuses an agent, another department's head and a requester (NOT_FOUND), and lists nothing for them", async () => {
    const input = { owner: { departmentId: desk.provider.id }, name: "x", url: receiverUrl, events: ["request.filed"] };
    await expectAppError(createWebhook({ actor: desk.agent, input, guard: open }), "NOT_FOUND");
    await expectAppError(createWebhook({ actor: desk.outsiderAgent, input, guard: open }), "NOT_FOUND");
    await expectAppError(listWebhooks({ actor: desk.requester, owner: { departmentId: desk.provider.id } }), "NOT_FOUND");
    const hook = await departmentHook();
    await expectAppError(deleteWebhook({ actor: desk.agent, input: { webhookId: hook.id } }), "NOT_FOUND");
    await expectAppError(rotateWebhookSecret({ actor: desk.requester, input: { webhookId: hook.id } }), "NOT_FOUND");
    expect(await db().webhook.count({ where: { departmentId: desk.provider.id } })).toBe(1);
  });

  it("keeps a person's webhook to that person: nobody else, not even the department head, sees or changes it", async () => {
    const mine = await personalHook(desk.requester);
    await expectAppError(setWebhookActive({ actor: desk.head, input: { webhookId: mine.id, active: false }, guard: open }), "NOT_FOUND");
    await expectAppError(updateWebhook({ actor: desk.agent, input: { webhookId: mine.id, name: "taken", url: receiverUrl, events: ["request.filed"] }, guard: open }), "NOT_FOUND");
    expect((await listWebhooks({ actor: desk.head, owner: { personId: desk.head.id } })).map((w) => w.id)).not.toContain(mine.id);
    expect((await db().webhook.findUniqueOrThrow({ where: { id: mine.id } })).name).toBe("My feed");
  });

  it("refuses ratings for a department's webhook, bad input beside its field, and changes nothing", async () => {
    const rated = await expectAppError(
      createWebhook({ actor: desk.head, input: { owner: { departmentId: desk.provider.id }, name: "Scores", url: receiverUrl, events: ["request.rated"] }, guard: open }),
      "INVALID_INPUT",
    );
    expect(rated.fieldErrors?.events).toBeDefined();
    await expectAppError(createWebhook({ actor: desk.head, input: { owner: { departmentId: desk.provider.id }, name: "", url: "ftp://x", events: [] }, guard: open }), "INVALID_INPUT");
    expect(await db().webhook.count({ where: { departmentId: desk.provider.id } })).toBe(0);
  });

  it("rotates the secret: the new one is shown once and signs from then on", async () => {
    const hook = await departmentHook();
    const rotated = await rotateWebhookSecret({ actor: desk.head, input: { webhookId: hook.id } });
    expect(rotated.secret).not.toBe(hook.secret);
    await file();
    const [id] = await drain();
    expect(await deliver(id!)).toBe("sent");
    const { headers, body } = received[0]!;
    expect(verifySignature({ secret: rotated.secret, body, header: String(headers["desk-signature"]) })).toBe(true);
    expect(verifySignature({ secret: hook.secret, body, header: String(headers["desk-signature"]) })).toBe(false);
  });
});

describe("the SSRF guard", () => {
  it("knows private, loopback, link-local and mapped addresses", () => {
    for (const a of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "224.0.0.1"]) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) expect(isPrivateAddress(a), a).toBe(false);
  });

  it("refuses private addresses and plain http at save, also behind a name that resolves to one", async () => {
    const closed = { allowPrivate: false, resolve: async (host: string) => (host === "evil.example.com" ? ["10.0.0.7"] : ["93.184.216.34"]) };
    expect(await refuseWebhookUrl("https://127.0.0.1/hook", closed)).toMatch(/private network/);
    expect(await refuseWebhookUrl("https://[::1]/hook", closed)).toMatch(/private network/);
    expect(await refuseWebhookUrl("https://169.254.169.254/latest/meta-data", closed)).toMatch(/private network/);
    expect(await refuseWebhookUrl("https://localhost/hook", closed)).toMatch(/private network/);
    expect(await refuseWebhookUrl("https://evil.example.com/hook", closed)).toMatch(/private network/);
    expect(await refuseWebhookUrl("http://hooks.example.com/hook", closed)).toMatch(/https/);
    expect(await refuseWebhookUrl("https://hooks.example.com/hook", closed)).toBeNull();
    const inside = await expectAppError(
      createWebhook({ actor: desk.head, input: { owner: { departmentId: desk.provider.id }, name: "Inside", url: "https://evil.example.com/x", events: ["request.filed"] }, guard: closed }),
      "INVALID_INPUT",
    );
    expect(inside.fieldErrors?.url?.[0]).toMatch(/private network/);
    expect(await db().webhook.count({ where: { departmentId: desk.provider.id } })).toBe(0);
  });

  it("refuses again at delivery, after DNS resolution: a saved webhook now pointing inside gets nothing", async () => {
    const hook = await departmentHook();
    await file();
    const [id] = await drain();
    const outcome = await deliverWebhook(db(), { deliveryId: id!, finalAttempt: false, allowPrivate: false, timeoutMs: 5000, disableAfter: 15, baseUrl: "https://desk.test" });
    expect(outcome).toBe("failed");
    expect(received).toHaveLength(0);
    const [delivery] = await deliveriesOf(hook.id);
    expect(delivery).toMatchObject({ status: "FAILED", attempts: 1, responseStatus: null });
    expect(delivery!.error).toMatch(/https|private/);

    // A name that resolves to a private address is refused by the lookup the connection uses.
    await db().webhook.update({ where: { id: hook.id }, data: { url: receiverUrl.replace("http://127.0.0.1", "https://inside.example.com") } });
    await file("Second");
    const [second] = await drain();
    const refused = await deliverWebhook(db(), { deliveryId: second!, finalAttempt: false, allowPrivate: false, resolve: async () => ["127.0.0.1"], timeoutMs: 5000, disableAfter: 15, baseUrl: "https://desk.test" });
    expect(refused).toBe("failed");
    expect(received).toHaveLength(0);
    expect((await db().webhookDelivery.findUniqueOrThrow({ where: { id: second! } })).error).toMatch(/private address/);
  });
});

describe("deliveries", () => {
  it("signs each delivery with t and v1 over 't.body'; a wrong secret, a changed body or an old time fail verification", async () => {
    const hook = await departmentHook();
    const filed = await file();
    const [id] = await drain();
    expect(await deliver(id!)).toBe("sent");
    const { headers, body } = received[0]!;
    const header = String(headers["desk-signature"]);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(headers["desk-event"]).toBe("request.filed");
    expect(headers["desk-delivery"]).toBe(id);
    expect(verifySignature({ secret: hook.secret, body, header })).toBe(true);
    expect(verifySignature({ secret: `${hook.secret}x`, body, header })).toBe(false);
    expect(verifySignature({ secret: hook.secret, body: body.replace("Broken", "Fixed"), header })).toBe(false);
    expect(verifySignature({ secret: hook.secret, body, header, now: new Date(Date.now() + 10 * 60_000) })).toBe(false);
    expect(verifySignature({ secret: hook.secret, body, header: "t=1,v1=zz" })).toBe(false);
    const payload = JSON.parse(body) as WebhookPayload;
    expect(payload).toMatchObject({ event: "request.filed", request: { title: "Broken chair", reference: filed.reference, status: "NEW" } });
    const [delivery] = await deliveriesOf(hook.id);
    expect(delivery).toMatchObject({ status: "SUCCEEDED", attempts: 1, responseStatus: 200 });
    expect(delivery!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("tells a department's webhook what its agents read: internal notes only when asked for, nothing after a transfer away", async () => {
    const publicOnly = await departmentHook();
    const withNotes = await departmentHook({ includeInternal: true });
    const filed = await file();
    await addComment({ actor: desk.agent, input: { requestId: filed.id, body: "Secret note about the requester", visibility: "INTERNAL" } });
    await addComment({ actor: desk.agent, input: { requestId: filed.id, body: "We are on it", visibility: "PUBLIC" } });
    await drain();
    const bodies = async (id: string) => (await deliveriesOf(id)).map((d) => JSON.stringify(d.payload));
    expect((await bodies(publicOnly.id)).join()).not.toContain("Secret note");
    expect((await bodies(publicOnly.id)).join()).toContain("We are on it");
    expect((await bodies(withNotes.id)).join()).toContain("Secret note");

    // Transferred to another department: the old department's agents no longer read it, nor does its webhook.
    const before = (await deliveriesOf(publicOnly.id)).length;
    await db().requestType.create({ data: { departmentId: desk.other.id, slug: `t-${uid()}`, name: "Other" } });
    const { version } = await db().request.findUniqueOrThrow({ where: { id: filed.id }, select: { version: true } });
    await transferRequest({ actor: desk.agent, input: { requestId: filed.id, expectedVersion: version, toDepartmentId: desk.other.id, reason: "Theirs" } });
    await addComment({ actor: desk.requester, input: { requestId: filed.id, body: "After the move" } });
    await drain();
    const after = await deliveriesOf(publicOnly.id);
    expect(after.map((d) => JSON.stringify(d.payload)).join()).not.toContain("After the move");
    expect(after.length).toBeLessThanOrEqual(before);
  });

  it("tells a follower's webhook what they follow, and reads who follows what in one query per batch", async () => {
    const first = await seedPerson({ departmentId: desk.other.id });
    const second = await seedPerson({ departmentId: desk.other.id });
    const stranger = await seedPerson({ departmentId: desk.other.id });
    const hooks = await Promise.all([first, second, stranger].map(async (p) => personalHook(await actorOf(p.id), ["request.commented"])));
    const [a, b] = [await file("Chair A"), await file("Chair B")];
    await addWatcher({ actor: desk.requester, input: { requestId: a.id, personId: first.id } });
    await addWatcher({ actor: desk.requester, input: { requestId: b.id, personId: second.id } });
    await drain();
    await addComment({ actor: desk.agent, input: { requestId: a.id, body: "On A", visibility: "PUBLIC" } });
    await addComment({ actor: desk.agent, input: { requestId: b.id, body: "On B", visibility: "PUBLIC" } });
    const { statements } = await statementsDuring(drain);
    const titles = async (id: string) => (await deliveriesOf(id)).map((d) => (d.payload as unknown as WebhookPayload).comment?.body);
    expect(await titles(hooks[0]!.id)).toEqual(["On A"]);
    expect(await titles(hooks[1]!.id)).toEqual(["On B"]);
    expect(await titles(hooks[2]!.id)).toEqual([]);
    // Two comments, three personal webhooks: one read of the followers, not one per webhook and event.
    expect(statements.filter((s) => /FROM "public"\."Watcher"/.test(s)), listStatements(statements)).toHaveLength(1);
  });

  it("tells a person's webhook only what that person may read, and a rating only to the rater", async () => {
    const requesterHook = await personalHook(desk.requester);
    const outsiderHook = await personalHook(desk.outsiderAgent);
    const agentHook = await personalHook(desk.agent);
    const filed = await file();
    await addComment({ actor: desk.agent, input: { requestId: filed.id, body: "Internal only", visibility: "INTERNAL" } });
    await updateRequest({ actor: desk.agent, input: { requestId: filed.id, status: "RESOLVED" } });
    await drain();
    const requesterEvents = (await deliveriesOf(requesterHook.id)).map((d) => d.event);
    expect(requesterEvents).toEqual(["request.filed", "request.resolved"]);
    expect(await deliveriesOf(outsiderHook.id)).toHaveLength(0);
    // A person's webhook never gets internal notes unless asked for, even an agent's.
    expect((await deliveriesOf(agentHook.id)).map((d) => d.event)).toEqual(["request.filed", "request.resolved"]);

    const dept = await departmentHook({ events: ["request.filed", "request.changed", "request.commented", "request.resolved"] });
    await rateRequest({ actor: desk.requester, input: { requestId: filed.id, cycle: 1, score: 2, comment: "Slow and unfriendly" } });
    await drain();
    const rated = (await deliveriesOf(requesterHook.id)).filter((d) => d.event === "request.rated");
    expect(rated).toHaveLength(1);
    expect((rated[0]!.payload as unknown as WebhookPayload).rating).toEqual({ score: 2, comment: "Slow and unfriendly" });
    expect(await deliveriesOf(agentHook.id).then((ds) => ds.filter((d) => d.event === "request.rated"))).toHaveLength(0);
    expect(JSON.stringify(await deliveriesOf(dept.id))).not.toContain("Slow and unfriendly");
  });

  it("sends only the chosen events, in Slack and Teams shapes when asked", async () => {
    const slack = await departmentHook({ events: ["request.commented"], format: "SLACK" });
    const teams = await departmentHook({ events: ["request.commented"], format: "TEAMS" });
    const filed = await file();
    await addComment({ actor: desk.agent, input: { requestId: filed.id, body: "On our way <@everyone>", visibility: "PUBLIC" } });
    const ids = await drain();
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(await deliver(id)).toBe("sent");
    const byPath = received.map((r) => JSON.parse(r.body) as Record<string, unknown>);
    const slackBody = byPath.find((b) => "blocks" in b)!;
    expect(slackBody.text).toContain(`${filed.reference} Broken chair got a reply`);
    expect(JSON.stringify(slackBody)).toContain("&lt;@everyone&gt;");
    const teamsBody = byPath.find((b) => b.type === "message")! as { attachments: { contentType: string; content: { type: string; actions: { url: string }[] } }[] };
    expect(teamsBody.attachments[0]!.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(teamsBody.attachments[0]!.content.actions[0]!.url).toBe(`https://desk.test/requests/${filed.reference}`);
    expect((await deliveriesOf(slack.id)).map((d) => d.event)).toEqual(["request.commented"]);
    expect((await deliveriesOf(teams.id)).map((d) => d.event)).toEqual(["request.commented"]);
  });

  it("logs every failed attempt, retries until the last, and succeeds when the receiver recovers", async () => {
    const hook = await departmentHook();
    await file();
    const [id] = await drain();
    answers = [500, 503];
    expect(await deliver(id!)).toBe("retrying");
    expect(await deliver(id!)).toBe("retrying");
    expect(await deliver(id!)).toBe("sent");
    expect(await deliver(id!)).toBe("sent"); // a job that comes back for a settled delivery sends nothing
    expect(received).toHaveLength(3);
    const attempts = await db().webhookAttempt.findMany({ where: { deliveryId: id! }, orderBy: { id: "asc" } });
    expect(attempts.map((a) => [a.attempt, a.statusCode])).toEqual([[1, 500], [2, 503], [3, 200]]);
    const row = await db().webhook.findUniqueOrThrow({ where: { id: hook.id } });
    expect(row.consecutiveFailures).toBe(0);
    // Every attempt is signed anew with its own time, over the same body.
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
  });

  it("fails a delivery for good on its last retry", async () => {
    await departmentHook();
    await file();
    const [id] = await drain();
    answers = [500];
    expect(await deliver(id!, { finalAttempt: true })).toBe("failed");
    expect(await db().webhookDelivery.findUniqueOrThrow({ where: { id: id! } })).toMatchObject({ status: "FAILED", responseStatus: 500 });
  });

  it("disables a webhook after DESK_WEBHOOK_DISABLE_AFTER failures in a row and tells its owners; queued deliveries are skipped", async () => {
    const hook = await departmentHook();
    await file("One");
    await file("Two");
    await file("Three");
    const ids = await drain();
    expect(ids).toHaveLength(3);
    answers = [500, 500, 500];
    expect(await deliver(ids[0]!, { disableAfter: 2 })).toBe("retrying");
    expect(await deliver(ids[1]!, { disableAfter: 2 })).toBe("retrying");
    const row = await db().webhook.findUniqueOrThrow({ where: { id: hook.id } });
    expect(row).toMatchObject({ active: false, consecutiveFailures: 2 });
    expect(row.disabledReason).toMatch(/2 failed deliveries in a row/);
    const notices = await db().notification.findMany({ where: { kind: "webhook_disabled", personId: desk.head.id } });
    expect(notices).toHaveLength(1);
    expect(notices[0]!.title).toContain("Ops feed");
    expect(await db().notification.count({ where: { kind: "webhook_disabled", personId: desk.agent.id } })).toBe(0);
    expect(await deliver(ids[2]!)).toBe("skipped");
    expect(received).toHaveLength(2);
    // Disabled: new events are not even fanned out to it.
    await file("Four");
    expect(await drain()).toHaveLength(0);
    // Enabled again by its head: failures count from zero.
    await setWebhookActive({ actor: desk.head, input: { webhookId: hook.id, active: true }, guard: open });
    expect(await db().webhook.findUniqueOrThrow({ where: { id: hook.id } })).toMatchObject({ active: true, consecutiveFailures: 0, disabledAt: null });
  });

  it("delivers through the job queue with pg-boss retrying a failed attempt", async () => {
    const hook = await departmentHook();
    answers = [500];
    const runner = await startJobs({
      db: db(),
      pool: dbPool(),
      url: process.env.DATABASE_URL!,
      embedded: false,
      baseUrl: "https://desk.test",
      deliver: async () => undefined,
      log: () => undefined,
      webhooks: { retry: { retryLimit: 3, retryDelay: 1, retryBackoff: false }, allowPrivate: true, timeoutMs: 5000, disableAfter: 15, fanOutEverySeconds: 1 },
    });
    try {
      await file("Queued");
      await runner.requestWebhookFanOut();
      await expect.poll(async () => (await deliveriesOf(hook.id))[0]?.status, { timeout: 25_000, interval: 250 }).toBe("SUCCEEDED");
      const [delivery] = await deliveriesOf(hook.id);
      expect(delivery!.attempts).toBe(2);
      expect(received.map((r) => r.headers["desk-delivery"])).toEqual([delivery!.id, delivery!.id]);
    } finally {
      await runner.stop(5000);
    }
  });
});

describe("the delivery log", () => {
  it("keeps settled deliveries 30 days, and nothing still to be sent is purged", async () => {
    const hook = await departmentHook();
    await file("Old");
    await file("Older");
    const [sent, pending] = await drain();
    expect(await deliver(sent!)).toBe("sent");
    const longAgo = new Date(Date.now() - 31 * 24 * 60 * 60_000);
    await db().webhookDelivery.updateMany({ where: { webhookId: hook.id }, data: { createdAt: longAgo } });
    expect(await purgeWebhookDeliveries(db())).toBeGreaterThanOrEqual(1);
    expect((await deliveriesOf(hook.id)).map((d) => d.id)).toEqual([pending]);
  });
});

describe("the outbox", () => {
  it("is filled only while a webhook is active", async () => {
    const before = await db().webhookOutbox.count();
    expect(before).toBe(0);
    const person = await seedPerson({ departmentId: desk.other.id });
    const actor = await actorOf(person.id);
    await fileRequest({ actor, input: { typeId: desk.type.id, title: "Quiet", description: "x", fieldValues: {}, submissionKey: `wh-${uid()}` } });
    expect(await db().webhookOutbox.count()).toBe(0);
  });
});
