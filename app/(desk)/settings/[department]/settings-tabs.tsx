"use client";
import Link from "@/app/_components/link";
import { usePathname } from "next/navigation";

/** The department's settings areas; the current one is marked for sighted and screen-reader users alike. */
export function SettingsTabs({ departmentKey }: { departmentKey: string }) {
  const path = usePathname();
  const base = `/settings/${departmentKey}`;
  const tabs = [
    { href: `${base}/sla`, label: "Service levels" },
    { href: `${base}/catalog`, label: "Catalogue" },
    { href: `${base}/teams`, label: "Teams" },
    { href: `${base}/canned-responses`, label: "Canned responses" },
    { href: `${base}/automation`, label: "Automation" },
    { href: `${base}/email`, label: "Email" },
    { href: `${base}/experience`, label: "Experience" },
    { href: `${base}/webhooks`, label: "Webhooks" },
  ];
  return (
    <nav aria-label="Department settings" className="mb-6 -mx-1 flex gap-1 overflow-x-auto border-b border-slate-200 pb-px text-sm">
      {tabs.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={path === t.href || path.startsWith(`${t.href}/`) ? "page" : undefined}
          className="whitespace-nowrap rounded-t-md border-b-2 border-transparent px-3 py-2 text-slate-600 hover:text-brand-700 aria-[current=page]:border-brand-600 aria-[current=page]:font-semibold aria-[current=page]:text-brand-700"
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
