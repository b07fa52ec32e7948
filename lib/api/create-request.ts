import "server-only";
import crypto from "node:crypto";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { fileRequest, SubmissionClaimTaken, type FiledRequest, type SubmissionClaim } from "@/lib/requests/file-request";
import { fieldViews, getRequest } from "@/lib/requests/get-request";
import { apiFileRequestSchema, type ApiFileRequestBody, type ApiRequestDetail } from "@/lib/validation/api";
import { parseInput } from "@/lib/validation/parse";
import { canonicalJson, keyReused, parseIdempotencyKey, sha256, submissionKeyOf } from "./idempotency";
import { toFiledDetail, toRequestDetail } from "./serialize";

export type CreateResult = { request: ApiRequestDetail; replayed: boolean };

/**
 * Files a request for an API caller. With an Idempotency-Key, the key is claimed for this token
 * and body in the same write that files the request (one statement on the common path, one
 * transaction otherwise), and the filing uses a submission key derived from it, so however a retry
 * races the first call, it files once; retries with the same body get the first result back, the
 * same key with another body is refused (422 IDEMPOTENCY_KEY_REUSED). A first call that fails (bad
 * field values, unknown type) claimed nothing, so the caller can fix the body and retry with the
 * same key. The answer is built from what the filing wrote, not read back.
 */
export async function createRequestForApi(options: { actor: Actor; tokenId: string; idempotencyKey: string | null; body: unknown }): Promise<CreateResult> {
  const { actor, tokenId } = options;
  const input = parseInput(apiFileRequestSchema, options.body);
  if (options.idempotencyKey === null) {
    return { request: await detailOf(actor, await file(actor, input, crypto.randomUUID())), replayed: false };
  }
  const key = parseIdempotencyKey(options.idempotencyKey);
  const bodyHash = sha256(canonicalJson(input));
  const submissionKey = submissionKeyOf(tokenId, key);

  let filed: FiledRequest;
  let claimed = true;
  try {
    filed = await file(actor, input, submissionKey, { tokenId, key, bodyHash });
  } catch (error) {
    if (!(error instanceof SubmissionClaimTaken)) throw error;
    claimed = false;
    const existing = await db().apiIdempotencyKey.findUnique({ where: { tokenId_key: { tokenId, key } } });
    if (existing && existing.bodyHash !== bodyHash) throw keyReused();
    if (existing?.response) return { request: existing.response as ApiRequestDetail, replayed: true };
    // The first call is still filing (or died doing so): filing again with the same submission key
    // returns its request rather than a second one.
    filed = await file(actor, input, submissionKey);
  }
  const request = await detailOf(actor, filed);
  // The first result is kept as it was, even when a slower racer arrives here second.
  // (One plain statement: Prisma's updateMany of a Json column wraps itself in a transaction.)
  const kept = await sql({ prepared: true }).$executeRaw`
    UPDATE "ApiIdempotencyKey" SET "response" = ${JSON.stringify(request)}::jsonb
     WHERE "tokenId" = ${tokenId} AND "key" = ${key} AND ("response" IS NULL OR "response" = 'null'::jsonb)`;
  // Ours was stored (the usual case): no need to read it back.
  if (kept === 1) return { request, replayed: !claimed };
  const stored = await db().apiIdempotencyKey.findUnique({ where: { tokenId_key: { tokenId, key } }, select: { response: true } });
  return { request: (stored?.response as ApiRequestDetail | null) ?? request, replayed: !claimed };
}

async function file(actor: Actor, input: ApiFileRequestBody, submissionKey: string, claim?: SubmissionClaim): Promise<FiledRequest> {
  try {
    return await fileRequest({ actor, input: { ...input, submissionKey }, claim });
  } catch (error) {
    // The body's own fields were checked above, so what fileRequest refuses is a field value.
    if (error instanceof AppError && error.code === "INVALID_INPUT" && error.fieldErrors) {
      const fields = Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [k === "_form" ? "fieldValues" : `fieldValues.${k}`, v]));
      throw new AppError("INVALID_INPUT", error.userMessage, fields);
    }
    throw error;
  }
}

/** The API's answer: from what the filing wrote when it has it, else read as the caller may see it. */
async function detailOf(actor: Actor, filed: FiledRequest): Promise<ApiRequestDetail> {
  if (!filed.written) return toRequestDetail(await getRequest({ actor, reference: filed.reference }));
  return toFiledDetail({ id: filed.id, reference: filed.reference, written: filed.written, requester: actor, fields: await fieldViews(filed.written.fields, filed.written.fieldValues, []) });
}
