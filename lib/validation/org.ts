import { z } from "zod";
import { canonicalTimeZone } from "@/lib/time/format-time";
import { text } from "./text";
import { assignmentRules, roleLabel, roles } from "./org-values";
export { assignmentRuleLabel, assignmentRules, importLimits, roleLabel, roles, type AssignmentRuleCode, type RoleCode } from "./org-values";

const id = text().trim().min(1, "Choose one").max(64);

/** An IANA zone, canonicalised; offsets such as "+01:00" are refused: business hours need the zone's daylight-saving rules. */
export const timeZoneSchema = text()
  .trim()
  .min(1, "Choose a time zone")
  .transform((v, ctx) => {
    const zone = canonicalTimeZone(v);
    if (!zone) {
      ctx.addIssue({ code: "custom", message: `"${v}" is not a time zone: use an IANA name such as Europe/Berlin` });
      return z.NEVER;
    }
    return zone;
  });

export const departmentKeySchema = text()
  .trim()
  .regex(/^[A-Z][A-Z0-9]{1,9}$/, "Use 2-10 capital letters or digits, starting with a letter (e.g. FAC)");
const departmentName = text().trim().min(2, "Give the department a name (at least 2 characters)").max(80, "Keep the name under 80 characters");
const description = text().trim().max(2_000, "Keep the description under 2,000 characters").default("");

export const createDepartmentSchema = z.object({ key: departmentKeySchema, name: departmentName, timeZone: timeZoneSchema, description });
export type CreateDepartmentInput = z.input<typeof createDepartmentSchema>;

export const updateDepartmentSchema = z.object({ departmentId: id, name: departmentName, timeZone: timeZoneSchema, description });
export type UpdateDepartmentInput = z.input<typeof updateDepartmentSchema>;

export const setDepartmentHeadSchema = z.object({ departmentId: id, personId: id.nullable() });
export type SetDepartmentHeadInput = z.input<typeof setDepartmentHeadSchema>;

const teamName = text().trim().min(2, "Give the team a name (at least 2 characters)").max(80, "Keep the name under 80 characters");
export const createTeamSchema = z.object({ departmentId: id, name: teamName });
export type CreateTeamInput = z.input<typeof createTeamSchema>;
export const renameTeamSchema = z.object({ teamId: id, name: teamName });
export type RenameTeamInput = z.input<typeof renameTeamSchema>;
export const setTeamMembersSchema = z.object({
  teamId: id,
  personIds: z.array(id).max(500, "A team can have at most 500 members").transform((ids) => [...new Set(ids)]),
});
export type SetTeamMembersInput = z.input<typeof setTeamMembersSchema>;
/** The member picker's search: the department's agents whose name or email holds the query. */
export const agentSearchSchema = z.object({ departmentId: id, query: text().trim().transform((q) => q.slice(0, 100)) });

export const teamMemberSchema = z.object({ teamId: id, personId: id });
export type TeamMemberInput = z.input<typeof teamMemberSchema>;

export const setTeamRuleSchema = z.object({ teamId: id, rule: z.enum(assignmentRules, "Choose how requests are assigned") });
export type SetTeamRuleInput = z.input<typeof setTeamRuleSchema>;

/** Omitting personId sets one's own availability. */
export const setAvailabilitySchema = z.object({ personId: id.optional(), available: z.boolean("Say whether the agent is available") });
export type SetAvailabilityInput = z.input<typeof setAvailabilitySchema>;

export const emailSchema = text()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address").max(254, "The email address is too long"));
const personName = text().trim().min(1, "Enter the person's name").max(120, "Keep the name under 120 characters");
const title = text().trim().max(120, "Keep the title under 120 characters").default("");

export const createPersonSchema = z.object({ email: emailSchema, name: personName, title, departmentId: id });
export type CreatePersonInput = z.input<typeof createPersonSchema>;
export const updatePersonSchema = z.object({ personId: id, name: personName, title, departmentId: id });
export type UpdatePersonInput = z.input<typeof updatePersonSchema>;

/** Empty clears the manager (the top of the tree). */
export const setManagerSchema = z.object({
  personId: id,
  managerId: z.union([id, z.literal(""), z.null()]).optional().transform((v) => v || null),
});
export type SetManagerInput = z.input<typeof setManagerSchema>;

export const grantSchema = z
  .object({ role: z.enum(roles, "Unknown role"), departmentId: id.nullish() })
  .superRefine((g, ctx) => {
    const perDepartment = g.role === "AGENT" || g.role === "HEAD";
    if (perDepartment && !g.departmentId) ctx.addIssue({ code: "custom", path: ["departmentId"], message: `${roleLabel[g.role]} needs a department` });
    if (!perDepartment && g.departmentId) ctx.addIssue({ code: "custom", path: ["departmentId"], message: `${roleLabel[g.role]} applies to the whole organisation, not a department` });
  })
  .transform((g) => ({ role: g.role, departmentId: g.departmentId ?? null }));
export type Grant = z.output<typeof grantSchema>;

export const setRolesSchema = z.object({ personId: id, grants: z.array(grantSchema).max(200) });
export type SetRolesInput = z.input<typeof setRolesSchema>;

export const personRefSchema = z.object({ personId: id });
export type PersonRefInput = z.input<typeof personRefSchema>;

/** Deduplicates grants; a head is always an agent of the department too. */
export function normalizeGrants(grants: Grant[]): Grant[] {
  const all = [...grants];
  for (const g of grants) if (g.role === "HEAD") all.push({ role: "AGENT", departmentId: g.departmentId });
  const seen = new Map<string, Grant>();
  for (const g of all) seen.set(grantKey(g), g);
  return [...seen.values()].sort((a, b) => grantKey(a).localeCompare(grantKey(b)));
}

export const grantKey = (g: { role: string; departmentId: string | null }) => `${g.role}:${g.departmentId ?? ""}`;

/**
 * One role written as text, as the CSV import and SCIM's `roles` carry it: agent:KEY, head:KEY, hr or
 * admin. A bare agent or head means the person's own department when `home` is given (SCIM, where an
 * identity provider's role value is a fixed word). Gives the grant, or a message saying what is wrong.
 */
export function parseRoleToken(
  token: string,
  options: { departmentIdByKey: (key: string) => string | undefined; home?: { key: string; id: string }; exampleKey?: string; help?: string },
): { grant: Grant } | { message: string } {
  const [rawRole = "", rawKey, ...rest] = token.split(":").map((p) => p.trim());
  const role = rawRole.toLowerCase();
  if (role === "agent" || role === "head") {
    const code = role === "agent" ? "AGENT" : "HEAD";
    if (rawKey === undefined && options.home) return { grant: { role: code, departmentId: options.home.id } };
    if (!rawKey || rest.length) return { message: `Role "${token}" needs a department: write ${role}:KEY, e.g. ${role}:${options.exampleKey || options.home?.key || "FAC"}.` };
    const departmentId = options.departmentIdByKey(rawKey.toUpperCase());
    return departmentId ? { grant: { role: code, departmentId } } : { message: `Unknown department key "${rawKey}" in role "${token}".` };
  }
  if (role === "hr" || role === "admin") {
    if (rawKey !== undefined) return { message: `Role "${token}" applies to the whole organisation: write just ${role}.` };
    return { grant: { role: role === "hr" ? "HR" : "ADMIN", departmentId: null } };
  }
  return { message: `Unknown role "${token}": ${options.help ?? "use agent:KEY, head:KEY, hr or admin"}.` };
}

const blankAsUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/** The people list's query string: ?q=&page= */
export const peopleSearchSchema = z.object({
  q: z.preprocess(blankAsUndefined, text().trim().max(100).optional()).catch(undefined),
  page: z.preprocess(blankAsUndefined, z.coerce.number().int().min(1).max(10_000).default(1)).catch(1),
});
export type PeopleSearchInput = z.input<typeof peopleSearchSchema>;

export const importColumns = ["email", "name", "title", "department", "roles"] as const;
/** Columns a file may leave out: without `manager` everyone keeps their manager; an empty cell clears it. */
export const optionalImportColumns = ["manager"] as const;
export const exampleImportCsv = [
  [...importColumns, ...optionalImportColumns].join(","),
  "ada.lovelace@example.com,Ada Lovelace,Facilities manager,FAC,head:FAC,",
  "alan.turing@example.com,Alan Turing,Technician,FAC,agent:FAC;agent:IT,ada.lovelace@example.com",
  "grace.hopper@example.com,Grace Hopper,People partner,HR,hr,",
  '"rear.admiral@example.com","Hopper, Grace (admin)",,IT,admin,',
  "linus.t@example.com,Linus Torvalds,Engineer,IT,,alan.turing@example.com",
].join("\n");

/** The organisation's time zone (admin): HR's periods and the satisfaction publication follow it. */
export const organisationTimeZoneSchema = z.object({ timeZone: timeZoneSchema });
