/**
 * Snapshots: the repository as it was at a commit of an analysis's history.
 * A snapshot is an analysis of the same repository at that commit, without
 * history: it runs as a job like any other, and since structure is stored by
 * blob, only files whose content no analysis has seen yet are parsed. Two
 * snapshots (or a snapshot and the analysis) compare file by file.
 */
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import { AppError, invalidField } from "../errors.ts";
import { type AnalysisView, findAnalysis } from "../pipeline/analyses.ts";
import { submitAnalysis } from "../pipeline/submit.ts";
import { linkAnalysis } from "../auth/visibility.ts";
import { type AnalysisSummary, OUTSIDE_METRICS, summarize } from "../report/summary.ts";

/** A snapshot and, once it has run, what the repository held then. */
export interface Snapshot {
  commit: string;
  committedAt: string;
  subject: string;
  /** The analysis that computes it. */
  analysisId: string;
  status: string;
  summary: AnalysisSummary | null;
  complexity: ComplexityTotals | null;
}

/** Complexity over the functions of files that count for metrics. */
export interface ComplexityTotals {
  functions: number;
  totalCcn: number;
  meanCcn: number;
  maxCcn: number;
  /** Functions with CCN over 10. */
  complex: number;
}

/** How two snapshots differ. */
export interface SnapshotDiff {
  from: string;
  to: string;
  added: string[];
  removed: string[];
  /** Files whose content changed, with their code lines and total CCN before and after. */
  changed: { path: string; codeBefore: number; codeAfter: number; ccnBefore: number; ccnAfter: number }[];
  languages: Record<string, { before: number; after: number }>;
  complexity: { before: ComplexityTotals; after: ComplexityTotals };
}

/**
 * The commit of the analysis's history that `at` names: a commit id (or a
 * unique prefix of at least 7 characters), or an ISO date or time — the
 * newest commit made at or before it.
 */
export async function resolveSnapshotCommit(
  db: Kysely<Database>,
  analysisId: string,
  at: string,
): Promise<{ sha: string; committedAt: Date; subject: string }> {
  const base = db.selectFrom("analysis_commits").select(["sha", "committed_at", "subject"])
    .where("analysis_id", "=", analysisId);
  if (/^[0-9a-f]{7,64}$/i.test(at)) {
    const rows = await base.where("sha", "like", `${at.toLowerCase()}%`).limit(2).execute();
    if (rows.length > 1) throw invalidField("at", "names more than one commit; give more characters");
    if (!rows.length) throw invalidField("at", "is not a commit of this analysis's history");
    return { sha: rows[0].sha, committedAt: rows[0].committed_at, subject: rows[0].subject };
  }
  const time = /^\d{4}-\d{2}-\d{2}/.test(at) ? new Date(at.length === 10 ? `${at}T23:59:59.999Z` : at) : null;
  if (!time || Number.isNaN(time.getTime())) {
    throw invalidField("at", "must be a commit id or an ISO date (YYYY-MM-DD or a full time)");
  }
  const row = await base.where("committed_at", "<=", time).orderBy("committed_at", "desc").orderBy("sha")
    .limit(1).executeTakeFirst();
  if (!row) throw invalidField("at", "is before the first commit of this analysis's history");
  return { sha: row.sha, committedAt: row.committed_at, subject: row.subject };
}

/**
 * The snapshot of `analysis` at `at`: an existing analysis of the repository
 * at that commit (running or succeeded), or a new one queued now.
 */
export async function requestSnapshot(
  db: Kysely<Database>,
  analysis: AnalysisView,
  at: string,
  userId: string | null = null,
): Promise<Snapshot> {
  const commit = await resolveSnapshotCommit(db, analysis.id, at);
  const existing = await snapshotAnalysis(db, analysis.id, commit.sha);
  let id = existing?.id;
  if (!id) {
    const parent = await db.selectFrom("analyses").innerJoin(
      "repositories",
      "repositories.id",
      "analyses.repository_id",
    )
      .select([
        "repositories.url",
        "repositories.display_name",
        "analyses.private",
        "analyses.owner_id",
        "analyses.credential_id",
      ])
      .where("analyses.id", "=", analysis.id).executeTakeFirstOrThrow();
    ({ id } = await submitAnalysis(db, {
      repo: {
        url: parent.url,
        displayName: parent.display_name,
        kind: parent.url.startsWith("file://") ? "local" : "remote",
      },
      ref: commit.sha,
      withHistory: false,
      userId,
      // A private analysis's snapshot is private too, read from the same owner's mirror.
      access: parent.private && parent.owner_id
        ? { ownerId: parent.owner_id, credentialId: parent.credential_id }
        : null,
    }));
  } else if (userId) {
    await linkAnalysis(db, userId, id);
  }
  return await describe(db, commit, id);
}

/** The snapshot at `at` if one was requested, else null. */
export async function findSnapshot(db: Kysely<Database>, analysis: AnalysisView, at: string): Promise<Snapshot | null> {
  const commit = await resolveSnapshotCommit(db, analysis.id, at);
  const existing = await snapshotAnalysis(db, analysis.id, commit.sha);
  return existing ? await describe(db, commit, existing.id) : null;
}

/** Compares the snapshots at `from` and `to` (both must have run). */
export async function compareSnapshots(
  db: Kysely<Database>,
  analysis: AnalysisView,
  from: string,
  to: string,
): Promise<SnapshotDiff> {
  const [before, after] = [
    await readySnapshot(db, analysis, from, "from"),
    await readySnapshot(db, analysis, to, "to"),
  ];
  const rows = await sql<{
    path: string;
    in_before: boolean;
    in_after: boolean;
    code_before: number | null;
    code_after: number | null;
    ccn_before: number | null;
    ccn_after: number | null;
  }>`
    with a as (select * from analysis_files where analysis_id = ${before.analysisId}::uuid),
         b as (select * from analysis_files where analysis_id = ${after.analysisId}::uuid),
         ccn as (
           select f.analysis_id, f.path, s.total_ccn as ccn from analysis_files f
           join blob_structures s on s.id = f.structure_id
           where f.analysis_id in (${before.analysisId}::uuid, ${after.analysisId}::uuid)
         )
    select coalesce(a.path, b.path) as path, a.path is not null as in_before, b.path is not null as in_after,
      a.code as code_before, b.code as code_after, ca.ccn as ccn_before, cb.ccn as ccn_after
    from a full join b on a.path = b.path
    left join ccn ca on ca.analysis_id = ${before.analysisId}::uuid and ca.path = a.path
    left join ccn cb on cb.analysis_id = ${after.analysisId}::uuid and cb.path = b.path
    where a.path is null or b.path is null or a.blob_sha is distinct from b.blob_sha
    order by 1`.execute(db);
  const languages: SnapshotDiff["languages"] = {};
  for (const [key, summary] of [["before", before.summary!], ["after", after.summary!]] as const) {
    for (const [language, totals] of Object.entries(summary.languages)) {
      languages[language] ??= { before: 0, after: 0 };
      languages[language][key] = totals.code;
    }
  }
  return {
    from: before.commit,
    to: after.commit,
    added: rows.rows.filter((r) => !r.in_before).map((r) => r.path),
    removed: rows.rows.filter((r) => !r.in_after).map((r) => r.path),
    changed: rows.rows.filter((r) => r.in_before && r.in_after).map((r) => ({
      path: r.path,
      codeBefore: r.code_before!,
      codeAfter: r.code_after!,
      ccnBefore: r.ccn_before ?? 0,
      ccnAfter: r.ccn_after ?? 0,
    })),
    languages,
    complexity: { before: before.complexity!, after: after.complexity! },
  };
}

async function readySnapshot(
  db: Kysely<Database>,
  analysis: AnalysisView,
  at: string,
  field: string,
): Promise<Snapshot> {
  let snapshot: Snapshot | null;
  try {
    snapshot = await findSnapshot(db, analysis, at);
  } catch (error) {
    if (error instanceof AppError && error.field === "at") throw invalidField(field, error.message);
    throw error;
  }
  if (!snapshot || snapshot.status !== "succeeded") {
    throw new AppError(
      409,
      "not_ready",
      `The snapshot at ${at} has ${snapshot ? `status ${snapshot.status}` : "not been requested"}; ` +
        "POST /api/analyses/:id/snapshots first and wait for it",
    );
  }
  return snapshot;
}

/** An analysis of the same repository at that commit that has run or will run. */
async function snapshotAnalysis(db: Kysely<Database>, analysisId: string, sha: string): Promise<{ id: string } | null> {
  const row = await db.selectFrom("analyses as s")
    .innerJoin("analyses as a", "a.repository_id", "s.repository_id")
    .select("s.id")
    .where("a.id", "=", analysisId)
    .whereRef("s.private", "=", "a.private")
    .where((eb) =>
      eb.or([eb("s.commit_sha", "=", sha), eb.and([eb("s.ref", "=", sha), eb("s.commit_sha", "is", null)])])
    )
    .where("s.status", "in", ["queued", "running", "succeeded"])
    .orderBy(sql`s.status = 'succeeded'`, "desc").orderBy("s.created_at", "desc")
    .limit(1).executeTakeFirst();
  return row ?? null;
}

async function describe(
  db: Kysely<Database>,
  commit: { sha: string; committedAt: Date; subject: string },
  analysisId: string,
): Promise<Snapshot> {
  const analysis = await findAnalysis(db, analysisId);
  const ready = analysis?.status === "succeeded";
  return {
    commit: commit.sha,
    committedAt: commit.committedAt.toISOString(),
    subject: commit.subject,
    analysisId,
    status: analysis?.status ?? "unknown",
    summary: ready ? await summarize(db, analysisId) : null,
    complexity: ready ? await complexityTotals(db, analysisId) : null,
  };
}

/** Complexity totals of an analysis's functions, outside vendored and generated code. */
export async function complexityTotals(db: Kysely<Database>, analysisId: string): Promise<ComplexityTotals> {
  const row = await db.selectFrom("analysis_files as f")
    .innerJoin("blob_functions as bf", "bf.structure_id", "f.structure_id")
    .select((eb) => [
      eb.fn.countAll<string>().as("functions"),
      sql<string>`coalesce(sum(bf.ccn), 0)`.as("total"),
      sql<number>`coalesce(max(bf.ccn), 0)`.as("max"),
      sql<string>`count(*) filter (where bf.ccn > 10)`.as("complex"),
    ])
    .where("f.analysis_id", "=", analysisId)
    .where("f.category", "not in", [...OUTSIDE_METRICS])
    .executeTakeFirstOrThrow();
  const functions = Number(row.functions);
  const total = Number(row.total);
  return {
    functions,
    totalCcn: total,
    meanCcn: functions ? Math.round((total / functions) * 100) / 100 : 0,
    maxCcn: Number(row.max),
    complex: Number(row.complex),
  };
}
