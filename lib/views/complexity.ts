/** How an analysis's functions spread over cyclomatic complexity: the overview's histogram. */
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import { OUTSIDE_METRICS } from "../report/summary.ts";
import { type ComplexityBand, complexityBand } from "../shared/complexity.ts";

/** The histogram's buckets: CCN ranges chosen so that no bucket straddles two colour bands (< 5, 5–10, > 10). */
export const CCN_BUCKETS: readonly { label: string; min: number; max: number | null }[] = [
  { label: "1", min: 1, max: 1 },
  { label: "2–4", min: 2, max: 4 },
  { label: "5–7", min: 5, max: 7 },
  { label: "8–10", min: 8, max: 10 },
  { label: "11–15", min: 11, max: 15 },
  { label: "16–20", min: 16, max: 20 },
  { label: "21–30", min: 21, max: 30 },
  { label: ">30", min: 31, max: null },
];

/** One bar of the histogram: a CCN range, its colour band and how many functions fall in it. */
export interface ComplexityBucket {
  label: string;
  min: number;
  /** Inclusive upper bound; null for the last, open bucket. */
  max: number | null;
  band: ComplexityBand;
  functions: number;
}

/**
 * Functions per CCN bucket, outside vendored and generated code (as every
 * total of the overview); every bucket is listed, empty ones with 0.
 */
export async function complexityHistogram(db: Kysely<Database>, analysisId: string): Promise<ComplexityBucket[]> {
  // width_bucket gives 0 below the first threshold, i for thresholds[i] ≤ ccn < thresholds[i+1].
  const thresholds = CCN_BUCKETS.slice(1).map((b) => b.min);
  const rows = await db.selectFrom("analysis_files as f")
    .innerJoin("blob_functions as bf", "bf.structure_id", "f.structure_id")
    .select((eb) => [
      sql<number>`width_bucket(bf.ccn, ${sql.val(thresholds)}::int[])`.as("bucket"),
      eb.fn.countAll<string>().as("functions"),
    ])
    .where("f.analysis_id", "=", analysisId)
    .where("f.category", "not in", [...OUTSIDE_METRICS])
    .groupBy("bucket")
    .execute();
  const counts = new Map(rows.map((r) => [Number(r.bucket), Number(r.functions)]));
  return CCN_BUCKETS.map((b, i) => ({ ...b, band: complexityBand(b.min), functions: counts.get(i) ?? 0 }));
}
