import { apiRoute } from "@/lib/api/handler";
import { json } from "@/lib/api/http";
import { toRequestDetail } from "@/lib/api/serialize";
import { getRequest } from "@/lib/requests/get-request";

export const GET = apiRoute<{ reference: string }>(async ({ actor, params }) => {
  return json(200, { request: toRequestDetail(await getRequest({ actor, reference: params.reference })) });
});
