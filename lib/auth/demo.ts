import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

/**
 * The "sign in as" picker exists only for the demo organisation on the embedded database: the
 * launcher marks the embedded database (it never does when DATABASE_URL is given), and only the
 * demo seed writes the demoOrganisation setting, and the server answering must itself say it is
 * PGlite. All must hold, so a production PostgreSQL can never offer it, whatever env is set or
 * whatever rows were copied into it.
 */
export async function demoSignInEnabled(): Promise<boolean> {
  const e = env();
  if (!e.DESK_EMBEDDED || !e.DESK_DEMO) return false;
  if (!(await serverIsPglite())) return false;
  const marker = await db().setting.findUnique({ where: { key: "demoOrganisation" } });
  return marker !== null;
}

let pglite: Promise<boolean> | null = null;
/** Asked once per process: the server cannot change under a running app. */
function serverIsPglite(): Promise<boolean> {
  pglite ??= db()
    .$queryRaw<{ version: string }[]>`SELECT version() AS version`
    .then(([row]) => /\(PGlite [^)]*\)/.test(row?.version ?? ""))
    .catch((e: unknown) => {
      pglite = null;
      throw e;
    });
  return pglite;
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
