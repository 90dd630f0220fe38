/**
 * The one module through which an analysis moves from stage to stage: it
 * enforces the allowed moves, records every run of every stage (attempt,
 * start, duration, outcome, error code) and reports the stage as progress.
 */
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { AnalysisError } from "./analysis_error.ts";
import type { ProgressReporter } from "./progress.ts";

/** The stages of an analysis, in order (the status then becomes `succeeded`, the stage `done`). */
export const PIPELINE = ["resolve", "fetch", "scan", "parse", "link", "history"] as const;
/** One stage of {@link PIPELINE}. */
export type PipelineStage = (typeof PIPELINE)[number];

/** The share of the progress bar where each stage starts. */
const PROGRESS_AT: Record<PipelineStage, number> = {
  resolve: 0.01,
  fetch: 0.03,
  scan: 0.15,
  parse: 0.2,
  link: 0.88,
  history: 0.92,
};

/** What people read while a stage runs. */
const MESSAGES: Record<PipelineStage, string> = {
  resolve: "Finding the commit",
  fetch: "Cloning",
  scan: "Listing files",
  parse: "Reading files",
  link: "Resolving imports",
  history: "Reading the history",
};

/** The stage an interrupted or failed analysis resumes at: the one it was in (queued: the first). */
export function resumeStage(stage: string): PipelineStage {
  return (PIPELINE as readonly string[]).includes(stage) ? stage as PipelineStage : "resolve";
}

/**
 * Whether an analysis whose recorded stage is `from` may start `to`: the
 * first stage from `queued`; from a stage, that stage again (a retry or a
 * resume) or any later one (a stage that does not apply is skipped).
 */
export function canEnter(from: string, to: PipelineStage): boolean {
  if (from === "queued") return to === "resolve";
  const at = PIPELINE.indexOf(from as PipelineStage);
  return at !== -1 && PIPELINE.indexOf(to) >= at;
}

/** Progress within a stage: `fraction` of the way through it. */
export function progressWithin(stage: PipelineStage, fraction: number): number {
  const index = PIPELINE.indexOf(stage);
  const end = index + 1 < PIPELINE.length ? PROGRESS_AT[PIPELINE[index + 1]] : 1;
  return PROGRESS_AT[stage] + (end - PROGRESS_AT[stage]) * Math.max(0, Math.min(1, fraction));
}

/** Runs the stages of one attempt of one analysis, recording each. */
export class StageRunner {
  /** Milliseconds per stage run in this attempt. */
  readonly timings: Record<string, number> = {};
  #current: string;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly analysisId: string,
    private readonly attempt: number,
    private readonly progress: ProgressReporter,
    currentStage: string,
  ) {
    this.#current = currentStage;
  }

  /** Runs `stage`: records its start, runs `fn`, records how it ended; rethrows a failure. */
  async run<T>(stage: PipelineStage, fn: () => Promise<T>): Promise<T> {
    await this.#enter(stage);
    const started = performance.now();
    try {
      const result = await fn();
      await this.#finish(stage, started, "done", null);
      return result;
    } catch (error) {
      const code = error instanceof AnalysisError ? error.code : "internal_error";
      const outcome = code === "canceled" ? "canceled" : code === "interrupted" ? "interrupted" : "failed";
      await this.#finish(stage, started, outcome, code).catch(() => {});
      throw error;
    }
  }

  /** Records that `stage` does not apply to this analysis (history without history, resolve when known). */
  async skip(stage: PipelineStage): Promise<void> {
    await this.#enter(stage);
    await this.#finish(stage, performance.now(), "skipped", null);
  }

  async #enter(stage: PipelineStage): Promise<void> {
    if (!canEnter(this.#current, stage)) {
      throw new Error(`an analysis at stage ${this.#current} cannot enter ${stage}`);
    }
    this.#current = stage;
    await this.db.insertInto("analysis_stages")
      .values({ analysis_id: this.analysisId, stage, attempt: this.attempt })
      .onConflict((oc) =>
        oc.columns(["analysis_id", "stage", "attempt"]).doUpdateSet({
          started_at: new Date(),
          finished_at: null,
          duration_ms: null,
          outcome: null,
          error_code: null,
        })
      )
      .execute();
    await this.progress.set({ stage, progress: PROGRESS_AT[stage], message: MESSAGES[stage] });
  }

  async #finish(
    stage: PipelineStage,
    started: number,
    outcome: "done" | "failed" | "interrupted" | "canceled" | "skipped",
    errorCode: string | null,
  ): Promise<void> {
    const duration = Math.round(performance.now() - started);
    if (outcome !== "skipped") this.timings[stage] = (this.timings[stage] ?? 0) + duration;
    await this.db.updateTable("analysis_stages")
      .set({ finished_at: new Date(), duration_ms: duration, outcome, error_code: errorCode })
      .where("analysis_id", "=", this.analysisId).where("stage", "=", stage).where("attempt", "=", this.attempt)
      .execute();
  }
}
