import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/errors";
import { auditRow, fieldError, isUniqueViolation } from "@/lib/org/audit";
import { addInboundAddressSchema, setInboundAddressActiveSchema, type AddInboundAddressInput, type SetInboundAddressActiveInput } from "@/lib/validation/email";
import { parseInput } from "@/lib/validation/parse";

/** Heads (and admins) configure them; the department's agents are told they may not; to anyone else they do not exist. */
function requireManager(actor: Actor, departmentId: string, what = "This department") {
  if (can(actor, "department.configure", { departmentId })) return;
  if (actor.agentOf.includes(departmentId)) throw forbidden("Only the head of the department can change its inbound email addresses.");
  throw notFound(what);
}

/** A department's inbound addresses and the request types they may file as, for its head. */
export async function inboundAddressSettings(options: { actor: Actor; departmentKey: string }) {
  const department = await db().department.findUnique({ where: { key: options.departmentKey.toUpperCase() }, select: { id: true, key: true, name: true } });
  if (!department || !can(options.actor, "department.configure", { departmentId: department.id })) throw notFound("This department");
  const [addresses, types] = await Promise.all([
    db().inboundAddress.findMany({ where: { departmentId: department.id }, orderBy: { address: "asc" }, select: { id: true, address: true, active: true, type: { select: { id: true, name: true } } } }),
    db().requestType.findMany({ where: { departmentId: department.id, active: true }, orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: { id: true, name: true, fields: true } }),
  ]);
  const requiredFields = (fields: unknown) => (Array.isArray(fields) ? fields.filter((f) => (f as { required?: boolean }).required).length : 0);
  return { department, addresses, types: types.map((t) => ({ id: t.id, name: t.name, requiredFields: requiredFields(t.fields) })) };
}

/** Adds an address mail to which files a request of the chosen type (one of the department's, with no required fields). */
export async function addInboundAddress(options: { actor: Actor; input: AddInboundAddressInput }) {
  const { actor } = options;
  const input = parseInput(addInboundAddressSchema, options.input);
  requireManager(actor, input.departmentId);
  const type = await db().requestType.findFirst({ where: { id: input.typeId, departmentId: input.departmentId, active: true }, select: { id: true, fields: true } });
  if (!type) throw fieldError("typeId", "Choose one of the department's request types.");
  if (Array.isArray(type.fields) && type.fields.some((f) => (f as { required?: boolean }).required)) {
    throw fieldError("typeId", "This type has required fields, which an email cannot fill in: choose a type without required fields (or a dedicated “Email” type).");
  }
  try {
    return await db().$transaction(async (tx) => {
      const row = await tx.inboundAddress.create({ data: { address: input.address, departmentId: input.departmentId, typeId: type.id }, select: { id: true, address: true } });
      await tx.auditEvent.create({ data: auditRow(actor, "inbound_address.added", `inbound-address:${row.id}`, { departmentId: input.departmentId, address: row.address, typeId: type.id }) });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw fieldError("address", "This address is already in use (here or by another department).");
    throw error;
  }
}

/** Turns an address off (mail to it is refused) or on again. */
export async function setInboundAddressActive(options: { actor: Actor; input: SetInboundAddressActiveInput }) {
  const { actor } = options;
  const input = parseInput(setInboundAddressActiveSchema, options.input);
  const row = await db().inboundAddress.findUnique({ where: { id: input.addressId }, select: { id: true, departmentId: true, address: true } });
  if (!row) throw notFound("This address");
  requireManager(actor, row.departmentId, "This address");
  await db().$transaction([
    db().inboundAddress.update({ where: { id: row.id }, data: { active: input.active } }),
    db().auditEvent.create({ data: auditRow(actor, input.active ? "inbound_address.enabled" : "inbound_address.disabled", `inbound-address:${row.id}`, { address: row.address }) }),
  ]);
  return { id: row.id, active: input.active };
}
