import { apiRoute } from "@/lib/api/handler";
import { json, otherMethods, readJson } from "@/lib/api/http";
import { idempotentWrite } from "@/lib/api/idempotency";
import { toRequestDetail } from "@/lib/api/serialize";
import { resolveReference } from "@/lib/requests/resolve-reference";
import { updateRequest } from "@/lib/requests/update-request";
import { apiStatusSchema } from "@/lib/validation/api";
import { parseInput } from "@/lib/validation/parse";

// Without expectedVersion the status is set on whatever version is current (changes of one request
// are serialised by its row lock): 409 STALE_VERSION only when a version sent is out of date.
export const PUT = apiRoute<{ reference: string }>(async ({ request, actor, token, params, found }) => {
  const body = parseInput(apiStatusSchema, await readJson(request));
  const { result, replayed } = await idempotentWrite({
    tokenId: token.id,
    idempotencyKey: request.headers.get("idempotency-key"),
    scope: `PUT /requests/${params.reference}/status`,
    body,
    run: async () => {
      const current = await resolveReference({ actor, reference: params.reference, found });
      const { request } = await updateRequest({ actor, input: { requestId: current.id, expectedVersion: body.expectedVersion, status: body.status }, answer: true });
      return { request: toRequestDetail(request!) };
    },
  });
  return json(200, result, replayed ? { "Idempotent-Replayed": "true" } : {});
});

export const { GET, POST, PATCH, DELETE } = otherMethods("PUT");
