import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { setRoles } from "@/lib/org/manage-people";
import { cancelRequest } from "@/lib/requests/cancel-request";
import { fileRequest } from "@/lib/requests/file-request";
import { updateRequest } from "@/lib/requests/update-request";
import { actorOf, seedDesk, seedPerson, uid } from "../support/factories";

/**
 * Notices about a request go only to people the request policy lets read it, whoever the use case
 * names: here an assignee who has since stopped being an agent of the department is not told when
 * the requester cancels (the title of a request they may no longer open), while the current staff are.
 */
type Desk = Awaited<ReturnType<typeof seedDesk>>;
let desk: Desk;
let admin: Actor;

beforeAll(async () => {
  desk = await seedDesk();
  admin = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "ADMIN" }] })).id);
});

const version = async (id: string) => (await db().request.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
const noticesOf = (personId: string, requestId: string) => db().notification.findMany({ where: { personId, requestId }, select: { kind: true, title: true } });
const mailsOf = (personId: string, requestId: string) => db().emailDelivery.findMany({ where: { personId, requestId }, select: { subject: true } });

describe("request notices follow the request policy", () => {
  it("does not tell a former agent, still the assignee, that the request was cancelled", async () => {
    const leaving = await actorOf((await seedPerson({ departmentId: desk.provider.id, roles: [{ role: "AGENT", departmentId: desk.provider.id }] })).id);
    const filed = await fileRequest({
      actor: desk.requester,
      input: { typeId: desk.type.id, title: `Badge reader ${uid()}`, description: "It beeps.", submissionKey: `key-${uid()}` },
    });
    await updateRequest({ actor: desk.agent, input: { requestId: filed.id, expectedVersion: await version(filed.id), assigneeId: leaving.id } });
    expect((await noticesOf(leaving.id, filed.id)).map((n) => n.kind)).toContain("assigned");

    // They move to another job: no role in the providing department any more, still the assignee.
    await setRoles({ actor: admin, input: { personId: leaving.id, grants: [] } });
    const before = (await noticesOf(leaving.id, filed.id)).length;
    const beforeMails = (await mailsOf(leaving.id, filed.id)).length;

    // A watcher-less request cancelled by its requester: the assignee is the one staff member told.
    await cancelRequest({ actor: desk.requester, input: { requestId: filed.id, expectedVersion: await version(filed.id), reason: "Not needed." } });
    expect(await noticesOf(leaving.id, filed.id)).toHaveLength(before);
    expect(await mailsOf(leaving.id, filed.id)).toHaveLength(beforeMails);

    // Someone who may read it is still told: assign to a current agent and cancel another one.
    const second = await fileRequest({
      actor: desk.requester,
      input: { typeId: desk.type.id, title: `Door ${uid()}`, description: "It squeaks.", submissionKey: `key-${uid()}` },
    });
    await updateRequest({ actor: desk.head, input: { requestId: second.id, expectedVersion: await version(second.id), assigneeId: desk.agent.id } });
    await cancelRequest({ actor: desk.requester, input: { requestId: second.id, expectedVersion: await version(second.id), reason: "Fixed itself." } });
    expect((await noticesOf(desk.agent.id, second.id)).map((n) => n.kind)).toContain("status_changed");
  });
});
