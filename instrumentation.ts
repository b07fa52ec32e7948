import { noteRequestError } from "@/lib/db/trouble-signal";

// Next.js calls register() once when a server instance starts: the place to start its job workers.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startAppJobs } = await import("@/lib/jobs/start-app-jobs");
  await startAppJobs();
}

// Every error of a request: one caused by the database being down or saturated turns the page's
// 500 into a 503 with Retry-After (lib/server/graceful-server.ts). Noted before Next answers.
export function onRequestError(error: unknown) {
  noteRequestError(error);
}
