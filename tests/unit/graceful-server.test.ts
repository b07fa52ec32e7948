import http from "node:http";
import type net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { noteRequestError, recentDatabaseTrouble } from "@/lib/db/trouble-signal";
import { createGracefulServer, type GracefulServer } from "@/lib/server/graceful-server";

let current: GracefulServer | undefined;
afterEach(async () => {
  current?.server.closeAllConnections();
  await new Promise((r) => current?.server.close(() => r(null)) ?? r(null));
  current = undefined;
});

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };
function get(port: number, path: string, agent?: http.Agent): Promise<Reply> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path, agent }, (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      })
      .on("error", reject);
  });
}

/** A server whose /slow answers when released, and whose other paths answer at once. */
async function start() {
  const releases: (() => void)[] = [];
  const started: string[] = [];
  current = createGracefulServer({
    handle: async (req, res) => {
      started.push(req.url!);
      if (req.url === "/slow") await new Promise<void>((r) => releases.push(r));
      res.writeHead(200, { "Content-Type": "text/plain" }).end(`done ${req.url}`);
    },
  });
  await new Promise<void>((r) => current!.server.listen(0, "127.0.0.1", r));
  const port = (current.server.address() as net.AddressInfo).port;
  return { server: current, port, releases, started };
}

describe("graceful shutdown of the HTTP server", () => {
  it("finishes in-flight requests, answers every new one 503 with Retry-After at once (health too, on a kept-alive connection), then stops listening", async () => {
    const { server, port, releases, started } = await start();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect((await get(port, "/api/health", agent)).status).toBe(200);
    const slow = [get(port, "/slow"), get(port, "/slow"), get(port, "/slow")];
    await expect.poll(() => server.inFlight()).toBe(3);

    const stopped = server.shutdown({ graceMs: 30_000 });
    // The kept-alive socket from the first call was idle: it is closed, so the agent reconnects and is refused...
    // ...while a socket kept open mid-request is answered 503.
    const during = await get(port, "/api/health", agent).catch((e: Error) => e);
    expect(during instanceof Error ? during.message : `${during.status} retry ${during.headers["retry-after"]} ${during.headers.connection}`).toMatch(/ECONNREFUSED|ECONNRESET|socket hang up|^503 retry 5 close$/);
    expect(server.draining()).toBe(true);
    expect(started.filter((u) => u === "/api/health")).toHaveLength(1);

    releases.forEach((r) => r());
    const answers = await Promise.all(slow);
    expect(answers.map((a) => [a.status, a.body, a.headers.connection])).toEqual(Array(3).fill([200, "done /slow", "close"]));
    expect(await stopped).toEqual({ cut: 0 });
    await expect(get(port, "/api/health")).rejects.toThrow(/ECONNREFUSED/);
    agent.destroy();
  });

  it("answers a request sent on an idle kept-alive connection just after the signal with 503 and Connection: close, not a reset", async () => {
    const { server, port, started } = await start();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect((await get(port, "/api/health", agent)).status).toBe(200);
    // Nothing in flight: without the linger the idle socket would be closed under the client's next request.
    const stopped = server.shutdown({ graceMs: 30_000, lingerMs: 500 });
    const during = await get(port, "/api/requests", agent);
    expect([during.status, during.headers["retry-after"], during.headers.connection, JSON.parse(during.body).error.code]).toEqual([503, "5", "close", "SERVICE_UNAVAILABLE"]);
    expect(started).toEqual(["/api/health"]);
    expect(await stopped).toEqual({ cut: 0 });
    await expect(get(port, "/api/health")).rejects.toThrow(/ECONNREFUSED/);
    agent.destroy();
  });

  it("cuts what is still running when the grace period runs out, and says how many", async () => {
    const { server, port } = await start();
    const slow = get(port, "/slow").catch((e: Error) => e);
    await expect.poll(() => server.inFlight()).toBe(1);
    expect(await server.shutdown({ graceMs: 50 })).toEqual({ cut: 1 });
    expect(await slow).toBeInstanceOf(Error);
  });

  it("a request arriving on a connection kept alive while draining never reaches the app (refused or 503)", async () => {
    const { server, port, releases, started } = await start();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
    const slow = get(port, "/slow", agent);
    await expect.poll(() => server.inFlight()).toBe(1);
    // A second kept-alive connection, busy with its own request when the drain starts.
    const second = get(port, "/slow", agent);
    await expect.poll(() => server.inFlight()).toBe(2);
    const stopped = server.shutdown({ graceMs: 30_000 });
    releases[0]!();
    expect((await slow).status).toBe(200);
    const late = await get(port, "/late", agent).catch((e: Error) => e);
    expect(late instanceof Error ? late.message : String(late.status)).toMatch(/ECONNREFUSED|ECONNRESET|socket hang up|^503$/);
    expect(started).not.toContain("/late");
    releases[1]!();
    expect((await second).status).toBe(200);
    expect(await stopped).toEqual({ cut: 0 });
    agent.destroy();
  });
});

describe("a page that failed because the database could not serve it", () => {
  async function failing(trouble: () => string | null) {
    current = createGracefulServer({
      handle: (_req, res) => {
        res.statusCode = 500;
        res.setHeader("Content-Type", "text/html");
        res.end("<h1>We'll be right back</h1>");
      },
      databaseTrouble: trouble,
    });
    await new Promise<void>((r) => current!.server.listen(0, "127.0.0.1", r));
    return (current.server.address() as net.AddressInfo).port;
  }

  it("is answered 503 with Retry-After while the database is down (noted by Next's onRequestError hook), and stays a 500 otherwise", async () => {
    const error = Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: "P1001" });
    noteRequestError(error);
    expect(recentDatabaseTrouble()).toBe("unavailable");
    expect(recentDatabaseTrouble(10_000, Date.now() + 60_000)).toBeNull();
    const port = await failing(() => recentDatabaseTrouble());
    const down = await get(port, "/queue");
    expect([down.status, down.headers["retry-after"], down.body]).toEqual([503, "5", "<h1>We'll be right back</h1>"]);
  });

  it("a bug stays a 500", async () => {
    noteRequestError(new TypeError("x is undefined"));
    const port = await failing(() => null);
    expect((await get(port, "/queue")).status).toBe(500);
  });
});
