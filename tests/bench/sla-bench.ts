// Business-time benchmark: `npx tsx tests/bench/sla-bench.ts`. Prints figures only; Node runs it on one core.
import { performance } from "node:perf_hooks";
import { addBusinessMinutes, businessMinutesBetween, parseCalendar, type OpeningSpan } from "@/lib/sla";
import { deriveClocks, type ClockEvent, type SlaPolicy } from "@/lib/sla/clock";
import { naiveAddBusinessMinutes } from "@/tests/support/naive-business-time";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const office: OpeningSpan[] = [["08:00", "18:00"]];
const calendar = parseCalendar({
  timeZone: "Europe/Berlin",
  hours: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  holidays: [
    "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-01", "2025-05-29", "2025-06-09", "2025-10-03", "2025-12-25",
    "2025-12-26", "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-25", "2026-10-03",
    "2026-12-25", "2026-12-26",
  ],
});

// Deterministic generator so runs are comparable.
let seed = 0x2545f491;
function random(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x1_0000_0000;
}

const FROM = Date.parse("2025-01-01T00:00:00Z");
const SPAN = 2 * 365 * DAY;
function randomStart(): Date {
  return new Date(FROM + Math.floor(random() * SPAN / MINUTE) * MINUTE + Math.floor(random() * MINUTE));
}
function randomTarget(): number {
  return 1 + Math.floor(random() * 2400);
}

function format(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

// Cold: first call pays for validation, compilation and reading the zone's offsets from Intl.
let t0 = performance.now();
addBusinessMinutes(calendar, new Date("2025-06-02T14:00:00Z"), 240);
console.log(`cold first call (validate + compile + Intl offsets): ${(performance.now() - t0).toFixed(2)} ms`);

const N = 1_000_000;
const starts = Array.from({ length: N }, randomStart);
const targets = Array.from({ length: N }, randomTarget);

let sink = 0;
function run(count: number): number {
  const begin = performance.now();
  for (let i = 0; i < count; i++) sink += addBusinessMinutes(calendar, starts[i]!, targets[i]!).getTime() & 1;
  return performance.now() - begin;
}
run(N); // warm-up: JIT and per-date caches over the two-year range
const fastMs = Math.min(run(N), run(N), run(N));
const fastRate = (N * 1000) / fastMs;
console.log(`addBusinessMinutes, random starts 2025-2026, targets 1-2400 min on 08:00-18:00 Mon-Fri:`);
console.log(`  compiled: ${format(fastRate)} due dates/s (${((fastMs * 1e6) / N).toFixed(0)} ns each, best of 3 x ${format(N)})`);

const NAIVE = 60;
const naiveBegin = performance.now();
for (let i = 0; i < NAIVE; i++) sink += naiveAddBusinessMinutes(calendar, starts[i]!, targets[i]!).getTime() & 1;
const naiveMs = performance.now() - naiveBegin;
const naiveRate = (NAIVE * 1000) / naiveMs;
console.log(`  naive minute-by-minute: ${naiveRate.toFixed(1)} due dates/s (${(naiveMs / NAIVE).toFixed(1)} ms each, ${NAIVE} runs)`);
console.log(`  ratio: ${format(fastRate / naiveRate)}x`);

// "Recompute every open clock": 100,000 open requests filed in the last 14 days, some paused for a while.
const REQUESTS = 100_000;
const now = new Date("2026-06-15T10:17:00Z");
const requests = Array.from({ length: REQUESTS }, () => ({
  created: new Date(now.getTime() - Math.floor(random() * 14 * DAY)),
  pausedMinutes: random() < 0.3 ? Math.floor(random() * 600) : 0,
  target: 240 + Math.floor(random() * 2161),
}));
function recompute(): { ms: number; breached: number } {
  const begin = performance.now();
  let breached = 0;
  for (const request of requests) {
    const elapsed = businessMinutesBetween(calendar, request.created, now) - request.pausedMinutes;
    const remaining = request.target - elapsed;
    if (remaining <= 0) {
      breached++;
      sink += addBusinessMinutes(calendar, request.created, request.target + request.pausedMinutes).getTime() & 1;
    } else {
      sink += addBusinessMinutes(calendar, now, remaining).getTime() & 1;
    }
  }
  return { ms: performance.now() - begin, breached };
}
const coldRecompute = recompute();
const warmRecompute = Math.min(recompute().ms, recompute().ms, recompute().ms);
console.log(`recompute ${format(REQUESTS)} open clocks (elapsed = businessMinutesBetween(created, now) - paused, then due date):`);
console.log(`  first pass ${coldRecompute.ms.toFixed(1)} ms, warm ${warmRecompute.toFixed(1)} ms (${coldRecompute.breached} breached)`);

// Long spans exercise the whole-week arithmetic.
const LONG = 200_000;
const longBegin = performance.now();
for (let i = 0; i < LONG; i++) {
  sink += businessMinutesBetween(calendar, starts[i]!, new Date(starts[i]!.getTime() + 300 * DAY)) & 1;
}
const longMs = performance.now() - longBegin;
console.log(`businessMinutesBetween over 300-day spans: ${format((LONG * 1000) / longMs)} /s`);

// A calendar read from the database per request is a new object each time: validation + content-key lookup.
const raw = JSON.stringify(calendar);
const fresh = Array.from({ length: 10_000 }, () => JSON.parse(raw) as typeof calendar);
t0 = performance.now();
for (const copy of fresh) sink += addBusinessMinutes(copy, starts[0]!, 240).getTime() & 1;
console.log(`addBusinessMinutes with a fresh calendar object each call: ${(((performance.now() - t0) * 1000) / fresh.length).toFixed(1)} µs each`);
if (sink === -1) console.log(sink);

// The real derivation: every clock of 100,000 open requests re-derived from their event histories
// (filed, first agent reply, a pause on the requester and its resume), as after a calendar change.
{
  const policy: SlaPolicy = { id: "p", calendar, pauseStatuses: ["WAITING_ON_REQUESTER"], targets: { first_response: 240, resolution: 2400, next_reply: 480 } };
  const histories: ClockEvent[][] = Array.from({ length: REQUESTS }, () => {
    const created = now.getTime() - Math.floor(random() * 20 * DAY);
    const step = (k: number) => new Date(created + Math.floor((now.getTime() - created) * k));
    return [
      { kind: "created", at: new Date(created), typeId: "t", priority: "NORMAL" },
      { kind: "reply", at: step(0.2), by: "agent" },
      { kind: "status", at: step(0.3), to: "WAITING_ON_REQUESTER" },
      { kind: "reply", at: step(0.5), by: "requester" },
      { kind: "status", at: step(0.5), to: "OPEN" },
    ];
  });
  const derive = () => {
    const begin = performance.now();
    let clocks = 0;
    for (const events of histories) clocks += deriveClocks({ events, policyFor: () => policy, now }).length;
    return { ms: performance.now() - begin, clocks };
  };
  const cold = derive();
  const warm = Math.min(derive().ms, derive().ms);
  console.log(`deriveClocks from event histories for ${format(REQUESTS)} open requests (${format(cold.clocks)} clocks):`);
  console.log(`  first pass ${cold.ms.toFixed(0)} ms, warm ${warm.toFixed(0)} ms (goal: under 1000 ms)`);
}
