/** The stages an analysis moves through, in order, with their labels. */
export const STAGES = [
  { id: "queued", label: "Queued" },
  { id: "resolve", label: "Find the commit" },
  { id: "fetch", label: "Clone" },
  { id: "scan", label: "List files" },
  { id: "parse", label: "Read and parse" },
  { id: "link", label: "Resolve imports" },
  { id: "history", label: "Read history" },
  { id: "done", label: "Done" },
] as const;

/** An analysis's lifecycle state, as the API reports it. */
export type AnalysisStatus = "queued" | "running" | "succeeded" | "failed" | "canceled";

/** The state of an analysis as its progress display needs it. */
export interface ProgressState {
  status: AnalysisStatus;
  stage: string;
  progress: number;
  message: string | null;
  errorCode: string | null;
  errorMessage: string | null;
}

/** True when the analysis will not change any more. */
export function isFinished(status: AnalysisStatus): boolean {
  return status === "succeeded" || status === "failed" || status === "canceled";
}
