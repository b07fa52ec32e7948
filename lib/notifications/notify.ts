import type { Tx } from "@/lib/db/create-client";
import type { OutgoingEmail } from "@/lib/email/compose-notification";
import { mayReadWhere } from "@/lib/requests/request-policy";
import { notificationKinds, preferenceDefaults, type NotificationKind, type PreferenceKind } from "./kinds";

/** One email as the delivery job hands it over to be composed and sent. */
export type EmailJob = OutgoingEmail;

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
  options: NoticeSpec & {
    /** The request's department and requester when the caller holds them (read here otherwise). */
    request?: { id: string; departmentId: string; requesterId: string };
  },
): Promise<{ inApp: number; emails: number }> {
  const ids = [...new Set(options.personIds)];
  if (ids.length === 0) return { inApp: 0, emails: 0 };
  const preferenceKind = notificationKinds[options.kind];
  // One after the other: a transaction is one connection.
  const request = options.requestId
    ? options.request?.id === options.requestId
      ? options.request
      : await tx.request.findUniqueOrThrow({ where: { id: options.requestId }, select: { id: true, departmentId: true, requesterId: true } })
    : null;
  const people = await tx.person.findMany({
    where: { AND: [{ id: { in: ids }, active: true }, ...(request ? [mayReadWhere(request, { internal: options.internal ?? false })] : [])] },
    select: { id: true, email: true, timeZone: true },
  });
  const choices = await tx.notificationPreference.findMany({ where: { personId: { in: ids }, kind: preferenceKind }, select: { personId: true, inApp: true, email: true } });
  const chosen = new Map(choices.map((c) => [c.personId, c]));
  const rows = noticeRows(
    people.map((p) => ({ id: p.id, email: p.email, timeZone: p.timeZone, inApp: chosen.get(p.id)?.inApp ?? null, byEmail: chosen.get(p.id)?.email ?? null })),
    options,
  );
  if (rows.notifications.length) await tx.notification.createMany({ data: rows.notifications });
  if (rows.emails.length) await tx.emailDelivery.createMany({ data: rows.emails });
  return { inApp: rows.notifications.length, emails: rows.emails.length };
}

export type NoticeBody = string | ((recipient: { timeZone: string }) => string);

/** One notice: who is meant (notify lets through only those who may read it), what kind, what it says. */
export type NoticeSpec = {
  personIds: string[];
  kind: NotificationKind;
  requestId?: string;
  internal?: boolean;
  title: string;
  /** The text, or a function of the recipient's time zone for a text with times in it (lib/time/format-time.ts). */
  body: NoticeBody;
  link?: string;
};

/**
 * A person a change read with its request (loadForChange with `audience`): whether they may read it
 * (active, and the request policy lets them: `readsPublic`; its internal side too: `readsInternal`)
 * and their own choice per preference kind.
 */
export type HeldRecipient = {
  id: string;
  email: string;
  timeZone: string;
  readsPublic: boolean;
  readsInternal: boolean;
  choices: Partial<Record<PreferenceKind, { inApp: boolean; email: boolean }>>;
};

/** notify() for a change that holds its recipients already: the same rows, nothing read. */
export function heldNoticeRows(held: readonly HeldRecipient[], spec: NoticeSpec) {
  const ids = new Set(spec.personIds);
  const kind = notificationKinds[spec.kind];
  const people = held
    .filter((p) => ids.has(p.id) && (spec.internal ? p.readsInternal : p.readsPublic))
    .map((p) => ({ id: p.id, email: p.email, timeZone: p.timeZone, inApp: p.choices[kind]?.inApp ?? null, byEmail: p.choices[kind]?.email ?? null }));
  return noticeRows(people, spec);
}

/** A recipient as read with their own choice for the notification's kind (null: no choice made). */
export type NoticeRecipient = { id: string; email: string; timeZone: string; inApp: boolean | null; byEmail: boolean | null };

/**
 * The rows notify() writes, for active people already read with their choices: the one place that
 * decides which channel each person gets, also for writes that insert these rows themselves.
 */
export function noticeRows(people: readonly NoticeRecipient[], options: { kind: NotificationKind; requestId?: string; title: string; body: NoticeBody; link?: string }) {
  const defaults = preferenceDefaults[notificationKinds[options.kind]];
  const body = (p: NoticeRecipient) => (typeof options.body === "string" ? options.body : options.body(p));
  const text = (p: NoticeRecipient) => (options.link ? `${body(p)}\n\n${options.link}` : body(p));
  return {
    notifications: people
      .filter((p) => p.inApp ?? defaults.inApp)
      .map((p) => ({ personId: p.id, kind: options.kind, requestId: options.requestId, title: options.title, body: body(p) })),
    emails: people
      .filter((p) => p.byEmail ?? defaults.email)
      .map((p) => ({ personId: p.id, kind: options.kind, requestId: options.requestId, to: p.email, subject: options.title, text: text(p) })),
  };
}
