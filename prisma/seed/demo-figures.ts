// The one place where the demo's satisfaction figures are published after seeding, so that HR and
// heads see them on the first page they open rather than after the first job run: every closed
// month (with its comment themes and experience values) and every closed pulse round, as the
// publication job would, and the request types' expectations.
import type { Db } from "../../lib/db/create-client";
import { computeExpectations } from "../../lib/experience/compute-expectations";
import { publishPulseRounds } from "../../lib/satisfaction/publish-pulse";
import { publishSatisfaction } from "../../lib/satisfaction/publish-satisfaction";

export async function buildDemoFigures(db: Db, now = new Date()): Promise<{ months: number; rounds: number }> {
  const { published } = await publishSatisfaction(db, { now });
  const rounds = await publishPulseRounds(db, { now });
  // What to expect from each request type, as the expectation job would compute it.
  await computeExpectations(db, { now });
  return { months: published.length, rounds: rounds.published.length };
}
