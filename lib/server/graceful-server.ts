import http from "node:http";

export type GracefulServer = {
  server: http.Server;
  /** Requests being answered right now. */
  inFlight: () => number;
  /** True from the first shutdown() call on. */
  draining: () => boolean;
  /**
   * Stops taking work and waits for what was taken: from this call on every new request (health
   * checks included, on new or kept-alive connections) is answered 503 with Retry-After and
   * `Connection: close`; in-flight requests are left to finish, at most `graceMs`; then any
   * connection still open is cut. The listener and the idle kept-alive connections stay open for
   * `lingerMs` (default 2 s, within the grace period) first: closing an idle connection races with a
   * client that is sending a request on it right then (it sees a reset it cannot tell from a crash),
   * while a 503 with `Connection: close` tells it plainly to go elsewhere. Resolves with how many
   * requests were still running when the grace period ran out (0 when all finished).
   */
  shutdown: (options: { graceMs: number; lingerMs?: number }) => Promise<{ cut: number }>;
};

/**
 * The desk's HTTP server around Next's request handler: it counts requests in flight so that a
 * SIGTERM drains them instead of cutting them (issue: an orchestrator's stop cut 22 of 25).
 */
export function createGracefulServer(options: {
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;
  retryAfterSeconds?: number;
  /** Whether the database just failed us: a 500 written while it says so becomes 503 with Retry-After. */
  databaseTrouble?: () => string | null;
}): GracefulServer {
  let inFlight = 0;
  let draining = false;
  let idle: (() => void) | null = null;
  const retryAfter = String(options.retryAfterSeconds ?? 5);

  const server = http.createServer((req, res) => {
    if (draining) {
      // Not ours any more: the load balancer sends it to another instance (or the client retries).
      const api = (req.url ?? "").startsWith("/api/");
      res.writeHead(503, {
        "Retry-After": retryAfter,
        Connection: "close",
        "Cache-Control": "no-store",
        "Content-Type": api ? "application/json" : "text/html; charset=utf-8",
      });
      res.end(
        api
          ? JSON.stringify({ error: { code: "SERVICE_UNAVAILABLE", message: "This instance is shutting down. Try again in a moment." }, status: "shutting down" })
          : shuttingDownPage,
      );
      return;
    }
    inFlight++;
    let counted = true;
    const done = () => {
      if (!counted) return;
      counted = false;
      inFlight--;
      if (inFlight === 0) idle?.();
    };
    res.on("finish", done);
    res.on("close", done);
    // A response written while draining closes its connection, so kept-alive clients reconnect elsewhere.
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => http.ServerResponse;
    res.writeHead = ((...args: unknown[]) => {
      if (draining && !res.headersSent) res.setHeader("Connection", "close");
      const status = typeof args[0] === "number" ? args[0] : res.statusCode;
      if (status === 500 && !res.headersSent && options.databaseTrouble?.()) {
        // An outage or saturation is an answer ("come back shortly"), not an error of ours.
        args[0] = 503;
        res.statusCode = 503;
        res.setHeader("Retry-After", retryAfter);
      }
      return writeHead(...args);
    });
    void Promise.resolve()
      .then(() => options.handle(req, res))
      .catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
  });

  // Longer than a load balancer's idle timeout (60 s on the common ones): the balancer, not this
  // server, closes an idle kept-alive connection, so it never sends a request on one being closed.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  return {
    server,
    inFlight: () => inFlight,
    draining: () => draining,
    async shutdown({ graceMs, lingerMs = 2000 }) {
      draining = true;
      const started = Date.now();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(lingerMs, graceMs))).unref());
      // Stops listening and (Node >= 19) closes the connections that are idle now.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const finished = new Promise<boolean>((resolve) => {
        if (inFlight === 0) return resolve(true);
        idle = () => resolve(true);
        setTimeout(() => resolve(false), Math.max(0, graceMs - (Date.now() - started))).unref();
      });
      const allDone = await finished;
      const cut = allDone ? 0 : inFlight;
      server.closeAllConnections();
      await closed;
      return { cut };
    },
  };
}

const shuttingDownPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Back in a moment</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5"><h1>We'll be right back</h1><p>The service desk is restarting. Reload this page in a few seconds: nothing you saved is lost.</p></body></html>`;
