/** Props of {@link OverviewNext}. */
export interface OverviewNextProps {
  analysisId: string;
  /** False when the analysis ran without its history: the views that need it say so. */
  hasHistory: boolean;
}

/** "Where to go next": every other view of the analysis, with what each is for. */
export function OverviewNext({ analysisId, hasHistory }: OverviewNextProps) {
  const base = `/analyses/${analysisId}`;
  const history = hasHistory ? "" : " (needs the history)";
  const views: [string, string, string][] = [
    ["files", "Files", "the directory tree as a treemap: size by lines, colour by complexity, churn, owner or age"],
    ["graph", "Dependencies", "which files import which, cycles highlighted"],
    ["timeline", "Timeline", `commits per week, the repository at any commit, and what changed between two${history}`],
    ["contributors", "Contributors", `who owns what, the truck factor, and who works on the same files${history}`],
    ["languages", "Languages", `lines per language over time${history}`],
  ];
  return (
    <nav class="panel" aria-labelledby="next-title">
      <h2 id="next-title">Where to go next</h2>
      <ul class="ov-next">
        {views.map(([segment, label, what]) => (
          <li key={segment}>
            <a href={`${base}/${segment}`}>{label}</a> <span class="muted">— {what}</span>
          </li>
        ))}
        <li>
          <a href={`/api/analyses/${analysisId}/report`}>The report (JSON)</a>{" "}
          <span class="muted">— every file, function and import, for scripts</span>
        </li>
      </ul>
    </nav>
  );
}
