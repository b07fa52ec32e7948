import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { idempotencyKeySchema } from "@/lib/validation/api";
import { ApiError } from "./http";

export const sha256 = (text: string) => crypto.createHash("sha256").update(text).digest("hex");

/** The key a use case stores with what it writes, so a retry finds the first write (one per token and key). */
export const submissionKeyOf = (tokenId: string, key: string) => `api:${sha256(`${tokenId}\n${key}`)}`;

/**
 * An API write made safe to retry with an `Idempotency-Key` (comments, status, assignee; filing has
 * its own, lib/api/create-request.ts). The key is claimed for this token, route and body first. A
 * retry gets the first call's stored answer; the same key on another route or with another body is
 * refused (422 IDEMPOTENCY_KEY_REUSED). When the first call never stored its answer (it died, or is
 * still running) the write runs again: `run` gets a submission key that its use case stores with
 * the write, so the write itself happens once (a comment), or the write sets an absolute value (a
 * status, an assignee) that repeating leaves as it is. A first call refused by the rules (bad input,
 * stale version) releases the key so the caller can fix the body and retry with it.
 */
export async function idempotentWrite<T>(options: {
  tokenId: string;
  idempotencyKey: string | null;
  /** Method and path of the route: one key serves one call. */
  scope: string;
  body: unknown;
  run: (submissionKey: string | undefined) => Promise<T>;
}): Promise<{ result: T; replayed: boolean }> {
  const { tokenId } = options;
  if (options.idempotencyKey === null) return { result: await options.run(undefined), replayed: false };
  const key = parseIdempotencyKey(options.idempotencyKey);
  const bodyHash = sha256(`${options.scope}\n${canonicalJson(options.body)}`);

  const { count: claimed } = await db().apiIdempotencyKey.createMany({ data: [{ tokenId, key, bodyHash }], skipDuplicates: true });
  if (!claimed) {
    const existing = await db().apiIdempotencyKey.findUnique({ where: { tokenId_key: { tokenId, key } } });
    if (existing && existing.bodyHash !== bodyHash) throw keyReused();
    if (existing?.response) return { result: (existing.response as { result: T }).result, replayed: true };
  }
  let result: T;
  try {
    result = await options.run(submissionKeyOf(tokenId, key));
  } catch (error) {
    if (claimed && (error instanceof AppError || error instanceof ApiError)) {
      await db().apiIdempotencyKey.deleteMany({ where: { tokenId, key, response: { equals: Prisma.AnyNull } } });
    }
    throw error;
  }
  // One plain statement: Prisma's updateMany of a Json column wraps itself in a transaction.
  await db().$executeRaw`
    UPDATE "ApiIdempotencyKey" SET "response" = ${JSON.stringify({ result })}::jsonb
     WHERE "tokenId" = ${tokenId} AND "key" = ${key} AND ("response" IS NULL OR "response" = 'null'::jsonb)`;
  return { result, replayed: !claimed };
}

export function parseIdempotencyKey(raw: string): string {
  const result = idempotencyKeySchema.safeParse(raw);
  if (result.success) return result.data;
  throw new ApiError(422, "INVALID_INPUT", result.error.issues[0]?.message ?? "The Idempotency-Key header is not valid", {
    "Idempotency-Key": result.error.issues.map((i) => i.message),
  });
}

export const keyReused = () =>
  new ApiError(422, "IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was already used with a different body. Use a new key for a new request.");

/** JSON with object keys sorted, so the same body written in another key order hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
