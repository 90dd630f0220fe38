/**
 * `.codevoyage.yml` in an analysed repository: globs that keep paths out of
 * the analysis (`exclude`) or bring vendored/generated paths back into its
 * metrics (`include`). Only these two lists are read, in this YAML subset:
 *
 *     include:
 *       - "third_party/ours/**"
 *     exclude: ["fixtures/**", "**\/*.snap"]
 */
export interface RepoConfig {
  include: RegExp[];
  exclude: RegExp[];
  /** What was wrong with the file, if anything (the analysis goes on without it). */
  problem: string | null;
}

/** The file name looked for at the repository's root. */
export const REPO_CONFIG_FILE = ".codevoyage.yml";

/** No configuration: the default rules alone. */
export const NO_REPO_CONFIG: RepoConfig = { include: [], exclude: [], problem: null };

/** Parses the file's text; never throws (a bad file is reported, not fatal). */
export function parseRepoConfig(text: string): RepoConfig {
  const lists: Record<string, string[]> = { include: [], exclude: [] };
  let current: string | null = null;
  for (const [index, raw] of text.split("\n").entries()) {
    const line = raw.replace(/\s+#.*$/, "").replace(/^#.*$/, "").trimEnd();
    if (!line.trim()) continue;
    const key = /^(\w+):\s*(.*)$/.exec(line);
    if (key) {
      current = key[1] in lists ? key[1] : null;
      if (current && key[2]) {
        const inline = /^\[(.*)\]$/.exec(key[2]);
        if (!inline) return broken(`line ${index + 1}: expected a list after ${key[1]}:`);
        lists[current].push(...inline[1].split(",").map(unquote).filter(Boolean));
      }
      continue;
    }
    const item = /^\s+-\s+(.+)$/.exec(line);
    if (!item) return broken(`line ${index + 1}: expected "- <glob>"`);
    if (current) lists[current].push(unquote(item[1]));
  }
  return { include: lists.include.map(globToRegExp), exclude: lists.exclude.map(globToRegExp), problem: null };
}

function broken(problem: string): RepoConfig {
  return { ...NO_REPO_CONFIG, problem: `${REPO_CONFIG_FILE} ${problem}; it was ignored` };
}

function unquote(value: string): string {
  return value.trim().replace(/^(["'])(.*)\1$/, "$2");
}

/** `**` crosses folders, `*` and `?` do not; a pattern without `/` matches a name at any depth. */
export function globToRegExp(glob: string): RegExp {
  const anchored = glob.includes("/") ? glob.replace(/^\//, "") : `**/${glob}`;
  let source = "";
  for (let i = 0; i < anchored.length; i++) {
    const ch = anchored[i];
    if (ch === "*" && anchored[i + 1] === "*") {
      const slash = anchored[i + 2] === "/";
      source += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (ch === "*") source += "[^/]*";
    else if (ch === "?") source += "[^/]";
    else source += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}(?:/.*)?$`);
}

/** True when `path` matches one of the globs. */
export function matchesAny(path: string, globs: RegExp[]): boolean {
  return globs.some((glob) => glob.test(path));
}
