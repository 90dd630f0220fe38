import type { GraphOptions } from "../lib/views/graph.ts";

/** Props of {@link GraphControls}. */
export interface GraphControlsProps {
  analysisId: string;
  options: GraphOptions;
  /** Directories to suggest for the filter. */
  directories: string[];
}

const DEPTHS = [1, 2, 3, 4, 5, 6, 7, 8];

/** The graph's level toggle, directory depth and directory filter: a plain GET form, with or without JavaScript. */
export function GraphControls({ analysisId, options, directories }: GraphControlsProps) {
  return (
    <form class="graph-controls panel" method="get" action={`/analyses/${analysisId}/graph`}>
      <fieldset class="graph-level">
        <legend>Show</legend>
        <label>
          <input type="radio" name="level" value="file" checked={options.level === "file"} /> Files
        </label>
        <label>
          <input type="radio" name="level" value="dir" checked={options.level === "dir"} /> Directories
        </label>
      </fieldset>
      <div class="field">
        <label for="graph-depth">Directory depth</label>
        <select id="graph-depth" name="depth" title="How many levels of directories below the filter are drawn">
          {DEPTHS.map((d) => <option key={d} value={d} selected={d === options.depth}>{d}</option>)}
        </select>
      </div>
      <div class="field grow">
        <label for="graph-dir">Only under directory</label>
        <input
          id="graph-dir"
          type="text"
          name="dir"
          value={options.dir}
          list="graph-dirs"
          placeholder="e.g. src/lib (empty: everything)"
          autocomplete="off"
          spellcheck={false}
        />
        <datalist id="graph-dirs">
          {directories.map((d) => <option key={d} value={d} />)}
        </datalist>
      </div>
      <div class="graph-actions">
        <button type="submit" class="button primary">Apply</button>
        <a class="button" href={`/analyses/${analysisId}/graph`}>Reset</a>
      </div>
    </form>
  );
}
