import { z } from "zod";
import { isStorableText, text, unstorableTextMessage } from "./text";

/** Every string in a value (keys too) can be stored: PATCH values are read attribute by attribute later. */
function storable(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return isStorableText(value);
  if (depth > 8) return false;
  if (Array.isArray(value)) return value.every((v) => storable(v, depth + 1));
  if (value && typeof value === "object") return Object.entries(value).every(([k, v]) => isStorableText(k) && storable(v, depth + 1));
  return true;
}

/**
 * What /scim/v2 reads of an identity provider's requests (lib/scim). SCIM bodies carry far more
 * than the desk keeps (phone numbers, addresses, locale); unknown attributes are dropped, while every
 * attribute the desk stores is checked here.
 */
export const scimSchemas = {
  user: "urn:ietf:params:scim:schemas:core:2.0:User",
  group: "urn:ietf:params:scim:schemas:core:2.0:Group",
  enterprise: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
  patch: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
  list: "urn:ietf:params:scim:api:messages:2.0:ListResponse",
  error: "urn:ietf:params:scim:api:messages:2.0:Error",
} as const;

const short = (max: number, what: string) => text().trim().max(max, `${what} is at most ${max} characters`);

/** Entra sends booleans as "True" / "False" strings in PATCH values. */
export const scimBoolean = z.union([z.boolean(), z.enum(["true", "false", "True", "False", "TRUE", "FALSE"]).transform((v) => v.toLowerCase() === "true")], "active must be true or false");

/** A reference to another resource: "id", { value: "id" } or [{ value: "id" }] (Okta and Entra send all three). */
export const scimReference = z.union([
  short(200, "A reference").min(1),
  z.object({ value: short(200, "A reference").min(1) }),
  z.array(z.object({ value: short(200, "A reference").min(1) })).max(1),
]);

const email = z.object({ value: short(320, "An email address").optional(), type: short(40, "An email type").optional(), primary: scimBoolean.optional() });

export const scimUserSchema = z
  .object({
    userName: short(320, "userName").min(1, "userName is required"),
    externalId: short(200, "externalId").nullish(),
    displayName: short(200, "displayName").nullish(),
    title: short(200, "title").nullish(),
    active: scimBoolean.optional(),
    name: z.object({ formatted: short(200, "name.formatted").nullish(), givenName: short(100, "name.givenName").nullish(), familyName: short(100, "name.familyName").nullish() }).nullish(),
    emails: z.array(email).max(20).nullish(),
    [scimSchemas.enterprise]: z.object({ department: short(120, "department").nullish(), manager: scimReference.nullish() }).nullish(),
    /** The desk's roles below admin (lib/scim/roles.ts): "agent", or { value: "agent" } as Entra's app roles send them. */
    roles: z.array(z.union([short(100, "A role").min(1), z.object({ value: short(100, "A role").min(1) })])).max(50).nullish(),
  })
  ;
export type ScimUserInput = z.output<typeof scimUserSchema>;

export const scimGroupSchema = z
  .object({
    displayName: short(80, "displayName").min(2, "displayName needs at least 2 characters"),
    externalId: short(200, "externalId").nullish(),
    members: z.array(z.object({ value: short(200, "A member").min(1) })).max(10_000).nullish(),
  })
  ;
export type ScimGroupInput = z.output<typeof scimGroupSchema>;

export const scimPatchSchema = z.object({
  Operations: z
    .array(
      z.object({
        /** Okta sends lower case, Entra capitalised ("Replace", "Add", "Remove"). */
        op: z.string().transform((v) => v.toLowerCase()).pipe(z.enum(["add", "replace", "remove"], "op must be add, replace or remove")),
        path: short(300, "path").optional(),
        value: z.unknown().refine((v) => storable(v), unstorableTextMessage).optional(),
      }),
      "Operations must be a list",
    )
    .min(1, "Operations is empty")
    .max(1000),
});
export type ScimPatchInput = z.output<typeof scimPatchSchema>;

/** GET /Users and /Groups: a filter (only `attribute eq "value"`), 1-based paging. */
export const scimListQuerySchema = z.object({
  filter: short(500, "filter").optional(),
  startIndex: z.coerce.number("startIndex must be a number").int().min(1).max(10_000_000).catch(1).default(1),
  count: z.coerce.number("count must be a number").int().min(0).max(10_000).catch(100).default(100).transform((n) => Math.min(n, 200)),
  excludedAttributes: short(200, "excludedAttributes").optional(),
  attributes: short(200, "attributes").optional(),
});

export const createScimTokenSchema = z.object({
  name: text().trim().min(1, "Give the token a name, e.g. the identity provider it is for").max(80, "Keep the name under 80 characters"),
});
export type CreateScimTokenInput = z.input<typeof createScimTokenSchema>;

export const revokeScimTokenSchema = z.object({ tokenId: text().trim().min(1).max(64) });
export type RevokeScimTokenInput = z.input<typeof revokeScimTokenSchema>;
