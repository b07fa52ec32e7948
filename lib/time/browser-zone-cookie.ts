/**
 * The cookie in which the sign-in page leaves the browser's zone (Intl's resolvedOptions), so the
 * first page after signing in is already in it: the server takes it while the person's zone is still
 * the default (lib/auth/session.ts). Shared by the browser and the server, so no "server-only".
 */
export const browserZoneCookie = "desk-browser-tz";
