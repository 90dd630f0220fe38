/**
 * Who knows which file, and the truck factor: how many people would have to
 * leave before most of the code has nobody left who knows it.
 *
 * Knowledge is measured by authorship: the lines each author added to each
 * file, from the history. The truck factor follows the greedy algorithm of
 * Avelino et al., "A novel approach for estimating truck factors" (ICPC 2016).
 *
 * @module
 */

/** Lines each author added to each file (only files that exist now), from the history. */
export interface Authorship {
  path: string;
  /** A canonical identity id (see IdentityResolver.canonical). */
  authorId: number;
  /** Lines this author added to this file, over all their commits. */
  added: number;
  /** Commits of this author that changed this file. */
  commits: number;
}

/** Who owns and who knows one file. */
export interface FileOwnership {
  path: string;
  /** The author with the most added lines, then the most commits, then the lowest id. */
  mainAuthorId: number;
  /** The main author's share of the file's added lines (of its commits when no change added a line), 0–1. */
  mainShare: number;
  /** How many authors changed the file. */
  authors: number;
  /** Authors with at least 20% of the file's added lines, main author first, then by the same ranking. Never empty. */
  knowers: number[];
}

/** An author knows a file from 1 / KNOWER_DIVISOR (20%) of its added lines, inclusive; integers keep exactly 20% exact. */
const KNOWER_DIVISOR = 5;

interface Contribution {
  authorId: number;
  added: number;
  commits: number;
}

/**
 * Per file: the main author (most added lines, then most commits, then lowest id), their share of added lines (0–1), the number of authors, and who "knows" the file: authors with at least 20% of its added lines (always at least the main author). A file whose every change added 0 lines uses commits instead of lines.
 *
 * Several rows for the same (path, author) are summed. A file whose rows also
 * count no commit weighs every author equally. Files come out sorted by path.
 */
export function ownership(rows: Authorship[]): FileOwnership[] {
  const byPath = new Map<string, Map<number, Contribution>>();
  for (const row of rows) {
    if (!(row.added >= 0) || !(row.commits >= 0)) {
      throw new RangeError(`negative or invalid counts for ${row.path} by author ${row.authorId}`);
    }
    let authors = byPath.get(row.path);
    if (authors === undefined) {
      authors = new Map();
      byPath.set(row.path, authors);
    }
    const seen = authors.get(row.authorId);
    if (seen === undefined) {
      authors.set(row.authorId, { authorId: row.authorId, added: row.added, commits: row.commits });
    } else {
      seen.added += row.added;
      seen.commits += row.commits;
    }
  }

  const files: FileOwnership[] = [];
  for (const [path, authors] of byPath) {
    const contributions = [...authors.values()].sort((a, b) =>
      b.added - a.added || b.commits - a.commits || a.authorId - b.authorId
    );
    const totalAdded = sum(contributions, (c) => c.added);
    const totalCommits = sum(contributions, (c) => c.commits);
    const weight = totalAdded > 0
      ? (c: Contribution) => c.added
      : totalCommits > 0
      ? (c: Contribution) => c.commits
      : () => 1;
    const total = sum(contributions, weight);
    const main = contributions[0];
    // Ranked by lines then commits: when lines are all 0 this is the ranking by commits too.
    const knowers = contributions.filter((c) => c === main || weight(c) * KNOWER_DIVISOR >= total);
    files.push({
      path,
      mainAuthorId: main.authorId,
      mainShare: weight(main) / total,
      authors: contributions.length,
      knowers: knowers.map((c) => c.authorId),
    });
  }
  return files.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

function sum<T>(items: T[], value: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += value(item);
  return total;
}

/**
 * The truck factor of a set of files: the fewest authors whose leaving would leave more than half of the files with nobody who knows them. Greedy as in Avelino et al. (2016): repeatedly remove the author who knows the most still-covered files (ties: lowest id) until more than 50% of files are uncovered; the number removed is the truck factor. Returns 0 for no files. Also returns the removed authors in order.
 *
 * Authors in `excludeAuthorIds` (bots, typically) never count as knowers: a
 * file known only by them is uncovered from the start, so when such files are
 * already more than half, the truck factor is 0.
 */
export function truckFactor(
  files: FileOwnership[],
  options: { excludeAuthorIds?: Set<number> } = {},
): { value: number; authors: number[] } {
  const excluded = options.excludeAuthorIds ?? new Set<number>();
  const knownBy = new Map<number, number[]>(); // author → indexes of the files they know
  const remaining: number[] = []; // per file: knowers not yet removed
  let uncovered = 0;
  files.forEach((file, index) => {
    const knowers = new Set(file.knowers.filter((id) => !excluded.has(id)));
    remaining.push(knowers.size);
    if (knowers.size === 0) uncovered++;
    for (const id of knowers) {
      const known = knownBy.get(id);
      if (known === undefined) knownBy.set(id, [index]);
      else known.push(index);
    }
  });

  // Every file an author still present knows is covered (by them at least), and
  // removing others never changes that: so "the most still-covered files" is just
  // the most files known, and the greedy order can be fixed up front.
  const order = [...knownBy.entries()].sort((a, b) => b[1].length - a[1].length || a[0] - b[0]);
  const removed: number[] = [];
  for (const [authorId, known] of order) {
    if (uncovered * 2 > files.length) break;
    removed.push(authorId);
    for (const index of known) if (--remaining[index] === 0) uncovered++;
  }
  return { value: removed.length, authors: removed };
}
