/**
 * Merges the author (name, email) pairs of a history into people, as the
 * commits stream by.
 *
 * Git has already applied the repository's .mailmap before a pair gets here
 * (see {@link ./git_log.ts}); these rules catch what the .mailmap missed.
 * Two pairs are the same person when:
 *
 * - (a) their emails are equal, case-insensitively, after trimming. GitHub's
 *   noreply addresses `12345+login@users.noreply.github.com` and
 *   `login@users.noreply.github.com` count as one address, keyed on the login
 *   (case-insensitively). Addresses that many unrelated people share never
 *   merge anything: an empty address or one without "@", placeholders such as
 *   `you@example.com`, `noreply@github.com`, and machine defaults
 *   (`…@localhost`, `….(none)`).
 * - (b) their normalised names are equal: lower-cased, accents stripped (NFKD,
 *   then combining marks removed), dots, underscores and hyphens read as
 *   spaces, whitespace collapsed. Only for names of at least two words (a
 *   single word such as "admin" or "ubuntu" is too generic), never for the
 *   generic names (root, admin, administrator, ubuntu, user, unknown, "your
 *   name", git, github, "gitlab ci", jenkins), and
 *   never for bots.
 *
 * Merging is transitive (union-find): A~B by email and B~C by name make A, B
 * and C one person, even when C was seen before B. A bot ({@link isBot}) never
 * merges with a human: bots merge only with bots, and only by email.
 *
 * An identity shows the name and the email it was resolved with most often
 * (each counted separately, over every call to
 * {@link IdentityResolver.resolve}); ties go to the one seen first. Its id is
 * the lowest id among the identities merged into it.
 *
 * @module
 */

/** A person as the history shows them, after merging aliases. */
export interface Identity {
  /** Stable once final: the lowest id handed out to any of the merged pairs. */
  id: number;
  /** The most frequent name among the merged pairs (ties: first seen). */
  name: string;
  /** The most frequent email among the merged pairs (ties: first seen). */
  email: string;
  /** Whether this is an automated account (see {@link isBot}). */
  isBot: boolean;
}

/** Names that many unrelated people use (unconfigured machines, CI): never merged on. Normalised form. */
const GENERIC_NAMES: ReadonlySet<string> = new Set([
  "root",
  "admin",
  "administrator",
  "ubuntu",
  "user",
  "unknown",
  "your name",
  "git",
  "github",
  "gitlab ci",
  "jenkins",
]);

/** Addresses shared by unrelated people or tools: never merged on. Lower-case. */
const SHARED_EMAILS: ReadonlySet<string> = new Set([
  "noreply@github.com",
  "action@github.com",
  "you@example.com",
  "your@email.com",
  "your.email@example.com",
  "your_email@example.com",
  "email@example.com",
  "user@example.com",
]);

/** Logins and names of well-known bots, lower-case, whitespace collapsed. */
const BOT_NAMES: ReadonlySet<string> = new Set([
  "dependabot",
  "dependabot-preview",
  "renovate",
  "renovate-bot",
  "greenkeeper",
  "snyk-bot",
  "github-actions",
  "imgbot",
  "pre-commit-ci",
  "mergify",
  "allcontributors",
  "all-contributors",
  "semantic-release-bot",
  "codecov",
  "travis-ci",
  "circleci",
  "gitlab ci",
  "jenkins",
  "ci bot",
  "build bot",
]);

/** Bot-like words in a name: with `noreply@github.com`, such a name is a bot. */
const BOT_LIKE_WORD = /(?:^|[\s._-])(?:bot|bots|actions?|ci|automation|github)(?:$|[\s._-])/;

/** A name or login ending like `foo-bot`, `foo_bot`, `foo bot` or `foo[bot]`. */
const BOT_SUFFIX = /(?:\[bot\]|.[-_ ]bot)$/;

const NOREPLY = /^(?:\d+\+)?([^@+]+)@users\.noreply\.github\.com$/;

/** The GitHub login of a noreply address, lower-case, else null. */
function noreplyLogin(email: string): string | null {
  return NOREPLY.exec(email)?.[1] ?? null;
}

/**
 * Whether (name, email) is an automated account, case-insensitively: a name
 * or email login ending in `[bot]`, `-bot`, `_bot` or ` bot`; a name or GitHub
 * login that is a well-known bot (dependabot, renovate, github-actions,
 * jenkins, …); `bot@renovateapp.com`, any `@dependabot.com` address, GitHub
 * Actions' `action@github.com`; or `noreply@github.com` with a bot-like name
 * (one containing the word bot, action(s), ci, automation or github).
 */
export function isBot(name: string, email: string): boolean {
  const n = name.trim().toLowerCase().replace(/\s+/g, " ");
  const e = email.trim().toLowerCase();
  const at = e.lastIndexOf("@");
  const local = at < 0 ? e : e.slice(0, at);
  const domain = at < 0 ? "" : e.slice(at + 1);
  const login = noreplyLogin(e);

  if (BOT_SUFFIX.test(n) || BOT_SUFFIX.test(local) || (login !== null && BOT_SUFFIX.test(login))) return true;
  if (BOT_NAMES.has(n) || (login !== null && BOT_NAMES.has(login))) return true;
  if (e === "bot@renovateapp.com" || e === "action@github.com" || domain === "dependabot.com") return true;
  return e === "noreply@github.com" && BOT_LIKE_WORD.test(n);
}

/** The normalised form of a name (see the module documentation). */
function normaliseName(name: string): string {
  return name.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[._-]/g, " ").replace(/\s+/g, " ")
    .trim();
}

/** The key two pairs must share to merge by email, or null when this email merges nothing. */
function emailKey(email: string): string | null {
  const e = email.trim().toLowerCase();
  const login = noreplyLogin(e);
  if (login !== null) return `github:${login}`;
  if (!e.includes("@") || SHARED_EMAILS.has(e)) return null;
  if (e.endsWith("@localhost") || e.endsWith("@localhost.localdomain") || e.endsWith(".(none)")) return null;
  return `email:${e}`;
}

/** The key two human pairs must share to merge by name, or null when this name is too generic. */
function nameKey(name: string): string | null {
  const n = normaliseName(name);
  if (!n.includes(" ") || GENERIC_NAMES.has(n)) return null;
  return `name:${n}`;
}

/** How often one name (or email) was seen in a set, and when first. */
interface Tally {
  count: number;
  /** The resolve() call that first saw it: lower is earlier. */
  first: number;
}

/** What a set of merged pairs knows about itself; kept on the set's root only. */
interface Group {
  size: number;
  minId: number;
  isBot: boolean;
  names: Map<string, Tally>;
  emails: Map<string, Tally>;
  bestName: string;
  bestEmail: string;
}

/** Whether tally `a` beats tally `b`: more frequent, then seen earlier. */
function beats(a: Tally, b: Tally): boolean {
  return a.count > b.count || (a.count === b.count && a.first < b.first);
}

/** Merges the (name, email) pairs of a history into people, as commits stream by. */
export class IdentityResolver {
  /** Union-find parent of each id. */
  #parent: number[] = [];
  /** Per root id: its group. */
  #groups = new Map<number, Group>();
  /** Exact (name, email) pair → an id in its set: the fast path for a pair seen before. */
  #pairs = new Map<string, number>();
  /** Email or name key → an id in the set that has it. */
  #keys = new Map<string, number>();
  #calls = 0;

  /** The identity of this author (creating it on first sight). O(1) amortised; called once per commit. */
  resolve(name: string, email: string): Identity {
    const displayName = name.trim();
    const displayEmail = email.trim();
    const call = this.#calls++;
    const pair = `${displayName}\n${displayEmail}`;
    const known = this.#pairs.get(pair);
    if (known !== undefined) {
      const root = this.#find(known);
      this.#tally(root, displayName, displayEmail, call);
      return this.#identity(root);
    }

    const bot = isBot(displayName, displayEmail);
    const keys: string[] = [];
    const byEmail = emailKey(displayEmail);
    // Bots and humans get separate key spaces, so no key ever joins one to the other.
    if (byEmail !== null) keys.push(`${bot ? "bot" : "human"}:${byEmail}`);
    const byName = bot ? null : nameKey(displayName);
    if (byName !== null) keys.push(byName);

    let root = -1;
    for (const key of keys) {
      const id = this.#keys.get(key);
      if (id === undefined) continue;
      root = root < 0 ? this.#find(id) : this.#union(root, id);
    }
    if (root < 0) root = this.#create(bot);
    for (const key of keys) if (!this.#keys.has(key)) this.#keys.set(key, root);
    this.#pairs.set(pair, root);
    this.#tally(root, displayName, displayEmail, call);
    return this.#identity(root);
  }

  /** Every identity, final (after all merges), in id order. */
  identities(): Identity[] {
    const result: Identity[] = [];
    for (let id = 0; id < this.#parent.length; id++) {
      const root = this.#find(id);
      if (this.#groups.get(root)!.minId === id) result.push(this.#identity(root));
    }
    return result;
  }

  /** The final identity id for an id handed out earlier (ids can merge later: union-find). */
  canonical(id: number): number {
    if (!Number.isSafeInteger(id) || id < 0 || id >= this.#parent.length) {
      throw new RangeError(`no identity has id ${id}`);
    }
    return this.#groups.get(this.#find(id))!.minId;
  }

  #create(bot: boolean): number {
    const id = this.#parent.length;
    this.#parent.push(id);
    this.#groups.set(id, {
      size: 1,
      minId: id,
      isBot: bot,
      names: new Map(),
      emails: new Map(),
      bestName: "",
      bestEmail: "",
    });
    return id;
  }

  #find(id: number): number {
    let root = id;
    while (this.#parent[root] !== root) root = this.#parent[root];
    while (this.#parent[id] !== root) {
      const next = this.#parent[id];
      this.#parent[id] = root;
      id = next;
    }
    return root;
  }

  /** Joins the set of root `a` with the set of `b`; returns the new root. Union by size. */
  #union(a: number, b: number): number {
    let big = this.#find(a);
    let small = this.#find(b);
    if (big === small) return big;
    let into = this.#groups.get(big)!;
    let from = this.#groups.get(small)!;
    if (into.size < from.size) {
      [big, small] = [small, big];
      [into, from] = [from, into];
    }
    this.#parent[small] = big;
    this.#groups.delete(small);
    into.size += from.size;
    into.minId = Math.min(into.minId, from.minId);
    [into.names, into.bestName] = mergeTallies(into.names, into.bestName, from.names, from.bestName);
    [into.emails, into.bestEmail] = mergeTallies(into.emails, into.bestEmail, from.emails, from.bestEmail);
    return big;
  }

  #tally(root: number, name: string, email: string, call: number): void {
    const group = this.#groups.get(root)!;
    group.bestName = count(group.names, group.bestName, name, call);
    group.bestEmail = count(group.emails, group.bestEmail, email, call);
  }

  #identity(root: number): Identity {
    const group = this.#groups.get(root)!;
    return { id: group.minId, name: group.bestName, email: group.bestEmail, isBot: group.isBot };
  }
}

/** Counts one more sighting of `value`; returns the new best of `tallies`. */
function count(tallies: Map<string, Tally>, best: string, value: string, call: number): string {
  let tally = tallies.get(value);
  if (tally === undefined) {
    tally = { count: 0, first: call };
    tallies.set(value, tally);
  }
  tally.count++;
  const current = tallies.get(best);
  return current === undefined || beats(tally, current) ? value : best;
}

/**
 * Merges two sets of tallies, whose bests were `aBest` and `bBest`, into the
 * larger map (small into large keeps merging amortised). Returns that map and
 * its new best: only the entries that changed, and the larger map's old best,
 * can be it.
 */
function mergeTallies(
  a: Map<string, Tally>,
  aBest: string,
  b: Map<string, Tally>,
  bBest: string,
): [Map<string, Tally>, string] {
  const [into, best, from] = a.size >= b.size ? [a, aBest, b] : [b, bBest, a];
  let winner = best;
  for (const [value, tally] of from) {
    let mine = into.get(value);
    if (mine === undefined) {
      mine = { ...tally };
      into.set(value, mine);
    } else {
      mine.count += tally.count;
      mine.first = Math.min(mine.first, tally.first);
    }
    const current = into.get(winner);
    if (current === undefined || beats(mine, current)) winner = value;
  }
  return [into, winner];
}
