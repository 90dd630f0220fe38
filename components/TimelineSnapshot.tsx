import type { Snapshot } from "../lib/history/snapshots.ts";
import type { PointLookup } from "../lib/views/timeline.ts";
import { ccnClass } from "../lib/shared/complexity.ts";
import { number } from "../lib/shared/format.ts";
import { CardList } from "./Cards.tsx";
import { LanguagesTable } from "./LanguagesTable.tsx";
import { codeCards } from "./OverviewCards.tsx";
import { HiddenFields } from "./HiddenFields.tsx";

export type { PointLookup };

/** A commit id as people read it. */
export const shortSha = (sha: string) => sha.slice(0, 7);

/** Props of {@link TimelinePoint}. */
export interface TimelinePointProps {
  analysisId: string;
  point: PointLookup;
  /** The analysed commit, for "compare with now". */
  head: string;
  /** The page's other query parameters, kept by the links and forms. */
  keep?: Record<string, string>;
  /** Set by the island: asks for the snapshot through the API instead of posting the form. */
  onRequest?: (event: SubmitEvent) => void;
  /** Set by the island: compares the snapshot with now in place. */
  onCompare?: (from: string) => void;
}

/**
 * The state of the snapshot a page or the scrubber asked for: why the point
 * is wrong, the button that computes it, its progress, or the repository then.
 */
export function TimelinePoint({ analysisId, point, head, keep = {}, onRequest, onCompare }: TimelinePointProps) {
  if (point.error) return <p class="form-error" role="alert">{point.error}</p>;
  const snapshot = point.snapshot;
  if (!snapshot) {
    return (
      <form method="post" action={`/analyses/${analysisId}/timeline/snapshots`} class="tl-request" onSubmit={onRequest}>
        <input type="hidden" name="at" value={point.at} />
        <HiddenFields fields={keep} />
        <p>
          The repository at <code>{point.at}</code>{" "}
          has not been analysed yet. It takes a moment: only files no analysis has seen are parsed.
        </p>
        <button type="submit" class="button primary">Compute the snapshot</button>
      </form>
    );
  }
  if (snapshot.status === "queued" || snapshot.status === "running") {
    return (
      <p class="tl-progress">
        <span class={`status status-${snapshot.status}`}>{snapshot.status}</span> Computing the repository at{" "}
        <code>{shortSha(snapshot.commit)}</code> ({snapshot.committedAt.slice(0, 10)})…{" "}
        <span class="muted">This updates by itself.</span>
      </p>
    );
  }
  if (snapshot.status !== "succeeded" || !snapshot.summary) {
    return (
      <p class="form-error" role="alert">
        The snapshot at <code>{shortSha(snapshot.commit)}</code> {snapshot.status === "failed" ? "failed" : "stopped"}:
        {" "}
        <a href={`/analyses/${snapshot.analysisId}`}>see why</a>.
      </p>
    );
  }
  const compare = new URLSearchParams({ ...keep, from: snapshot.commit, to: head });
  return (
    <TimelineSnapshot
      snapshot={snapshot}
      compareHref={snapshot.commit === head ? null : `/analyses/${analysisId}/timeline?${compare}#compare`}
      onCompare={onCompare}
    />
  );
}

/** The repository as a succeeded snapshot saw it: totals, complexity, lines per language. */
export function TimelineSnapshot({ snapshot, compareHref, onCompare }: {
  snapshot: Snapshot;
  compareHref: string | null;
  onCompare?: (from: string) => void;
}) {
  const summary = snapshot.summary!;
  const complexity = snapshot.complexity;
  const languages = Object.entries(summary.languages);
  return (
    <div class="tl-snapshot">
      <h3>
        At <code>{shortSha(snapshot.commit)}</code>{" "}
        <time datetime={snapshot.committedAt}>{snapshot.committedAt.slice(0, 10)}</time>
      </h3>
      <p class="muted tl-subject">{snapshot.subject}</p>
      <CardList cards={codeCards(summary)} />
      {complexity && complexity.functions > 0 && (
        <CardList
          label="Complexity"
          cards={[
            { value: number.format(complexity.totalCcn), label: "total CCN" },
            { value: complexity.meanCcn, label: "mean CCN per function" },
            { value: <span class={ccnClass(complexity.maxCcn)}>{complexity.maxCcn}</span>, label: "highest CCN" },
            { value: number.format(complexity.complex), label: "functions over 10" },
          ]}
        />
      )}
      {languages.length > 0 && (
        <LanguagesTable languages={languages} caption="Files and lines of code per language at this commit" />
      )}
      {compareHref && (
        <p>
          <a
            href={compareHref}
            class="button"
            onClick={onCompare && ((event) => {
              event.preventDefault();
              onCompare(snapshot.commit);
            })}
          >
            Compare with now
          </a>
        </p>
      )}
    </div>
  );
}
