import "server-only";
import { authenticateApiCall, type ApiToken } from "@/lib/api-tokens/authenticate-api-token";
import type { Actor } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { ApiError, errorResponse } from "./http";
import type { FoundRequest } from "@/lib/requests/find-by-reference";
import type { RateState } from "@/lib/security/rate-limit";

export type ApiContext<P> = {
  request: Request;
  actor: Actor;
  token: ApiToken;
  params: P;
  /**
   * On a route under /requests/:reference, the request it names, read with the authentication in
   * its round trip when the actor may see it; null otherwise. Hand it to resolveReference, which
   * decides (an old reference, or none the actor may see, is resolved in full there).
   */
  found?: FoundRequest | null;
};
type RouteContext<P> = { params: Promise<P> };

/**
 * The one wrapper of /api/v1 route handlers: authenticates the bearer token, counts the call
 * against its person's rate limit, loads the token's person as the actor, and turns every failure
 * into the JSON error shape. Authorization is the use cases' business, as it is for pages.
 */
export function apiRoute<P extends Record<string, string> = Record<string, never>>(handler: (context: ApiContext<P>) => Promise<Response>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    let rate: RateState | undefined;
    try {
      const params = (await context?.params) ?? ({} as P);
      const reference = typeof params.reference === "string" ? params.reference : undefined;
      // Token, rate window, actor (and the request a route names) in one statement; per person, not per token: more tokens must not buy more calls.
      const call = await authenticateApiCall({ authorization: request.headers.get("authorization"), limit: env().DESK_API_RATE_LIMIT, reference });
      rate = call.rate;
      if (!rate.allowed) {
        throw new ApiError(429, "RATE_LIMITED", `Too many calls: at most ${rate.limit} a minute across all your tokens. Try again in ${rate.resetSeconds} s.`, undefined, {
          "Retry-After": String(rate.resetSeconds),
        });
      }
      const actor = call.actor();
      const token = call.token;
      return withRateHeaders(await handler({ request, actor, token, params, found: call.request }), rate);
    } catch (error) {
      return withRateHeaders(errorResponse(error), rate);
    }
  };
}

function withRateHeaders(response: Response, rate: RateState | undefined): Response {
  if (!rate) return response;
  response.headers.set("X-RateLimit-Limit", String(rate.limit));
  response.headers.set("X-RateLimit-Remaining", String(rate.remaining));
  response.headers.set("X-RateLimit-Reset", String(rate.resetSeconds));
  return response;
}
