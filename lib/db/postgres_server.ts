/** The Postgres programs of the embedded cluster: initdb, the server process, its start and stop. */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { isProcessAlive } from "../process.ts";
import type { PostgresBinaries } from "./embedded_binaries.ts";

/** The user postgres runs as when we are root. */
export type RunAs = { uid: number; gid: number } | null;

/** A postgres left running by a process that was killed: shut it down first. */
export async function stopOrphan(dataDir: string, info: (m: string) => void): Promise<void> {
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

/** Creates a new cluster in `dataDir` (emptied first) with a SCRAM password for `postgres`. */
export async function initialise(
  bins: PostgresBinaries,
  dataDir: string,
  password: string,
  runAs: RunAs,
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

/** Starts the server on 127.0.0.1:`port` as a child process (TCP only, logs in the data folder). */
export function launch(
  bins: PostgresBinaries,
  dataDir: string,
  port: number,
  runAs: RunAs,
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

/** Resolves once the server accepts connections; fails with its log if it exits first. */
export async function waitUntilReady(url: string, child: ChildProcess, logFile: string): Promise<void> {
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

/** Fast shutdown (SIGINT), escalating to SIGQUIT after 15 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
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
  runAs: RunAs,
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

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return await Promise.resolve(port);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
