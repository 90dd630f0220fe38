import { complexityBand } from "../lib/shared/complexity.ts";
import type { FileSource } from "../lib/views/file_source.ts";

/** Where a function starts, for the gutter. */
export interface SourceMark {
  name: string;
  startLine: number;
  ccn: number;
}

/** Props of {@link SourceView}. */
export interface SourceViewProps {
  source: FileSource;
  marks: SourceMark[];
}

/** Functions starting on each line: the most complex decides the colour, every one is named. */
function marksByLine(marks: SourceMark[]): Map<number, { ccn: number; title: string }> {
  const byLine = new Map<number, { ccn: number; title: string }>();
  for (const mark of marks) {
    const text = `${mark.name} · CCN ${mark.ccn}`;
    const seen = byLine.get(mark.startLine);
    if (seen) {
      seen.ccn = Math.max(seen.ccn, mark.ccn);
      seen.title += `; ${text}`;
    } else byLine.set(mark.startLine, { ccn: mark.ccn, title: text });
  }
  return byLine;
}

/**
 * The file's source, highlighted on the server: every line is an anchor
 * (`#L12`), and the first line of each function carries a mark in the gutter
 * coloured by its complexity.
 */
export function SourceView({ source, marks }: SourceViewProps) {
  if (source.kind === "unavailable") {
    return (
      <section class="panel" aria-labelledby="source-title">
        <h2 id="source-title">Source</h2>
        <p class="notice">{source.message}</p>
      </section>
    );
  }
  const byLine = marksByLine(marks);
  return (
    <section class="panel source-panel" aria-labelledby="source-title">
      <h2 id="source-title">Source</h2>
      <p class="muted">
        {source.lines.length.toLocaleString("en")} lines
        {source.highlighted ? ` · ${source.grammar}` : " · shown without highlighting (a large file)"}
        {marks.length > 0 && " · a mark in the margin starts each function, coloured by its CCN"}
      </p>
      <div class="source-wrap">
        <table class="source hljs">
          <tbody>
            {source.lines.map((html, i) => {
              const n = i + 1;
              const mark = byLine.get(n);
              return (
                <tr key={n} id={`L${n}`}>
                  <td class="source-mark">
                    {mark && (
                      <span class={`fn-mark fn-mark-${complexityBand(mark.ccn)}`} title={mark.title}>
                        <span class="visually-hidden">{mark.title}</span>
                      </span>
                    )}
                  </td>
                  <td class="source-no">
                    <a href={`#L${n}`}>{n}</a>
                  </td>
                  <td class="source-line">
                    <code dangerouslySetInnerHTML={{ __html: html }} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
