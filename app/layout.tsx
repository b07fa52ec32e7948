import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { can } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";
import { unreadCount } from "@/lib/notifications/my-notifications";
import { myQueues } from "@/lib/requests/list-queue";
import { zoneAbbreviation } from "@/lib/time/format-time";
import { BrowserTimeZone } from "./_components/browser-time-zone";
import { SignOutButton } from "./_components/sign-out-button";
import "./globals.css";

export const metadata: Metadata = { title: { default: "Service Desk", template: "%s · Service Desk" } };
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  const [queues, unread] = actor ? await Promise.all([myQueues(actor), unreadCount(actor)]) : [[], 0];
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2">
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
            <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
              <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-sm text-white">SD</span>
              Service Desk
            </Link>
            {actor ? (
              <>
                <div className="flex flex-wrap items-center gap-4 text-sm">
                  <Link className="text-slate-700 hover:text-brand-700" href="/catalog">Get help</Link>
                  <Link className="text-slate-700 hover:text-brand-700" href="/requests">My requests</Link>
                  <Link className="text-slate-700 hover:text-brand-700" href="/my-complaints">My complaints</Link>
                  <Link className="text-slate-700 hover:text-brand-700" href="/approvals">Approvals</Link>
                  {queues.map((q) => (
                    <Link key={q.id} className="text-slate-700 hover:text-brand-700" href={`/queue/${q.key}`}>
                      {q.name} queue
                    </Link>
                  ))}
                  {queues.filter((q) => actor.headOf.includes(q.id)).map((q, _, headed) => (
                    <Link key={`reports-${q.id}`} className="text-slate-700 hover:text-brand-700" href={`/insights/${q.key}`}>
                      {headed.length > 1 ? `${q.name} reports` : "Reports"}
                    </Link>
                  ))}
                  {queues.filter((q) => actor.headOf.includes(q.id)).map((q) => (
                    <Link key={`settings-${q.id}`} className="text-slate-700 hover:text-brand-700" href={`/settings/${q.key}`}>
                      {q.name} settings
                    </Link>
                  ))}
                  {actor.hr || actor.admin || actor.headOf.length ? <Link className="text-slate-700 hover:text-brand-700" href="/insights/pulse">Pulse surveys</Link> : null}
                  {can(actor, "insights.organisation") ? <Link className="text-slate-700 hover:text-brand-700" href="/insights/organisation">Organisation</Link> : null}
                  {actor.admin ? <Link className="text-slate-700 hover:text-brand-700" href="/admin">Admin</Link> : null}
                </div>
                <div className="ml-auto flex items-center gap-3 text-sm">
                  <form role="search" aria-label="Quick search" action="/search" className="hidden sm:block">
                    <label htmlFor="nav-search" className="sr-only">Search requests</label>
                    <input id="nav-search" name="q" type="search" placeholder="Search requests" maxLength={200} className="w-44 rounded-md border-0 px-2.5 py-1 text-sm ring-1 ring-inset ring-slate-300 focus:w-64 focus:ring-2 focus:ring-brand-600" />
                  </form>
                  <Link href="/notifications" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100">
                    Notifications
                    {unread ? (
                      <>
                        {" "}
                        <span className="rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white">{unread > 99 ? "99+" : unread}</span>
                        <span className="sr-only"> unread</span>
                      </>
                    ) : null}
                  </Link>
                  <Link href="/account/tokens" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100">API tokens</Link>
                  <span className="text-slate-600" data-testid="signed-in-as">{actor.name}</span>
                  <Link href="/account/time-zone" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100" title={`Times are shown in ${actor.timeZone}: change`} data-testid="my-zone">
                    <span className="sr-only">Time zone: </span>
                    {zoneAbbreviation(new Date(), actor.timeZone)}
                  </Link>
                  {actor.timeZoneSource === "DEFAULT" ? <BrowserTimeZone /> : null}
                  <SignOutButton />
                </div>
              </>
            ) : null}
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-6xl px-4 py-8">
          {children}
        </main>
      </body>
    </html>
  );
}
