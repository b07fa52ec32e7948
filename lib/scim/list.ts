import type { z } from "zod";
import { scimSchemas, type scimListQuerySchema } from "@/lib/validation/scim";
import { ScimError } from "./scim-error";

export type ListQuery = z.output<typeof scimListQuerySchema>;

/**
 * The one filter form identity providers send when provisioning: `attribute eq "value"` (Okta:
 * userName; Entra: userName, externalId, displayName). Anything else is a 400 invalidFilter, never
 * a silently unfiltered list (a provider would take its first entry as the match).
 */
export function parseFilter(filter: string | undefined, attributes: string[]): { attribute: string; value: string } | null {
  if (!filter?.trim()) return null;
  const match = /^\s*([A-Za-z][\w.:]*(?:\[type eq "work"\]\.value)?)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
  if (!match) throw new ScimError(400, 'Only filters of the form attribute eq "value" are supported.', "invalidFilter");
  const attribute = match[1]!.toLowerCase();
  if (!attributes.includes(attribute)) throw new ScimError(400, `Filtering by ${match[1]} is not supported.`, "invalidFilter");
  return { attribute, value: match[2]!.replace(/\\(.)/g, "$1") };
}

/** A ListResponse page: 1-based startIndex, at most `count` resources. */
export async function listPage<T>(query: ListQuery, read: { count: () => Promise<number>; page: (skip: number, take: number) => Promise<T[]> }) {
  const totalResults = await read.count();
  const resources = query.count === 0 ? [] : await read.page(query.startIndex - 1, query.count);
  return { schemas: [scimSchemas.list], totalResults, startIndex: query.startIndex, itemsPerPage: resources.length, Resources: resources };
}
