import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { formatReference } from "@/lib/requests/reference";
import { visibleRequests } from "@/lib/requests/request-policy";
import type { Status } from "@/lib/validation/requests";

type Ref = { id: string; reference: string; title: string; status: Status };

/** For a request's page: the problem it is linked to, and the requests linked to it; only those the actor may see. */
export async function problemRelations(options: { actor: Actor; requestId: string }): Promise<{ problem: Ref | null; linked: Ref[] }> {
  const { actor, requestId } = options;
  const select = { id: true, number: true, title: true, status: true, department: { select: { key: true } } } as const;
  const toRef = (r: { id: string; number: number; title: string; status: Status; department: { key: string } }): Ref => ({ id: r.id, reference: formatReference(r.department.key, r.number), title: r.title, status: r.status });
  const own = await db().request.findFirst({ where: { AND: [{ id: requestId }, visibleRequests(actor)] }, select: { problemId: true } });
  if (!own) return { problem: null, linked: [] };
  const [problem, linked] = await Promise.all([
    own.problemId ? db().request.findFirst({ where: { AND: [{ id: own.problemId }, visibleRequests(actor)] }, select }) : null,
    db().request.findMany({ where: { AND: [{ problemId: requestId }, visibleRequests(actor)] }, select, orderBy: { createdAt: "asc" }, take: 200 }),
  ]);
  return { problem: problem ? toRef(problem) : null, linked: linked.map(toRef) };
}
