import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRequestType } from "@/lib/catalog/create-request-type";
import { catalogSettings, requestTypeForEditing } from "@/lib/catalog/catalog-settings-reads";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { reorderRequestType } from "@/lib/catalog/reorder-request-type";
import { setRequestTypeActive } from "@/lib/catalog/set-request-type-active";
import { setRequestTypeFields } from "@/lib/catalog/set-request-type-fields";
import { updateRequestType } from "@/lib/catalog/update-request-type";
import { db } from "@/lib/db/client";
import { fileRequest } from "@/lib/requests/file-request";
import { getRequest } from "@/lib/requests/get-request";
import type { FieldDefinitionInput } from "@/lib/validation/fields";
import { actorOf, seedDesk, seedPerson, uid } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";

type World = Awaited<ReturnType<typeof seedWorld>>;
const departmentIds: string[] = [];

async function seedWorld() {
  const desk = await seedDesk();
  departmentIds.push(desk.provider.id, desk.other.id);
  const otherHeadRow = await seedPerson({ departmentId: desk.other.id, roles: [{ role: "HEAD", departmentId: desk.other.id }] });
  const team = await db().team.create({ data: { departmentId: desk.provider.id, name: `Desk ${uid()}` } });
  const foreignTeam = await db().team.create({ data: { departmentId: desk.other.id, name: `Desk ${uid()}` } });
  return { ...desk, team, foreignTeam, otherHead: await actorOf(otherHeadRow.id) };
}

let w: World;
beforeEach(async () => {
  w = await seedWorld();
});

afterEach(async () => {
  const made = departmentIds.splice(0);
  // Request events are append-only, so departments that saw a request stay (unique names keep them apart).
  const withRequests = await db().request.findMany({ where: { OR: [{ departmentId: { in: made } }, { requesterDepartmentId: { in: made } }] }, select: { departmentId: true, requesterDepartmentId: true } });
  const kept = new Set(withRequests.flatMap((r) => [r.departmentId, r.requesterDepartmentId]));
  const ids = made.filter((id) => !kept.has(id));
  await db().requestType.deleteMany({ where: { departmentId: { in: ids } } });
  await db().team.deleteMany({ where: { departmentId: { in: ids } } });
  await db().roleGrant.deleteMany({ where: { departmentId: { in: ids } } });
  await db().person.deleteMany({ where: { departmentId: { in: ids } } });
  await db().department.deleteMany({ where: { id: { in: ids } } });
});

const newType = (over: Record<string, unknown> = {}) => ({ departmentId: w.provider.id, name: "New laptop", slug: `new-laptop-${uid()}`, description: "A laptop for work", defaultPriority: "HIGH" as const, defaultTeamId: w.team.id, ...over });
const audits = (typeId: string) => db().auditEvent.findMany({ where: { subject: `request-type:${typeId}` }, orderBy: { id: "asc" } });

describe("creating a request type", () => {
  it("adds it at the end of the catalogue with its defaults, offered at once, and audits it", async () => {
    const input = newType();
    const created = await createRequestType({ actor: w.head, input });
    expect(created).toMatchObject({ name: "New laptop", slug: input.slug, defaultPriority: "HIGH", defaultTeamId: w.team.id, active: true, version: 1, fields: [] });
    const settings = await catalogSettings({ actor: w.head, departmentKey: w.provider.key });
    expect(settings.types.map((t) => t.id)).toEqual([w.type.id, created.id]);
    expect(settings.types[1]).toMatchObject({ requestCount: 0, teamName: w.team.name });
    const catalog = await listCatalog({ actor: w.requester });
    expect(catalog.find((d) => d.id === w.provider.id)?.requestTypes.map((t) => t.slug)).toContain(input.slug);
    expect((await audits(created.id)).map((a) => [a.action, a.actorId])).toEqual([["catalog.type.created", w.head.id]]);
  });

  it("refuses agents, heads of other departments and requesters, creating nothing", async () => {
    for (const actor of [w.agent, w.otherHead, w.requester]) await expectAppError(createRequestType({ actor, input: newType() }), "FORBIDDEN");
    expect(await db().requestType.count({ where: { departmentId: w.provider.id } })).toBe(1);
  });

  it("says what is wrong beside the field and saves nothing", async () => {
    const bad = await expectAppError(createRequestType({ actor: w.head, input: newType({ name: "", slug: "Not A Slug" }) }), "INVALID_INPUT");
    expect(Object.keys(bad.fieldErrors!).sort()).toEqual(["name", "slug"]);
    const team = await expectAppError(createRequestType({ actor: w.head, input: newType({ defaultTeamId: w.foreignTeam.id }) }), "INVALID_INPUT");
    expect(team.fieldErrors).toEqual({ defaultTeamId: ["Choose one of this department's teams."] });
    const taken = await expectAppError(createRequestType({ actor: w.head, input: newType({ slug: w.type.slug }) }), "INVALID_INPUT");
    expect(taken.fieldErrors?.slug?.[0]).toMatch(/already has this address/);
    expect(await db().requestType.count({ where: { departmentId: w.provider.id } })).toBe(1);
  });
});

describe("editing a request type", () => {
  it("saves the changed settings, bumps the version and audits what moved", async () => {
    const before = await db().requestType.findUniqueOrThrow({ where: { id: w.type.id } });
    const updated = await updateRequestType({
      actor: w.head,
      input: { typeId: w.type.id, expectedVersion: before.version, name: "Repair anything", slug: before.slug, description: "Broken things", defaultPriority: "URGENT", defaultTeamId: w.team.id },
    });
    expect(updated).toMatchObject({ name: "Repair anything", description: "Broken things", defaultPriority: "URGENT", defaultTeamId: w.team.id, version: before.version + 1 });
    const [audit] = await audits(w.type.id);
    expect(audit).toMatchObject({ action: "catalog.type.updated", actorId: w.head.id });
    expect(audit!.detail).toMatchObject({ from: { name: "Repair", defaultPriority: "NORMAL" }, to: { name: "Repair anything", defaultPriority: "URGENT" } });
  });

  it("refuses a stale form with CONFLICT and keeps the other head's change", async () => {
    const base = { typeId: w.type.id, slug: w.type.slug, description: "", defaultPriority: "NORMAL" as const, defaultTeamId: "" };
    await updateRequestType({ actor: w.head, input: { ...base, expectedVersion: 1, name: "First head's name" } });
    const stale = await expectAppError(updateRequestType({ actor: w.head, input: { ...base, expectedVersion: 1, name: "Second head's name" } }), "CONFLICT");
    expect(stale.userMessage).toMatch(/Someone else changed this request type/);
    const fields = await expectAppError(setRequestTypeFields({ actor: w.head, input: { typeId: w.type.id, expectedVersion: 1, fields: [] } }), "CONFLICT");
    expect(fields.userMessage).toMatch(/Reload the page/);
    expect(await db().requestType.findUniqueOrThrow({ where: { id: w.type.id } })).toMatchObject({ name: "First head's name", version: 2 });
  });

  it("is NOT_FOUND for a head of another department, FORBIDDEN for the department's agent, and checks input", async () => {
    const input = { typeId: w.type.id, expectedVersion: 1, name: "Hijacked", slug: w.type.slug, defaultPriority: "LOW" as const };
    await expectAppError(updateRequestType({ actor: w.otherHead, input }), "NOT_FOUND");
    await expectAppError(updateRequestType({ actor: w.outsiderAgent, input }), "NOT_FOUND");
    await expectAppError(updateRequestType({ actor: w.agent, input }), "FORBIDDEN");
    await expectAppError(updateRequestType({ actor: w.head, input: { ...input, typeId: "nope" } }), "NOT_FOUND");
    const bad = await expectAppError(updateRequestType({ actor: w.head, input: { ...input, defaultPriority: "SOON" as never } }), "INVALID_INPUT");
    expect(bad.fieldErrors?.defaultPriority).toBeDefined();
    const second = await createRequestType({ actor: w.head, input: newType() });
    const taken = await expectAppError(updateRequestType({ actor: w.head, input: { ...input, slug: second.slug } }), "INVALID_INPUT");
    expect(taken.fieldErrors?.slug).toBeDefined();
    await expectAppError(requestTypeForEditing({ actor: w.otherHead, departmentKey: w.provider.key, typeId: w.type.id }), "NOT_FOUND");
    await expectAppError(catalogSettings({ actor: w.agent, departmentKey: w.provider.key }), "NOT_FOUND");
    expect(await db().requestType.findUniqueOrThrow({ where: { id: w.type.id } })).toMatchObject({ name: "Repair", version: 1, defaultPriority: "NORMAL" });
    expect(await audits(w.type.id)).toEqual([]);
  });
});

describe("taking a type out of the catalogue and ordering it", () => {
  it("deactivates and reactivates without deleting, keeping its requests", async () => {
    const filed = await fileRequest({ actor: w.requester, input: { typeId: w.type.id, title: "Broken chair", description: "It wobbles", submissionKey: `key-${uid()}` } });
    await setRequestTypeActive({ actor: w.head, input: { typeId: w.type.id, active: false } });
    expect((await listCatalog({ actor: w.requester })).some((d) => d.id === w.provider.id)).toBe(false);
    await expectAppError(fileRequest({ actor: w.requester, input: { typeId: w.type.id, title: "Another", description: "x", submissionKey: `key-${uid()}` } }), "NOT_FOUND");
    const settings = await catalogSettings({ actor: w.head, departmentKey: w.provider.key });
    expect(settings.types).toEqual([expect.objectContaining({ id: w.type.id, active: false, requestCount: 1 })]);
    expect((await getRequest({ actor: w.requester, reference: filed.reference })).type.name).toBe("Repair");
    await setRequestTypeActive({ actor: w.head, input: { typeId: w.type.id, active: true } });
    expect((await audits(w.type.id)).map((a) => a.action)).toEqual(["catalog.type.deactivated", "catalog.type.reactivated"]);
    await expectAppError(setRequestTypeActive({ actor: w.agent, input: { typeId: w.type.id, active: false } }), "FORBIDDEN");
    await expectAppError(setRequestTypeActive({ actor: w.otherHead, input: { typeId: w.type.id, active: false } }), "NOT_FOUND");
    await expectAppError(setRequestTypeActive({ actor: w.head, input: { typeId: w.type.id, active: "no" as never } }), "INVALID_INPUT");
    expect((await db().requestType.findUniqueOrThrow({ where: { id: w.type.id } })).active).toBe(true);
  });

  it("moves a type up and down; the ends stay put", async () => {
    const b = await createRequestType({ actor: w.head, input: newType({ name: "Bravo" }) });
    const c = await createRequestType({ actor: w.head, input: newType({ name: "Charlie" }) });
    const order = async () => (await catalogSettings({ actor: w.head, departmentKey: w.provider.key })).types.map((t) => t.id);
    await reorderRequestType({ actor: w.head, input: { typeId: c.id, direction: "up" } });
    expect(await order()).toEqual([w.type.id, c.id, b.id]);
    await reorderRequestType({ actor: w.head, input: { typeId: w.type.id, direction: "up" } });
    await reorderRequestType({ actor: w.head, input: { typeId: w.type.id, direction: "down" } });
    expect(await order()).toEqual([c.id, w.type.id, b.id]);
    expect((await listCatalog({ actor: w.requester })).find((d) => d.id === w.provider.id)?.requestTypes.map((t) => t.id)).toEqual([c.id, w.type.id, b.id]);
    await expectAppError(reorderRequestType({ actor: w.agent, input: { typeId: b.id, direction: "up" } }), "FORBIDDEN");
    await expectAppError(reorderRequestType({ actor: w.otherHead, input: { typeId: b.id, direction: "up" } }), "NOT_FOUND");
    await expectAppError(reorderRequestType({ actor: w.head, input: { typeId: b.id, direction: "sideways" as never } }), "INVALID_INPUT");
    expect(await order()).toEqual([c.id, w.type.id, b.id]);
  });
});

describe("the fields of a type's form", () => {
  const fields: FieldDefinitionInput[] = [
    { key: "model", label: "Model", kind: "select", options: ["13 inch", "15 inch"], required: true },
    { key: "count", label: "How many", kind: "number", min: 1, max: 5, integer: true },
    { key: "manager", label: "Manager", kind: "person" },
    { key: "quote", label: "Quote", kind: "file" },
  ];

  it("saves every kind, bumps the version, and old requests keep and show their values", async () => {
    await setRequestTypeFields({ actor: w.head, input: { typeId: w.type.id, expectedVersion: 1, fields } });
    const filed = await fileRequest({ actor: w.requester, input: { typeId: w.type.id, title: "Laptop", description: "For the new starter", submissionKey: `key-${uid()}`, fieldValues: { model: "13 inch", count: "2" } } });
    const editing = await requestTypeForEditing({ actor: w.head, departmentKey: w.provider.key, typeId: w.type.id });
    expect(editing.type).toMatchObject({ version: 2, requestCount: 1 });
    expect(editing.type.fields.map((f) => f.kind)).toEqual(["select", "number", "person", "file"]);

    // The head drops "count" and renames "model": the filed request still shows both values.
    await setRequestTypeFields({ actor: w.head, input: { typeId: w.type.id, expectedVersion: 2, fields: [{ ...fields[0]!, label: "Screen size" }] } });
    const stored = await db().request.findUniqueOrThrow({ where: { id: filed.id } });
    expect(stored.fieldValues).toEqual({ model: "13 inch", count: 2 });
    const view = await getRequest({ actor: w.requester, reference: filed.reference });
    // A dropped field with no label kept shows its key made readable, never the raw key.
    expect(view.fields.map((f) => [f.label, f.value])).toEqual([["Screen size", "13 inch"], ["Count", 2]]);
    expect((await audits(w.type.id)).map((a) => a.action)).toEqual(["catalog.type.fields_set", "catalog.type.fields_set"]);
  });

  it("refuses bad definitions beside the field, and outsiders, changing nothing", async () => {
    const dup = await expectAppError(setRequestTypeFields({ actor: w.head, input: { typeId: w.type.id, expectedVersion: 1, fields: [fields[0]!, { ...fields[0]! }] } }), "INVALID_INPUT");
    expect(dup.userMessage).toMatch(/unique/);
    const noOptions = await expectAppError(setRequestTypeFields({ actor: w.head, input: { typeId: w.type.id, expectedVersion: 1, fields: [{ key: "model", label: "Model", kind: "select", options: [] }] } }), "INVALID_INPUT");
    expect(Object.keys(noOptions.fieldErrors!)).toEqual(["fields.0.options"]);
    const range = await expectAppError(setRequestTypeFields({ actor: w.head, input: { typeId: w.type.id, expectedVersion: 1, fields: [{ key: "n", label: "N", kind: "number", min: 5, max: 1 }] } }), "INVALID_INPUT");
    expect(Object.keys(range.fieldErrors!)).toEqual(["fields.0.max"]);
    const kind = await expectAppError(setRequestTypeFields({ actor: w.head, input: { typeId: w.type.id, expectedVersion: 1, fields: [{ key: "n", label: "N", kind: "colour" }] as never } }), "INVALID_INPUT");
    expect(Object.keys(kind.fieldErrors!)[0]).toMatch(/^fields\.0/);
    await expectAppError(setRequestTypeFields({ actor: w.agent, input: { typeId: w.type.id, expectedVersion: 1, fields } }), "FORBIDDEN");
    await expectAppError(setRequestTypeFields({ actor: w.otherHead, input: { typeId: w.type.id, expectedVersion: 1, fields } }), "NOT_FOUND");
    expect(await db().requestType.findUniqueOrThrow({ where: { id: w.type.id } })).toMatchObject({ fields: [], version: 1 });
    expect(await audits(w.type.id)).toEqual([]);
  });
});
