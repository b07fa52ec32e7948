import type { Db } from "@/lib/db/create-client";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export type EmailJob = { to: string; subject: string; text: string };

/**
 * In-app notifications for each person (active ones only), and the email copies to deliver. The
 * emails are returned, not sent: delivery is a job, so a slow or failing mail server never slows or
 * fails the change that caused them.
 */
export async function notify(
  tx: Tx,
  options: { personIds: string[]; kind: string; requestId?: string; title: string; body: string; link?: string },
): Promise<EmailJob[]> {
  const people = await tx.person.findMany({ where: { id: { in: [...new Set(options.personIds)] }, active: true }, select: { id: true, email: true } });
  if (people.length === 0) return [];
  await tx.notification.createMany({
    data: people.map((p) => ({ personId: p.id, kind: options.kind, requestId: options.requestId, title: options.title, body: options.body })),
  });
  const text = options.link ? `${options.body}\n\n${options.link}` : options.body;
  return people.map((p) => ({ to: p.email, subject: options.title, text }));
}
