import type { Tx } from "@/lib/db/create-client";
import { notificationKinds, preferenceDefaults, type NotificationKind } from "./kinds";

/** One email as the delivery job hands it to the mail server. */
export type EmailJob = { to: string; subject: string; text: string };

/**
 * In-app notifications for each person (active ones only) and their email copies, as each person
 * chose for this kind (lib/notifications/kinds.ts has the defaults). Call it inside the transaction
 * of the change: the emails are rows of the outbox (EmailDelivery) committed with the change, and
 * a job delivers them afterwards, so a slow or failing mail server never slows or fails the change,
 * and a crash after the commit loses no email.
 */
export async function notify(
  tx: Tx,
  options: {
    personIds: string[];
    kind: NotificationKind;
    requestId?: string;
    title: string;
    /** The text, or a function of the recipient's time zone for a text with times in it (lib/time/format-time.ts). */
    body: string | ((recipient: { timeZone: string }) => string);
    link?: string;
  },
): Promise<{ inApp: number; emails: number }> {
  const ids = [...new Set(options.personIds)];
  if (ids.length === 0) return { inApp: 0, emails: 0 };
  const preferenceKind = notificationKinds[options.kind];
  // One after the other: a transaction is one connection.
  const people = await tx.person.findMany({ where: { id: { in: ids }, active: true }, select: { id: true, email: true, timeZone: true } });
  const body = (p: { timeZone: string }) => (typeof options.body === "string" ? options.body : options.body(p));
  const choices = await tx.notificationPreference.findMany({ where: { personId: { in: ids }, kind: preferenceKind }, select: { personId: true, inApp: true, email: true } });
  const chosen = new Map(choices.map((c) => [c.personId, c]));
  const channels = (personId: string) => chosen.get(personId) ?? preferenceDefaults[preferenceKind];

  const inApp = people.filter((p) => channels(p.id).inApp);
  const byEmail = people.filter((p) => channels(p.id).email);
  if (inApp.length) {
    await tx.notification.createMany({
      data: inApp.map((p) => ({ personId: p.id, kind: options.kind, requestId: options.requestId, title: options.title, body: body(p) })),
    });
  }
  if (byEmail.length) {
    const text = (p: { timeZone: string }) => (options.link ? `${body(p)}\n\n${options.link}` : body(p));
    await tx.emailDelivery.createMany({
      data: byEmail.map((p) => ({ personId: p.id, kind: options.kind, requestId: options.requestId, to: p.email, subject: options.title, text: text(p) })),
    });
  }
  return { inApp: inApp.length, emails: byEmail.length };
}
