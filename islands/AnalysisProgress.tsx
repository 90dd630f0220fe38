import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { isFinished, type ProgressState, STAGES } from "../lib/shared/stages.ts";

/** Props: the analysis id and its state when the page was rendered. */
export interface AnalysisProgressProps {
  id: string;
  initial: ProgressState;
}

/**
 * Live progress of a running analysis, fed by Server-Sent Events. When the
 * analysis succeeds the page reloads to show the server-rendered result.
 */
export default function AnalysisProgress({ id, initial }: AnalysisProgressProps) {
  const state = useSignal<ProgressState>(initial);

  useEffect(() => {
    if (isFinished(initial.status)) return;
    const source = new EventSource(`/api/analyses/${id}/events`);
    source.addEventListener("progress", (event) => {
      const next = JSON.parse((event as MessageEvent).data) as ProgressState;
      state.value = next;
      if (isFinished(next.status)) {
        source.close();
        if (next.status === "succeeded") location.reload();
      }
    });
    return () => source.close();
  }, [id]);

  const current = state.value;
  const stageIndex = STAGES.findIndex((s) => s.id === current.stage);
  const percent = Math.round(current.progress * 100);
  return (
    <section class="panel progress-panel" aria-live="polite">
      <div class="progress-head">
        <span class={`status status-${current.status}`}>{current.status}</span>
        <span class="progress-message">{current.message ?? ""}</span>
      </div>
      <div
        class="progress-bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label="Analysis progress"
      >
        <div class="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <ol class="stages">
        {STAGES.map((stage, index) => {
          const done = current.status === "succeeded" || index < stageIndex;
          const active = index === stageIndex && !isFinished(current.status);
          return (
            <li key={stage.id} class={done ? "done" : active ? "active" : ""}>
              {stage.label}
            </li>
          );
        })}
      </ol>
      {current.status === "failed" && (
        <p class="form-error" role="alert">
          {current.errorMessage} <code>{current.errorCode}</code>
        </p>
      )}
    </section>
  );
}
