import type { Tx } from "@/lib/db/create-client";
import { mayReadWhere } from "@/lib/requests/request-policy";
import { notificationKinds, preferenceDefaults, type NotificationKind } from "./kinds";

/** One email as the delivery job hands it to the mail server. */
export type EmailJob = { to: string; subject: string; text: string };

/**
 * In-app notifications for each person (active ones only) and their email copies, as each person
 * chose for this kind (lib/notifications/kinds.ts has the defaults). Call it inside the transaction
 * of the change: the emails are rows of the outbox (EmailDelivery) committed with the change, and
 * a job delivers them afterwards, so a slow or failing mail server never slows or fails the change,
 * and a crash after the commit loses no email.
 *
 * A notice about a request reaches only those the request policy lets read it (`internal`: its
 * internal side too), whoever the caller named: an assignee who is no longer an agent there, or a
 * follower who may no longer see it, is not told its title.
 */
export async function notify(
  tx: Tx,
  options: { personIds: string[]; kind: NotificationKind; requestId?: string; internal?: boolean; title: string; body: string; link?: string },
): Promise<{ inApp: number; emails: number }> {
  const ids = [...new Set(options.personIds)];
  if (ids.length === 0) return { inApp: 0, emails: 0 };
  const preferenceKind = notificationKinds[options.kind];
  // One after the other: a transaction is one connection.
  const request = options.requestId
    ? await tx.request.findUniqueOrThrow({ where: { id: options.requestId }, select: { id: true, departmentId: true, requesterId: true } })
    : null;
  const people = await tx.person.findMany({
    where: { AND: [{ id: { in: ids }, active: true }, ...(request ? [mayReadWhere(request, { internal: options.internal ?? false })] : [])] },
    select: { id: true, email: true },
  });
  const choices = await tx.notificationPreference.findMany({ where: { personId: { in: ids }, kind: preferenceKind }, select: { personId: true, inApp: true, email: true } });
  const chosen = new Map(choices.map((c) => [c.personId, c]));
  const channels = (personId: string) => chosen.get(personId) ?? preferenceDefaults[preferenceKind];

  const inApp = people.filter((p) => channels(p.id).inApp);
  const byEmail = people.filter((p) => channels(p.id).email);
  if (inApp.length) {
    await tx.notification.createMany({
      data: inApp.map((p) => ({ personId: p.id, kind: options.kind, requestId: options.requestId, title: options.title, body: options.body })),
    });
  }
  if (byEmail.length) {
    const text = options.link ? `${options.body}\n\n${options.link}` : options.body;
    await tx.emailDelivery.createMany({
      data: byEmail.map((p) => ({ personId: p.id, kind: options.kind, requestId: options.requestId, to: p.email, subject: options.title, text })),
    });
  }
  return { inApp: inApp.length, emails: byEmail.length };
}
