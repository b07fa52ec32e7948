import { apiRoute } from "@/lib/api/handler";
import { json } from "@/lib/api/http";
import { listRequestTypes } from "@/lib/catalog/list-request-types";

export const GET = apiRoute(async ({ actor }) => json(200, { data: await listRequestTypes({ actor }) }));
