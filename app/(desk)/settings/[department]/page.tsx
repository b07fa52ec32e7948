import { redirect } from "next/navigation";

/** A department's settings open on its catalogue. */
export default async function DepartmentSettingsPage({ params }: { params: Promise<{ department: string }> }) {
  const { department } = await params;
  redirect(`/settings/${encodeURIComponent(department.toUpperCase())}/catalog`);
}
