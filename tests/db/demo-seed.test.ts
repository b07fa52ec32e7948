import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db/create-client";
import { termUsers } from "@/lib/satisfaction/comment-themes";
import { recomputeClocks } from "@/lib/service-levels/refresh-clocks";
import { sweepSlaClocks } from "@/lib/service-levels/sweep";
import { cannedPlaceholders } from "@/lib/validation/canned-responses";
import { fieldValuesSchema, parseFieldDefinitions } from "@/lib/validation/fields";
import { seedDemoOrganisation, type DemoSeedCounts } from "@/prisma/seed/demo";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

// The demo organisation gets a database of its own: it counts everything in it, and its
// "demoOrganisation" setting must not leak into the database the other db tests share. Its year of
// history makes a few checks slow on a busy machine: those have timeouts of their own.
let database: TestDatabase;
let db: Db;
let counts: DemoSeedCounts;
const now = new Date("2026-03-10T09:30:00Z");

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrismaClient({ url: database.url, embedded: database.embedded });
  const started = Date.now();
  counts = await seedDemoOrganisation(db, { now });
  console.log(`demo seed: ${JSON.stringify(counts)} in ${Date.now() - started} ms`);
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.stop();
});

describe("the demo organisation", () => {
  it("has twelve departments, each with a head, agents in teams (IT and Facilities the biggest), a catalogue of 3-6 valid request types and an inbound address filing a field-less Email type", async () => {
    const departments = await db.department.findMany({ include: { requestTypes: true, teams: true, roles: true, inboundAddresses: { include: { type: true } } } });
    expect(departments.map((d) => d.key).sort()).toEqual(["COM", "DAT", "FAC", "FIN", "HR", "IT", "LEG", "MKT", "OPS", "PRO", "SEC", "TRV"]);
    expect(counts.departments).toBe(12);
    expect(new Set(departments.map((d) => d.timeZone)).size).toBeGreaterThanOrEqual(3);
    expect(departments.find((d) => d.key === "IT")!.timeZone).toBe("Europe/Berlin");
    const agentsOf = new Map<string, number>();
    for (const d of departments) {
      expect(d.teams.length, d.key).toBeGreaterThanOrEqual(1);
      expect(d.teams.length, d.key).toBeLessThanOrEqual(3);
      const catalogue = d.requestTypes.filter((t) => t.slug !== "email");
      expect(catalogue.length, d.key).toBeGreaterThanOrEqual(3);
      expect(catalogue.length, d.key).toBeLessThanOrEqual(6);
      expect(d.inboundAddresses.map((a) => ({ address: a.address, type: a.type.name, fields: a.type.fields, active: a.active })), d.key).toEqual([
        { address: expect.stringMatching(/^[a-z0-9-]+@desk\.example$/) as string, type: "Email", fields: [], active: true },
      ]);
      for (const t of catalogue) {
        expect(() => parseFieldDefinitions(t.fields), `${d.key}/${t.slug}`).not.toThrow();
        expect(parseFieldDefinitions(t.fields).length, `${d.key}/${t.slug}`).toBeGreaterThan(0);
        expect(d.teams.map((team) => team.id)).toContain(t.defaultTeamId);
      }
      const heads = d.roles.filter((g) => g.role === "HEAD");
      const agents = d.roles.filter((g) => g.role === "AGENT");
      expect(heads, d.key).toHaveLength(1);
      expect(agents.map((g) => g.personId), d.key).toContain(heads[0]!.personId);
      agentsOf.set(d.key, agents.length - 1);
    }
    expect(departments.find((d) => d.key === "FAC")!.inboundAddresses[0]!.address).toBe("facilities@desk.example");
    // Small departments have 3-5 agents besides the head; IT and Facilities are the big desks.
    for (const [key, n] of agentsOf) {
      if (key === "IT" || key === "FAC") continue;
      expect(n, key).toBeGreaterThanOrEqual(3);
      expect(n, key).toBeLessThanOrEqual(6);
    }
    expect(agentsOf.get("IT")).toBeGreaterThanOrEqual(10);
    expect(agentsOf.get("FAC")).toBeGreaterThanOrEqual(8);
    const teamless = await db.person.count({ where: { roles: { some: { role: "AGENT" } }, teams: { none: {} } } });
    expect(teamless).toBe(0);
  });

  it("has the built-in automation rules on in every department, each acting as its own inactive person", async () => {
    const departments = await db.department.findMany({ include: { automationRules: { orderBy: { position: "asc" }, include: { actor: true } } } });
    for (const d of departments) {
      expect(d.automationRules.map((r) => [r.builtIn, r.enabled]), d.key).toEqual([["remind", true], ["resolve", true], ["close", true]]);
      for (const r of d.automationRules) expect(r.actor).toMatchObject({ active: false, name: `Automation: ${r.name}` });
    }
  });

  it("holds purchase orders in every approval state, with their steps, approvers' decisions and clocks as the app keeps them", async () => {
    const orders = await db.request.findMany({
      where: { approvalState: { not: null } },
      orderBy: { createdAt: "asc" },
      include: { requester: true, department: true, slaClocks: true, approvalSteps: { orderBy: { position: "asc" }, include: { approvers: { include: { person: true } } } } },
    });
    const story = orders.map((r) => ({
      requester: r.requester.email,
      state: r.approvalState,
      status: r.status,
      steps: r.approvalSteps.map((s) => [s.name, s.state, s.approvers.map((a) => [a.person.name, a.decision])]),
      clocks: r.slaClocks.length > 0,
    }));
    expect(story).toEqual([
      { requester: "erin.employee@example.com", state: "REJECTED", status: "CLOSED", steps: [["Manager", "REJECTED", [["Rachel Goldberg", "REJECTED"]]]], clocks: false },
      { requester: "erin.employee@example.com", state: "PENDING", status: "NEW", steps: [["Manager", "APPROVED", [["Rachel Goldberg", "APPROVED"]]], ["Finance", "PENDING", [["Richard Coleman", null]]]], clocks: false },
      { requester: "paul.schneider@example.com", state: "PENDING", status: "NEW", steps: [["Manager", "PENDING", [["Fiona Hall", null]]]], clocks: false },
      { requester: "erin.employee@example.com", state: "APPROVED", status: "NEW", steps: [["Manager", "APPROVED", [["Rachel Goldberg", "APPROVED"]]], ["Finance", "APPROVED", [["Richard Coleman", "APPROVED"]]]], clocks: true },
    ]);
    for (const r of orders) {
      expect(r.department.key).toBe("FIN");
      // Each step's own service level is in the future of its start; the rejection gives its reason.
      for (const s of r.approvalSteps) expect(s.dueAt!.getTime()).toBeGreaterThan(s.startedAt!.getTime());
    }
    expect(orders[0]!.approvalSteps[0]!.approvers[0]!.reason).toMatch(/autumn/);
    // Fiona Hall, a demo sign-in, has one approval waiting and was told of it.
    const fiona = await db.person.findUniqueOrThrow({ where: { email: "fiona.head@example.com" } });
    expect(await db.approver.count({ where: { personId: fiona.id, decision: null, step: { state: "PENDING" } } })).toBe(1);
    expect(await db.notification.count({ where: { personId: fiona.id, kind: "approval_request" } })).toBe(1);
    // The approved one's clocks start at its last approval, as the app's recomputation derives them.
    const approved = orders[3]!;
    const lastDecision = approved.approvalSteps[1]!.decidedAt!.getTime();
    for (const c of approved.slaClocks) expect(c.startedAt.getTime()).toBe(lastDecision);
  });

  it("has canned responses on every desk, by its head, using only known placeholders, so the reply box offers them on first start", async () => {
    const departments = await db.department.findMany({ include: { cannedResponses: { include: { createdBy: { include: { roles: true } } } } } });
    for (const d of departments) {
      expect(d.cannedResponses.length, d.key).toBeGreaterThanOrEqual(3);
      for (const c of d.cannedResponses) {
        expect(c.createdBy.roles.some((g) => g.role === "HEAD" && g.departmentId === d.id), `${d.key}: ${c.title}`).toBe(true);
        for (const placeholder of c.body.match(/\{\{[^}]*\}\}/g) ?? []) expect(cannedPlaceholders, `${d.key}: ${c.title}`).toContain(placeholder);
      }
    }
  });

  it("has about four hundred people, the named ones with their roles, and one deactivated person", async () => {
    // The people automation rules act as are nobody's co-workers: left out here as everywhere.
    const people = await db.person.findMany({ where: { automationRule: { is: null } }, include: { roles: { include: { department: true } }, department: true } });
    expect(people.length).toBe(counts.people);
    expect(people.length).toBeGreaterThanOrEqual(380);
    expect(people.length).toBeLessThanOrEqual(420);
    expect(new Set(people.map((p) => p.name)).size).toBe(people.length);
    expect(people.filter((p) => !p.active)).toHaveLength(1);
    const roles = (email: string) => {
      const p = people.find((x) => x.email === email);
      expect(p, email).toBeDefined();
      return { name: p!.name, dept: p!.department.key, roles: p!.roles.map((g) => `${g.role}${g.department ? `:${g.department.key}` : ""}`).sort() };
    };
    expect(roles("ada.admin@example.com")).toEqual({ name: "Ada Admin", dept: "IT", roles: ["ADMIN"] });
    expect(roles("frank.facilities@example.com")).toEqual({ name: "Frank Fischer", dept: "FAC", roles: ["AGENT:FAC"] });
    expect(roles("fiona.head@example.com")).toEqual({ name: "Fiona Hall", dept: "FAC", roles: ["AGENT:FAC", "HEAD:FAC"] });
    expect(roles("ivan.it@example.com")).toEqual({ name: "Ivan Ito", dept: "IT", roles: ["AGENT:IT"] });
    expect(roles("erin.employee@example.com")).toEqual({ name: "Erin Evans", dept: "MKT", roles: [] });
    expect(roles("hana.hr@example.com")).toEqual({ name: "Hana Horvat", dept: "HR", roles: ["HR"] });
    expect(people.filter((p) => p.roles.some((g) => g.role === "HR"))).toHaveLength(2);
    expect(people.filter((p) => p.roles.some((g) => g.role === "ADMIN"))).toHaveLength(1);
    for (const p of people.filter((x) => !x.email.match(/^(ada|frank|fiona|ivan|erin|hana)\./))) {
      const [first, last] = p.name.toLowerCase().split(" ");
      expect(p.email).toBe(`${first}.${last}@example.com`);
    }
  });

  it("has a year of requests in every status and priority, consistent with their types and people", async () => {
    const requests = await db.request.findMany({ include: { type: true, requester: true, assignee: { include: { roles: true } } } });
    expect(requests.length).toBe(counts.requests);
    expect(requests.length).toBeGreaterThanOrEqual(4000);
    expect(requests.length).toBeLessThanOrEqual(6000);
    expect(new Set(requests.map((r) => r.status))).toEqual(new Set(["NEW", "OPEN", "WAITING_ON_REQUESTER", "RESOLVED", "CLOSED"]));
    expect(new Set(requests.map((r) => r.priority))).toEqual(new Set(["LOW", "NORMAL", "HIGH", "URGENT"]));
    const oldest = Math.min(...requests.map((r) => r.createdAt.getTime()));
    expect(now.getTime() - oldest).toBeGreaterThan(330 * 86_400_000);
    expect(now.getTime() - oldest).toBeLessThan(370 * 86_400_000);
    // The history is mostly done: queues hold what a desk of this size holds, not a year of backlog.
    const open = requests.filter((r) => r.status !== "RESOLVED" && r.status !== "CLOSED").length;
    expect(open / requests.length).toBeLessThan(0.12);
    const fromElsewhere = requests.filter((r) => r.requesterDepartmentId !== r.departmentId).length;
    expect(fromElsewhere / requests.length).toBeGreaterThan(0.6);

    for (const r of requests) {
      const where = `${r.title} (${r.status})`;
      expect(r.type.departmentId, where).toBe(r.departmentId);
      expect(r.teamId, where).toBe(r.type.defaultTeamId);
      expect(r.requesterDepartmentId, where).toBe(r.requester.departmentId);
      expect(() => fieldValuesSchema(parseFieldDefinitions(r.type.fields)).parse(r.fieldValues), where).not.toThrow();
      expect(r.createdAt.getTime()).toBeLessThanOrEqual(r.updatedAt.getTime());
      expect(r.updatedAt.getTime()).toBeLessThanOrEqual(now.getTime());
      // Nobody worked a request its approver rejected.
      if (r.status === "NEW" || r.approvalState === "REJECTED") expect(r.assigneeId, where).toBeNull();
      else expect(r.assignee?.roles.some((g) => g.role === "AGENT" && g.departmentId === r.departmentId), where).toBe(true);
      // A rejected approval closes the request without resolving it.
      expect(r.resolvedAt !== null, where).toBe((r.status === "RESOLVED" || r.status === "CLOSED") && r.approvalState !== "REJECTED");
      expect(r.closedAt !== null, where).toBe(r.status === "CLOSED");
      if (r.closedAt && r.resolvedAt) expect(r.closedAt.getTime()).toBeGreaterThanOrEqual(r.resolvedAt.getTime());
    }
    expect(new Set(requests.map((r) => r.submissionKey)).size).toBe(requests.length);
  }, 90_000);

  it("numbers requests per department from 1001 up to the department's requestSeq", async () => {
    const departments = await db.department.findMany({ include: { requests: { select: { number: true, createdAt: true }, orderBy: { number: "asc" } } } });
    for (const d of departments) {
      const numbers = d.requests.map((r) => r.number);
      expect(numbers.length, d.key).toBeGreaterThan(0);
      expect(new Set(numbers).size).toBe(numbers.length);
      expect(numbers[0]).toBe(1001);
      expect(d.requestSeq, d.key).toBe(Math.max(...numbers));
      expect(d.requestSeq - 1000).toBe(numbers.length);
      const created = d.requests.map((r) => r.createdAt.getTime());
      expect(created).toEqual([...created].sort((a, b) => a - b));
    }
  });

  it("has an event history that starts with 'created' and replays to each request's state", async () => {
    const requests = await db.request.findMany({
      include: { events: { orderBy: { id: "asc" } }, comments: true, watchers: true },
    });
    let internal = 0;
    for (const r of requests) {
      const where = `${r.title} (${r.status})`;
      const [first, ...rest] = r.events;
      expect(first?.type, where).toBe("created");
      expect(first?.actorId).toBe(r.requesterId);
      expect(first?.createdAt.getTime()).toBe(r.createdAt.getTime());
      const times = r.events.map((e) => e.createdAt.getTime());
      expect(times, where).toEqual([...times].sort((a, b) => a - b));
      // The SLA sweep's breach events are the desk's, not a change of the request.
      const changes = r.events.filter((e) => e.type !== "sla_breached");
      expect(changes.at(-1)!.createdAt.getTime(), where).toBe(r.updatedAt.getTime());
      expect(rest.some((e) => e.type === "created")).toBe(false);
      const byTheDesk = (e: (typeof r.events)[number]) =>
        e.type === "sla_breached" || e.type === "approval_requested" || (e.type === "approval_completed" && (e.to as { outcome: string }).outcome === "APPROVED");
      for (const e of r.events) {
        expect(["created", "status_changed", "priority_changed", "assigned", "commented", "watcher_added", "problem_linked", "sla_breached", "approval_requested", "approval_decided", "approval_completed"]).toContain(e.type);
        expect(e.actorId === null, where).toBe(byTheDesk(e));
      }

      const commented = r.events.filter((e) => e.type === "commented");
      expect(commented.length, where).toBe(r.comments.length);
      expect(r.comments.length).toBeLessThanOrEqual(6);
      for (const c of r.comments) {
        const e = commented.find((x) => (x.to as { commentId: string }).commentId === c.id);
        expect(e, where).toBeDefined();
        expect(e!.actorId).toBe(c.authorId);
        expect(e!.createdAt.getTime()).toBe(c.createdAt.getTime());
        expect((e!.to as { visibility: string }).visibility).toBe(c.visibility);
        expect(c.createdAt.getTime()).toBeGreaterThanOrEqual(r.createdAt.getTime());
        if (c.visibility === "INTERNAL") internal++;
      }
      const watched = r.events.filter((e) => e.type === "watcher_added").map((e) => (e.to as { personId: string }).personId);
      expect(watched.sort()).toEqual(r.watchers.map((w) => w.personId).sort());

      // Replay status, priority and assignee from the events.
      let status = "NEW";
      let priority = (first!.to as { priority: string }).priority;
      let assigneeId: string | null = null;
      const bumps = new Set<string>();
      for (const e of rest) {
        const from = e.from as Record<string, unknown> | null;
        const to = e.to as Record<string, unknown> | null;
        if (e.type === "status_changed") {
          expect(from?.status, where).toBe(status);
          status = to!.status as string;
        }
        if (e.type === "priority_changed") {
          expect(from?.priority, where).toBe(priority);
          priority = to!.priority as string;
        }
        if (e.type === "assigned") {
          expect(from?.assigneeId ?? null, where).toBe(assigneeId);
          assigneeId = (to!.assigneeId as string | null) ?? null;
        }
        if (e.type === "status_changed" || e.type === "priority_changed" || e.type === "assigned" || e.type === "approval_completed") bumps.add(`${e.createdAt.getTime()}/${e.actorId}`);
      }
      expect(status, where).toBe(r.status);
      expect(priority, where).toBe(r.priority);
      expect(assigneeId, where).toBe(r.assigneeId);
      // One version per change, however many fields it touched.
      expect(r.version, where).toBe(1 + bumps.size);
    }
    expect(internal).toBeGreaterThan(20);
    expect(await db.watcher.count()).toBeGreaterThan(20);
  }, 90_000);

  it("has SLA clocks exactly as the app's recomputation derives them from the events, and their notices fired", async () => {
    const select = { requestId: true, metric: true, cycle: true, segment: true, departmentId: true, policyId: true, targetMinutes: true, state: true, paused: true, startedAt: true, stoppedAt: true, dueAt: true, breachedAt: true, elapsedMinutes: true, warnAt50: true, warnAt75: true } as const;
    const order = [{ requestId: "asc" as const }, { metric: "asc" as const }, { cycle: "asc" as const }, { segment: "asc" as const }];
    const seeded = await db.slaClock.findMany({ select, orderBy: order });
    expect(seeded.length).toBeGreaterThan(counts.requests);
    // The sweep has already fired everything due: the first start does not fire a year of warnings.
    expect(await db.slaNotice.count()).toBeGreaterThan(100);
    const breaches = await db.requestEvent.count({ where: { type: "sla_breached" } });
    expect(breaches).toBe(await db.slaNotice.count({ where: { percent: 100 } }));
    expect((await sweepSlaClocks(db, { now, baseUrl: "http://localhost" })).fired).toEqual([]);
    await recomputeClocks(db, { now });
    expect(await db.slaClock.findMany({ select, orderBy: order })).toEqual(seeded);
  }, 180_000);

  it("has ratings by requesters in each of the last six closed months, none in the open month, as rateRequest writes them", async () => {
    const ratings = await db.rating.findMany({ include: { request: { include: { events: { where: { type: "status_changed" } } } } } });
    expect(ratings.length).toBeGreaterThan(1500);
    const openMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
    for (const r of ratings) {
      const q = r.request;
      expect(r.createdAt.getTime()).toBeLessThan(openMonth);
      expect(r.requesterId).toBe(q.requesterId);
      expect(r.departmentId).toBe(q.departmentId);
      expect(r.agentId).toBe(q.assigneeId);
      expect(["RESOLVED", "CLOSED"]).toContain(q.status);
      expect(r.createdAt.getTime()).toBeGreaterThan(q.resolvedAt!.getTime());
      // Closed requests are rated within the window; the cycle is the count of resolutions.
      expect(r.createdAt.getTime()).toBeLessThan(q.resolvedAt!.getTime() + 28 * 86_400_000);
      expect(r.cycle).toBe(q.events.filter((e) => (e.to as { status?: string }).status === "RESOLVED").length);
      expect(r.score).toBeGreaterThanOrEqual(1);
      expect(r.score).toBeLessThanOrEqual(5);
      if (r.score <= 2) expect(r.comment?.length).toBeGreaterThan(0);
    }
    // Skewed high, as internal ratings are; comments mostly on low scores, some on high ones.
    const satisfied = ratings.filter((r) => r.score >= 4).length / ratings.length;
    expect(satisfied).toBeGreaterThan(0.65);
    expect(satisfied).toBeLessThan(0.92);
    expect(ratings.filter((r) => r.score >= 4 && r.comment).length).toBeGreaterThan(50);

    // Per closed month and rated department: distinct raters, for the anonymity threshold of 5.
    const months = Array.from({ length: 6 }, (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1 - i, 1)).toISOString().slice(0, 7));
    for (const month of months) {
      const inMonth = ratings.filter((r) => r.createdAt.toISOString().startsWith(month));
      expect(inMonth.length, month).toBeGreaterThan(100);
      const raters = new Map<string, Set<string>>();
      for (const r of inMonth) raters.set(r.departmentId, (raters.get(r.departmentId) ?? new Set()).add(r.requesterId));
      const enough = [...raters.values()].filter((set) => set.size >= 5).length;
      // Most departments' monthly figure can be shown; the smallest sometimes cannot.
      expect(enough, month).toBeGreaterThanOrEqual(8);
    }

    // Comments reuse their words: over the last three closed months the big desks' comments, from
    // at least 10 different people, form themes.
    const quarter = ratings.filter((r) => months.slice(0, 3).some((m) => r.createdAt.toISOString().startsWith(m)) && r.comment);
    const themed: string[] = [];
    for (const key of ["IT", "FAC"]) {
      const department = await db.department.findUniqueOrThrow({ where: { key } });
      const comments = quarter.filter((r) => r.departmentId === department.id);
      expect(new Set(comments.map((r) => r.requesterId)).size, key).toBeGreaterThanOrEqual(10);
      // A theme needs at least 10 different people using the same words (theme-release.ts).
      const { users } = termUsers(comments.map((r) => ({ authorId: r.requesterId, text: r.comment! })));
      if ([...users.values()].some((people) => people.size >= 10)) themed.push(key);
    }
    expect(themed.length).toBeGreaterThan(0);
  }, 60_000);

  it("publishes the satisfaction figures: shown for closed months where the rules allow, nothing for the open month", async () => {
    const figures = await db.satisfactionFigure.findMany();
    const openMonth = now.toISOString().slice(0, 7);
    expect(figures.some((f) => f.period === openMonth)).toBe(false);
    expect(await db.satisfactionPublication.count({ where: { month: openMonth } })).toBe(0);
    // Comment themes are published with their months, and the big desks have some.
    expect(await db.publishedThemes.count()).toBeGreaterThan(0);
    // Every closed pulse round is published.
    expect(await db.pulseRound.count({ where: { closesAt: { lt: new Date(now.getTime() - 15 * 60_000) }, publishedAt: null } })).toBe(0);
    const shownProviders = figures.filter((f) => f.kind === "provider" && f.shown && /^\d{4}-\d{2}$/.test(f.period));
    expect(shownProviders.length).toBeGreaterThan(12 * 6);
    expect(figures.some((f) => f.kind === "provider" && !f.shown)).toBe(true);
    expect(figures.some((f) => f.kind === "agent" && f.shown)).toBe(true);
    for (const f of figures.filter((x) => !x.shown)) expect([f.ratings, f.satisfied, f.scoreSum]).toEqual([null, null, null]);
  });

  it("has pulse rounds answered by those they asked, about other departments, while the round was open", async () => {
    const rounds = await db.pulseRound.findMany({ include: { survey: true, invitations: true, responses: { include: { respondent: true } } } });
    expect(rounds.length).toBeGreaterThanOrEqual(3);
    expect(new Set(rounds.map((r) => r.survey.cadence))).toEqual(new Set(["QUARTERLY", "ONCE"]));
    for (const round of rounds) {
      expect(round.invitations.length, round.period).toBeGreaterThan(0);
      expect(round.responses.length, round.period).toBeGreaterThan(round.invitations.length / 4);
      expect(round.opensAt.getTime()).toBeLessThan(now.getTime());
      for (const a of round.responses) {
        expect(round.invitations.some((i) => i.personId === a.respondentId && i.ratedDepartmentId === a.ratedDepartmentId)).toBe(true);
        expect(a.respondentDepartmentId).toBe(a.respondent.departmentId);
        expect(a.ratedDepartmentId).not.toBe(a.respondentDepartmentId);
        expect(a.createdAt.getTime()).toBeGreaterThanOrEqual(round.opensAt.getTime());
        expect(a.createdAt.getTime()).toBeLessThan(Math.min(round.closesAt.getTime(), now.getTime()));
      }
    }
    // No round left for the jobs to open at start: the next one is due after `now`.
    const surveys = await db.pulseSurvey.findMany({ where: { active: true, nextRunAt: { not: null } } });
    for (const s of surveys) expect(s.nextRunAt!.getTime()).toBeGreaterThan(now.getTime());
  });

  it("is the same organisation every time it is seeded", async () => {
    const other = await createTestDatabase();
    const otherDb = createPrismaClient({ url: other.url, embedded: other.embedded });
    try {
      expect(await seedDemoOrganisation(otherDb, { now })).toEqual(counts);
      const census = async (client: Db) => ({
        people: (await client.person.findMany({ select: { name: true }, orderBy: { name: "asc" } })).map((p) => p.name),
        events: await client.requestEvent.count(),
        comments: await client.comment.count(),
        clocks: await client.slaClock.count(),
        ratings: await client.rating.aggregate({ _count: true, _sum: { score: true } }),
        answers: await client.pulseResponse.aggregate({ _count: true, _sum: { score: true } }),
        figures: await client.satisfactionFigure.count({ where: { shown: true } }),
      });
      expect(await census(otherDb)).toEqual(await census(db));
    } finally {
      await otherDb.$disconnect();
      await other.stop();
    }
  }, 240_000);

  it("marks the database as holding the demo, last", async () => {
    const setting = await db.setting.findUniqueOrThrow({ where: { key: "demoOrganisation" } });
    expect((setting.value as { seededAt: string }).seededAt).toBe(now.toISOString());
    expect(await db.auditEvent.count({ where: { action: "demo.seeded", subject: "organisation" } })).toBe(1);
  });
});
