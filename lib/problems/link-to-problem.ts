import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { eventRow } from "@/lib/requests/events";
import { findVisibleByReference } from "@/lib/requests/find-by-reference";
import { formatReference } from "@/lib/requests/reference";
import { mayOn, standingOf, standingSelect, visibleRequests, workRefusal } from "@/lib/requests/request-policy";
import { isOpenStatus } from "@/lib/requests/statuses";
import { parseInput } from "@/lib/validation/parse";
import { linkProblemSchema, unlinkProblemSchema } from "@/lib/validation/knowledge";

const problemField = (code: "INVALID_INPUT" | "NOT_FOUND" | "CONFLICT", message: string) => new AppError(code, message, { problemReference: [message] });

/**
 * An agent links an open request of their department to a problem: another open request of the
 * same department that stands for the underlying cause. One level only: a problem is not itself
 * linked to a problem, and a request with linked requests cannot become a symptom. Linking changes
 * neither request's version (nobody's form goes stale); the request's timeline records it and the
 * problem's page lists its linked requests.
 */
export async function linkToProblem(options: { actor: Actor; input: { requestId: string; problemReference: string } }): Promise<{ problemId: string }> {
  const { actor } = options;
  const input = parseInput(linkProblemSchema, options.input);
  return db().$transaction(async (tx) => {
    const request = await tx.request.findFirst({
      where: { AND: [{ id: input.requestId }, visibleRequests(actor)] },
      select: { id: true, number: true, status: true, problemId: true, department: { select: { key: true } }, _count: { select: { problemLinks: true } }, ...standingSelect(actor) },
    });
    if (!request) throw notFound();
    if (!mayOn(actor, standingOf(request), "request.triage")) throw forbidden("Only agents of the department holding this request can link it to a problem.");
    const refusal = workRefusal(standingOf(request));
    if (refusal) throw refusal;
    if (!isOpenStatus(request.status)) throw new AppError("CONFLICT", "Only an open request can be linked to a problem.");
    if (request._count.problemLinks > 0) throw problemField("CONFLICT", "This request is itself a problem with linked requests.");
    const problem = await findVisibleByReference(tx, actor, input.problemReference);
    if (!problem) throw problemField("NOT_FOUND", `There is no request ${input.problemReference.toUpperCase()} that you can see.`);
    if (problem.id === request.id) throw problemField("INVALID_INPUT", "A request cannot be its own problem.");
    if (problem.departmentId !== request.departmentId) throw problemField("INVALID_INPUT", "The problem must be a request of the same department.");
    if (!isOpenStatus(problem.status)) throw problemField("CONFLICT", "The problem is no longer open.");
    const problemRow = await tx.request.findUniqueOrThrow({ where: { id: problem.id }, select: { problemId: true } });
    if (problemRow.problemId) throw problemField("INVALID_INPUT", "That request is itself linked to a problem: link to that problem instead.");
    if (request.problemId === problem.id) return { problemId: problem.id };
    await tx.request.update({ where: { id: request.id }, data: { problemId: problem.id } });
    await tx.requestEvent.createMany({
      data: [
        ...(request.problemId ? [eventRow(request.id, actor.id, "problem_unlinked", { from: { requestId: request.problemId, reference: "" } })] : []),
        eventRow(request.id, actor.id, "problem_linked", { to: { requestId: problem.id, reference: problem.reference } }),
      ],
    });
    return { problemId: problem.id };
  });
}

/** An agent takes a request off its problem. */
export async function unlinkFromProblem(options: { actor: Actor; input: { requestId: string } }): Promise<{ removed: boolean }> {
  const { actor } = options;
  const input = parseInput(unlinkProblemSchema, options.input);
  return db().$transaction(async (tx) => {
    const request = await tx.request.findFirst({
      where: { AND: [{ id: input.requestId }, visibleRequests(actor)] },
      select: { id: true, problemId: true, problem: { select: { number: true, department: { select: { key: true } } } }, ...standingSelect(actor) },
    });
    if (!request) throw notFound();
    if (!mayOn(actor, standingOf(request), "request.triage")) throw forbidden("Only agents of the department holding this request can change its problem.");
    if (!request.problemId || !request.problem) return { removed: false };
    await tx.request.update({ where: { id: request.id }, data: { problemId: null } });
    await tx.requestEvent.createMany({
      data: [eventRow(request.id, actor.id, "problem_unlinked", { from: { requestId: request.problemId, reference: formatReference(request.problem.department.key, request.problem.number) } })],
    });
    return { removed: true };
  });
}
