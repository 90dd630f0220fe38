/**
 * What the timeline and languages views read: commits newest first, activity
 * per month, lines per language per month as a table, and the snapshot and
 * comparison a page asks for by query (`?at=`, `?from=&to=`), with the
 * problems of a bad point said in words instead of thrown.
 */
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import { type Page, pageOf } from "../history/history_views.ts";
import { compareSnapshots, findSnapshot, type Snapshot, type SnapshotDiff } from "../history/snapshots.ts";
import type { AnalysisView } from "../pipeline/analyses.ts";

/** A commit of the history, as the scrubber and the commits table show it. */
export interface CommitRow {
  sha: string;
  committedAt: string;
  /** The person (aliases merged), or null when the log's author could not be mapped. */
  author: string | null;
  subject: string;
  files: number;
  added: number;
  deleted: number;
  merge: boolean;
}

/**
 * A page of the analysis's commits, newest first (by commit time, as
 * snapshots choose them); `before` keeps those committed at or before it.
 */
export async function commitsPage(
  db: Kysely<Database>,
  analysisId: string,
  options: { limit: number; offset: number; before?: Date },
): Promise<Page<CommitRow>> {
  let query = db.selectFrom("analysis_commits as c").where("c.analysis_id", "=", analysisId);
  if (options.before) query = query.where("c.committed_at", "<=", options.before);
  const [count, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
    query
      .leftJoin(
        "analysis_author_aliases as m",
        (j) => j.onRef("m.analysis_id", "=", "c.analysis_id").onRef("m.raw_id", "=", "c.raw_author_id"),
      )
      .leftJoin(
        "analysis_authors as a",
        (j) => j.onRef("a.analysis_id", "=", "c.analysis_id").onRef("a.author_id", "=", "m.author_id"),
      )
      .select(["c.sha", "c.committed_at", "c.subject", "c.files", "c.added", "c.deleted", "c.parents", "a.name"])
      .orderBy("c.committed_at", "desc").orderBy("c.sha")
      .limit(options.limit).offset(options.offset).execute(),
  ]);
  return pageOf(
    rows.map((r) => ({
      sha: r.sha,
      committedAt: r.committed_at.toISOString(),
      author: r.name,
      subject: r.subject,
      files: r.files,
      added: r.added,
      deleted: r.deleted,
      merge: r.parents > 1,
    })),
    count.n,
    options,
  );
}

/** Commits, people and lines changed in one month. */
export interface MonthActivity {
  /** YYYY-MM. */
  month: string;
  commits: number;
  authors: number;
  added: number;
  deleted: number;
}

/** A page of months with commits, newest first (months by author time, as the weekly activity counts them). */
export async function monthlyActivity(
  db: Kysely<Database>,
  analysisId: string,
  options: { limit: number; offset: number },
): Promise<Page<MonthActivity>> {
  const month = sql<string>`to_char(c.authored_at at time zone 'UTC', 'YYYY-MM')`;
  const base = db.selectFrom("analysis_commits as c").where("c.analysis_id", "=", analysisId);
  const [count, rows] = await Promise.all([
    base.select(sql<string>`count(distinct ${month})`.as("n")).executeTakeFirstOrThrow(),
    base
      .leftJoin(
        "analysis_author_aliases as m",
        (j) => j.onRef("m.analysis_id", "=", "c.analysis_id").onRef("m.raw_id", "=", "c.raw_author_id"),
      )
      .select((eb) => [
        month.as("month"),
        eb.fn.countAll<string>().as("commits"),
        sql<string>`count(distinct m.author_id)`.as("authors"),
        eb.fn.sum<string>("c.added").as("added"),
        eb.fn.sum<string>("c.deleted").as("deleted"),
      ])
      .groupBy(sql`1`).orderBy(sql`1`, "desc")
      .limit(options.limit).offset(options.offset).execute(),
  ]);
  return pageOf(
    rows.map((r) => ({
      month: r.month,
      commits: Number(r.commits),
      authors: Number(r.authors),
      added: Number(r.added ?? 0),
      deleted: Number(r.deleted ?? 0),
    })),
    count.n,
    options,
  );
}

/** The snapshot a page asked for with `?at=`: found (any status), not requested yet, or a reason it cannot be. */
export interface PointLookup {
  at: string;
  snapshot: Snapshot | null;
  /** Why `at` names no commit of the history, or null. */
  error: string | null;
}

/** Looks up the snapshot at `at` without requesting it; a bad `at` becomes `error`, said of `field`. */
export async function lookupPoint(
  db: Kysely<Database>,
  analysis: AnalysisView,
  at: string,
  field = "at",
): Promise<PointLookup> {
  try {
    return { at, snapshot: await findSnapshot(db, analysis, at), error: null };
  } catch (error) {
    if (error instanceof AppError && error.field) {
      return { at, snapshot: null, error: error.message.replace(/^at: /, `${field}: `) };
    }
    throw error;
  }
}

/** The comparison a page asked for with `?from=&to=`: both points, and their differences once both have run. */
export interface ComparisonLookup {
  from: PointLookup;
  to: PointLookup;
  diff: SnapshotDiff | null;
}

/** Looks up both points and, when both snapshots have run, compares them. */
export async function lookupComparison(
  db: Kysely<Database>,
  analysis: AnalysisView,
  from: string,
  to: string,
): Promise<ComparisonLookup> {
  const [before, after] = await Promise.all([
    lookupPoint(db, analysis, from, "from"),
    lookupPoint(db, analysis, to, "to"),
  ]);
  const ready = before.snapshot?.status === "succeeded" && after.snapshot?.status === "succeeded";
  return {
    from: before,
    to: after,
    diff: ready ? await compareSnapshots(db, analysis, before.snapshot!.commit, after.snapshot!.commit) : null,
  };
}

/** True while a looked-up snapshot is still being computed. */
export function isComputing(point: PointLookup | null | undefined): boolean {
  return point?.snapshot?.status === "queued" || point?.snapshot?.status === "running";
}
