/** The stages an analysis moves through, in order, with their labels. */
export const STAGES = [
  { id: "queued", label: "Queued" },
  { id: "fetch", label: "Clone" },
  { id: "parse", label: "Read and parse" },
  { id: "link", label: "Resolve imports" },
  { id: "done", label: "Done" },
] as const;

/** The state of an analysis as its progress display needs it. */
export interface ProgressState {
  status: "queued" | "running" | "succeeded" | "failed" | "canceled";
  stage: string;
  progress: number;
  message: string | null;
  errorCode: string | null;
  errorMessage: string | null;
}

/** True when the analysis will not change any more. */
export function isFinished(status: ProgressState["status"]): boolean {
  return status === "succeeded" || status === "failed" || status === "canceled";
}
