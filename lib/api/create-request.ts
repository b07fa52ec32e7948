import "server-only";
import crypto from "node:crypto";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { fileRequest } from "@/lib/requests/file-request";
import { getRequest } from "@/lib/requests/get-request";
import { apiFileRequestSchema, type ApiFileRequestBody, type ApiRequestDetail } from "@/lib/validation/api";
import { parseInput } from "@/lib/validation/parse";
import { canonicalJson, keyReused, parseIdempotencyKey, sha256, submissionKeyOf } from "./idempotency";
import { toRequestDetail } from "./serialize";

export type CreateResult = { request: ApiRequestDetail; replayed: boolean };

/**
 * Files a request for an API caller. With an Idempotency-Key, the key is claimed for this token
 * and body before filing, and the filing itself uses a submission key derived from it, so however
 * a retry races the first call, fileRequest files once; retries with the same body get the first
 * result back, the same key with another body is refused (422 IDEMPOTENCY_KEY_REUSED). A first
 * call that fails (bad field values, unknown type) releases its claim, so the caller can fix the
 * body and retry with the same key.
 */
export async function createRequestForApi(options: { actor: Actor; tokenId: string; idempotencyKey: string | null; body: unknown }): Promise<CreateResult> {
  const { actor, tokenId } = options;
  const input = parseInput(apiFileRequestSchema, options.body);
  if (options.idempotencyKey === null) {
    return { request: await file(actor, input, crypto.randomUUID()), replayed: false };
  }
  const key = parseIdempotencyKey(options.idempotencyKey);
  const bodyHash = sha256(canonicalJson(input));
  const submissionKey = submissionKeyOf(tokenId, key);

  const { count: claimed } = await db().apiIdempotencyKey.createMany({ data: [{ tokenId, key, bodyHash }], skipDuplicates: true });
  if (!claimed) {
    const existing = await db().apiIdempotencyKey.findUnique({ where: { tokenId_key: { tokenId, key } } });
    if (existing && existing.bodyHash !== bodyHash) throw keyReused();
    if (existing?.response) return { request: existing.response as ApiRequestDetail, replayed: true };
    // The first call is still filing (or died doing so): filing again with the same submission key
    // returns its request rather than a second one.
  }
  let request: ApiRequestDetail;
  try {
    request = await file(actor, input, submissionKey);
  } catch (error) {
    if (claimed) await db().apiIdempotencyKey.deleteMany({ where: { tokenId, key, response: { equals: Prisma.AnyNull } } });
    throw error;
  }
  // The first result is kept as it was, even when a slower racer arrives here second.
  const { count: kept } = await db().apiIdempotencyKey.updateMany({
    where: { tokenId, key, response: { equals: Prisma.AnyNull } },
    data: { response: request as unknown as Prisma.InputJsonObject },
  });
  // Ours was stored (the usual case): no need to read it back.
  if (kept === 1) return { request, replayed: !claimed };
  const stored = await db().apiIdempotencyKey.findUnique({ where: { tokenId_key: { tokenId, key } }, select: { response: true } });
  return { request: (stored?.response as ApiRequestDetail | null) ?? request, replayed: !claimed };
}

async function file(actor: Actor, input: ApiFileRequestBody, submissionKey: string): Promise<ApiRequestDetail> {
  let filed;
  try {
    filed = await fileRequest({ actor, input: { ...input, submissionKey } });
  } catch (error) {
    // The body's own fields were checked above, so what fileRequest refuses is a field value.
    if (error instanceof AppError && error.code === "INVALID_INPUT" && error.fieldErrors) {
      const fields = Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [k === "_form" ? "fieldValues" : `fieldValues.${k}`, v]));
      throw new AppError("INVALID_INPUT", error.userMessage, fields);
    }
    throw error;
  }
  return toRequestDetail(await getRequest({ actor, reference: filed.reference }));
}
