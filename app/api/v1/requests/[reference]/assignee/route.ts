import { apiRoute } from "@/lib/api/handler";
import { json, otherMethods, readJson } from "@/lib/api/http";
import { toRequestDetail } from "@/lib/api/serialize";
import { getRequest } from "@/lib/requests/get-request";
import { resolveReference } from "@/lib/requests/resolve-reference";
import { updateRequest } from "@/lib/requests/update-request";
import { apiAssigneeSchema } from "@/lib/validation/api";
import { parseInput } from "@/lib/validation/parse";

export const PUT = apiRoute<{ reference: string }>(async ({ request, actor, params }) => {
  const body = parseInput(apiAssigneeSchema, await readJson(request));
  const current = await resolveReference({ actor, reference: params.reference });
  const assigneeId = body.assigneeId === "me" ? actor.id : body.assigneeId;
  await updateRequest({ actor, input: { requestId: current.id, expectedVersion: body.expectedVersion ?? current.version, assigneeId } });
  return json(200, { request: toRequestDetail(await getRequest({ actor, reference: current.reference })) });
});

export const { GET, POST, PATCH, DELETE } = otherMethods("PUT");
