// Satisfaction release benchmark: `npm run bench:satisfaction`. How long the roll-up job's pure
// part (lib/satisfaction/satisfaction-universe.ts: every figure, complement suppression) takes for an
// organisation the size of the performance generator's, beside a plain sum of the same figures with
// no suppression (the least any roll-up must do) measured in the same run. Prints figures only.
import { performance } from "node:perf_hooks";
import { monthOf, periodsOfMonth } from "@/lib/satisfaction/figure-periods";
import { releaseSatisfaction, satisfactionUniverse, type RatingAtomRow } from "@/lib/satisfaction/satisfaction-universe";

let seed = 0x9e3779b9;
function random(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x1_0000_0000;
}
const pick = (n: number) => Math.floor(random() * n);

const DEPARTMENTS = Number(process.env.BENCH_DEPARTMENTS ?? 50);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 10_000);
const AGENTS_PER_DEPARTMENT = 10;
const RATINGS = Number(process.env.BENCH_RATINGS ?? 300_000);
const MONTHS = 24;

// Ratings: departments of very different sizes (a few busy providers), raters from their own department.
const months = Array.from({ length: MONTHS }, (_, i) => monthOf(new Date(Date.UTC(2025, i, 1))));
const weight = Array.from({ length: DEPARTMENTS }, (_, i) => 1 / (i + 1));
const total = weight.reduce((a, b) => a + b, 0);
const providerOf = () => {
  let x = random() * total;
  for (let i = 0; i < DEPARTMENTS; i++) if ((x -= weight[i]!) <= 0) return i;
  return DEPARTMENTS - 1;
};
const atoms = new Map<string, RatingAtomRow & { raterSet: Set<string> }>();
for (let i = 0; i < RATINGS; i++) {
  const provider = providerOf();
  const person = pick(PEOPLE);
  const requesterDept = person % DEPARTMENTS;
  const agent = random() < 0.1 ? null : `a${provider}-${pick(AGENTS_PER_DEPARTMENT)}`;
  const month = months[pick(MONTHS)]!;
  const key = `${provider}|${requesterDept}|${agent}|${month}`;
  let atom = atoms.get(key);
  if (!atom) {
    atom = { providerId: `d${provider}`, requesterDepartmentId: `d${requesterDept}`, agentId: agent, month, raters: [], raterSet: new Set(), ratings: 0, satisfied: 0, scoreSum: 0 };
    atoms.set(key, atom);
  }
  const score = 1 + pick(5);
  atom.raterSet.add(`p${person}`);
  atom.ratings += 1;
  atom.satisfied += score >= 4 ? 1 : 0;
  atom.scoreSum += score;
}
const rows: RatingAtomRow[] = [...atoms.values()].map(({ raterSet, ...row }) => ({ ...row, raters: [...raterSet] }));

function plainSums(input: RatingAtomRow[]) {
  const sums = new Map<string, number>();
  for (const row of input) {
    for (const period of periodsOfMonth(row.month)) {
      for (const key of [`org|${period}`, `provider|${row.providerId}|${period}`, `given|${row.requesterDepartmentId}|${period}`, `pair|${row.requesterDepartmentId}|${row.providerId}|${period}`, row.agentId ? `agent|${row.agentId}|${period}` : ""]) {
        if (key) sums.set(key, (sums.get(key) ?? 0) + row.ratings);
      }
    }
  }
  return sums.size;
}

const time = (f: () => unknown) => {
  const start = performance.now();
  f();
  return performance.now() - start;
};
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

const figureCount = satisfactionUniverse(rows).figures.length;
const released = releaseSatisfaction(rows, 5);
const shown = released.filter((f) => f.shown).length;
const runs = 3;
const release = Array.from({ length: runs }, () => time(() => releaseSatisfaction(rows, 5)));
const baseline = Array.from({ length: runs }, () => time(() => plainSums(rows)));
const best = (xs: number[]) => Math.min(...xs);

console.log(`ratings ${fmt(RATINGS)}, departments ${DEPARTMENTS}, people ${fmt(PEOPLE)}, months ${MONTHS}`);
console.log(`atoms (department pair × agent × month with ratings) ${fmt(rows.length)}, figures ${fmt(figureCount)}, shown ${fmt(shown)} (${((shown / figureCount) * 100).toFixed(1)} %)`);
for (const kind of ["org", "provider", "given", "pair", "agent"]) {
  const of = released.filter((f) => f.kind === kind);
  console.log(`  ${kind.padEnd(8)} ${fmt(of.filter((f) => f.shown).length)} of ${fmt(of.length)} shown`);
}
console.log(`release with complement suppression: best of ${runs} ${fmt(best(release))} ms (runs ${release.map(fmt).join(", ")})`);
console.log(`plain sums of the same figures:      best of ${runs} ${fmt(best(baseline))} ms`);
console.log(`ratio ${(best(release) / best(baseline)).toFixed(1)}×`);
