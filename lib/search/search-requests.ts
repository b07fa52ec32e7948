import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { formatReference, parseReference } from "@/lib/requests/reference";
import { commentVisibleSql, requestAccess, requestColumns, requestVisibleSql, visibleRequests } from "@/lib/requests/request-policy";
import { parseInput } from "@/lib/validation/parse";
import type { ApprovalStateValue, Status } from "@/lib/validation/requests";
import { searchSchema, type SearchInput } from "@/lib/validation/search";

const PAGE = 20;
/**
 * Matches taken per way of seeing a request, newest first, before ranking. A word found in tens of
 * thousands of a department's requests is ranked among its newest matches only, which keeps a
 * search's cost bounded; people narrow a broad search by adding words, and the page says so.
 */
export const CANDIDATES = 500;

// ts_headline marks hits with these; the input schema blanks control characters in the query and
// the SQL blanks them in the text, so they can only come from ts_headline.
const START = "\u0001";
const STOP = "\u0002";
const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxFragments=2, MaxWords=18, MinWords=6, FragmentDelimiter=" … "`;

export type SnippetSegment = { text: string; hit: boolean };

export type SearchHit = {
  id: string;
  reference: string;
  title: string;
  status: Status;
  approvalState: ApprovalStateValue | null;
  department: { key: string; name: string };
  createdAt: Date;
  /** Plain text in pieces; React escapes it, hits go in <mark>. */
  snippet: SnippetSegment[];
  /** Where the snippet comes from: the request's description or one of its comments. */
  snippetFrom: "request" | "comment";
};

export type SearchResult =
  | { kind: "jump"; reference: string }
  | { kind: "results"; query: string; hits: SearchHit[]; nextCursor: string | null; notice?: string };

/**
 * Matching and ranking read the stored generated columns "searchVector" (title weighted A,
 * description B; a comment's body) of migrations *_search_vectors and *_search_month_lexemes,
 * indexed by fts_*_vector: no to_tsvector per row.
 */
const requestMatch = (tsquery: Prisma.Sql) => Prisma.sql`r."searchVector" @@ ${tsquery}`;
const commentMatch = (tsquery: Prisma.Sql) => Prisma.sql`c."searchVector" @@ ${tsquery}`;

/**
 * Full-text search over the requests the actor may see and the comments on them they may read:
 * public replies for requesters and watchers, internal notes too for agents of the request's
 * department. Ranked by ts_rank, newest first on ties, 20 a page with a keyset cursor. A request
 * number the actor may see is a jump straight to it.
 */
export async function searchRequests(options: { actor: Actor; query: string; cursor?: string }): Promise<SearchResult> {
  const { actor } = options;
  const input = parseInput(searchSchema, { query: options.query, cursor: options.cursor } satisfies SearchInput);
  const after = decodeCursor(input.cursor);

  const ref = !after ? parseReference(input.query) : null;
  if (ref) {
    const found = await db().request.findFirst({
      where: { AND: [{ number: ref.number, department: { key: ref.departmentKey } }, visibleRequests(actor)] },
      select: { id: true },
    });
    if (found) return { kind: "jump", reference: formatReference(ref.departmentKey, ref.number) };
  }

  const tsquery = Prisma.sql`websearch_to_tsquery('simple', ${input.query})`;
  // A query of only exclusions (or only punctuation) has no indexable part: it would match nearly
  // everything by scanning everything, so it is refused with a hint instead.
  const [shape] = await db().$queryRaw<{ tree: string; nodes: number }[]>`SELECT querytree(${tsquery}) AS tree, numnode(${tsquery}) AS nodes`;
  if (!shape || shape.nodes === 0 || shape.tree === "T") {
    return { kind: "results", query: input.query, hits: [], nextCursor: null, notice: "Search for at least one word; a search made only of -exclusions or symbols matches nothing." };
  }

  const rows = await db().$queryRaw<PageRow[]>(searchQuery({ actor, query: input.query, after }));
  const page = rows.slice(0, PAGE);
  const last = page.at(-1);
  return {
    kind: "results",
    query: input.query,
    hits: page.map((r) => ({
      id: r.id,
      reference: formatReference(r.departmentKey, r.number),
      title: r.title,
      status: r.status as Status,
      approvalState: r.approvalState as ApprovalStateValue | null,
      department: { key: r.departmentKey, name: r.departmentName },
      createdAt: r.createdAt,
      snippet: toSegments(r.commentSnippet ?? r.descriptionSnippet),
      snippetFrom: r.commentSnippet === null ? "request" : "comment",
    })),
    nextCursor: rows.length > PAGE && last ? encodeCursor({ rank: last.rankText, createdAt: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

/**
 * The page query, exported for the plan test. Candidates are found by one branch per way the
 * request policy lets the actor see a request (filed, followed, of a department), so that each
 * branch can start from its most selective index: a requester's few requests, or the GIN index for
 * a department's many. OR-ing them would make the planner match the text against every request
 * first. Who may see what is the policy's: every candidate passes its SQL predicates before it is
 * ranked, and a snippet comes only from a comment they pass.
 */
export function searchQuery(options: { actor: Actor; query: string; after: Cursor | null }): Prisma.Sql {
  const { actor, after } = options;
  const tsquery = Prisma.sql`websearch_to_tsquery('simple', ${options.query})`;
  const me = actor.id;
  const { view } = requestAccess(actor);
  const agentOf = view.departmentIds;
  const r = requestColumns("r");
  const requestRank = Prisma.sql`ts_rank(r."searchVector", ${tsquery})`;
  const commentRank = Prisma.sql`ts_rank(c."searchVector", ${tsquery})`;
  const keyset = after
    ? Prisma.sql`WHERE (b.rank, r."createdAt", r.id) < (${after.rank}::real, ${after.createdAt}::timestamp, ${after.id})`
    : Prisma.empty;

  // Someone who is nobody's agent gets a query without the department branches: less to plan.
  const departments = agentOf.length > 0;
  // The ways of seeing a request as a person (filed, followed), each when the policy grants it.
  const rowColumns = Prisma.sql`r.id, r."createdAt", r."searchVector", r."departmentId", r."requesterId"`;
  const mine = Prisma.sql`SELECT ${rowColumns} FROM "Request" r WHERE ${view.asRequester ? Prisma.sql`r."requesterId" = ${me}` : Prisma.sql`FALSE`} OFFSET 0`;
  const watched = Prisma.sql`SELECT ${rowColumns} FROM "Watcher" w JOIN "Request" r ON r.id = w."requestId" WHERE ${view.asWatcher ? Prisma.sql`w."personId" = ${me}` : Prisma.sql`FALSE`} OFFSET 0`;
  // Requests a pending approval step asks the actor to decide (the policy's approver standing).
  const approving = Prisma.sql`SELECT ${rowColumns} FROM "Approver" pa JOIN "ApprovalStep" ps ON ps.id = pa."stepId" JOIN "Request" r ON r.id = ps."requestId"
    WHERE ${view.asApprover ? Prisma.sql`pa."personId" = ${me} AND ps.state = 'PENDING'` : Prisma.sql`FALSE`} OFFSET 0`;
  return Prisma.sql`
    WITH
    ${departments ? Prisma.sql`${departmentCandidates({ name: "dept_requests", table: "Request", agentOf, tsquery })},
    ${departmentCandidates({ name: "dept_comments", table: "Comment", agentOf, tsquery })},` : Prisma.empty}
    -- A person's own and watched requests are read first and the text checked on them (OFFSET 0
    -- keeps them apart): intersecting with a common word's matches in the GIN index would read
    -- tens of thousands of postings to find a handful of rows.
    mine AS (${mine}),
    watched AS (${watched}),
    approving AS (${approving}),
    candidates AS (
      (SELECT r.id, NULL::text AS "commentId" FROM mine r WHERE ${requestMatch(tsquery)} ORDER BY r."createdAt" DESC LIMIT ${CANDIDATES})
      UNION ALL
      (SELECT r.id, NULL FROM watched r WHERE ${requestMatch(tsquery)} ORDER BY r."createdAt" DESC LIMIT ${CANDIDATES})
      UNION ALL
      (SELECT r.id, NULL FROM approving r WHERE ${requestMatch(tsquery)} ORDER BY r."createdAt" DESC LIMIT ${CANDIDATES})
      UNION ALL
      (SELECT c."requestId", c.id FROM mine r JOIN "Comment" c ON c."requestId" = r.id
        WHERE ${commentVisibleSql(actor, "c", r)} AND ${commentMatch(tsquery)} ORDER BY c."createdAt" DESC LIMIT ${CANDIDATES})
      UNION ALL
      (SELECT c."requestId", c.id FROM watched r JOIN "Comment" c ON c."requestId" = r.id
        WHERE ${commentVisibleSql(actor, "c", r)} AND ${commentMatch(tsquery)} ORDER BY c."createdAt" DESC LIMIT ${CANDIDATES})
      UNION ALL
      (SELECT c."requestId", c.id FROM approving r JOIN "Comment" c ON c."requestId" = r.id
        WHERE ${commentVisibleSql(actor, "c", r)} AND ${commentMatch(tsquery)} ORDER BY c."createdAt" DESC LIMIT ${CANDIDATES})
      ${departments ? Prisma.sql`UNION ALL (SELECT id, NULL FROM dept_requests) UNION ALL (SELECT "requestId", id FROM dept_comments)` : Prisma.empty}
    ),
    -- Ranked only now, on at most 8 × CANDIDATES rows: ranking every match of a common word would
    -- cost seconds on a large department. The request policy's predicates decide what is a hit.
    hits AS (
      SELECT r.id, ${requestRank} AS rank FROM candidates k JOIN "Request" r ON r.id = k.id
       WHERE k."commentId" IS NULL AND ${requestVisibleSql(actor, r)}
      UNION ALL
      SELECT k.id, ${commentRank} FROM candidates k JOIN "Comment" c ON c.id = k."commentId" JOIN "Request" r ON r.id = k.id
       WHERE ${requestVisibleSql(actor, r)} AND ${commentVisibleSql(actor, "c", r)}
    ),
    best AS (SELECT id, max(rank) AS rank FROM hits GROUP BY id),
    page AS (
      SELECT r.id, r.number, r.title, r.description, r.status::text AS status, r."approvalState"::text AS "approvalState", r."createdAt", r."departmentId", r."requesterId",
             d.key AS "departmentKey", d.name AS "departmentName", b.rank
        FROM best b JOIN "Request" r ON r.id = b.id JOIN "Department" d ON d.id = r."departmentId"
       ${keyset}
       ORDER BY b.rank DESC, r."createdAt" DESC, r.id DESC
       LIMIT ${PAGE + 1}
    )
    SELECT p.id, p.number, p.title, p.status, p."approvalState", p."createdAt", p."departmentKey", p."departmentName", p.rank::text AS "rankText",
           ts_headline('simple', translate(p.description, chr(1) || chr(2), '  '), ${tsquery}, ${HEADLINE_OPTIONS}) AS "descriptionSnippet",
           CASE WHEN to_tsvector('simple', p.description) @@ ${tsquery} THEN NULL ELSE (
             SELECT ts_headline('simple', translate(c.body, chr(1) || chr(2), '  '), ${tsquery}, ${HEADLINE_OPTIONS})
               FROM "Comment" c
              WHERE c."requestId" = p.id AND ${commentMatch(tsquery)}
                AND ${commentVisibleSql(actor, "c", requestColumns("p"))}
              ORDER BY ${commentRank} DESC, c."createdAt" DESC
              LIMIT 1
           ) END AS "commentSnippet"
      FROM page p
     ORDER BY p.rank DESC, p."createdAt" DESC, p.id DESC`;
}

/**
 * CTE `<name>` (id, requestId, createdAt): the newest CANDIDATES matching requests or comments
 * (internal notes included) of the departments the actor is an agent of. Each department is read
 * month by month, newest first, from its newest row's month back to its oldest's: one GIN lookup a
 * month for the words together with the lexeme "@<departmentId>/<YYYYMM>" (migration
 * *_search_month_lexemes), so only that month's matching rows are visited, until CANDIDATES are
 * found. A word in most rows stops after a month; a rare one costs one small lookup per month; the
 * cost never grows with the department's whole history of matches. The LIMIT over the nested loop
 * stops it: months come in the series' order, each month's matches newest first.
 */
function departmentCandidates(options: { name: string; table: "Request" | "Comment"; agentOf: readonly string[]; tsquery: Prisma.Sql }): Prisma.Sql {
  const { agentOf, tsquery } = options;
  const name = Prisma.raw(options.name);
  const table = Prisma.raw(`"${options.table}"`);
  const requestId = Prisma.raw(options.table === "Request" ? `t.id` : `t."requestId"`);
  return Prisma.sql`
    ${name} AS (
      SELECT x.id, x."requestId", x."createdAt"
        FROM unnest(${agentOf}::text[]) a(dept)
        CROSS JOIN LATERAL (
          SELECT y.id, y."requestId", y."createdAt"
            FROM generate_series(
                   date_trunc('month', (SELECT max(t."createdAt") FROM ${table} t WHERE t."departmentId" = a.dept)),
                   date_trunc('month', (SELECT min(t."createdAt") FROM ${table} t WHERE t."departmentId" = a.dept)),
                   interval '-1 month') m(month)
            CROSS JOIN LATERAL (
              SELECT t.id, ${requestId} AS "requestId", t."createdAt" FROM ${table} t
               WHERE t."searchVector" @@ (${tsquery} && quote_literal('@' || a.dept || '/' || to_char(m.month, 'YYYYMM'))::tsquery)
               ORDER BY t."createdAt" DESC
               LIMIT ${CANDIDATES}
            ) y
           LIMIT ${CANDIDATES}
        ) x
      ORDER BY x."createdAt" DESC
      LIMIT ${CANDIDATES}
    )`;
}

type PageRow = {
  id: string;
  number: number;
  title: string;
  status: string;
  approvalState: string | null;
  createdAt: Date;
  departmentKey: string;
  departmentName: string;
  /** ts_rank's real as PostgreSQL prints it, so the cursor compares exactly what it saw. */
  rankText: string;
  descriptionSnippet: string;
  commentSnippet: string | null;
};

/** Splits ts_headline's output at the hit markers into plain-text pieces. */
export function toSegments(headline: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let text = "";
  let hit = false;
  for (const ch of headline) {
    if (ch === START || ch === STOP) {
      if (text) segments.push({ text, hit });
      text = "";
      hit = ch === START;
    } else {
      text += ch;
    }
  }
  if (text) segments.push({ text, hit });
  return segments;
}

const cursorSchema = z.object({
  rank: z.string().regex(/^\d+(\.\d+)?(e-?\d+)?$/i),
  createdAt: z.iso.datetime(),
  id: z.string().min(1).max(64),
});
type Cursor = z.infer<typeof cursorSchema>;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(cursor: string | undefined): Cursor | null {
  if (!cursor) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, "base64url").toString());
  } catch {
    raw = null;
  }
  const parsed = cursorSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "This page link is not valid: search again.", { cursor: ["This page link is not valid"] });
  return parsed.data;
}
