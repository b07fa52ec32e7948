import type { ReactNode } from "react";
import { AdminNav } from "./admin-nav";
import { requireAdminPage } from "./require-admin";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  // Each page checks again: layouts and pages render independently.
  await requireAdminPage();
  return (
    <>
      <AdminNav />
      {children}
    </>
  );
}
