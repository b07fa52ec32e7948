import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { cannedResponseSettings } from "@/lib/canned-responses/canned-response-settings";
import { cannedResponsesForRequest } from "@/lib/canned-responses/canned-responses-for-request";
import { createCannedResponse, deleteCannedResponse, updateCannedResponse } from "@/lib/canned-responses/manage-canned-responses";
import { fillPlaceholders } from "@/lib/canned-responses/placeholders";
import { fileRequest } from "@/lib/requests/file-request";
import { actorOf, seedDesk, seedPerson, uid } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";

type Desk = Awaited<ReturnType<typeof seedDesk>>;
let desk: Desk;
beforeEach(async () => {
  desk = await seedDesk();
});

const auditFor = (subject: string) => db().auditEvent.findMany({ where: { subject }, orderBy: { id: "asc" } });
const create = (actor: Actor, title = `Greeting ${uid()}`, body = "Hello {{requester.firstName}}, we are on {{request.reference}}. {{agent.name}}") =>
  createCannedResponse({ actor, input: { departmentId: desk.provider.id, title, body } });

describe("canned responses for the head", () => {
  it("creates, edits and deletes, with an audit event for each change", async () => {
    const row = await create(desk.head, "Greeting");
    expect(row).toMatchObject({ departmentId: desk.provider.id, title: "Greeting", createdById: desk.head.id });
    await updateCannedResponse({ actor: desk.head, input: { cannedResponseId: row.id, title: "Welcome", body: "Hi {{requester.name}}" } });
    expect(await db().cannedResponse.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ title: "Welcome", body: "Hi {{requester.name}}" });
    const settings = await cannedResponseSettings({ actor: desk.head, departmentKey: desk.provider.key.toLowerCase() });
    expect(settings.responses.map((r) => r.title)).toEqual(["Welcome"]);
    await deleteCannedResponse({ actor: desk.head, input: { cannedResponseId: row.id } });
    expect(await db().cannedResponse.count({ where: { departmentId: desk.provider.id } })).toBe(0);
    expect((await auditFor(`canned-response:${row.id}`)).map((e) => e.action)).toEqual([
      "canned_response.created",
      "canned_response.updated",
      "canned_response.deleted",
    ]);
  });

  it("refuses bad input with a message beside the field and changes nothing", async () => {
    const row = await create(desk.head, "Closing");
    const cases: [() => Promise<unknown>, string][] = [
      [() => create(desk.head, "", "Body"), "title"],
      [() => create(desk.head, "t".repeat(121), "Body"), "title"],
      [() => create(desk.head, "Fine title", "   "), "body"],
      [() => create(desk.head, "Fine title", "b".repeat(10_001)), "body"],
      [() => create(desk.head, "CLOSING", "Body"), "title"],
      [() => updateCannedResponse({ actor: desk.head, input: { cannedResponseId: row.id, title: "Closing", body: "b".repeat(10_001) } }), "body"],
    ];
    for (const [call, field] of cases) {
      const error = await expectAppError(call(), "INVALID_INPUT");
      expect(Object.keys(error.fieldErrors ?? {})).toContain(field);
    }
    expect(await db().cannedResponse.findMany({ where: { departmentId: desk.provider.id }, select: { id: true, body: true } })).toEqual([{ id: row.id, body: row.body }]);
    // 120 and 10,000 characters are still fine.
    await create(desk.head, "t".repeat(120), "b".repeat(10_000));
  });

  it("refuses agents (FORBIDDEN) and hides them from other heads and requesters (NOT_FOUND)", async () => {
    const row = await create(desk.head, "Greeting");
    const otherHead = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "HEAD", departmentId: desk.other.id }, { role: "AGENT", departmentId: desk.other.id }] })).id);
    const calls = (actor: Actor) => [
      () => create(actor, "Sneaky"),
      () => updateCannedResponse({ actor, input: { cannedResponseId: row.id, title: "Changed", body: "Changed" } }),
      () => deleteCannedResponse({ actor, input: { cannedResponseId: row.id } }),
    ];
    for (const call of calls(desk.agent)) await expectAppError(call(), "FORBIDDEN");
    for (const actor of [otherHead, desk.requester, desk.outsiderAgent]) {
      for (const call of calls(actor)) await expectAppError(call(), "NOT_FOUND");
      await expectAppError(cannedResponseSettings({ actor, departmentKey: desk.provider.key }), "NOT_FOUND");
    }
    await expectAppError(cannedResponseSettings({ actor: desk.agent, departmentKey: desk.provider.key }), "NOT_FOUND");
    expect(await db().cannedResponse.findMany({ where: { departmentId: desk.provider.id }, select: { id: true, title: true } })).toEqual([{ id: row.id, title: "Greeting" }]);
    expect((await auditFor(`canned-response:${row.id}`)).map((e) => e.action)).toEqual(["canned_response.created"]);
  });
});

describe("canned responses on a request", () => {
  it("gives the department's agents its responses with the placeholders filled in", async () => {
    await create(desk.head, "B greeting", "Hello {{requester.firstName}} ({{ requester.name }}), {{request.reference}} is with {{agent.name}}. {{unknown.thing}}");
    await create(desk.head, "A short", "Done.");
    const requesterRow = await db().person.update({ where: { id: desk.requester.id }, data: { name: "Erin Evans" } });
    const requester = await actorOf(requesterRow.id);
    const filed = await fileRequest({ actor: requester, input: { typeId: desk.type.id, title: "Lamp", description: "Broken", fieldValues: {}, submissionKey: `k-${uid()}` } });
    const choices = await cannedResponsesForRequest({ actor: desk.agent, requestId: filed.id });
    expect(choices.map((c) => c.title)).toEqual(["A short", "B greeting"]);
    expect(choices[1]!.body).toBe(`Hello Erin (Erin Evans), ${filed.reference} is with ${desk.agent.name}. {{unknown.thing}}`);
  });

  it("is NOT_FOUND for the requester, agents of other departments and their heads", async () => {
    await create(desk.head);
    const filed = await fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title: "Lamp", description: "Broken", fieldValues: {}, submissionKey: `k-${uid()}` } });
    const otherHead = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "HEAD", departmentId: desk.other.id }, { role: "AGENT", departmentId: desk.other.id }] })).id);
    for (const actor of [desk.requester, desk.outsiderAgent, otherHead]) {
      await expectAppError(cannedResponsesForRequest({ actor, requestId: filed.id }), "NOT_FOUND");
    }
  });
});

describe("placeholders", () => {
  it("fills the four known ones and leaves anything else as written", () => {
    expect(fillPlaceholders("{{requester.firstName}}|{{requester.name}}|{{request.reference}}|{{agent.name}}|{{x}}|{requester.name}", { requesterName: "  Ada  Lovelace ", reference: "IT-1001", agentName: "Ivan Ito" })).toBe(
      "Ada|  Ada  Lovelace |IT-1001|Ivan Ito|{{x}}|{requester.name}",
    );
  });
});
