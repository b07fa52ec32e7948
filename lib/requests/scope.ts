import type { Actor } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The requests an actor may see at all: their own, those they watch, and those of departments they
 * work for. Every query for requests starts from this, so anything else is simply not found.
 */
export function visibleRequests(actor: Actor): Prisma.RequestWhereInput {
  return {
    OR: [
      { requesterId: actor.id },
      { watchers: { some: { personId: actor.id } } },
      ...(actor.agentOf.length ? [{ departmentId: { in: actor.agentOf } }] : []),
    ],
  };
}

export const isAgentOf = (actor: Actor, departmentId: string) => actor.agentOf.includes(departmentId);
