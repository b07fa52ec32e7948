import type { Metadata, Viewport } from "next";
import Link from "@/app/_components/link";
import type { ReactNode } from "react";
import { can } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";
import { unreadCount } from "@/lib/notifications/my-notifications";
import { myQueues } from "@/lib/requests/list-queue";
import { zoneAbbreviation } from "@/lib/time/format-time";
import { BrowserTimeZone } from "./_components/browser-time-zone";
import { signOutAction } from "./_components/sign-out-action";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Service Desk", template: "%s · Service Desk" },
  applicationName: "Service Desk",
  appleWebApp: { capable: true, title: "Service Desk", statusBarStyle: "default" },
};
export const viewport: Viewport = { themeColor: "#2f5bb7", width: "device-width", initialScale: 1 };
export const dynamic = "force-dynamic";

type NavLink = { href: string; label: string };

/** A plain form posting to a Server Action: no client JavaScript of its own on every page. */
function SignOutButton() {
  return (
    <form action={signOutAction}>
      <button type="submit" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100">
        Sign out
      </button>
    </form>
  );
}

function NavLinks({ links, className = "" }: { links: NavLink[]; className?: string }) {
  return links.map((l) => (
    <Link key={l.href} className={`text-slate-700 hover:text-brand-700 ${className}`} href={l.href}>
      {l.label}
    </Link>
  ));
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  const [queues, unread] = actor ? await Promise.all([myQueues(actor), unreadCount(actor)]) : [[], 0];
  const headed = actor ? queues.filter((q) => actor.headOf.includes(q.id)) : [];
  const links: NavLink[] = actor
    ? [
        { href: "/catalog", label: "Get help" },
        { href: "/requests", label: "My requests" },
        { href: "/my-complaints", label: "My complaints" },
        { href: "/approvals", label: "Approvals" },
        ...queues.map((q) => ({ href: `/queue/${q.key}`, label: `${q.name} queue` })),
        ...headed.map((q) => ({ href: `/insights/${q.key}`, label: headed.length > 1 ? `${q.name} reports` : "Reports" })),
        ...headed.map((q) => ({ href: `/settings/${q.key}`, label: `${q.name} settings` })),
        ...(actor.hr || actor.admin || actor.headOf.length ? [{ href: "/insights/pulse", label: "Pulse surveys" }] : []),
        ...(can(actor, "insights.organisation") ? [{ href: "/insights/organisation", label: "Organisation" }] : []),
        ...(actor.admin ? [{ href: "/admin", label: "Admin" }] : []),
      ]
    : [];
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
                <div className="hidden flex-wrap items-center gap-4 text-sm md:flex">
                  <NavLinks links={links} />
                </div>
                <div className="ml-auto flex items-center gap-2 text-sm md:gap-3">
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
                  <Link href="/account/tokens" className="hidden rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100 md:inline">API tokens</Link>
                  <span className="hidden text-slate-600 md:inline" data-testid="signed-in-as">{actor.name}</span>
                  <Link href="/account/time-zone" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100" title={`Times are shown in ${actor.timeZone}: change`} data-testid="my-zone">
                    <span className="sr-only">Time zone: </span>
                    {zoneAbbreviation(new Date(), actor.timeZone)}
                  </Link>
                  {actor.timeZoneSource === "DEFAULT" ? <BrowserTimeZone /> : null}
                  <div className="hidden md:block"><SignOutButton /></div>
                  {/* Phones: the links fold into a menu that opens without JavaScript. */}
                  <details className="group relative md:hidden" data-testid="phone-menu">
                    <summary className="cursor-pointer list-none rounded-md px-2 py-1 font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-100 [&::-webkit-details-marker]:hidden">
                      Menu
                    </summary>
                    <div className="absolute right-0 z-20 mt-2 flex w-64 max-w-[calc(100vw-2rem)] flex-col gap-1 rounded-md bg-white p-3 text-sm shadow-lg ring-1 ring-slate-200">
                      <p className="border-b border-slate-100 pb-2 text-slate-600">Signed in as {actor.name}</p>
                      <NavLinks links={[...links, { href: "/account/tokens", label: "API tokens" }]} className="block rounded-md px-2 py-1.5" />
                      <div className="border-t border-slate-100 pt-2"><SignOutButton /></div>
                    </div>
                  </details>
                </div>
                <form role="search" aria-label="Quick search" action="/search" className="order-last w-full md:order-none md:w-auto">
                  <label htmlFor="nav-search" className="sr-only">Search requests</label>
                  <input id="nav-search" name="q" type="search" placeholder="Search requests" maxLength={200} className="w-full rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600 md:w-44 md:py-1 md:focus:w-64" />
                </form>
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
