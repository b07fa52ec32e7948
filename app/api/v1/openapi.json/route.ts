import { json, otherMethods } from "@/lib/api/http";
import { openApiDocument } from "@/lib/api/openapi";

/** Public, like any API description: it says what the API accepts, nothing about anyone's data. */
export function GET(): Response {
  return json(200, openApiDocument(), { "Cache-Control": "public, max-age=300" });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
