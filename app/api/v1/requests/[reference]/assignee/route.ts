import { apiRoute } from "@/lib/api/handler";
import { json, otherMethods, readJson } from "@/lib/api/http";
import { idempotentWrite } from "@/lib/api/idempotency";
import { toRequestDetail } from "@/lib/api/serialize";
import { getRequest } from "@/lib/requests/get-request";
import { resolveReference } from "@/lib/requests/resolve-reference";
import { updateRequest } from "@/lib/requests/update-request";
import { apiAssigneeSchema } from "@/lib/validation/api";
import { parseInput } from "@/lib/validation/parse";

// As for status: without expectedVersion the assignee is set on the current version, no 409.
export const PUT = apiRoute<{ reference: string }>(async ({ request, actor, token, params, found }) => {
  const body = parseInput(apiAssigneeSchema, await readJson(request));
  const { result, replayed } = await idempotentWrite({
    tokenId: token.id,
    idempotencyKey: request.headers.get("idempotency-key"),
    scope: `PUT /requests/${params.reference}/assignee`,
    body,
    run: async () => {
      const current = await resolveReference({ actor, reference: params.reference, found });
      const assigneeId = body.assigneeId === "me" ? actor.id : body.assigneeId;
      await updateRequest({ actor, input: { requestId: current.id, expectedVersion: body.expectedVersion, assigneeId } });
      return { request: toRequestDetail(await getRequest({ actor, reference: current.reference })) };
    },
  });
  return json(200, result, replayed ? { "Idempotent-Replayed": "true" } : {});
});

export const { GET, POST, PATCH, DELETE } = otherMethods("PUT");
