import { beforeEach, describe, expect, it } from "vitest";
import { authenticateApiCall } from "@/lib/api-tokens/authenticate-api-token";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";
import { fileRequest } from "@/lib/requests/file-request";
import { findVisibleByReference } from "@/lib/requests/find-by-reference";
import { actorOf, seedDesk, seedPerson, uid } from "../support/factories";

// An API call under /requests/:reference reads the request with its authentication, for the token's
// person, before the actor is loaded (visibleByReferenceSql, the policy read from the request's
// side): it must find exactly what resolveReference's own lookup (requestVisibleSql, from the actor)
// finds, for every way of seeing a request and every way of not seeing it, or a request the caller
// may not see would answer otherwise than one that does not exist.
let desk: Awaited<ReturnType<typeof seedDesk>>;

beforeEach(async () => {
  desk = await seedDesk();
});

async function person(roles: { role: "AGENT" | "HEAD" | "HR" | "ADMIN"; departmentId?: string }[] = []): Promise<Actor> {
  return actorOf((await seedPerson({ departmentId: desk.other.id, roles })).id);
}

async function lookedUp(actor: Actor, reference: string) {
  const secret = (await createApiToken({ actor, input: { name: `lookup ${uid()}` } })).secret;
  const call = await authenticateApiCall({ authorization: `Bearer ${secret}`, limit: 1_000_000, reference });
  return call.request;
}

async function policyFinds(actor: Actor, reference: string) {
  const client = db();
  const found = await findVisibleByReference({ $queryRaw: sql().$queryRaw, request: client.request, requestAlias: client.requestAlias, department: client.department }, actor, reference);
  return found?.id ?? null;
}

describe("the request read with an API call's authentication", () => {
  it("is found for exactly those the request policy lets see it, and is null for everyone else and for unknown references", async () => {
    const filed = await fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title: "Who sees me?", description: "Lookup test", fieldValues: {}, submissionKey: `k-${uid()}` } });
    const watcher = await person();
    const pendingApprover = await person();
    const decidedApprover = await person();
    await db().watcher.create({ data: { requestId: filed.id, personId: watcher.id } });
    const pending = await db().approvalStep.create({ data: { requestId: filed.id, position: 1, name: "Pending", definition: {}, state: "PENDING" } });
    const decided = await db().approvalStep.create({ data: { requestId: filed.id, position: 2, name: "Decided", definition: {}, state: "APPROVED" } });
    await db().approver.create({ data: { stepId: pending.id, personId: pendingApprover.id } });
    await db().approver.create({ data: { stepId: decided.id, personId: decidedApprover.id } });

    const seeing: [string, Actor][] = [
      ["requester", desk.requester],
      ["agent", desk.agent],
      ["head", desk.head],
      ["watcher", watcher],
      ["approver of a pending step", pendingApprover],
    ];
    const notSeeing: [string, Actor][] = [
      ["another department's agent", desk.outsiderAgent],
      ["another department's head", await person([{ role: "HEAD", departmentId: desk.other.id }])],
      ["HR", await person([{ role: "HR" }])],
      ["admin", await person([{ role: "ADMIN" }])],
      ["an approver whose step was decided", decidedApprover],
      ["a colleague", await person()],
    ];
    const { version } = await db().request.findUniqueOrThrow({ where: { id: filed.id }, select: { version: true } });
    for (const [who, actor] of seeing) {
      expect({ who, found: await lookedUp(actor, filed.reference) }).toEqual({ who, found: { id: filed.id, version, reference: filed.reference } });
      expect({ who, id: await policyFinds(actor, filed.reference) }).toEqual({ who, id: filed.id });
    }
    for (const [who, actor] of notSeeing) {
      expect({ who, found: await lookedUp(actor, filed.reference) }).toEqual({ who, found: null });
      expect({ who, id: await policyFinds(actor, filed.reference) }).toEqual({ who, id: null });
    }
    // In lower case, as references are accepted; unknown and malformed ones find nothing.
    expect((await lookedUp(desk.agent, filed.reference.toLowerCase()))?.id).toBe(filed.id);
    expect(await lookedUp(desk.agent, `${desk.provider.key}-999999`)).toBeNull();
    expect(await lookedUp(desk.agent, "not a reference")).toBeNull();
  });

  it("reads nothing for a revoked token, and says nothing about a request when no reference was given", async () => {
    const filed = await fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title: "Revoked", description: "Lookup test", fieldValues: {}, submissionKey: `k-${uid()}` } });
    const created = await createApiToken({ actor: desk.agent, input: { name: `revoked ${uid()}` } });
    expect((await authenticateApiCall({ authorization: `Bearer ${created.secret}`, limit: 1_000_000 })).request).toBeUndefined();
    await db().apiToken.update({ where: { id: created.id }, data: { revokedAt: new Date() } });
    await expect(authenticateApiCall({ authorization: `Bearer ${created.secret}`, limit: 1_000_000, reference: filed.reference })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
