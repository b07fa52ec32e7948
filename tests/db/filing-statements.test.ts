import { beforeEach, describe, expect, it } from "vitest";
import * as requestsRoute from "@/app/api/v1/requests/route";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { db } from "@/lib/db/client";
import { seedDesk, seedPolicies, uid } from "../support/factories";
import { listStatements, statementsDuring } from "../support/statements";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

let desk: Awaited<ReturnType<typeof seedDesk>>;
let token: string;

beforeEach(async () => {
  desk = await seedDesk();
  await seedPolicies(desk.provider.id, [{ firstResponse: 60, resolution: 480 }]);
  token = (await createApiToken({ actor: desk.requester, input: { name: `statements ${uid()}` } })).secret;
  // Warm: the first call of a process loads modules and opens pool connections.
  await file(`warm-${uid()}`);
});

async function file(key: string) {
  const request = new Request("http://desk.test/api/v1/requests", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": key },
    body: JSON.stringify({ typeId: desk.type.id, title: "Counted filing", description: "How many statements does filing take?", fieldValues: {} }),
  });
  const response = await (requestsRoute.POST as Handler)(request, { params: Promise.resolve({}) });
  return { status: response.status, json: (await response.json()) as { request: { id: string; reference: string; events: unknown[]; status: string } } };
}

const FILING_BUDGET = 7;

describe("filing through the API", () => {
  // The bar is 12. Reached: authentication (token, rate window and actor in one), the type, the
  // department's policies, audience and number side by side, the one write, the stored answer.
  it(`takes at most ${FILING_BUDGET} SQL statements, authentication, rate window, idempotency claim and response included`, async () => {
    const { result, statements } = await statementsDuring(() => file(`count-${uid()}`));
    expect(result.status).toBe(201);
    console.log(`filing through POST /api/v1/requests: ${statements.length} SQL statements\n  ${listStatements(statements)}`);
    expect(statements.length).toBeLessThanOrEqual(FILING_BUDGET);

    // And the filing is whole: the request, its created event, its clocks and the stored response.
    const row = await db().request.findUniqueOrThrow({ where: { id: result.json.request.id }, include: { events: true, slaClocks: true } });
    expect(row.events.map((e) => e.type)).toEqual(["created"]);
    expect(row.slaClocks.map((c) => c.metric).sort()).toEqual(["FIRST_RESPONSE", "RESOLUTION"]);
    expect(result.json.request).toMatchObject({ reference: expect.stringMatching(/-\d+$/), status: "NEW" });
  });

  it("refuses a replayed key with another body without filing, in few statements too", async () => {
    const key = `reuse-${uid()}`;
    expect((await file(key)).status).toBe(201);
    const before = await db().request.count({ where: { requesterId: desk.requester.id } });
    const request = new Request("http://desk.test/api/v1/requests", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": key },
      body: JSON.stringify({ typeId: desk.type.id, title: "Another body", description: "Same key, other body.", fieldValues: {} }),
    });
    const { result } = await statementsDuring(() => (requestsRoute.POST as Handler)(request, { params: Promise.resolve({}) }));
    expect(result.status).toBe(422);
    expect(await db().request.count({ where: { requesterId: desk.requester.id } })).toBe(before);
  });
});
