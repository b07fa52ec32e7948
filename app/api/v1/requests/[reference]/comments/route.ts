import { apiRoute } from "@/lib/api/handler";
import { json, otherMethods, readJson } from "@/lib/api/http";
import { idempotentWrite } from "@/lib/api/idempotency";
import { toRequestDetail } from "@/lib/api/serialize";
import { addComment } from "@/lib/requests/add-comment";
import { getRequest } from "@/lib/requests/get-request";
import { resolveReference } from "@/lib/requests/resolve-reference";
import { apiCommentSchema } from "@/lib/validation/api";
import { parseInput } from "@/lib/validation/parse";

export const POST = apiRoute<{ reference: string }>(async ({ request, actor, token, params, found }) => {
  const body = parseInput(apiCommentSchema, await readJson(request));
  const { result, replayed } = await idempotentWrite({
    tokenId: token.id,
    idempotencyKey: request.headers.get("idempotency-key"),
    scope: `POST /requests/${params.reference}/comments`,
    body,
    run: async (submissionKey) => {
      const current = await resolveReference({ actor, reference: params.reference, found });
      const { commentId, request } = await addComment({ actor, input: { ...body, requestId: current.id }, submissionKey, answer: true });
      // A retry that found its comment written holds nothing to answer from: it reads the request.
      return { commentId, request: toRequestDetail(request ?? (await getRequest({ actor, reference: current.reference }))) };
    },
  });
  return json(201, result, replayed ? { "Idempotent-Replayed": "true" } : {});
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
