// Fills a PostgreSQL database with a large organisation for the page benchmarks:
//   npm run bench:generate                      # 1,000,000 requests into desk_bench on local PostgreSQL
//   npm run bench:generate -- --requests 100000 # smaller
// BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/desk_bench) names the database;
// it is DROPPED and created afresh, then migrated like the app does. Never point it at real data.
//
// The rows are written by INSERT ... SELECT over generate_series inside PostgreSQL (deterministic:
// hashes of the row number, no random()), so a million requests take minutes, not hours. SLA clocks
// of open requests are derived by the app's own recomputeClocks, so queue badges are real.
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";

const { values: args } = parseArgs({
  options: {
    requests: { type: "string", default: "1000000" },
    people: { type: "string", default: "10000" },
    departments: { type: "string", default: "50" },
    articles: { type: "string", default: "10000" },
  },
});
const REQUESTS = Number(args.requests);
const PEOPLE = Number(args.people);
const DEPARTMENTS = Number(args.departments);
const ARTICLES = Number(args.articles);
const AGENTS_PER_DEPARTMENT = Math.min(20, Math.floor(PEOPLE / DEPARTMENTS / 2));
if (!(REQUESTS > 0 && PEOPLE >= DEPARTMENTS * 4 && DEPARTMENTS > 0 && DEPARTMENTS <= 999)) throw new Error("bad sizes");

const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/desk_bench";
process.env.DATABASE_URL = url;
process.env.DESK_EMBEDDED = "false";

const started = performance.now();
const step = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
  const t = performance.now();
  const result = await fn();
  console.log(`${label.padEnd(44)} ${((performance.now() - t) / 1000).toFixed(1).padStart(7)} s`);
  return result;
};

await step("create the database afresh", async () => {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected database name ${name}`);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  // Dropped and created afresh: the event log's own triggers (rightly) refuse TRUNCATE.
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
});

const { migrateIfNeeded } = await import("@/lib/db/migrate");
await step("migrate", () => migrateIfNeeded(url));

const client = new pg.Client({ connectionString: url });
await client.connect();
const sql = (text: string) => client.query(text);
await sql("SET maintenance_work_mem = '1GB'");
await sql("SET synchronous_commit = off");

// Deterministic pseudo-random in [0, n) from a row number and a salt.
await sql(`CREATE OR REPLACE FUNCTION pg_temp.h(i bigint, salt text, n int) RETURNS int LANGUAGE sql IMMUTABLE AS
  $$ SELECT (abs(hashtextextended(i::text || salt, 0)) % n)::int $$`);

// Word frequencies follow Zipf's law as in real text: the everyday words of a ticket are common, the
// specific ones rare, and some terms are two words that come together ("docking station"). Rank r
// (0-based) is drawn with probability about 1 / ((r + 1.5) ln(W + 1)), so the commonest word is in
// almost every text and a subject word at rank 60 in about 5 % of descriptions.
const common = [
  "the", "to", "and", "a", "is", "my", "i", "not", "for", "in", "it", "of", "on", "with", "please", "can", "we", "this",
  "need", "since", "again", "new", "our", "from", "still", "help", "team", "today", "works", "thanks",
];
const subjects = [
  "printer", "laptop", "access", "password", "email", "invoice", "meeting room", "vpn", "badge", "monitor", "contract",
  "network", "expense", "travel", "desk", "licence", "chair", "calendar", "heating", "keyboard", "parking", "payroll",
  "server", "onboarding", "docking station", "software", "install", "update", "error", "crash", "slow", "broken", "missing",
  "urgent", "approval", "signature", "template", "report", "dashboard", "account", "folder", "share", "permission",
  "storage", "quota", "wifi", "guest", "visitor", "catering", "furniture", "move", "relocation", "offboarding", "projector",
  "cleaning", "lighting", "window", "door", "lock", "key", "delivery", "order", "supplier", "quote", "budget", "refund",
  "reimbursement", "visa", "training", "certificate", "policy", "review", "audit", "backup", "restore", "phone", "headset",
];
const words = [...common, ...subjects];
await sql(`CREATE TEMP TABLE vocab AS SELECT ord - 1 AS n, w FROM unnest(ARRAY[${words.map((w) => `'${w}'`).join(",")}]) WITH ORDINALITY AS t(w, ord)`);
const W = words.length;
/** A phrase of `count` vocabulary words chosen by hashing (i, salt k), Zipf-distributed. */
const phrase = (i: string, salt: string, count: number) =>
  `(SELECT string_agg(v.w, ' ' ORDER BY ws) FROM generate_series(1, ${count}) ws
      JOIN vocab v ON v.n = least(${W - 1}, floor(exp(pg_temp.h(${i} * 31 + ws, '${salt}', 1000000) / 1000000.0 * ln(${W + 1}))) - 1))`;

const functions = ["IT", "Facilities", "Finance", "People", "Legal", "Procurement", "Security", "Travel", "Communications", "Data"];
const regions = ["Berlin", "Lisbon", "Toronto", "Singapore", "Austin"];
const zones = ["Europe/Berlin", "Europe/Lisbon", "America/Toronto", "Asia/Singapore", "America/Chicago"];

await step(`${DEPARTMENTS} departments, teams, types, SLA policies`, async () => {
  await sql(`INSERT INTO "Department" (id, key, name, description, "timeZone", "requestSeq")
    SELECT 'bd' || lpad(d::text, 3, '0'), 'D' || lpad(d::text, 2, '0'),
           (ARRAY[${functions.map((f) => `'${f}'`).join(",")}])[(d - 1) % ${functions.length} + 1] || ' ' ||
           (ARRAY[${regions.map((r) => `'${r}'`).join(",")}])[((d - 1) / ${functions.length}) % ${regions.length} + 1] ||
           CASE WHEN d > ${functions.length * regions.length} THEN ' ' || d ELSE '' END,
           'Generated department', (ARRAY[${zones.map((z) => `'${z}'`).join(",")}])[((d - 1) / ${functions.length}) % ${zones.length} + 1], 1000
      FROM generate_series(1, ${DEPARTMENTS}) d`);
  await sql(`INSERT INTO "Team" (id, "departmentId", name)
    SELECT 'bt' || lpad(d::text, 3, '0') || t, 'bd' || lpad(d::text, 3, '0'), (ARRAY['First line', 'Specialists'])[t]
      FROM generate_series(1, ${DEPARTMENTS}) d, generate_series(1, 2) t`);
  await sql(`INSERT INTO "RequestType" (id, "departmentId", slug, name, fields, "defaultPriority", "defaultTeamId", "sortOrder")
    SELECT 'by' || lpad(d::text, 3, '0') || k, 'bd' || lpad(d::text, 3, '0'), 'type-' || k, (ARRAY['Something is broken', 'I need access', 'Order something', 'A question'])[k],
           '[]'::jsonb, (ARRAY['HIGH', 'NORMAL', 'NORMAL', 'LOW'])[k]::"Priority", 'bt' || lpad(d::text, 3, '0') || (CASE WHEN k = 1 THEN 2 ELSE 1 END), k
      FROM generate_series(1, ${DEPARTMENTS}) d, generate_series(1, 4) k`);
  await sql(`INSERT INTO "SlaCalendar" (id, "departmentId", name, definition, "updatedAt")
    SELECT 'bc' || d.id, d.id, 'Office hours',
           jsonb_build_object('timeZone', d."timeZone", 'holidays', '[]'::jsonb, 'hours', jsonb_build_object(
             'mon', '[["08:00","18:00"]]'::jsonb, 'tue', '[["08:00","18:00"]]'::jsonb, 'wed', '[["08:00","18:00"]]'::jsonb,
             'thu', '[["08:00","18:00"]]'::jsonb, 'fri', '[["08:00","18:00"]]'::jsonb, 'sat', '[]'::jsonb, 'sun', '[]'::jsonb)), now()
      FROM "Department" d`);
  await sql(`INSERT INTO "SlaPolicy" (id, "departmentId", name, position, "requestTypeIds", priorities, "calendarId", "firstResponseMinutes", "resolutionMinutes", "nextReplyMinutes", "updatedAt")
    SELECT 'bp' || d.id || p, d.id, (ARRAY['Urgent', 'Standard'])[p], p - 1, '{}', CASE WHEN p = 1 THEN '{URGENT,HIGH}'::"Priority"[] ELSE '{}' END,
           'bc' || d.id, (ARRAY[30, 240])[p], (ARRAY[480, 2400])[p], (ARRAY[60, 480])[p], now()
      FROM "Department" d, generate_series(1, 2) p`);
});

// Person i belongs to department ((i - 1) % D) + 1; the first AGENTS_PER_DEPARTMENT of each are its agents, the first its head.
await step(`${PEOPLE} people and their roles`, async () => {
  await sql(`INSERT INTO "Person" (id, email, name, title, "departmentId", "updatedAt")
    SELECT 'bu' || lpad(i::text, 6, '0'), 'person' || lpad(i::text, 6, '0') || '@bench.example.com', 'Person ' || i, '',
           'bd' || lpad(((i - 1) % ${DEPARTMENTS} + 1)::text, 3, '0'), now()
      FROM generate_series(1, ${PEOPLE}) i`);
  await sql(`INSERT INTO "RoleGrant" (id, "personId", role, "departmentId")
    SELECT 'bg' || i, 'bu' || lpad(i::text, 6, '0'), 'AGENT', 'bd' || lpad(((i - 1) % ${DEPARTMENTS} + 1)::text, 3, '0')
      FROM generate_series(1, ${DEPARTMENTS * AGENTS_PER_DEPARTMENT}) i`);
  await sql(`INSERT INTO "RoleGrant" (id, "personId", role, "departmentId")
    SELECT 'bh' || i, 'bu' || lpad(i::text, 6, '0'), 'HEAD', 'bd' || lpad(i::text, 3, '0') FROM generate_series(1, ${DEPARTMENTS}) i`);
  await sql(`INSERT INTO "RoleGrant" (id, "personId", role, "departmentId") VALUES ('bhr', 'bu' || lpad('${PEOPLE}', 6, '0'), 'HR', NULL), ('badm', 'bu' || lpad('${PEOPLE - 1}', 6, '0'), 'ADMIN', NULL)`);
  await sql(`INSERT INTO "TeamMember" ("teamId", "personId")
    SELECT 'bt' || lpad(((i - 1) % ${DEPARTMENTS} + 1)::text, 3, '0') || (CASE WHEN i <= ${DEPARTMENTS * (AGENTS_PER_DEPARTMENT / 2)} THEN 1 ELSE 2 END), 'bu' || lpad(i::text, 6, '0')
      FROM generate_series(1, ${DEPARTMENTS * AGENTS_PER_DEPARTMENT}) i`);
});

// Requests: department skewed (d = 1 is the busiest, about 14 %), time spread over two years in
// order of i, the newest 5 % still in progress, a few old ones forgotten open.
const DAYS = 730;
await step(`${REQUESTS.toLocaleString("en")} requests`, async () => {
  await sql(`DROP INDEX IF EXISTS fts_request_vector`);
  await sql(`CREATE TEMP TABLE gen AS
    SELECT i,
           (floor(${DEPARTMENTS} * power(pg_temp.h(i, 'dept', 1000000) / 1000000.0, 2)) + 1)::int AS d,
           now() - make_interval(secs => (${REQUESTS} - i)::float8 * ${(DAYS * 86400) / REQUESTS} + pg_temp.h(i, 'jit', 600)) AS at,
           pg_temp.h(i, 'st', 1000) AS st,
           pg_temp.h(i, 'pr', 100) AS pr,
           pg_temp.h(i, 'ty', 4) + 1 AS k,
           pg_temp.h(i, 'rq', ${PEOPLE}) + 1 AS requester,
           pg_temp.h(i, 'ag', ${AGENTS_PER_DEPARTMENT}) AS agent
      FROM generate_series(1, ${REQUESTS}) i`);
  await sql(`ALTER TABLE gen ADD COLUMN status "RequestStatus"`);
  await sql(`UPDATE gen SET status = CASE
      WHEN i > ${Math.floor(REQUESTS * 0.95)} THEN (CASE WHEN st < 150 THEN 'NEW' WHEN st < 500 THEN 'OPEN' WHEN st < 600 THEN 'WAITING_ON_REQUESTER' WHEN st < 900 THEN 'RESOLVED' ELSE 'CLOSED' END)::"RequestStatus"
      WHEN st < 4 THEN 'OPEN'::"RequestStatus" WHEN st < 50 THEN 'RESOLVED'::"RequestStatus" ELSE 'CLOSED'::"RequestStatus" END`);
  await sql(`INSERT INTO "Request" (id, "departmentId", number, "typeId", title, description, "fieldValues", status, priority, "requesterId", "requesterDepartmentId",
                                    "assigneeId", "teamId", version, "submissionKey", "createdAt", "updatedAt", "resolvedAt", "closedAt")
    SELECT 'br' || lpad(g.i::text, 8, '0'), 'bd' || lpad(g.d::text, 3, '0'), 1000 + row_number() OVER (PARTITION BY g.d ORDER BY g.i),
           'by' || lpad(g.d::text, 3, '0') || g.k,
           initcap(${phrase("g.i", "t", 4)}),
           ${phrase("g.i", "b", 24)} || '.',
           '{}'::jsonb, g.status,
           (CASE WHEN g.pr < 20 THEN 'LOW' WHEN g.pr < 80 THEN 'NORMAL' WHEN g.pr < 95 THEN 'HIGH' ELSE 'URGENT' END)::"Priority",
           'bu' || lpad(g.requester::text, 6, '0'), 'bd' || lpad(((g.requester - 1) % ${DEPARTMENTS} + 1)::text, 3, '0'),
           CASE WHEN g.status = 'NEW' THEN NULL ELSE 'bu' || lpad((g.d + ${DEPARTMENTS} * g.agent)::text, 6, '0') END,
           'bt' || lpad(g.d::text, 3, '0') || (CASE WHEN g.k = 1 THEN 2 ELSE 1 END),
           CASE WHEN g.status = 'NEW' THEN 1 ELSE 3 END, 'bench-' || g.i, g.at,
           g.at + interval '2 hours',
           CASE WHEN g.status IN ('RESOLVED', 'CLOSED') THEN g.at + interval '1 day' END,
           CASE WHEN g.status = 'CLOSED' THEN g.at + interval '8 days' END
      FROM gen g`);
  await sql(`UPDATE "Department" d SET "requestSeq" = 1000 + c.n FROM (SELECT "departmentId", count(*) AS n FROM "Request" GROUP BY 1) c WHERE c."departmentId" = d.id`);
});

// 0 to 5 comments each (2.5 on average): replies alternate requester and agent, a fifth of the
// agents' are internal notes.
await step("comments", async () => {
  await sql(`DROP INDEX IF EXISTS fts_comment_vector`);
  await sql(`INSERT INTO "Comment" (id, "requestId", "departmentId", "authorId", body, visibility, "createdAt")
    SELECT 'bm' || g.i || '_' || c, 'br' || lpad(g.i::text, 8, '0'), 'bd' || lpad(g.d::text, 3, '0'),
           CASE WHEN c % 2 = 1 AND g.status <> 'NEW' THEN 'bu' || lpad((g.d + ${DEPARTMENTS} * g.agent)::text, 6, '0') ELSE 'bu' || lpad(g.requester::text, 6, '0') END,
           ${phrase("(g.i * 7 + c)", "c", 16)},
           (CASE WHEN c % 2 = 1 AND g.status <> 'NEW' AND pg_temp.h(g.i * 7 + c, 'vis', 5) = 0 THEN 'INTERNAL' ELSE 'PUBLIC' END)::"CommentVisibility",
           g.at + make_interval(hours => c)
      FROM gen g, generate_series(1, 5) c
     WHERE c <= pg_temp.h(g.i, 'nc', 6)`);
});

await step("events", async () => {
  await sql(`INSERT INTO "RequestEvent" ("requestId", "actorId", type, "from", "to", "createdAt")
    SELECT 'br' || lpad(g.i::text, 8, '0'), 'bu' || lpad(g.requester::text, 6, '0'), 'created', NULL,
           jsonb_build_object('status', 'NEW', 'priority', r.priority, 'typeId', r."typeId", 'teamId', r."teamId"), g.at
      FROM gen g JOIN "Request" r ON r.id = 'br' || lpad(g.i::text, 8, '0')`);
  await sql(`INSERT INTO "RequestEvent" ("requestId", "actorId", type, "from", "to", "createdAt")
    SELECT c."requestId", c."authorId", 'commented', NULL, jsonb_build_object('commentId', c.id, 'visibility', c.visibility, 'byAgent', c."authorId" <> r."requesterId"), c."createdAt"
      FROM "Comment" c JOIN "Request" r ON r.id = c."requestId"`);
  await sql(`INSERT INTO "RequestEvent" ("requestId", "actorId", type, "from", "to", "createdAt")
    SELECT r.id, r."assigneeId", 'assigned', jsonb_build_object('assigneeId', NULL), jsonb_build_object('assigneeId', r."assigneeId"), r."createdAt" + interval '30 minutes'
      FROM "Request" r WHERE r."assigneeId" IS NOT NULL`);
  await sql(`INSERT INTO "RequestEvent" ("requestId", "actorId", type, "from", "to", "createdAt")
    SELECT r.id, r."assigneeId", 'status_changed', jsonb_build_object('status', 'NEW'), jsonb_build_object('status', 'OPEN'), r."createdAt" + interval '30 minutes'
      FROM "Request" r WHERE r.status <> 'NEW'`);
  await sql(`INSERT INTO "RequestEvent" ("requestId", "actorId", type, "from", "to", "createdAt")
    SELECT r.id, r."assigneeId", 'status_changed', jsonb_build_object('status', 'OPEN'), jsonb_build_object('status', r.status), r."updatedAt"
      FROM "Request" r WHERE r.status IN ('WAITING_ON_REQUESTER', 'RESOLVED', 'CLOSED')`);
  await sql(`INSERT INTO "Watcher" ("requestId", "personId", "createdAt")
    SELECT 'br' || lpad(g.i::text, 8, '0'), 'bu' || lpad((pg_temp.h(g.i, 'w', ${PEOPLE}) + 1)::text, 6, '0'), g.at
      FROM gen g WHERE pg_temp.h(g.i, 'hw', 10) = 0 AND pg_temp.h(g.i, 'w', ${PEOPLE}) + 1 <> g.requester
    ON CONFLICT DO NOTHING`);
});

// Decided SLA clocks of resolved and closed requests, written directly (deriving them with the app's
// recomputeClocks, as for the open ones below, would take hours at this size): a first-response and a
// resolution clock each, on the request's policy, about 12 % and 9 % breached, the rest met. Due times
// are wall-clock (the calendars' opening hours are ignored): only the reports read these rows.
await step("SLA clocks of resolved and closed requests", async () => {
  await sql(`INSERT INTO "SlaClock" (id, "requestId", "departmentId", metric, cycle, "policyId", "targetMinutes", state, paused, "startedAt", "stoppedAt", "dueAt", "breachedAt", "elapsedMinutes", "computedAt")
    SELECT 'bk' || g.i || m.metric, r.id, r."departmentId", m.metric::"SlaMetric", 1, p.id, t.target,
           (CASE WHEN e.elapsed > t.target THEN 'BREACHED' ELSE 'MET' END)::"SlaState", false,
           r."createdAt", r."createdAt" + e.elapsed * interval '1 minute', r."createdAt" + t.target * interval '1 minute',
           CASE WHEN e.elapsed > t.target THEN r."createdAt" + t.target * interval '1 minute' END, e.elapsed, now()
      FROM gen g
      JOIN "Request" r ON r.id = 'br' || lpad(g.i::text, 8, '0')
      JOIN "SlaPolicy" p ON p.id = 'bp' || r."departmentId" || (CASE WHEN r.priority IN ('URGENT', 'HIGH') THEN 1 ELSE 2 END)
      CROSS JOIN (VALUES ('FIRST_RESPONSE'), ('RESOLUTION')) m(metric)
      CROSS JOIN LATERAL (SELECT CASE WHEN m.metric = 'FIRST_RESPONSE' THEN p."firstResponseMinutes" ELSE p."resolutionMinutes" END AS target) t
      CROSS JOIN LATERAL (SELECT (t.target * (CASE WHEN m.metric = 'FIRST_RESPONSE' THEN 1.12 ELSE 1.09 END) * pg_temp.h(g.i, m.metric, 1000) / 1000.0)::float8 AS elapsed) e
     WHERE g.status IN ('RESOLVED', 'CLOSED')`);
});

// Ratings: a third of the resolved and closed requests are rated by their requester a few hours after
// resolution (scores skewed to 4 and 5, a comment on a fifth and always at 1 or 2), counted for the
// assignee, as lib/satisfaction/rate-request.ts records them.
await step("ratings", async () => {
  await sql(`INSERT INTO "Rating" (id, "requestId", cycle, "requesterId", "departmentId", "agentId", score, comment, "createdAt")
    SELECT 'bs' || g.i, r.id, 1, r."requesterId", r."departmentId", r."assigneeId", s.score,
           CASE WHEN s.score <= 2 OR pg_temp.h(g.i, 'rc', 5) = 0 THEN initcap(${phrase("g.i", "rt", 10)}) END,
           r."resolvedAt" + make_interval(mins => 30 + pg_temp.h(g.i, 'ra', 600))
      FROM gen g
      JOIN "Request" r ON r.id = 'br' || lpad(g.i::text, 8, '0')
      CROSS JOIN LATERAL (SELECT (ARRAY[1, 2, 3, 3, 4, 4, 4, 5, 5, 5, 5, 5])[pg_temp.h(g.i, 'sc', 12) + 1] AS score) s
     WHERE g.status IN ('RESOLVED', 'CLOSED') AND pg_temp.h(g.i, 'rated', 3) = 0`);
});

// Knowledge articles spread over the departments: one in five for agents only, one in ten a draft,
// written by the department's first agent; titles and bodies from the same vocabulary as requests.
await step(`${ARTICLES.toLocaleString("en")} knowledge articles`, async () => {
  await sql(`INSERT INTO "Article" (id, "departmentId", slug, title, body, visibility, tags, "requestTypeIds", "ownerId", "publishedVersion", "latestVersion", "publishedAt", "createdAt", "updatedAt")
    SELECT 'ba' || a, 'bd' || lpad(((a - 1) % ${DEPARTMENTS} + 1)::text, 3, '0'), 'article-' || a,
           initcap(${phrase("a", "at", 5)}), ${phrase("a", "ab", 120)},
           (CASE WHEN a % 5 = 0 THEN 'AGENTS' ELSE 'EVERYONE' END)::"ArticleVisibility", '{}', '{}',
           'bu' || lpad(((a - 1) % ${DEPARTMENTS} + 1)::text, 6, '0'),
           CASE WHEN a % 10 = 3 THEN NULL ELSE 1 END, 1, CASE WHEN a % 10 = 3 THEN NULL ELSE now() - make_interval(days => a % 365) END,
           now() - make_interval(days => a % 365), now() - make_interval(days => a % 365)
      FROM generate_series(1, ${ARTICLES}) a`);
  await sql(`INSERT INTO "ArticleVersion" ("articleId", number, title, body, visibility, tags, "authorId", "createdAt")
    SELECT id, 1, title, body, visibility, tags, "ownerId", "createdAt" FROM "Article"`);
});

await step("full-text indexes (as the migration builds them)", async () => {
  const { readFileSync, readdirSync } = await import("node:fs");
  // The last definition of each fts_ index among the migrations (later ones redefine the vectors).
  const statements = new Map<string, string>();
  for (const dir of readdirSync("prisma/migrations").filter((d) => /^\d/.test(d)).sort()) {
    const text = readFileSync(`prisma/migrations/${dir}/migration.sql`, "utf8");
    for (const statement of text.match(/^CREATE INDEX IF NOT EXISTS "fts_[^;]+;/gm) ?? []) statements.set(statement.split('"')[1]!, statement);
  }
  if (!statements.size) throw new Error("full-text migration not found");
  for (const statement of statements.values()) await sql(statement);
});

await step("vacuum analyze", () => sql("VACUUM ANALYZE"));

await step("SLA clocks of open requests (recomputeClocks)", async () => {
  const { createPrismaClient } = await import("@/lib/db/create-client");
  const { recomputeClocks } = await import("@/lib/service-levels/refresh-clocks");
  const prisma = createPrismaClient({ url, embedded: false, poolMax: 4 });
  const count = await recomputeClocks(prisma, { onlyOpen: true, batchSize: 1000 });
  await prisma.$disconnect();
  console.log(`  ${count.toLocaleString("en")} clocks`);
});
await sql("ANALYZE");

// The roll-ups the jobs keep, built once here so the dashboards read what a running desk would.
await step("roll-ups (satisfaction figures, organisation months, dashboard days)", async () => {
  const { createPrismaClient } = await import("@/lib/db/create-client");
  const { publishSatisfaction } = await import("@/lib/satisfaction/publish-satisfaction");
  const { refreshOrganisationRollup } = await import("@/lib/reports/organisation-rollup");
  const { refreshDashboardRollup } = await import("@/lib/reports/dashboard-rollup");
  const prisma = createPrismaClient({ url, embedded: false, poolMax: 4 });
  const { published } = await publishSatisfaction(prisma);
  let remaining = Infinity;
  while (remaining > 0) ({ remaining } = await refreshOrganisationRollup(prisma, { backfill: 24 }));
  remaining = Infinity;
  while (remaining > 0) ({ remaining } = await refreshDashboardRollup(prisma, { batches: 12 }));
  await prisma.$disconnect();
  console.log(`  satisfaction figures of ${published.length} closed months published`);
});

const counts = await client.query<{ t: string; n: string }>(`
  SELECT 'requests' AS t, count(*)::text AS n FROM "Request" UNION ALL SELECT 'comments', count(*)::text FROM "Comment"
  UNION ALL SELECT 'events', count(*)::text FROM "RequestEvent" UNION ALL SELECT 'people', count(*)::text FROM "Person"
  UNION ALL SELECT 'open requests', count(*)::text FROM "Request" WHERE status NOT IN ('RESOLVED', 'CLOSED')`);
await client.end();
console.log(Object.fromEntries(counts.rows.map((r) => [r.t, Number(r.n).toLocaleString("en")])));
console.log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s: ${url}`);
