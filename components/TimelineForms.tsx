import { shortSha } from "./TimelineSnapshot.tsx";
import { HiddenFields } from "./HiddenFields.tsx";

/** A commit the scrubber offers or picked. */
export interface CommitChoice {
  sha: string;
  committedAt: string;
  subject: string;
}

/** A field for a point of the history (a commit id or a date), suggesting the recent commits. */
function PointInput({ name, id, value, invalid, describedBy, onInput }: {
  name: string;
  id: string;
  value: string;
  invalid: boolean;
  describedBy?: string;
  onInput: (value: string) => void;
}) {
  return (
    <input
      id={id}
      name={name}
      type="text"
      required
      maxLength={100}
      list="tl-commits"
      autocomplete="off"
      spellcheck={false}
      value={value}
      aria-invalid={invalid ? "true" : undefined}
      aria-describedby={describedBy}
      onInput={(e) => onInput(e.currentTarget.value)}
    />
  );
}

/** Props of {@link TimelinePointForm}. */
export interface TimelinePointFormProps {
  action: string;
  keep: Record<string, string>;
  /** The Mondays the slider runs over, and the chosen one's index. */
  weeks: string[];
  week: number;
  /** The commit the slider's week picked (null: none by then; undefined: not looked up). */
  picked: CommitChoice | null | undefined;
  at: string;
  invalid: boolean;
  /** The slider needs JavaScript: disabled until the island runs. */
  live: boolean;
  busy: boolean;
  onWeek: (week: number) => void;
  onAt: (value: string) => void;
  onSubmit: (event: SubmitEvent) => void;
}

/**
 * Chooses a point: a week on a slider, or a commit id or date typed (or picked
 * from the list of recent commits). A plain GET form (`?at=`) without JavaScript.
 */
export function TimelinePointForm(props: TimelinePointFormProps) {
  const { weeks, week, picked } = props;
  return (
    <form method="get" action={props.action} class="tl-form" onSubmit={props.onSubmit}>
      <HiddenFields fields={props.keep} />
      <div class="field tl-week">
        <label for="tl-week">Week</label>
        <input
          type="range"
          id="tl-week"
          min={0}
          max={Math.max(0, weeks.length - 1)}
          step={1}
          value={week}
          disabled={!props.live || weeks.length < 2}
          aria-valuetext={`Week of ${weeks[week] ?? ""}`}
          onInput={(e) => props.onWeek(Number(e.currentTarget.value))}
        />
        <output for="tl-week" class="tl-week-value">
          Week of {weeks[week]} {picked && (
            <span class="muted">
              · <code>{shortSha(picked.sha)}</code> {picked.subject}
            </span>
          )}
          {picked === null && <span class="muted">· no commit by then</span>}
        </output>
      </div>
      <div class="field grow">
        <label for="tl-at">Commit or date</label>
        <PointInput
          id="tl-at"
          name="at"
          value={props.at}
          invalid={props.invalid}
          describedBy="tl-at-hint"
          onInput={props.onAt}
        />
        <p id="tl-at-hint" class="hint">A commit id (7 characters or more) or a date, YYYY-MM-DD.</p>
      </div>
      <button type="submit" class="button primary" disabled={props.busy}>Show</button>
    </form>
  );
}

/** Props of {@link TimelineCompareForm}. */
export interface TimelineCompareFormProps {
  action: string;
  keep: Record<string, string>;
  from: string;
  to: string;
  invalid: { from: boolean; to: boolean };
  busy: boolean;
  onChange: (field: "from" | "to", value: string) => void;
  onSubmit: (event: SubmitEvent) => void;
}

/** Chooses two points to compare: a plain GET form (`?from=&to=`) without JavaScript. */
export function TimelineCompareForm(props: TimelineCompareFormProps) {
  return (
    <form method="get" action={props.action} class="tl-form" onSubmit={props.onSubmit}>
      <HiddenFields fields={props.keep} />
      {(["from", "to"] as const).map((name) => (
        <div class="field grow" key={name}>
          <label for={`tl-${name}`}>{name === "from" ? "From" : "To"} (commit or date)</label>
          <PointInput
            id={`tl-${name}`}
            name={name}
            value={props[name]}
            invalid={props.invalid[name]}
            onInput={(value) => props.onChange(name, value)}
          />
        </div>
      ))}
      <button type="submit" class="button primary" disabled={props.busy}>Compare</button>
    </form>
  );
}

/** Recent commits as suggestions for every point field (filled by the island; empty without JavaScript). */
export function TimelineCommitList({ commits }: { commits: CommitChoice[] }) {
  return (
    <datalist id="tl-commits">
      {commits.map((c) => (
        <option key={c.sha} value={c.sha.slice(0, 12)}>
          {c.committedAt.slice(0, 10)} · {c.subject}
        </option>
      ))}
    </datalist>
  );
}
