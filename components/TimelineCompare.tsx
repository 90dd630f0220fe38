import type { SnapshotDiff } from "../lib/history/snapshots.ts";
import { number } from "../lib/shared/format.ts";
import { type PointLookup, shortSha } from "./TimelineSnapshot.tsx";
import { DataTable, num } from "./DataTable.tsx";
import { HiddenFields } from "./HiddenFields.tsx";

const signed = (n: number) => n > 0 ? `+${number.format(n)}` : n < 0 ? `−${number.format(-n)}` : "0";

/** How many paths of each list a comparison shows (all of them are in the JSON). */
export const DIFF_CAP = 100;

/** A comparison as the page shows it: each list capped (largest changes first), with its full length. */
export interface DiffView extends SnapshotDiff {
  counts: { added: number; removed: number; changed: number };
}

/** Sorts the changed files by how much their code changed and caps every list at `cap`. */
export function toDiffView(diff: SnapshotDiff, cap = DIFF_CAP): DiffView {
  const size = (c: SnapshotDiff["changed"][number]) => Math.abs(c.codeAfter - c.codeBefore);
  const changed = [...diff.changed].sort((a, b) => size(b) - size(a) || (a.path < b.path ? -1 : 1));
  return {
    ...diff,
    added: diff.added.slice(0, cap),
    removed: diff.removed.slice(0, cap),
    changed: changed.slice(0, cap),
    counts: { added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length },
  };
}

/** Two points and, once both snapshots have run, what changed between them. */
export interface ComparisonView {
  from: PointLookup;
  to: PointLookup;
  diff: DiffView | null;
}

/** Props of {@link TimelineComparison}. */
export interface TimelineComparisonProps {
  analysisId: string;
  comparison: ComparisonView;
  /** The page's other query parameters, kept by the form. */
  keep?: Record<string, string>;
  /** Set by the island: computes both points through the API instead of posting the form. */
  onRequest?: (event: SubmitEvent) => void;
}

/** The state of a comparison: bad points, the button that computes them, their progress, or the differences. */
export function TimelineComparison({ analysisId, comparison, keep = {}, onRequest }: TimelineComparisonProps) {
  const { from, to, diff } = comparison;
  const errors = [from.error, to.error].filter(Boolean);
  if (errors.length) {
    return <>{errors.map((e) => <p key={e} class="form-error" role="alert">{e}</p>)}</>;
  }
  if (diff) return <TimelineDiff analysisId={analysisId} diff={diff} from={from} to={to} />;
  const points = [["from", from], ["to", to]] as const;
  const missing = points.some(([, p]) => !p.snapshot);
  const failed = points.find(([, p]) => p.snapshot && !["queued", "running", "succeeded"].includes(p.snapshot.status));
  return (
    <div class="tl-request">
      <ul class="tl-points">
        {points.map(([name, p]) => (
          <li key={name}>
            {name} <code>{p.snapshot ? shortSha(p.snapshot.commit) : p.at}</code>: {p.snapshot
              ? <span class={`status status-${p.snapshot.status}`}>{p.snapshot.status}</span>
              : <span class="muted">not computed yet</span>}
          </li>
        ))}
      </ul>
      {failed && (
        <p class="form-error" role="alert">
          A snapshot did not succeed: <a href={`/analyses/${failed[1].snapshot!.analysisId}`}>see why</a>.
        </p>
      )}
      {missing
        ? (
          <form method="post" action={`/analyses/${analysisId}/timeline/compare`} onSubmit={onRequest}>
            <input type="hidden" name="from" value={from.at} />
            <input type="hidden" name="to" value={to.at} />
            <HiddenFields fields={keep} />
            <button type="submit" class="button primary">Compute both points and compare</button>
          </form>
        )
        : !failed && <p class="muted">Both snapshots are being computed; the comparison follows by itself.</p>}
    </div>
  );
}

function TimelineDiff({ analysisId, diff, from, to }: {
  analysisId: string;
  diff: DiffView;
  from: PointLookup;
  to: PointLookup;
}) {
  const json = `/api/analyses/${analysisId}/compare?${new URLSearchParams({ from: diff.from, to: diff.to })}`;
  const languages = Object.entries(diff.languages)
    .map(([language, t]) => ({ language, ...t, change: t.after - t.before }))
    .filter((l) => l.change !== 0 || l.after > 0)
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || b.after - a.after);
  const when = (p: PointLookup) => p.snapshot?.committedAt.slice(0, 10) ?? "";
  return (
    <div class="tl-diff">
      <h3>
        From <code>{shortSha(diff.from)}</code> <span class="muted">({when(from)})</span> to{" "}
        <code>{shortSha(diff.to)}</code> <span class="muted">({when(to)})</span>
      </h3>
      <p>
        {number.format(diff.counts.added)} file{diff.counts.added === 1 ? "" : "s"} added,{" "}
        {number.format(diff.counts.removed)} removed, {number.format(diff.counts.changed)} changed.{" "}
        <a href={json}>All of it as JSON</a>
      </p>
      <ChangeTable
        caption="Complexity"
        heading="Measure"
        rows={[
          ["Functions", diff.complexity.before.functions, diff.complexity.after.functions],
          ["Total CCN", diff.complexity.before.totalCcn, diff.complexity.after.totalCcn],
          ["Mean CCN", diff.complexity.before.meanCcn, diff.complexity.after.meanCcn],
          ["Highest CCN", diff.complexity.before.maxCcn, diff.complexity.after.maxCcn],
          ["Functions over 10", diff.complexity.before.complex, diff.complexity.after.complex],
        ]}
      />
      {languages.length > 0 && (
        <ChangeTable
          caption="Lines of code per language"
          heading="Language"
          rows={languages.map((l) => [l.language, l.before, l.after])}
        />
      )}
      {diff.changed.length > 0 && (
        <DataTable
          caption={
            <>
              Changed files, largest change first; CCN after in red when it grew, green when it fell
              {diff.counts.changed > diff.changed.length && ` (${diff.changed.length} of ${diff.counts.changed})`}
            </>
          }
          showCaption
          columns={["File", num("Code before"), num("Code after"), num("CCN before"), num("CCN after")]}
        >
          {diff.changed.map((c) => (
            <tr key={c.path}>
              <th scope="row">
                <code>{c.path}</code>
              </th>
              <td class="num">{number.format(c.codeBefore)}</td>
              <td class="num">{number.format(c.codeAfter)}</td>
              <td class="num">{number.format(c.ccnBefore)}</td>
              <td class={`num tl-ccn-${c.ccnAfter > c.ccnBefore ? "up" : c.ccnAfter < c.ccnBefore ? "down" : "same"}`}>
                {number.format(c.ccnAfter)}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <div class="tl-paths">
        <PathList title="Added" paths={diff.added} total={diff.counts.added} />
        <PathList title="Removed" paths={diff.removed} total={diff.counts.removed} />
      </div>
    </div>
  );
}

/** Measures before and after, with the change (rounded to hundredths: means are not whole). */
function ChangeTable({ caption, heading, rows }: {
  caption: string;
  heading: string;
  rows: [label: string, before: number, after: number][];
}) {
  return (
    <DataTable caption={caption} showCaption columns={[heading, num("Before"), num("After"), num("Change")]}>
      {rows.map(([label, b, a]) => (
        <tr key={label}>
          <th scope="row">{label}</th>
          <td class="num">{number.format(b)}</td>
          <td class="num">{number.format(a)}</td>
          <td class="num">{signed(Math.round((a - b) * 100) / 100)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function PathList({ title, paths, total }: { title: string; paths: string[]; total: number }) {
  return (
    <section>
      <h4>
        {title} <span class="muted">({number.format(total)})</span>
      </h4>
      {paths.length === 0 ? <p class="muted">None.</p> : (
        <ul>
          {paths.map((p) => (
            <li key={p}>
              <code>{p}</code>
            </li>
          ))}
          {total > paths.length && <li class="muted">and {number.format(total - paths.length)} more</li>}
        </ul>
      )}
    </section>
  );
}
