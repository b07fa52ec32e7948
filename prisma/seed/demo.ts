// The demo organisation: twelve departments with catalogues, about four hundred people (named ones
// from data/organisation.ts, the rest generated from data/generated-people.ts) and a year of requests
// with their conversations, event history and SLA clocks, the requesters' ratings and answered pulse
// surveys (demo-satisfaction.ts), all relative to `now` and drawn from a seeded PRNG so that every
// machine gets the same demo. Used by the launcher on the first start of an embedded database
// (scripts/serve.ts) and by prisma/seed/run-demo.ts. No "server-only" imports: it runs in plain Node
// (tsx) as well as in vitest.
import type { Prisma, PrismaClient } from "../../lib/generated/prisma/client";
import { dashboardRollupKey } from "../../lib/reports/dashboard-rollup";
import { clockEvents, policyCache, rowOf } from "../../lib/service-levels/refresh-clocks";
import { deriveClocks, type Clock } from "../../lib/sla/clock";
import { zoneOffsets } from "../../lib/sla/time-zone";
import { fieldValuesSchema, parseFieldDefinitions, type FieldDefinition, type FieldValue } from "../../lib/validation/fields";
import { CATALOGUES, type DraftCtx, type Priority, type TypeSpec } from "./data/catalogues";
import { ACK, FOLLOW_UP, GENERIC_NOTES, GENERIC_QA, GENERIC_RESOLVE, HANDOVER, REOPEN, THANKS, WATCHER_COMMENT } from "./data/conversations";
import { demoCannedResponses } from "./data/canned-responses";
import { COMPANIES, DEACTIVATED_DAYS_AGO, DEPARTMENTS, HOLIDAYS, PEOPLE, type DeptKey, type DeptSpec, type PersonSpec, type RoleName } from "./data/organisation";
import { AGENT_TITLES, FIRST_NAMES, LAST_NAMES, STAFF_TITLES } from "./data/generated-people";
import { bulkInsert } from "./bulk-insert";
import { seedDemoApprovals } from "./demo-approvals";
import { createDefaultRules } from "../../lib/automation/default-rules";
import { buildDemoFigures } from "./demo-figures";
import { demoComplaints, experienceAnswer, monthStart, pulseHistory, rateResolution, type RatingRow } from "./demo-satisfaction";
import { seedInboundEmail } from "./inbound-email";
import { seedKnowledge } from "./knowledge";
import { addBusinessMinutes, parseCalendar } from "../../lib/sla";
import { idMaker, Rand, seededRandom, uuid } from "./random";

type Status = "NEW" | "OPEN" | "WAITING_ON_REQUESTER" | "RESOLVED" | "CLOSED";

export type DemoSeedOptions = { now?: Date; random?: () => number };
export type DemoSeedCounts = { departments: number; people: number; requests: number };

/** The Setting key whose presence says "this database holds the demo organisation". */
export const DEMO_SETTING_KEY = "demoOrganisation";
const DEFAULT_SEED = 0x5eed_d35c;
const REQUEST_COUNT = 4800;
/** How far back the request history goes. */
const HISTORY_DAYS = 365;
const MAX_COMMENTS = 6;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------------------------
// Time: people work in their own department's time zone, mostly within office hours
// ---------------------------------------------------------------------------------------------

/** `t` if it falls on Monday-Friday 08:00-18:00 local time in `timeZone`, else the next opening plus a little. */
function workingTime(timeZone: string, t: number, r: Rand): number {
  const jitter = r.int(0, 100) * MINUTE; // drawn every time, so that the sequence does not depend on the date
  const zone = zoneOffsets(timeZone);
  const offset = zone.offsetAt(t);
  const local = t + offset;
  let dayStart = Math.floor(local / DAY) * DAY;
  const minutes = (local - dayStart) / MINUTE;
  let weekday = new Date(dayStart).getUTCDay();
  const workday = (d: number) => d >= 1 && d <= 5;
  if (workday(weekday) && minutes >= 8 * 60 && minutes < 18 * 60) return t;
  if (!(workday(weekday) && minutes < 8 * 60)) {
    do {
      dayStart += DAY;
      weekday = new Date(dayStart).getUTCDay();
    } while (!workday(weekday));
  }
  const target = dayStart + 8 * HOUR + jitter;
  return target - zone.offsetAt(target - offset);
}

function isoDate(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** The next weekday on or after `t`, as YYYY-MM-DD. */
function weekdayDate(t: number): string {
  const d = new Date(t).getUTCDay();
  return isoDate(t + (d === 6 ? 2 : d === 0 ? 1 : 0) * DAY);
}


function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}

// ---------------------------------------------------------------------------------------------
// The life of one request, replayed the way the use cases in lib/requests would record it
// ---------------------------------------------------------------------------------------------

type EventRow = { requestId: string; actorId: string | null; type: string; from?: Prisma.InputJsonValue; to?: Prisma.InputJsonValue; createdAt: Date };
type CommentRow = { id: string; requestId: string; authorId: string; body: string; visibility: "PUBLIC" | "INTERNAL"; createdAt: Date };
type WatcherRow = { requestId: string; personId: string; createdAt: Date };

class Life {
  status: Status = "NEW";
  assigneeId: string | null = null;
  version = 1;
  resolvedAt: Date | null = null;
  closedAt: Date | null = null;
  t: number;
  stopped = false;
  readonly events: EventRow[] = [];
  readonly comments: CommentRow[] = [];
  readonly watchers: WatcherRow[] = [];

  constructor(
    readonly id: string,
    private readonly limit: number,
    readonly createdAt: number,
    readonly requesterId: string,
    public priority: Priority,
    private readonly newId: () => string,
    private readonly agentIds: Set<string>,
    created: { typeId: string; teamId: string | null },
  ) {
    this.t = createdAt;
    this.event(requesterId, "created", { to: { status: "NEW", priority, typeId: created.typeId, teamId: created.teamId } });
  }

  get commentBudget(): number {
    return MAX_COMMENTS - this.comments.length;
  }

  /** Moves the clock to `time`; false (and nothing more happens) once it would pass `now`. */
  private at(time: number, actorId: string): boolean {
    if (this.stopped) return false;
    if (time > this.limit) {
      this.stopped = true;
      return false;
    }
    this.t = Math.max(this.t, Math.round(time / 1000) * 1000);
    // Two changes by one person are at least a second apart, so the history tells them apart.
    if (this.t === this.lastChange.t && actorId === this.lastChange.actorId) this.t += 1000;
    return true;
  }

  private lastChange = { t: -1, actorId: "" };

  private bumpVersion(actorId: string) {
    this.version++;
    this.lastChange = { t: this.t, actorId };
  }

  private event(actorId: string | null, type: string, change: { from?: Prisma.InputJsonValue; to?: Prisma.InputJsonValue } = {}) {
    this.events.push({ requestId: this.id, actorId, type, ...change, createdAt: new Date(this.t) });
  }

  private setStatus(actorId: string, next: Status, to: Record<string, unknown> = {}) {
    this.event(actorId, "status_changed", { from: { status: this.status }, to: { status: next, ...to } as Prisma.InputJsonValue });
    this.status = next;
    if (next === "RESOLVED") this.resolvedAt = new Date(this.t);
    if (next === "CLOSED") this.closedAt = new Date(this.t);
    if (next !== "RESOLVED" && next !== "CLOSED") this.resolvedAt = null;
  }

  addWatcher(time: number, actorId: string, personId: string): boolean {
    if (personId === this.requesterId || this.watchers.some((w) => w.personId === personId)) return false;
    if (!this.at(time, actorId)) return false;
    this.watchers.push({ requestId: this.id, personId, createdAt: new Date(this.t) });
    this.event(actorId, "watcher_added", { to: { personId } });
    return true;
  }

  /** addComment: an agent's public reply opens a new request; a requester's reply to a waiting request reopens it. */
  comment(time: number, authorId: string, body: string, visibility: "PUBLIC" | "INTERNAL" = "PUBLIC"): boolean {
    if (this.status === "CLOSED" || this.commentBudget <= 0 || !this.at(time, authorId)) return false;
    const id = this.newId();
    this.comments.push({ id, requestId: this.id, authorId, body, visibility, createdAt: new Date(this.t) });
    this.event(authorId, "commented", { to: { commentId: id, visibility } });
    const isAgent = this.agentIds.has(authorId);
    let next: Status | undefined;
    if (visibility === "PUBLIC" && isAgent && this.status === "NEW") next = "OPEN";
    if (!isAgent && this.status === "WAITING_ON_REQUESTER") next = "OPEN";
    if (next) {
      this.setStatus(authorId, next);
      this.bumpVersion(authorId);
    }
    return true;
  }

  /** updateRequest: one version per change, one event per field, in the use case's order. */
  update(time: number, actorId: string, change: { status?: Status; priority?: Priority; assigneeId?: string | null }): boolean {
    const changes =
      (change.status !== undefined && change.status !== this.status) ||
      (change.priority !== undefined && change.priority !== this.priority) ||
      (change.assigneeId !== undefined && change.assigneeId !== this.assigneeId);
    if (!changes || this.status === "CLOSED" || !this.at(time, actorId)) return false;
    let changed = false;
    let statusSet = false;
    if (change.status !== undefined && change.status !== this.status) {
      this.setStatus(actorId, change.status);
      changed = statusSet = true;
    }
    if (change.priority !== undefined && change.priority !== this.priority) {
      this.event(actorId, "priority_changed", { from: { priority: this.priority }, to: { priority: change.priority } });
      this.priority = change.priority;
      changed = true;
    }
    if (change.assigneeId !== undefined && change.assigneeId !== this.assigneeId) {
      this.event(actorId, "assigned", { from: { assigneeId: this.assigneeId }, to: { assigneeId: change.assigneeId } });
      this.assigneeId = change.assigneeId;
      changed = true;
      if (this.status === "NEW" && !statusSet && change.assigneeId) this.setStatus(actorId, "OPEN");
    }
    if (changed) this.bumpVersion(actorId);
    return changed;
  }

  /** reopenRequest: the requester says it is not done, with a reason as a public reply. */
  reopen(time: number, reason: string): boolean {
    if (this.status !== "RESOLVED" || this.commentBudget <= 0 || !this.at(time, this.requesterId)) return false;
    this.setStatus(this.requesterId, "OPEN", { reopened: true });
    const id = this.newId();
    this.comments.push({ id, requestId: this.id, authorId: this.requesterId, body: reason, visibility: "PUBLIC", createdAt: new Date(this.t) });
    this.event(this.requesterId, "commented", { to: { commentId: id, visibility: "PUBLIC" } });
    this.bumpVersion(this.requesterId);
    return true;
  }
}

// ---------------------------------------------------------------------------------------------
// The seed
// ---------------------------------------------------------------------------------------------

type PersonRow = Prisma.PersonCreateManyInput & { id: string; spec: PersonSpec; dept: DeptSpec; first: string };

function emailOf(spec: PersonSpec): string {
  if (spec.email) return spec.email;
  const ascii = spec.name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z ]/g, "");
  return `${ascii.split(" ").join(".")}@example.com`;
}

function chunks<T>(rows: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * The colleagues who fill each department up to its headcount besides the named people: agents first
 * (spread over the department's teams), then staff, with names drawn from the lists so that no two
 * people share a name (nor an email).
 */
function generatedPeople(r: Rand): PersonSpec[] {
  const taken = new Set(PEOPLE.map((p) => p.name));
  const name = () => {
    for (;;) {
      const candidate = `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`;
      if (!taken.has(candidate)) {
        taken.add(candidate);
        return candidate;
      }
    }
  };
  const out: PersonSpec[] = [];
  for (const d of DEPARTMENTS) {
    const named = PEOPLE.filter((p) => p.dept === d.key);
    const namedAgents = named.filter((p) => p.roles?.includes("AGENT")).length;
    for (let i = namedAgents; i < d.agents; i++) {
      out.push({ name: name(), title: r.pick(AGENT_TITLES[d.key]), dept: d.key, roles: ["AGENT"], teams: [d.teams[i % d.teams.length]!] });
    }
    const staff = d.headcount - named.length - Math.max(0, d.agents - namedAgents);
    for (let i = 0; i < staff; i++) out.push({ name: name(), title: r.pick(STAFF_TITLES[d.key]), dept: d.key });
  }
  return out;
}

/**
 * What the SLA sweep (lib/service-levels/sweep.ts), running every minute, has done with a clock by
 * `now`: the thresholds it fired, each when it was reached (of a stopped or paused clock only its
 * breach is known), and the clock's next notice instant. Department segments never notify.
 */
function sweptSoFar(clock: Clock, row: Prisma.SlaClockCreateManyInput, now: number): { fired: { percent: number; at: Date }[]; nextNoticeAt: Date | null } {
  if (clock.segment > 0) return { fired: [], nextNoticeAt: null };
  const running = clock.stoppedAt === null && !clock.paused;
  const fired = running
    ? clock.warnings.flatMap((w) => (w.at && w.at.getTime() <= now ? [{ percent: w.percent, at: w.at }] : []))
    : clock.breachedAt && clock.breachedAt.getTime() <= now
      ? [{ percent: 100, at: clock.breachedAt }]
      : [];
  const next = running ? [row.warnAt50, row.warnAt75, row.dueAt].flatMap((d) => (d && new Date(d).getTime() > now ? [new Date(d).getTime()] : [])) : [];
  return { fired, nextNoticeAt: next.length ? new Date(Math.min(...next)) : null };
}

export async function seedDemoOrganisation(db: PrismaClient, options: DemoSeedOptions = {}): Promise<DemoSeedCounts> {
  const now = (options.now ?? new Date()).getTime();
  const random = options.random ?? seededRandom(DEFAULT_SEED);
  const r = new Rand(random);
  const newId = idMaker(seededRandom(Math.floor(random() * 2 ** 32)));
  const limit = now - MINUTE;
  // Everyone had joined before the year of history starts.
  const orgCreated = new Date(now - (HISTORY_DAYS + 40) * DAY);

  // Departments and teams
  const deptId = new Map<DeptKey, string>();
  const teamId = new Map<string, string>(); // "IT/Service Desk"
  const departments: Prisma.DepartmentCreateManyInput[] = DEPARTMENTS.map((d) => {
    const id = newId();
    deptId.set(d.key, id);
    // Goals beside experience (lib/experience): the demo's tight SLA policies are met about 65-75 % of
    // the time, so its heads count 65 % as "SLAs met"; Security aims at 80 % satisfied. Facilities then
    // shows watermelons (SLAs met, experience below its 85 % goal) and Security a hidden gem.
    return { id, key: d.key, name: d.name, description: d.description, timeZone: d.timeZone, createdAt: orgCreated, slaGoal: 65, satisfactionGoal: d.key === "SEC" ? 80 : 85 };
  });
  const teams: Prisma.TeamCreateManyInput[] = DEPARTMENTS.flatMap((d) =>
    d.teams.map((name) => {
      const id = newId();
      teamId.set(`${d.key}/${name}`, id);
      return { id, departmentId: deptId.get(d.key)!, name, createdAt: orgCreated };
    }),
  );
  const deptByKey = new Map(DEPARTMENTS.map((d) => [d.key, d]));

  // People, roles, team membership
  const people: PersonRow[] = [...PEOPLE, ...generatedPeople(new Rand(seededRandom(Math.floor(random() * 2 ** 32))))].map((spec, i) => {
    const dept = deptByKey.get(spec.dept)!;
    const joined = new Date(orgCreated.getTime() + (i % 7) * 5 * DAY);
    return {
      id: newId(),
      email: emailOf(spec),
      name: spec.name,
      title: spec.title,
      departmentId: deptId.get(spec.dept)!,
      active: spec.active ?? true,
      authVersion: spec.active === false ? 1 : 0,
      createdAt: joined,
      updatedAt: spec.active === false ? new Date(now - DEACTIVATED_DAYS_AGO * DAY) : joined,
      spec,
      dept,
      first: spec.name.split(" ")[0]!,
    };
  });
  if (new Set(people.map((p) => p.email)).size !== people.length) throw new Error("demo seed: duplicate email");
  const grants: Prisma.RoleGrantCreateManyInput[] = [];
  const members: Prisma.TeamMemberCreateManyInput[] = [];
  const agentsOf = new Map<DeptKey, PersonRow[]>();
  const headOf = new Map<DeptKey, PersonRow>();
  for (const p of people) {
    const roles = p.spec.roles ?? [];
    const grant = (role: RoleName, departmentId: string | null) => grants.push({ id: newId(), personId: p.id, role, departmentId, createdAt: p.createdAt });
    if (roles.includes("HEAD")) {
      grant("HEAD", p.departmentId);
      headOf.set(p.spec.dept, p);
    }
    if (roles.includes("HEAD") || roles.includes("AGENT")) {
      grant("AGENT", p.departmentId);
      agentsOf.set(p.spec.dept, [...(agentsOf.get(p.spec.dept) ?? []), p]);
    }
    if (roles.includes("HR")) grant("HR", null);
    if (roles.includes("ADMIN")) grant("ADMIN", null);
    for (const team of p.spec.teams ?? []) {
      const id = teamId.get(`${p.spec.dept}/${team}`);
      if (!id) throw new Error(`demo seed: no team ${p.spec.dept}/${team}`);
      members.push({ teamId: id, personId: p.id });
    }
  }
  for (const d of DEPARTMENTS) {
    const agents = agentsOf.get(d.key) ?? [];
    if (!headOf.has(d.key) || agents.length !== d.agents + 1) throw new Error(`demo seed: ${d.key} needs a head and ${d.agents} agents`);
  }
  const agentIdsOf = new Map([...agentsOf].map(([k, list]) => [k, new Set(list.map((p) => p.id))]));

  // Catalogues, each definition checked by the same parser the app uses
  type TypeRow = { id: string; spec: TypeSpec; dept: DeptSpec; fields: FieldDefinition[]; teamId: string };
  const types: TypeRow[] = [];
  const requestTypes: Prisma.RequestTypeCreateManyInput[] = [];
  for (const d of DEPARTMENTS) {
    const specs = CATALOGUES[d.key];
    if (specs.length < 3 || specs.length > 6) throw new Error(`demo seed: ${d.key} needs 3-6 request types`);
    specs.forEach((spec, i) => {
      let fields: FieldDefinition[];
      try {
        fields = parseFieldDefinitions(spec.fields);
      } catch (error) {
        throw new Error(`demo seed: bad field definitions in ${d.key}/${spec.slug}: ${String(error)}`);
      }
      const tId = teamId.get(`${d.key}/${spec.team}`);
      if (!tId) throw new Error(`demo seed: no team ${d.key}/${spec.team}`);
      const id = newId();
      types.push({ id, spec, dept: d, fields, teamId: tId });
      requestTypes.push({
        id,
        departmentId: deptId.get(d.key)!,
        slug: spec.slug,
        name: spec.name,
        description: spec.description,
        fields: spec.fields,
        defaultPriority: spec.priority,
        defaultTeamId: tId,
        sortOrder: i,
        createdAt: orgCreated,
      });
    });
  }

  // Requests: who files what, when
  const deactivatedAt = now - DEACTIVATED_DAYS_AGO * DAY;
  const filingWeight = (p: PersonRow) => p.spec.files ?? (p.spec.roles?.includes("HEAD") ? 1 : p.spec.roles?.length ? 1.5 : 3);
  const colleaguesOf = (p: PersonRow) => people.filter((q) => q.spec.dept === p.spec.dept && q.id !== p.id && q.active);
  // Each request draws from its own stream, so its story does not depend on the order of filing.
  type Planned = { type: TypeRow; requester: PersonRow; createdAt: number; seed: number };
  const planned: Planned[] = [];
  for (let i = 0; i < REQUEST_COUNT; i++) {
    const dept = r.weighted(DEPARTMENTS.map((d) => [d, d.volume] as const));
    const type = r.weighted(types.filter((t) => t.dept.key === dept.key).map((t) => [t, t.spec.weight] as const));
    // A few fresh ones in the last day; the rest over the year, a little denser towards today.
    const fresh = i < 16;
    const ageDays = fresh ? 0 : r.chance(0.85) ? r.next() * HISTORY_DAYS : 60 * (1 - Math.sqrt(r.next()));
    const candidates = people.filter((p) => {
      if (!p.active && (fresh || ageDays < DEACTIVATED_DAYS_AGO + 5)) return false;
      if (type.spec.requesterDepts) return type.spec.requesterDepts.includes(p.spec.dept);
      return p.spec.dept !== dept.key;
    });
    const sameDept = !type.spec.requesterDepts && r.chance(0.08) ? people.filter((p) => p.active && p.spec.dept === dept.key) : [];
    const requester = r.weighted((sameDept.length ? sameDept : candidates).map((p) => [p, filingWeight(p)] as const));
    let createdAt: number;
    if (fresh) {
      createdAt = now - r.int(10, 26 * 60) * MINUTE;
      // Not in the middle of the requester's night: move those to the evening before.
      const localHour = new Date(createdAt + zoneOffsets(requester.dept.timeZone).offsetAt(createdAt)).getUTCHours();
      if (localHour < 7) createdAt -= (localHour + 3) * HOUR;
    } else {
      const base = now - Math.max(1, ageDays) * DAY;
      const tz = requester.dept.timeZone;
      const offset = zoneOffsets(tz).offsetAt(base);
      const localDay = Math.floor((base + offset) / DAY) * DAY;
      const weekday = new Date(localDay).getUTCDay();
      const earlier = r.chance(0.5);
      const shift = weekday === 6 ? (earlier ? -1 : 2) : weekday === 0 ? (earlier ? -2 : 1) : 0;
      const minuteOfDay = r.weighted([
        [r.int(8 * 60, 10 * 60), 4],
        [r.int(10 * 60, 12 * 60), 4],
        [r.int(13 * 60, 16 * 60), 4],
        [r.int(16 * 60, 18 * 60), 2],
        [r.int(18 * 60, 22 * 60), 1],
      ] as const);
      const local = localDay + shift * DAY + minuteOfDay * MINUTE + r.int(0, 59) * 1000;
      createdAt = local - zoneOffsets(tz).offsetAt(local - offset);
      if (createdAt > now - 2 * HOUR) createdAt -= 3 * DAY;
    }
    planned.push({ type, requester, createdAt, seed: Math.floor(r.next() * 2 ** 32) });
  }
  planned.sort((a, b) => a.createdAt - b.createdAt);

  // Satisfaction: each agent has their own way with customers; nothing is rated in the open month.
  const historyStart = now - HISTORY_DAYS * DAY;
  const cutoff = monthStart(now);
  const biasRandom = new Rand(seededRandom(Math.floor(random() * 2 ** 32)));
  const agentBias = new Map(people.filter((p) => p.spec.roles?.some((role) => role === "AGENT" || role === "HEAD")).map((p) => [p.id, (biasRandom.next() - 0.5) * 0.8]));
  const ratings: RatingRow[] = [];

  // Each request's life
  const seq = new Map<DeptKey, number>(DEPARTMENTS.map((d) => [d.key, 1000]));
  const requests: Prisma.RequestCreateManyInput[] = [];
  const allEvents: (EventRow & { order: number })[] = [];
  const allComments: (CommentRow & { departmentId: string })[] = [];
  const allWatchers: WatcherRow[] = [];
  const eventsOf = new Map<string, EventRow[]>();
  let order = 0;

  planned.forEach(({ type, requester, createdAt, seed }, index) => {
    const r = new Rand(seededRandom(seed));
    const dept = type.dept;
    const number = seq.get(dept.key)! + 1;
    seq.set(dept.key, number);
    const agents = (agentsOf.get(dept.key) ?? []).filter((a) => a.id !== requester.id);
    const head = headOf.get(dept.key)!;
    const teamAgents = agents.filter((a) => a.spec.teams?.includes(type.spec.team) && a.id !== head.id);
    const colleagues = colleaguesOf(requester);

    const ctx: DraftCtx = {
      r,
      requester: { first: requester.first, name: requester.spec.name, title: requester.spec.title, dept: requester.dept },
      colleague: () => (colleagues.length ? r.pick(colleagues).spec.name : "a colleague"),
      company: () => r.pick(COMPANIES),
      date: (min, max) => weekdayDate(createdAt + r.int(min, max) * DAY),
      past: (min, max) => isoDate(createdAt - r.int(min, max) * DAY),
    };
    const draft = type.spec.draft(ctx);
    let fieldValues: Record<string, FieldValue>;
    try {
      const parsed = fieldValuesSchema(type.fields).parse(draft.values) as Record<string, FieldValue | undefined>;
      fieldValues = Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) as Record<string, FieldValue>;
    } catch (error) {
      throw new Error(`demo seed: bad field values for ${dept.key}/${type.spec.slug}: ${String(error)}`);
    }
    if (draft.title.length < 3 || draft.title.length > 160) throw new Error(`demo seed: title length: ${draft.title}`);

    const id = newId();
    const life = new Life(id, limit, createdAt, requester.id, type.spec.priority, newId, agentIdsOf.get(dept.key)!, { typeId: type.id, teamId: type.teamId });
    const age = (now - createdAt) / DAY;
    const erinsRecent = requester.spec.email === "erin.employee@example.com" && age < 20;
    const target: Status =
      requester.active === false
        ? "CLOSED"
        : erinsRecent // Erin, the requester the README introduces, has recent requests in every stage.
          ? r.weighted([["NEW", 1], ["OPEN", 2], ["WAITING_ON_REQUESTER", 3], ["RESOLVED", 2]] as const)
          : age < 2
            ? r.weighted([["NEW", 40], ["OPEN", 33], ["WAITING_ON_REQUESTER", 12], ["RESOLVED", 15]] as const)
            : age < 10
              ? r.weighted([["NEW", 5], ["OPEN", 31], ["WAITING_ON_REQUESTER", 22], ["RESOLVED", 32], ["CLOSED", 10]] as const)
              : age < 30
                ? r.weighted([["NEW", 2], ["OPEN", 14], ["WAITING_ON_REQUESTER", 9], ["RESOLVED", 30], ["CLOSED", 45]] as const)
                : age < 90
                  ? r.weighted([["OPEN", 4], ["WAITING_ON_REQUESTER", 3], ["RESOLVED", 8], ["CLOSED", 85]] as const)
                  : // Older ones are done, but for the odd request forgotten in a queue.
                    r.weighted([["OPEN", 2], ["WAITING_ON_REQUESTER", 1], ["RESOLVED", 20], ["CLOSED", 977]] as const);

    const provTz = dept.timeZone;
    const reqTz = requester.dept.timeZone;
    // Most work happens in office hours; a little happens late (it shows up in after-hours reports).
    const agentTime = (from: number, minMinutes: number, maxMinutes: number) => {
      const t = from + r.int(minMinutes, maxMinutes) * MINUTE;
      return r.chance(0.05) ? t : workingTime(provTz, t, r);
    };
    const requesterTime = (from: number, minMinutes: number, maxMinutes: number) => {
      const t = from + r.int(minMinutes, maxMinutes) * MINUTE;
      return r.chance(0.1) ? t : workingTime(reqTz, t, r);
    };

    const vars = (agent?: PersonRow): Record<string, string> => ({
      ...Object.fromEntries(Object.entries(fieldValues).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : String(v)])),
      ...draft.vars,
      first: requester.first,
      agent: agent?.first ?? "",
    });
    const talk = type.spec.talk ?? {};
    // Questions in the order they are asked: the type's own first, never the same one twice.
    const questions = [...r.some(talk.qa ?? [], 2, 2), ...r.some(GENERIC_QA, 2, 2)];

    // Watchers: co-workers the requester adds soon after filing
    if (r.chance(0.25) && colleagues.length) {
      for (const w of r.some(colleagues, 1, 2)) life.addWatcher(requesterTime(life.t, 2, 60), requester.id, w.id);
    }

    if (target === "NEW") {
      if (r.chance(0.25)) life.comment(requesterTime(life.t, 30, 600), requester.id, r.pick(["Adding a detail: this is needed for a deadline at the end of next week.", "One more thing: a colleague has the same issue.", "Forgot to mention: I'm out of office on Friday, please reply here."]));
    } else {
      // Triage: take it (or the head hands it out), or answer first and then take it
      // The agents the README introduces get a little more of the work, so their queues are worth a look.
      const pickAgent = (list: PersonRow[]) => r.weighted(list.map((a) => [a, a.spec.email ? 2.5 : 1] as const));
      const assignee = r.chance(0.1) ? head : pickAgent(teamAgents.length && r.chance(0.8) ? teamAgents : agents);
      const firstDelay = { URGENT: [5, 45], HIGH: [15, 180], NORMAL: [30, 600], LOW: [60, 1800] }[life.priority];
      let t = agentTime(life.t, firstDelay[0]!, firstDelay[1]!);
      const triagePriority = draft.triage && r.chance(0.85) ? draft.triage : r.chance(0.05) ? r.pick(["LOW", "NORMAL", "HIGH"] as const) : undefined;
      if (r.chance(0.55)) {
        const actor = r.chance(0.3) && head.id !== assignee.id && head.id !== requester.id ? head : assignee;
        life.update(t, actor.id, { assigneeId: assignee.id, priority: triagePriority });
        if (r.chance(0.6)) life.comment(agentTime(life.t, 1, 30), assignee.id, fill(r.pick(ACK), vars(assignee)));
      } else {
        life.comment(t, assignee.id, fill(r.pick(ACK), vars(assignee)));
        life.update(Math.min(limit, life.t + r.int(1, 10) * MINUTE), assignee.id, { assigneeId: assignee.id, priority: triagePriority });
      }
      let current = assignee;

      // Back and forth with the requester
      const cycles = target === "WAITING_ON_REQUESTER" ? (r.chance(0.25) ? 2 : 1) : r.chance(0.35) ? (r.chance(0.2) ? 2 : 1) : 0;
      for (let c = 0; c < cycles && !life.stopped; c++) {
        if (r.chance(0.3) && life.commentBudget > 3) life.comment(agentTime(life.t, 10, 240), current.id, fill(r.pick([...(talk.notes ?? []), ...GENERIC_NOTES]), vars(current)), "INTERNAL");
        const [ask, answer] = questions[c]!;
        const last = target === "WAITING_ON_REQUESTER" && c === cycles - 1;
        if (!last && life.commentBudget < 3) break;
        t = agentTime(life.t, 20, 900);
        life.comment(t, current.id, fill(ask, vars(current)));
        life.update(life.t + r.int(0, 2) * MINUTE, current.id, { status: "WAITING_ON_REQUESTER" });
        if (last) break;
        life.comment(requesterTime(life.t, 20, 1800), requester.id, fill(answer, vars(current)));
      }

      if (target !== "WAITING_ON_REQUESTER") {
        // Handover to a colleague, now and then
        if (r.chance(0.07) && agents.length > 1 && life.status === "OPEN") {
          const next = r.pick(agents.filter((a) => a.id !== current.id));
          const by = r.chance(0.5) ? current : head;
          if (life.commentBudget > 2) life.comment(agentTime(life.t, 30, 600), by.id, fill(r.pick(HANDOVER), { next: next.first }), "INTERNAL");
          if (life.update(agentTime(life.t, 1, 20), by.id, { assigneeId: next.id })) current = next;
        }
        if (r.chance(0.2) && life.status === "OPEN" && life.commentBudget > 2) life.comment(agentTime(life.t, 30, 900), current.id, fill(r.pick([...(talk.notes ?? []), ...GENERIC_NOTES]), vars(current)), "INTERNAL");
        if (r.chance(0.12) && life.status === "OPEN" && life.commentBudget > 2) life.comment(requesterTime(life.t, 600, 3000), requester.id, r.pick(FOLLOW_UP));
        const watcher = life.watchers[0];
        if (watcher && r.chance(0.25) && life.status === "OPEN" && life.commentBudget > 2) life.comment(requesterTime(life.t, 60, 1200), watcher.personId, r.pick(WATCHER_COMMENT));
        if (r.chance(0.05) && life.status === "OPEN") {
          const up: Priority = life.priority === "LOW" ? "NORMAL" : life.priority === "NORMAL" ? "HIGH" : "URGENT";
          life.update(agentTime(life.t, 60, 1200), current.id, { priority: up });
        }
      }

      if (target === "RESOLVED" || target === "CLOSED") {
        const resolve = (who: PersonRow) => {
          const at = agentTime(life.t, 30, { URGENT: 240, HIGH: 1440, NORMAL: 3600, LOW: 7200 }[life.priority]);
          const replied = r.chance(0.9) && life.comment(at, who.id, fill(r.pick(talk.resolve?.length ? talk.resolve : GENERIC_RESOLVE), vars(who)));
          life.update(replied ? life.t + r.int(0, 3) * MINUTE : at, who.id, { status: "RESOLVED" });
        };
        resolve(current);
        if (r.chance(0.06) && life.commentBudget >= 3 && life.reopen(requesterTime(life.t, 60, 2880), r.pick(REOPEN))) {
          if (r.chance(0.5)) life.comment(agentTime(life.t, 30, 600), current.id, fill("Sorry about that, {first}. Looking at it again.", vars(current)));
          resolve(current);
        }
        if (r.chance(0.3) && life.status === "RESOLVED") life.comment(requesterTime(life.t, 10, 600), requester.id, fill(r.pick(THANKS), vars(current)));
        if (target === "CLOSED" && life.status === "RESOLVED") {
          life.update(agentTime(life.t, 2 * 24 * 60, 7 * 24 * 60), r.chance(0.8) ? current.id : head.id, { status: "CLOSED" });
        }
      }
    }

    const updatedAt = new Date(life.t);
    requests.push({
      id,
      departmentId: deptId.get(dept.key)!,
      number,
      typeId: type.id,
      title: draft.title,
      description: draft.description,
      fieldValues: fieldValues,
      status: life.status,
      priority: life.priority,
      requesterId: requester.id,
      requesterDepartmentId: requester.departmentId,
      assigneeId: life.assigneeId,
      teamId: type.teamId,
      version: life.version,
      submissionKey: `seed-${index + 1}`,
      createdAt: new Date(createdAt),
      updatedAt,
      resolvedAt: life.resolvedAt,
      closedAt: life.closedAt,
    });
    if (life.resolvedAt && (life.status === "RESOLVED" || life.status === "CLOSED")) {
      const resolvedAt = life.resolvedAt.getTime();
      const ratedAt = requesterTime(resolvedAt, 10, 2 * 24 * 60);
      const rating = rateResolution(r, {
        id: newId(),
        request: { id, requesterId: requester.id, departmentId: deptId.get(dept.key)!, dept: dept.key, createdAt, assigneeId: life.assigneeId },
        resolvedAt,
        cycle: life.events.filter((e) => e.type === "status_changed" && (e.to as { status?: string }).status === "RESOLVED").length,
        reopened: life.events.some((e) => (e.to as { reopened?: boolean } | undefined)?.reopened === true),
        ratedAt,
        // Someone who has left rates nothing afterwards.
        cutoff: requester.active ? cutoff : Math.min(cutoff, deactivatedAt),
        historyStart,
        agentBias: (agentId) => (agentId ? (agentBias.get(agentId) ?? 0) : 0),
      });
      if (rating) ratings.push(rating);
    }
    eventsOf.set(id, life.events);
    for (const e of life.events) allEvents.push({ ...e, order: order++ });
    allComments.push(...life.comments.map((c) => ({ ...c, departmentId: deptId.get(dept.key)! })));
    allWatchers.push(...life.watchers);
  });

  const deptKeyById = new Map(DEPARTMENTS.map((d) => [deptId.get(d.key)!, d.key]));
  const pulse = pulseHistory(new Rand(seededRandom(Math.floor(random() * 2 ** 32))), {
    now,
    historyStart,
    newId,
    people: people.map((p) => ({ id: p.id, departmentId: p.departmentId, deptKey: p.spec.dept, active: p.active !== false, ...(p.active === false ? { deactivatedAt } : {}) })),
    filed: requests.map((q) => ({ requesterDepartmentId: q.requesterDepartmentId, departmentId: q.departmentId, createdAt: new Date(q.createdAt!).getTime() })),
    hr: people.find((p) => p.spec.email === "hana.hr@example.com")!,
    head: headOf.get("FAC")!,
    deptKeyOf: (id) => deptKeyById.get(id)!,
  });

  // Experience answers and complaint follow-ups (issue 15), from generators of their own so that
  // everything drawn before stays as it was.
  const experienceRandom = new Rand(seededRandom(15_015));
  const ratingRows = ratings.map((rating) => ({ ...rating, ...experienceAnswer(experienceRandom, rating.score) }));
  const timeZoneOf = new Map(departments.map((d) => [d.id, d.timeZone]));
  const officeHours = (timeZone: string) => {
    const weekday: [string, string][] = [["08:00", "18:00"]];
    return parseCalendar({ timeZone, hours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] }, holidays: HOLIDAYS[timeZone] ?? [] });
  };
  const complaints = demoComplaints(experienceRandom, {
    ratings,
    now,
    newId: () => uuid(experienceRandom),
    headOf: (departmentId) => headOf.get(deptKeyById.get(departmentId)!)?.id ?? null,
    // One business day (10 open hours) of the department's office hours, as complaint-calendar.ts reckons it.
    dueAt: (departmentId, at) => addBusinessMinutes(officeHours(timeZoneOf.get(departmentId)!), at, 600),
  });

  const seededAt = new Date(now);
  const noticeRandom = new Rand(seededRandom(Math.floor(random() * 2 ** 32)));
  await db.$transaction(
    async (tx) => {
      await tx.department.createMany({ data: departments });
      await tx.team.createMany({ data: teams });
      for (const batch of chunks(people.map(({ spec: _s, dept: _d, first: _f, ...row }) => row))) await tx.person.createMany({ data: batch });
      await tx.roleGrant.createMany({ data: grants });
      await tx.teamMember.createMany({ data: members });
      await tx.requestType.createMany({ data: requestTypes });
      const ts = "timestamp(3)";
      await bulkInsert(tx, "Request", {
        id: "text", departmentId: "text", number: "int", typeId: "text", title: "text", description: "text", fieldValues: "jsonb",
        status: '"RequestStatus"', priority: '"Priority"', requesterId: "text", requesterDepartmentId: "text", assigneeId: "text", teamId: "text",
        version: "int", submissionKey: "text", createdAt: ts, updatedAt: ts, resolvedAt: ts, closedAt: ts,
      }, requests);
      await bulkInsert(tx, "Watcher", { requestId: "text", personId: "text", createdAt: ts }, allWatchers);
      await bulkInsert(tx, "Comment", { id: "text", requestId: "text", departmentId: "text", authorId: "text", body: "text", visibility: '"CommentVisibility"', createdAt: ts }, allComments);
      await seedServiceLevels(tx, DEPARTMENTS.map((d) => ({ id: deptId.get(d.key)!, timeZone: d.timeZone })), orgCreated);
      // SLA clocks derived from each request's events by the app's own clock machine, as
      // recomputeClocks derives them, without reading back the events just written; with the
      // warnings and breaches the SLA sweep fired while they ran (lib/service-levels/sweep.ts), so
      // that the first start does not fire a year of them at once.
      const policies = policyCache();
      await policies.load(tx, [...deptId.values()]);
      const clocks: (Prisma.SlaClockCreateManyInput & { id: string })[] = [];
      const notices: Prisma.SlaNoticeCreateManyInput[] = [];
      for (const q of requests) {
        const derived = deriveClocks({ events: clockEvents(eventsOf.get(q.id!)! as Parameters<typeof clockEvents>[0], agentIdsOf.get(deptKeyById.get(q.departmentId)!)!), policyFor: policies.resolverFor(q.departmentId), now: seededAt });
        for (const clock of derived) {
          const row = { id: newId(), ...rowOf(q.id!, q.departmentId, clock, seededAt) };
          const swept = sweptSoFar(clock, row, now);
          row.nextNoticeAt = swept.nextNoticeAt;
          for (const { percent, at } of swept.fired) {
            notices.push({ id: uuid(noticeRandom), requestId: q.id!, metric: row.metric, cycle: clock.cycle, percent, targetMinutes: row.targetMinutes, dueAt: at, firedAt: at });
            if (percent === 100) allEvents.push({ requestId: q.id!, actorId: null, type: "sla_breached", to: { metric: row.metric, cycle: clock.cycle }, createdAt: at, order: order++ });
          }
          clocks.push(row);
        }
      }
      await bulkInsert(tx, "SlaClock", {
        id: "text", requestId: "text", departmentId: "text", segment: "int", metric: '"SlaMetric"', cycle: "int", policyId: "text", targetMinutes: "int",
        state: '"SlaState"', paused: "boolean", startedAt: ts, stoppedAt: ts, dueAt: ts, breachedAt: ts, elapsedMinutes: "double precision",
        warnAt50: ts, warnAt75: ts, computedAt: ts, nextNoticeAt: ts,
      }, clocks);
      const knowledge = await seedKnowledge(tx, {
        now: seededAt,
        newId,
        deptId: (key) => deptId.get(key as DeptKey)!,
        deptKey: (id) => deptKeyById.get(id)!,
        personId: (email) => people.find((p) => p.spec.email === email)!.id,
        headId: (key) => headOf.get(key as DeptKey)!.id,
        typeId: (key, slug) => types.find((t) => t.dept.key === key && t.spec.slug === slug)!.id,
        readers: (key, visibility) => (visibility === "AGENTS" ? agentsOf.get(key as DeptKey) ?? [] : people.filter((p) => p.active)).map((p) => p.id),
        requests: requests.map((q) => ({ id: q.id!, departmentId: q.departmentId, typeId: q.typeId, status: q.status!, number: q.number, createdAt: new Date(q.createdAt!), updatedAt: new Date(q.updatedAt!), assigneeId: q.assigneeId ?? null })),
      });
      for (const e of knowledge.events) allEvents.push({ ...e, order: order++ });
      await seedInboundEmail(tx, { departments: DEPARTMENTS.map((d) => ({ id: deptId.get(d.key)!, name: d.name })), createdAt: orgCreated });
      await bulkInsert(tx, "SlaNotice", { id: "text", requestId: "text", metric: '"SlaMetric"', cycle: "int", percent: "int", targetMinutes: "int", dueAt: ts, firedAt: ts }, notices);
      // Event ids follow time across the whole organisation, as if filed live.
      allEvents.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.order - b.order);
      const events: Prisma.RequestEventCreateManyInput[] = allEvents.map(({ order: _order, ...e }) => e);
      await bulkInsert(tx, "RequestEvent", { requestId: "text", actorId: "text", type: "text", from: "jsonb", to: "jsonb", createdAt: ts }, events);
      await bulkInsert(tx, "Rating", { id: "text", requestId: "text", cycle: "int", requesterId: "text", departmentId: "text", agentId: "text", score: "int", comment: "text", createdAt: ts, timeLost: "text", reasons: "text[]" }, ratingRows.map((r) => ({ ...r, reasons: `{${r.reasons.join(",")}}` })));
      await bulkInsert(tx, "Complaint", {
        id: "text", departmentId: "text", requestId: "text", ratingId: "text", complainantId: "text", source: "text", summary: "text", createdAt: ts, dueAt: ts, assigneeId: "text",
        contactedAt: ts, outcome: "text", outcomeMessage: "text", closedAt: ts, feelsHeard: "boolean",
      }, complaints);
      await tx.pulseSurvey.createMany({ data: pulse.surveys });
      await bulkInsert(tx, "PulseRound", { id: "text", surveyId: "text", period: "text", opensAt: ts, closesAt: ts, createdAt: ts }, pulse.rounds);
      await bulkInsert(tx, "PulseInvitation", { roundId: "text", personId: "text", ratedDepartmentId: "text" }, pulse.invitations);
      await bulkInsert(tx, "PulseResponse", {
        id: "text", roundId: "text", respondentId: "text", respondentDepartmentId: "text", ratedDepartmentId: "text", score: "int", comment: "text", createdAt: ts,
      }, pulse.responses);
      for (const d of DEPARTMENTS) await tx.department.update({ where: { id: deptId.get(d.key)! }, data: { requestSeq: seq.get(d.key)! } });
      // The built-in automation rules, switched on (they count from now, so the history is left as it was).
      for (const d of DEPARTMENTS) await createDefaultRules(tx, deptId.get(d.key)!);
      await tx.cannedResponse.createMany({
        data: DEPARTMENTS.flatMap((d) =>
          demoCannedResponses(d.key).map((c) => ({ id: newId(), departmentId: deptId.get(d.key)!, createdById: headOf.get(d.key)!.id, title: c.title, body: c.body, createdAt: orgCreated, updatedAt: orgCreated })),
        ),
      });
      const counts = { departments: departments.length, people: people.length, requests: requests.length };
      await tx.auditEvent.create({ data: { actorId: null, action: "demo.seeded", subject: "organisation", detail: { ...counts, comments: allComments.length, events: events.length }, createdAt: seededAt } });
      // Last: its presence says the demo organisation is complete.
      await tx.setting.create({ data: { key: DEMO_SETTING_KEY, value: { seededAt: seededAt.toISOString() }, updatedAt: seededAt } });
    },
    { maxWait: 60_000, timeout: 120_000 },
  );
  // Its history is written with past instants, which the dashboard roll-up's watch for changes (by
  // the time things were written) cannot see: without its last run, its next run starts afresh.
  await db.setting.deleteMany({ where: { key: dashboardRollupKey } });
  await buildDemoFigures(db, seededAt);
  const awaitingApproval = await seedDemoApprovals(db, seededAt);

  return { departments: departments.length, people: people.length, requests: requests.length + awaitingApproval };
}


/** Office hours and three policies per department: urgent, high, and everything else. */
async function seedServiceLevels(tx: Prisma.TransactionClient, departments: { id: string; timeZone: string }[], createdAt: Date) {
  const weekday: [string, string][] = [["08:00", "18:00"]];
  for (const d of departments) {
    const calendar = await tx.slaCalendar.create({
      data: {
        departmentId: d.id,
        name: "Office hours",
        definition: { timeZone: d.timeZone, hours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] }, holidays: HOLIDAYS[d.timeZone] ?? [] },
        createdAt,
      },
    });
    const policies = [
      { name: "Urgent", priorities: ["URGENT" as const], firstResponseMinutes: 30, resolutionMinutes: 240, nextReplyMinutes: 60 },
      { name: "High", priorities: ["HIGH" as const], firstResponseMinutes: 120, resolutionMinutes: 1200, nextReplyMinutes: 240 },
      { name: "Standard", priorities: [], firstResponseMinutes: 480, resolutionMinutes: 3000, nextReplyMinutes: 600 },
    ];
    await tx.slaPolicy.createMany({
      data: policies.map((p, position) => ({ ...p, departmentId: d.id, position, calendarId: calendar.id, requestTypeIds: [], createdAt })),
    });
  }
}
