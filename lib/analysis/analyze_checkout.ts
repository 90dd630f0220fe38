import type { BlobReader } from "../git/blob_reader.ts";
import {
  type AnalyzedFile,
  analyzeEntry,
  type AnalyzeLimits,
  DEFAULT_LIMITS,
  type FreshStructure,
  type ParseCounts,
  type StructureRef,
} from "./analyze_file.ts";
import { detectLanguage } from "./languages.ts";
import { listTrackedFiles, type TrackedFile } from "./list_files.ts";
import type { ParsePool } from "./parse/parse_pool.ts";
import { isParsed } from "./parse/registry.ts";
import { AnalysisError } from "../pipeline/analysis_error.ts";
import { NO_REPO_CONFIG, parseRepoConfig, REPO_CONFIG_FILE, type RepoConfig } from "./repo_config.ts";

/** The commit to analyse: a bare repository, the commit, and a reader of its blobs. */
export interface RepoSource {
  gitDir: string;
  commit: string;
  reader: BlobReader;
}

export type { AnalyzedFile, AnalyzeLimits, FreshStructure, StructureRef } from "./analyze_file.ts";
export { DEFAULT_LIMITS } from "./analyze_file.ts";

/** Where parse results are cached by blob and where analysed files go. */
export interface StructureStore {
  /** Cached structures for these blobs, keyed by `structureKey(blob, language)`. */
  cached(keys: { blob: string; language: string }[]): Promise<Map<string, StructureRef>>;
  /** Persists a chunk of analysed files and the structures parsed for them (once per blob). */
  write(files: AnalyzedFile[], fresh: FreshStructure[]): Promise<void>;
  /** The blob of each file of the last analysis of this repository by this analyzer, if there is one. */
  previous(): Promise<{ analysisId: string; blobs: Map<string, string> } | null>;
  /** Copies the rows of these unchanged files from that previous analysis (rows present already stay). */
  copy(paths: string[]): Promise<void>;
  /** The paths this analysis has rows for already (copied, or parsed by an interrupted attempt). */
  present(): Promise<Set<string>>;
}

/** The commit's files within the limits, with the repository's settings. */
export interface Listing {
  tracked: TrackedFile[];
  config: RepoConfig;
}

/** What the scan of a checkout found and copied. */
export interface ScanSummary {
  /** The listing, for the parse stage of the same attempt (a resumed attempt lists again). */
  listing: Listing;
  files: number;
  /** Unchanged files whose rows were copied from the previous analysis. */
  reused: number;
  /** That previous analysis, when files were reused. */
  reusedFrom: string | null;
  /** A problem with the repository's .codevoyage.yml, which was then ignored. */
  configProblem: string | null;
}

/** What parsing a checkout did. */
export interface AnalyzeSummary extends ParseCounts {
  files: number;
  /** Files whose rows were there already (copied by the scan, or stored by an interrupted attempt). */
  present: number;
}

const CHUNK = 400;
const READS_IN_FLIGHT = 16;
const decoder = new TextDecoder("utf-8", { fatal: false });

/** Lists the commit's files within the limits, with the repository's settings. */
async function listWithin(source: RepoSource, limits: AnalyzeLimits, signal?: AbortSignal): Promise<Listing> {
  const tracked = await listTrackedFiles(source.gitDir, source.commit, signal);
  if (tracked.length > limits.maxFiles) {
    throw new AnalysisError(
      "too_many_files",
      `The repository has ${tracked.length} files; the limit is ${limits.maxFiles}`,
    );
  }
  return { tracked, config: await readRepoConfig(source.reader, tracked) };
}

/**
 * The scan stage: lists the commit's files and copies, inside Postgres, the
 * rows of every file whose blob is unchanged since the last analysis of the
 * repository by this analyzer (unless `.codevoyage.yml` changed). Running it
 * again copies nothing twice.
 */
export async function scanCheckout(
  source: RepoSource,
  options: { store: StructureStore; limits?: AnalyzeLimits; signal?: AbortSignal },
): Promise<ScanSummary> {
  const listing = await listWithin(source, options.limits ?? DEFAULT_LIMITS, options.signal);
  const { tracked, config } = listing;
  const previous = await options.store.previous();
  const configBlob = (files: Map<string, string> | TrackedFile[]) =>
    files instanceof Map ? files.get(REPO_CONFIG_FILE) : files.find((f) => f.path === REPO_CONFIG_FILE)?.blob;
  const reusable = previous && configBlob(previous.blobs) === configBlob(tracked) ? previous.blobs : null;
  // A regular file whose blob is unchanged; a file that became a symlink (same blob) is analysed again.
  const unchanged = reusable
    ? tracked.filter((entry) => entry.mode.startsWith("100") && reusable.get(entry.path) === entry.blob)
    : [];
  if (unchanged.length) await options.store.copy(unchanged.map((f) => f.path));
  return {
    listing,
    files: tracked.length,
    reused: unchanged.length,
    reusedFrom: reusable ? previous!.analysisId : null,
    configProblem: config.problem,
  };
}

/**
 * The parse stage: reads, counts and parses every tracked file that has no
 * row yet, as a stream: a fixed number of files are in flight at once (the
 * worker pool stays busy across chunk boundaries); each chunk of files looks
 * up the blob cache once (the next chunk's lookup runs ahead) and is written
 * in one transaction in the background while later files are parsed — so an
 * interrupted run resumes after its last written chunk. At most two chunks
 * wait for the database, so memory stays bounded whatever the repository's
 * size.
 */
export async function analyzeCheckout(
  source: RepoSource,
  options: {
    pool: ParsePool;
    store: StructureStore;
    limits?: AnalyzeLimits;
    signal?: AbortSignal;
    onProgress?: (done: number, total: number) => void;
    /** The scan's listing when it ran in this attempt: the files are not listed twice. */
    listing?: Listing;
  },
): Promise<AnalyzeSummary> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const { tracked: all, config } = options.listing ?? await listWithin(source, limits, options.signal);
  const present = await options.store.present();
  const tracked = all.filter((entry) => !present.has(entry.path));
  const summary: AnalyzeSummary = { files: all.length, present: all.length - tracked.length, parsed: 0, cached: 0 };
  const chunks: Chunk[] = [];
  for (let start = 0; start < tracked.length; start += CHUNK) {
    const files = tracked.slice(start, start + CHUNK);
    chunks.push({ files, results: [], remaining: files.length, fresh: [] });
  }
  const lookup = (chunk: Chunk) => chunk.cached ??= lookUpCache(chunk.files, options.store);
  let writes: Promise<void> = Promise.resolve();
  let waiting = 0;
  let written = 0;
  let failure: unknown = null;
  const flush = (chunk: Chunk) => {
    waiting++;
    writes = writes.then(async () => {
      if (failure) return;
      try {
        await options.store.write(chunk.results, chunk.fresh);
        written += chunk.files.length;
        options.onProgress?.(summary.present + written, all.length);
      } catch (error) {
        failure = error;
      } finally {
        chunk.results = [];
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
  return summary;
}

interface Chunk {
  files: TrackedFile[];
  results: AnalyzedFile[];
  remaining: number;
  fresh: FreshStructure[];
  cached?: Promise<Map<string, StructureRef>>;
}

function lookUpCache(files: TrackedFile[], store: StructureStore): Promise<Map<string, StructureRef>> {
  const keys = files.flatMap((f) => {
    const language = detectLanguage(f.path);
    return isParsed(language) ? [{ blob: f.blob, language: language! }] : [];
  });
  return keys.length ? store.cached(keys) : Promise.resolve(new Map());
}

async function readRepoConfig(reader: BlobReader, tracked: TrackedFile[]): Promise<RepoConfig> {
  const entry = tracked.find((f) => f.path === REPO_CONFIG_FILE && f.mode.startsWith("100"));
  if (!entry || entry.size > 64 * 1024) return NO_REPO_CONFIG;
  const bytes = await reader.read(entry.blob);
  return bytes ? parseRepoConfig(decoder.decode(bytes)) : NO_REPO_CONFIG;
}
