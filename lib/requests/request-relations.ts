import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Status } from "@/lib/validation/request-values";
import { findVisibleByReference } from "./find-by-reference";
import { formatReference, parseReference } from "./reference";
import { requestColumns, requestVisibleSql } from "./request-policy";

type Summary = { id: string; title: string; status: Status; number: number; departmentKey: string; departmentName: string };
const described = (r: Summary) => ({ id: r.id, reference: formatReference(r.departmentKey, r.number), title: r.title, status: r.status, department: r.departmentName });
const ref = (r: Summary) => ({ id: r.id, reference: formatReference(r.departmentKey, r.number), title: r.title, status: r.status });

type RelationsRow = {
  mergedIntoId: string | null;
  aliases: { departmentKey: string; number: number }[];
  mergedInto: Summary | null;
  mergedFrom: Summary[];
  links: (Summary & { linkId: string })[];
  problem: Summary | null;
  linkedToProblem: Summary[];
};

/** A row of `shown` as the page names it (a JSON object). */
const summaryJson = Prisma.raw(`json_build_object('id', id, 'title', title, 'status', status, 'number', number, 'departmentKey', "departmentKey", 'departmentName', "departmentName")`);

/**
 * What a request page shows around the request: its links, where it was merged to or from, the
 * references it had before transfers, the problem it is linked to and the requests linked to it
 * (when it is a problem). Only requests the viewer may see are named; a merge target they may not
 * see is "another request", a link to one is left out. One statement, authorised by the request
 * policy's SQL on the request and on every request it names.
 */
export async function requestRelations(options: { actor: Actor; requestId: string }) {
  const { actor, requestId } = options;
  const seen = (alias: string) => requestVisibleSql(actor, requestColumns(alias));
  // Every request it names is gathered first, then judged once by the policy's SQL (one predicate
  // to plan, not one per kind).
  const [row] = await sql().$queryRaw<RelationsRow[]>`
    WITH me AS (SELECT r.id, r."mergedIntoId", r."problemId" FROM "Request" r WHERE r.id = ${requestId} AND ${seen("r")}),
    named AS (
      SELECT 'into' AS kind, me."mergedIntoId" AS id, NULL::text AS "linkId", NULL::timestamp AS "linkedAt" FROM me WHERE me."mergedIntoId" IS NOT NULL
      UNION ALL SELECT 'from', m.id, NULL, NULL FROM me JOIN "Request" m ON m."mergedIntoId" = me.id
      UNION ALL SELECT 'link', CASE WHEN l."requestAId" = me.id THEN l."requestBId" ELSE l."requestAId" END, l.id, l."createdAt"
                  FROM me JOIN "RequestLink" l ON l."requestAId" = me.id OR l."requestBId" = me.id
      UNION ALL SELECT 'problem', me."problemId", NULL, NULL FROM me WHERE me."problemId" IS NOT NULL
      UNION ALL SELECT 'linked', k.id, NULL, NULL FROM me JOIN "Request" k ON k."problemId" = me.id
    ),
    shown AS (
      SELECT n.kind, n."linkId", n."linkedAt", o.id, o.title, o.status, o.number, o."closedAt", o."createdAt", d.key AS "departmentKey", d.name AS "departmentName"
        FROM named n JOIN "Request" o ON o.id = n.id JOIN "Department" d ON d.id = o."departmentId"
       WHERE ${seen("o")}
    )
    SELECT me."mergedIntoId",
           COALESCE((SELECT json_agg(json_build_object('departmentKey', ad.key, 'number', al.number) ORDER BY al."createdAt")
                       FROM "RequestAlias" al JOIN "Department" ad ON ad.id = al."departmentId" WHERE al."requestId" = me.id), '[]') AS aliases,
           (SELECT ${summaryJson} FROM shown WHERE kind = 'into') AS "mergedInto",
           COALESCE((SELECT json_agg(${summaryJson} ORDER BY "closedAt", id) FROM shown WHERE kind = 'from'), '[]') AS "mergedFrom",
           COALESCE((SELECT json_agg(json_build_object('linkId', "linkId", 'id', id, 'title', title, 'status', status, 'number', number,
                                                       'departmentKey', "departmentKey", 'departmentName', "departmentName") ORDER BY "linkedAt", "linkId")
                       FROM shown WHERE kind = 'link'), '[]') AS links,
           (SELECT ${summaryJson} FROM shown WHERE kind = 'problem') AS problem,
           COALESCE((SELECT json_agg(${summaryJson} ORDER BY "createdAt", id)
                       FROM (SELECT * FROM shown WHERE kind = 'linked' ORDER BY "createdAt", id LIMIT 200) k), '[]') AS "linkedToProblem"
      FROM me`;
  if (!row) return { links: [], mergedInto: null, mergedFrom: [], formerReferences: [], problem: null, linkedToProblem: [] };
  return {
    links: row.links.map((l) => ({ linkId: l.linkId, ...described(l) })),
    mergedInto: row.mergedIntoId ? (row.mergedInto ? { visible: true as const, ...described(row.mergedInto) } : { visible: false as const }) : null,
    mergedFrom: row.mergedFrom.map(described),
    formerReferences: row.aliases.map((a) => formatReference(a.departmentKey, a.number)),
    /** The problem this request is linked to, and (when it is a problem) the requests linked to it. */
    problem: row.problem ? ref(row.problem) : null,
    linkedToProblem: row.linkedToProblem.map(ref),
  };
}

export type RequestRelations = Awaited<ReturnType<typeof requestRelations>>;

/** The current reference of a request the viewer may see, given one it had before a transfer; null otherwise. */
export async function currentReference(options: { actor: Actor; reference: string }): Promise<string | null> {
  if (!parseReference(options.reference)) return null;
  const found = await findVisibleByReference(db(), options.actor, options.reference);
  return found && found.reference !== options.reference.trim().toUpperCase() ? found.reference : null;
}
