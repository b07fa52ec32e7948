import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { startOfLocalDay } from "@/lib/reports/period";
import { auditActionGroups, auditFiltersSchema, type AuditFiltersInput } from "@/lib/validation/audit";
import { parseInput } from "@/lib/validation/parse";
import { describeAudit, type AuditNames } from "./audit-sentences";

export type AuditLine = {
  id: string;
  at: Date;
  actor: { id: string; name: string } | null;
  action: string;
  subject: string;
  /** Where the subject can be opened, when it is a person or a department. */
  href: string | null;
  sentence: string;
};

export const auditPageSize = 50;
/** The CSV export holds at most this many entries (newest first); the file says when more matched. */
export const auditExportLimit = 10_000;

type Db = ReturnType<typeof db>;
type Filters = ReturnType<typeof auditFiltersSchema.parse>;

/** Everything of a department the log may name: its own subject and those of what it owns. */
async function departmentSubjects(client: Db, departmentId: string): Promise<string[]> {
  const where = { departmentId };
  const sel = { select: { id: true } } as const;
  const [types, policies, calendars, teams, canned, addresses, articles, issues, people] = await Promise.all([
    client.requestType.findMany({ where, ...sel }),
    client.slaPolicy.findMany({ where, ...sel }),
    client.slaCalendar.findMany({ where, ...sel }),
    client.team.findMany({ where, ...sel }),
    client.cannedResponse.findMany({ where, ...sel }),
    client.inboundAddress.findMany({ where, ...sel }),
    client.article.findMany({ where, ...sel }),
    client.knownIssue.findMany({ where, ...sel }),
    client.person.findMany({ where, ...sel }),
  ]);
  const as = (kind: string, rows: { id: string }[]) => rows.map((r) => `${kind}:${r.id}`);
  return [
    `department:${departmentId}`,
    ...as("request-type", types),
    ...as("sla-policy", policies),
    ...as("sla-calendar", calendars),
    ...as("team", teams),
    ...as("canned-response", canned),
    ...as("inbound-address", addresses),
    ...as("article", articles),
    ...as("known-issue", issues),
    ...as("person", people),
  ];
}

async function whereOf(client: Db, filters: Filters, timeZone: string): Promise<Prisma.AuditEventWhereInput> {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (filters.person === "system") and.push({ actorId: null });
  else if (filters.person) and.push({ actorId: filters.person });
  if (filters.action) and.push({ action: { startsWith: auditActionGroups[filters.action].prefix } });
  if (filters.department) {
    and.push({ OR: [{ subject: { in: await departmentSubjects(client, filters.department) } }, { detail: { path: ["departmentId"], equals: filters.department } }] });
  }
  if (filters.from) and.push({ createdAt: { gte: startOfLocalDay(filters.from, timeZone) } });
  if (filters.to) and.push({ createdAt: { lt: startOfLocalDay(filters.to, timeZone, 1) } });
  return { AND: and };
}

const arrayOf = (v: unknown): unknown[] => (Array.isArray(v) ? (v as unknown[]) : []);

/** Names of everything the entries mention, looked up once per page. */
async function namesFor(client: Db, rows: { actorId: string | null; subject: string; detail: unknown }[]): Promise<AuditNames & { actors: Map<string, string>; departmentKeys: Map<string, string> }> {
  const ids = new Map<string, Set<string>>();
  const add = (kind: string, id: unknown) => {
    if (typeof id !== "string" || !id || id.length > 64) return;
    if (!ids.has(kind)) ids.set(kind, new Set());
    ids.get(kind)!.add(id);
  };
  for (const r of rows) {
    add("person", r.actorId);
    const [kind, id] = r.subject.split(/:(.*)/s);
    if (kind) add(kind, id);
    const d = (r.detail && typeof r.detail === "object" && !Array.isArray(r.detail) ? r.detail : {}) as Record<string, unknown>;
    add("department", d.departmentId);
    add("person", d.personId);
    if (r.subject.startsWith("department:")) add("person", d.to);
    for (const p of [...arrayOf(d.added), ...arrayOf(d.removed)]) add("person", p);
    for (const g of [...arrayOf(d.from), ...arrayOf(d.to)]) add("department", String(g).split(":")[1]);
  }
  const list = (kind: string) => [...(ids.get(kind) ?? [])];
  const pick = <T extends { id: string }>(rows: T[], name: (r: T) => string) => new Map(rows.map((r) => [r.id, name(r)]));
  const [people, departments, types, policies, calendars, teams, canned, addresses, articles, issues] = await Promise.all([
    client.person.findMany({ where: { id: { in: list("person") } }, select: { id: true, name: true } }),
    client.department.findMany({ where: { id: { in: list("department") } }, select: { id: true, name: true, key: true } }),
    client.requestType.findMany({ where: { id: { in: list("request-type") } }, select: { id: true, name: true } }),
    client.slaPolicy.findMany({ where: { id: { in: list("sla-policy") } }, select: { id: true, name: true } }),
    client.slaCalendar.findMany({ where: { id: { in: list("sla-calendar") } }, select: { id: true, name: true } }),
    client.team.findMany({ where: { id: { in: list("team") } }, select: { id: true, name: true } }),
    client.cannedResponse.findMany({ where: { id: { in: list("canned-response") } }, select: { id: true, title: true } }),
    client.inboundAddress.findMany({ where: { id: { in: list("inbound-address") } }, select: { id: true, address: true } }),
    client.article.findMany({ where: { id: { in: list("article") } }, select: { id: true, title: true } }),
    client.knownIssue.findMany({ where: { id: { in: list("known-issue") } }, select: { id: true, title: true } }),
  ]);
  const peopleNames = pick(people, (p) => p.name);
  const departmentNames = pick(departments, (d) => d.name);
  const subjects = new Map<string, string>();
  const put = (kind: string, m: Map<string, string>) => m.forEach((v, k) => subjects.set(`${kind}:${k}`, v));
  put("person", peopleNames);
  put("department", departmentNames);
  put("request-type", pick(types, (t) => t.name));
  put("sla-policy", pick(policies, (t) => t.name));
  put("sla-calendar", pick(calendars, (t) => t.name));
  put("team", pick(teams, (t) => t.name));
  put("canned-response", pick(canned, (t) => t.title));
  put("inbound-address", pick(addresses, (t) => t.address));
  put("article", pick(articles, (t) => t.title));
  put("known-issue", pick(issues, (t) => t.title));
  return { subjects, people: peopleNames, departments: departmentNames, actors: peopleNames, departmentKeys: pick(departments, (d) => d.key) };
}

async function toLines(client: Db, rows: { id: bigint; actorId: string | null; action: string; subject: string; detail: unknown; createdAt: Date }[]): Promise<AuditLine[]> {
  const names = await namesFor(client, rows);
  return rows.map((r) => {
    const actor = r.actorId ? { id: r.actorId, name: names.actors.get(r.actorId) ?? "(removed person)" } : null;
    const [kind, id] = r.subject.split(/:(.*)/s);
    const href = kind === "person" && id && names.people.has(id) ? `/admin/people/${id}` : kind === "department" && id && names.departmentKeys.has(id) ? `/admin/departments/${names.departmentKeys.get(id)}` : null;
    return { id: r.id.toString(), at: r.createdAt, actor, action: r.action, subject: r.subject, href, sentence: describeAudit({ action: r.action, subject: r.subject, detail: r.detail, actorName: actor?.name ?? null }, names) };
  });
}

/**
 * One page of the audit log, newest first, narrowed by the filters (days in `timeZone`, both ends
 * included); `nextBefore` continues after the last entry (keyset on the id, so a page costs the same
 * however deep it is). Administrators only.
 */
export async function listAuditLog(options: { actor: Actor; filters: AuditFiltersInput; timeZone: string; pageSize?: number }) {
  if (!can(options.actor, "audit.view")) throw forbidden("Only administrators can read the audit log.");
  const filters = parseInput(auditFiltersSchema, options.filters);
  const client = db();
  const take = Math.min(Math.max(options.pageSize ?? auditPageSize, 1), 200);
  const where = await whereOf(client, filters, options.timeZone);
  const rows = await client.auditEvent.findMany({
    where: filters.before ? { AND: [where, { id: { lt: BigInt(filters.before) } }] } : where,
    orderBy: { id: "desc" },
    take: take + 1,
  });
  const page = rows.slice(0, take);
  return { entries: await toLines(client, page), nextBefore: rows.length > take ? page.at(-1)!.id.toString() : null, filters };
}

/** The filtered log for the CSV export, newest first, in batches; `more` says it was cut at the limit. */
export async function exportAuditLog(options: { actor: Actor; filters: AuditFiltersInput; timeZone: string }) {
  if (!can(options.actor, "audit.view")) throw forbidden("Only administrators can read the audit log.");
  const filters = parseInput(auditFiltersSchema, { ...options.filters, before: undefined });
  const client = db();
  const where = await whereOf(client, filters, options.timeZone);
  const lines: AuditLine[] = [];
  let before: bigint | null = null;
  while (lines.length <= auditExportLimit) {
    const rows: Awaited<ReturnType<typeof client.auditEvent.findMany>> = await client.auditEvent.findMany({ where: before ? { AND: [where, { id: { lt: before } }] } : where, orderBy: { id: "desc" }, take: 500 });
    if (rows.length === 0) break;
    lines.push(...(await toLines(client, rows)));
    before = rows.at(-1)!.id;
    if (rows.length < 500) break;
  }
  return { lines: lines.slice(0, auditExportLimit), more: lines.length > auditExportLimit };
}

/** Who can be picked in the person filter: people who hold a role (those who change settings), and the system. */
export async function auditFilterChoices(options: { actor: Actor }) {
  if (!can(options.actor, "audit.view")) throw forbidden("Only administrators can read the audit log.");
  const [people, departments] = await Promise.all([
    db().person.findMany({ where: { roles: { some: {} } }, orderBy: { name: "asc" }, select: { id: true, name: true }, take: 1000 }),
    db().department.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { people, departments };
}
