import { apiRoute } from "@/lib/api/handler";
import { createRequestForApi } from "@/lib/api/create-request";
import { json, otherMethods, readJson } from "@/lib/api/http";
import { toRequestSummary } from "@/lib/api/serialize";
import { listMyRequestsPage } from "@/lib/requests/list-my-requests-page";
import { listQueue } from "@/lib/requests/list-queue";
import { apiListQuerySchema } from "@/lib/validation/api";
import { parseInput } from "@/lib/validation/parse";

export const GET = apiRoute(async ({ request, actor }) => {
  const query = parseInput(apiListQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  if (query.department) {
    const { department: _key, ...filter } = query;
    const queue = await listQueue({ actor, departmentKey: query.department, filter });
    return json(200, { data: queue.rows.map((r) => toRequestSummary(r, queue.department)), nextCursor: queue.nextCursor });
  }
  const mine = await listMyRequestsPage({ actor, status: query.status, cursor: query.cursor });
  return json(200, { data: mine.rows.map((r) => toRequestSummary(r, r.department)), nextCursor: mine.nextCursor });
});

export const POST = apiRoute(async ({ request, actor, token }) => {
  const body = await readJson(request);
  const result = await createRequestForApi({ actor, tokenId: token.id, idempotencyKey: request.headers.get("idempotency-key"), body });
  return json(201, { request: result.request }, {
    Location: `/api/v1/requests/${result.request.reference}`,
    ...(result.replayed ? { "Idempotent-Replayed": "true" } : {}),
  });
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
