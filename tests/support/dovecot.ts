// A real IMAP server for tests: Debian's dovecot-imapd with a throwaway configuration (its own
// port on 127.0.0.1, its own mail folder, plain login over localhost), started as a process the
// test stops by its PID. `.ci/run` installs the package.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ImapFlow } from "imapflow";

export const dovecotBinary = "/usr/sbin/dovecot";

export type Dovecot = {
  port: number;
  /** `imap://user:pass@127.0.0.1:port/INBOX` for the desk's poller. */
  urlFor: (user: string) => string;
  /** Puts a raw message into a user's INBOX, unread, as a delivery would. */
  deliver: (user: string, raw: Buffer) => Promise<void>;
  /** Ends every IMAP session of a user, as a server restart or a network drop would (doveadm kick). */
  kick: (user: string) => Promise<void>;
  stop: () => Promise<void>;
};

const password = "imap-test-password";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`dovecot did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Puts a raw message into a user's INBOX on a dovecot started here (from another process too: only the port is needed). */
export async function deliverToImap(port: number, user: string, raw: Buffer): Promise<void> {
  const client = new ImapFlow({ host: "127.0.0.1", port, secure: false, auth: { user, pass: password }, logger: false });
  await client.connect();
  try {
    await client.append("INBOX", raw, []);
  } finally {
    await client.logout();
  }
}

/**
 * `idle: false` takes IDLE out of the capabilities, as some servers have it. `oauth` adds OAUTHBEARER
 * and XOAUTH2 sign-in, each token checked by dovecot's oauth2 passdb against an RFC 7662
 * introspection URL (POST token=…; active and username in the answer), as Exchange Online and Gmail
 * check theirs.
 */
export async function startDovecot(users: string[], options: { idle?: boolean; oauth?: { introspectionUrl: string } } = {}): Promise<Dovecot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "desk-dovecot-"));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const root = process.getuid?.() === 0;
  const me = os.userInfo();
  // As root, dovecot runs its services as its own users and the mail as nobody; otherwise all as us.
  const mailUid = root ? 65534 : me.uid;
  const mailGid = root ? 65534 : me.gid;
  const mail = path.join(dir, "mail");
  fs.mkdirSync(mail, { mode: 0o777 });
  fs.chmodSync(mail, 0o777);
  fs.writeFileSync(path.join(dir, "passwd"), users.map((u) => `${u}:{PLAIN}${password}::::::\n`).join(""));
  const conf = path.join(dir, "dovecot.conf");
  if (options.oauth) {
    fs.writeFileSync(
      path.join(dir, "oauth2.conf"),
      ["introspection_mode = post", `introspection_url = ${options.oauth.introspectionUrl}`, "force_introspection = yes", "username_attribute = username", "active_attribute = active", "active_value = true", ""].join("\n"),
    );
  }
  fs.writeFileSync(
    conf,
    [
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      `log_path = ${dir}/dovecot.log`,
      "protocols = imap",
      "listen = 127.0.0.1",
      "ssl = no",
      "disable_plaintext_auth = no",
      `auth_mechanisms = plain login${options.oauth ? " xoauth2 oauthbearer" : ""}`,
      `mail_location = maildir:${mail}/%u`,
      "first_valid_uid = 1",
      // An IDLE session hears of mail delivered by another session within a second.
      "mailbox_idle_check_interval = 1 secs",
      ...(options.idle === false ? ["imap_capability = IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE UIDPLUS"] : []),
      "first_valid_gid = 1",
      ...(root ? [] : [`default_internal_user = ${me.username}`, `default_internal_group = ${me.username}`, `default_login_user = ${me.username}`]),
      "passdb {",
      "  driver = passwd-file",
      `  args = ${dir}/passwd`,
      "}",
      ...(options.oauth ? ["passdb {", "  driver = oauth2", `  args = ${dir}/oauth2.conf`, "}"] : []),
      "userdb {",
      "  driver = static",
      `  args = uid=${mailUid} gid=${mailGid} home=${mail}/%u`,
      "}",
      "service imap-login {",
      "  inet_listener imap {",
      "    address = 127.0.0.1",
      `    port = ${port}`,
      "  }",
      "  inet_listener imaps {",
      "    port = 0",
      "  }",
      "}",
      "service anvil {",
      "  chroot =",
      "}",
      "service imap-login {",
      "  chroot =",
      "}",
      "",
    ].join("\n"),
  );
  const child: ChildProcess = spawn(dovecotBinary, ["-F", "-c", conf], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    await Promise.race([waitForPort(port, 15_000), exited.then(() => Promise.reject(new Error(`dovecot exited: ${output}`)))]);
  } catch (error) {
    const log = fs.existsSync(path.join(dir, "dovecot.log")) ? fs.readFileSync(path.join(dir, "dovecot.log"), "utf8") : "";
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}\n${output}\n${log}`);
  }

  return {
    port,
    urlFor: (user) => `imap://${user}:${password}@127.0.0.1:${port}/INBOX`,
    deliver: (user, raw) => deliverToImap(port, user, raw),
    kick: (user) =>
      new Promise<void>((resolve, reject) => {
        const kick = spawn("/usr/bin/doveadm", ["-c", conf, "kick", user], { stdio: ["ignore", "pipe", "pipe"] });
        let said = "";
        kick.stdout?.on("data", (d: Buffer) => (said += d.toString()));
        kick.stderr?.on("data", (d: Buffer) => (said += d.toString()));
        kick.once("error", reject);
        kick.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`doveadm kick ${user} exited ${code}: ${said}`))));
      }),
    async stop() {
      if (child.pid && child.exitCode === null) child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
