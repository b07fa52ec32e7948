// Next.js calls register() once when a server instance starts: the place to start its job workers.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startAppJobs } = await import("@/lib/jobs/start-app-jobs");
  await startAppJobs();
}
