import { beforeEach, describe, expect, it } from "vitest";
import { automationLog } from "@/lib/automation/rule-settings";
import { cannedResponsesForRequest } from "@/lib/canned-responses/canned-responses-for-request";
import { addComment } from "@/lib/requests/add-comment";
import { fileRequest } from "@/lib/requests/file-request";
import { getRequest } from "@/lib/requests/get-request";
import { transferTargets } from "@/lib/requests/transfer-request";
import { db } from "@/lib/db/client";
import { requestRelations } from "@/lib/requests/request-relations";
import { seedDesk, seedPolicies, seedRequestType, uid } from "../support/factories";
import { expectAppError } from "../support/expect-app-error";
import { listStatements, statementsDuring } from "../support/statements";

// What the request page reads, counted (issue 12: ~55 statements a view before these reads were
// written as a few raw statements authorised by the request policy's SQL). The request with its
// surroundings, comments, events and files is one statement; the department's agents (who wrote as
// staff) one more when there are comments. Relations one; the reply form's canned responses and the
// automation log two each (the standing, then their rows).
let desk: Awaited<ReturnType<typeof seedDesk>>;
let reference: string;
let requestId: string;

beforeEach(async () => {
  desk = await seedDesk();
  await seedPolicies(desk.provider.id, [{ firstResponse: 60, resolution: 480 }]);
  const filed = await fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title: "Counted page", description: "How many statements?", submissionKey: `k-${uid()}` } });
  reference = filed.reference;
  requestId = filed.id;
  await addComment({ actor: desk.agent, input: { requestId, body: "We are on it", visibility: "PUBLIC" } });
  await addComment({ actor: desk.agent, input: { requestId, body: "Internal: the boiler", visibility: "INTERNAL" } });
  await getRequest({ actor: desk.agent, reference }); // warm: modules and pool connections
});

describe("the request page's reads", () => {
  it("reads the request, its history and files in one statement and the staff in one more", async () => {
    const { result, statements } = await statementsDuring(() => getRequest({ actor: desk.agent, reference }));
    console.log(`getRequest (agent): ${statements.length} statements\n  ${listStatements(statements)}`);
    expect(statements.length).toBeLessThanOrEqual(2);
    expect(result.timeline.filter((t) => t.kind === "comment").map((t) => t.kind === "comment" && t.body)).toEqual(["We are on it", "Internal: the boiler"]);
    const asRequester = await statementsDuring(() => getRequest({ actor: desk.requester, reference }));
    expect(asRequester.statements.length).toBeLessThanOrEqual(2);
    // The requester's one statement carries no internal note and no internal event.
    expect(asRequester.result.timeline.some((t) => (t.kind === "comment" ? t.internal : !["created", "status_changed"].includes(t.type)))).toBe(false);
  });

  it("reads relations in one statement, canned responses and the automation log in two each", async () => {
    expect((await statementsDuring(() => requestRelations({ actor: desk.agent, requestId }))).statements.length).toBe(1);
    expect((await statementsDuring(() => cannedResponsesForRequest({ actor: desk.agent, requestId }))).statements.length).toBeLessThanOrEqual(2);
    expect((await statementsDuring(() => automationLog({ actor: desk.agent, requestId }))).statements.length).toBeLessThanOrEqual(2);
  });

  it("refuses the requester the canned responses and the automation log, and an outsider the request, as not found", async () => {
    await expectAppError(cannedResponsesForRequest({ actor: desk.requester, requestId }), "NOT_FOUND");
    await expectAppError(automationLog({ actor: desk.requester, requestId }), "NOT_FOUND");
    await expectAppError(automationLog({ actor: desk.outsiderAgent, requestId }), "NOT_FOUND");
    await expectAppError(getRequest({ actor: desk.outsiderAgent, reference }), "NOT_FOUND");
  });

  it("offers the transfer's targets: every other department taking requests, with its active types in order; nothing to a requester", async () => {
    const second = await seedRequestType({ departmentId: desk.other.id });
    const first = await seedRequestType({ departmentId: desk.other.id });
    await db().requestType.update({ where: { id: first.id }, data: { sortOrder: -1, name: "Access" } });
    const retired = await seedRequestType({ departmentId: desk.other.id });
    await db().requestType.update({ where: { id: retired.id }, data: { active: false } });
    const targets = await transferTargets({ actor: desk.agent, departmentId: desk.provider.id });
    expect(targets.map((t) => t.id)).not.toContain(desk.provider.id);
    const other = targets.find((t) => t.id === desk.other.id);
    expect(other?.requestTypes.map((t) => t.id)).toEqual([first.id, second.id]);
    expect(await transferTargets({ actor: desk.requester, departmentId: desk.provider.id })).toEqual([]);
  });
});
