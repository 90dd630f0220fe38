/**
 * The command line: `analyze <path|url> --out FILE [--no-history]` writes the
 * report without a server; `migrate` brings the database schema up to date;
 * `reseal-credentials` seals stored repository tokens again with the first key
 * of CREDENTIALS_KEYS (after a rotation, before the old key is removed).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { openAppDatabase } from "./lib/db/connect.ts";
import { ConfigError, readConfig } from "./lib/env.ts";
import { configureRemoteGuard } from "./lib/git/remote_guard.ts";
import { CredentialCipher } from "./lib/credentials/cipher.ts";
import { resealCredentials } from "./lib/credentials/store.ts";
import { AppError } from "./lib/errors.ts";
import { configureLogging } from "./lib/log.ts";
import { findAnalysis } from "./lib/pipeline/analyses.ts";
import { ParsePool } from "./lib/analysis/parse/parse_pool.ts";
import { recordProgress } from "./lib/pipeline/progress.ts";
import { runAnalysis } from "./lib/pipeline/run_analysis.ts";
import { submitAnalysis } from "./lib/pipeline/submit.ts";
import { buildReport } from "./lib/report/build_report.ts";
import { writeReport } from "./lib/report/write_report.ts";
import { normalizeRepoUrl, validateRef } from "./lib/repo/url.ts";

const USAGE = `Usage:
  deno task cli analyze <path|url> --out FILE [--ref REF] [--no-history]
  deno task cli migrate
  deno task cli reseal-credentials`;

async function main(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: "string", short: "o" },
      ref: { type: "string" },
      "no-history": { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, target] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const config = readConfig();
  configureRemoteGuard({
    dnsServer: config.DNS_SERVER,
    allowHosts: config.ALLOWED_GIT_HOSTS?.split(","),
    caFile: config.GIT_CA_FILE,
  });
  await configureLogging({ level: config.LOG_LEVEL === "info" ? "warning" : config.LOG_LEVEL });
  if (command === "migrate") {
    const database = await openAppDatabase(config, { share: true });
    await database.close();
    console.log("The database schema is up to date.");
    return 0;
  }
  if (command === "reseal-credentials") {
    const cipher = await CredentialCipher.fromConfig(config);
    if (!cipher) {
      console.error("CREDENTIALS_KEYS is not set: there is no key to seal with.");
      return 2;
    }
    const database = await openAppDatabase(config, { share: true });
    try {
      const count = await resealCredentials(database.db, cipher);
      console.log(`${count} repository token(s) sealed again with key ${cipher.currentKeyId}.`);
    } finally {
      await database.close();
    }
    return 0;
  }
  if (command !== "analyze" || !target || !values.out) {
    console.error(USAGE);
    return 2;
  }
  // The CLI runs on the user's own machine: local paths are always fine here.
  const repo = normalizeRepoUrl(target, { allowLocal: true, field: "path|url" });
  const ref = validateRef(values.ref, "--ref");
  const database = await openAppDatabase(config, { share: true });
  try {
    // The command line always analyses: it writes its report from its own run.
    const { id } = await submitAnalysis(database.db, {
      repo,
      ref,
      queue: false,
      withHistory: !values["no-history"],
      force: true,
    });
    // Ctrl-C stops git and the counting, and still removes the temporary clone.
    const interrupted = new AbortController();
    const pool = new ParsePool();
    const onSigint = () => interrupted.abort();
    Deno.addSignalListener("SIGINT", onSigint);
    try {
      await runAnalysis(
        {
          db: database.db,
          cloneTimeoutMs: config.CLONE_TIMEOUT_SECONDS * 1000,
          historyMaxCommits: config.HISTORY_MAX_COMMITS,
          minFreeDiskMb: config.MIN_FREE_DISK_MB,
          maxFetchBytes: config.MAX_FETCH_MB * 1e6,
          mirrorsDir: path.resolve(config.DATA_DIR, "mirrors"),
          pool,
        },
        id,
        {
          lastAttempt: true,
          signal: interrupted.signal,
        },
      );
    } catch (error) {
      if (!interrupted.signal.aborted) throw error;
      await recordProgress(database.db, id, { status: "canceled", message: "Interrupted" });
      console.error("Interrupted.");
      return 130;
    } finally {
      Deno.removeSignalListener("SIGINT", onSigint);
      pool.close();
    }
    const analysis = await findAnalysis(database.db, id);
    if (analysis?.status !== "succeeded") {
      console.error(`Analysis failed: ${analysis?.error?.message ?? "unknown error"} (${analysis?.error?.code})`);
      return 1;
    }
    const report = await buildReport(database.db, id);
    await writeReport(report!, values.out);
    console.log(
      `Wrote ${values.out}: ${report!.summary.files} files, ${
        Object.keys(report!.summary.languages).length
      } languages.`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

try {
  Deno.exit(await main(Deno.args));
} catch (error) {
  if (error instanceof ConfigError || error instanceof AppError) {
    console.error(error.message);
    Deno.exit(2);
  }
  throw error;
}
