// The one place where the demo's satisfaction figures are built after seeding, so that HR and heads
// see them on the first page they open rather than after the first job run. Pulse results need
// nothing here: they are released when read.
import type { Db } from "../../lib/db/create-client";
import { rebuildSatisfactionFigures } from "../../lib/satisfaction/satisfaction-rollup";

export async function buildDemoFigures(db: Db): Promise<{ figures: number }> {
  const { figures } = await rebuildSatisfactionFigures(db, { force: true });
  return { figures };
}
