import type { Db } from "@/lib/db/create-client";
import { anonymityThresholdsSchema, defaultAnonymityThresholds, type AnonymityThresholds } from "@/lib/validation/anonymity";

export const thresholdsKey = "anonymityThresholds";

/** A stored value as thresholds: one that no longer validates (or none) falls back to the defaults, never lower. */
export function anonymityThresholdsOf(value: unknown): AnonymityThresholds {
  const parsed = anonymityThresholdsSchema.safeParse(value);
  return parsed.success ? parsed.data : defaultAnonymityThresholds;
}

/** Stored thresholds, or the defaults; a stored value that no longer validates falls back to the defaults, never lower. */
export async function readAnonymityThresholds(client: Pick<Db, "setting">): Promise<AnonymityThresholds> {
  const row = await client.setting.findUnique({ where: { key: thresholdsKey } });
  return anonymityThresholdsOf(row?.value);
}
