import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { purgeIdempotentResponses } from "@/lib/api/purge-idempotent-responses";
import * as assigneeRoute from "@/app/api/v1/requests/[reference]/assignee/route";
import * as commentsRoute from "@/app/api/v1/requests/[reference]/comments/route";
import * as oneRoute from "@/app/api/v1/requests/[reference]/route";
import * as statusRoute from "@/app/api/v1/requests/[reference]/status/route";
import * as requestsRoute from "@/app/api/v1/requests/route";
import * as catchAllRoute from "@/app/api/v1/[[...path]]/route";
import * as openapiRoute from "@/app/api/v1/openapi.json/route";
import * as typesRoute from "@/app/api/v1/request-types/route";
import * as healthRoute from "@/app/api/health/route";
import { consumeRateLimit, purgeRateWindows, rateKey } from "@/lib/security/rate-limit";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { hashTokenSecret } from "@/lib/api-tokens/token-secret";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { addComment } from "@/lib/requests/add-comment";
import { fileRequest } from "@/lib/requests/file-request";
import { transferRequest } from "@/lib/requests/transfer-request";
import type { FieldDefinitionInput } from "@/lib/validation/fields";
import { fillNextWindow } from "../support/rate-windows";
import { actorOf, seedDesk, seedPerson, seedRequestType, uid } from "../support/factories";

type Desk = Awaited<ReturnType<typeof seedDesk>>;
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const fields = [
  { key: "room", label: "Room", kind: "text", required: true },
  { key: "floor", label: "Floor", kind: "number", integer: true, min: 0, max: 40 },
] satisfies FieldDefinitionInput[];

let desk: Desk;
let tokens: { requester: string; agent: string; outsiderAgent: string };

async function tokenOf(actor: Actor, expiresIn: "30" | "never" = "never", now?: Date) {
  return (await createApiToken({ actor, input: { name: `test ${uid()}`, expiresIn }, now })).secret;
}

/** Calls a route handler the way Next.js does, with a real Request. */
async function call(
  handler: unknown,
  options: { token?: string | null; method?: string; path?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; params?: Record<string, string> },
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`http://desk.test/api/v1${options.path ?? "/requests"}`, { method: options.method ?? (body === undefined ? "GET" : "POST"), headers, body });
  const response = await (handler as Handler)(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: (text ? JSON.parse(text) : null) as Record<string, any> };
}

const newRequestBody = (overrides: Record<string, unknown> = {}) => ({
  typeId: desk.type.id,
  title: "Radiator is cold",
  description: "The radiator in 4.12 has been cold since Monday.",
  fieldValues: { room: "4.12", floor: 4 },
  ...overrides,
});

async function fileDirect(actor: Actor = desk.requester) {
  return fileRequest({ actor, input: { ...newRequestBody(), submissionKey: `key-${uid()}` } });
}

const requestCount = () => db().request.count({ where: { requesterId: desk.requester.id } });

beforeEach(async () => {
  desk = await seedDesk(fields);
  tokens = { requester: await tokenOf(desk.requester), agent: await tokenOf(desk.agent), outsiderAgent: await tokenOf(desk.outsiderAgent) };
});

describe("personal API tokens", () => {
  it("shows the secret once and stores only its hash, with a recognisable prefix", async () => {
    const created = await createApiToken({ actor: desk.requester, input: { name: "CI script", expiresIn: "30" } });
    expect(created.secret).toMatch(/^sd_[A-Za-z0-9_-]{43}$/);
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashTokenSecret(created.secret));
    expect(JSON.stringify(row)).not.toContain(created.secret);
    expect(created.secret.startsWith(row.prefix)).toBe(true);
    expect(row.expiresAt!.getTime() - row.createdAt.getTime()).toBe(30 * 24 * 3600 * 1000);

    const listed = await listApiTokens({ actor: desk.requester });
    expect(listed.find((t) => t.id === created.id)).toMatchObject({ name: "CI script", state: "active", lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(created.secret);

    await revokeApiToken({ actor: desk.requester, input: { tokenId: created.id } });
    const audit = await db().auditEvent.findMany({ where: { subject: `api_token:${created.id}` }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["api_token.created", desk.requester.id],
      ["api_token.revoked", desk.requester.id],
    ]);
    expect(JSON.stringify(audit.map((a) => a.detail))).not.toContain(created.secret);
  });

  it("refuses a blank name and lets nobody revoke someone else's token", async () => {
    await expect(createApiToken({ actor: desk.requester, input: { name: "  " } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const created = await createApiToken({ actor: desk.requester, input: { name: "mine" } });
    await expect(revokeApiToken({ actor: desk.agent, input: { tokenId: created.id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: created.id } })).revokedAt).toBeNull();
  });

  it("records when a token was last used", async () => {
    await call(requestsRoute.GET, { token: tokens.requester });
    const row = await db().apiToken.findUniqueOrThrow({ where: { tokenHash: hashTokenSecret(tokens.requester) } });
    expect(row.lastUsedAt).not.toBeNull();
  });
});

describe("authentication", () => {
  it("answers 401 in the JSON error shape without a token, with a malformed or unknown one", async () => {
    for (const token of [null, "not-a-token", `sd_${"x".repeat(43)}`]) {
      const res = await call(requestsRoute.GET, { token });
      expect(res.status).toBe(401);
      expect(res.json.error).toMatchObject({ code: "UNAUTHENTICATED", message: expect.any(String) });
    }
    const basic = await call(requestsRoute.GET, { headers: { authorization: "Basic dXNlcjpwYXNz" } });
    expect(basic.status).toBe(401);
  });

  it("refuses a revoked token at once", async () => {
    const created = await createApiToken({ actor: desk.requester, input: { name: "soon revoked" } });
    expect((await call(requestsRoute.GET, { token: created.secret })).status).toBe(200);
    await revokeApiToken({ actor: desk.requester, input: { tokenId: created.id } });
    const res = await call(requestsRoute.GET, { token: created.secret });
    expect(res.status).toBe(401);
    expect(res.json.error.message).toContain("revoked");
  });

  it("refuses an expired token", async () => {
    const secret = await tokenOf(desk.requester, "30", new Date(Date.now() - 31 * 24 * 3600 * 1000));
    const res = await call(requestsRoute.GET, { token: secret });
    expect(res.status).toBe(401);
    expect(res.json.error.message).toContain("expired");
  });

  it("refuses the token of a deactivated person, and applies role changes to the next call", async () => {
    const person = await seedPerson({ departmentId: desk.provider.id, roles: [{ role: "AGENT", departmentId: desk.provider.id }] });
    const secret = await tokenOf(await actorOf(person.id));
    const queue = { token: secret, path: `/requests?department=${desk.provider.key}` };
    expect((await call(requestsRoute.GET, queue)).status).toBe(200);

    await db().roleGrant.deleteMany({ where: { personId: person.id } });
    expect((await call(requestsRoute.GET, queue)).json.error.code).toBe("FORBIDDEN");

    await db().person.update({ where: { id: person.id }, data: { active: false } });
    const res = await call(requestsRoute.GET, { token: secret });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("UNAUTHENTICATED");
  });
});

describe("GET /requests", () => {
  it("lists a requester's own and followed requests, not anyone else's", async () => {
    const own = await fileDirect();
    const colleague = await actorOf((await seedPerson({ departmentId: desk.other.id })).id);
    const followed = await fileDirect(colleague);
    const notMine = await fileDirect(colleague);
    await db().watcher.create({ data: { requestId: followed.id, personId: desk.requester.id } });

    const res = await call(requestsRoute.GET, { token: tokens.requester });
    expect(res.status).toBe(200);
    const refs = res.json.data.map((r: { reference: string }) => r.reference);
    expect(refs).toEqual(expect.arrayContaining([own.reference, followed.reference]));
    expect(refs).not.toContain(notMine.reference);
    expect(res.json.data[0]).toMatchObject({ department: { key: desk.provider.key }, status: "NEW", assignee: null });
    expect(res.headers.get("x-ratelimit-limit")).toBe(String(env().DESK_API_RATE_LIMIT));
  });

  it("pages with a keyset cursor through a requester's list and a department's queue", async () => {
    const base = Date.now() - 3600_000;
    await db().request.createMany({
      data: Array.from({ length: 55 }, (_, i) => ({
        departmentId: desk.provider.id,
        number: 5000 + i,
        typeId: desk.type.id,
        title: `Bulk ${i}`,
        description: "bulk",
        priority: "NORMAL" as const,
        requesterId: desk.requester.id,
        requesterDepartmentId: desk.other.id,
        submissionKey: `bulk-${uid()}-${i}`,
        // Pairs share an instant so the id breaks ties.
        createdAt: new Date(base + Math.floor(i / 2) * 1000),
      })),
    });
    for (const [token, query] of [
      [tokens.requester, ""],
      [tokens.agent, `department=${desk.provider.key.toLowerCase()}&`],
    ] as const) {
      const first = await call(requestsRoute.GET, { token, path: `/requests?${query}status=ALL` });
      expect(first.status).toBe(200);
      expect(first.json.data).toHaveLength(50);
      expect(first.json.nextCursor).toEqual(expect.any(String));
      const second = await call(requestsRoute.GET, { token, path: `/requests?${query}status=ALL&cursor=${first.json.nextCursor}` });
      expect(second.json.data).toHaveLength(5);
      expect(second.json.nextCursor).toBeNull();
      const titles = [...first.json.data, ...second.json.data].map((r: { title: string }) => r.title);
      expect(new Set(titles).size).toBe(55);
      expect(titles[0]).toBe("Bulk 54");
      // A tampered cursor (a year the database cannot hold) starts again at the first page, never a 500.
      const forged = Buffer.from(`newest|+275760-09-13T00:00:00.000Z|${first.json.data[0].id}`).toString("base64url");
      const again = await call(requestsRoute.GET, { token, path: `/requests?${query}status=ALL&cursor=${forged}` });
      expect(again.status).toBe(200);
      expect(again.json.data.map((r: { title: string }) => r.title)).toEqual(first.json.data.map((r: { title: string }) => r.title));
    }
  });

  it("shows a department's queue to its agents only", async () => {
    await fileDirect();
    const path = `/requests?department=${desk.provider.key}`;
    expect((await call(requestsRoute.GET, { token: tokens.agent, path })).json.data).toHaveLength(1);
    for (const token of [tokens.requester, tokens.outsiderAgent]) {
      const res = await call(requestsRoute.GET, { token, path });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("FORBIDDEN");
    }
    expect((await call(requestsRoute.GET, { token: tokens.agent, path: "/requests?department=NOPE" })).status).toBe(404);
  });

  it("answers 422 with field errors for a bad query", async () => {
    for (const [query, field] of [
      ["status=SLEEPING", "status"],
      ["q=printer", "q"],
      [`department=${desk.provider.key}&priority=SOON`, "priority"],
    ]) {
      const res = await call(requestsRoute.GET, { token: tokens.agent, path: `/requests?${query}` });
      expect(res.status).toBe(422);
      expect(res.json.error.code).toBe("INVALID_INPUT");
      expect(res.json.error.fields).toHaveProperty(field!);
    }
  });
});

describe("GET /requests/{reference}", () => {
  it("gives the requester public replies only and agents the internal notes too", async () => {
    const filed = await fileDirect();
    await addComment({ actor: desk.agent, input: { requestId: filed.id, body: "We are on it", visibility: "PUBLIC" } });
    await addComment({ actor: desk.agent, input: { requestId: filed.id, body: "Secret: the boiler is broken", visibility: "INTERNAL" } });
    const params = { reference: filed.reference };

    const asRequester = await call(oneRoute.GET, { token: tokens.requester, params });
    expect(asRequester.status).toBe(200);
    expect(asRequester.json.request).toMatchObject({ id: filed.id, reference: filed.reference, status: "OPEN", fields: [{ label: "Room", value: "4.12" }, { label: "Floor", value: 4 }] });
    expect(asRequester.json.request.comments.map((c: { body: string }) => c.body)).toEqual(["We are on it"]);
    expect(JSON.stringify(asRequester.json)).not.toContain("Secret");
    expect(asRequester.json.request.events.every((e: { type: string }) => ["created", "status_changed"].includes(e.type))).toBe(true);

    const asAgent = await call(oneRoute.GET, { token: tokens.agent, params });
    expect(asAgent.json.request.comments).toEqual([
      expect.objectContaining({ body: "We are on it", visibility: "PUBLIC", byStaff: true }),
      expect.objectContaining({ body: "Secret: the boiler is broken", visibility: "INTERNAL" }),
    ]);
  });

  it("is 404 for another department's agent, an unknown request and a malformed reference alike", async () => {
    const filed = await fileDirect();
    for (const [token, reference] of [
      [tokens.outsiderAgent, filed.reference],
      [tokens.requester, `${desk.provider.key}-999999`],
      [tokens.requester, "not a reference"],
    ] as const) {
      const res = await call(oneRoute.GET, { token, params: { reference } });
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe("NOT_FOUND");
    }
  });
});

describe("POST /requests", () => {
  it("files a request and answers 201 with it and its location", async () => {
    const res = await call(requestsRoute.POST, { token: tokens.requester, body: newRequestBody() });
    expect(res.status).toBe(201);
    expect(res.json.request).toMatchObject({ title: "Radiator is cold", status: "NEW", requester: { id: desk.requester.id } });
    expect(res.headers.get("location")).toBe(`/api/v1/requests/${res.json.request.reference}`);
    expect(await requestCount()).toBe(1);
  });

  it("answers 400 for malformed JSON and 422 with field errors for a bad body, saving nothing", async () => {
    for (const rawBody of ["{not json", "", '{"typeId": "x",}']) {
      const res = await call(requestsRoute.POST, { token: tokens.requester, method: "POST", rawBody });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe("INVALID_JSON");
    }
    const bad = await call(requestsRoute.POST, { token: tokens.requester, body: newRequestBody({ title: "x", description: "" }) });
    expect(bad.status).toBe(422);
    expect(bad.json.error).toMatchObject({ code: "INVALID_INPUT", fields: { title: [expect.any(String)], description: [expect.any(String)] } });

    const array = await call(requestsRoute.POST, { token: tokens.requester, body: [1, 2] });
    expect(array.status).toBe(422);

    const fieldValues = await call(requestsRoute.POST, { token: tokens.requester, body: newRequestBody({ fieldValues: { floor: 99 } }) });
    expect(fieldValues.status).toBe(422);
    expect(fieldValues.json.error.fields).toMatchObject({ "fieldValues.room": ["Room is required"], "fieldValues.floor": ["Floor must be at most 40"] });

    const unknownType = await call(requestsRoute.POST, { token: tokens.requester, body: newRequestBody({ typeId: "nope" }) });
    expect(unknownType.status).toBe(404);
    expect(await requestCount()).toBe(0);
  });

  it("files once for retries with the same Idempotency-Key, also concurrent ones", async () => {
    const key = crypto.randomUUID();
    const post = (body: unknown = newRequestBody()) => call(requestsRoute.POST, { token: tokens.requester, body, headers: { "Idempotency-Key": key } });
    const first = await post();
    expect(first.status).toBe(201);
    const retry = await post(newRequestBody({ fieldValues: { floor: 4, room: "4.12" } })); // same body, keys in another order
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.json).toEqual(first.json);

    const concurrentKey = crypto.randomUUID();
    const racers = await Promise.all(
      [1, 2, 3].map(() => call(requestsRoute.POST, { token: tokens.requester, body: newRequestBody(), headers: { "Idempotency-Key": concurrentKey } })),
    );
    expect(racers.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(racers.map((r) => r.json.request.id)).size).toBe(1);
    expect(await requestCount()).toBe(2);
  });

  it("refuses the same key with another body, and frees a key whose first call was refused", async () => {
    const key = `key-${uid()}`;
    const post = (body: unknown) => call(requestsRoute.POST, { token: tokens.requester, body, headers: { "Idempotency-Key": key } });
    const refused = await post(newRequestBody({ fieldValues: {} }));
    expect(refused.status).toBe(422);
    expect(await requestCount()).toBe(0);

    expect((await post(newRequestBody())).status).toBe(201);
    const reused = await post(newRequestBody({ title: "Something else entirely" }));
    expect(reused.status).toBe(422);
    expect(reused.json.error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await requestCount()).toBe(1);

    const badKey = await call(requestsRoute.POST, { token: tokens.requester, body: newRequestBody(), headers: { "Idempotency-Key": "two words" } });
    expect(badKey.status).toBe(422);
    expect(badKey.json.error.fields).toHaveProperty("Idempotency-Key");
  });

  it("drops a key's copy of its response after 7 days: a retry still gets the same request, now as it is", async () => {
    const post = (key: string, body: unknown = newRequestBody()) => call(requestsRoute.POST, { token: tokens.requester, body, headers: { "Idempotency-Key": key } });
    const [old, young] = [`old-${uid()}`, `young-${uid()}`];
    const first = await post(old);
    await post(young);
    const now = new Date();
    await db().apiIdempotencyKey.updateMany({ where: { key: old }, data: { createdAt: new Date(now.getTime() - 7 * 86_400_000 - 60_000) } });
    await db().apiIdempotencyKey.updateMany({ where: { key: young }, data: { createdAt: new Date(now.getTime() - 7 * 86_400_000 + 60_000) } });
    expect(await purgeIdempotentResponses(db(), now)).toBeGreaterThanOrEqual(1);
    const kept = await db().apiIdempotencyKey.findMany({ where: { key: { in: [old, young] } }, orderBy: { key: "asc" } });
    expect(kept.map((k) => [k.key, k.response === null])).toEqual([[old, true], [young, false]]);

    const again = await post(old);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json.request.id).toBe(first.json.request.id);
    const reused = await post(old, newRequestBody({ title: "Something else entirely" }));
    expect(reused.json.error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await requestCount()).toBe(2);
  });

  it("scopes keys to the token: another person's same key files their own request", async () => {
    const key = `key-${uid()}`;
    const mine = await call(requestsRoute.POST, { token: tokens.requester, body: newRequestBody(), headers: { "Idempotency-Key": key } });
    const theirs = await call(requestsRoute.POST, { token: tokens.outsiderAgent, body: newRequestBody(), headers: { "Idempotency-Key": key } });
    expect(theirs.status).toBe(201);
    expect(theirs.json.request.id).not.toBe(mine.json.request.id);
    expect(theirs.json.request.requester.id).toBe(desk.outsiderAgent.id);
  });
});

describe("references from before a transfer", () => {
  it("lead to the request under its current reference for reading, replying, status and assignee, and stay 404 for those who may not see it", async () => {
    const filed = await fileDirect();
    const receivingType = await seedRequestType({ departmentId: desk.other.id });
    const moved = await transferRequest({ actor: desk.agent, input: { requestId: filed.id, expectedVersion: 1, toDepartmentId: desk.other.id, typeId: receivingType.id, reason: "Theirs" } });
    const params = { reference: filed.reference };
    expect(moved.reference).not.toBe(filed.reference);

    const read = await call(oneRoute.GET, { token: tokens.requester, params });
    expect(read.status).toBe(200);
    expect(read.json.request).toMatchObject({ id: filed.id, reference: moved.reference });
    const reply = await call(commentsRoute.POST, { token: tokens.requester, params, body: { body: "Thanks for passing it on" } });
    expect(reply.status).toBe(201);
    expect(reply.json.request).toMatchObject({ reference: moved.reference });
    expect(reply.json.request.comments.at(-1)).toMatchObject({ body: "Thanks for passing it on" });
    const assigned = await call(assigneeRoute.PUT, { token: tokens.outsiderAgent, method: "PUT", params, body: { assigneeId: "me" } });
    expect(assigned.status).toBe(200);
    const status = await call(statusRoute.PUT, { token: tokens.outsiderAgent, method: "PUT", params, body: { status: "WAITING_ON_REQUESTER" } });
    expect(status.status).toBe(200);
    expect(status.json.request).toMatchObject({ reference: moved.reference, status: "WAITING_ON_REQUESTER", assignee: { id: desk.outsiderAgent.id } });

    // The old department's agent no longer sees it, by either reference; nothing they send changes it.
    const before = await db().request.findUniqueOrThrow({ where: { id: filed.id } });
    for (const reference of [filed.reference, moved.reference]) {
      expect((await call(oneRoute.GET, { token: tokens.agent, params: { reference } })).status).toBe(404);
      const refused = await call(statusRoute.PUT, { token: tokens.agent, method: "PUT", params: { reference }, body: { status: "RESOLVED" } });
      expect(refused.status).toBe(404);
      expect(refused.json.error.code).toBe("NOT_FOUND");
    }
    expect(await db().request.findUniqueOrThrow({ where: { id: filed.id } })).toEqual(before);
  });
});

describe("POST /requests/{reference}/comments", () => {
  it("lets the requester reply publicly but not write internal notes", async () => {
    const filed = await fileDirect();
    const params = { reference: filed.reference };
    const reply = await call(commentsRoute.POST, { token: tokens.requester, params, body: { body: "Still cold" } });
    expect(reply.status).toBe(201);
    expect(reply.json.commentId).toEqual(expect.any(String));
    expect(reply.json.request.comments.at(-1)).toMatchObject({ body: "Still cold", visibility: "PUBLIC", byStaff: false });

    const note = await call(commentsRoute.POST, { token: tokens.requester, params, body: { body: "psst", visibility: "INTERNAL" } });
    expect(note.status).toBe(403);
    expect(note.json.error.code).toBe("FORBIDDEN");
    expect(await db().comment.count({ where: { requestId: filed.id } })).toBe(1);
  });

  it("lets the department's agent add an internal note the requester never sees", async () => {
    const filed = await fileDirect();
    const params = { reference: filed.reference };
    const note = await call(commentsRoute.POST, { token: tokens.agent, params, body: { body: "Boiler part ordered", visibility: "INTERNAL" } });
    expect(note.status).toBe(201);
    const asRequester = await call(oneRoute.GET, { token: tokens.requester, params });
    expect(JSON.stringify(asRequester.json)).not.toContain("Boiler part ordered");
  });

  it("is 404 for another department's agent and 422 for an empty reply", async () => {
    const filed = await fileDirect();
    const params = { reference: filed.reference };
    expect((await call(commentsRoute.POST, { token: tokens.outsiderAgent, params, body: { body: "hi" } })).status).toBe(404);
    const empty = await call(commentsRoute.POST, { token: tokens.requester, params, body: { body: "   " } });
    expect(empty.status).toBe(422);
    expect(empty.json.error.fields).toHaveProperty("body");
    expect(await db().comment.count({ where: { requestId: filed.id } })).toBe(0);
  });
});

describe("PUT /requests/{reference}/status and /assignee", () => {
  it("lets an agent change the status, checking expectedVersion when given", async () => {
    const filed = await fileDirect();
    const params = { reference: filed.reference };
    const res = await call(statusRoute.PUT, { token: tokens.agent, method: "PUT", params, body: { status: "WAITING_ON_REQUESTER" } });
    expect(res.status).toBe(200);
    expect(res.json.request).toMatchObject({ status: "WAITING_ON_REQUESTER", version: 2 });

    const stale = await call(statusRoute.PUT, { token: tokens.agent, method: "PUT", params, body: { status: "RESOLVED", expectedVersion: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe("STALE_VERSION");

    const back = await call(statusRoute.PUT, { token: tokens.agent, method: "PUT", params, body: { status: "NEW" } });
    expect(back.status).toBe(422);
    expect(back.json.error.fields).toHaveProperty("status");
    expect((await db().request.findUniqueOrThrow({ where: { id: filed.id } })).status).toBe("WAITING_ON_REQUESTER");
  });

  it("refuses the requester (403) and another department's agent (404), changing nothing", async () => {
    const filed = await fileDirect();
    const params = { reference: filed.reference };
    const employee = await call(statusRoute.PUT, { token: tokens.requester, method: "PUT", params, body: { status: "RESOLVED" } });
    expect(employee.status).toBe(403);
    expect(employee.json.error.code).toBe("FORBIDDEN");
    const outsider = await call(statusRoute.PUT, { token: tokens.outsiderAgent, method: "PUT", params, body: { status: "RESOLVED" } });
    expect(outsider.status).toBe(404);
    const assign = await call(assigneeRoute.PUT, { token: tokens.requester, method: "PUT", params, body: { assigneeId: "me" } });
    expect(assign.status).toBe(403);
    const row = await db().request.findUniqueOrThrow({ where: { id: filed.id } });
    expect(row).toMatchObject({ status: "NEW", assigneeId: null, version: 1 });
  });

  it("assigns to the calling agent, to a colleague, refuses a non-agent and unassigns", async () => {
    const filed = await fileDirect();
    const params = { reference: filed.reference };
    const me = await call(assigneeRoute.PUT, { token: tokens.agent, method: "PUT", params, body: { assigneeId: "me" } });
    expect(me.status).toBe(200);
    // Taking a new request opens it.
    expect(me.json.request).toMatchObject({ assignee: { id: desk.agent.id }, status: "OPEN" });

    const head = await call(assigneeRoute.PUT, { token: tokens.agent, method: "PUT", params, body: { assigneeId: desk.head.id } });
    expect(head.json.request.assignee.id).toBe(desk.head.id);

    const notAgent = await call(assigneeRoute.PUT, { token: tokens.agent, method: "PUT", params, body: { assigneeId: desk.requester.id } });
    expect(notAgent.status).toBe(422);
    expect(notAgent.json.error.fields).toHaveProperty("assigneeId");

    const missing = await call(assigneeRoute.PUT, { token: tokens.agent, method: "PUT", params, body: {} });
    expect(missing.status).toBe(422);

    const none = await call(assigneeRoute.PUT, { token: tokens.agent, method: "PUT", params, body: { assigneeId: null } });
    expect(none.json.request.assignee).toBeNull();
  });
});

describe("rate limit", () => {
  const keys: string[] = [];
  afterEach(async () => {
    await db().rateWindow.deleteMany({ where: { key: { in: keys.splice(0) } } });
  });

  it("answers 429 with Retry-After once a person is over the limit, counted across all their tokens", async () => {
    expect((await call(requestsRoute.GET, { token: tokens.requester })).status).toBe(200);
    const { secret: second } = await createApiToken({ actor: desk.requester, input: { name: "second script" } });
    keys.push(await fillNextWindow(rateKey("api", desk.requester.id), env().DESK_API_RATE_LIMIT));
    for (const token of [tokens.requester, second]) {
      const res = await call(requestsRoute.POST, { token, body: newRequestBody() });
      expect(res.status).toBe(429);
      expect(res.json.error.code).toBe("RATE_LIMITED");
      const retryAfter = Number(res.headers.get("retry-after"));
      expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 120).toBe(true);
      expect(res.headers.get("x-ratelimit-remaining")).toBe("0");
    }
    expect(await requestCount()).toBe(0);
    // Other people are counted on their own.
    expect((await call(requestsRoute.GET, { token: tokens.agent })).status).toBe(200);
  });

  it("counts concurrent calls exactly in one window", async () => {
    const subject = `concurrent-${uid()}`;
    keys.push(await fillNextWindow(rateKey("api", subject), 0));
    const results = await Promise.all(Array.from({ length: 8 }, () => consumeRateLimit({ scope: "api", subject, limit: 5 })));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    expect(results.map((r) => r.remaining).sort()).toEqual([0, 0, 0, 0, 1, 2, 3, 4]);
  });

  it("forgets windows that ended a day ago", async () => {
    const key = rateKey("signin-ip", `old-${uid()}`);
    keys.push(key);
    await db().rateWindow.create({ data: { key, windowStart: new Date(Date.now() - 25 * 60 * 60_000), count: 3 } });
    expect(await purgeRateWindows(db())).toBeGreaterThanOrEqual(1);
    expect(await db().rateWindow.count({ where: { key } })).toBe(0);
  });
});

describe("catalogue, unknown endpoints and the OpenAPI document", () => {
  it("lists request types with their fields", async () => {
    const res = await call(typesRoute.GET, { token: tokens.requester, path: "/request-types" });
    expect(res.status).toBe(200);
    expect(res.json.data.find((t: { id: string }) => t.id === desk.type.id)).toMatchObject({
      department: { key: desk.provider.key },
      fields: [expect.objectContaining({ key: "room", required: true }), expect.objectContaining({ key: "floor" })],
    });
  });

  it("answers the health check without a token when the database answers", async () => {
    const res = await healthRoute.GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("answers unknown paths with a JSON 404", async () => {
    const res = await call(catchAllRoute.GET, { token: null, path: "/nothing-here" });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("NOT_FOUND");
  });

  it("answers a method a route does not have with a JSON 405 that says which it has", async () => {
    const res = await call(typesRoute.DELETE, { token: tokens.requester, method: "DELETE", path: "/request-types" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
    expect(res.json.error).toMatchObject({ code: "METHOD_NOT_ALLOWED", message: "Use GET here." });
    expect((await call(statusRoute.GET, { token: tokens.requester, path: "/requests/X-1/status" })).headers.get("allow")).toBe("PUT");
  });

  it("serves an OpenAPI 3.1 document describing every route, with resolvable references", async () => {
    const res = await call(openapiRoute.GET, { token: null, path: "/openapi.json" });
    expect(res.status).toBe(200);
    const doc = res.json;
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });

    // Every route module under app/api/v1 (but the catch-all) is a documented path with its methods.
    const root = path.resolve("app/api/v1");
    const routes = fs
      .readdirSync(root, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith("route.ts") && !f.includes("[..."))
      .map((f) => ({ file: f, path: `/${path.dirname(f)}`.replace(/\[(\w+)\]/g, "{$1}").replace(/\/\.$/, "") }));
    expect(routes.length).toBeGreaterThanOrEqual(7);
    for (const route of routes) {
      const source = fs.readFileSync(path.join(root, route.file), "utf8");
      const methods = [...source.matchAll(/export (?:const|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!.toLowerCase());
      expect(Object.keys(doc.paths[route.path] ?? {}).sort(), route.path).toEqual(methods.sort());
    }

    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    for (const ref of new Set(refs)) expect(doc.components.schemas, ref).toHaveProperty(ref);

    const create = doc.paths["/requests"].post;
    expect(create.requestBody.content["application/json"].schema).toMatchObject({ type: "object", required: ["typeId", "title", "description"] });
    expect(create.parameters.map((p: { name: string }) => p.name)).toContain("Idempotency-Key");
    expect(create.responses["429"].headers).toHaveProperty("Retry-After");
    expect(doc.paths["/requests"].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["department", "status", "cursor"]));
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toContain("IDEMPOTENCY_KEY_REUSED");
  });
});
