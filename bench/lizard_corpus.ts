/** Real source files already on this machine, sampled per language, for the lizard agreement check. */
import fs from "node:fs/promises";
import path from "node:path";
import { cacheDir, ROOT } from "./project.ts";

/** Where one language's sample comes from. */
interface CorpusSpec {
  /** The language as detectLanguage names it (the row of the report). */
  language: string;
  /** Folders to search; `*` in a segment matches like a shell glob. */
  roots: string[];
  names: RegExp;
  exclude?: RegExp;
  /** Content check, for extensions other formats share (.cs) or minified bundles. */
  looksRight?: (text: string) => boolean;
}

/** One language's sample, or why there is none. */
export interface Corpus {
  language: string;
  files: string[];
  /** How many candidates there were before sampling. */
  candidates: number;
  note: string;
}

const MAX_BYTES = 200_000;
const NODE_MODULES = path.join(ROOT, "node_modules", ".deno");
const SOURCE_ROOTS = ["/usr/share/doc", "/usr/lib", "/usr/local", "/usr/src", "/opt", "/root/.pyenv/versions"];
// Bundles and minified files are machine output: long lines, no structure worth comparing.
const notMinified = (text: string) => text.length / (text.split("\n").length || 1) < 150;

/** The twelve languages the engine parses, with where real code for each may be found. */
export const CORPORA: CorpusSpec[] = [
  {
    language: "JavaScript",
    roots: [NODE_MODULES],
    names: /\.(js|mjs|cjs)$/,
    exclude: /\.min\.js$/,
    looksRight: notMinified,
  },
  { language: "TypeScript", roots: [NODE_MODULES], names: /\.ts$/, exclude: /\.d\.ts$/, looksRight: notMinified },
  {
    language: "TSX",
    roots: [NODE_MODULES, ...["components", "islands", "routes"].map((d) => path.join(ROOT, d))],
    names: /\.tsx$/,
  },
  {
    language: "Python",
    roots: ["/usr/lib/python3*", "/root/.pyenv/versions/*/lib/python3*"],
    names: /\.py$/,
    // Deliberately broken test inputs (bad syntax, Python 2 fixtures) say nothing about real code.
    exclude: /\/(site|dist)-packages\/|\/lib2to3\/tests\/data\/|badsyntax|bad_coding|bad_getattr/,
  },
  {
    language: "Go",
    // /usr/share/gocode is where Debian's golang-*-dev packages put their sources.
    roots: ["/usr/local/go/src", "/usr/lib/go*/src", "/usr/share/gocode/src", "/root/go/pkg/mod", ...SOURCE_ROOTS],
    names: /\.go$/,
    exclude: /\/testdata\//,
  },
  { language: "Java", roots: [], names: /\.java$/ }, // from a JDK's src.zip, see javaSample
  {
    language: "Rust",
    // rustup's toolchains hold rust-src, when installed, and the docs' own sources.
    roots: ["/root/.cargo/registry/src", "/root/.rustup/toolchains", ...SOURCE_ROOTS],
    names: /\.rs$/,
  },
  { language: "C", roots: SOURCE_ROOTS, names: /\.c$/ },
  {
    language: "C++",
    roots: [...SOURCE_ROOTS, "/usr/include/c++/*/bits", "/usr/include/c++/*/ext"],
    names: /\.(cc|cpp|cxx|hpp|hh|h)$/,
    // A .h may be C (Python's, zlib's); only libstdc++'s are surely C++.
    exclude: /^(?!.*\/include\/c\+\+\/).*\.h$/,
  },
  {
    language: "Ruby",
    roots: ["/usr/lib/ruby", "/var/lib/gems", "/usr/share/rubygems-integration", "/root/.gem", ...SOURCE_ROOTS],
    names: /\.rb$/,
  },
  { language: "PHP", roots: ["/usr/share/php", ...SOURCE_ROOTS], names: /\.php$/ },
  {
    language: "C#",
    roots: ["/usr/share/dotnet", "/root/.nuget/packages", ...SOURCE_ROOTS],
    names: /\.cs$/,
    // Vim's Czech tutor and groff's hyphenation tables are .cs files too.
    looksRight: (text) => /^\s*(using|namespace)\s+[\w.]+\s*[;{]/m.test(text),
  },
];

/** Up to `max` files of the language, spread evenly over its sorted candidates (the same every run). */
export async function findCorpus(spec: CorpusSpec, max: number): Promise<Corpus> {
  if (spec.language === "Java") return await javaSample(max);
  const roots = (await Promise.all([...new Set(spec.roots)].map(expand))).flat();
  const seen = new Set<string>();
  const candidates: string[] = [];
  for (const { file, size } of await findFiles(roots)) {
    if (!spec.names.test(file) || spec.exclude?.test(file) || size > MAX_BYTES || size === 0) continue;
    // The same file installed twice (two Python versions, stable and nightly Rust) counts once.
    const key = `${path.basename(file)}:${size}`;
    if (seen.has(key)) continue;
    seen.add(key);
    candidates.push(file);
  }
  candidates.sort();
  const files: string[] = [];
  for (const file of spread(candidates, candidates.length)) {
    if (files.length >= max) break;
    if (spec.looksRight && !spec.looksRight(await Deno.readTextFile(file))) continue;
    files.push(file);
  }
  files.sort();
  const note = files.length ? `${roots.length} root(s)` : "no corpus";
  return { language: spec.language, files, candidates: candidates.length, note };
}

/**
 * Every index of `items` once, in an order whose every prefix is spread evenly
 * over the list (bit-reversal), so a sample of any size covers all folders.
 */
function* spread<T>(items: T[], count: number): Generator<T> {
  let bits = 0;
  while (1 << bits < count) bits++;
  for (let i = 0; i < 1 << bits; i++) {
    let reversed = 0;
    for (let b = 0; b < bits; b++) if (i & (1 << b)) reversed |= 1 << (bits - 1 - b);
    if (reversed < count) yield items[reversed];
  }
}

async function expand(pattern: string): Promise<string[]> {
  let paths = ["/"];
  for (const segment of pattern.split("/").filter(Boolean)) {
    if (!segment.includes("*")) {
      paths = paths.map((p) => path.join(p, segment));
      continue;
    }
    const matcher = new RegExp(`^${segment.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
    const next: string[] = [];
    for (const dir of paths) {
      const entries = await fs.readdir(dir).catch(() => [] as string[]);
      next.push(...entries.filter((e) => matcher.test(e)).sort().map((e) => path.join(dir, e)));
    }
    paths = next;
  }
  const existing = await Promise.all(paths.map((p) => fs.stat(p).then((s) => s.isDirectory(), () => false)));
  return paths.filter((_, i) => existing[i]);
}

// find(1) walks a few hundred thousand files in well under a second; it does not follow symlinks.
async function findFiles(roots: string[]): Promise<{ file: string; size: number }[]> {
  if (!roots.length) return [];
  const out = await new Deno.Command("find", {
    args: [...roots, "-type", "f", "-printf", "%s\\t%p\\n"],
    stdout: "piped",
    stderr: "null",
  }).output();
  const found: { file: string; size: number }[] = [];
  for (const line of new TextDecoder().decode(out.stdout).split("\n")) {
    const tab = line.indexOf("\t");
    if (tab > 0) found.push({ size: Number(line.slice(0, tab)), file: line.slice(tab + 1) });
  }
  return found;
}

// The JDK ships its own sources; a sample is unzipped once into the bench cache.
async function javaSample(max: number): Promise<Corpus> {
  const zips = (await Promise.all(["/usr/lib/jvm/*/lib/src.zip", "/usr/lib/jvm/*/src.zip"].map(expandFiles))).flat();
  const zip = zips[0];
  if (!zip) return { language: "Java", files: [], candidates: 0, note: "no corpus (no JDK src.zip)" };
  const list = await python(["-c", ZIP_LIST, zip]);
  const entries = (JSON.parse(list) as [string, number][])
    .filter(([name, size]) => name.endsWith(".java") && size <= MAX_BYTES && size > 0)
    // Locale tables are generated data, not code.
    .filter(([name]) => !name.startsWith("jdk.localedata/"))
    .map(([name]) => name)
    .sort();
  const chosen = [...spread(entries, entries.length)].slice(0, max).sort();
  const target = path.join(cacheDir(), "lizard-java", path.basename(path.dirname(path.dirname(zip))));
  await python(["-c", ZIP_EXTRACT, zip, target, ...chosen]);
  return {
    language: "Java",
    files: chosen.map((name) => path.join(target, name)),
    candidates: entries.length,
    note: zip,
  };
}

async function expandFiles(pattern: string): Promise<string[]> {
  const dir = await expand(path.dirname(pattern));
  const files = dir.map((d) => path.join(d, path.basename(pattern)));
  const present = await Promise.all(files.map((f) => fs.stat(f).then((s) => s.isFile(), () => false)));
  return files.filter((_, i) => present[i]);
}

// python3 is there whenever lizard can run, and its zipfile needs no unzip binary.
const ZIP_LIST =
  "import sys,json,zipfile;print(json.dumps([[i.filename,i.file_size] for i in zipfile.ZipFile(sys.argv[1]).infolist()]))";
const ZIP_EXTRACT =
  "import sys,zipfile;z=zipfile.ZipFile(sys.argv[1]);[z.extract(n,sys.argv[2]) for n in sys.argv[3:]]";

async function python(args: string[]): Promise<string> {
  const out = await new Deno.Command("python3", { args, stdout: "piped", stderr: "piped" }).output();
  if (!out.success) throw new Error(`python3 ${args[0]} failed: ${new TextDecoder().decode(out.stderr).slice(0, 300)}`);
  return new TextDecoder().decode(out.stdout);
}
