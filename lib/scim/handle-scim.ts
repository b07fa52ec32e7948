import "server-only";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { consumeRateLimit } from "@/lib/security/rate-limit";
import { isStorableText } from "@/lib/validation/text";
import { scimListQuerySchema, scimPatchSchema } from "@/lib/validation/scim";
import { resourceTypes, schemas, serviceProviderConfig } from "./discovery";
import { createScimGroup, deleteScimGroup, getScimGroup, listScimGroups, patchScimGroup, replaceScimGroup } from "./groups";
import { ScimError, parseScim } from "./scim-error";
import { authenticateScim } from "./scim-tokens";
import { createScimUser, deleteScimUser, getScimUser, listScimUsers, patchScimUser, replaceScimUser, type ScimContext } from "./users";

/** Calls per minute per SCIM token: a full sync of a large directory is a burst of thousands, but bounded. */
const RATE_PER_MINUTE = 1200;
const MAX_BODY_BYTES = 1024 * 1024;

const scimJson = (status: number, body?: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { ...(body === undefined ? {} : { "Content-Type": "application/scim+json" }), "Cache-Control": "no-store", ...headers },
  });

async function readBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new ScimError(413, "The body is larger than 1 MB.", "tooMany");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ScimError(400, "The body is not JSON.", "invalidSyntax");
  }
}

/**
 * /scim/v2: the bearer token first (every path, discovery included: nothing here is for the public),
 * its rate, then the resource. Every failure answers in SCIM's error shape with a 4xx; anything
 * unexpected is logged and a 500 in that shape, never an HTML page.
 */
export async function handleScim(request: Request, path: string[], options: { baseUrl?: string; defaultDepartmentKey?: string } = {}): Promise<Response> {
  try {
    const caller = await authenticateScim(request.headers.get("authorization"));
    const rate = await consumeRateLimit({ scope: "scim", subject: caller.id, limit: RATE_PER_MINUTE });
    if (!rate.allowed) throw new ScimError(429, `Too many calls: at most ${rate.limit} a minute. Try again in ${rate.resetSeconds} s.`);
    const ctx: ScimContext = { caller, baseUrl: (options.baseUrl ?? env().NEXTAUTH_URL).replace(/\/$/, ""), defaultDepartmentKey: options.defaultDepartmentKey ?? env().DEFAULT_DEPARTMENT };
    const url = new URL(request.url);
    const query = Object.fromEntries(url.searchParams);
    const [resource, id, ...rest] = path;
    if (rest.length || (id !== undefined && !isStorableText(id))) throw new ScimError(404, "There is no such SCIM endpoint.");
    const method = request.method.toUpperCase();

    switch (resource) {
      case "ServiceProviderConfig":
        if (method === "GET" && !id) return scimJson(200, serviceProviderConfig(ctx.baseUrl));
        break;
      case "ResourceTypes":
        if (method === "GET") {
          const all = resourceTypes(ctx.baseUrl);
          if (!id) return scimJson(200, all);
          const one = all.Resources.find((r) => r.id === id);
          if (one) return scimJson(200, one);
          throw new ScimError(404, "No such resource type.");
        }
        break;
      case "Schemas":
        if (method === "GET") {
          const all = schemas(ctx.baseUrl);
          if (!id) return scimJson(200, all);
          const one = all.Resources.find((r) => r.id === id);
          if (one) return scimJson(200, one);
          throw new ScimError(404, "No such schema.");
        }
        break;
      case "Users":
        if (!id && method === "GET") return scimJson(200, await listScimUsers(parseScim(scimListQuerySchema, query), ctx));
        if (!id && method === "POST") {
          const user = await createScimUser(await readBody(request), ctx);
          return scimJson(201, user, { Location: user.meta.location });
        }
        if (id && method === "GET") return scimJson(200, await getScimUser(id, ctx));
        if (id && method === "PUT") return scimJson(200, await replaceScimUser(id, await readBody(request), ctx));
        if (id && method === "PATCH") return scimJson(200, await patchScimUser(id, parseScim(scimPatchSchema, await readBody(request)), ctx));
        if (id && method === "DELETE") {
          await deleteScimUser(id, ctx);
          return scimJson(204);
        }
        break;
      case "Groups":
        if (!id && method === "GET") return scimJson(200, await listScimGroups(parseScim(scimListQuerySchema, query), ctx));
        if (!id && method === "POST") {
          const group = await createScimGroup(await readBody(request), ctx);
          return scimJson(201, group, { Location: group.meta.location });
        }
        if (id && method === "GET") return scimJson(200, await getScimGroup(id, ctx, parseScim(scimListQuerySchema, query)));
        if (id && method === "PUT") return scimJson(200, await replaceScimGroup(id, await readBody(request), ctx));
        if (id && method === "PATCH") return scimJson(200, await patchScimGroup(id, parseScim(scimPatchSchema, await readBody(request)), ctx));
        if (id && method === "DELETE") {
          await deleteScimGroup(id, ctx);
          return scimJson(204);
        }
        break;
      default:
        throw new ScimError(404, "There is no such SCIM endpoint.");
    }
    throw new ScimError(405, `${method} is not supported on this path.`);
  } catch (error) {
    if (error instanceof ScimError) return scimJson(error.status, error.body(), error.status === 401 ? { "WWW-Authenticate": 'Bearer realm="scim"' } : {});
    logger.error({ err: error }, "SCIM request failed");
    return scimJson(500, { schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "500", detail: "Something went wrong on our side." });
  }
}
