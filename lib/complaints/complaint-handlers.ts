import "server-only";
import type { Db, Tx } from "@/lib/db/create-client";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The people who may be given a department's complaints: its active heads and its delegate. */
export const handlerOf = (departmentId: string): Prisma.PersonWhereInput => ({
  active: true,
  OR: [{ roles: { some: { role: "HEAD", departmentId } } }, { delegateFor: { some: { id: departmentId } } }],
});

export async function isHandler(client: Pick<Db | Tx, "person">, departmentId: string, personId: string): Promise<boolean> {
  return (await client.person.count({ where: { AND: [{ id: personId }, handlerOf(departmentId)] } })) === 1;
}
