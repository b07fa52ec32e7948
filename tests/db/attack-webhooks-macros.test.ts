import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyMacro, replyWithMacro } from "@/lib/canned-responses/apply-macro";
import { createCannedResponse } from "@/lib/canned-responses/manage-canned-responses";
import { db } from "@/lib/db/client";
import { addComment } from "@/lib/requests/add-comment";
import { eventRow } from "@/lib/requests/events";
import { fileRequest } from "@/lib/requests/file-request";
import { isPrivateAddress, refuseWebhookUrl } from "@/lib/webhooks/address-guard";
import { deliverWebhook } from "@/lib/webhooks/deliver-webhook";
import { fanOutWebhooks } from "@/lib/webhooks/fan-out";
import { createWebhook, listWebhooks, updateWebhook } from "@/lib/webhooks/manage-webhooks";
import { expectAppError } from "../support/expect-app-error";
import { actorOf, seedDesk, seedPerson, uid } from "../support/factories";

/**
 * Attack probes on webhooks (the SSRF guard, what a delivery and its log may carry) and on macros
 * (a canned response's changes the sender may not make). Each probe is what an adversary would try;
 * each must be refused and change nothing.
 */
type Desk = Awaited<ReturnType<typeof seedDesk>>;
let desk: Desk;
let hooks: string[] = [];
beforeEach(async () => {
  desk = await seedDesk();
});
afterEach(async () => {
  await db().webhook.deleteMany({ where: { id: { in: hooks } } });
  hooks = [];
});

const file = (title = "Broken chair") =>
  fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title, description: "It wobbles", fieldValues: {}, submissionKey: `atk-${uid()}` } });

/** Fans the whole outbox out; the new deliveries' ids. */
async function drain(): Promise<string[]> {
  const ids: string[] = [];
  for (;;) {
    const { events } = await fanOutWebhooks(db(), { baseUrl: "https://desk.test", enqueue: async (_tx, deliveryIds) => void ids.push(...deliveryIds) });
    if (events === 0) return ids;
  }
}

describe("attack: the webhook SSRF guard", () => {
  it("refuses IPv6 forms that carry an IPv4 address inside (compatible, translated, 6to4, NAT64 local use, Teredo)", () => {
    for (const a of [
      "::127.0.0.1", // IPv4-compatible (::/96): [::127.0.0.1] in a URL becomes [::7f00:1]
      "::7f00:1",
      "::a9fe:a9fe", // ::169.254.169.254
      "::ffff:0:7f00:1", // IPv4-translated (SIIT, ::ffff:0:0:0/96)
      "::ffff:0:a00:1",
      "2002:7f00:1::1", // 6to4 of 127.0.0.1
      "2002:a9fe:a9fe::", // 6to4 of 169.254.169.254
      "2002:c0a8:101::1", // 6to4 of 192.168.1.1
      "64:ff9b:1::a00:1", // local-use NAT64 (RFC 8215)
      "2001:0:4136:e378:8000:63bf:3fff:fdd2", // Teredo
    ]) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    // Public addresses stay deliverable, also mapped ones.
    for (const a of ["2606:4700:4700::1111", "2a00:1450:4001:81c::200e", "::ffff:8.8.8.8", "8.8.8.8"]) expect(isPrivateAddress(a), a).toBe(false);
  });

  it("refuses decimal, hex, octal, short and bracketed forms of inside addresses written in the URL", async () => {
    const closed = { allowPrivate: false, resolve: async () => ["93.184.216.34"] };
    for (const url of [
      "https://2130706433/hook", // 127.0.0.1 as one decimal number
      "https://0x7f.1/hook",
      "https://017700000001/hook",
      "https://127.1/hook",
      "https://0/hook",
      "https://[::ffff:127.0.0.1]/hook",
      "https://[::ffff:a9fe:a9fe]/latest/meta-data",
      "https://[::127.0.0.1]/hook",
      "https://[0:0:0:0:0:0:0:1]/hook",
      "https://[2002:7f00:1::1]/hook",
    ]) {
      expect(await refuseWebhookUrl(url, closed), url).toMatch(/private network/);
    }
  });

  it("refuses private names written with a trailing dot (an absolute DNS name is the same name)", async () => {
    // Resolving says public: only the name rule stands between these and the inside.
    const closed = { allowPrivate: false, resolve: async () => ["93.184.216.34"] };
    for (const url of ["https://localhost./hook", "https://metadata.google.internal./computeMetadata/v1/", "https://printer.local./x", "https://LOCALHOST../x"]) {
      expect(await refuseWebhookUrl(url, closed), url).toMatch(/private network/);
    }
    expect(await refuseWebhookUrl("https://hooks.example.com./desk", closed)).toBeNull();
  });

  it("follows no redirect at delivery: a receiver answering 302 to an inside address is a failed attempt", async () => {
    const inside: string[] = [];
    const target = http.createServer((req, res) => {
      inside.push(req.url ?? "");
      res.end("secret");
    });
    await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
    const redirector = http.createServer((req, res) => {
      req.resume();
      res.writeHead(302, { location: `http://127.0.0.1:${(target.address() as AddressInfo).port}/admin` }).end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
    try {
      const hook = await createWebhook({
        actor: desk.head,
        input: { owner: { departmentId: desk.provider.id }, name: "Redirecting", url: `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/hook`, events: ["request.filed"] },
        guard: { allowPrivate: true },
      });
      hooks.push(hook.id);
      await file();
      const [id] = await drain();
      const outcome = await deliverWebhook(db(), { deliveryId: id!, finalAttempt: true, allowPrivate: true, timeoutMs: 5000, disableAfter: 15, baseUrl: "https://desk.test" });
      expect(outcome).toBe("failed");
      expect(inside).toEqual([]);
      expect(await db().webhookDelivery.findUniqueOrThrow({ where: { id: id! } })).toMatchObject({ status: "FAILED", responseStatus: 302 });
    } finally {
      await new Promise((resolve) => redirector.close(resolve));
      await new Promise((resolve) => target.close(resolve));
    }
  });
});

describe("attack: what webhooks may carry", () => {
  it("never gives a requester's or an outside follower's webhook an internal note or an internal change, even when they ask for internal ones", async () => {
    const open = { allowPrivate: true } as const;
    const events = ["request.filed", "request.changed", "request.commented", "request.resolved"];
    const request = await file();
    // A follower who is an agent elsewhere: agent standing in their own department gives nothing here.
    await db().watcher.create({ data: { requestId: request.id, personId: desk.outsiderAgent.id } });
    const mine = await createWebhook({ actor: desk.requester, input: { owner: "mine", name: "Mine", url: "https://hooks.example.com/a", events, includeInternal: true }, guard: open });
    const theirs = await createWebhook({ actor: desk.outsiderAgent, input: { owner: "mine", name: "Theirs", url: "https://hooks.example.com/b", events, includeInternal: true }, guard: open });
    hooks.push(mine.id, theirs.id);
    await drain();
    await addComment({ actor: desk.agent, input: { requestId: request.id, body: "Internal: the requester is on a warning", visibility: "INTERNAL" } });
    // An internal-only event kind (assignment) as the request's timeline writes it.
    await db().requestEvent.create({ data: eventRow(request.id, desk.agent.id, "assigned", { from: { assigneeId: null }, to: { assigneeId: desk.agent.id } }) });
    await addComment({ actor: desk.agent, input: { requestId: request.id, body: "Public: on it", visibility: "PUBLIC" } });
    await drain();
    for (const hook of [mine, theirs]) {
      const delivered = await db().webhookDelivery.findMany({ where: { webhookId: hook.id }, select: { event: true, payload: true } });
      // The public reply, and the status change it made (NEW to OPEN): nothing of the note or the assignment.
      expect(delivered.map((d) => d.event).sort()).toEqual(["request.changed", "request.commented"]);
      expect(JSON.stringify(delivered)).not.toMatch(/Internal: the requester|assigneeId/);
    }
  });

  it("shows a department's delivery log without what only the department's agents may read (an admin manages the webhook, not the requests)", async () => {
    const admin = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "ADMIN" }] })).id);
    const hook = await createWebhook({
      actor: desk.head,
      input: { owner: { departmentId: desk.provider.id }, name: "Ops", url: "https://hooks.example.com/ops", events: ["request.commented"], includeInternal: true },
      guard: { allowPrivate: true },
    });
    hooks.push(hook.id);
    const request = await file("Payroll error for Dana");
    await addComment({ actor: desk.agent, input: { requestId: request.id, body: "Internal: salary figures attached", visibility: "INTERNAL" } });
    await drain();
    const listed = await listWebhooks({ actor: admin, owner: { departmentId: desk.provider.id } });
    expect(listed[0]!.deliveries).toHaveLength(1);
    expect(listed[0]!.deliveries[0]!.reference).toBe(request.reference);
    expect(JSON.stringify(listed)).not.toMatch(/salary figures|Payroll error/);
  });
});

describe("attack: an admin outside a department switching its webhook's internal events on", () => {
  const open = { allowPrivate: true } as const;
  const events = ["request.commented"];

  it("refuses them beside the field on create and update, and on pointing a webhook that has them elsewhere; nothing changes, and no note leaves", async () => {
    const admin = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "ADMIN" }] })).id);
    const owner = { departmentId: desk.provider.id };
    const refusedCreate = await expectAppError(
      createWebhook({ actor: admin, input: { owner, name: "Mine now", url: "https://hooks.example.com/admin", events, includeInternal: true }, guard: open }),
      "INVALID_INPUT",
    );
    expect(refusedCreate.fieldErrors?.includeInternal?.[0]).toMatch(/agents and heads/);
    expect(await db().webhook.count({ where: { departmentId: desk.provider.id } })).toBe(0);

    // Without internal events the admin may still create one; switching them on later is refused too.
    const plain = await createWebhook({ actor: admin, input: { owner, name: "Public side", url: "https://hooks.example.com/admin", events }, guard: open });
    hooks.push(plain.id);
    const refusedUpdate = await expectAppError(
      updateWebhook({ actor: admin, input: { webhookId: plain.id, name: "Public side", url: plain.url, format: "JSON", events, includeInternal: true }, guard: open }),
      "INVALID_INPUT",
    );
    expect(refusedUpdate.fieldErrors?.includeInternal).toBeDefined();

    // The head's webhook with internal events on: the admin may rename it but not send it elsewhere.
    const heads = await createWebhook({ actor: desk.head, input: { owner, name: "Ops", url: "https://hooks.example.com/ops", events, includeInternal: true }, guard: open });
    hooks.push(heads.id);
    await updateWebhook({ actor: admin, input: { webhookId: heads.id, name: "Ops channel", url: heads.url, format: "JSON", events, includeInternal: true }, guard: open });
    await expectAppError(
      updateWebhook({ actor: admin, input: { webhookId: heads.id, name: "Ops channel", url: "https://hooks.example.com/admin", format: "JSON", events, includeInternal: true }, guard: open }),
      "INVALID_INPUT",
    );
    expect(await db().webhook.findMany({ where: { departmentId: desk.provider.id }, orderBy: { createdAt: "asc" }, select: { url: true, includeInternal: true } })).toEqual([
      { url: "https://hooks.example.com/admin", includeInternal: false },
      { url: "https://hooks.example.com/ops", includeInternal: true },
    ]);

    const request = await file();
    await drain();
    await addComment({ actor: desk.agent, input: { requestId: request.id, body: "Internal: not for the admin", visibility: "INTERNAL" } });
    await drain();
    expect(await db().webhookDelivery.count({ where: { webhookId: plain.id } })).toBe(0);
    expect(await db().webhookDelivery.count({ where: { webhookId: heads.id } })).toBe(1);
    // The head, who reads the department's notes, switches them on.
    await updateWebhook({ actor: desk.head, input: { webhookId: plain.id, name: "Public side", url: plain.url, format: "JSON", events, includeInternal: true }, guard: open });
    expect((await db().webhook.findUniqueOrThrow({ where: { id: plain.id } })).includeInternal).toBe(true);
  });
});

describe("attack: macros that set what their sender may not", () => {
  async function macro(changes: Record<string, string>) {
    return createCannedResponse({ actor: desk.head, input: { departmentId: desk.provider.id, title: `Macro ${uid()}`, body: "We are on it.", changes } });
  }
  const comments = (requestId: string) => db().comment.count({ where: { requestId } });

  it("refuses a macro whose assignee no longer works the department, before its reply is sent (applyMacro and replyWithMacro)", async () => {
    const leaver = await seedPerson({ departmentId: desk.provider.id, roles: [{ role: "AGENT", departmentId: desk.provider.id }] });
    const response = await macro({ setAssigneeId: leaver.id, setPriority: "HIGH" });
    await db().roleGrant.deleteMany({ where: { personId: leaver.id } });
    const request = await file();
    const before = await comments(request.id);
    const viaRule = await expectAppError(applyMacro({ actor: desk.agent, input: { requestId: request.id, cannedResponseId: response.id } }), "INVALID_INPUT");
    expect(viaRule.userMessage).toMatch(/active agents/);
    await expectAppError(replyWithMacro({ actor: desk.agent, input: { requestId: request.id, body: "Edited reply", visibility: "PUBLIC" }, cannedResponseId: response.id }), "INVALID_INPUT");
    expect(await comments(request.id)).toBe(before);
    expect(await db().request.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ priority: "NORMAL", assigneeId: null });
  });

  it("refuses another department's macro on this department's request, before the reply is sent", async () => {
    const theirs = await createCannedResponse({
      actor: await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "HEAD", departmentId: desk.other.id }] })).id),
      input: { departmentId: desk.other.id, title: "Close it", body: "Done.", changes: { setStatus: "RESOLVED" } },
    });
    const request = await file();
    const before = await comments(request.id);
    const error = await expectAppError(replyWithMacro({ actor: desk.agent, input: { requestId: request.id, body: "Closing", visibility: "PUBLIC" }, cannedResponseId: theirs.id }), "INVALID_INPUT");
    expect(error.fieldErrors?.cannedResponseId).toBeDefined();
    expect(await comments(request.id)).toBe(before);
    expect((await db().request.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("NEW");
  });

  it("refuses a macro's changes on a request waiting for approval, and writes no note either", async () => {
    const response = await macro({ setStatus: "WAITING_ON_REQUESTER" });
    const request = await file();
    await db().request.update({ where: { id: request.id }, data: { approvalState: "PENDING" } });
    const before = await comments(request.id);
    await expectAppError(applyMacro({ actor: desk.agent, input: { requestId: request.id, cannedResponseId: response.id, visibility: "INTERNAL" } }), "CONFLICT");
    await expectAppError(replyWithMacro({ actor: desk.agent, input: { requestId: request.id, body: "Note", visibility: "INTERNAL" }, cannedResponseId: response.id }), "CONFLICT");
    expect(await comments(request.id)).toBe(before);
  });

  it("refuses a requester and an outside agent as NOT_FOUND, and still sends a valid macro with its changes", async () => {
    const response = await macro({ setPriority: "HIGH", setAssigneeId: desk.agent.id });
    const request = await file();
    for (const actor of [desk.requester, desk.outsiderAgent]) {
      await expectAppError(replyWithMacro({ actor, input: { requestId: request.id, body: "Hi", visibility: "PUBLIC" }, cannedResponseId: response.id }), "NOT_FOUND");
    }
    expect(await comments(request.id)).toBe(0);
    const sent = await replyWithMacro({ actor: desk.agent, input: { requestId: request.id, body: "On it", visibility: "PUBLIC" }, cannedResponseId: response.id });
    expect(sent.changed).toEqual(["priority", "assignee"]);
    expect(await db().request.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ priority: "HIGH", assigneeId: desk.agent.id, status: "OPEN" });
    expect(await comments(request.id)).toBe(1);
  });
});

afterAll(async () => {
  await db().webhook.deleteMany({ where: { id: { in: hooks } } });
});
beforeAll(async () => {
  await drain(); // what earlier files left in the outbox
});
