"use client";
import Link from "@/app/_components/link";
import { usePathname } from "next/navigation";

const links = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/organisation", label: "Organisation" },
  { href: "/admin/departments", label: "Departments" },
  { href: "/admin/people", label: "People" },
  { href: "/admin/import", label: "Import" },
  { href: "/admin/scim", label: "Directory sync" },
  { href: "/admin/email", label: "Email delivery" },
  { href: "/admin/audit", label: "Audit log" },
];

export function AdminNav() {
  const path = usePathname();
  const current = (href: string) => (href === "/admin" ? path === "/admin" : path.startsWith(href));
  return (
    <nav aria-label="Administration" className="mb-6 -mx-1 flex gap-1 overflow-x-auto border-b border-slate-200 pb-px text-sm">
      {links.map((l) => (
        <Link
          key={l.href}
          href={l.href}
          aria-current={current(l.href) ? "page" : undefined}
          className="whitespace-nowrap rounded-t-md border-b-2 border-transparent px-3 py-2 text-slate-600 hover:text-brand-700 aria-[current=page]:border-brand-600 aria-[current=page]:font-semibold aria-[current=page]:text-brand-700"
        >
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
