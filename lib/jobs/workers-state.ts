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

/** Lets running jobs finish (at most timeoutMs) and stops taking new ones; no restart after this. */
export async function stopJobWorkers(timeoutMs: number): Promise<void> {
  const state = jobWorkers();
  state.stopping = true;
  if (state.retry) clearTimeout(state.retry);
  await state.handle?.stop(timeoutMs);
}
