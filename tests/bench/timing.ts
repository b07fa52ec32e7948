import { performance } from "node:perf_hooks";

/**
 * Times `fn` `runs` times after `warmUp` untimed calls (plans, pool, JIT); returns the samples in
 * milliseconds, sorted. `fn` gets the run's index, so a bench can vary its input.
 */
export async function timeRuns(runs: number, fn: (i: number) => Promise<unknown>, warmUp = Math.min(10, runs)): Promise<number[]> {
  for (let i = 0; i < warmUp; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b);
}

/** The p-th percentile of sorted samples (nearest rank). */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
