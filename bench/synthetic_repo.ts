/**
 * A synthetic git repository of ~20,000 files / ~80 MB in TypeScript, Python,
 * Go, Java, Markdown and JSON, with tests, a few large files and a committed
 * node_modules/. Built once and cached outside the checkout under VERSION.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { gitIn } from "./bench_git.ts";
import { cacheDir } from "./project.ts";
import { go, java, python, type SourceKind, typescript } from "./synthetic_code.ts";
import { generateFile, json, markdown, minifiedJs, packageJson, vendoredJs } from "./synthetic_docs.ts";
import { type Rng, seeded, word } from "./synthetic_text.ts";

/** Bump when the generators change, so a stale cached repository is rebuilt. */
const VERSION = "synthetic-v2";
const SMALL_FILES_BYTES = 67_000_000;
const VENDORED_PACKAGES = 300;

/** The cached repository and what it holds. */
export interface SyntheticRepo {
  dir: string;
  files: number;
  bytes: number;
  /** How long building took, or null when it came from the cache. */
  buildMs: number | null;
}

interface Group {
  count: number;
  kind: SourceKind;
  weight: number;
  path: (i: number, r: Rng) => string;
}

const dir = (prefix: string, i: number) => `${prefix}/${word(seeded(Math.floor(i / 40) + 1))}_${Math.floor(i / 40)}`;
const GROUPS: Group[] = [
  {
    count: 4800,
    kind: typescript,
    weight: 1,
    path: (i, r) => `${dir(`packages/p${i % 24}/src`, i)}/${word(r)}_${i}.ts`,
  },
  {
    count: 1200,
    kind: typescript,
    weight: 0.8,
    path: (i, r) => `${dir("packages/web/src", i)}/${word(r)}_${i}.test.ts`,
  },
  { count: 2700, kind: python, weight: 1, path: (i, r) => `${dir(`services/s${i % 9}`, i)}/${word(r)}_${i}.py` },
  { count: 700, kind: python, weight: 0.8, path: (i, r) => `${dir("services/tests", i)}/test_${word(r)}_${i}.py` },
  { count: 2400, kind: go, weight: 1.1, path: (i, r) => `${dir("internal", i)}/${word(r)}_${i}.go` },
  { count: 600, kind: go, weight: 0.9, path: (i, r) => `${dir("internal", i)}/${word(r)}_${i}_test.go` },
  {
    count: 2100,
    kind: java,
    weight: 1.3,
    path: (i, r) => `${dir("java/src/main/java/com/example", i)}/C${i}${word(r)}.java`,
  },
  { count: 500, kind: java, weight: 1, path: (i) => `${dir("java/src/test/java/com/example", i)}/C${i}Test.java` },
  { count: 1500, kind: markdown, weight: 0.9, path: (i, r) => `${dir("docs", i)}/${word(r)}_${i}.md` },
  { count: 1500, kind: json, weight: 0.5, path: (i, r) => `${dir("config", i)}/${word(r)}_${i}.json` },
  {
    count: 1700,
    kind: vendoredJs,
    weight: 0.7,
    path: (i, r) => `node_modules/dep${i % VENDORED_PACKAGES}/lib/${word(r)}_${i}.js`,
  },
];

const LARGE: [string, SourceKind, number][] = [
  ["data/fixtures/geo_export.json", json, 3_200_000], // over the analysis's 1 MiB limit: listed, not read
  ["node_modules/bigdep/dist/bigdep.min.js", minifiedJs, 1_600_000],
  ["packages/core/src/generated/api_schema.ts", typescript, 900_000],
  ["docs/CHANGELOG.md", markdown, 700_000],
  ["services/ml/vocabulary_table.py", python, 600_000],
];

/** Returns the cached repository, building it first when missing or stale. */
export async function syntheticRepo(log: (line: string) => void): Promise<SyntheticRepo> {
  const target = path.join(cacheDir(), VERSION);
  const stamp = `${target}.json`;
  const cached = await fs.readFile(stamp, "utf8").then((t) => JSON.parse(t) as SyntheticRepo, () => null);
  if (cached && await fs.stat(path.join(target, ".git")).then(() => true, () => false)) {
    return { ...cached, dir: target, buildMs: null };
  }
  log(`building the synthetic repository in ${target} (once; cached for later runs)`);
  const started = performance.now();
  // An interrupted earlier build leaves its partial folder: 200 MB each.
  for await (const entry of await fs.opendir(cacheDir()).catch(() => [])) {
    if (entry.name.startsWith(`${VERSION}.partial-`)) {
      await fs.rm(path.join(cacheDir(), entry.name), { recursive: true });
    }
  }
  const partial = `${target}.partial-${Deno.pid}`;
  const { files, bytes } = await writeTree(partial);
  await gitIn(partial, ["init", "--quiet", "--initial-branch=main"]);
  await gitIn(partial, ["add", "--all", "--force"]);
  await gitIn(partial, ["commit", "--quiet", "--no-verify", "-m", "Synthetic benchmark repository"]);
  // Real hosts serve packed repositories: without this every clone would pay
  // for compressing 20,000 loose objects, which is not what users see.
  await gitIn(partial, ["repack", "-a", "-d", "--quiet"]);
  await fs.rm(target, { recursive: true, force: true });
  await fs.rename(partial, target);
  const repo: SyntheticRepo = { dir: target, files, bytes, buildMs: Math.round(performance.now() - started) };
  await fs.writeFile(stamp, JSON.stringify(repo));
  return repo;
}

async function writeTree(root: string): Promise<{ files: number; bytes: number }> {
  const plan = planFiles();
  const made = new Set<string>();
  const encoder = new TextEncoder();
  let bytes = 0;
  for (const [index, [relative, make]] of plan.entries()) {
    const file = path.join(root, relative);
    const folder = path.dirname(file);
    if (!made.has(folder)) {
      await fs.mkdir(folder, { recursive: true });
      made.add(folder);
    }
    const data = encoder.encode(make(seeded(index + 1)));
    bytes += data.length;
    await Deno.writeFile(file, data);
  }
  return { files: plan.length, bytes };
}

/** Every file as [path, content maker], sizes drawn log-normally then scaled to the byte budget. */
function planFiles(): [string, (r: Rng) => string][] {
  const r = seeded(20_000);
  const drafts: { path: string; kind: SourceKind; size: number }[] = [];
  for (const group of GROUPS) {
    for (let i = 0; i < group.count; i++) {
      drafts.push({ path: group.path(i, r), kind: group.kind, size: group.weight * Math.exp(0.9 * gaussian(r)) });
    }
  }
  const scale = SMALL_FILES_BYTES / drafts.reduce((sum, d) => sum + d.size, 0);
  const plan: [string, (r: Rng) => string][] = drafts.map((d) => {
    const bytes = Math.min(150_000, Math.max(200, d.size * scale));
    return [d.path, (r) => generateFile(d.kind, r, bytes)];
  });
  for (let p = 0; p < VENDORED_PACKAGES; p++) {
    plan.push([`node_modules/dep${p}/package.json`, (r) => packageJson(r, `dep${p}`)]);
  }
  for (const [file, kind, bytes] of LARGE) plan.push([file, (r) => generateFile(kind, r, bytes)]);
  plan.push(["README.md", (r) => generateFile(markdown, r, 4000)]);
  plan.push([".gitignore", () => "coverage/\n*.log\n.env\n"]);
  return plan;
}

function gaussian(r: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}
