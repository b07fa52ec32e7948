import type { Tx } from "@/lib/db/create-client";
import type { OutgoingEmail } from "@/lib/email/compose-notification";
import { notificationKinds, preferenceDefaults, type NotificationKind } from "./kinds";

/** One email as the delivery job hands it over to be composed and sent. */
export type EmailJob = OutgoingEmail;

/**
 * In-app notifications for each person (active ones only) and their email copies, as each person
 * chose for this kind (lib/notifications/kinds.ts has the defaults). Call it inside the transaction
 * of the change: the emails are rows of the outbox (EmailDelivery) committed with the change, and
 * a job delivers them afterwards, so a slow or failing mail server never slows or fails the change,
 * and a crash after the commit loses no email.
 */
export async function notify(
  tx: Tx,
  options: { personIds: string[]; kind: NotificationKind; requestId?: string; title: string; body: string; link?: string },
): Promise<{ inApp: number; emails: number }> {
  const ids = [...new Set(options.personIds)];
  if (ids.length === 0) return { inApp: 0, emails: 0 };
  const preferenceKind = notificationKinds[options.kind];
  // One after the other: a transaction is one connection.
  const people = await tx.person.findMany({ where: { id: { in: ids }, active: true }, select: { id: true, email: true } });
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
