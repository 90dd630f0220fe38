import { BAND_NAME, ccnClass } from "../lib/shared/complexity.ts";
import type { AnalysisSummary, ComplexFunction } from "../lib/report/summary.ts";
import type { ComplexityBucket } from "../lib/views/complexity.ts";
import { number, shareOf } from "../lib/shared/format.ts";
import { DataTable, num } from "./DataTable.tsx";
import { fileHref } from "./FileParts.tsx";
import { LanguagesTable } from "./LanguagesTable.tsx";

/** Props of {@link AnalysisResult}. */
export interface AnalysisResultProps {
  analysisId: string;
  summary: AnalysisSummary;
  complex: ComplexFunction[];
  /** Functions per CCN bucket (the histogram's numbers). */
  histogram: ComplexityBucket[];
}

/** The code of a finished analysis as tables: languages, complexity distribution, the most complex functions. */
export function AnalysisResult({ analysisId, summary, complex, histogram }: AnalysisResultProps) {
  const languages = Object.entries(summary.languages);
  return (
    <section class="panel">
      <h2>Languages</h2>
      {languages.length === 0
        ? <p>No source files in a known language.</p>
        : <LanguagesTable languages={languages} caption="Files and lines per language" lines />}
      <ComplexityDistribution buckets={histogram} />
      <ComplexFunctions analysisId={analysisId} functions={complex} />
      <p class="muted">
        Vendored, generated and binary files are listed in the report but kept out of these totals.{" "}
        <a href={`/api/analyses/${analysisId}/report`}>Download the report (JSON)</a>
      </p>
    </section>
  );
}

function ComplexFunctions({ analysisId, functions }: { analysisId: string; functions: ComplexFunction[] }) {
  if (!functions.length) return null;
  return (
    <>
      <h2>Most complex functions</h2>
      <DataTable
        caption="Functions with the highest cyclomatic complexity"
        columns={["Function", "File", num("CCN"), num("NLOC"), num("Params"), num("Nesting")]}
      >
        {functions.map((f) => (
          <tr key={`${f.path}:${f.startLine}:${f.qualifiedName}`}>
            <th scope="row">
              <code>{f.qualifiedName}</code>
            </th>
            <td>
              <a href={fileHref(analysisId, f.path, `#L${f.startLine}`)}>
                <code>{f.path}:{f.startLine}</code>
              </a>
            </td>
            <td class="num">
              <span class={ccnClass(f.ccn)}>{f.ccn}</span>
            </td>
            <td class="num">{f.nloc}</td>
            <td class="num">{f.params}</td>
            <td class="num">{f.maxNesting}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

function ComplexityDistribution({ buckets }: { buckets: ComplexityBucket[] }) {
  const total = buckets.reduce((sum, b) => sum + b.functions, 0);
  if (!total) return null;
  return (
    <>
      <h2 id="complexity-distribution">Complexity distribution</h2>
      <DataTable
        caption="Functions per cyclomatic complexity (CCN) range"
        columns={["CCN", "Band", num("Functions"), num("Share")]}
      >
        {buckets.map((b) => (
          <tr key={b.label}>
            <th scope="row">
              <span class={ccnClass(b.min)}>{b.label}</span>
            </th>
            <td>{BAND_NAME[b.band]}</td>
            <td class="num">{number.format(b.functions)}</td>
            <td class="num">{shareOf(b.functions, total)}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
