import "server-only";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";

/** Admin pages do not exist for anyone else: a 404, never a hint that the page is there. */
export async function requireAdminPage() {
  const actor = await requireActor();
  if (!can(actor, "org.manage")) notFound();
  return actor;
}
