// The bench organisation generator behind `npm run bench:generate` (generate-large.ts), importable
// so that a test can generate a small one (tests/db/generate-rollups.test.ts).
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

export type GenerateOptions = {
  /** The database: DROPPED and created afresh, then migrated like the app does. */
  url: string;
  requests: number;
  people: number;
  departments: number;
  articles: number;
  /** The instant the organisation is generated at (requests span the two years before it); default: now. */
  now?: Date;
  /**
   * How the roll-ups are built: "set-based" (default) one pass of the app's definitions over every
   * day or month at once; "incremental" the jobs' own runs, repeated until nothing remains (slow at
   * scale; the test compares the two).
   */
  rollups?: "set-based" | "incremental";
  log?: (line: string) => void;
};

/** Fills `url` with a generated organisation (see generate-large.ts); prints each phase's time through `log`. */
export async function generateOrganisation(options: GenerateOptions): Promise<void> {
  const { url, requests: REQUESTS, people: PEOPLE, departments: DEPARTMENTS, articles: ARTICLES } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const AGENTS_PER_DEPARTMENT = Math.min(20, Math.floor(PEOPLE / DEPARTMENTS / 2));
  if (!(REQUESTS > 0 && PEOPLE >= DEPARTMENTS * 4 && DEPARTMENTS > 0 && DEPARTMENTS <= 999)) throw new Error("bad sizes");

  const started = performance.now();
  const step = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const result = await fn();
    log(`${label.padEnd(44)} ${((performance.now() - t) / 1000).toFixed(1).padStart(7)} s`);
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
  const W = words.length;

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

  // Requests and everything hanging off them are generated here, in Node, and streamed into
  // PostgreSQL with COPY (pg-copy-streams): department skewed (d = 1 is the busiest, about 14 %), time
  // spread over two years in order of i, the newest 5 % still in progress, a few old ones forgotten
  // open. Deterministic: hashes of the row number, no Math.random(). While loading, the big tables'
  // secondary indexes are dropped (rebuilt afterwards in one pass each) and foreign-key and row
  // triggers are skipped (session_replication_role = replica: the rows are consistent by construction).
  const DAYS = 730;
  const now = (options.now ?? new Date()).getTime();
  const saltOf = (salt: string) => {
    let x = 0x811c9dc5;
    for (let k = 0; k < salt.length; k++) x = Math.imul(x ^ salt.charCodeAt(k), 0x01000193);
    return x >>> 0;
  };
  const salts = new Map<string, number>();
  /** Deterministic pseudo-random in [0, n) from a row number and a salt (a 32-bit integer mix). */
  const h = (i: number, salt: string, n: number) => {
    let s = salts.get(salt);
    if (s === undefined) salts.set(salt, (s = saltOf(salt)));
    let x = (Math.imul(i, 0x9e3779b1) ^ s) + Math.imul(Math.floor(i / 4294967296), 0x85ebca6b);
    x ^= x >>> 16;
    x = Math.imul(x, 0x85ebca6b);
    x ^= x >>> 13;
    x = Math.imul(x, 0xc2b2ae35);
    x ^= x >>> 16;
    return (x >>> 0) % n;
  };
  /** A phrase of `count` vocabulary words, Zipf-distributed as described above. */
  const phrase = (i: number, salt: string, count: number) => {
    const out: string[] = [];
    for (let ws = 1; ws <= count; ws++) {
      const r = Math.min(W - 1, Math.floor(Math.exp((h(i * 31 + ws, salt, 1000000) / 1000000) * Math.log(W + 1))) - 1);
      out.push(words[Math.max(0, r)]!);
    }
    return out.join(" ");
  };
  const initcap = (text: string) => text.replace(/\b\w/g, (c) => c.toUpperCase());
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  const iso = (ms: number) => new Date(ms).toISOString();
  const HOUR = 3600_000;
  const MINUTE = 60_000;
  // See the roll-ups below: clocks count as computed before the roll-ups' run, less the job's margin.
  const clocksComputedAt = iso(now - (await import("@/lib/reports/dashboard-rollup")).MARGIN_MS - MINUTE);

  type Status = "NEW" | "OPEN" | "WAITING_ON_REQUESTER" | "RESOLVED" | "CLOSED";
  type Gen = { i: number; d: number; at: number; status: Status; priority: string; k: number; requester: number; agent: number; number: number };
  const perDepartment = new Array<number>(DEPARTMENTS + 1).fill(0);
  /** Request i's attributes (numbers are taken in order of i, so call this once per i, in order). */
  function gen(i: number): Gen {
    const d = Math.floor(DEPARTMENTS * Math.pow(h(i, "dept", 1000000) / 1000000, 2)) + 1;
    const at = now - ((REQUESTS - i) * ((DAYS * 86400) / REQUESTS) + h(i, "jit", 600)) * 1000;
    const st = h(i, "st", 1000);
    const pr = h(i, "pr", 100);
    const status: Status =
      i > Math.floor(REQUESTS * 0.95)
        ? st < 150 ? "NEW" : st < 500 ? "OPEN" : st < 600 ? "WAITING_ON_REQUESTER" : st < 900 ? "RESOLVED" : "CLOSED"
        : st < 4 ? "OPEN" : st < 50 ? "RESOLVED" : "CLOSED";
    return {
      i,
      d,
      at,
      status,
      priority: pr < 20 ? "LOW" : pr < 80 ? "NORMAL" : pr < 95 ? "HIGH" : "URGENT",
      k: h(i, "ty", 4) + 1,
      requester: h(i, "rq", PEOPLE) + 1,
      agent: h(i, "ag", AGENTS_PER_DEPARTMENT),
      number: 1000 + ++perDepartment[d]!,
    };
  }
  const requests: Gen[] = [];
  for (let i = 1; i <= REQUESTS; i++) requests.push(gen(i));
  const requestId = (g: Gen) => `br${pad(g.i, 8)}`;
  const departmentId = (d: number) => `bd${pad(d, 3)}`;
  const personId = (n: number) => `bu${pad(n, 6)}`;
  const agentOf = (g: Gen) => personId(g.d + DEPARTMENTS * g.agent);
  const assigneeOf = (g: Gen) => (g.status === "NEW" ? null : agentOf(g));
  const teamOf = (g: Gen) => `bt${pad(g.d, 3)}${g.k === 1 ? 2 : 1}`;
  const typeOf = (g: Gen) => `by${pad(g.d, 3)}${g.k}`;
  const closed = (g: Gen) => g.status === "RESOLVED" || g.status === "CLOSED";
  const resolvedAt = (g: Gen) => (closed(g) ? g.at + 24 * HOUR : null);
  type Comment = { id: string; c: number; author: string; internal: boolean; at: number };
  const commentsOf = (g: Gen): Comment[] => {
    const list: Comment[] = [];
    const n = h(g.i, "nc", 6);
    for (let c = 1; c <= n; c++) {
      const byAgent = c % 2 === 1 && g.status !== "NEW";
      list.push({ id: `bm${g.i}_${c}`, c, author: byAgent ? agentOf(g) : personId(g.requester), internal: byAgent && h(g.i * 7 + c, "vis", 5) === 0, at: g.at + c * HOUR });
    }
    return list;
  };
  /** The two policies each department has (see above): 1 for URGENT and HIGH, 2 for the rest. */
  const policyOf = (g: Gen) => (g.priority === "URGENT" || g.priority === "HIGH" ? 1 : 2);
  const targets = { FIRST_RESPONSE: [30, 240], RESOLUTION: [480, 2400] } as const;

  /** COPY text format: NULL as \N; backslash, tab and line breaks escaped. */
  const field = (v: string | number | boolean | null) => (v === null ? "\\N" : typeof v === "string" && /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!) : String(v));
  type Emit = (values: (string | number | boolean | null)[]) => void;
  /**
   * One COPY of the rows `rows` emits for each of `items`, generated as PostgreSQL takes them (5,000
   * rows a chunk, with backpressure): a million requests never sit in memory as text, and Node
   * generates while the server writes. Returns the number of rows.
   */
  async function copy<T>(target: pg.Client, table: string, columns: string[], items: Iterable<T>, rows: (item: T, emit: Emit) => void): Promise<number> {
    let count = 0;
    function* chunks() {
      let chunk: string[] = [];
      const emit: Emit = (values) => void chunk.push(values.map(field).join("\t"));
      for (const item of items) {
        rows(item, emit);
        if (chunk.length >= 5000) {
          count += chunk.length;
          yield chunk.join("\n") + "\n";
          chunk = [];
        }
      }
      count += chunk.length;
      if (chunk.length) yield chunk.join("\n") + "\n";
    }
    const stream = target.query(copyFrom(`COPY "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) FROM STDIN`));
    await pipeline(Readable.from(chunks()), stream);
    return count;
  }

  const bigTables = ["Request", "Comment", "RequestEvent", "SlaClock", "Rating", "Watcher"];
  const { rows: secondaryIndexes } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY($1)
        AND indexname NOT IN (SELECT conname FROM pg_constraint)`,
    [bigTables],
  );
  await step("load: drop secondary indexes, skip triggers", async () => {
    for (const { indexname } of secondaryIndexes) await sql(`DROP INDEX "${indexname}"`);
    await sql("SET session_replication_role = replica");
  });

  const loadRequests = (target: pg.Client) =>
    copy(target, "Request", ["id", "departmentId", "number", "typeId", "title", "description", "fieldValues", "status", "priority", "requesterId", "requesterDepartmentId",
      "assigneeId", "teamId", "version", "submissionKey", "createdAt", "updatedAt", "resolvedAt", "closedAt"], requests, (g, emit) => {
      const resolved = resolvedAt(g);
      emit([requestId(g), departmentId(g.d), g.number, typeOf(g), initcap(phrase(g.i, "t", 4)), `${phrase(g.i, "b", 24)}.`, "{}", g.status, g.priority,
        personId(g.requester), departmentId(((g.requester - 1) % DEPARTMENTS) + 1), assigneeOf(g), teamOf(g), g.status === "NEW" ? 1 : 3, `bench-${g.i}`,
        iso(g.at), iso(g.at + 2 * HOUR), resolved === null ? null : iso(resolved), g.status === "CLOSED" ? iso(g.at + 8 * 24 * HOUR) : null]);
    });

  // 0 to 5 comments each (2.5 on average): replies alternate requester and agent, a fifth of the
  // agents' are internal notes.
  const loadComments = (target: pg.Client) =>
    copy(target, "Comment", ["id", "requestId", "departmentId", "authorId", "body", "visibility", "createdAt"], requests, (g, emit) => {
      for (const c of commentsOf(g)) emit([c.id, requestId(g), departmentId(g.d), c.author, phrase(g.i * 7 + c.c, "c", 16), c.internal ? "INTERNAL" : "PUBLIC", iso(c.at)]);
    });

  // Each request's events in the order they happened: created, assigned and opened half an hour
  // later, the last status change two hours after filing, a comment event per comment.
  const loadEvents = (target: pg.Client) =>
    copy(target, "RequestEvent", ["requestId", "actorId", "type", "from", "to", "createdAt"], requests, (g, emit) => {
      const id = requestId(g);
      const events: [number, (string | null)[]][] = [];
      events.push([g.at, [personId(g.requester), "created", null, JSON.stringify({ status: "NEW", priority: g.priority, typeId: typeOf(g), teamId: teamOf(g) })]]);
      const assignee = assigneeOf(g);
      if (assignee) events.push([g.at + 30 * MINUTE, [assignee, "assigned", JSON.stringify({ assigneeId: null }), JSON.stringify({ assigneeId: assignee })]]);
      if (g.status !== "NEW") events.push([g.at + 30 * MINUTE, [assignee, "status_changed", JSON.stringify({ status: "NEW" }), JSON.stringify({ status: "OPEN" })]]);
      if (g.status === "WAITING_ON_REQUESTER" || closed(g)) events.push([g.at + 2 * HOUR, [assignee, "status_changed", JSON.stringify({ status: "OPEN" }), JSON.stringify({ status: g.status })]]);
      for (const c of commentsOf(g)) {
        events.push([c.at, [c.author, "commented", null, JSON.stringify({ commentId: c.id, visibility: c.internal ? "INTERNAL" : "PUBLIC", byAgent: c.author !== personId(g.requester) })]]);
      }
      events.sort((a, b) => a[0] - b[0]);
      for (const [at, values] of events) emit([id, ...values, iso(at)]);
    });
  const loadWatchers = (target: pg.Client) =>
    copy(target, "Watcher", ["requestId", "personId", "createdAt"], requests, (g, emit) => {
      const w = h(g.i, "w", PEOPLE) + 1;
      if (h(g.i, "hw", 10) === 0 && w !== g.requester) emit([requestId(g), personId(w), iso(g.at)]);
    });

  // A first-response and a resolution clock for every request, on its policy. Decided ones (resolved
  // and closed requests) about 12 % and 9 % breached, the rest met. Due times are wall-clock (the
  // calendars' opening hours are ignored): the reports and the queue's badges read these rows, and
  // deriving them with the app's recomputeClocks would take an hour at this size. The open requests of
  // the busiest department, the one the page benchmarks show, get theirs from recomputeClocks below.
  const loadClocks = (target: pg.Client) =>
    copy(target, "SlaClock", ["id", "requestId", "departmentId", "metric", "cycle", "policyId", "targetMinutes", "state", "paused", "startedAt", "stoppedAt", "dueAt",
      "breachedAt", "elapsedMinutes", "computedAt"], requests, (g, emit) => {
      if (!closed(g) && g.d === 1) return;
      const p = policyOf(g);
      for (const metric of ["FIRST_RESPONSE", "RESOLUTION"] as const) {
        const target = targets[metric][p - 1]!;
        const due = g.at + target * MINUTE;
        if (closed(g)) {
          const elapsed = (target * (metric === "FIRST_RESPONSE" ? 1.12 : 1.09) * h(g.i, metric, 1000)) / 1000;
          const breached = elapsed > target;
          emit([`bk${g.i}${metric}`, requestId(g), departmentId(g.d), metric, 1, `bp${departmentId(g.d)}${p}`, target, breached ? "BREACHED" : "MET", false,
            iso(g.at), iso(g.at + elapsed * MINUTE), iso(due), breached ? iso(due) : null, elapsed, clocksComputedAt]);
        } else {
          const breached = now > due;
          const paused = g.status === "WAITING_ON_REQUESTER";
          emit([`bk${g.i}${metric}`, requestId(g), departmentId(g.d), metric, 1, `bp${departmentId(g.d)}${p}`, target, breached ? "BREACHED" : paused ? "PAUSED" : "RUNNING", paused,
            iso(g.at), null, iso(due), breached ? iso(due) : null, (now - g.at) / MINUTE, clocksComputedAt]);
        }
      }
    });

  // Ratings: a third of the resolved and closed requests are rated by their requester a few hours after
  // resolution (scores skewed to 4 and 5, a comment on a fifth and always at 1 or 2), counted for the
  // assignee, as lib/satisfaction/rate-request.ts records them.
  const loadRatings = (target: pg.Client) =>
    copy(target, "Rating", ["id", "requestId", "cycle", "requesterId", "departmentId", "agentId", "score", "comment", "createdAt"], requests, (g, emit) => {
      if (!closed(g) || h(g.i, "rated", 3) !== 0) return;
      const score = [1, 2, 3, 3, 4, 4, 4, 5, 5, 5, 5, 5][h(g.i, "sc", 12)]!;
      const comment = score <= 2 || h(g.i, "rc", 5) === 0 ? initcap(phrase(g.i, "rt", 10)) : null;
      emit([`bs${g.i}`, requestId(g), 1, personId(g.requester), departmentId(g.d), assigneeOf(g), score, comment, iso(resolvedAt(g)! + (30 + h(g.i, "ra", 600)) * MINUTE)]);
    });

  // The tables load side by side on LANES connections (Node generates while the server backends
  // write, on both cores), and the dropped indexes are rebuilt the same way; each table's own time
  // is printed beneath the phase's.
  const LANES = 3;
  const lanes = await Promise.all(
    Array.from({ length: LANES }, async () => {
      const lane = new pg.Client({ connectionString: url });
      await lane.connect();
      await lane.query("SET maintenance_work_mem = '512MB'");
      await lane.query("SET synchronous_commit = off");
      await lane.query("SET session_replication_role = replica");
      return lane;
    }),
  );
  const timed = async (label: string, load: () => Promise<number>) => {
    const t = performance.now();
    const rows = await load();
    log(`  ${label.padEnd(42)} ${((performance.now() - t) / 1000).toFixed(1).padStart(7)} s  ${rows.toLocaleString("en")} rows`);
  };
  await step(`${REQUESTS.toLocaleString("en")} requests, comments, events, clocks, ratings (COPY, ${LANES} connections)`, () =>
    Promise.all([
      (async () => {
        await timed("requests", () => loadRequests(lanes[0]!));
        await timed("ratings", () => loadRatings(lanes[0]!));
      })(),
      (async () => {
        await timed("comments", () => loadComments(lanes[1]!));
        await timed("watchers", () => loadWatchers(lanes[1]!));
      })(),
      (async () => {
        await timed("events", () => loadEvents(lanes[2]!));
        await timed("SLA clocks", () => loadClocks(lanes[2]!));
      })(),
    ]),
  );
  requests.length = 0;
  await sql(`UPDATE "Department" d SET "requestSeq" = 1000 + c.n FROM (SELECT "departmentId", count(*) AS n FROM "Request" GROUP BY 1) c WHERE c."departmentId" = d.id`);

  await step(`secondary indexes rebuilt (${LANES} connections)`, async () => {
    await sql("SET session_replication_role = origin");
    const queue = [...secondaryIndexes];
    await Promise.all(
      lanes.map(async (lane) => {
        await lane.query("SET session_replication_role = origin");
        for (let next = queue.shift(); next; next = queue.shift()) await lane.query(next.indexdef);
      }),
    );
    await Promise.all(lanes.map((lane) => lane.end()));
  });

  // Knowledge articles spread over the departments: one in five for agents only, one in ten a draft,
  // written by the department's first agent; titles and bodies from the same vocabulary as requests.
  await step(`${ARTICLES.toLocaleString("en")} knowledge articles (COPY)`, async () => {
    const day = 24 * 60 * MINUTE;
    await copy(client, "Article", ["id", "departmentId", "slug", "title", "body", "visibility", "tags", "requestTypeIds", "ownerId", "publishedVersion", "latestVersion", "publishedAt", "createdAt", "updatedAt"], [null], (_, emit) => {
      for (let a = 1; a <= ARTICLES; a++) {
        const draft = a % 10 === 3;
        const at = iso(now - (a % 365) * day);
        emit([`ba${a}`, `bd${pad(((a - 1) % DEPARTMENTS) + 1, 3)}`, `article-${a}`, initcap(phrase(a, "at", 5)), phrase(a, "ab", 120), a % 5 === 0 ? "AGENTS" : "EVERYONE", "{}", "{}", `bu${pad(((a - 1) % DEPARTMENTS) + 1, 6)}`, draft ? null : 1, 1, draft ? null : at, at, at]);
      }
    });
    await sql(`INSERT INTO "ArticleVersion" ("articleId", number, title, body, visibility, tags, "authorId", "createdAt")
      SELECT id, 1, title, body, visibility, tags, "ownerId", "createdAt" FROM "Article"`);
  });

  await step("vacuum analyze", () => sql("VACUUM ANALYZE"));

  await step("SLA clocks of the busiest department's open requests (recomputeClocks)", async () => {
    const { createPrismaClient } = await import("@/lib/db/create-client");
    const { recomputeClocks } = await import("@/lib/service-levels/refresh-clocks");
    const prisma = createPrismaClient({ url, embedded: false, poolMax: 4 });
    const count = await recomputeClocks(prisma, { departmentId: departmentId(1), onlyOpen: true, batchSize: 1000, now: new Date(now) });
    await prisma.$disconnect();
    log(`  ${count.toLocaleString("en")} clocks`);
  });
  // Every clock written here counts as computed a little before the roll-ups below ran (their run's
  // instant less the job's margin and a minute; the COPY above writes it, recomputeClocks's few
  // are set here): otherwise the dashboard job's first run on the
  // started app takes all 2,000,000 clocks for changes since its last run and rebuilds every day of
  // the history, and a benchmark started then measures that catch-up (seen: 30 s statements in the
  // PostgreSQL CPU of the request page's row in bench:http).
  await sql(`UPDATE "SlaClock" SET "computedAt" = '${clocksComputedAt}' WHERE "computedAt" > '${clocksComputedAt}'`);
  await sql("ANALYZE");

  // The roll-ups the jobs keep, built once here so the dashboards read what a running desk would, by
  // the app's own code at the generation's instant. Set-based: the dashboard's days in one pass of
  // their SQL definitions over the whole history (refreshDashboardRollup's `all`), the organisation's
  // months two at a time (one transaction each, as the job writes them); satisfaction figures as the
  // job publishes them, a month at a time, since each month's release depends on the ones before.
  // "incremental" runs the jobs as they run on a desk, until nothing remains: the reference the
  // test (tests/db/generate-rollups.test.ts) compares the set-based path with.
  await step("roll-ups (satisfaction figures, organisation months, dashboard days)", async () => {
    const { createPrismaClient } = await import("@/lib/db/create-client");
    const { publishSatisfaction } = await import("@/lib/satisfaction/publish-satisfaction");
    const { readOrganisationTimeZone } = await import("@/lib/satisfaction/read-organisation-time-zone");
    const { refreshOrganisationMonths, refreshOrganisationRollup, rollupMonths } = await import("@/lib/reports/organisation-rollup");
    const { MARGIN_MS, refreshDashboardRollup } = await import("@/lib/reports/dashboard-rollup");
    // Connections: each lane of organisation months reads three things at once (2 × 3), and a spare:
    // with 6 shared with the publication, its transaction waited out the pool's 10 s for a connection
    // while both lanes' statements ran (seen at 1M on a loaded machine: "timeout exceeded when trying
    // to connect", twice). The satisfaction publication has a client of its own: sharing one, its
    // month's transaction twice sat "idle in transaction" after BEGIN, never sending its first
    // statement, with nothing else running (1M, loaded machine; 9 and 25 minutes, then killed).
    // A month's roll-up transaction at 1M took 27 s on a loaded machine and failed the desk's 15 s
    // time-out (P2028): here, where nothing else writes, they may take as long as they need.
    const transactionOptions = { maxWait: 60_000, timeout: 30 * 60_000 };
    const prisma = createPrismaClient({ url, embedded: false, poolMax: 8, transactionOptions });
    const publisher = createPrismaClient({ url, embedded: false, poolMax: 2, transactionOptions });
    const at = new Date(now);
    try {
      // Satisfaction figures are the Node process's work (each month's release is decided in
      // JavaScript) and read nothing the other two write: they run beside the organisation's months
      // and the dashboard's days, which are PostgreSQL's.
      const satisfaction = step("  satisfaction figures", () => publishSatisfaction(publisher, { now: at })).then(({ published }) =>
        log(`  satisfaction figures of ${published.length} closed months published`),
      );
      const others = (async () => {
        if (options.rollups === "incremental") {
          await step("  organisation months (job runs)", async () => {
            let remaining = Infinity;
            while (remaining > 0) ({ remaining } = await refreshOrganisationRollup(prisma, { now: at }));
          });
          // Each run a little over the job's margin after the one before, as the job runs on a desk: a
          // run counts every clock computed since the previous run's start less MARGIN_MS as a change,
          // and the generated clocks are all computed at the generation's instant, so runs at one
          // pinned instant would forget every day each time and never finish (which is also why the
          // job's loop here took minutes at 100,000 requests before: it went round until 5 minutes of
          // wall-clock had passed). Days are stored only up to the day before yesterday, so a later
          // run's instant on the same UTC day decides nothing differently.
          await step("  dashboard days (job runs)", async () => {
            let remaining = Infinity;
            for (let run = 0; remaining > 0; run++) ({ remaining } = await refreshDashboardRollup(prisma, { now: new Date(now + run * (MARGIN_MS + MINUTE)) }));
          });
        } else {
          await step("  organisation months", async () => {
            const months = rollupMonths(at, await readOrganisationTimeZone(prisma));
            const lanes = [months.filter((_, n) => n % 2 === 0), months.filter((_, n) => n % 2 === 1)];
            await Promise.all(lanes.map((lane) => refreshOrganisationMonths(prisma, { months: lane, now: at })));
          });
          await step("  dashboard days", async () => {
            const { remaining } = await refreshDashboardRollup(prisma, { now: at, all: true });
            if (remaining !== 0) throw new Error(`${remaining} dashboard days left uncomputed`);
          });
        }
      })();
      await Promise.all([satisfaction, others]);
    } finally {
      await Promise.all([prisma.$disconnect(), publisher.$disconnect()]);
    }
  });

  const counts = await client.query<{ t: string; n: string }>(`
    SELECT 'requests' AS t, count(*)::text AS n FROM "Request" UNION ALL SELECT 'comments', count(*)::text FROM "Comment"
    UNION ALL SELECT 'events', count(*)::text FROM "RequestEvent" UNION ALL SELECT 'people', count(*)::text FROM "Person"
    UNION ALL SELECT 'open requests', count(*)::text FROM "Request" WHERE status NOT IN ('RESOLVED', 'CLOSED')`);
  await client.end();
  log(counts.rows.map((r) => `${r.t} ${Number(r.n).toLocaleString("en")}`).join(", "));
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s: ${url}`);

}
