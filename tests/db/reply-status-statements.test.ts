import { beforeEach, describe, expect, it } from "vitest";
import * as commentsRoute from "@/app/api/v1/requests/[reference]/comments/route";
import * as statusRoute from "@/app/api/v1/requests/[reference]/status/route";
import * as requestsRoute from "@/app/api/v1/requests/route";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { toRequestDetail } from "@/lib/api/serialize";
import { db } from "@/lib/db/client";
import { getRequest } from "@/lib/requests/get-request";
import { seedDesk, seedPolicies, uid } from "../support/factories";
import { listStatements, statementsDuring } from "../support/statements";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Detail = { id: string; reference: string; status: string; version: number; comments: { id: string; body: string }[]; events: { type: string }[] };

// The budgets these writes reach, in round trips (pg queries): authentication (token, rate window,
// actor and the request the reference names, in one statement), BEGIN with the row lock (one round
// trip: sqlTransaction's `opening`), the request held with its history, policies and audience, one
// write (request row, comment, events, clocks, notifications, emails; webhook outbox and automation
// by trigger), COMMIT. 49 and 47 statements before they held the request, 19 and 18 before they
// wrote in one statement, 9 before authentication was one statement and BEGIN carried the lock, 6
// before the reference was read with the authentication. (The COMMIT sent with the write, as a
// simple query with its values inlined, was measured slower: the write then lost its prepared plan.)
// On the embedded database BEGIN goes on its own (its socket server is not where to count round trips): one more.
// An Idempotency-Key adds its claim and its stored answer; a retry answered from what was stored
// is the authentication, the claim (Prisma's createMany: BEGIN, INSERT, COMMIT) and the stored answer.
const embedded = process.env.DESK_EMBEDDED === "true";
const REPLY_BUDGET = embedded ? 6 : 5;
const STATUS_BUDGET = embedded ? 6 : 5;
const REPLAY_BUDGET = 5;

let desk: Awaited<ReturnType<typeof seedDesk>>;
let requesterToken: string;
let agentToken: string;

beforeEach(async () => {
  desk = await seedDesk();
  await seedPolicies(desk.provider.id, [{ firstResponse: 60, resolution: 480 }]);
  requesterToken = (await createApiToken({ actor: desk.requester, input: { name: `statements ${uid()}` } })).secret;
  agentToken = (await createApiToken({ actor: desk.agent, input: { name: `statements ${uid()}` } })).secret;
  // Warm: the first call of a process loads modules and opens pool connections.
  await reply((await file()).reference, `warm-${uid()}`);
});

async function call(handler: unknown, url: string, method: string, token: string, body: unknown, key?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  if (key) headers["idempotency-key"] = key;
  const reference = url.split("/")[4] ?? "";
  const response = await (handler as Handler)(new Request(`http://desk.test${url}`, { method, headers, body: JSON.stringify(body) }), {
    params: Promise.resolve({ reference }),
  });
  return { status: response.status, json: (await response.json()) as { request: Detail; commentId?: string } };
}

async function file() {
  const body = { typeId: desk.type.id, title: "Counted reply", description: "How many statements does a reply take?", fieldValues: {} };
  const { status, json } = await call(requestsRoute.POST, "/api/v1/requests", "POST", requesterToken, body);
  expect(status).toBe(201);
  return json.request;
}

/** The request as GET /api/v1/requests/:reference gives it to the agent (through JSON, as the answer came). */
const readBack = async (reference: string) => JSON.parse(JSON.stringify(toRequestDetail(await getRequest({ actor: desk.agent, reference })))) as Detail;

const reply = (reference: string, key?: string) =>
  call(commentsRoute.POST, `/api/v1/requests/${reference}/comments`, "POST", agentToken, { body: "Looking into it.", visibility: "PUBLIC" }, key);
const setStatus = (reference: string, status: string, key?: string) =>
  call(statusRoute.PUT, `/api/v1/requests/${reference}/status`, "PUT", agentToken, { status }, key);

describe("replying through the API", () => {
  it(`takes at most ${REPLY_BUDGET} SQL statements, and the answer is the request as it now is`, async () => {
    const filed = await file();
    const { result, statements } = await statementsDuring(() => reply(filed.reference));
    console.log(`POST /api/v1/requests/:reference/comments: ${statements.length} SQL statements\n  ${listStatements(statements)}`);
    expect(result.status).toBe(201);
    expect(statements.length).toBeLessThanOrEqual(REPLY_BUDGET);
    // Only the authentication's bookkeeping skips the WAL flush: the request's transaction commits as the server says.
    expect(statements.filter((s) => s.includes("synchronous_commit"))).toHaveLength(1);
    expect(statements[0]).toContain("synchronous_commit");

    // The agent's first reply opened the request: the write is whole, and the answer says so.
    const row = await db().request.findUniqueOrThrow({ where: { id: filed.id }, include: { events: { orderBy: { id: "asc" } }, slaClocks: true, comments: true } });
    expect(row.status).toBe("OPEN");
    expect(row.events.map((e) => e.type)).toEqual(["created", "commented", "status_changed"]);
    expect(row.slaClocks.find((c) => c.metric === "FIRST_RESPONSE")?.state).toBe("MET");
    const notices = await db().notification.findMany({ where: { requestId: filed.id, personId: desk.requester.id }, select: { kind: true } });
    expect(notices.map((n) => n.kind)).toContain("reply");
    expect(result.json.commentId).toBe(row.comments[0]!.id);
    expect(result.json.request).toMatchObject({ status: "OPEN", version: row.version, comments: [{ id: row.comments[0]!.id, body: "Looking into it." }] });
    expect(result.json.request.events.map((e) => e.type)).toEqual(["created", "status_changed"]);
    // Built from what the change held and wrote, it is what reading the request back gives.
    expect(result.json.request).toEqual(await readBack(filed.reference));
  });

  it("answers a retry with the same Idempotency-Key from what was stored, in few statements too", async () => {
    const filed = await file();
    const key = `reply-${uid()}`;
    const first = await reply(filed.reference, key);
    const { result, statements } = await statementsDuring(() => reply(filed.reference, key));
    console.log(`replayed POST /api/v1/requests/:reference/comments: ${statements.length} SQL statements\n  ${listStatements(statements)}`);
    expect(result).toEqual(first);
    expect(statements.length).toBeLessThanOrEqual(REPLAY_BUDGET);
    expect(await db().comment.count({ where: { requestId: filed.id } })).toBe(1);
  });
});

describe("changing status through the API", () => {
  it(`takes at most ${STATUS_BUDGET} SQL statements, and the answer is the request as it now is`, async () => {
    const filed = await file();
    expect((await reply(filed.reference)).status).toBe(201);
    const { result, statements } = await statementsDuring(() => setStatus(filed.reference, "WAITING_ON_REQUESTER"));
    console.log(`PUT /api/v1/requests/:reference/status: ${statements.length} SQL statements\n  ${listStatements(statements)}`);
    expect(result.status).toBe(200);
    expect(statements.length).toBeLessThanOrEqual(STATUS_BUDGET);

    const row = await db().request.findUniqueOrThrow({ where: { id: filed.id }, include: { events: { orderBy: { id: "asc" } }, slaClocks: true } });
    expect(row.status).toBe("WAITING_ON_REQUESTER");
    expect(row.events.map((e) => e.type)).toEqual(["created", "commented", "status_changed", "status_changed"]);
    expect(row.slaClocks.find((c) => c.metric === "RESOLUTION")?.paused).toBe(true);
    const notices = await db().notification.findMany({ where: { requestId: filed.id, personId: desk.requester.id, kind: "status_changed" } });
    // The reply that opened it told nobody of a status change; this change tells the requester.
    expect(notices).toHaveLength(1);
    expect(result.json.request).toMatchObject({ status: "WAITING_ON_REQUESTER", version: row.version, comments: [{ body: "Looking into it." }] });
    expect(result.json.request.events.map((e) => e.type)).toEqual(["created", "status_changed", "status_changed"]);
    expect(result.json.request).toEqual(await readBack(filed.reference));
  });

  it("refuses another department's agent as not found, writing nothing", async () => {
    const filed = await file();
    const outsider = (await createApiToken({ actor: desk.outsiderAgent, input: { name: `outsider ${uid()}` } })).secret;
    const refused = await call(statusRoute.PUT, `/api/v1/requests/${filed.reference}/status`, "PUT", outsider, { status: "OPEN" });
    expect(refused.status).toBe(404);
    const replied = await call(commentsRoute.POST, `/api/v1/requests/${filed.reference}/comments`, "POST", outsider, { body: "Mine?", visibility: "PUBLIC" });
    expect(replied.status).toBe(404);
    const row = await db().request.findUniqueOrThrow({ where: { id: filed.id }, include: { events: true, comments: true } });
    expect(row.status).toBe("NEW");
    expect(row.events).toHaveLength(1);
    expect(row.comments).toHaveLength(0);
  });
});
