import { beforeEach, describe, expect, it } from "vitest";
import * as commentsRoute from "@/app/api/v1/requests/[reference]/comments/route";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { fileRequest } from "@/lib/requests/file-request";
import { seedDesk, uid } from "../support/factories";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

let desk: Awaited<ReturnType<typeof seedDesk>>;

beforeEach(async () => {
  desk = await seedDesk();
});

// The embedded database's pool is one connection that requests queue for (no time-out): PostgreSQL only.
describe.skipIf(process.env.DESK_EMBEDDED === "true")("a saturated pool", () => {
  it("answers a reply 503 with Retry-After, never 500, and writes nothing", async () => {
    const filed = await fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title: "Saturated", description: "Reply while the pool is full.", fieldValues: {}, submissionKey: uid() } });
    const token = (await createApiToken({ actor: desk.agent, input: { name: `saturation ${uid()}` } })).secret;
    // Every connection of the app's pool is held longer than the pool lets a caller wait (10 s).
    const held = Array.from({ length: env().DATABASE_POOL_MAX }, () =>
      db().$transaction(async (tx) => tx.$queryRaw`SELECT pg_sleep(11)::text AS slept`, { timeout: 20_000, maxWait: 20_000 }),
    );
    const response = await (commentsRoute.POST as Handler)(
      new Request(`http://desk.test/api/v1/requests/${filed.reference}/comments`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ body: "Anyone there?", visibility: "PUBLIC" }),
      }),
      { params: Promise.resolve({ reference: filed.reference }) },
    );
    await Promise.all(held);
    expect([response.status, response.headers.get("retry-after")]).toEqual([503, "2"]);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("SERVICE_UNAVAILABLE");
    expect(await db().comment.count({ where: { requestId: filed.id } })).toBe(0);
  }, 40_000);
});
