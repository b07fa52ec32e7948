import "server-only";
import type { Tx } from "@/lib/db/create-client";
import { grantKey, normalizeGrants, parseRoleToken, type Grant } from "@/lib/validation/org";
import { ScimError } from "./scim-error";

/**
 * SCIM's `roles` are the desk's roles below admin, written as the CSV import writes them: `agent`
 * and `head` (of the person's own department), `agent:KEY` / `head:KEY` (of another), and `hr`. An
 * identity provider keeps them in step; admin is granted in the desk only, so a SCIM token can never
 * make or unmake an administrator (an admin grant stays whatever the provider sends).
 */
export type RolesChange = { op: "set" | "add" | "remove"; values: string[] };

const help = "use agent, head, hr, or agent:KEY / head:KEY for another department";

/**
 * Entra's PATCH of app roles (SingleAppRoleAssignment, AppRoleAssignmentsComplex) sends each role's
 * value as a JSON text of the app role, `{"id":"…","value":"agent","displayName":"Agent"}`, unlike
 * its POST (Microsoft Learn, "Customize app provisioning attribute mappings", Provisioning a role to
 * a SCIM app): the role is that object's value.
 */
function unwrapAppRole(s: string): unknown {
  if (!s.trimStart().startsWith("{")) return s;
  try {
    const parsed: unknown = JSON.parse(s);
    return typeof parsed === "object" && parsed !== null ? (parsed as { value?: unknown }).value : s;
  } catch {
    return s;
  }
}

/** A role's value as a provider sends it: "agent", { value: "agent" } (Entra's app roles add type, display and primary), or Entra's JSON text of one. */
export function roleValues(value: unknown): string[] {
  const list: unknown[] = Array.isArray(value) ? (value as unknown[]) : value === undefined || value === null ? [] : [value];
  return list.map((v) => {
    const given = typeof v === "object" && v !== null ? (v as { value?: unknown }).value : v;
    const s = typeof given === "string" && given.length <= 2000 ? unwrapAppRole(given) : given;
    if (typeof s !== "string" || !s.trim() || s.length > 100) throw new ScimError(400, `A role must be given by its value: ${help}.`, "invalidValue");
    return s.trim();
  });
}

type GrantRow = { role: Grant["role"]; departmentId: string | null; department: { key: string } | null };

/** The person's roles as SCIM shows them: agent and head of their own department bare, of others with the key. */
export function scimRoles(grants: GrantRow[], homeDepartmentId: string) {
  return grants
    .filter((g) => g.role !== "ADMIN")
    .map((g) => (g.role === "HR" ? "hr" : `${g.role.toLowerCase()}${g.departmentId === homeDepartmentId ? "" : `:${g.department?.key ?? ""}`}`))
    .sort()
    .map((value) => ({ value, display: value }));
}

/**
 * Applies the provider's changes to the person's roles (after their department is settled, which a
 * bare agent or head means) and ends their sessions when the roles changed, as an admin's change does.
 * Returns the grant keys before and after, or null when nothing changed.
 */
export async function applyScimRoles(tx: Tx, options: { personId: string; departmentId: string; changes: RolesChange[] }) {
  const { personId, departmentId, changes } = options;
  if (!changes.length) return null;
  const [home, departments, existing] = await Promise.all([
    tx.department.findUniqueOrThrow({ where: { id: departmentId }, select: { id: true, key: true } }),
    tx.department.findMany({ select: { id: true, key: true } }),
    tx.roleGrant.findMany({ where: { personId }, select: { role: true, departmentId: true } }),
  ]);
  const byKey = new Map(departments.map((d) => [d.key.toUpperCase(), d.id]));
  const parse = (token: string): Grant => {
    const parsed = parseRoleToken(token, { departmentIdByKey: (k) => byKey.get(k), home, help });
    if ("message" in parsed) throw new ScimError(400, parsed.message, "invalidValue");
    if (parsed.grant.role === "ADMIN") throw new ScimError(400, "Administrators are made in the desk, not through SCIM: leave admin out of the roles.", "invalidValue");
    return parsed.grant;
  };
  const admin = existing.filter((g) => g.role === "ADMIN");
  const before = normalizeGrants(existing.filter((g) => g.role !== "ADMIN"));
  let grants = before;
  for (const change of changes) {
    const given = change.values.map(parse);
    if (change.op === "set") grants = given;
    else if (change.op === "add") grants = [...grants, ...given];
    else {
      const gone = new Set(given.map(grantKey));
      grants = change.values.length ? grants.filter((g) => !gone.has(grantKey(g))) : [];
    }
  }
  const after = normalizeGrants(grants);
  if (before.map(grantKey).join() === after.map(grantKey).join()) return null;
  await tx.roleGrant.deleteMany({ where: { personId, role: { not: "ADMIN" } } });
  await tx.roleGrant.createMany({ data: after.map((g) => ({ personId, role: g.role, departmentId: g.departmentId })) });
  await tx.person.update({ where: { id: personId }, data: { authVersion: { increment: 1 } } });
  return { from: [...admin, ...before].map(grantKey), to: [...admin, ...after].map(grantKey) };
}

const workingRoles: Grant["role"][] = ["AGENT", "HEAD"];

/** The departments the person works in: those they are agent or head of. */
export async function workedDepartments(tx: Tx, personId: string): Promise<Set<string>> {
  const grants = await tx.roleGrant.findMany({ where: { personId, role: { in: workingRoles }, departmentId: { not: null } }, select: { departmentId: true } });
  return new Set(grants.flatMap((g) => (g.departmentId ? [g.departmentId] : [])));
}

/**
 * A person moved to another home department: their agent and head grants of the old home (what a
 * bare `agent` / `head` from the provider means) become the same grants of the new one, so they stop
 * working the old department and work the new one, as the mapping says. Grants of other departments
 * (`agent:KEY`) and HR stay. Ends their sessions when a grant moved. Returns the grants moved.
 */
export async function followHome(tx: Tx, options: { personId: string; from: string; to: string }): Promise<Grant["role"][]> {
  const { personId, from, to } = options;
  if (from === to) return [];
  const moving = await tx.roleGrant.findMany({ where: { personId, departmentId: from, role: { in: workingRoles } }, select: { id: true, role: true } });
  if (moving.length === 0) return [];
  await tx.roleGrant.deleteMany({ where: { id: { in: moving.map((g) => g.id) } } });
  await tx.roleGrant.createMany({ data: moving.map((g) => ({ personId, role: g.role, departmentId: to })), skipDuplicates: true });
  await tx.person.update({ where: { id: personId }, data: { authVersion: { increment: 1 } } });
  return moving.map((g) => g.role);
}
