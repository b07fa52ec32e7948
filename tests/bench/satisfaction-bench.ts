// Satisfaction release benchmark: `npm run bench:satisfaction`. A realistic organisation (40
// departments of 10–400 people, 3–30 agents each, 3–15 request types each, 300,000 ratings over 12
// months; every setting below can be changed with an environment variable; BENCH_TYPES=0 leaves
// the atoms unsplit by request type, as before time lost per type), its figures released two ways:
// - today's rule as it ran until this change: the whole universe re-released live at once;
// - the publication job: month by month, each closed month decided knowing everything shown before
//   (lib/satisfaction/publish-satisfaction.ts), the quarter and year with their last month.
// Prints, per figure kind, the share shown of the figures that stand on at least the threshold of
// distinct raters (a figure below it can never be shown), and the CPU time of each release (one
// thread) beside the distinct raters of every figure computed plainly. Then the experience values
// (time lost, complaints, reasons: lib/experience/experience-values.ts) of every published figure,
// and the check that not one withheld figure got any. Pure: no database.
import { experienceValues, type ExperienceAtom } from "@/lib/experience/experience-values";
import { timeLostOptions } from "@/lib/experience/time-lost";
import { monthsOf, periodGrain, periodsOfMonth } from "@/lib/satisfaction/figure-periods";
import { releaseSatisfaction, type FigureKind, type RatingAtomRow, type ReleasedFigure } from "@/lib/satisfaction/satisfaction-universe";

/** A xorshift generator from a seed: deterministic, so every run draws the same organisation. */
function xorshift(seed: number): () => number {
  return () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0x1_0000_0000;
  };
}
const random = xorshift(0x9e3779b9);
const pick = (n: number) => Math.floor(random() * n);
/** The experience answers' and the request types' own generators: the same ratings with or without them. */
const experienceRandom = xorshift(0x85ebca6b);
const typeRandom = xorshift(0x27d4eb2f);
const reasonKeys = { high: ["fast", "kept_informed", "solved_first_time", "friendly"], low: ["slow", "had_to_chase", "not_solved", "passed_around", "unclear_what_was_needed"] };
/** An index drawn with the given weights. */
function weighted(weights: readonly number[], total = weights.reduce((a, b) => a + b, 0)): number {
  let x = random() * total;
  for (let i = 0; i < weights.length; i++) if ((x -= weights[i]!) <= 0) return i;
  return weights.length - 1;
}

const DEPARTMENTS = Number(process.env.BENCH_DEPARTMENTS ?? 40);
const RATINGS = Number(process.env.BENCH_RATINGS ?? 300_000);
const MIN_RATERS = Number(process.env.BENCH_MIN_RATERS ?? 5);
const TYPES = process.env.BENCH_TYPES !== "0";
const YEAR = "2026";
const months = monthsOf(YEAR);

// Departments of 10–400 people (log-uniform: many small, a few large), 3–30 agents each, more where
// the department serves more; a few providers (IT, Facilities, HR, Finance) take most requests.
const sizes = Array.from({ length: DEPARTMENTS }, () => Math.round(10 * Math.pow(40, random())));
const popularity = Array.from({ length: DEPARTMENTS }, (_, i) => 1 / Math.pow(i + 1, 1.1));
const agents = popularity.map((p) => Math.max(3, Math.min(30, Math.round(3 + 27 * Math.sqrt(p)))));
const agentLoad = agents.map((n) => Array.from({ length: n }, () => 0.3 + random()));
// 3–15 request types a department, more where it serves more; a few types take most requests.
const typeWeights = popularity.map((p) => Array.from({ length: Math.max(3, Math.min(15, Math.round(3 + 12 * Math.sqrt(p)))) }, (_, k) => 1 / (k + 1)));
const typeOf = (provider: number) => {
  const weights = typeWeights[provider]!;
  let x = typeRandom() * weights.reduce((a, b) => a + b, 0);
  for (let k = 0; k < weights.length; k++) if ((x -= weights[k]!) <= 0) return `t${provider}-${k}`;
  return `t${provider}-${weights.length - 1}`;
};
const people = sizes.flatMap((size, d) => Array.from({ length: size }, (_, i) => ({ id: `d${d}p${i}`, department: d })));
// Some people file far more than others.
const activity = people.map(() => Math.pow(random(), 2) + 0.05);
const activityTotal = activity.reduce((a, b) => a + b, 0);

const atoms = new Map<string, RatingAtomRow & { raterSet: Set<string> }>();
const experience = new Map<string, ExperienceAtom & { reasons: Record<string, number> }>();
for (let i = 0; i < RATINGS; i++) {
  const person = people[weighted(activity, activityTotal)]!;
  let provider = weighted(popularity);
  if (provider === person.department) provider = (provider + 1 + pick(DEPARTMENTS - 1)) % DEPARTMENTS;
  const agent = random() < 0.1 ? null : `a${provider}-${weighted(agentLoad[provider]!)}`;
  const month = months[pick(months.length)]!;
  const type = TYPES ? typeOf(provider) : null;
  const key = `${provider}|${person.department}|${agent}|${type}|${month}`;
  let atom = atoms.get(key);
  if (!atom) {
    atom = { providerId: `d${provider}`, requesterDepartmentId: `d${person.department}`, agentId: agent, requestTypeId: type, month, raters: [], raterSet: new Set(), ratings: 0, satisfied: 0, scoreSum: 0 };
    atoms.set(key, atom);
  }
  const score = [1, 2, 3, 4, 4, 5, 5, 5][pick(8)]!;
  atom.raterSet.add(person.id);
  atom.ratings += 1;
  atom.satisfied += score >= 4 ? 1 : 0;
  atom.scoreSum += score;
  let e = experience.get(key);
  if (!e) experience.set(key, (e = { providerId: atom.providerId, requesterDepartmentId: atom.requesterDepartmentId, agentId: agent, requestTypeId: type, month, timeLostAnswers: 0, timeLostTenths: 0, complaints: 0, followedUpInTime: 0, recovered: 0, reasons: {} }));
  if (experienceRandom() < 0.65) {
    e.timeLostAnswers += 1;
    e.timeLostTenths += timeLostOptions[Math.floor(experienceRandom() * timeLostOptions.length)]!.tenths;
  }
  if (score <= 2) {
    e.complaints += 1;
    if (experienceRandom() < 0.4) e.followedUpInTime += 1;
  }
  if (experienceRandom() < 0.5) {
    const band = score >= 4 ? reasonKeys.high : reasonKeys.low;
    const reason = band[Math.floor(experienceRandom() * band.length)]!;
    e.reasons[reason] = (e.reasons[reason] ?? 0) + 1;
  }
}
const experienceAtoms = [...experience.values()];
const rows: RatingAtomRow[] = [...atoms.values()].map(({ raterSet, ...row }) => ({ ...row, raters: [...raterSet] }));

/** Distinct raters behind every figure: which figures could be shown at all. */
function ratersPerFigure(input: readonly RatingAtomRow[]): Map<string, number> {
  const sets = new Map<string, Set<string>>();
  for (const row of input) {
    for (const period of periodsOfMonth(row.month)) {
      const keys = [
        `org|${period}`,
        `provider|${row.providerId}|${period}`,
        `given|${row.requesterDepartmentId}|${period}`,
        `pair|${row.requesterDepartmentId}|${row.providerId}|${period}`,
        ...(row.agentId ? [`agent|${row.providerId}|${row.agentId}|${period}`] : []),
        ...(row.requestTypeId ? [`type|${row.providerId}|${row.requestTypeId}|${period}`] : []),
      ];
      for (const key of keys) {
        let s = sets.get(key);
        if (!s) sets.set(key, (s = new Set()));
        for (const r of row.raters) s.add(r);
      }
    }
  }
  return new Map([...sets].map(([k, s]) => [k, s.size]));
}

/** The publication job's release: month by month, sticky. */
function publishMonthByMonth(input: readonly RatingAtomRow[], rule: "checked" | "witnesses" | "blocks"): ReleasedFigure[] {
  const known = new Set<string>();
  const out: ReleasedFigure[] = [];
  for (const month of months) {
    const figures = releaseSatisfaction(
      input.filter((r) => r.month <= month),
      MIN_RATERS,
      { month, known },
      rule,
    );
    for (const f of figures) if (f.shown) known.add(f.key);
    out.push(...figures);
  }
  return out;
}

/** CPU time of the process (user + system), not wall time: this machine is shared and noisy. */
const time = <T>(f: () => T): [T, number] => {
  const start = process.cpuUsage();
  const result = f();
  const used = process.cpuUsage(start);
  return [result, (used.user + used.system) / 1000];
};
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const pct = (a: number, b: number) => (b === 0 ? "   –  " : `${((a / b) * 100).toFixed(1).padStart(5)} %`);

const eligible = ratersPerFigure(rows);
type Share = { shown: number; eligible: number; all: number };
function shares(released: ReleasedFigure[]) {
  const out = new Map<FigureKind, { shown: number; eligible: number; all: number }>();
  for (const f of released) {
    const s = out.get(f.kind) ?? { shown: 0, eligible: 0, all: 0 };
    s.all += 1;
    if ((eligible.get(f.key) ?? 0) >= MIN_RATERS) s.eligible += 1;
    if (f.shown) s.shown += 1;
    out.set(f.kind, s);
  }
  return out;
}

console.log(
  `organisation: ${DEPARTMENTS} departments, ${fmt(people.length)} people (${Math.min(...sizes)}–${Math.max(...sizes)} per department), ${agents.reduce((a, b) => a + b, 0)} agents (${Math.min(...agents)}–${Math.max(...agents)} per department), ${fmt(RATINGS)} ratings over ${months.length} months; threshold ${MIN_RATERS} distinct raters`,
);
console.log(`atoms (provider × requesting department × agent${TYPES ? " × request type" : ""} × month with ratings): ${fmt(rows.length)}${TYPES ? `; ${typeWeights.reduce((n, w) => n + w.length, 0)} request types` : ""}`);

// BENCH_NEW_ONLY=1 skips the old rules (for iterating on the new one).
const newOnly = process.env.BENCH_NEW_ONLY === "1";
const [live, liveMs] = newOnly ? [[], 0] : time(() => releaseSatisfaction(rows, MIN_RATERS, undefined, "blocks"));
const [blocks, blocksMs] = newOnly ? [[], 0] : time(() => publishMonthByMonth(rows, "witnesses"));
const [published, publishMs] = time(() => publishMonthByMonth(rows, "checked"));
const [, sumMs] = time(() => ratersPerFigure(rows));

const columns = [shares(live), shares(blocks), shares(published)];
console.log("");
console.log("shown of the figures with ≥ threshold raters   eligible (all)    old: blocks, live    witnesses, published monthly    new: checked, published monthly");
const kinds: FigureKind[] = ["org", "provider", "given", "pair", "agent", ...(TYPES ? (["type"] as const) : [])];
for (const kind of kinds) {
  const [a, b, c] = columns.map((s) => s.get(kind) ?? { shown: 0, eligible: 0, all: 0 }) as [Share, Share, Share];
  const cell = (s: { shown: number; eligible: number }) => `${pct(s.shown, s.eligible)} ${fmt(s.shown).padStart(7)}`;
  console.log(`  ${kind.padEnd(9)} ${fmt(c.eligible).padStart(7)} (${fmt(c.all).padStart(7)})            ${cell(a)}         ${cell(b)}               ${cell(c)}`);
}
console.log("");
const byGrain = (label: string, released: ReleasedFigure[]) =>
  console.log(`${label} by grain (shown of eligible): ` + (["year", "quarter", "month"] as const).map((grain) =>
    kinds.filter((kind) => kind !== "org" && kind !== "provider").map((kind) => {
      const of = released.filter((f) => f.kind === kind && periodGrain(f.period) === grain && (eligible.get(f.key) ?? 0) >= MIN_RATERS);
      return `${kind} ${grain} ${pct(of.filter((f) => f.shown).length, of.length).trim()}`;
    }).join(", ")).join("; "));
if (!newOnly) byGrain("witnesses rule", blocks);
byGrain("new rule", published);
console.log("");
console.log(
  `CPU time: old rule live ${fmt(liveMs)} ms; witnesses published monthly ${fmt(blocksMs)} ms; new rule, all 12 publications ${fmt(publishMs)} ms; distinct raters of every figure (the least any release does) ${fmt(sumMs)} ms`,
);
console.log(`ratio publication / plain sums ${(publishMs / sumMs).toFixed(1)}×`);

// Experience values, as each of the 12 publications computes them for the figures it shows.
const byMonth = new Map<string, ReleasedFigure[]>();
for (const f of published) {
  const month = monthsOf(f.period).at(-1)!;
  byMonth.set(month, [...(byMonth.get(month) ?? []), f]);
}
const [values, experienceMs] = time(() => {
  const all = new Map<string, unknown>();
  for (const month of months) {
    const sofar = experienceAtoms.filter((a) => a.month <= month);
    for (const [k, v] of experienceValues(byMonth.get(month) ?? [], sofar)) all.set(k, v);
  }
  return all;
});
const shownCount = published.filter((f) => f.shown).length;
const leaked = published.filter((f) => !f.shown && values.has(f.key)).length;
console.log("");
console.log(`experience values (time lost, complaints, follow-ups, reasons): ${fmt(values.size)} figures with values = ${fmt(shownCount)} shown figures; withheld figures with any value: ${leaked}`);
console.log(`CPU time: experience values of all 12 publications ${fmt(experienceMs)} ms; ratio to the release itself ${(experienceMs / publishMs).toFixed(2)}×`);
