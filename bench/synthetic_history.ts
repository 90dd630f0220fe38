/**
 * A synthetic git history for the history benchmarks (issue #4): 50,000
 * commits by a few hundred people (some under two e-mail addresses, some
 * bots), with renames, deletions and merged side branches, written through
 * one `git fast-import` stream. Built once and cached outside the checkout.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { gitIn } from "./bench_git.ts";
import { cacheDir } from "./project.ts";
import { int, pick, type Rng, seeded, word } from "./synthetic_text.ts";

/** Bump when the generator changes, so a stale cached repository is rebuilt. */
const VERSION = "history-v1";
const COMMITS = 50_000;
const PEOPLE = 400;
const START = Date.UTC(2016, 0, 1) / 1000;

/** The cached history and what it holds. */
export interface SyntheticHistory {
  dir: string;
  commits: number;
  merges: number;
  renames: number;
  /** How long building took, or null when it came from the cache. */
  buildMs: number | null;
}

interface Person {
  name: string;
  emails: string[];
}

/** Returns the cached history repository, building it first when missing or stale. */
export async function syntheticHistory(log: (line: string) => void): Promise<SyntheticHistory> {
  const target = path.join(cacheDir(), VERSION);
  const stamp = `${target}.json`;
  const cached = await fs.readFile(stamp, "utf8").then((t) => JSON.parse(t) as SyntheticHistory, () => null);
  if (cached && await fs.stat(path.join(target, "HEAD")).then(() => true, () => false)) {
    return { ...cached, dir: target, buildMs: null };
  }
  log(`building the synthetic history in ${target} (${COMMITS} commits; once, cached for later runs)`);
  const started = performance.now();
  const partial = `${target}.partial-${Deno.pid}`;
  await fs.rm(partial, { recursive: true, force: true });
  await fs.mkdir(partial, { recursive: true });
  await gitIn(partial, ["init", "--bare", "--quiet", "--initial-branch=main"]);
  const counts = await importHistory(partial);
  await gitIn(partial, ["repack", "-a", "-d", "--quiet"]);
  await fs.rm(target, { recursive: true, force: true });
  await fs.rename(partial, target);
  const history: SyntheticHistory = { dir: target, ...counts, buildMs: Math.round(performance.now() - started) };
  await fs.writeFile(stamp, JSON.stringify(history));
  return history;
}

function people(r: Rng): Person[] {
  const list: Person[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const name = `${capitalised(word(r))} ${capitalised(word(r))}${i}`;
    const email = `${name.toLowerCase().replace(/ /g, ".")}@example.com`;
    // One in ten also commits from a personal address.
    list.push({ name, emails: i % 10 === 0 ? [email, `${name.split(" ")[1].toLowerCase()}@home.example`] : [email] });
  }
  list.push({ name: "dependabot[bot]", emails: ["49699333+dependabot[bot]@users.noreply.github.com"] });
  list.push({ name: "renovate[bot]", emails: ["bot@renovateapp.com"] });
  return list;
}

function capitalised(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}

/** Writes the fast-import stream as it is generated: memory holds the current files, not the history. */
async function importHistory(gitDir: string): Promise<{ commits: number; merges: number; renames: number }> {
  const child = new Deno.Command("git", {
    args: ["fast-import", "--quiet", "--done"],
    cwd: gitDir,
    env: { GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" },
    stdin: "piped",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  const encoder = new TextEncoder();
  let buffer = "";
  const emit = async (text: string) => {
    buffer += text;
    if (buffer.length > 1 << 20) {
      await writer.write(encoder.encode(buffer));
      buffer = "";
    }
  };
  const data = (text: string) => `data ${encoder.encode(text).length}\n${text}\n`;

  const r = seeded(50_000);
  const team = people(r);
  // Zipf-like: a few people write most commits.
  const author = () => team[Math.min(team.length - 1, Math.floor(team.length * Math.pow(r(), 2.2)))];
  const files = new Map<string, string[]>();
  const paths: string[] = [];
  const newPath = () => {
    const area = pick(r, ["api", "core", "web", "jobs", "db", "auth", "billing", "search"]);
    const ext = pick(r, [".ts", ".ts", ".py", ".go", ".java", ".md"]);
    return `src/${area}/${word(r)}/${word(r)}_${paths.length}${ext}`;
  };
  const lines = (n: number) => Array.from({ length: n }, () => `${word(r)} ${word(r)} ${int(r, 0, 9999)}`);
  let time = START;
  let mark = 0;
  let mainTip = 0;
  let commits = 0;
  let merges = 0;
  let renames = 0;

  // Files changed on the side branch: its merge brings their content to main.
  const sideTouched = new Set<string>();
  const commit = async (ref: string, from: number, mergeFrom: number | null, message: string) => {
    const side = ref === "refs/heads/side";
    const person = author();
    const email = pick(r, person.emails);
    time += int(r, 60, 6000);
    const stamp = `${person.name} <${email}> ${time} +0000`;
    let body = `commit ${ref}\nmark :${++mark}\nauthor ${stamp}\ncommitter ${stamp}\n${data(message)}`;
    if (from) body += `from :${from}\n`;
    if (mergeFrom) body += `merge :${mergeFrom}\n`;
    if (mergeFrom) {
      for (const file of sideTouched) {
        if (files.has(file)) body += `M 100644 inline ${file}\n${data(files.get(file)!.join("\n"))}`;
      }
      sideTouched.clear();
      await emit(body);
      commits++;
      return mark;
    }
    const changes = paths.length < 30 ? 5 : int(r, 1, r() < 0.02 ? 40 : 4);
    for (let i = 0; i < changes; i++) {
      // The side branch only edits: its files all exist on main too.
      const roll = side ? 1 : r();
      if (paths.length < 3000 && (paths.length < 30 || roll < 0.15)) {
        const file = newPath();
        paths.push(file);
        files.set(file, lines(int(r, 10, 40)));
        body += `M 100644 inline ${file}\n${data(files.get(file)!.join("\n"))}`;
      } else if (roll < 0.17 && paths.length > 100) {
        // A rename, sometimes with an edit in the same commit.
        const index = int(r, 0, paths.length - 1);
        const old = paths[index];
        const moved = newPath().replace(/_\d+(\.\w+)$/, `_${index}r$1`);
        body += `R ${old} ${moved}\n`;
        paths[index] = moved;
        files.set(moved, files.get(old)!);
        files.delete(old);
        renames++;
      } else if (roll < 0.18 && paths.length > 100) {
        const index = int(r, 0, paths.length - 1);
        body += `D ${paths[index]}\n`;
        files.delete(paths[index]);
        paths.splice(index, 1);
      } else {
        const file = pick(r, paths);
        const content = files.get(file)!;
        for (let k = int(r, 1, 4); k > 0; k--) content[int(r, 0, content.length - 1)] = lines(1)[0];
        if (r() < 0.5) content.push(...lines(int(r, 1, 6)));
        if (side) sideTouched.add(file);
        body += `M 100644 inline ${file}\n${data(content.join("\n"))}`;
      }
    }
    await emit(body);
    commits++;
    return mark;
  };

  while (commits < COMMITS) {
    if (commits > 0 && commits % 100 === 0) {
      // A side branch of three commits, merged back.
      let side = mainTip;
      for (let i = 0; i < 3; i++) side = await commit("refs/heads/side", side, null, `Side work ${commits}`);
      mainTip = await commit("refs/heads/main", mainTip, side, `Merge branch 'side' (${commits})`);
      merges++;
      continue;
    }
    mainTip = await commit("refs/heads/main", mainTip, null, `Change ${word(r)} ${word(r)} (${commits})`);
  }
  await emit("done\n");
  await writer.write(encoder.encode(buffer));
  await writer.close();
  const { code, stderr } = await child.output();
  if (code !== 0) throw new Error(`git fast-import failed: ${new TextDecoder().decode(stderr)}`);
  return { commits, merges, renames };
}
