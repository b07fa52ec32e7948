export type JobWorkersHandle = { stop: (timeoutMs: number) => Promise<void> };

/** This instance's job workers: "down" while a failed start waits to be retried. */
export type JobWorkersState = {
  status: "idle" | "disabled" | "starting" | "running" | "down";
  stopping: boolean;
  handle?: JobWorkersHandle;
  retry?: NodeJS.Timeout;
};

const globalForJobs = globalThis as unknown as { deskJobWorkers?: JobWorkersState };

/**
 * Kept on globalThis: Next's bundle (which starts the workers from instrumentation.ts) and the
 * launcher's server (which stops them on SIGTERM) load this module separately.
 */
export function jobWorkers(): JobWorkersState {
  globalForJobs.deskJobWorkers ??= { status: "idle", stopping: false };
  return globalForJobs.deskJobWorkers;
}

/** Retry delays of a failed start: 1 s doubling to at most 30 s, with jitter so instances do not retry in step. */
export function restartDelayMs(attempt: number, random = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));
  return Math.round(base * (0.75 + random() * 0.5));
}

/**
 * Starts the workers, and on failure retries with backoff until they run or the instance stops:
 * the state says "down" meanwhile (health reports "degraded"). Resolves after the first attempt.
 */
export async function keepStarting(options: {
  state: JobWorkersState;
  start: () => Promise<JobWorkersHandle>;
  onError: (error: unknown, retryInMs: number) => void;
  delayMs?: (attempt: number) => number;
}): Promise<void> {
  const { state } = options;
  state.status = "starting";
  const attempt = async (n: number): Promise<void> => {
    if (state.stopping) return;
    try {
      const handle = await options.start();
      state.handle = handle;
      state.status = "running";
      if (state.stopping) await handle.stop(0);
    } catch (error) {
      state.status = "down";
      const delay = (options.delayMs ?? restartDelayMs)(n);
      options.onError(error, delay);
      state.retry = setTimeout(() => void attempt(n + 1), delay);
      state.retry.unref();
    }
  };
  await attempt(0);
}

/** Lets running jobs finish (at most timeoutMs) and stops taking new ones; no restart after this. */
export async function stopJobWorkers(timeoutMs: number, state = jobWorkers()): Promise<void> {
  state.stopping = true;
  if (state.retry) clearTimeout(state.retry);
  await state.handle?.stop(timeoutMs);
}
