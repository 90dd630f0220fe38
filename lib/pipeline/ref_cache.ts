import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import { resolveRef } from "../git/resolve_ref.ts";
import type { ResolveRef } from "./submit.ts";

/**
 * A ref resolver that remembers answers for `ttlSeconds` in Postgres (shared
 * by every web process): submitting a repository again within that time is
 * answered without asking the server, so a cache hit costs a few queries.
 * `force` submissions and the job's own resolve stage ask the server, and so
 * does every resolve with a token: only the server can say the token works.
 */
export function cachedRefResolver(
  db: Kysely<Database>,
  options: { ttlSeconds: number; timeoutMs: number },
): ResolveRef {
  const ask: ResolveRef = (url, ref, credential) => resolveRef(url, ref, { timeoutMs: options.timeoutMs, credential });
  if (options.ttlSeconds <= 0) return ask;
  return async (url, ref, credential) => {
    if (credential) return await ask(url, ref, credential);
    const key = ref ?? "HEAD";
    const known = await db.selectFrom("ref_resolutions").select("commit_sha")
      .where("repository_url", "=", url).where("ref", "=", key)
      .where("resolved_at", ">", sql<Date>`now() - make_interval(secs => ${options.ttlSeconds})`)
      .executeTakeFirst();
    if (known) return known.commit_sha;
    const commit = await ask(url, ref);
    if (commit) {
      await db.insertInto("ref_resolutions").values({ repository_url: url, ref: key, commit_sha: commit })
        .onConflict((oc) =>
          oc.columns(["repository_url", "ref"]).doUpdateSet({ commit_sha: commit, resolved_at: sql`now()` })
        )
        .execute();
    }
    return commit;
  };
}
