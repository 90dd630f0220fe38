import type { AnalysisSummary, ComplexFunction } from "../lib/report/summary.ts";

const number = new Intl.NumberFormat("en");

/** Props of {@link AnalysisResult}. */
export interface AnalysisResultProps {
  analysisId: string;
  summary: AnalysisSummary;
  complex: ComplexFunction[];
}

/** The summary of a finished analysis: cards, languages, the most complex functions. */
export function AnalysisResult({ analysisId, summary, complex }: AnalysisResultProps) {
  const languages = Object.entries(summary.languages);
  const total = languages.reduce(
    (sum, [, t]) => ({
      files: sum.files + t.files,
      code: sum.code + t.code,
      comment: sum.comment + t.comment,
      blank: sum.blank + t.blank,
    }),
    { files: 0, code: 0, comment: 0, blank: 0 },
  );
  return (
    <section class="panel">
      <div class="cards">
        <div class="card">
          <span class="card-value">{number.format(summary.files)}</span>
          <span class="card-label">files</span>
        </div>
        <div class="card">
          <span class="card-value">{number.format(total.code)}</span>
          <span class="card-label">lines of code</span>
        </div>
        <div class="card">
          <span class="card-value">{number.format(summary.functions)}</span>
          <span class="card-label">functions</span>
        </div>
        <div class="card">
          <span class="card-value">{languages.length}</span>
          <span class="card-label">languages</span>
        </div>
      </div>
      <h2>Languages</h2>
      {languages.length === 0 ? <p>No source files in a known language.</p> : (
        <div class="table-wrap">
          <table class="data">
            <caption class="visually-hidden">Files and lines per language</caption>
            <thead>
              <tr>
                <th scope="col">Language</th>
                <th scope="col" class="num">Files</th>
                <th scope="col" class="num">Code</th>
                <th scope="col" class="num">Comment</th>
                <th scope="col" class="num">Blank</th>
                <th scope="col" class="num">Share</th>
              </tr>
            </thead>
            <tbody>
              {languages.map(([name, t]) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td class="num">{number.format(t.files)}</td>
                  <td class="num">{number.format(t.code)}</td>
                  <td class="num">{number.format(t.comment)}</td>
                  <td class="num">{number.format(t.blank)}</td>
                  <td class="num">{total.code ? `${(100 * t.code / total.code).toFixed(1)}%` : "–"}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td class="num">{number.format(total.files)}</td>
                <td class="num">{number.format(total.code)}</td>
                <td class="num">{number.format(total.comment)}</td>
                <td class="num">{number.format(total.blank)}</td>
                <td class="num">100%</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <ComplexFunctions functions={complex} />
      <p class="muted">
        Vendored, generated and binary files are listed in the report but kept out of these totals.{" "}
        <a href={`/api/analyses/${analysisId}/report`}>Download the report (JSON)</a>
      </p>
    </section>
  );
}

function ccnClass(ccn: number): string {
  return ccn > 10 ? "ccn ccn-high" : ccn >= 5 ? "ccn ccn-mid" : "ccn ccn-low";
}

function ComplexFunctions({ functions }: { functions: ComplexFunction[] }) {
  if (!functions.length) return null;
  return (
    <>
      <h2>Most complex functions</h2>
      <div class="table-wrap">
        <table class="data">
          <caption class="visually-hidden">Functions with the highest cyclomatic complexity</caption>
          <thead>
            <tr>
              <th scope="col">Function</th>
              <th scope="col">File</th>
              <th scope="col" class="num">CCN</th>
              <th scope="col" class="num">NLOC</th>
              <th scope="col" class="num">Params</th>
              <th scope="col" class="num">Nesting</th>
            </tr>
          </thead>
          <tbody>
            {functions.map((f) => (
              <tr key={`${f.path}:${f.startLine}:${f.qualifiedName}`}>
                <th scope="row">
                  <code>{f.qualifiedName}</code>
                </th>
                <td>
                  <code>{f.path}:{f.startLine}</code>
                </td>
                <td class="num">
                  <span class={ccnClass(f.ccn)}>{f.ccn}</span>
                </td>
                <td class="num">{f.nloc}</td>
                <td class="num">{f.params}</td>
                <td class="num">{f.maxNesting}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
