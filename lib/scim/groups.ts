import { notAutomation } from "@/lib/automation/rule-actor";
import "server-only";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/create-client";
import { Prisma } from "@/lib/generated/prisma/client";
import { isStorableText } from "@/lib/validation/text";
import { scimGroupSchema, scimSchemas, type ScimPatchInput } from "@/lib/validation/scim";
import { listPage, parseFilter, type ListQuery } from "./list";
import { ScimError, parseScim } from "./scim-error";
import { auditPerson, beforeChange, settleMove, type ScimContext } from "./users";

/**
 * SCIM Groups are the desk's departments; a group's members are the department's people (their
 * home department). A person is in exactly one department, so adding them to a group moves them
 * there; removing them from a group leaves them where they are (they must be somewhere) until the
 * provider adds them to another. A department is never deleted through SCIM (its requests and
 * figures stay): DELETE unlinks it from the provider.
 */
const departmentSelect = { id: true, name: true, scimExternalId: true, createdAt: true } as const satisfies Prisma.DepartmentSelect;
type DepartmentRow = Prisma.DepartmentGetPayload<{ select: typeof departmentSelect }>;

async function toScimGroup(d: DepartmentRow, ctx: ScimContext, withMembers: boolean) {
  const members = withMembers
    ? await db().person.findMany({ where: { departmentId: d.id, active: true, scimDeletedAt: null }, orderBy: { id: "asc" }, take: 10_000, select: { id: true, name: true } })
    : null;
  return {
    schemas: [scimSchemas.group],
    id: d.id,
    displayName: d.name,
    ...(d.scimExternalId ? { externalId: d.scimExternalId } : {}),
    ...(members ? { members: members.map((m) => ({ value: m.id, display: m.name, $ref: `${ctx.baseUrl}/scim/v2/Users/${m.id}` })) } : {}),
    meta: { resourceType: "Group", created: d.createdAt.toISOString(), location: `${ctx.baseUrl}/scim/v2/Groups/${d.id}` },
  };
}

const withMembers = (query?: { excludedAttributes?: string }) => !(query?.excludedAttributes ?? "").toLowerCase().split(",").map((s) => s.trim()).includes("members");

async function findDepartment(tx: Tx | ReturnType<typeof db>, id: string) {
  if (!isStorableText(id) || id.length > 64) throw new ScimError(404, "No such group.");
  const department = await tx.department.findUnique({ where: { id }, select: departmentSelect });
  if (!department) throw new ScimError(404, "No such group.");
  return department;
}

/** A department key from a name: its letters, upper case, made unique with a number. */
async function freeKey(tx: Tx, name: string): Promise<string> {
  const letters = name.toUpperCase().replace(/[^A-Z0-9]/g, "").replace(/^[0-9]+/, "");
  const base = (letters || "DEP").slice(0, 6).padEnd(2, "X");
  for (let n = 0; n < 1000; n++) {
    const key = n === 0 ? base : `${base.slice(0, 10 - String(n).length)}${n}`;
    if (!(await tx.department.findUnique({ where: { key }, select: { id: true } }))) return key;
  }
  throw new ScimError(409, "No free department key for this name.");
}

async function audit(tx: Tx, ctx: ScimContext, action: string, departmentId: string, detail: Record<string, unknown>) {
  await tx.auditEvent.create({ data: { actorId: null, action, subject: `department:${departmentId}`, detail: { via: `SCIM token "${ctx.caller.name}"`, ...detail } } });
}

/**
 * Adding members moves them here. Each person moved takes their agent and head grants of their old
 * home along (followHome) and gives up the old department's open assignments and team places
 * (releaseDepartmentWork), audited on the person.
 */
async function setMembers(tx: Tx, ctx: ScimContext, departmentId: string, ids: string[]) {
  if (ids.length === 0) return;
  const valid = ids.filter((id) => isStorableText(id) && id.length <= 64);
  const people = await tx.person.findMany({ where: { id: { in: valid }, scimDeletedAt: null, ...notAutomation }, orderBy: { id: "asc" }, select: { id: true, departmentId: true } });
  if (people.length !== new Set(valid).size || valid.length !== ids.length) throw new ScimError(400, "A member is not a user of this desk.", "invalidValue");
  for (const person of people.filter((p) => p.departmentId !== departmentId)) {
    const before = await beforeChange(tx, person);
    await tx.person.update({ where: { id: person.id }, data: { departmentId } });
    const { detail } = await settleMove(tx, { personId: person.id, to: departmentId, changes: [], before });
    await auditPerson(tx, ctx, "scim.user.moved", person.id, detail);
  }
}

const conflict = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

export async function createScimGroup(body: unknown, ctx: ScimContext) {
  const input = parseScim(scimGroupSchema, body);
  try {
    return await db().$transaction(async (tx) => {
      const existing = await tx.department.findFirst({ where: { name: { equals: input.displayName, mode: "insensitive" } }, select: { id: true } });
      if (existing) throw new ScimError(409, `A department named ${input.displayName} already exists: link to it instead.`, "uniqueness");
      const zone = await tx.department.findFirst({ orderBy: { createdAt: "asc" }, select: { timeZone: true } });
      const department = await tx.department.create({
        data: { key: await freeKey(tx, input.displayName), name: input.displayName, timeZone: zone?.timeZone ?? "UTC", scimExternalId: input.externalId?.trim() || null },
        select: departmentSelect,
      });
      await setMembers(tx, ctx, department.id, (input.members ?? []).map((m) => m.value));
      await audit(tx, ctx, "scim.group.created", department.id, { name: department.name });
      return department;
    }).then((d) => toScimGroup(d, ctx, true));
  } catch (error) {
    if (conflict(error)) throw new ScimError(409, "A department with this name or externalId already exists.", "uniqueness");
    throw error;
  }
}

export async function getScimGroup(id: string, ctx: ScimContext, query?: { excludedAttributes?: string }) {
  return toScimGroup(await findDepartment(db(), id), ctx, withMembers(query));
}

export async function listScimGroups(query: ListQuery, ctx: ScimContext) {
  const filter = parseFilter(query.filter, ["displayname", "externalid", "id"]);
  const where: Prisma.DepartmentWhereInput = !filter
    ? {}
    : filter.attribute === "displayname"
      ? { name: { equals: filter.value, mode: "insensitive" } }
      : filter.attribute === "externalid"
        ? { scimExternalId: filter.value }
        : { id: filter.value };
  const members = withMembers(query);
  return listPage(query, {
    count: () => db().department.count({ where }),
    page: async (skip, take) => Promise.all((await db().department.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip, take, select: departmentSelect })).map((d) => toScimGroup(d, ctx, members))),
  });
}

/** PUT: the name, externalId and (when sent) the members the provider has. */
export async function replaceScimGroup(id: string, body: unknown, ctx: ScimContext) {
  const input = parseScim(scimGroupSchema, body);
  try {
    const department = await db().$transaction(async (tx) => {
      const before = await findDepartment(tx, id);
      const updated = await tx.department.update({ where: { id: before.id }, data: { name: input.displayName, ...(input.externalId !== undefined ? { scimExternalId: input.externalId?.trim() || null } : {}) }, select: departmentSelect });
      await setMembers(tx, ctx, before.id, (input.members ?? []).map((m) => m.value));
      await audit(tx, ctx, "scim.group.replaced", before.id, { name: updated.name });
      return updated;
    });
    return toScimGroup(department, ctx, true);
  } catch (error) {
    if (conflict(error)) throw new ScimError(409, "Another department has this name or externalId.", "uniqueness");
    throw error;
  }
}

const memberIds = (value: unknown): string[] => {
  const list: unknown[] = Array.isArray(value) ? (value as unknown[]) : value === undefined || value === null ? [] : [value];
  return list.map((m) => {
    const v = typeof m === "object" && m !== null ? (m as { value?: unknown }).value : m;
    if (typeof v !== "string" || !v) throw new ScimError(400, "A member must be given by its value (the user's id).", "invalidValue");
    return v;
  });
};

/** PATCH: Okta's (replace with {id, displayName}; remove with members[value eq "..."]) and Entra's (Add / Remove members with a value list) shapes. */
export async function patchScimGroup(id: string, patch: ScimPatchInput, ctx: ScimContext) {
  try {
    await db().$transaction(async (tx) => {
      const before = await findDepartment(tx, id);
      const data: Prisma.DepartmentUpdateInput = {};
      const added: string[] = [];
      for (const { op, path, value } of patch.Operations) {
        const target = path?.trim().toLowerCase() ?? "";
        const single = /^members\[value eq "([^"]+)"\]$/i.exec(path?.trim() ?? "");
        if (!target && typeof value === "object" && value !== null && !Array.isArray(value)) {
          const v = value as Record<string, unknown>;
          if (typeof v.displayName === "string") data.name = v.displayName;
          if (typeof v.externalId === "string") data.scimExternalId = v.externalId;
          if (v.members !== undefined && op !== "remove") added.push(...memberIds(v.members));
        } else if (target === "displayname") {
          if (op === "remove" || typeof value !== "string") throw new ScimError(400, "displayName must be text.", "invalidValue");
          data.name = value;
        } else if (target === "externalid") {
          data.scimExternalId = op === "remove" || typeof value !== "string" ? null : value;
        } else if (target === "members" || single) {
          // Removing from a department moves nobody: a person leaves it by being added to another.
          if (op !== "remove") added.push(...memberIds(value));
        } else {
          throw new ScimError(400, `The path ${path} is not supported on groups.`, "invalidPath");
        }
      }
      if (typeof data.name === "string") {
        const name = data.name.trim();
        if (name.length < 2 || name.length > 80 || !isStorableText(name)) throw new ScimError(400, "displayName must be 2 to 80 characters.", "invalidValue");
        data.name = name;
      }
      if (Object.keys(data).length) await tx.department.update({ where: { id: before.id }, data });
      await setMembers(tx, ctx, before.id, added);
      await audit(tx, ctx, "scim.group.patched", before.id, { changed: Object.keys(data), added: added.length });
    });
  } catch (error) {
    if (conflict(error)) throw new ScimError(409, "Another department has this name or externalId.", "uniqueness");
    throw error;
  }
  return getScimGroup(id, ctx);
}

export async function deleteScimGroup(id: string, ctx: ScimContext) {
  await db().$transaction(async (tx) => {
    const before = await findDepartment(tx, id);
    await tx.department.update({ where: { id: before.id }, data: { scimExternalId: null } });
    await audit(tx, ctx, "scim.group.unlinked", before.id, { name: before.name });
  });
}
