import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { fetchJson } from "../lib/shared/api_client.ts";
import { addDays, mondayOf, weeksBetween } from "../lib/shared/charts.ts";
import type { Snapshot, SnapshotDiff } from "../lib/history/snapshots.ts";
import { type ComparisonView, TimelineComparison, toDiffView } from "../components/TimelineCompare.tsx";
import {
  type CommitChoice,
  TimelineCommitList,
  TimelineCompareForm,
  TimelinePointForm,
} from "../components/TimelineForms.tsx";
import { type PointLookup, TimelinePoint } from "../components/TimelineSnapshot.tsx";

/** Props of the scrubber: the history's span in weeks, the analysed commit, and what the page's query asked for. */
export interface SnapshotScrubberProps {
  analysisId: string;
  /** The Mondays of the first and last weeks with commits: the slider's range. */
  firstWeek: string;
  lastWeek: string;
  /** The analysed commit: "now" in comparisons. */
  head: string;
  /** The snapshot of `?at=`, as the server found it. */
  point: PointLookup | null;
  /** The comparison of `?from=&to=`, as the server found it. */
  comparison: ComparisonView | null;
}

const POLL_MS = 1_000;
const computing = (s: Snapshot | null | undefined) => s?.status === "queued" || s?.status === "running";
const fieldValue = (sha: string) => sha.slice(0, 12);

/**
 * Chooses a point of the history — a week on a slider (its last commit), a
 * commit from the list, or a typed id or date — and shows the repository then;
 * compares two points. Without JavaScript the same forms are plain GET forms
 * and POST buttons that the server answers; with it, snapshots are requested
 * and followed through the API and shown in place.
 */
export default function SnapshotScrubber(props: SnapshotScrubberProps) {
  const { analysisId, head } = props;
  const api = `/api/analyses/${analysisId}`;
  const weeks = useMemo(() => weeksBetween(props.firstWeek, props.lastWeek), [props.firstWeek, props.lastWeek]);
  const [ready, setReady] = useState(false);
  const [point, setPoint] = useState(props.point);
  const [comparison, setComparison] = useState(props.comparison);
  const [pending, setPending] = useState<"point" | "compare" | null>(null);
  const [at, setAt] = useState(props.point?.at ?? "");
  const [from, setFrom] = useState(props.comparison?.from.at ?? "");
  const [to, setTo] = useState(props.comparison?.to.at ?? fieldValue(head));
  const startWeek = props.point?.snapshot ? weeks.indexOf(mondayOf(props.point.snapshot.committedAt)) : -1;
  const [week, setWeek] = useState(startWeek >= 0 ? startWeek : weeks.length - 1);
  const [candidate, setCandidate] = useState<CommitChoice | null | undefined>(undefined);
  const [commits, setCommits] = useState<CommitChoice[]>([]);
  const runs = useRef<Record<string, AbortController>>({});
  /** The slider was moved to a snapshot's week by code: it should not look up that week's last commit. */
  const quietWeek = useRef(false);

  /** Starts a run of `kind`, stopping the one before it. */
  function restart(kind: string): AbortSignal {
    runs.current[kind]?.abort();
    return (runs.current[kind] = new AbortController()).signal;
  }

  async function ask(value: string, field: string, signal: AbortSignal): Promise<PointLookup> {
    const response = await fetch(`${api}/snapshots`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ at: value }),
      signal,
    });
    const body = await response.json();
    if (!response.ok) {
      return {
        at: value,
        snapshot: null,
        error: String(body.error?.message ?? "failed").replace(/^at: /, `${field}: `),
      };
    }
    return { at: value, snapshot: body as Snapshot, error: null };
  }

  async function follow(lookup: PointLookup, signal: AbortSignal, update: (p: PointLookup) => void) {
    let current = lookup;
    while (computing(current.snapshot)) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      signal.throwIfAborted();
      const response = await fetch(`${api}/snapshots/${current.snapshot!.commit}`, { signal });
      if (!response.ok) throw new Error(`snapshot: HTTP ${response.status}`);
      current = { ...current, snapshot: await response.json() };
      update(current);
    }
    return current;
  }

  async function showPoint(value: string) {
    const signal = restart("point");
    setPending("point");
    try {
      const asked = await ask(value, "at", signal);
      setPoint(asked);
      setPending(null);
      if (asked.snapshot) {
        syncUrl({ at: fieldValue(asked.snapshot.commit) });
        showWeekOf(asked.snapshot);
      }
      await follow(asked, signal, setPoint);
    } catch (error) {
      if (!signal.aborted) setPoint({ at: value, snapshot: null, error: `Could not load the snapshot: ${error}` });
      setPending(null);
    }
  }

  async function compare(fromValue: string, toValue: string, signal = restart("compare")) {
    setPending("compare");
    try {
      const [a, b] = await Promise.all([ask(fromValue, "from", signal), ask(toValue, "to", signal)]);
      const view: ComparisonView = { from: a, to: b, diff: null };
      setComparison(view);
      setPending(null);
      if (!a.snapshot || !b.snapshot) return;
      syncUrl({ from: fieldValue(a.snapshot.commit), to: fieldValue(b.snapshot.commit) });
      await followComparison(view, signal);
    } catch (error) {
      if (!signal.aborted) {
        const failed = { at: fromValue, snapshot: null, error: `Could not compare: ${error}` };
        setComparison({ from: failed, to: { at: toValue, snapshot: null, error: null }, diff: null });
      }
      setPending(null);
    }
  }

  async function followComparison(start: ComparisonView, signal: AbortSignal) {
    let view = start;
    const [a, b] = await Promise.all([
      follow(view.from, signal, (p) => setComparison(view = { ...view, from: p })),
      follow(view.to, signal, (p) => setComparison(view = { ...view, to: p })),
    ]);
    if (a.snapshot?.status !== "succeeded" || b.snapshot?.status !== "succeeded") return;
    const query = new URLSearchParams({ from: a.snapshot.commit, to: b.snapshot.commit });
    const response = await fetch(`${api}/compare?${query}`, { signal });
    if (!response.ok) throw new Error(`compare: HTTP ${response.status}`);
    setComparison({ from: a, to: b, diff: toDiffView(await response.json() as SnapshotDiff) });
  }

  useEffect(() => {
    setReady(true);
    const signal = restart("commits");
    fetchJson<{ items: CommitChoice[] }>(`${api}/history/commits?limit=100`, signal)
      .then((page) => setCommits(page.items))
      // The list only helps typing: the fields still take any commit id or date.
      .catch((error) => !signal.aborted && console.warn("recent commits could not be loaded", error));
    // A page opened while snapshots run follows them.
    const p = props.point;
    if (p && computing(p.snapshot)) {
      const pointSignal = restart("point");
      follow(p, pointSignal, setPoint).catch((error) => {
        if (!pointSignal.aborted) setPoint({ ...p, error: `Could not follow the snapshot: ${error}` });
      });
    }
    const c = props.comparison;
    if (c && !c.diff && c.from.snapshot && c.to.snapshot && (computing(c.from.snapshot) || computing(c.to.snapshot))) {
      const compareSignal = restart("compare");
      followComparison(c, compareSignal).catch((error) => {
        if (!compareSignal.aborted) setComparison({ ...c, from: { ...c.from, error: `Could not compare: ${error}` } });
      });
    }
    return () => Object.values(runs.current).forEach((run) => run.abort());
  }, []);

  // Moving the slider picks the last commit of that week (looked up once it rests).
  useEffect(() => {
    if (!ready || !weeks.length) return;
    if (quietWeek.current) {
      quietWeek.current = false;
      return;
    }
    const signal = restart("week");
    const before = `${addDays(weeks[week], 6)}T23:59:59.999Z`;
    const timer = setTimeout(() => {
      fetchJson<{ items: CommitChoice[] }>(
        `${api}/history/commits?limit=1&before=${encodeURIComponent(before)}`,
        signal,
      )
        .then((page) => {
          const commit: CommitChoice | undefined = page.items[0];
          setCandidate(commit ?? null);
          if (commit) setAt(fieldValue(commit.sha));
        })
        // Aborted: the slider moved on. Failed: the week is still shown; a date typed in the field still works.
        .catch((error) => !signal.aborted && console.warn("week lookup failed", error));
    }, 200);
    return () => clearTimeout(timer);
  }, [week]);

  /** Puts the slider on the week of a shown snapshot, naming its commit. */
  function showWeekOf(snapshot: Snapshot) {
    const index = weeks.indexOf(mondayOf(snapshot.committedAt));
    if (index >= 0 && index !== week) {
      quietWeek.current = true;
      setWeek(index);
    }
    setCandidate({ sha: snapshot.commit, committedAt: snapshot.committedAt, subject: snapshot.subject });
  }

  function syncUrl(params: Record<string, string>) {
    const url = new URL(location.href);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    history.replaceState(null, "", url);
  }

  const onPoint = (event: SubmitEvent) => {
    event.preventDefault();
    if (at.trim()) showPoint(at.trim());
  };
  const onCompare = (event: SubmitEvent) => {
    event.preventDefault();
    if (from.trim() && to.trim()) compare(from.trim(), to.trim());
  };
  const compareWithNow = (sha: string) => {
    setFrom(fieldValue(sha));
    setTo(fieldValue(head));
    document.getElementById("compare")?.scrollIntoView({ behavior: "smooth", block: "start" });
    compare(fieldValue(sha), fieldValue(head));
  };
  const keepForPoint: Record<string, string> = comparison ? { from: comparison.from.at, to: comparison.to.at } : {};
  const keepForCompare: Record<string, string> = point ? { at: point.at } : {};
  const base = `/analyses/${analysisId}/timeline`;

  return (
    <>
      <section class="panel" id="snapshot" aria-labelledby="snapshot-title">
        <h2 id="snapshot-title">The repository at a point in time</h2>
        <TimelinePointForm
          action={`${base}#snapshot`}
          keep={keepForPoint}
          weeks={weeks}
          week={week}
          picked={candidate}
          at={at}
          invalid={Boolean(point?.error)}
          live={ready}
          busy={pending === "point"}
          onWeek={setWeek}
          onAt={setAt}
          onSubmit={onPoint}
        />
        <TimelineCommitList commits={commits} />
        <p class="visually-hidden" role="status">{pointStatus(point, pending === "point")}</p>
        <div class="tl-result">
          {pending === "point" && <p class="tl-progress muted">Asking for the snapshot…</p>}
          {point && pending !== "point" && (
            <TimelinePoint
              analysisId={analysisId}
              point={point}
              head={head}
              keep={keepForPoint}
              onRequest={(event) => {
                event.preventDefault();
                showPoint(point.at);
              }}
              onCompare={compareWithNow}
            />
          )}
        </div>
      </section>
      <section class="panel" id="compare" aria-labelledby="compare-title">
        <h2 id="compare-title">Compare two points</h2>
        <TimelineCompareForm
          action={`${base}#compare`}
          keep={keepForCompare}
          from={from}
          to={to}
          invalid={{ from: Boolean(comparison?.from.error), to: Boolean(comparison?.to.error) }}
          busy={pending === "compare"}
          onChange={(field, value) => field === "from" ? setFrom(value) : setTo(value)}
          onSubmit={onCompare}
        />
        <p class="visually-hidden" role="status">{comparisonStatus(comparison, pending === "compare")}</p>
        <div class="tl-result">
          {pending === "compare" && <p class="tl-progress muted">Asking for both snapshots…</p>}
          {comparison && pending !== "compare" && (
            <TimelineComparison
              analysisId={analysisId}
              comparison={comparison}
              keep={keepForCompare}
              onRequest={(event) => {
                event.preventDefault();
                compare(comparison.from.at, comparison.to.at);
              }}
            />
          )}
          {!comparison && pending !== "compare" && (
            <p class="muted">
              Files added, removed and changed between two commits, with their lines of code and complexity before and
              after. "To" starts at the analysed commit.
            </p>
          )}
        </div>
      </section>
    </>
  );
}

/** What a screen reader hears when the snapshot changes (the result itself is too long to announce). */
function pointStatus(point: PointLookup | null, asking: boolean): string {
  if (asking) return "Asking for the snapshot…";
  if (!point) return "";
  if (point.error) return point.error;
  const s = point.snapshot;
  if (!s) return "This point has not been computed yet.";
  if (computing(s)) return `Computing the repository at ${s.commit.slice(0, 7)}…`;
  return s.status === "succeeded" ? `The repository at ${s.commit.slice(0, 7)} is shown.` : `The snapshot ${s.status}.`;
}

/** What a screen reader hears when the comparison changes. */
function comparisonStatus(comparison: ComparisonView | null, asking: boolean): string {
  if (asking) return "Asking for both snapshots…";
  if (!comparison) return "";
  const error = comparison.from.error ?? comparison.to.error;
  if (error) return error;
  if (comparison.diff) {
    const { added, removed, changed } = comparison.diff.counts;
    return `Compared: ${added} files added, ${removed} removed, ${changed} changed.`;
  }
  return computing(comparison.from.snapshot) || computing(comparison.to.snapshot)
    ? "Computing both points…"
    : "The points have not been computed yet.";
}
