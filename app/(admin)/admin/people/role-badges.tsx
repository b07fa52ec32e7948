import { roleLabel, type RoleCode } from "@/lib/validation/org";

const style: Record<RoleCode, string> = {
  ADMIN: "bg-red-100 text-red-800",
  HR: "bg-violet-100 text-violet-800",
  HEAD: "bg-amber-100 text-amber-900",
  AGENT: "bg-sky-100 text-sky-800",
};
const order: RoleCode[] = ["ADMIN", "HR", "HEAD", "AGENT"];

export function RoleBadges({ roles }: { roles: { role: RoleCode; department: { key: string } | null }[] }) {
  if (roles.length === 0) return <span className="text-xs text-slate-500">Employee</span>;
  const sorted = [...roles].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role) || (a.department?.key ?? "").localeCompare(b.department?.key ?? ""));
  return (
    <ul className="flex flex-wrap gap-1">
      {sorted.map((r) => (
        <li key={`${r.role}:${r.department?.key ?? ""}`} className={`rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${style[r.role]}`}>
          {roleLabel[r.role]}
          {r.department ? ` ${r.department.key}` : ""}
        </li>
      ))}
    </ul>
  );
}
