import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { consumeRateLimit } from "@/lib/security/rate-limit";
import type { Actor } from "./permissions";
import { currentActor } from "./session";

export type ActionState<T = unknown> =
  | { ok: true; data: T; message?: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string[]> }
  | null;

/**
 * The one wrapper for Server Actions: loads the signed-in actor (re-checked against the directory),
 * runs the use case, and turns failures into state a form can show. Authorization itself is decided
 * by the use case in lib/, never here.
 */
export async function runAction<T>(fn: (actor: Actor) => Promise<T>): Promise<ActionState<T>> {
  return runActionAs(await currentActor(), fn);
}

/**
 * runAction once the actor is known (tests call it: they have no session). Every action counts
 * against its person's throttle (DESK_ACTION_RATE_LIMIT a minute, all their sessions together)
 * before it runs.
 */
export async function runActionAs<T>(actor: Actor | null, fn: (actor: Actor) => Promise<T>): Promise<ActionState<T>> {
  if (!actor) return { ok: false, message: "Your session has ended. Sign in again." };
  const rate = await consumeRateLimit({ scope: "action", subject: actor.id, limit: env().DESK_ACTION_RATE_LIMIT });
  if (!rate.allowed) return { ok: false, message: `You are sending too much at once (at most ${rate.limit} a minute). Wait ${rate.resetSeconds} s, then try again.` };
  try {
    return { ok: true, data: await fn(actor) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: error.userMessage, fieldErrors: error.fieldErrors };
    // redirect() and notFound() from next/navigation signal by throwing: let them through.
    if (error instanceof Error && "digest" in error) throw error;
    logger.error({ err: error }, "action failed");
    return { ok: false, message: "Something went wrong on our side. Try again in a moment." };
  }
}
