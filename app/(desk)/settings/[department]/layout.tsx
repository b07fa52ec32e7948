import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { requireActor } from "@/lib/auth/session";
import { departmentForSettings } from "@/lib/catalog/catalog-settings-reads";
import { AppError } from "@/lib/errors";
import { SettingsTabs } from "./settings-tabs";

/** Tabs over a department's settings, for its heads (and admins); to anyone else there is nothing here. Each page checks again. */
export default async function DepartmentSettingsLayout({ children, params }: { children: ReactNode; params: Promise<{ department: string }> }) {
  const actor = await requireActor();
  const { department: key } = await params;
  const department = await departmentForSettings({ actor, departmentKey: key }).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return (
    <>
      <SettingsTabs departmentKey={department.key} />
      {children}
    </>
  );
}
