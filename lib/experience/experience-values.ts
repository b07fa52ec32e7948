import { monthsOf, type PeriodKey } from "@/lib/satisfaction/figure-periods";
import type { ReleasedFigure } from "@/lib/satisfaction/satisfaction-universe";

/**
 * The experience values of a satisfaction figure: time lost, complaints and their follow-up, and
 * "what mattered" reasons, of the same ratings. Pure: publish-satisfaction.ts feeds it the ratings
 * grouped by the same atoms (provider × requesting department × agent × request type × month) and stores the
 * values beside the figure's numbers, in the same transaction; the property tests feed it generated
 * organisations.
 *
 * Why this adds no new way to single anyone out (the guarantee of lib/satisfaction/disclosure.ts):
 * values are given ONLY for figures the release already shows, and each value is a sum over exactly
 * that figure's atoms, like its rating count. An observer's knowledge is then, per measure (ratings,
 * satisfied, time-lost tenths, complaints, ticks of "slow", ...), a combination of the shown
 * figures' atom sets applied to that measure's values. The guarantee says no nonzero combination of
 * the shown atom sets lives on the atoms of fewer than `minRaters` people; it is a statement about
 * the atom sets, whatever numbers sit on the atoms, so it holds for every measure at once, and a mix
 * of measures is zero outside such a group only if each measure's part is. No figure, no atom set,
 * no release decision is added or changed here: a withheld figure gets no value of any kind.
 * Nothing new is exposed for "this is not OK" on open requests either: those are not ratings and
 * are counted nowhere published (only consented ones exist, as follow-ups their requester asked for).
 *
 * Follow-up measures (followed up in time, recovered) are as of the publication: a complaint made on
 * the month's last day and contacted after publication is not counted as followed up in time.
 */
export type ExperienceAtom = {
  providerId: string;
  requesterDepartmentId: string;
  agentId: string | null;
  /** The request's type, where the release's atoms are split by it (type figures). */
  requestTypeId?: string | null;
  month: PeriodKey;
  /** Ratings that answered "time lost", and the tenths of hours they lost. */
  timeLostAnswers: number;
  timeLostTenths: number;
  /** Ratings of 1 or 2. */
  complaints: number;
  /** Consented complaints contacted by their target, and those whose requester says they feel heard. */
  followedUpInTime: number;
  recovered: number;
  /** Ticks per reason key. */
  reasons: Readonly<Record<string, number>>;
};

export type ExperienceValues = {
  timeLostAnswers: number;
  timeLostTenths: number;
  complaints: number;
  followedUpInTime: number;
  recovered: number;
  reasonCounts: Record<string, number>;
};

const emptyValues = (): ExperienceValues => ({ timeLostAnswers: 0, timeLostTenths: 0, complaints: 0, followedUpInTime: 0, recovered: 0, reasonCounts: {} });

function addInto(out: ExperienceValues, atom: ExperienceAtom) {
  out.timeLostAnswers += atom.timeLostAnswers;
  out.timeLostTenths += atom.timeLostTenths;
  out.complaints += atom.complaints;
  out.followedUpInTime += atom.followedUpInTime;
  out.recovered += atom.recovered;
  for (const [key, n] of Object.entries(atom.reasons)) out.reasonCounts[key] = (out.reasonCounts[key] ?? 0) + n;
}

/** Whether an atom is one of a figure's: its month in the period and every dimension the figure names. */
export function atomInFigure(atom: Pick<ExperienceAtom, "providerId" | "requesterDepartmentId" | "agentId" | "requestTypeId" | "month">, figure: Pick<ReleasedFigure, "kind" | "period" | "providerId" | "requesterDepartmentId" | "agentId" | "requestTypeId">): boolean {
  if (!monthsOf(figure.period).includes(atom.month)) return false;
  if (figure.providerId !== null && atom.providerId !== figure.providerId) return false;
  if (figure.requesterDepartmentId !== null && atom.requesterDepartmentId !== figure.requesterDepartmentId) return false;
  if (figure.kind === "agent" && atom.agentId !== figure.agentId) return false;
  if (figure.kind === "type" && atom.requestTypeId !== figure.requestTypeId) return false;
  return true;
}

/**
 * Experience values per shown figure (by key); withheld figures are absent. Atoms are looked up by
 * month and the figure's narrowest dimension, so the cost is the atoms each figure covers.
 */
export function experienceValues(figures: readonly ReleasedFigure[], atoms: readonly ExperienceAtom[]): Map<string, ExperienceValues> {
  const index = new Map<string, ExperienceAtom[]>();
  const push = (key: string, atom: ExperienceAtom) => {
    let list = index.get(key);
    if (!list) index.set(key, (list = []));
    list.push(atom);
  };
  for (const atom of atoms) {
    push(`m|${atom.month}`, atom);
    push(`p|${atom.providerId}|${atom.month}`, atom);
    push(`r|${atom.requesterDepartmentId}|${atom.month}`, atom);
  }
  const out = new Map<string, ExperienceValues>();
  for (const figure of figures) {
    if (!figure.shown) continue;
    const values = emptyValues();
    for (const month of monthsOf(figure.period)) {
      const candidates = figure.providerId !== null ? index.get(`p|${figure.providerId}|${month}`) : figure.requesterDepartmentId !== null ? index.get(`r|${figure.requesterDepartmentId}|${month}`) : index.get(`m|${month}`);
      for (const atom of candidates ?? []) if (atomInFigure(atom, figure)) addInto(values, atom);
    }
    out.set(figure.key, values);
  }
  return out;
}
