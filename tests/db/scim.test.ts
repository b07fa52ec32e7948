import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import * as route from "@/app/scim/v2/[[...path]]/route";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { findApiToken } from "@/lib/api-tokens/authenticate-api-token";
import { db } from "@/lib/db/client";
import { loadActor } from "@/lib/org/load-actor";
import { fileRequest } from "@/lib/requests/file-request";
import { updateRequest } from "@/lib/requests/update-request";
import { createScimToken, listScimTokens, revokeScimToken } from "@/lib/scim/scim-tokens";
import { scimGroupSchema, scimUserSchema } from "@/lib/validation/scim";
import { isStorableText } from "@/lib/validation/text";
import { expectAppError } from "../support/expect-app-error";
import { hostile, keysOf } from "../support/hostile";
import { actorOf, seedDepartment, seedDesk, seedPerson, uid } from "../support/factories";

type Desk = Awaited<ReturnType<typeof seedDesk>>;
const fixtures = path.resolve("tests/fixtures/scim");
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name), "utf8");

let desk: Desk;
let admin: Awaited<ReturnType<typeof actorOf>>;
let token: string;

beforeAll(async () => {
  desk = await seedDesk();
  admin = await actorOf((await seedPerson({ departmentId: desk.provider.id, roles: [{ role: "ADMIN" }] })).id);
  token = (await createScimToken({ actor: admin, input: { name: `Okta ${uid()}` } })).secret;
});

/** Calls /scim/v2 the way Next.js does: the route handler with a real Request. */
async function scim(method: string, pathAndQuery: string, options: { body?: string | object; token?: string | null } = {}) {
  const [pathname, query] = pathAndQuery.split("?");
  const headers: Record<string, string> = { "content-type": "application/scim+json" };
  const bearer = options.token === undefined ? token : options.token;
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const body = options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  const request = new Request(`http://desk.test/scim/v2${pathname}${query ? `?${query}` : ""}`, { method, headers, body });
  const segments = pathname!.split("/").filter(Boolean).map(decodeURIComponent);
  const handler = route[method as "GET"];
  const response = await handler(request, { params: Promise.resolve({ path: segments }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: (text ? JSON.parse(text) : null) as Record<string, any> };
}

/** A person's grants as ROLE:KEY, sorted. */
const grantsOf = async (personId: string) =>
  (await db().roleGrant.findMany({ where: { personId }, include: { department: true } })).map((g) => `${g.role}:${g.department?.key ?? ""}`).sort();

describe("SCIM tokens", () => {
  it("are made by admins only, shown once, stored hashed, and audited", async () => {
    await expectAppError(createScimToken({ actor: desk.head, input: { name: "Mine" } }), "FORBIDDEN");
    await expectAppError(listScimTokens({ actor: desk.agent }), "FORBIDDEN");
    const made = await createScimToken({ actor: admin, input: { name: "Entra" } });
    expect(made.secret).toMatch(/^scim_/);
    const row = await db().scimToken.findUniqueOrThrow({ where: { id: made.id } });
    expect(JSON.stringify(row)).not.toContain(made.secret);
    expect(await db().auditEvent.count({ where: { subject: `scim_token:${made.id}`, action: "scim_token.created" } })).toBe(1);
  });

  it("answers 401 in SCIM's shape without a token, with a wrong one, and with a revoked one", async () => {
    for (const bad of [null, "nonsense", `scim_${"x".repeat(43)}`, "sd_notascimtoken"]) {
      const r = await scim("GET", "/Users", { token: bad });
      expect(r.status).toBe(401);
      expect(r.json).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "401" });
      expect(r.headers.get("www-authenticate")).toContain("Bearer");
    }
    const made = await createScimToken({ actor: admin, input: { name: "Short-lived" } });
    expect((await scim("GET", "/ServiceProviderConfig", { token: made.secret })).status).toBe(200);
    await revokeScimToken({ actor: admin, input: { tokenId: made.id } });
    const revoked = await scim("GET", "/Users", { token: made.secret });
    expect(revoked.status).toBe(401);
    expect(revoked.json.detail).toMatch(/revoked/);
    // Even discovery needs the token.
    expect((await scim("GET", "/Schemas", { token: null })).status).toBe(401);
  });
});

describe("discovery", () => {
  it("describes the endpoint: ServiceProviderConfig, ResourceTypes and Schemas", async () => {
    const config = await scim("GET", "/ServiceProviderConfig");
    expect(config.json).toMatchObject({ patch: { supported: true }, filter: { supported: true }, bulk: { supported: false } });
    const types = await scim("GET", "/ResourceTypes");
    expect(types.json.Resources.map((r: { id: string }) => r.id)).toEqual(["User", "Group"]);
    expect((await scim("GET", "/ResourceTypes/User")).json.schemaExtensions[0].schema).toBe("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
    const schemas = await scim("GET", "/Schemas");
    expect(schemas.json.totalResults).toBe(3);
    expect((await scim("GET", "/Schemas/nope")).status).toBe(404);
    expect((await scim("GET", "/Nothing")).status).toBe(404);
    expect((await scim("DELETE", "/ServiceProviderConfig")).status).toBe(405);
  });
});

describe("Okta's requests", () => {
  it("round-trip: look up, create, read, replace, page, deactivate; groups pushed, renamed, members added and removed", async () => {
    const lookup = await scim("GET", "/Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100");
    expect(lookup.status).toBe(200);
    expect(lookup.json).toMatchObject({ totalResults: 0, Resources: [] });

    const created = await scim("POST", "/Users", { body: fixture("okta-create-user.json") });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ userName: "test.user@okta.local", externalId: "00ujl29u0le5T6Aj10h7", active: true, name: { givenName: "Test", familyName: "User" } });
    const userId = created.json.id as string;
    expect(created.headers.get("location")).toMatch(new RegExp(`/scim/v2/Users/${userId}$`));
    const person = await db().person.findUniqueOrThrow({ where: { id: userId } });
    expect(person).toMatchObject({ email: "test.user@okta.local", name: "Test User", active: true, scimExternalId: "00ujl29u0le5T6Aj10h7" });

    expect((await scim("POST", "/Users", { body: fixture("okta-create-user.json") })).json).toMatchObject({ status: "409", scimType: "uniqueness" });
    const found = await scim("GET", "/Users?filter=userName%20eq%20%22TEST.USER%40okta.local%22&startIndex=1&count=100");
    expect(found.json.totalResults).toBe(1);
    expect(found.json.Resources[0].id).toBe(userId);
    expect((await scim("GET", `/Users/${userId}`)).json.userName).toBe("test.user@okta.local");

    const replaced = await scim("PUT", `/Users/${userId}`, { body: fixture("okta-replace-user.json").replaceAll("23a35c27-23d3-4c03-b4c5-6443c09e7173", userId) });
    expect(replaced.status).toBe(200);
    expect(replaced.json.name).toMatchObject({ givenName: "Another", familyName: "User" });

    const page = await scim("GET", "/Users?startIndex=1&count=2");
    expect(page.json).toMatchObject({ startIndex: 1, itemsPerPage: 2 });
    expect(page.json.totalResults).toBeGreaterThan(2);
    const next = await scim("GET", "/Users?startIndex=3&count=2");
    expect(next.json.Resources[0].id).not.toBe(page.json.Resources[0].id);

    const group = await scim("POST", "/Groups", { body: fixture("okta-create-group.json") });
    expect(group.status).toBe(201);
    const groupId = group.json.id as string;
    expect(group.json).toMatchObject({ displayName: "Test SCIMv2", members: [] });
    const department = await db().department.findUniqueOrThrow({ where: { id: groupId } });
    expect(department.key).toMatch(/^TESTSC/);

    const renamed = await scim("PATCH", `/Groups/${groupId}`, { body: fixture("okta-rename-group.json").replaceAll("abf4dd94-a4c0-4f67-89c9-76b03340cb9b", groupId) });
    expect(renamed.json.displayName).toBe("Test SCIMv2 renamed");
    const added = await scim("PATCH", `/Groups/${groupId}`, { body: fixture("okta-add-group-members.json").replaceAll("23a35c27-23d3-4c03-b4c5-6443c09e7173", userId) });
    expect(added.json.members.map((m: { value: string }) => m.value)).toEqual([userId]);
    expect((await db().person.findUniqueOrThrow({ where: { id: userId } })).departmentId).toBe(groupId);
    const removed = await scim("PATCH", `/Groups/${groupId}`, { body: fixture("okta-remove-group-member.json").replaceAll("23a35c27-23d3-4c03-b4c5-6443c09e7173", userId) });
    expect(removed.status).toBe(200);

    const deactivated = await scim("PATCH", `/Users/${userId}`, { body: fixture("okta-deactivate-user.json") });
    expect(deactivated.json.active).toBe(false);
    expect((await db().person.findUniqueOrThrow({ where: { id: userId } })).active).toBe(false);
  });
});

describe("Entra ID's requests", () => {
  it("round-trip: a userName that is no address, capitalised ops, path forms, the manager, string booleans, groups", async () => {
    const created = await scim("POST", "/Users", { body: fixture("entra-create-user.json") });
    expect(created.status).toBe(201);
    const userId = created.json.id as string;
    expect(created.json).toMatchObject({ userName: "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1", externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef", name: { formatted: "givenName familyName" } });
    expect((await db().person.findUniqueOrThrow({ where: { id: userId } })).email).toBe("test_user_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com");
    const lookup = await scim("GET", `/Users?${new URLSearchParams({ filter: 'userName eq "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1"' })}`);
    expect(lookup.json.Resources.map((r: { id: string }) => r.id)).toEqual([userId]);
    expect((await scim("GET", `/Users?${new URLSearchParams({ filter: 'externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"' })}`)).json.totalResults).toBe(1);

    const multi = await scim("PATCH", `/Users/${userId}`, { body: fixture("entra-update-user-multivalued.json") });
    expect(multi.status).toBe(200);
    expect(multi.json.emails[0].value).toBe("updatedemail@microsoft.com");
    expect(multi.json.name.familyName).toBe("updatedFamilyName");
    const single = await scim("PATCH", `/Users/${userId}`, { body: fixture("entra-update-user-singlevalued.json") });
    expect(single.json.userName).toBe("5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com");

    const manager = await seedPerson({ departmentId: desk.provider.id, name: "Mona Manager" });
    const withManager = await scim("PATCH", `/Users/${userId}`, { body: fixture("entra-set-manager.json").replaceAll("2819c223-7f76-453a-919d-413861904646", manager.id) });
    expect(withManager.json["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"].manager).toMatchObject({ value: manager.id, displayName: "Mona Manager" });
    expect((await db().person.findUniqueOrThrow({ where: { id: userId } })).managerId).toBe(manager.id);
    // Okta's form of the same: the extension in a path-less replace, and removing it again.
    await scim("PATCH", `/Users/${userId}`, { body: { Operations: [{ op: "remove", path: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager" }] } });
    expect((await db().person.findUniqueOrThrow({ where: { id: userId } })).managerId).toBeNull();
    await scim("PATCH", `/Users/${userId}`, { body: { Operations: [{ op: "replace", value: { "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { manager: { value: manager.id } } } }] } });
    expect((await db().person.findUniqueOrThrow({ where: { id: userId } })).managerId).toBe(manager.id);

    const group = await scim("POST", "/Groups", { body: fixture("entra-create-group.json") });
    expect(group.status).toBe(201);
    const groupId = group.json.id as string;
    expect(group.json.externalId).toBe("8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159");
    const lookupGroup = await scim("GET", `/Groups?${new URLSearchParams({ excludedAttributes: "members", filter: 'displayName eq "displayName"' })}`);
    expect(lookupGroup.json.Resources).toHaveLength(1);
    expect(lookupGroup.json.Resources[0].members).toBeUndefined();
    await scim("PATCH", `/Groups/${groupId}`, { body: fixture("entra-add-group-member.json").replaceAll("f648f8d5ea4e4cd38e9c", userId) });
    expect((await db().person.findUniqueOrThrow({ where: { id: userId } })).departmentId).toBe(groupId);
    expect((await scim("PATCH", `/Groups/${groupId}`, { body: fixture("entra-remove-group-member.json").replaceAll("a2a3f6f9f4ed4ec2a5e6", userId) })).status).toBe(200);
    const renamed = await scim("PATCH", `/Groups/${groupId}`, { body: fixture("entra-update-group-name.json") });
    expect(renamed.json.displayName).toBe("1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName");

    const disabled = await scim("PATCH", `/Users/${userId}`, { body: fixture("entra-disable-user-string.json") });
    expect(disabled.json.active).toBe(false);
    const enabled = await scim("PATCH", `/Users/${userId}`, { body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "Replace", path: "active", value: "True" }] } });
    expect(enabled.json.active).toBe(true);
    expect((await scim("PATCH", `/Users/${userId}`, { body: fixture("entra-disable-user.json") })).json.active).toBe(false);
  });
});

describe("roles", () => {

  it("keeps agent, head and HR in step through Entra's app roles; admin stays the desk's; a bad role changes nothing", async () => {
    const home = await seedDepartment();
    const other = await seedDepartment();
    const userName = `roles-${uid()}@example.com`;
    const created = await scim("POST", "/Users", {
      body: { ...JSON.parse(fixture("entra-create-user.json")), userName, externalId: uid(), emails: [{ primary: true, type: "work", value: userName }], "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: home.name } },
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect(created.json.roles).toEqual([]);
    const version = async () => (await db().person.findUniqueOrThrow({ where: { id } })).authVersion;
    const v0 = await version();

    const added = await scim("PATCH", `/Users/${id}`, { body: fixture("entra-add-app-roles.json") });
    expect(added.status).toBe(200);
    expect(added.json.roles.map((r: { value: string }) => r.value)).toEqual(["agent", "hr"]);
    expect(await grantsOf(id)).toEqual([`AGENT:${home.key}`, "HR:"].sort());
    // New rights apply at once: the person's sessions end, as on an admin's change of roles.
    expect(await version()).toBe(v0 + 1);
    // Entra sends every role again on the next assignment: nothing changes, nobody is signed out.
    await scim("PATCH", `/Users/${id}`, { body: fixture("entra-add-app-roles.json") });
    expect(await version()).toBe(v0 + 1);

    // AssertiveAppRoleAssignmentsComplex replaces the roles with those still assigned: HR is taken away.
    await scim("PATCH", `/Users/${id}`, { body: fixture("entra-assertive-app-roles.json") });
    expect(await grantsOf(id)).toEqual([`AGENT:${home.key}`].sort());
    const single = await scim("PATCH", `/Users/${id}`, { body: fixture("entra-single-app-role.json") });
    expect(single.json.roles.map((r: { value: string }) => r.value)).toEqual(["agent", "head"]);
    expect(await grantsOf(id)).toEqual([`AGENT:${home.key}`, `HEAD:${home.key}`].sort());
    await scim("PATCH", `/Users/${id}`, { body: { Operations: [{ op: "add", path: `roles[value eq "agent:${other.key}"]` }] } });
    expect(await grantsOf(id)).toEqual([`AGENT:${home.key}`, `AGENT:${other.key}`, `HEAD:${home.key}`].sort());
    expect((await scim("GET", `/Users/${id}`)).json.roles.map((r: { value: string }) => r.value)).toEqual(["agent", `agent:${other.key}`, "head"]);
    await scim("PATCH", `/Users/${id}`, { body: { Operations: [{ op: "remove", path: `roles[value eq "head"]` }] } });
    expect(await grantsOf(id)).toEqual([`AGENT:${home.key}`, `AGENT:${other.key}`].sort());
    const audited = await db().auditEvent.findMany({ where: { subject: `person:${id}`, action: "scim.user.patched" }, orderBy: { id: "asc" } });
    expect(audited.filter((a) => (a.detail as { roles?: unknown }).roles !== undefined)).toHaveLength(5);

    // Okta's PUT carries no roles: they stay. Admin is the desk's own: kept when the provider empties the roles, and never granted by it.
    await scim("PUT", `/Users/${id}`, { body: { ...JSON.parse(fixture("okta-replace-user.json")), userName, emails: [{ primary: true, value: userName, type: "work" }] } });
    expect(await grantsOf(id)).toEqual([`AGENT:${home.key}`, `AGENT:${other.key}`].sort());
    await db().roleGrant.create({ data: { personId: id, role: "ADMIN" } });
    await scim("PATCH", `/Users/${id}`, { body: { Operations: [{ op: "Replace", path: "roles", value: [] }] } });
    expect(await grantsOf(id)).toEqual(["ADMIN:"].sort());
    const before = await version();
    for (const roles of [[{ value: "admin" }], [{ value: "boss" }], [{ value: "agent:NOPE" }], [{ value: "hr:FAC" }], [{ value: 7 }]]) {
      const refused = await scim("PATCH", `/Users/${id}`, { body: { Operations: [{ op: "add", path: "roles", value: roles }] } });
      expect(refused.status, JSON.stringify(roles)).toBe(400);
      expect(refused.json.scimType).toBe("invalidValue");
    }
    expect((await scim("POST", "/Users", { body: { userName: `roles-${uid()}@example.com`, roles: ["admin"] } })).status).toBe(400);
    expect(await grantsOf(id)).toEqual(["ADMIN:"].sort());
    expect(await version()).toBe(before);

    // A user created with roles and a department gets them there.
    const head = await scim("POST", "/Users", { body: { userName: `roles-${uid()}@example.com`, roles: [{ value: "head" }], "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: other.name } } });
    expect(head.status).toBe(201);
    expect(await grantsOf(head.json.id as string)).toEqual([`AGENT:${other.key}`, `HEAD:${other.key}`].sort());
  });
});

describe("roles as Entra and Okta document sending them", () => {
  const inDepartment = (body: string, department: string) => ({ ...JSON.parse(body), externalId: uid(), "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department } });
  const withUser = (body: string, userName: string) => ({ ...JSON.parse(body), userName, emails: [{ primary: true, type: "work", value: userName }] });

  it("Entra: POST with the single app role or the complex ones, then PATCH with each role as its app role's JSON text", async () => {
    const home = await seedDepartment();
    const single = await scim("POST", "/Users", { body: withUser(JSON.stringify(inDepartment(fixture("entra-create-user-single-app-role.json"), home.name)), `single-${uid()}@contoso.example`) });
    expect(single.status).toBe(201);
    expect(await grantsOf(single.json.id as string)).toEqual([`AGENT:${home.key}`]);
    // SingleAppRoleAssignment's PATCH adds the role whose JSON text it sends.
    const patched = await scim("PATCH", `/Users/${single.json.id}`, { body: fixture("entra-single-app-role.json") });
    expect(patched.status).toBe(200);
    expect(await grantsOf(single.json.id as string)).toEqual([`AGENT:${home.key}`, `HEAD:${home.key}`]);

    const complex = await scim("POST", "/Users", { body: withUser(JSON.stringify(inDepartment(fixture("entra-create-user-app-roles.json"), home.name)), `complex-${uid()}@contoso.example`) });
    expect(complex.status).toBe(201);
    expect(complex.json.roles.map((r: { value: string }) => r.value)).toEqual(["agent", "head", "hr"]);
    // A JSON text naming admin, or nothing the desk knows, is refused like a plain value and changes nothing.
    for (const inner of ["admin", "boss", ""]) {
      const body = { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "Add", path: "roles", value: [{ value: JSON.stringify({ id: "06b07648-ecfe-589f-9d2f-6325724a46ee", value: inner, displayName: inner }) }] }] };
      const refused = await scim("PATCH", `/Users/${complex.json.id}`, { body });
      expect(refused.status, inner).toBe(400);
    }
    expect(await grantsOf(complex.json.id as string)).toEqual([`AGENT:${home.key}`, `HEAD:${home.key}`, "HR:"]);
  });

  it("Okta: roles in the user it creates and in the whole user it PUTs (Okta Identity Governance's user with roles)", async () => {
    const home = await seedDepartment();
    const userName = `okta-roles-${uid()}@okta.example`;
    const created = await scim("POST", "/Users", { body: withUser(JSON.stringify(inDepartment(fixture("okta-create-user-roles.json"), home.name)), userName) });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect(await grantsOf(id)).toEqual([`AGENT:${home.key}`]);
    const replaced = await scim("PUT", `/Users/${id}`, { body: withUser(fixture("okta-replace-user-roles.json").replaceAll("23a35c27-23d3-4c03-b4c5-6443c09e7173", id), userName) });
    expect(replaced.status).toBe(200);
    expect(replaced.json.roles.map((r: { value: string }) => r.value)).toEqual(["agent", "head", "hr"]);
    expect(await grantsOf(id)).toEqual([`AGENT:${home.key}`, `HEAD:${home.key}`, "HR:"]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { subject: `person:${id}`, action: "scim.user.replaced" } });
    expect(audit.detail).toMatchObject({ roles: { from: [`AGENT:${home.id}`], to: [`AGENT:${home.id}`, `HEAD:${home.id}`, "HR:"] } });
  });
});

describe("a department move", () => {
  const assigneeOf = async (requestId: string) => (await db().request.findUniqueOrThrow({ where: { id: requestId } })).assigneeId;
  const move = (id: string, department: string) => ({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "Replace", path: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", value: department }] });

  /** An agent of the provider (their home) who also works a third department and is HR, on a team, with open and resolved work. */
  async function busyAgent() {
    const third = await seedDepartment();
    const person = await seedPerson({ departmentId: desk.provider.id, roles: [{ role: "AGENT", departmentId: desk.provider.id }, { role: "AGENT", departmentId: third.id }, { role: "HR" }] });
    const team = await db().team.create({ data: { departmentId: desk.provider.id, name: `Move ${uid()}` } });
    await db().teamMember.create({ data: { teamId: team.id, personId: person.id } });
    const file = (title: string) => fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title, description: "x", fieldValues: {}, submissionKey: `mv-${uid()}` } });
    const [open, done] = [await file("Open work"), await file("Done work")];
    for (const r of [open, done]) await updateRequest({ actor: desk.head, input: { requestId: r.id, expectedVersion: 1, assigneeId: person.id } });
    await updateRequest({ actor: desk.head, input: { requestId: done.id, status: "RESOLVED" } });
    const thirdType = await db().requestType.create({ data: { departmentId: third.id, slug: `t-${uid()}`, name: "Third" } });
    const elsewhere = await fileRequest({ actor: desk.requester, input: { typeId: thirdType.id, title: "Third's work", description: "x", fieldValues: {}, submissionKey: `mv-${uid()}` } });
    await updateRequest({ actor: await actorOf((await seedPerson({ departmentId: third.id, roles: [{ role: "HEAD", departmentId: third.id }] })).id), input: { requestId: elsewhere.id, expectedVersion: 1, assigneeId: person.id } });
    return { person, third, team, open, done, elsewhere };
  }

  it("moves the agent's roles to the new department and hands the old one's open work back, with events and an audit entry", async () => {
    const { person, third, team, open, done, elsewhere } = await busyAgent();
    const target = await seedDepartment();
    const v0 = (await db().person.findUniqueOrThrow({ where: { id: person.id } })).authVersion;
    const moved = await scim("PATCH", `/Users/${person.id}`, { body: move(person.id, target.name) });
    expect(moved.status).toBe(200);
    expect(moved.json.roles.map((r: { value: string }) => r.value)).toEqual(["agent", `agent:${third.key}`, "hr"]);
    expect(await grantsOf(person.id)).toEqual([`AGENT:${target.key}`, `AGENT:${third.key}`, "HR:"].sort());
    // The open request goes back to the queue, said so in its timeline by the desk; resolved work and the third department's stay.
    expect(await assigneeOf(open.id)).toBeNull();
    const events = await db().requestEvent.findMany({ where: { requestId: open.id, type: "assigned" }, orderBy: { id: "asc" } });
    expect(events.at(-1)).toMatchObject({ actorId: null, from: { assigneeId: person.id }, to: { assigneeId: null } });
    expect(await assigneeOf(done.id)).toBe(person.id);
    expect(await assigneeOf(elsewhere.id)).toBe(person.id);
    expect(await db().teamMember.count({ where: { teamId: team.id, personId: person.id } })).toBe(0);
    expect((await db().person.findUniqueOrThrow({ where: { id: person.id } })).authVersion).toBeGreaterThan(v0);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { subject: `person:${person.id}`, action: "scim.user.patched" }, orderBy: { id: "desc" } });
    expect(audit.detail).toMatchObject({ department: { from: desk.provider.id, to: target.id, rolesMoved: ["AGENT"] }, leftDepartments: [desk.provider.id], unassigned: 1, teamsLeft: 1 });

    // Denied from now on: no longer an agent of the old department, they cannot work its requests nor be given them.
    const actor = await actorOf(person.id);
    expect(actor.agentOf.sort()).toEqual([target.id, third.id].sort());
    await expectAppError(updateRequest({ actor, input: { requestId: open.id, status: "RESOLVED" } }), "NOT_FOUND");
    const { version } = await db().request.findUniqueOrThrow({ where: { id: open.id } });
    await expectAppError(updateRequest({ actor: desk.head, input: { requestId: open.id, expectedVersion: version, assigneeId: person.id } }), "INVALID_INPUT");
    expect(await assigneeOf(open.id)).toBeNull();
  });

  it("through a group the person is added to; with roles in the same request, those apply in the new department", async () => {
    const { person, open } = await busyAgent();
    const group = await scim("POST", "/Groups", { body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: `Moved ${uid()}` } });
    const key = (await db().department.findUniqueOrThrow({ where: { id: group.json.id as string } })).key;
    await scim("PATCH", `/Groups/${group.json.id}`, { body: fixture("entra-add-group-member.json").replaceAll("f648f8d5ea4e4cd38e9c", person.id) });
    expect((await db().person.findUniqueOrThrow({ where: { id: person.id } })).departmentId).toBe(group.json.id);
    expect(await grantsOf(person.id)).toContain(`AGENT:${key}`);
    expect(await grantsOf(person.id)).not.toContain(`AGENT:${desk.provider.key}`);
    expect(await assigneeOf(open.id)).toBeNull();
    const audit = await db().auditEvent.findFirstOrThrow({ where: { subject: `person:${person.id}`, action: "scim.user.moved" } });
    expect(audit.detail).toMatchObject({ department: { from: desk.provider.id, to: group.json.id }, leftDepartments: [desk.provider.id], unassigned: 1 });

    // A PUT that moves them back and says "head": head (and agent) of the provider again, nothing of the group's.
    const back = { ...JSON.parse(fixture("okta-replace-user.json")), userName: person.email, emails: [{ primary: true, value: person.email, type: "work" }], roles: [{ value: "head" }, { value: "hr" }], "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: desk.provider.name } };
    expect((await scim("PUT", `/Users/${person.id}`, { body: back })).status).toBe(200);
    expect(await grantsOf(person.id)).toEqual([`AGENT:${desk.provider.key}`, `HEAD:${desk.provider.key}`, "HR:"].sort());
  });

  it("refused (a bad role beside the move) changes nothing: same department, roles, team and assignments, no event", async () => {
    const { person, team, open } = await busyAgent();
    const target = await seedDepartment();
    const events = await db().requestEvent.count({ where: { requestId: open.id } });
    const body = move(person.id, target.name);
    body.Operations.push({ op: "add", path: "roles", value: [{ value: "admin" }] } as never);
    const refused = await scim("PATCH", `/Users/${person.id}`, { body });
    expect(refused.status).toBe(400);
    expect((await db().person.findUniqueOrThrow({ where: { id: person.id } })).departmentId).toBe(desk.provider.id);
    expect(await grantsOf(person.id)).toContain(`AGENT:${desk.provider.key}`);
    expect(await assigneeOf(open.id)).toBe(person.id);
    expect(await db().teamMember.count({ where: { teamId: team.id, personId: person.id } })).toBe(1);
    expect(await db().requestEvent.count({ where: { requestId: open.id } })).toBe(events);
  });
});

describe("deactivation", () => {
  it("through SCIM ends the person's sessions and API tokens at once", async () => {
    const person = await seedPerson({ departmentId: desk.other.id });
    const actor = await actorOf(person.id);
    const api = await createApiToken({ actor, input: { name: "script" } });
    await findApiToken({ authorization: `Bearer ${api.secret}` });
    const before = (await db().person.findUniqueOrThrow({ where: { id: person.id } })).authVersion;
    // What every signed-in page asks of a session (lib/auth/session.ts): the person, at the session's authVersion.
    expect((await loadActor(db(), person.id))?.authVersion).toBe(before);
    const r = await scim("PATCH", `/Users/${person.id}`, { body: fixture("okta-deactivate-user.json") });
    expect(r.status).toBe(200);
    const after = await db().person.findUniqueOrThrow({ where: { id: person.id } });
    expect(after.active).toBe(false);
    expect(after.authVersion).toBe(before + 1);
    expect(await loadActor(db(), person.id)).toBeNull();
    await expectAppError(findApiToken({ authorization: `Bearer ${api.secret}` }), "UNAUTHENTICATED");
    expect(await db().auditEvent.count({ where: { subject: `person:${person.id}`, action: "scim.user.patched" } })).toBe(1);
  });

  it("DELETE deactivates too and makes the user unknown to SCIM; creating them again brings them back", async () => {
    const dept = await seedDepartment();
    const person = await seedPerson({ departmentId: dept.id });
    expect((await scim("DELETE", `/Users/${person.id}`)).status).toBe(204);
    expect((await scim("GET", `/Users/${person.id}`)).status).toBe(404);
    expect((await db().person.findUniqueOrThrow({ where: { id: person.id } })).active).toBe(false);
    const again = await scim("POST", "/Users", { body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: person.email, name: { givenName: "Back", familyName: "Again" }, active: true } });
    expect(again.status).toBe(201);
    expect(again.json.id).toBe(person.id);
    expect(again.json.active).toBe(true);
  });

  it("refuses to deactivate the last active admin", async () => {
    const others = await db().person.findMany({ where: { active: true, roles: { some: { role: "ADMIN" } }, id: { not: admin.id } }, select: { id: true } });
    await db().roleGrant.deleteMany({ where: { role: "ADMIN", personId: { in: others.map((o) => o.id) } } });
    try {
      const r = await scim("PATCH", `/Users/${admin.id}`, { body: fixture("okta-deactivate-user.json") });
      expect(r.status).toBe(409);
      expect((await db().person.findUniqueOrThrow({ where: { id: admin.id } })).active).toBe(true);
    } finally {
      await db().roleGrant.createMany({ data: others.map((o) => ({ personId: o.id, role: "ADMIN" as const })) });
    }
  });
});

describe("bad requests", () => {
  it("answer 4xx in SCIM's shape and change nothing", async () => {
    const count = await db().person.count();
    const cases: [string, string, string | object | undefined, number][] = [
      ["POST", "/Users", "{not json", 400],
      ["POST", "/Users", { userName: "" }, 400],
      ["POST", "/Users", { userName: "no-address" }, 400],
      ["POST", "/Users", { userName: "a\u0000b@x.io" }, 400],
      ["GET", "/Users?filter=userName%20sw%20%22a%22", undefined, 400],
      ["GET", "/Users?filter=title%20eq%20%22a%22", undefined, 400],
      ["GET", "/Users/does-not-exist", undefined, 404],
      ["PATCH", `/Users/${desk.requester.id}`, { Operations: [{ op: "move", path: "active" }] }, 400],
      ["PATCH", `/Users/${desk.requester.id}`, { Operations: [{ op: "replace", path: "active", value: "maybe" }] }, 400],
      ["PATCH", `/Users/${desk.requester.id}`, { Operations: [] }, 400],
      ["PATCH", `/Groups/${desk.provider.id}`, { Operations: [{ op: "add", path: "members", value: [{ value: "nobody" }] }] }, 400],
      ["PATCH", `/Groups/${desk.provider.id}`, { Operations: [{ op: "replace", path: "owner", value: "x" }] }, 400],
      ["POST", "/Groups", { displayName: desk.provider.name }, 409],
    ];
    for (const [method, target, body, status] of cases) {
      const r = await scim(method, target, { body });
      expect(r.status, `${method} ${target}`).toBe(status);
      expect(r.json.schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:Error"]);
    }
    expect(await db().person.count()).toBe(count);
    expect((await db().person.findUniqueOrThrow({ where: { id: desk.requester.id } })).active).toBe(true);
  });
});

describe("the SCIM endpoint against hostile input (fuzz tier, HTTP)", () => {
  it("answers every call below 500, in SCIM's error shape when refused", async () => {
    const user = await seedPerson({ departmentId: desk.other.id });
    const group = await seedDepartment();
    const h = hostile([user.id, group.id, "Users", "Groups", "members", "active", "userName", "displayName"], {
      userName: `fuzz.${uid()}@example.com`,
      displayName: `Fuzz ${uid()}`,
      op: "replace",
      path: "active",
    });
    // proxy.ts refuses paths and queries that are not UTF-8 text before they reach a route.
    const text = h.string.filter(isStorableText);
    const segment = fc.oneof(fc.constantFrom("Users", "Groups", "Schemas", "ResourceTypes", "ServiceProviderConfig"), text.filter((s) => !s.includes("/")));
    const id = fc.oneof(fc.constantFrom(user.id, group.id), text.filter((s) => !s.includes("/")));
    const operation = h.object(["op", "path", "value"]);
    const body = fc.oneof(
      h.object(keysOf(scimUserSchema)).map((v) => JSON.stringify(v)),
      h.object(keysOf(scimGroupSchema)).map((v) => JSON.stringify(v)),
      fc.array(operation, { maxLength: 3 }).map((Operations) => JSON.stringify({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations })),
      fc.constantFrom("{", "null", "[]", '"x"', '{"userName":"\\ud800"}', '{"Operations":[{"op":"Replace","path":"active","value":"\\u0000"}]}', ""),
    );
    const query = fc.oneof(fc.constant(""), text.map((s) => `filter=${encodeURIComponent(s)}`), text.map((s) => `filter=${encodeURIComponent(`userName eq "${s}"`)}&startIndex=${encodeURIComponent(s)}&count=-5`));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE"), segment, fc.option(id), query, body, async (method, resource, target, q, payload) => {
        const path = `/${encodeURIComponent(resource)}${target === null ? "" : `/${encodeURIComponent(target)}`}${q ? `?${q}` : ""}`;
        const r = await scim(method, path, { body: method === "GET" || method === "DELETE" ? undefined : payload });
        expect(r.status, `${method} ${path} ${payload}`).toBeLessThan(500);
        if (r.status >= 400) expect(r.json.schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:Error"]);
      }),
      { numRuns: 150 },
    );
  });
});
