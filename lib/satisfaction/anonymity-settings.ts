import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/errors";
import { auditRow } from "@/lib/org/audit";
import { parseInput } from "@/lib/validation/parse";
import { anonymityThresholdsSchema, type AnonymityThresholds, type AnonymityThresholdsInput } from "@/lib/validation/anonymity";
import { currentAnonymityThresholds } from "./organisation-settings";
import { readAnonymityThresholds, thresholdsKey } from "./read-anonymity-thresholds";

/** The fewest distinct raters behind any satisfaction figure, commenters behind any comment theme, and agents behind a department's workload figures. */
export async function anonymityThresholds(): Promise<AnonymityThresholds> {
  return currentAnonymityThresholds();
}

/**
 * HR or an admin changes the thresholds (raters and commenters never below 3, agents never below 2;
 * a caller that leaves out the agents keeps the current value). Published figures never change:
 * periods published from now on are decided under the new thresholds, those already published keep
 * the ones they were published with (so do comment themes). A year's guarantee is that of the lowest
 * threshold used in it.
 */
export async function updateAnonymityThresholds(options: { actor: Actor; input: AnonymityThresholdsInput }): Promise<AnonymityThresholds> {
  if (!can(options.actor, "anonymity.configure")) throw forbidden("Only HR and administrators can change the anonymity thresholds.");
  return db().$transaction(async (tx) => {
    const before = await readAnonymityThresholds(tx);
    const next = parseInput(anonymityThresholdsSchema, { ...options.input, minAgents: options.input.minAgents ?? before.minAgents });
    await tx.setting.upsert({ where: { key: thresholdsKey }, create: { key: thresholdsKey, value: next }, update: { value: next } });
    await tx.auditEvent.create({ data: auditRow(options.actor, "anonymity.thresholds.updated", "settings:anonymity", { before, after: next }) });
    return next;
  });
}
