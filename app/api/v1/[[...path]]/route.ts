import { json } from "@/lib/api/http";

/** Unknown paths under /api/v1 answer in the API's error shape, not with the site's HTML 404 page. */
function notFound(): Response {
  return json(404, { error: { code: "NOT_FOUND", message: "There is no such endpoint. See /api/v1/openapi.json." } });
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
