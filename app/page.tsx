import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth/session";
import { myQueues } from "@/lib/requests/list-queue";

/** Where signing in lands: an agent on their (first) department's queue, everyone else on the catalogue. */
export default async function Home() {
  const actor = await currentActor();
  if (!actor) redirect("/signin");
  const [queue] = await myQueues(actor);
  redirect(queue ? `/queue/${queue.key}` : "/catalog");
}
