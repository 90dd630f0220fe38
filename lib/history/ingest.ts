/**
 * Reads an analysis's history from git into Postgres as it streams: commits
 * and file changes in batches written behind the reader (at most two batches
 * wait), so memory holds one batch and the per-path rename map, never the
 * history. Changes carry the path each file has at the analysed commit.
 */
import type { Kysely } from "kysely";
import { detectLanguage } from "../analysis/languages.ts";
import { type BulkColumn, bulkInsert } from "../db/bulk_insert.ts";
import type { Database } from "../db/schema.ts";
import { readGitLog } from "./git_log.ts";
import { IdentityResolver } from "./identity.ts";

/** The tables an analysis's history fills, cleared before a (re-)run. */
export const HISTORY_TABLES = [
  "analysis_authors",
  "analysis_author_aliases",
  "analysis_commits",
  "analysis_changes",
  "analysis_file_history",
  "analysis_dir_history",
  "analysis_coupling",
  "analysis_activity",
  "analysis_language_months",
] as const;

/** What reading the history found, with the per-path and per-directory totals the metrics start from. */
export interface IngestResult {
  commits: number;
  merges: number;
  /** More commits exist than the cap let us read. */
  truncated: boolean;
  /** Why git stopped before the end of the history (a missing object …), when it did. */
  incomplete: string | null;
  firstAt: Date | null;
  lastAt: Date | null;
  /** Per path (as named at the analysed commit). */
  paths: Map<string, PathTotals>;
  /** Per directory of those paths ("" is the repository): commits that touched it and the last one. */
  dirs: Map<string, { commits: number; last: Date }>;
  /** Maps every author number of the rows to the merged person's number. */
  canonical: (rawId: number) => number;
}

/** A path's churn, age and authors (by the numbers handed out while reading). */
export interface PathTotals {
  commits: number;
  added: number;
  deleted: number;
  first: Date;
  last: Date;
  byAuthor: Map<number, { added: number; commits: number }>;
}

/** The parent directories of a path, from the repository root ("") down. */
export function ancestors(path: string): string[] {
  const dirs = [""];
  for (let slash = path.indexOf("/"); slash !== -1; slash = path.indexOf("/", slash + 1)) {
    dirs.push(path.slice(0, slash));
  }
  return dirs;
}

interface CommitRow {
  sha: string;
  rawAuthorId: number;
  authoredAt: Date;
  committedAt: Date;
  parents: number;
  subject: string;
  files: number;
  added: number;
  deleted: number;
}

interface ChangeRow {
  sha: string;
  path: string;
  changedPath: string;
  language: string | null;
  rawAuthorId: number;
  authoredAt: Date;
  added: number | null;
  deleted: number | null;
}

interface AuthorTotals {
  commits: number;
  added: number;
  deleted: number;
  first: Date;
  last: Date;
}

const CHANGES_PER_BATCH = 4_000;

/** Removes an earlier (interrupted) run's history rows: a re-run never doubles them. */
export async function clearHistory(db: Kysely<Database>, analysisId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of HISTORY_TABLES) await trx.deleteFrom(table).where("analysis_id", "=", analysisId).execute();
  });
}

/**
 * Streams at most `maxCommits` commits reachable from `commit` (its
 * `.mailmap` applied) into the analysis's commit, change, author and alias
 * tables.
 */
export async function ingestHistory(
  db: Kysely<Database>,
  analysisId: string,
  gitDir: string,
  commit: string,
  options: { maxCommits: number; signal?: AbortSignal; onProgress?: (commits: number) => void },
): Promise<IngestResult> {
  await clearHistory(db, analysisId);
  const commitColumns = columns<CommitRow>(analysisId, [
    ["sha", "text", (r) => r.sha],
    ["raw_author_id", "integer", (r) => r.rawAuthorId],
    ["authored_at", "timestamptz", (r) => r.authoredAt.toISOString()],
    ["committed_at", "timestamptz", (r) => r.committedAt.toISOString()],
    ["parents", "integer", (r) => r.parents],
    ["subject", "text", (r) => r.subject],
    ["files", "integer", (r) => r.files],
    ["added", "integer", (r) => r.added],
    ["deleted", "integer", (r) => r.deleted],
  ]);
  const changeColumns = columns<ChangeRow>(analysisId, [
    ["sha", "text", (r) => r.sha],
    ["path", "text", (r) => r.path],
    ["changed_path", "text", (r) => r.changedPath],
    ["language", "text", (r) => r.language],
    ["raw_author_id", "integer", (r) => r.rawAuthorId],
    ["authored_at", "timestamptz", (r) => r.authoredAt.toISOString()],
    ["added", "integer", (r) => r.added],
    ["deleted", "integer", (r) => r.deleted],
  ]);

  const identities = new IdentityResolver();
  const totals = new Map<number, AuthorTotals>();
  // Walking back in time: a change to `old` before a rename old → new is a change of the file now named current(new).
  const renamedTo = new Map<string, string>();
  const languages = new Map<string, string | null>();
  const languageOf = (path: string) => {
    let language = languages.get(path);
    if (language === undefined) languages.set(path, language = detectLanguage(path));
    return language;
  };

  let commits: CommitRow[] = [];
  let changes: ChangeRow[] = [];
  let writes: Promise<void> = Promise.resolve();
  let waiting = 0;
  let failure: unknown = null;
  const flush = () => {
    const [commitBatch, changeBatch] = [commits, changes];
    commits = [];
    changes = [];
    waiting++;
    writes = writes.then(async () => {
      try {
        if (!failure) {
          await bulkInsert(db, "analysis_commits", commitColumns, commitBatch);
          await bulkInsert(db, "analysis_changes", changeColumns, changeBatch);
        }
      } catch (error) {
        failure ??= error;
      } finally {
        waiting--;
      }
    });
  };

  const result: IngestResult = {
    commits: 0,
    merges: 0,
    truncated: false,
    incomplete: null,
    firstAt: null,
    lastAt: null,
    paths: new Map(),
    dirs: new Map(),
    canonical: (rawId) => identities.canonical(rawId),
  };
  const count = (path: string, rawAuthorId: number, at: Date, added: number, deleted: number) => {
    let totals = result.paths.get(path);
    if (!totals) {
      totals = { commits: 0, added: 0, deleted: 0, first: at, last: at, byAuthor: new Map() };
      result.paths.set(path, totals);
    }
    totals.commits++;
    totals.added += added;
    totals.deleted += deleted;
    if (at < totals.first) totals.first = at;
    if (at > totals.last) totals.last = at;
    const mine = totals.byAuthor.get(rawAuthorId);
    if (mine) {
      mine.added += added;
      mine.commits++;
    } else totals.byAuthor.set(rawAuthorId, { added, commits: 1 });
  };
  const log = readGitLog(gitDir, {
    rev: commit,
    maxCommits: options.maxCommits + 1,
    mailmapBlob: `${commit}:.mailmap`,
    signal: options.signal,
  });
  // A history git cannot read to the end (a missing or corrupt object) keeps what was read, and says so.
  const entries = async function* () {
    try {
      yield* log;
    } catch (error) {
      if (options.signal?.aborted) throw error;
      result.incomplete = `git stopped after ${result.commits} commits: ${
        (error instanceof Error ? error.message : String(error)).split("\n").slice(0, 2).join(" ").slice(0, 300)
      }`;
    }
  };
  for await (const entry of entries()) {
    if (failure) break;
    if (result.commits === options.maxCommits) {
      result.truncated = true;
      break;
    }
    const rawAuthorId = identities.resolve(entry.authorName, entry.authorEmail).id;
    const authoredAt = new Date(entry.authorTime * 1000);
    const committedAt = new Date(entry.committerTime * 1000);
    let added = 0;
    let deleted = 0;
    const touched = new Set<string>();
    for (const change of entry.changes) {
      const path = renamedTo.get(change.path) ?? change.path;
      if (change.oldPath !== null) renamedTo.set(change.oldPath, path);
      added += change.added ?? 0;
      deleted += change.deleted ?? 0;
      count(path, rawAuthorId, authoredAt, change.added ?? 0, change.deleted ?? 0);
      for (const dir of ancestors(path)) touched.add(dir);
      changes.push({
        sha: entry.sha,
        path,
        changedPath: change.path,
        language: languageOf(change.path),
        rawAuthorId,
        authoredAt,
        added: change.added,
        deleted: change.deleted,
      });
    }
    for (const dir of touched) {
      const totals = result.dirs.get(dir);
      if (!totals) result.dirs.set(dir, { commits: 1, last: authoredAt });
      else {
        totals.commits++;
        if (authoredAt > totals.last) totals.last = authoredAt;
      }
    }
    commits.push({
      sha: entry.sha,
      rawAuthorId,
      authoredAt,
      committedAt,
      parents: entry.parents.length,
      subject: entry.subject,
      files: entry.changes.length,
      added,
      deleted,
    });
    const author = totals.get(rawAuthorId);
    if (author) {
      author.commits++;
      author.added += added;
      author.deleted += deleted;
      if (authoredAt < author.first) author.first = authoredAt;
      if (authoredAt > author.last) author.last = authoredAt;
    } else totals.set(rawAuthorId, { commits: 1, added, deleted, first: authoredAt, last: authoredAt });
    result.commits++;
    if (entry.parents.length > 1) result.merges++;
    if (!result.firstAt || authoredAt < result.firstAt) result.firstAt = authoredAt;
    if (!result.lastAt || authoredAt > result.lastAt) result.lastAt = authoredAt;
    if (changes.length >= CHANGES_PER_BATCH) {
      flush();
      options.onProgress?.(result.commits);
      while (waiting >= 2 && !failure) await writes;
    }
  }
  flush();
  await writes;
  if (failure) throw failure;
  await storeAuthors(db, analysisId, identities, totals);
  return result;
}

/** The merged people with their totals, and the map from every number handed out to its person. */
async function storeAuthors(
  db: Kysely<Database>,
  analysisId: string,
  identities: IdentityResolver,
  totals: Map<number, AuthorTotals>,
): Promise<void> {
  const people = new Map(identities.identities().map((person) => [person.id, person]));
  const merged = new Map<number, AuthorTotals>();
  const aliases: { raw: number; id: number }[] = [];
  for (const [raw, total] of totals) {
    const id = identities.canonical(raw);
    aliases.push({ raw, id });
    const into = merged.get(id);
    if (!into) merged.set(id, { ...total });
    else {
      into.commits += total.commits;
      into.added += total.added;
      into.deleted += total.deleted;
      if (total.first < into.first) into.first = total.first;
      if (total.last > into.last) into.last = total.last;
    }
  }
  const authors = [...merged].map(([id, total]) => ({ id, total, person: people.get(id)! }));
  type Author = (typeof authors)[number];
  await bulkInsert(
    db,
    "analysis_authors",
    columns<Author>(analysisId, [
      ["author_id", "integer", (a) => a.id],
      ["name", "text", (a) => a.person.name],
      ["email", "text", (a) => a.person.email],
      ["is_bot", "boolean", (a) => a.person.isBot],
      ["commits", "integer", (a) => a.total.commits],
      ["added", "bigint", (a) => a.total.added],
      ["deleted", "bigint", (a) => a.total.deleted],
      ["first_at", "timestamptz", (a) => a.total.first.toISOString()],
      ["last_at", "timestamptz", (a) => a.total.last.toISOString()],
    ]),
    authors,
  );
  await bulkInsert(
    db,
    "analysis_author_aliases",
    columns<{ raw: number; id: number }>(analysisId, [
      ["raw_id", "integer", (a) => a.raw],
      ["author_id", "integer", (a) => a.id],
    ]),
    aliases,
  );
}

function columns<R>(
  analysisId: string,
  specs: [string, BulkColumn<R>["type"], (row: R) => unknown][],
): BulkColumn<R>[] {
  return [
    { name: "analysis_id", type: "uuid", value: () => analysisId },
    ...specs.map(([name, type, value]) => ({ name, type, value })),
  ];
}
