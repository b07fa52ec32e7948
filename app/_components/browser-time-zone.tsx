"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { reportBrowserTimeZoneAction } from "../(portal)/account/time-zone/actions";

/**
 * Rendered only while a person's zone is still their department's default: tells the server the
 * zone of their browser once, then shows the page again in it.
 */
export function BrowserTimeZone() {
  const router = useRouter();
  const [state, setState] = useState<"sending" | "taken" | "kept">("sending");
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone) return;
    void reportBrowserTimeZoneAction(zone).then((result) => {
      const taken = Boolean(result?.ok && result.data);
      setState(taken ? "taken" : "kept");
      if (taken) router.refresh();
    });
  }, [router]);
  return <span hidden data-browser-time-zone={state} />;
}
