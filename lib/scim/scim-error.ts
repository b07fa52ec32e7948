import type { z } from "zod";
import { scimSchemas } from "@/lib/validation/scim";

/** A SCIM error response (RFC 7644 §3.12): the status, a scimType where the RFC names one, and a readable detail. */
export class ScimError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 429,
    readonly detail: string,
    readonly scimType?: "invalidFilter" | "invalidSyntax" | "invalidPath" | "invalidValue" | "uniqueness" | "mutability" | "noTarget" | "tooMany",
  ) {
    super(detail);
    this.name = "ScimError";
  }

  body() {
    return { schemas: [scimSchemas.error], status: String(this.status), ...(this.scimType ? { scimType: this.scimType } : {}), detail: this.detail };
  }
}

/** Parses a SCIM body or query with its zod schema; a failure is a 400 naming the first problem. */
export function parseScim<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  throw new ScimError(400, `${where}${issue?.message ?? "invalid request"}`, "invalidValue");
}
