import { apiRoute } from "@/lib/api/handler";
import { json, otherMethods } from "@/lib/api/http";
import { toRequestDetail } from "@/lib/api/serialize";
import { getRequest } from "@/lib/requests/get-request";
import { resolveReference } from "@/lib/requests/resolve-reference";

export const GET = apiRoute<{ reference: string }>(async ({ actor, params, found }) => {
  // An old reference (before a transfer) answers with the request under its current one.
  const { reference } = await resolveReference({ actor, reference: params.reference, found });
  return json(200, { request: toRequestDetail(await getRequest({ actor, reference })) });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
