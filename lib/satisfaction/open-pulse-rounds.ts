import { formatTime } from "@/lib/time/format-time";
import type { Db, Tx } from "@/lib/db/create-client";
import { notify } from "@/lib/notifications/notify";
import { periodLabel } from "./figure-periods";
import { readOrganisationTimeZone } from "./read-organisation-time-zone";
import { zonedPeriodRange } from "./zoned-periods";
import { followingPeriod } from "./pulse-periods";

const DAY_MS = 24 * 60 * 60 * 1000;

export type OpenedRound = { roundId: string; surveyId: string; period: string; asked: number };

/**
 * Opens every round whose time has come, each exactly once however many job workers (or a survey
 * being created) race: the INSERT ... ON CONFLICT DO NOTHING on PulseRound's unique (survey, period)
 * decides who opens it, and the invitations and notifications (emails as outbox rows) are written in
 * the same transaction by that one winner. A recurring survey then waits for the end of its next
 * served period; a one-off survey has no next round.
 *
 * Who is asked: every active person whose home department filed at least one request to a rated
 * department during the served period, about each such department; a department never rates itself.
 */
export async function openDuePulseRounds(db: Db, options: { now?: Date; baseUrl: string; surveyId?: string }): Promise<{ opened: OpenedRound[] }> {
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    // SKIP LOCKED: a survey another worker is opening right now is that worker's.
    const due = options.surveyId
      ? await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM "PulseSurvey" WHERE id = ${options.surveyId} AND active AND "nextRunAt" <= ${now} FOR UPDATE SKIP LOCKED`
      : await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM "PulseSurvey" WHERE active AND "nextRunAt" <= ${now} ORDER BY "nextRunAt" LIMIT 50 FOR UPDATE SKIP LOCKED`;
    const opened: OpenedRound[] = [];
    for (const { id } of due) {
      const round = await openRound(tx, { surveyId: id, now, baseUrl: options.baseUrl });
      if (round) opened.push(round);
    }
    return { opened };
  });
}

async function openRound(tx: Tx, options: { surveyId: string; now: Date; baseUrl: string }): Promise<OpenedRound | null> {
  const { now } = options;
  const survey = await tx.pulseSurvey.findUniqueOrThrow({
    where: { id: options.surveyId },
    select: { id: true, cadence: true, openDays: true, nextPeriod: true, departmentId: true, department: { select: { name: true } } },
  });
  const period = survey.nextPeriod;
  // Round periods are the organisation's months and quarters (its time zone).
  const timeZone = await readOrganisationTimeZone(tx);
  const closesAt = new Date(now.getTime() + survey.openDays * DAY_MS);
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "PulseRound" ("id", "surveyId", "period", "opensAt", "closesAt", "createdAt")
    VALUES (gen_random_uuid()::text, ${survey.id}, ${period}, ${now}, ${closesAt}, ${now})
    ON CONFLICT ("surveyId", "period") DO NOTHING
    RETURNING id`;

  // Either way the survey moves on, so a round already opened is never asked for again.
  if (survey.cadence === "ONCE") {
    await tx.pulseSurvey.update({ where: { id: survey.id }, data: { nextRunAt: null } });
  } else {
    const next = followingPeriod(period);
    await tx.pulseSurvey.update({ where: { id: survey.id }, data: { nextPeriod: next, nextRunAt: zonedPeriodRange(next, timeZone).to } });
  }
  const roundId = inserted[0]?.id;
  if (!roundId) return null;

  const { from, to } = zonedPeriodRange(period, timeZone);
  const asked = await tx.$executeRaw`
    INSERT INTO "PulseInvitation" ("roundId", "personId", "ratedDepartmentId")
    SELECT DISTINCT ${roundId}, p.id, r."departmentId"
      FROM "Request" r
      JOIN "Person" p ON p."departmentId" = r."requesterDepartmentId" AND p.active
     WHERE r."createdAt" >= ${from} AND r."createdAt" < ${to}
       AND r."departmentId" <> r."requesterDepartmentId"
       AND (${survey.departmentId}::text IS NULL OR r."departmentId" = ${survey.departmentId})`;
  const people = await tx.pulseInvitation.findMany({ where: { roundId }, distinct: ["personId"], select: { personId: true } });
  const base = options.baseUrl.replace(/\/$/, "");
  const about = survey.department ? `how well ${survey.department.name} served your team` : "how well the departments your team used served it";
  await notify(tx, {
    personIds: people.map((p) => p.personId),
    kind: "pulse_survey",
    title: survey.department ? `Pulse survey: how well does ${survey.department.name} serve your team?` : "Pulse survey: how well are you served?",
    body: ({ timeZone }) => `Tell us ${about} in ${periodLabel(period)}, from 1 to 5. Only you see your own answers; departments and HR see only totals of many people. Open until ${formatTime(closesAt, { timeZone })}.`,
    link: `${base}/pulse`,
  });
  return { roundId, surveyId: survey.id, period, asked };
}
