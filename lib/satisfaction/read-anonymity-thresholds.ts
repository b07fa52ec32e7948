import type { Db } from "@/lib/db/create-client";
import { anonymityThresholdsSchema, defaultAnonymityThresholds, type AnonymityThresholds } from "@/lib/validation/anonymity";

export const thresholdsKey = "anonymityThresholds";

/** Stored thresholds, or the defaults; a stored value that no longer validates falls back to the defaults, never lower. */
export async function readAnonymityThresholds(client: Pick<Db, "setting">): Promise<AnonymityThresholds> {
  const row = await client.setting.findUnique({ where: { key: thresholdsKey } });
  const parsed = anonymityThresholdsSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : defaultAnonymityThresholds;
}
