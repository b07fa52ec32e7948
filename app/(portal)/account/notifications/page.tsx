import Link from "@/app/_components/link";
import { requireActor } from "@/lib/auth/session";
import { mailConfigured } from "@/lib/notifications/mailer";
import { getNotificationPreferences } from "@/lib/notifications/preferences";
import { Card, PageHeader } from "../../../_components/ui";
import { PreferencesForm } from "./preferences-form";

export const metadata = { title: "Notification settings" };

export default async function NotificationSettingsPage() {
  const actor = await requireActor();
  const preferences = await getNotificationPreferences({ actor });
  return (
    <>
      <PageHeader
        title="Notification settings"
        subtitle={
          <>
            Choose what you hear about, and how. Emails go to {actor.email}. Back to <Link className="text-brand-700 underline" href="/notifications">your notifications</Link>.
          </>
        }
      />
      <Card className="overflow-x-auto p-0">
        <PreferencesForm preferences={preferences} emailEnabled={mailConfigured()} />
      </Card>
      <p className="mt-4 text-sm text-slate-600">
        Mention a co-worker in a reply or an internal note with <code className="rounded bg-slate-100 px-1">@</code> and the part of their email before the
        <code className="rounded bg-slate-100 px-1">@</code>, e.g. <code className="rounded bg-slate-100 px-1">@{actor.email.split("@")[0]}</code>. They are told only if they may read what you wrote.
      </p>
    </>
  );
}
