import { notAutomation } from "@/lib/automation/rule-actor";
import "server-only";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/create-client";
import { Prisma } from "@/lib/generated/prisma/client";
import { lastAdminMessage, lockAdminSet, otherActiveAdmins } from "@/lib/org/audit";
import { isStorableText } from "@/lib/validation/text";
import { scimBoolean, scimReference, scimSchemas, scimUserSchema, type ScimPatchInput, type ScimUserInput } from "@/lib/validation/scim";
import { ScimError, parseScim } from "./scim-error";
import { listPage, parseFilter, type ListQuery } from "./list";
import { releaseAllOpenWork, releaseDepartmentWork } from "@/lib/org/release-department-work";
import { applyScimRoles, followHome, roleValues, scimRoles, workedDepartments, type RolesChange } from "./roles";

/** Who is calling: the SCIM token, named in the audit log. */
export type ScimCaller = { id: string; name: string };
export type ScimContext = { caller: ScimCaller; baseUrl: string; defaultDepartmentKey?: string };

const personSelect = {
  id: true,
  email: true,
  name: true,
  title: true,
  active: true,
  scimExternalId: true,
  scimUserName: true,
  createdAt: true,
  updatedAt: true,
  managerId: true,
  manager: { select: { name: true } },
  department: { select: { id: true, name: true } },
  roles: { select: { role: true, departmentId: true, department: { select: { key: true } } }, orderBy: [{ role: "asc" }, { departmentId: "asc" }] },
} as const satisfies Prisma.PersonSelect;
type PersonRow = Prisma.PersonGetPayload<{ select: typeof personSelect }>;

// The inactive people automation rules act as are never co-workers: the identity provider never sees them.
const visible: Prisma.PersonWhereInput = { scimDeletedAt: null, ...notAutomation };

/** A person as a SCIM User: core attributes, the enterprise extension (department, manager) and the department as its one group. */
export function toScimUser(p: PersonRow, baseUrl: string) {
  const [givenName, ...rest] = p.name.split(" ");
  return {
    schemas: [scimSchemas.user, scimSchemas.enterprise],
    id: p.id,
    ...(p.scimExternalId ? { externalId: p.scimExternalId } : {}),
    userName: p.scimUserName ?? p.email,
    name: { formatted: p.name, givenName: givenName ?? "", familyName: rest.join(" ") },
    displayName: p.name,
    emails: [{ value: p.email, type: "work", primary: true }],
    ...(p.title ? { title: p.title } : {}),
    active: p.active,
    roles: scimRoles(p.roles, p.department.id),
    groups: [{ value: p.department.id, display: p.department.name, $ref: `${baseUrl}/scim/v2/Groups/${p.department.id}` }],
    [scimSchemas.enterprise]: {
      department: p.department.name,
      ...(p.managerId ? { manager: { value: p.managerId, displayName: p.manager?.name, $ref: `${baseUrl}/scim/v2/Users/${p.managerId}` } } : {}),
    },
    meta: { resourceType: "User", created: p.createdAt.toISOString(), lastModified: p.updatedAt.toISOString(), location: `${baseUrl}/scim/v2/Users/${p.id}` },
  };
}

const looksLikeEmail = (v: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) && v.length <= 320;

/** The person's email: the primary (or work, or first) email, else the userName when it is an address. */
function emailOf(input: ScimUserInput): string {
  const emails = input.emails ?? [];
  const chosen = emails.find((e) => e.primary === true && e.value) ?? emails.find((e) => e.type?.toLowerCase() === "work" && e.value) ?? emails.find((e) => e.value);
  const value = (chosen?.value ?? (looksLikeEmail(input.userName) ? input.userName : "")).trim().toLowerCase();
  if (!looksLikeEmail(value)) throw new ScimError(400, "The user needs an email address: in emails (primary or work) or as the userName.", "invalidValue");
  return value;
}

function nameOf(input: ScimUserInput): string {
  const parts = [input.name?.givenName, input.name?.familyName].filter((v): v is string => Boolean(v?.trim())).join(" ");
  const name = (input.name?.formatted?.trim() || parts || input.displayName?.trim() || input.userName).replace(/\s+/g, " ").trim();
  return name.slice(0, 200);
}

const referenceId = (value: unknown): string | null => {
  const parsed = scimReference.safeParse(value);
  if (!parsed.success) return null;
  const v = parsed.data;
  return typeof v === "string" ? v : Array.isArray(v) ? (v[0]?.value ?? null) : v.value;
};

async function departmentFor(tx: Tx, name: string | null | undefined, ctx: ScimContext, fallbackId?: string): Promise<string> {
  if (name?.trim()) {
    const found = await tx.department.findFirst({ where: { OR: [{ name: { equals: name.trim(), mode: "insensitive" } }, { key: name.trim().toUpperCase() }] }, select: { id: true } });
    if (found) return found.id;
  }
  if (fallbackId) return fallbackId;
  if (ctx.defaultDepartmentKey) {
    const found = await tx.department.findUnique({ where: { key: ctx.defaultDepartmentKey }, select: { id: true } });
    if (found) return found.id;
  }
  // Every person has a home department; the group the provider assigns next moves them there.
  const first = await tx.department.findFirst({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } });
  if (!first) throw new ScimError(409, "This desk has no department yet: create one (or push a group) before users.");
  return first.id;
}

async function managerFor(tx: Tx, value: unknown, selfId?: string): Promise<string | null> {
  const id = referenceId(value);
  if (!id) return null;
  if (id === selfId) throw new ScimError(400, "A person cannot be their own manager.", "invalidValue");
  // A manager not provisioned (yet) is left unset rather than failing the user: the provider sends it again.
  const manager = await tx.person.findFirst({ where: { OR: [{ id }, { scimExternalId: id }], ...notAutomation }, select: { id: true } });
  return manager?.id ?? null;
}

export async function auditPerson(tx: Tx, ctx: ScimContext, action: string, personId: string, detail: Record<string, unknown>) {
  await tx.auditEvent.create({ data: { actorId: null, action, subject: `person:${personId}`, detail: { via: `SCIM token "${ctx.caller.name}"`, ...detail } } });
}

/** Ends every session of a person and revokes their API tokens (deactivation through SCIM, as an admin's does). */
async function endAccess(tx: Tx, personId: string) {
  await tx.person.update({ where: { id: personId }, data: { authVersion: { increment: 1 } } });
  await tx.apiToken.updateMany({ where: { personId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/**
 * Once the person's department is written: a move takes their agent and head grants to the new home
 * (followHome), then the provider's role changes apply; the departments they no longer work give up
 * their open assignments and team places (releaseDepartmentWork). Returns what changed, for the audit log.
 */
export async function settleMove(tx: Tx, options: { personId: string; to: string; changes: RolesChange[]; before: Before }) {
  const { personId, to, changes, before } = options;
  const moved = await followHome(tx, { personId, from: before.departmentId, to });
  const roles = await applyScimRoles(tx, { personId, departmentId: to, changes });
  const worked = await workedDepartments(tx, personId);
  const left = [...before.worked].filter((d) => !worked.has(d)).sort();
  const released = await releaseDepartmentWork(tx, { personId, departmentIds: left });
  return {
    changed: Boolean(roles) || moved.length > 0,
    detail: {
      ...(roles ? { roles } : {}),
      ...(before.departmentId !== to ? { department: { from: before.departmentId, to, rolesMoved: moved } } : {}),
      ...(left.length ? { leftDepartments: left, ...released } : {}),
    },
  };
}

async function settleRoles(tx: Tx, person: PersonRow, changes: RolesChange[], before: Before) {
  const { changed, detail } = await settleMove(tx, { personId: person.id, to: person.department.id, changes, before });
  return { person: changed ? await tx.person.findUniqueOrThrow({ where: { id: person.id }, select: personSelect }) : person, roles: detail };
}

type Before = { departmentId: string; worked: Set<string> };
/** What settleRoles compares with: the person's department and the departments they worked before the change. */
export const beforeChange = async (tx: Tx, person: { id: string; departmentId: string }): Promise<Before> => ({ departmentId: person.departmentId, worked: await workedDepartments(tx, person.id) });

const setRoles = (roles: ScimUserInput["roles"]): RolesChange[] => (roles ? [{ op: "set", values: roleValues(roles) }] : []);

async function guardLastAdmin(tx: Tx, personId: string) {
  await lockAdminSet(tx);
  const admin = await tx.roleGrant.count({ where: { personId, role: "ADMIN" } });
  if (admin && (await otherActiveAdmins(tx, personId)) === 0) throw new ScimError(409, lastAdminMessage, "mutability");
}

/**
 * An administrator's email stays as the desk has it: it is their sign-in identity (email links go to
 * it), and a SCIM token that could move it could sign in as an administrator. The desk changes it.
 */
async function guardAdminEmail(tx: Tx, before: { id: string; email: string }, email: string | undefined) {
  if (email === undefined || email.toLowerCase() === before.email.toLowerCase()) return;
  if (await tx.roleGrant.count({ where: { personId: before.id, role: "ADMIN" } })) {
    throw new ScimError(409, "An administrator's email is their sign-in identity: it is not changed through SCIM.", "mutability");
  }
}

const uniqueness = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

async function writeOrConflict<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (uniqueness(error)) throw new ScimError(409, "Another user already has this userName, email or externalId.", "uniqueness");
    throw error;
  }
}

/** What a full user body (POST, PUT) sets on a person. */
type PersonFields = { email: string; name: string; title: string; active: boolean; scimExternalId: string | null; scimUserName: string | null };
function fieldsOf(input: ScimUserInput): PersonFields {
  const email = emailOf(input);
  return {
    email,
    name: nameOf(input),
    title: input.title?.trim() ?? "",
    active: input.active ?? true,
    scimExternalId: input.externalId?.trim() || null,
    scimUserName: input.userName.trim().toLowerCase() === email ? null : input.userName.trim(),
  };
}

export async function createScimUser(body: unknown, ctx: ScimContext) {
  const input = parseScim(scimUserSchema, body);
  const fields = fieldsOf(input);
  const enterprise = input[scimSchemas.enterprise];
  return writeOrConflict(() =>
    db().$transaction(async (tx) => {
      const existing = await tx.person.findUnique({ where: { email: fields.email }, select: { id: true, scimDeletedAt: true, departmentId: true } });
      // A person deleted through SCIM comes back when the provider creates them again; anyone else is a conflict.
      if (existing && !existing.scimDeletedAt) throw new ScimError(409, `A user with the email ${fields.email} already exists.`, "uniqueness");
      const departmentId = await departmentFor(tx, enterprise?.department, ctx, existing?.departmentId);
      const managerId = await managerFor(tx, enterprise?.manager, existing?.id);
      const data = { ...fields, departmentId, managerId, scimDeletedAt: null };
      const written = existing
        ? await tx.person.update({ where: { id: existing.id }, data: { ...data, authVersion: { increment: 1 } }, select: personSelect })
        : await tx.person.create({ data, select: personSelect });
      const before = existing ? await beforeChange(tx, { id: existing.id, departmentId: existing.departmentId }) : { departmentId, worked: new Set<string>() };
      const { person, roles } = await settleRoles(tx, written, setRoles(input.roles), before);
      await auditPerson(tx, ctx, existing ? "scim.user.restored" : "scim.user.created", person.id, { email: person.email, active: person.active, ...roles });
      return toScimUser(person, ctx.baseUrl);
    }),
  );
}

async function findPerson(tx: Tx | ReturnType<typeof db>, id: string) {
  if (!isStorableText(id) || id.length > 64) throw new ScimError(404, "No such user.");
  const person = await tx.person.findFirst({ where: { id, ...visible }, select: personSelect });
  if (!person) throw new ScimError(404, "No such user.");
  return person;
}

export async function getScimUser(id: string, ctx: ScimContext) {
  return toScimUser(await findPerson(db(), id), ctx.baseUrl);
}

/** The filters Okta and Entra send: userName, externalId, id and emails.value, each with `eq`. */
export async function listScimUsers(query: ListQuery, ctx: ScimContext) {
  const filter = parseFilter(query.filter, ["username", "externalid", "id", "emails.value", "emails[type eq \"work\"].value"]);
  let where: Prisma.PersonWhereInput = visible;
  if (filter) {
    const v = filter.value;
    const insensitive = { equals: v, mode: "insensitive" as const };
    const by: Record<string, Prisma.PersonWhereInput> = {
      username: { OR: [{ scimUserName: insensitive }, { scimUserName: null, email: insensitive }] },
      externalid: { scimExternalId: v },
      id: { id: v },
      "emails.value": { email: insensitive },
      'emails[type eq "work"].value': { email: insensitive },
    };
    where = { AND: [visible, by[filter.attribute]!] };
  }
  return listPage(query, {
    count: () => db().person.count({ where }),
    page: async (skip, take) => (await db().person.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip, take, select: personSelect })).map((p) => toScimUser(p, ctx.baseUrl)),
  });
}

/** Applies a change of `active`: deactivation ends sessions and tokens; the last admin cannot be deactivated. */
async function applyActive(tx: Tx, person: { id: string; active: boolean }, active: boolean) {
  if (person.active === active) return;
  if (!active) {
    await guardLastAdmin(tx, person.id);
    await endAccess(tx, person.id);
    await releaseAllOpenWork(tx, person.id);
  } else {
    await tx.person.update({ where: { id: person.id }, data: { authVersion: { increment: 1 } } });
  }
}

/** PUT: the whole user as the provider has it now. */
export async function replaceScimUser(id: string, body: unknown, ctx: ScimContext) {
  const input = parseScim(scimUserSchema, body);
  const fields = fieldsOf(input);
  const enterprise = input[scimSchemas.enterprise];
  return writeOrConflict(() =>
    db().$transaction(async (tx) => {
      const before = await findPerson(tx, id);
      await guardAdminEmail(tx, before, fields.email);
      await applyActive(tx, before, fields.active);
      const departmentId = enterprise?.department ? await departmentFor(tx, enterprise.department, ctx, before.department.id) : before.department.id;
      const managerId = enterprise && "manager" in enterprise ? await managerFor(tx, enterprise.manager, before.id) : before.managerId;
      const prior = await beforeChange(tx, { id: before.id, departmentId: before.department.id });
      const written = await tx.person.update({ where: { id: before.id }, data: { ...fields, departmentId, managerId }, select: personSelect });
      const { person, roles } = await settleRoles(tx, written, setRoles(input.roles), prior);
      await auditPerson(tx, ctx, "scim.user.replaced", person.id, { email: person.email, active: person.active, ...roles });
      return toScimUser(person, ctx.baseUrl);
    }),
  );
}

type Change = { roles: RolesChange[]; name?: string; givenName?: string; familyName?: string; email?: string; title?: string; active?: boolean; externalId?: string | null; userName?: string; department?: string | null; manager?: unknown; clearManager?: boolean };

const enterprisePrefix = `${scimSchemas.enterprise}:`.toLowerCase();
const corePrefix = `${scimSchemas.user}:`.toLowerCase();

const stringValue = (v: unknown, what: string): string => {
  const s = Array.isArray(v) ? (v[0] as { value?: unknown } | undefined)?.value : typeof v === "object" && v !== null && "value" in v ? (v).value : v;
  if (typeof s !== "string" || !isStorableText(s) || s.length > 320) throw new ScimError(400, `${what} must be text.`, "invalidValue");
  return s.trim();
};

/** One attribute of a PATCH (path and value), added to the change; attributes the desk does not keep are ignored. */
function collect(change: Change, op: "add" | "replace" | "remove", rawPath: string, value: unknown) {
  let path = rawPath.trim().toLowerCase();
  if (path.startsWith(corePrefix)) path = path.slice(corePrefix.length);
  if (path === scimSchemas.enterprise.toLowerCase()) {
    if (typeof value !== "object" || value === null) throw new ScimError(400, "The enterprise extension's value must be an object.", "invalidValue");
    for (const [k, v] of Object.entries(value)) collect(change, op, `${enterprisePrefix}${k}`, v);
    return;
  }
  const remove = op === "remove";
  const oneRole = /^roles\[value eq "([^"]+)"\]$/.exec(path);
  if (oneRole) {
    change.roles.push({ op: remove ? "remove" : "add", values: [oneRole[1]!] });
    return;
  }
  switch (path) {
    case "roles":
      // Entra's app roles: Add sends every role the person has (again), Remove the ones taken away.
      change.roles.push(remove ? { op: "remove", values: value === undefined ? [] : roleValues(value) } : { op: op === "add" ? "add" : "set", values: roleValues(value) });
      return;
    case 'roles[primary eq "true"].value':
      // Entra's single app role (SingleAppRoleAssignment): the person has exactly this role.
      change.roles.push({ op: "set", values: remove ? [] : roleValues(value) });
      return;
    case "active": {
      const parsed = scimBoolean.safeParse(value);
      if (remove || !parsed.success) throw new ScimError(400, "active must be true or false.", "invalidValue");
      change.active = parsed.data;
      return;
    }
    case "username":
      if (remove) throw new ScimError(400, "userName cannot be removed.", "mutability");
      change.userName = stringValue(value, "userName");
      return;
    case "externalid":
      change.externalId = remove ? null : stringValue(value, "externalId") || null;
      return;
    case "displayname":
    case "name.formatted":
      if (!remove) change.name = stringValue(value, "The name");
      return;
    case "name.givenname":
      change.givenName = remove ? "" : stringValue(value, "name.givenName");
      return;
    case "name.familyname":
      change.familyName = remove ? "" : stringValue(value, "name.familyName");
      return;
    case "name": {
      if (remove || typeof value !== "object" || value === null) return;
      for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) collect(change, op, `name.${k}`, v);
      return;
    }
    case "title":
      change.title = remove ? "" : stringValue(value, "title");
      return;
    case "emails":
    case "emails.value":
    case 'emails[type eq "work"].value':
    case "emails[primary eq true].value":
      if (remove) return; // a person always keeps an email address
      change.email = stringValue(Array.isArray(value) ? ((value as { primary?: unknown }[]).find((e) => e.primary === true) ?? value[0]) : value, "The email").toLowerCase();
      if (!looksLikeEmail(change.email)) throw new ScimError(400, "The email must be an email address.", "invalidValue");
      return;
    case `${enterprisePrefix}department`:
      change.department = remove ? null : stringValue(value, "department");
      return;
    case `${enterprisePrefix}manager`:
    case `${enterprisePrefix}manager.value`:
      if (remove || value === null || value === "") change.clearManager = true;
      else change.manager = value;
      return;
    default:
      return; // phone numbers, addresses, locale...: not kept by the desk
  }
}

/** PATCH: Okta's ({op, value: {active: false}}) and Entra's ({op: "Replace", path: "active", value: "False"}) shapes alike. */
export async function patchScimUser(id: string, patch: ScimPatchInput, ctx: ScimContext) {
  const change: Change = { roles: [] };
  for (const operation of patch.Operations) {
    if (operation.path) collect(change, operation.op, operation.path, operation.value);
    else if (typeof operation.value === "object" && operation.value !== null && !Array.isArray(operation.value)) {
      for (const [k, v] of Object.entries(operation.value)) collect(change, operation.op, k, v);
    } else throw new ScimError(400, "An operation without a path needs an object value.", "invalidSyntax");
  }
  return writeOrConflict(() =>
    db().$transaction(async (tx) => {
      const before = await findPerson(tx, id);
      await guardAdminEmail(tx, before, change.email);
      if (change.active !== undefined) await applyActive(tx, before, change.active);
      const [given, ...rest] = before.name.split(" ");
      const name = change.name ?? (change.givenName !== undefined || change.familyName !== undefined ? [change.givenName ?? given, change.familyName ?? rest.join(" ")].filter(Boolean).join(" ") : undefined);
      const data: Prisma.PersonUncheckedUpdateInput = {
        ...(name ? { name: name.slice(0, 200) } : {}),
        ...(change.email ? { email: change.email } : {}),
        ...(change.title !== undefined ? { title: change.title.slice(0, 200) } : {}),
        ...(change.active !== undefined ? { active: change.active } : {}),
        ...(change.externalId !== undefined ? { scimExternalId: change.externalId } : {}),
        ...(change.userName !== undefined ? { scimUserName: change.userName.toLowerCase() === (change.email ?? before.email) ? null : change.userName } : {}),
        ...(change.department ? { departmentId: await departmentFor(tx, change.department, ctx, before.department.id) } : {}),
        ...(change.clearManager ? { managerId: null } : change.manager !== undefined ? { managerId: await managerFor(tx, change.manager, before.id) } : {}),
      };
      const prior = await beforeChange(tx, { id: before.id, departmentId: before.department.id });
      const written = await tx.person.update({ where: { id: before.id }, data, select: personSelect });
      const { person, roles } = await settleRoles(tx, written, change.roles, prior);
      await auditPerson(tx, ctx, "scim.user.patched", person.id, { email: person.email, changed: Object.keys(data), ...roles });
      return toScimUser(person, ctx.baseUrl);
    }),
  );
}

/** DELETE: the person is deactivated (their requests and history stay) and gone for SCIM until created again. */
export async function deleteScimUser(id: string, ctx: ScimContext) {
  await db().$transaction(async (tx) => {
    const before = await findPerson(tx, id);
    await applyActive(tx, before, false);
    await tx.person.update({ where: { id: before.id }, data: { active: false, scimDeletedAt: new Date() } });
    await auditPerson(tx, ctx, "scim.user.deleted", before.id, { email: before.email });
  });
}
