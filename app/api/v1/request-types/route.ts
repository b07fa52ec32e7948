import { apiRoute } from "@/lib/api/handler";
import { json, otherMethods } from "@/lib/api/http";
import { listRequestTypes } from "@/lib/catalog/list-request-types";

export const GET = apiRoute(async ({ actor }) => json(200, { data: await listRequestTypes({ actor }) }));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
