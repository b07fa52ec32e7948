"use client";
import { useEffect } from "react";
import { browserZoneCookie } from "@/lib/time/browser-zone-cookie";

/** On the sign-in page: leaves the browser's zone in a cookie for the server to take at the first signed-in page. */
export function RememberBrowserZone() {
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    // IANA names are cookie-safe as they are (letters, digits, "/", "_", "+", "-"); anything else is not a zone.
    if (zone && /^[A-Za-z0-9_+\-/]+$/.test(zone)) document.cookie = `${browserZoneCookie}=${zone}; path=/; max-age=31536000; samesite=lax`;
  }, []);
  return null;
}
