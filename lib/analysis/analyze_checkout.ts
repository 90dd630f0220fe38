import type { BlobReader } from "../git/blob_reader.ts";
import type { RawImport } from "./imports/raw_import.ts";
import { categorize, detectLanguage, isBinary } from "./languages.ts";
import { countLines } from "./line_count.ts";
import { listTrackedFiles, type TrackedFile } from "./list_files.ts";
import type { FileStructure } from "./parse/extract.ts";
import type { ParsePool } from "./parse/parse_pool.ts";
import { isParsed } from "./parse/registry.ts";
import { AnalysisError } from "../pipeline/analysis_error.ts";
import { matchesAny, NO_REPO_CONFIG, parseRepoConfig, REPO_CONFIG_FILE, type RepoConfig } from "./repo_config.ts";

/** One file as the analysis stores it. */
export interface AnalyzedFile {
  path: string;
  language: string | null;
  category: string;
  bytes: number;
  blob: string | null;
  code: number;
  comment: number;
  blank: number;
  /** Why the content was not read or parsed (too large, binary, symlink …), or null. */
  skipReason: string | null;
  structure: FileStructure | null;
}

/** The commit to analyse: a bare repository, the commit, and a reader of its blobs. */
export interface RepoSource {
  gitDir: string;
  commit: string;
  reader: BlobReader;
}

/** Where parse results are cached by blob and where analysed files go. */
export interface StructureStore {
  /** Cached structures for these blobs, keyed by `blob + "\0" + language`. */
  cached(keys: { blob: string; language: string }[]): Promise<Map<string, FileStructure>>;
  /** Caches new structures. */
  remember(entries: { blob: string; language: string; structure: FileStructure }[]): Promise<void>;
  /** Persists a chunk of analysed files. */
  write(files: AnalyzedFile[]): Promise<void>;
  /** The blob of each file of the last analysis of this repository by this analyzer, if there is one. */
  previous(): Promise<{ analysisId: string; blobs: Map<string, string> } | null>;
  /** Copies the rows of these unchanged files from that previous analysis. */
  copy(paths: string[]): Promise<void>;
}

/** Limits that keep one hostile or huge repository from exhausting the worker. */
export interface AnalyzeLimits {
  maxFileBytes: number;
  maxFiles: number;
}

/** Files over 1 MiB are listed but not read; at most 200,000 files. */
export const DEFAULT_LIMITS: AnalyzeLimits = { maxFileBytes: 1024 * 1024, maxFiles: 200_000 };

/** What an analysis of a checkout found, beyond the rows it stored. */
export interface AnalyzeSummary {
  files: number;
  parsed: number;
  cached: number;
  /** Unchanged files whose rows were copied from the previous analysis. */
  reused: string[];
  /** That previous analysis, when files were reused. */
  reusedFrom: string | null;
  imports: { path: string; language: string; imports: RawImport[] }[];
  /** A problem with the repository's .codevoyage.yml, which was then ignored. */
  configProblem: string | null;
}

const CHUNK = 400;
const READS_IN_FLIGHT = 16;
const decoder = new TextDecoder("utf-8", { fatal: false });

/**
 * Reads, counts and parses every tracked file as a stream: a fixed number of
 * files are in flight at once (the worker pool stays busy across chunk
 * boundaries); each chunk of files looks up the blob cache once (the next
 * chunk's lookup runs ahead) and is written in the background while later
 * files are parsed. At most two chunks wait for the database, so memory stays
 * bounded whatever the repository's size.
 */
export async function analyzeCheckout(
  source: RepoSource,
  options: {
    pool: ParsePool;
    store: StructureStore;
    limits?: AnalyzeLimits;
    signal?: AbortSignal;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<AnalyzeSummary> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const tracked = await listTrackedFiles(source.gitDir, source.commit, options.signal);
  if (tracked.length > limits.maxFiles) {
    throw new AnalysisError(
      "too_many_files",
      `The repository has ${tracked.length} files; the limit is ${limits.maxFiles}`,
    );
  }
  const config = await readRepoConfig(source.reader, tracked);
  const summary: AnalyzeSummary = {
    files: tracked.length,
    parsed: 0,
    cached: 0,
    reused: [],
    reusedFrom: null,
    imports: [],
    configProblem: config.problem,
  };
  // Files with the blob they had in the last analysis keep its rows, unless the settings changed.
  const previous = await options.store.previous();
  const configBlob = (files: Map<string, string> | TrackedFile[]) =>
    files instanceof Map ? files.get(REPO_CONFIG_FILE) : files.find((f) => f.path === REPO_CONFIG_FILE)?.blob;
  const reusable = previous && configBlob(previous.blobs) === configBlob(tracked) ? previous.blobs : null;
  if (reusable) summary.reusedFrom = previous!.analysisId;
  // A regular file whose blob is unchanged; a file that became a symlink (same blob) is analysed again.
  const unchanged = (entry: TrackedFile) => entry.mode.startsWith("100") && reusable?.get(entry.path) === entry.blob;
  const chunks: Chunk[] = [];
  for (let start = 0; start < tracked.length; start += CHUNK) {
    const files = tracked.slice(start, start + CHUNK);
    chunks.push({ files, results: [], reused: [], remaining: files.length, fresh: [] });
  }
  const lookup = (chunk: Chunk) =>
    chunk.cached ??= lookUpCache(chunk.files.filter((f) => !unchanged(f)), options.store);
  let writes: Promise<void> = Promise.resolve();
  let waiting = 0;
  let written = 0;
  let failure: unknown = null;
  const flush = (chunk: Chunk) => {
    waiting++;
    writes = writes.then(async () => {
      if (failure) return;
      try {
        if (chunk.fresh.length) await options.store.remember(chunk.fresh);
        await options.store.write(chunk.results);
        summary.reused.push(...chunk.reused);
        for (const file of chunk.results) {
          if (file.structure?.imports.length) {
            summary.imports.push({ path: file.path, language: file.language!, imports: file.structure.imports });
          }
        }
        written += chunk.files.length;
        options.onProgress?.(written, tracked.length);
      } catch (error) {
        failure = error;
      } finally {
        chunk.results = [];
        chunk.reused = [];
        chunk.fresh = [];
        // Its cache lookups are done (the next chunk's started before this one could finish).
        chunk.cached = Promise.resolve(new Map());
        waiting--;
      }
    });
  };
  let next = 0;
  const reader = async () => {
    while (next < tracked.length && !failure) {
      const index = next++;
      try {
        options.signal?.throwIfAborted();
        const chunk = chunks[Math.floor(index / CHUNK)];
        const ahead = chunks[Math.floor(index / CHUNK) + 1];
        if (ahead) void lookup(ahead).catch(() => {});
        while (waiting >= 2) await writes;
        const entry = chunk.files[index % CHUNK];
        if (unchanged(entry)) chunk.reused.push(entry.path);
        else {
          chunk.results.push(
            await analyzeEntry(entry, {
              reader: source.reader,
              config,
              limits,
              pool: options.pool,
              cached: await lookup(chunk),
              fresh: chunk.fresh,
              summary,
            }),
          );
        }
        if (--chunk.remaining === 0) flush(chunk);
      } catch (error) {
        // Every reader stops, and nothing more is written once one has failed.
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: READS_IN_FLIGHT }, reader));
  await writes;
  if (failure) throw failure;
  // One statement per table for every unchanged file: Postgres copies them in one pass.
  if (summary.reused.length) await options.store.copy(summary.reused);
  return summary;
}

interface Chunk {
  files: TrackedFile[];
  results: AnalyzedFile[];
  reused: string[];
  remaining: number;
  fresh: { blob: string; language: string; structure: FileStructure }[];
  cached?: Promise<Map<string, FileStructure>>;
}

function lookUpCache(files: TrackedFile[], store: StructureStore): Promise<Map<string, FileStructure>> {
  const keys = files.flatMap((f) => {
    const language = detectLanguage(f.path);
    return isParsed(language) ? [{ blob: f.blob, language: language! }] : [];
  });
  return keys.length ? store.cached(keys) : Promise.resolve(new Map());
}

/** What analysing one file needs: where to read, the limits, the parser, the cache, where results go. */
interface EntryContext {
  reader: BlobReader;
  config: RepoConfig;
  limits: AnalyzeLimits;
  pool: ParsePool;
  cached: Map<string, FileStructure>;
  fresh: { blob: string; language: string; structure: FileStructure }[];
  summary: AnalyzeSummary;
}

async function analyzeEntry(entry: TrackedFile, context: EntryContext): Promise<AnalyzedFile> {
  const { config } = context;
  const file = matchesAny(entry.path, config.exclude) ? excluded(entry) : await analyzeOne(entry, context);
  // include: the repository says this vendored or generated path is its own code.
  if ((file.category === "vendored" || file.category === "generated") && matchesAny(file.path, config.include)) {
    file.category = file.language ? "code" : "other";
  }
  return file;
}

async function analyzeOne(entry: TrackedFile, context: EntryContext): Promise<AnalyzedFile> {
  const { reader, limits, pool, cached, fresh, summary } = context;
  const base = { path: entry.path, blob: entry.blob, code: 0, comment: 0, blank: 0, structure: null };
  if (entry.mode === "120000" || entry.mode === "160000") {
    // Symlinks are never followed (they may point outside the checkout); submodules are not fetched.
    const reason = entry.mode === "120000" ? "symlink" : "submodule";
    return { ...base, language: null, category: "other", bytes: 0, skipReason: reason };
  }
  if (entry.size > limits.maxFileBytes) {
    const language = detectLanguage(entry.path);
    const category = categorize(entry.path, language);
    return { ...base, language, category, bytes: entry.size, skipReason: `larger than ${limits.maxFileBytes} bytes` };
  }
  // A blob parsed before needs no reading at all: its lines and structure are in the cache.
  const byPath = detectLanguage(entry.path);
  const hit = byPath ? cached.get(`${entry.blob}\0${byPath}`) : undefined;
  if (hit) {
    summary.cached++;
    const category = categorize(entry.path, byPath);
    return { ...base, language: byPath, category, bytes: entry.size, skipReason: null, ...hit.lines, structure: hit };
  }
  const bytes = await reader.read(entry.blob);
  if (!bytes) return { ...base, language: null, category: "other", bytes: 0, skipReason: "missing" };
  if (isBinary(bytes)) return { ...base, language: null, category: "binary", bytes: entry.size, skipReason: "binary" };
  const text = decoder.decode(bytes);
  const language = detectLanguage(entry.path, firstLine(text));
  const category = categorize(entry.path, language);
  const file = { ...base, language, category, bytes: entry.size, skipReason: null };
  if (!language || !isParsed(language)) return { ...file, ...countLines(text, language) };
  const key = `${entry.blob}\0${language}`;
  let structure = cached.get(key) ?? null;
  if (structure) summary.cached++;
  else {
    try {
      structure = await pool.parse(language, text);
    } catch (error) {
      const reason = `parser failed: ${error instanceof Error ? error.message : error}`.slice(0, 300);
      return { ...file, ...countLines(text, language), skipReason: reason };
    }
    if (!structure) return { ...file, ...countLines(text, language) };
    summary.parsed++;
    fresh.push({ blob: entry.blob, language, structure });
  }
  return { ...file, ...structure.lines, structure };
}

function excluded(entry: TrackedFile): AnalyzedFile {
  const language = detectLanguage(entry.path);
  return {
    path: entry.path,
    blob: entry.blob,
    language,
    category: categorize(entry.path, language),
    bytes: 0,
    code: 0,
    comment: 0,
    blank: 0,
    skipReason: `excluded by ${REPO_CONFIG_FILE}`,
    structure: null,
  };
}

async function readRepoConfig(reader: BlobReader, tracked: TrackedFile[]): Promise<RepoConfig> {
  const entry = tracked.find((f) => f.path === REPO_CONFIG_FILE && f.mode.startsWith("100"));
  if (!entry || entry.size > 64 * 1024) return NO_REPO_CONFIG;
  const bytes = await reader.read(entry.blob);
  return bytes ? parseRepoConfig(decoder.decode(bytes)) : NO_REPO_CONFIG;
}

function firstLine(text: string): string {
  const end = text.indexOf("\n");
  return end === -1 ? text.slice(0, 200) : text.slice(0, Math.min(end, 200));
}
