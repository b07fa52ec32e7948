/**
 * An audit entry as a sentence an administrator reads ("Ada Admin made Frank Fischer head of
 * Facilities"), instead of an action code and JSON. Pure: the names of the people, departments and
 * things an entry mentions come in resolved (lib/org/audit-log.ts looks them up).
 */
export type AuditNames = {
  /** The subject ("person:…", "department:…", "sla-policy:…") by its current name, when it still exists. */
  subjects: Map<string, string>;
  people: Map<string, string>;
  departments: Map<string, string>;
};

export type AuditSentenceInput = { action: string; subject: string; detail: unknown; actorName: string | null };

type Detail = Record<string, unknown>;
const obj = (v: unknown): Detail => (v && typeof v === "object" && !Array.isArray(v) ? (v as Detail) : {});
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const quote = (s: string) => `“${s}”`;

const fieldWords: Record<string, string> = {
  name: "name",
  key: "key",
  description: "description",
  timeZone: "time zone",
  email: "email",
  title: "title",
  departmentId: "department",
  managerId: "manager",
  active: "status",
  requestTypeIds: "request types",
  priorities: "priorities",
  calendarId: "calendar",
  firstResponseMinutes: "first-response target",
  resolutionMinutes: "resolution target",
  nextReplyMinutes: "next-reply target",
  pauseStatuses: "pause statuses",
  defaultPriority: "default priority",
  slug: "address",
  hours: "opening hours",
  holidays: "holidays",
  definition: "hours and holidays",
};
const roleWords: Record<string, string> = { AGENT: "agent", HEAD: "head", HR: "HR", ADMIN: "administrator" };

function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

export function describeAudit(entry: AuditSentenceInput, names: AuditNames): string {
  const d = obj(entry.detail);
  const who = entry.actorName ?? "The system";
  const [kind = "", id = ""] = entry.subject.split(/:(.*)/s);
  const named = names.subjects.get(entry.subject);
  const person = (pid: unknown) => (str(pid) ? (names.people.get(pid as string) ?? "a removed person") : "nobody");
  const department = (did: unknown) => (str(did) ? (names.departments.get(did as string) ?? "a removed department") : "");
  const changed = (keys: string[]) => list([...new Set(keys.map((k) => fieldWords[k] ?? k))]);
  const grant = (key: unknown) => {
    const [role = "", dept = ""] = String(key).split(":");
    const r = roleWords[role] ?? role.toLowerCase();
    return dept ? `${r} of ${department(dept)}` : r;
  };
  const thing = (noun: string, fallbackName?: unknown) => {
    const n = named ?? str(fallbackName);
    return n ? `${noun} ${quote(n)}` : `a ${noun} since removed`;
  };
  const inDept = str(d.departmentId) ? ` in ${department(d.departmentId)}` : "";

  switch (entry.action) {
    case "department.created":
      return `${who} created the department ${quote(str(d.name) ?? named ?? id)}${str(d.key) ? ` (${d.key as string})` : ""}.`;
    case "department.updated":
      return `${who} changed the ${changed(Object.keys(obj(d.to)))} of ${named ?? "a department"}.`;
    case "department.head_set":
      return str(d.to) ? `${who} made ${person(d.to)} head of ${named ?? str(d.key) ?? "a department"}${d.agentGranted ? " (and an agent there)" : ""}.` : `${who} left ${named ?? "a department"} without a head.`;
    case "person.created":
      return `${who} added ${named ?? str(d.email) ?? "a person"}${d.source === "import" ? " from a directory import" : ""}.`;
    case "person.created_at_sign_in":
      return `${named ?? "A person"} was added on first sign-in.`;
    case "person.updated": {
      const keys = Object.keys(obj(d.to)).length ? Object.keys(obj(d.to)) : Object.keys(d).filter((k) => k !== "source" && k !== "line");
      return `${who} changed ${named ?? "a person"}'s ${changed(keys) || "details"}${d.source === "import" ? " in a directory import" : ""}.`;
    }
    case "person.roles_set": {
      const from = arr(d.from).map(grant);
      const to = arr(d.to).map(grant);
      return `${who} changed ${named ?? "a person"}'s roles from ${from.length ? list(from) : "none"} to ${to.length ? list(to) : "none"}.`;
    }
    case "person.deactivated":
      return `${who} deactivated ${named ?? str(d.email) ?? "a person"}'s account.`;
    case "person.reactivated":
      return `${who} reactivated ${named ?? str(d.email) ?? "a person"}'s account.`;
    case "person.availability_set":
      return `${who} marked ${named ?? "a person"} as ${d.available ? "available" : "away"}.`;
    case "directory.imported":
      return `${who} imported the directory: ${num(d.rows) ?? 0} rows, ${num(d.created) ?? 0} new, ${num(d.updated) ?? 0} updated, ${num(d.unchanged) ?? 0} unchanged.`;
    case "team.created":
      return `${who} created the team ${quote(str(d.name) ?? named ?? "")}${inDept}.`;
    case "team.renamed":
      return `${who} renamed the team ${quote(str(d.from) ?? "")} to ${quote(str(d.to) ?? "")}.`;
    case "team.members_set": {
      const added = arr(d.added).map(person);
      const removed = arr(d.removed).map(person);
      const parts = [added.length ? `added ${list(added)}` : "", removed.length ? `removed ${list(removed)}` : ""].filter(Boolean);
      return `${who} changed the members of ${thing("team")}${parts.length ? `: ${parts.join("; ")}` : ""}.`;
    }
    case "team.member_added":
      return `${who} added ${person(d.personId)} to ${thing("team")}.`;
    case "team.member_removed":
      return `${who} removed ${person(d.personId)} from ${thing("team")}.`;
    case "team.rule_set":
      return `${who} set how ${thing("team")} assigns requests: ${String(d.to ?? "none").toLowerCase().replace(/_/g, " ")}.`;
    case "catalog.type.created":
      return `${who} added the request type ${quote(str(d.name) ?? named ?? "")}${inDept}.`;
    case "catalog.type.updated":
      return `${who} changed the ${changed(Object.keys(obj(d.from)))} of ${thing("request type")}.`;
    case "catalog.type.fields_set":
      return `${who} changed the form fields of ${thing("request type")}.`;
    case "catalog.type.reordered":
      return `${who} moved ${thing("request type")} in the catalogue from place ${(num(d.from) ?? 0) + 1} to ${(num(d.to) ?? 0) + 1}.`;
    case "catalog.type.deactivated":
      return `${who} took ${thing("request type")} out of the catalogue.`;
    case "catalog.type.reactivated":
      return `${who} put ${thing("request type")} back in the catalogue.`;
    case "sla.policy.created":
      return `${who} created the SLA policy ${quote(str(d.name) ?? named ?? "")}${inDept}${str(d.movedAbove) ? `, placed above ${quote(d.movedAbove as string)} so that it can apply` : ""}.`;
    case "sla.policy.updated":
      return `${who} changed the ${changed(Object.keys(obj(d.to)))} of ${thing("SLA policy")}.`;
    case "sla.policy.reordered":
      return `${who} moved ${thing("SLA policy")} from place ${(num(d.from) ?? 0) + 1} to ${(num(d.to) ?? 0) + 1}.`;
    case "sla.policy.activated":
      return `${who} switched on ${thing("SLA policy")}.`;
    case "sla.policy.deactivated":
      return `${who} switched off ${thing("SLA policy")}.`;
    case "sla.calendar.created":
      return `${who} created the business-hours calendar ${quote(str(d.name) ?? named ?? "")}${inDept}.`;
    case "sla.calendar.updated": {
      const keys = Object.keys(obj(d.to)).length ? Object.keys(obj(d.to)) : Object.keys(d).filter((k) => k !== "departmentId");
      return `${who} changed the ${changed(keys) || "settings"} of ${thing("calendar")}.`;
    }
    case "sla.calendar.holidays_imported": {
      const n = arr(d.added).length;
      return `${who} imported ${n} holiday${n === 1 ? "" : "s"} into ${thing("calendar")}${num(d.skipped) ? ` (${d.skipped as number} already there)` : ""}.`;
    }
    case "canned_response.created":
      return `${who} wrote the canned response ${quote(str(d.title) ?? named ?? "")}${inDept}.`;
    case "canned_response.updated":
      return `${who} edited the canned response ${quote(str(obj(d.to).title) ?? named ?? "")}${d.bodyChanged ? " (its text too)" : ""}.`;
    case "canned_response.deleted":
      return `${who} deleted the canned response ${quote(str(d.title) ?? "")}${inDept}.`;
    case "inbound_address.added":
      return `${who} added the email address ${str(d.address) ?? named ?? ""}${inDept}.`;
    case "inbound_address.enabled":
      return `${who} switched on the email address ${str(d.address) ?? named ?? ""}.`;
    case "inbound_address.disabled":
      return `${who} switched off the email address ${str(d.address) ?? named ?? ""}.`;
    case "api_token.created":
      return `${who} created the API token ${quote(str(d.name) ?? "")}.`;
    case "api_token.revoked":
      return `${who} revoked the API token ${quote(str(d.name) ?? "")}.`;
    case "demo.seeded":
      return "The demo organisation was set up.";
    case "anonymity.thresholds.updated":
      return `${who} changed HR's anonymity thresholds.`;
    case "knowledge.article_created":
      return `${who} wrote the article ${quote(str(d.title) ?? named ?? "")}.`;
    case "knowledge.article_edited":
      return `${who} edited the article ${quote(str(d.title) ?? named ?? "")}${num(d.version) ? ` (version ${d.version as number})` : ""}.`;
    case "knowledge.article_published":
      return `${who} published ${thing("article")}${num(d.version) ? ` (version ${d.version as number})` : ""}.`;
    case "knowledge.article_flagged":
      return `${who} flagged ${thing("article")} as outdated.`;
    case "knowledge.article_returned":
      return `${who} sent ${thing("article")}${num(d.version) ? ` (version ${d.version as number})` : ""} back to its writer: ${quote(str(d.reason) ?? "")}.`;
    case "knowledge.editor_named":
      return `${who} made ${person(d.personId)} a knowledge editor${kind === "department" ? ` of ${named ?? "a department"}` : ""}.`;
    case "knowledge.editor_removed":
      return `${who} removed ${person(d.personId)} as a knowledge editor${kind === "department" ? ` of ${named ?? "a department"}` : ""}.`;
    case "knowledge.known_issue_announced":
      return `${who} announced the known issue ${quote(str(d.title) ?? named ?? "")}.`;
    case "knowledge.known_issue_ended":
      return `${who} ended ${thing("known issue")}.`;
    default: {
      const words = entry.action.replace(/[._]/g, " ");
      return `${who}: ${words}${named ? ` (${named})` : ""}.`;
    }
  }
}
