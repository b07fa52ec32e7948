import Link from "@/app/_components/link";
import type { ComponentProps, ReactNode } from "react";
import { priorityLabel, shownStatusLabel, type ApprovalStateValue, type PriorityLevel, type Status } from "@/lib/validation/request-values";

export function cx(...parts: (string | false | null | undefined)[]) {
  return parts.filter(Boolean).join(" ");
}

const buttonStyles = {
  // A disabled primary button keeps dark text: white on slate-300 fails contrast (axe).
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-slate-300 disabled:text-slate-800",
  secondary: "bg-white text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:text-slate-400",
  ghost: "text-brand-700 hover:bg-brand-50",
  danger: "bg-red-600 text-white hover:bg-red-700",
};

export function Button({ variant = "primary", className, ...props }: ComponentProps<"button"> & { variant?: keyof typeof buttonStyles }) {
  return (
    <button
      {...props}
      className={cx("inline-flex items-center justify-center gap-2 rounded-md px-3.5 py-2 text-sm font-semibold shadow-xs transition disabled:cursor-not-allowed", buttonStyles[variant], className)}
    />
  );
}

export function ButtonLink({ variant = "primary", className, ...props }: ComponentProps<typeof Link> & { variant?: keyof typeof buttonStyles }) {
  return <Link {...props} className={cx("inline-flex items-center justify-center gap-2 rounded-md px-3.5 py-2 text-sm font-semibold shadow-xs transition", buttonStyles[variant], className)} />;
}

export function Card({ className, ...props }: ComponentProps<"section">) {
  return <section {...props} className={cx("rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200", className)} />;
}

export function PageHeader({ title, subtitle, actions }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        {subtitle ? <p className="mt-1 text-sm text-slate-600">{subtitle}</p> : null}
      </div>
      {actions ? <div className="flex gap-2">{actions}</div> : null}
    </div>
  );
}

const statusStyles: Record<Status, string> = {
  NEW: "bg-sky-100 text-sky-800",
  OPEN: "bg-amber-100 text-amber-900",
  WAITING_ON_REQUESTER: "bg-violet-100 text-violet-800",
  RESOLVED: "bg-emerald-100 text-emerald-800",
  CLOSED: "bg-slate-200 text-slate-700",
};

export function StatusBadge({ status, approvalState }: { status: Status; approvalState?: ApprovalStateValue | null }) {
  const style = approvalState === "PENDING" ? "bg-orange-100 text-orange-900" : statusStyles[status];
  return <span className={`badge ${style}`} data-testid="status-badge">{shownStatusLabel({ status, approvalState })}</span>;
}

const priorityStyles: Record<PriorityLevel, string> = {
  LOW: "text-slate-600",
  NORMAL: "text-slate-800",
  HIGH: "text-orange-700 font-semibold",
  URGENT: "text-red-700 font-bold",
};

export function PriorityText({ priority }: { priority: PriorityLevel }) {
  return <span className={cx("text-xs", priorityStyles[priority])}>{priorityLabel[priority]}</span>;
}

export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700" role="alert">
      {messages.join(" ")}
    </p>
  );
}

export function FormMessage({ state }: { state: { ok: boolean; message?: string } | null }) {
  if (!state?.message) return null;
  return (
    <p role={state.ok ? "status" : "alert"} className={cx("rounded-md px-3 py-2 text-sm", state.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800")}>
      {state.message}
    </p>
  );
}

export const inputClass =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500 aria-[invalid=true]:ring-red-500";
