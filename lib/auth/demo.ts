import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

/**
 * The "sign in as" picker exists only for the demo organisation on the embedded database: the
 * launcher marks the embedded database (it never does when DATABASE_URL is given), and only the
 * demo seed writes the demoOrganisation setting. Both must hold, so a production PostgreSQL can
 * never offer it, whatever else is set.
 */
export async function demoSignInEnabled(): Promise<boolean> {
  const e = env();
  if (!e.DESK_EMBEDDED || !e.DESK_DEMO) return false;
  const marker = await db().setting.findUnique({ where: { key: "demoOrganisation" } });
  return marker !== null;
}

export async function demoPeople() {
  if (!(await demoSignInEnabled())) return [];
  return db().person.findMany({
    where: { active: true },
    orderBy: [{ department: { name: "asc" } }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      title: true,
      email: true,
      department: { select: { name: true } },
      roles: { select: { role: true, department: { select: { key: true } } } },
    },
  });
}
