import type { AnalysisView } from "../lib/pipeline/analyses.ts";

/** The views of an analysis, in the order of the tabs: path segment and label. */
export const ANALYSIS_VIEWS = [
  ["", "Overview"],
  ["files", "Files"],
  ["graph", "Dependencies"],
  ["timeline", "Timeline"],
  ["contributors", "Contributors"],
  ["languages", "Languages"],
] as const;

/** A view's path segment ("" is the overview). */
export type AnalysisViewName = (typeof ANALYSIS_VIEWS)[number][0];

/** Props of {@link AnalysisHeader}. */
export interface AnalysisHeaderProps {
  analysis: AnalysisView;
  /** The view shown; the tabs appear once the analysis succeeded. */
  current: AnalysisViewName | null;
  /** A heading under the repository's name (a file's path, …). */
  subtitle?: string;
}

/** The head of every page of an analysis: repository, ref and commit, and the tabs to its views. */
export function AnalysisHeader({ analysis, current, subtitle }: AnalysisHeaderProps) {
  return (
    <header class="page-head analysis-head">
      <p class="eyebrow">Analysis{analysis.history === null ? "" : " · with history"}</p>
      <h1>{analysis.repoName}</h1>
      <p class="muted">
        <code>{analysis.repoUrl}</code>
        {analysis.ref && (
          <>
            {" · ref "}
            <code>{analysis.ref}</code>
          </>
        )}
        {analysis.commit && (
          <>
            {" · commit "}
            <code>{analysis.commit.slice(0, 12)}</code>
          </>
        )}
      </p>
      {subtitle && <p class="subtitle">{subtitle}</p>}
      {current !== null && analysis.status === "succeeded" && (
        <nav class="tabs" aria-label="Views of this analysis">
          {ANALYSIS_VIEWS.map(([segment, label]) => (
            <a
              key={segment}
              href={`/analyses/${analysis.id}${segment ? `/${segment}` : ""}`}
              aria-current={segment === current ? "page" : undefined}
            >
              {label}
            </a>
          ))}
        </nav>
      )}
    </header>
  );
}
