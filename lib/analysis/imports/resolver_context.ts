import { cargoCrateName, composerPsr4, goModulePath, type Psr4Mapping } from "./manifests.ts";
import { basename, child, dirname, hasPathSuffix } from "./repo_paths.ts";
import { loadTsAliases, type TsAliases } from "./tsconfig_aliases.ts";

/** What resolution needs to know about the repository, built once per analysis. */
export interface ResolverContext {
  /** Every repository path. */
  readonly paths: ReadonlySet<string>;
  /** Folder → the files directly inside it, sorted. */
  readonly filesByDir: ReadonlyMap<string, readonly string[]>;
  /** File name → every path with that name, sorted (for path-suffix matches). */
  readonly pathsByName: ReadonlyMap<string, readonly string[]>;
  /** Folder name → every folder (holding files) with that name, sorted. */
  readonly dirsByName: ReadonlyMap<string, readonly string[]>;
  /** Top-level Python package name → folders it sits in (parents of packages whose parent is no package). */
  readonly pythonRoots: ReadonlyMap<string, readonly string[]>;
  /** Root tsconfig.json/jsconfig.json `baseUrl` and `paths`, if any. */
  readonly tsAliases: TsAliases | null;
  /** Go module path (go.mod `module`) → folders holding that go.mod. */
  readonly goModules: ReadonlyMap<string, readonly string[]>;
  /** Cargo package name (as `snake_case` Rust spells it) → folder of its Cargo.toml. */
  readonly rustCrates: ReadonlyMap<string, string>;
  /** composer.json PSR-4 prefixes, longest first. */
  readonly psr4: readonly Psr4Mapping[];
  /** Memo of suffix lookups and first-file-of-folder answers, filled as resolution asks. */
  readonly memo: Map<string, readonly string[] | string | null>;
}

// Manifests inside dependency folders describe other projects, not this one.
const FOREIGN = /(^|\/)(node_modules|vendor|third_party)\//;
const READ_BATCH = 32;

/** Indexes `paths` and reads the root tsconfig/jsconfig and every go.mod, Cargo.toml and composer.json. */
export async function createResolverContext(
  paths: string[],
  readText: (path: string) => Promise<string | null>,
): Promise<ResolverContext> {
  const sorted = [...new Set(paths)].sort();
  const all = new Set(sorted);
  const filesByDir = new Map<string, string[]>();
  const pathsByName = new Map<string, string[]>();
  const manifests: string[] = [];
  for (const path of sorted) {
    push(filesByDir, dirname(path), path);
    const name = basename(path);
    push(pathsByName, name, path);
    if ((name === "go.mod" || name === "Cargo.toml" || name === "composer.json") && !FOREIGN.test(path)) {
      manifests.push(path);
    }
  }
  const dirsByName = new Map<string, string[]>();
  for (const dir of [...filesByDir.keys()].sort()) if (dir !== "") push(dirsByName, basename(dir), dir);

  const goModules = new Map<string, string[]>();
  const rustCrates = new Map<string, string>();
  const psr4: Psr4Mapping[] = [];
  for (let i = 0; i < manifests.length; i += READ_BATCH) {
    const batch = manifests.slice(i, i + READ_BATCH);
    const texts = await Promise.all(batch.map(readText));
    batch.forEach((path, j) => {
      const text = texts[j];
      if (text === null) return;
      const dir = dirname(path);
      if (path.endsWith("go.mod")) {
        const module = goModulePath(text);
        if (module) push(goModules, module, dir);
      } else if (path.endsWith("Cargo.toml")) {
        const crate = cargoCrateName(text);
        if (crate && !rustCrates.has(crate)) rustCrates.set(crate, dir);
      } else psr4.push(...composerPsr4(text, dir));
    });
  }
  psr4.sort((a, b) => b.prefix.length - a.prefix.length);

  return {
    paths: all,
    filesByDir,
    pathsByName,
    dirsByName,
    pythonRoots: indexPythonRoots(sorted, all),
    tsAliases: await loadTsAliases(all, readText),
    goModules,
    rustCrates,
    psr4,
    memo: new Map(),
  };
}

// A package whose parent is no package is importable from that parent folder.
function indexPythonRoots(sorted: string[], all: Set<string>): Map<string, string[]> {
  const roots = new Map<string, string[]>();
  for (const path of sorted) {
    if (basename(path) !== "__init__.py") continue;
    const pkg = dirname(path);
    if (pkg === "") continue;
    const parent = dirname(pkg);
    if (!all.has(child(parent, "__init__.py"))) push(roots, basename(pkg), parent);
  }
  return roots;
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Repository paths equal to `suffix` or ending in `/suffix`, sorted; looked up by file name, memoised. */
export function findBySuffix(context: ResolverContext, suffix: string): readonly string[] {
  return memoised(context, `s\0${suffix}`, () => {
    const candidates = context.pathsByName.get(basename(suffix)) ?? [];
    return suffix.includes("/") ? candidates.filter((p) => hasPathSuffix(p, suffix)) : candidates;
  });
}

/** Folders (holding files) equal to `suffix` or ending in `/suffix`, sorted; memoised. */
export function findDirsBySuffix(context: ResolverContext, suffix: string): readonly string[] {
  return memoised(context, `d\0${suffix}`, () => {
    const candidates = context.dirsByName.get(basename(suffix)) ?? [];
    return suffix.includes("/") ? candidates.filter((d) => hasPathSuffix(d, suffix)) : candidates;
  });
}

/** The first file (by sorted path) directly in `dir` that `accept` takes, or null; memoised per `tag`. */
export function firstFileIn(
  context: ResolverContext,
  dir: string,
  tag: string,
  accept: (path: string) => boolean,
): string | null {
  return memoised(context, `f\0${tag}\0${dir}`, () => context.filesByDir.get(dir)?.find(accept) ?? null);
}

/** The first of `candidates` that is a repository path, or null. */
export function firstExisting(context: ResolverContext, candidates: Iterable<string>): string | null {
  for (const candidate of candidates) if (context.paths.has(candidate)) return candidate;
  return null;
}

function memoised<T extends readonly string[] | string | null>(
  context: ResolverContext,
  key: string,
  compute: () => T,
): T {
  if (context.memo.has(key)) return context.memo.get(key) as T;
  const value = compute();
  context.memo.set(key, value);
  return value;
}
