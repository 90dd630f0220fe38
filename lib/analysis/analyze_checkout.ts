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
  /** Copies the rows of these unchanged files from that previous analysis. */
  copy(paths: string[]): Promise<void>;
}

/** What an analysis of a checkout found, beyond the rows it stored. */
export interface AnalyzeSummary extends ParseCounts {
  files: number;
  /** Unchanged files whose rows were copied from the previous analysis. */
  reused: string[];
  /** That previous analysis, when files were reused. */
  reusedFrom: string | null;
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
        await options.store.write(chunk.results, chunk.fresh);
        summary.reused.push(...chunk.reused);
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
