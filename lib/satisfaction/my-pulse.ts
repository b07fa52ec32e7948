import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";

export type MyPulseRound = {
  roundId: string;
  period: string;
  closesAt: Date;
  departments: { id: string; name: string; answeredAt: Date | null }[];
};

/** The open rounds that ask the actor something, with what they already answered. Only ever their own. */
export async function listMyPulse(options: { actor: Actor; now?: Date }): Promise<MyPulseRound[]> {
  const now = options.now ?? new Date();
  const invitations = await db().pulseInvitation.findMany({
    where: { personId: options.actor.id, round: { opensAt: { lte: now }, closesAt: { gt: now } } },
    select: {
      round: { select: { id: true, period: true, closesAt: true, opensAt: true } },
      ratedDepartment: { select: { id: true, name: true } },
    },
  });
  const answers = await db().pulseResponse.findMany({
    where: { respondentId: options.actor.id, roundId: { in: [...new Set(invitations.map((i) => i.round.id))] } },
    select: { roundId: true, ratedDepartmentId: true, createdAt: true },
  });
  const answeredAt = new Map(answers.map((a) => [`${a.roundId}|${a.ratedDepartmentId}`, a.createdAt]));
  const rounds = new Map<string, MyPulseRound & { opensAt: Date }>();
  for (const { round, ratedDepartment } of invitations) {
    if (ratedDepartment.id === options.actor.departmentId) continue;
    let entry = rounds.get(round.id);
    if (!entry) rounds.set(round.id, (entry = { roundId: round.id, period: round.period, closesAt: round.closesAt, opensAt: round.opensAt, departments: [] }));
    entry.departments.push({ ...ratedDepartment, answeredAt: answeredAt.get(`${round.id}|${ratedDepartment.id}`) ?? null });
  }
  return [...rounds.values()]
    .sort((a, b) => b.opensAt.getTime() - a.opensAt.getTime())
    .map(({ opensAt: _opensAt, ...r }) => ({ ...r, departments: r.departments.sort((a, b) => a.name.localeCompare(b.name)) }));
}
