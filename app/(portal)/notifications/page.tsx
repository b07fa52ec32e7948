import Link from "@/app/_components/link";
import { requireActor } from "@/lib/auth/session";
import { listNotifications } from "@/lib/notifications/my-notifications";
import { formatWhen } from "@/lib/time/format-time";
import { ButtonLink, Card, PageHeader, cx } from "../../_components/ui";
import { MarkAllRead, MarkOneRead } from "./mark-read";

export const metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const actor = await requireActor();
  const items = await listNotifications({ actor });
  return (
    <>
      <PageHeader
        title="Notifications"
        subtitle="New requests to your team, assignments, replies, status changes, mentions, SLA warnings and surveys."
        actions={
          <>
            <ButtonLink href="/account/notifications" variant="secondary">Settings</ButtonLink>
            {items.some((n) => !n.readAt) ? <MarkAllRead /> : null}
          </>
        }
      />
      <Card className="p-0">
        {items.length === 0 ? (
          <p className="p-6 text-sm text-slate-600">Nothing yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {items.map((n) => (
              <li key={n.id} className={cx("px-5 py-3", !n.readAt && "bg-brand-50/60")}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className={cx("text-sm", !n.readAt && "font-semibold")}>
                    {n.href ? <Link className="text-brand-700 hover:underline" href={n.href}>{n.title}</Link> : n.title}
                  </span>
                  <span className="flex items-baseline gap-3">
                    {n.readAt ? null : <MarkOneRead id={n.id} title={n.title} />}
                    <time className="text-xs text-slate-500" dateTime={n.createdAt.toISOString()}>{formatWhen(n.createdAt, actor.timeZone)}</time>
                  </span>
                </div>
                {n.body ? <p className="line-clamp-3 whitespace-pre-line text-sm text-slate-600">{n.body}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
