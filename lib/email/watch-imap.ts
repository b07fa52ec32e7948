import { ImapFlow } from "imapflow";
import type { ImapOAuthConfig } from "./imap-oauth";
import { connectImap, imapSettings } from "./poll-imap";

export type ImapWatchState = "connecting" | "idling" | "no-idle" | "waiting-to-reconnect" | "stopped";

export type ImapWatcher = {
  readonly label: string;
  state: () => ImapWatchState;
  /** Closes the connection and cancels a pending reconnect. */
  stop: () => Promise<void>;
};

/** A dropped or refused connection is tried again after this long. */
export const IMAP_RECONNECT_MS = 30_000;
/** IDLE is restarted this often: servers may end an IDLE after 30 minutes (RFC 2177), NATs sooner. */
const IDLE_RESTART_MS = 4 * 60_000;

/**
 * Keeps one connection to a mailbox in IDLE, where the server offers it, and calls `onMail` as soon
 * as the server announces a new message (and once after every (re)connect, for mail that arrived
 * meanwhile). It fetches nothing itself: `onMail` asks for a poll (poll-imap.ts), which stores each
 * unread message before flagging it read, so the watcher and the timed polls can never lose or
 * double a mail. A server without IDLE gets no standing connection: the timed polls are all there is.
 * A dropped connection is reopened after `reconnectMs` (30 s), and so is one that could not open.
 */
export function watchImapMailbox(options: {
  url: string;
  onMail: () => void;
  log: (message: string, error?: unknown) => void;
  reconnectMs?: number;
  oauth?: ImapOAuthConfig;
}): ImapWatcher {
  const settings = imapSettings(options.url);
  const { mailbox, label } = settings;
  const reconnectMs = options.reconnectMs ?? IMAP_RECONNECT_MS;
  let state: ImapWatchState = "connecting";
  let client: ImapFlow | null = null;
  let timer: NodeJS.Timeout | undefined;
  // Read through a function: stop() changes the state while open() awaits.
  const stopped = () => state === "stopped";

  const retryLater = () => {
    if (stopped()) return;
    state = "waiting-to-reconnect";
    clearTimeout(timer);
    timer = setTimeout(() => void open(), reconnectMs);
    timer.unref();
  };

  async function open() {
    if (stopped()) return;
    state = "connecting";
    let connection: Awaited<ReturnType<typeof settings.options>>;
    try {
      connection = await settings.options(options.oauth);
    } catch (error) {
      if (stopped()) return;
      options.log(`IMAP watch of ${label}: no access token; trying again in ${Math.round(reconnectMs / 1000)} s`, error);
      retryLater();
      return;
    }
    if (stopped()) return;
    const current = new ImapFlow({ ...connection, socketTimeout: IDLE_RESTART_MS + 60_000, maxIdleTime: IDLE_RESTART_MS, disableAutoIdle: true });
    client = current;
    let opened = false;
    current.on("error", (error) => options.log(`IMAP watch of ${label}: connection error`, error));
    current.on("close", () => {
      if (client !== current || stopped() || state === "no-idle") return;
      if (opened) options.log(`IMAP watch of ${label}: connection closed; reopening in ${Math.round(reconnectMs / 1000)} s`);
      retryLater();
    });
    current.on("exists", (event: { count: number; prevCount: number }) => {
      if (event.count > event.prevCount) options.onMail();
    });
    try {
      await connectImap(current, settings);
      if (!current.capabilities.has("IDLE")) {
        state = "no-idle";
        await current.logout().catch(() => current.close());
        return;
      }
      await current.mailboxOpen(mailbox);
      opened = true;
      state = "idling";
      options.onMail();
      // idle() returns when IDLE is restarted (maxIdleTime) or the connection ends.
      while (client === current && current.usable && !stopped()) {
        const started = Date.now();
        await current.idle();
        // An IDLE that ends at once (never expected) must not spin the loop.
        if (Date.now() - started < 200) await new Promise((r) => setTimeout(r, 1000));
      }
    } catch (error) {
      if (stopped() || client !== current) return;
      options.log(`IMAP watch of ${label} failed; trying again in ${Math.round(reconnectMs / 1000)} s`, error);
      current.close();
      retryLater();
    }
  }

  void open();
  return {
    label,
    state: () => state,
    async stop() {
      state = "stopped";
      clearTimeout(timer);
      const current = client;
      client = null;
      if (current?.usable) await current.logout().catch(() => current.close());
      else current?.close();
    },
  };
}
