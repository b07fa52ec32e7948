import net from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db, dbPool } from "@/lib/db/client";
import { purgeSentEmails } from "@/lib/jobs/email-outbox";
import { startJobs, type JobsOptions } from "@/lib/jobs/run-jobs";
import { listEmailDeliveries, retryEmailDeliveries } from "@/lib/notifications/email-deliveries";
import { getNotificationPreferences, updateNotificationPreferences } from "@/lib/notifications/preferences";
import { addComment } from "@/lib/requests/add-comment";
import { addWatcher } from "@/lib/requests/add-watcher";
import { cancelRequest } from "@/lib/requests/cancel-request";
import { fileRequest } from "@/lib/requests/file-request";
import { reopenRequest } from "@/lib/requests/reopen-request";
import { updateRequest } from "@/lib/requests/update-request";
import { actorOf, seedDesk, seedPerson, seedRequestType, uid } from "../support/factories";
import { startSmtpCapture, type SmtpCapture } from "../support/smtp-capture";
import { expectAppError } from "../support/expect-app-error";

type Desk = Awaited<ReturnType<typeof seedDesk>>;
type Runner = Awaited<ReturnType<typeof startJobs>>;

const url = process.env.DATABASE_URL!;
const embedded = process.env.DESK_EMBEDDED === "true";


async function waitFor<T>(probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

let desk: Desk;
/** A second agent of the providing department; a follower from the requester's department. */
let agent2: Actor;
let watcher: Actor;
let admin: Actor;
let runners: Runner[] = [];
/** What the started instances logged (nothing, unless something failed): said when a mail does not come. */
let jobLog: string[] = [];
let smtp: SmtpCapture;

beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(async () => {
  await smtp.stop();
});

beforeEach(async () => {
  desk = await seedDesk();
  agent2 = await actorOf((await seedPerson({ departmentId: desk.provider.id, roles: [{ role: "AGENT", departmentId: desk.provider.id }] })).id);
  watcher = await actorOf((await seedPerson({ departmentId: desk.other.id })).id);
  admin = await actorOf((await seedPerson({ departmentId: desk.other.id, roles: [{ role: "ADMIN" }] })).id);
});

afterEach(async () => {
  await Promise.all(runners.map((r) => r.stop()));
  runners = [];
  jobLog = [];
});

async function startInstance(options: Partial<JobsOptions>) {
  const runner = await startJobs({
    db: db(),
    pool: dbPool(),
    url,
    embedded,
    baseUrl: "http://desk.test",
    relayEverySeconds: 1,
    sweepEverySeconds: 60,
    mailFrom: "Desk <desk@test.example.com>",
    log: (message, error) => void jobLog.push(`${message} ${error instanceof Error ? error.message : String(error ?? "")}`),
    ...options,
  });
  runners.push(runner);
  return runner;
}

async function file(actor: Actor = desk.requester, typeId = desk.type.id) {
  return fileRequest({ actor, input: { typeId, title: "Broken chair", description: "It wobbles.", submissionKey: `k-${uid()}` } });
}

/** A request with an assignee (the desk's agent) and a follower; the notifications of setting it up are cleared. */
async function workedRequest() {
  const { id, reference } = await file();
  await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: 1, assigneeId: desk.agent.id } });
  await addWatcher({ actor: desk.requester, input: { requestId: id, personId: watcher.id } });
  await clear(id);
  return { id, reference };
}

async function clear(requestId: string) {
  await db().notification.deleteMany({ where: { requestId } });
  await db().emailDelivery.deleteMany({ where: { requestId } });
}

const notified = async (requestId: string, kind?: string) =>
  (await db().notification.findMany({ where: { requestId, ...(kind ? { kind } : {}) } })).map((n) => n.personId).sort();
const emailed = async (requestId: string) => (await db().emailDelivery.findMany({ where: { requestId } })).map((e) => e.to).sort();
const version = async (id: string) => (await db().request.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
const sorted = (...ids: string[]) => [...ids].sort();

describe("who is notified", () => {
  it("a new request notifies the department's agents when it has no team, never the filer or other departments", async () => {
    const { id } = await file();
    expect(await notified(id, "new_request")).toEqual(sorted(desk.agent.id, desk.head.id, agent2.id));
    // The default for new requests is in the app only.
    expect(await emailed(id)).toEqual([]);

    // An agent filing to their own department is not told about their own request.
    const own = await file(agent2);
    expect(await notified(own.id, "new_request")).toEqual(sorted(desk.agent.id, desk.head.id));
  });

  it("a new request to a team notifies its members who are agents of the department only", async () => {
    const team = await db().team.create({ data: { departmentId: desk.provider.id, name: `Team ${uid()}` } });
    // The requester is a member by mistake: not an agent of the department, so not told.
    await db().teamMember.createMany({ data: [agent2.id, desk.requester.id].map((personId) => ({ teamId: team.id, personId })) });
    const type = await seedRequestType({ departmentId: desk.provider.id });
    await db().requestType.update({ where: { id: type.id }, data: { defaultTeamId: team.id } });
    const { id } = await file(desk.requester, type.id);
    expect(await notified(id, "new_request")).toEqual([agent2.id]);
  });

  it("assignment notifies the new assignee, unless they took it themself", async () => {
    const { id } = await file();
    await clear(id);
    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: 1, assigneeId: desk.agent.id } });
    expect(await notified(id, "assigned")).toEqual([]);
    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: 2, assigneeId: agent2.id } });
    expect(await notified(id, "assigned")).toEqual([agent2.id]);
    expect(await emailed(id)).toContain(agent2.email);
  });

  it("a public reply by an agent goes to the requester and followers, never its author", async () => {
    const { id } = await workedRequest();
    await addComment({ actor: desk.agent, input: { requestId: id, body: "We will fix it today.", visibility: "PUBLIC" } });
    expect(await notified(id)).toEqual(sorted(desk.requester.id, watcher.id));
    expect(await notified(id, "reply")).toEqual(sorted(desk.requester.id, watcher.id));
    expect(await emailed(id)).toEqual(sorted(desk.requester.email, watcher.email));
  });

  it("a requester's reply goes to the assignee and the followers, not to the requester", async () => {
    const { id } = await workedRequest();
    await addComment({ actor: desk.requester, input: { requestId: id, body: "Thanks!", visibility: "PUBLIC" } });
    expect(await notified(id, "reply")).toEqual(sorted(desk.agent.id, watcher.id));
  });

  it("an internal note never reaches the requester or followers", async () => {
    const { id } = await workedRequest();
    await addComment({ actor: agent2, input: { requestId: id, body: "Parts are on order.", visibility: "INTERNAL" } });
    expect(await notified(id)).toEqual([desk.agent.id]);
    expect(await emailed(id)).toEqual([desk.agent.email]);
    // The assignee's own note notifies nobody.
    await clear(id);
    await addComment({ actor: desk.agent, input: { requestId: id, body: "Ordered.", visibility: "INTERNAL" } });
    expect(await notified(id)).toEqual([]);
  });

  it("a status change goes to the requester and followers; a cancellation by the requester to the assignee and followers", async () => {
    const { id } = await workedRequest();
    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: await version(id), status: "WAITING_ON_REQUESTER" } });
    expect(await notified(id, "status_changed")).toEqual(sorted(desk.requester.id, watcher.id));
    const [note] = await db().notification.findMany({ where: { requestId: id, personId: desk.requester.id } });
    expect(note!.title).toMatch(/is now Waiting on requester$/);

    await clear(id);
    await cancelRequest({ actor: desk.requester, input: { requestId: id, expectedVersion: await version(id), reason: "Bought a new chair." } });
    expect(await notified(id)).toEqual(sorted(desk.agent.id, watcher.id));
    expect(await notified(id, "status_changed")).toEqual(sorted(desk.agent.id, watcher.id));
  });

  it("a reopen goes to the assignee and followers", async () => {
    const { id } = await workedRequest();
    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: await version(id), status: "RESOLVED" } });
    await clear(id);
    await reopenRequest({ actor: desk.requester, input: { requestId: id, expectedVersion: await version(id), reason: "Still wobbles." } });
    expect(await notified(id, "status_changed")).toEqual(sorted(desk.agent.id, watcher.id));
  });

  it("a change that fails notifies nobody", async () => {
    const { id } = await workedRequest();
    await expectAppError(updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: 1, status: "RESOLVED" } }), "STALE_VERSION");
    await expectAppError(addComment({ actor: desk.outsiderAgent, input: { requestId: id, body: "hi @" + local(desk.requester), visibility: "PUBLIC" } }), "NOT_FOUND");
    expect(await notified(id)).toEqual([]);
    expect(await emailed(id)).toEqual([]);
  });
});

const local = (a: Actor) => a.email.split("@")[0]!;

describe("@mentions", () => {
  it("an agent mentioned in an internal note is told, once, as a mention", async () => {
    const { id, reference } = await workedRequest();
    await addComment({ actor: agent2, input: { requestId: id, body: `@${local(desk.agent)} can you check? Also @${local(desk.head)}.`, visibility: "INTERNAL" } });
    expect(await notified(id, "mention")).toEqual(sorted(desk.agent.id, desk.head.id));
    // The assignee was mentioned: no second notification as the assignee.
    expect(await notified(id)).toEqual(sorted(desk.agent.id, desk.head.id));
    const [mail] = await db().emailDelivery.findMany({ where: { requestId: id, to: desk.head.email } });
    expect(mail!.subject).toBe(`${agent2.name} mentioned you on ${reference}`);
  });

  it("mentioning someone who cannot see an internal note does nothing and leaks nothing", async () => {
    const { id } = await workedRequest();
    await addComment({
      actor: desk.agent,
      input: { requestId: id, body: `Ask @${local(desk.requester)} and @${local(watcher)} and @${local(desk.outsiderAgent)} about the budget.`, visibility: "INTERNAL" },
    });
    expect(await notified(id)).toEqual([]);
    expect(await emailed(id)).toEqual([]);
    for (const person of [desk.requester, watcher, desk.outsiderAgent]) {
      expect(await db().notification.count({ where: { personId: person.id, requestId: id } })).toBe(0);
      expect(await db().emailDelivery.count({ where: { to: person.email, requestId: id } })).toBe(0);
    }
  });

  it("a mention in a public reply reaches those who can see the request only, by full email too", async () => {
    const { id } = await workedRequest();
    await addComment({
      actor: desk.agent,
      input: { requestId: id, body: `@${watcher.email}, @${local(desk.outsiderAgent)}: see above.`, visibility: "PUBLIC" },
    });
    expect(await notified(id, "mention")).toEqual([watcher.id]);
    expect(await notified(id, "reply")).toEqual([desk.requester.id]);
    expect(await db().notification.count({ where: { personId: desk.outsiderAgent.id, requestId: id } })).toBe(0);
  });
});

describe("preferences", () => {
  it("start from the defaults and are honoured per kind and channel", async () => {
    const defaults = await getNotificationPreferences({ actor: desk.requester });
    expect(defaults.find((p) => p.kind === "reply")).toEqual({ kind: "reply", inApp: true, email: true, isDefault: true });
    expect(defaults.find((p) => p.kind === "new_request")).toEqual({ kind: "new_request", inApp: true, email: false, isDefault: true });

    await updateNotificationPreferences({
      actor: desk.requester,
      input: { preferences: [{ kind: "reply", inApp: false, email: true }, { kind: "status", inApp: true, email: false }] },
    });
    await updateNotificationPreferences({ actor: desk.agent, input: { preferences: [{ kind: "new_request", inApp: false, email: true }] } });

    const { id } = await file();
    expect(await notified(id, "new_request")).toEqual(sorted(desk.head.id, agent2.id));
    expect(await emailed(id)).toEqual([desk.agent.email]);

    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: 1, assigneeId: desk.agent.id } });
    await clear(id);
    await addComment({ actor: desk.agent, input: { requestId: id, body: "On it.", visibility: "PUBLIC" } });
    expect(await notified(id, "reply")).toEqual([]);
    expect(await emailed(id)).toEqual([desk.requester.email]);

    await clear(id);
    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: await version(id), status: "RESOLVED" } });
    expect(await notified(id, "status_changed")).toEqual([desk.requester.id]);
    // Status emails are off; the request to rate the resolution is a kind of its own, emailed by default.
    expect((await db().emailDelivery.findMany({ where: { requestId: id } })).map((e) => e.kind)).toEqual(["rating_request"]);

    const mine = await getNotificationPreferences({ actor: desk.requester });
    expect(mine.find((p) => p.kind === "reply")).toEqual({ kind: "reply", inApp: false, email: true, isDefault: false });
    // Someone else's choices are their own.
    expect((await getNotificationPreferences({ actor: watcher })).every((p) => p.isDefault)).toBe(true);
  });

  it("bad input gets a clear message and changes nothing", async () => {
    await updateNotificationPreferences({ actor: desk.requester, input: { preferences: [{ kind: "reply", inApp: true, email: false }] } });
    const before = await db().notificationPreference.findMany({ where: { personId: desk.requester.id } });

    const unknown = await expectAppError(
      updateNotificationPreferences({
        actor: desk.requester,
        input: { preferences: [{ kind: "mention", inApp: false, email: false }, { kind: "gossip" as "reply", inApp: true, email: true }] },
      }),
      "INVALID_INPUT",
    );
    expect(unknown.userMessage).toBe("Unknown kind of notification");
    expect(unknown.fieldErrors).toHaveProperty(["preferences.1.kind"]);

    const notBoolean = await expectAppError(
      updateNotificationPreferences({ actor: desk.requester, input: { preferences: [{ kind: "reply", inApp: "yes" as unknown as boolean, email: true }] } }),
      "INVALID_INPUT",
    );
    expect(notBoolean.userMessage).toBe("Choose on or off");

    const twice = await expectAppError(
      updateNotificationPreferences({
        actor: desk.requester,
        input: { preferences: [{ kind: "reply", inApp: false, email: false }, { kind: "reply", inApp: true, email: true }] },
      }),
      "INVALID_INPUT",
    );
    expect(twice.userMessage).toBe("Each kind of notification can be set once");
    await expectAppError(updateNotificationPreferences({ actor: desk.requester, input: { preferences: [] } }), "INVALID_INPUT");

    expect(await db().notificationPreference.findMany({ where: { personId: desk.requester.id } })).toEqual(before);
  });
});

/** A TCP port on which nothing listens: connecting is refused. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// A started instance runs its start-up jobs first (publication, roll-ups, expectations) over whatever
// this worker's database holds from earlier files: on a loaded CI machine the first mail took over 15 s once.
describe("email delivery", { timeout: 120_000 }, () => {
  it("is delivered by a job through a real SMTP server", async () => {
    await startInstance({ smtpUrl: `smtp://127.0.0.1:${smtp.port}` });
    const { id, reference } = await file();
    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: 1, assigneeId: agent2.id } });
    const mail = await smtp.waitForMail(agent2.email, 90_000).catch(async (error: Error) => {
      const rows = await db().emailDelivery.findMany({ where: { requestId: id }, select: { to: true, status: true, attempts: true, lastError: true } });
      throw new Error(`${error.message}; the request's deliveries: ${JSON.stringify(rows)}; the job log: ${JSON.stringify(jobLog)}`);
    });
    expect(mail.subject).toBe(`${reference} was assigned to you`);
    expect(mail.from).toBe("desk@test.example.com");
    expect(mail.text).toContain(`${desk.agent.name} assigned you “Broken chair”.`);
    expect(mail.text).toContain(`/requests/${reference}`);
    const row = await waitFor(() => db().emailDelivery.findFirstOrThrow({ where: { requestId: id, to: agent2.email } }), (r) => r.status === "SENT");
    expect(row).toMatchObject({ status: "SENT", attempts: 1, lastError: null });
    expect(row.sentAt).toBeInstanceOf(Date);
  });

  it("a refusing mail server fails nothing: the delivery is retried, shown as failed, and an admin's retry sends it", async () => {
    const failing = await startInstance({ smtpUrl: `smtp://127.0.0.1:${await closedPort()}`, emailRetry: { retryLimit: 1, retryDelay: 1, retryBackoff: false } });
    const { id } = await workedRequest();
    // The action succeeds whatever the mail server does.
    await addComment({ actor: desk.agent, input: { requestId: id, body: "Fixed, please check.", visibility: "PUBLIC" } });
    expect(await db().comment.count({ where: { requestId: id } })).toBe(1);

    const failed = await waitFor(
      () => db().emailDelivery.findFirstOrThrow({ where: { requestId: id, to: desk.requester.email } }),
      (r) => r.status === "FAILED",
    );
    expect(failed.status).toBe("FAILED");
    expect(failed.attempts).toBe(2);
    expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i);

    // The admin page lists it, without the email's subject or text.
    const { counts, deliveries } = await listEmailDeliveries({ actor: admin });
    expect(counts.FAILED).toBeGreaterThanOrEqual(1);
    const listed = deliveries.find((d) => d.id === failed.id);
    expect(listed).toMatchObject({ to: desk.requester.email, status: "FAILED", attempts: 2, kind: "reply" });
    expect(listed).not.toHaveProperty("subject");
    expect(listed).not.toHaveProperty("text");

    // The mail server comes back; the admin retries.
    await failing.stop();
    runners = runners.filter((r) => r !== failing);
    await startInstance({ smtpUrl: `smtp://127.0.0.1:${smtp.port}` });
    expect(await retryEmailDeliveries({ actor: admin, input: { deliveryId: failed.id } })).toEqual({ count: 1 });
    const mail = await smtp.waitForMail(desk.requester.email);
    expect(mail.text).toContain("Fixed, please check.");
    const sent = await waitFor(() => db().emailDelivery.findUniqueOrThrow({ where: { id: failed.id } }), (r) => r.status === "SENT");
    expect(sent).toMatchObject({ status: "SENT", attempts: 3 });
    expect(await db().auditEvent.count({ where: { action: "email.retried", subject: `email:${failed.id}`, actorId: admin.id } })).toBe(1);
    await expectAppError(retryEmailDeliveries({ actor: admin, input: { deliveryId: failed.id } }), "CONFLICT");
    await expectAppError(retryEmailDeliveries({ actor: admin, input: { deliveryId: "no-such-delivery" } }), "NOT_FOUND");
  });

  it("a queued email survives a crash before any job ran: the relay picks it up on the next start", async () => {
    // No job runner: the change commits its outbox row, nothing else happens.
    const { id } = await file();
    await updateRequest({ actor: desk.agent, input: { requestId: id, expectedVersion: 1, assigneeId: agent2.id } });
    const row = await db().emailDelivery.findFirstOrThrow({ where: { requestId: id, to: agent2.email } });
    expect(row).toMatchObject({ status: "QUEUED", attempts: 0, handedOverAt: null });

    const delivered: string[] = [];
    await startInstance({ deliver: async (mail) => void delivered.push(mail.to) });
    await waitFor(() => db().emailDelivery.findUniqueOrThrow({ where: { id: row.id } }), (r) => r.status === "SENT");
    expect(delivered.filter((to) => to === agent2.email)).toEqual([agent2.email]);
  });

  it("keeps sent emails for 30 days only, and never failed or queued ones' record", async () => {
    const old = new Date(Date.now() - 31 * 24 * 60 * 60_000);
    const row = (status: "SENT" | "FAILED" | "QUEUED", createdAt: Date) => ({ kind: "reply", to: desk.requester.email, subject: "s", text: "t", status, createdAt });
    const [oldSent, newSent, oldFailed] = await Promise.all([
      db().emailDelivery.create({ data: row("SENT", old) }),
      db().emailDelivery.create({ data: row("SENT", new Date()) }),
      db().emailDelivery.create({ data: row("FAILED", old) }),
    ]);
    expect(await purgeSentEmails(db())).toBeGreaterThanOrEqual(1);
    const left = (await db().emailDelivery.findMany({ where: { id: { in: [oldSent.id, newSent.id, oldFailed.id] } } })).map((r) => r.id).sort();
    expect(left).toEqual(sorted(newSent.id, oldFailed.id));
  });

  it("is not shown to, nor retried by, anyone but an admin", async () => {
    const failed = await db().emailDelivery.create({
      data: { kind: "reply", to: desk.requester.email, subject: "s", text: "t", status: "FAILED", attempts: 7, lastError: "boom" },
    });
    for (const actor of [desk.requester, desk.agent, desk.head]) {
      await expectAppError(listEmailDeliveries({ actor }), "FORBIDDEN");
      await expectAppError(retryEmailDeliveries({ actor, input: { deliveryId: failed.id } }), "FORBIDDEN");
      await expectAppError(retryEmailDeliveries({ actor, input: {} }), "FORBIDDEN");
    }
    expect(await db().emailDelivery.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: "FAILED", attempts: 7 });
    await expectAppError(listEmailDeliveries({ actor: admin, status: "LOST" }), "INVALID_INPUT");
    const { deliveries } = await listEmailDeliveries({ actor: admin, status: "FAILED" });
    expect(deliveries.map((d) => d.id)).toContain(failed.id);
  });
});
