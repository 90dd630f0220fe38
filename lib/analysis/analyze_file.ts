import type { BlobReader } from "../git/blob_reader.ts";
import { categorize, detectLanguage, isBinary } from "./languages.ts";
import { countLines } from "./line_count.ts";
import type { TrackedFile } from "./list_files.ts";
import type { LineCounts } from "./line_count.ts";
import type { FileStructure } from "./parse/extract.ts";
import type { ParsePool } from "./parse/parse_pool.ts";
import { isParsed } from "./parse/registry.ts";
import { matchesAny, REPO_CONFIG_FILE, type RepoConfig } from "./repo_config.ts";

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
  structure: StructureRef | null;
}

/** A parsed structure as a file row needs it: where the parse cache keeps it, and its totals. */
export interface StructureRef {
  /** Its row in the parse cache; null for a structure parsed now and not stored yet. */
  id: number | null;
  lines: LineCounts;
  parseErrors: number;
  functions: number;
  maxCcn: number;
}

/** A structure parsed in this run, to be stored in the parse cache under its blob and language. */
export interface FreshStructure {
  blob: string;
  language: string;
  structure: FileStructure;
}

/** The cache key of a blob parsed as a language. */
export function structureKey(blob: string, language: string): string {
  return `${blob}\0${language}`;
}

/** Limits that keep one hostile or huge repository from exhausting the worker. */
export interface AnalyzeLimits {
  maxFileBytes: number;
  maxFiles: number;
}

/** Files over 1 MiB are listed but not read; at most 200,000 files. */
export const DEFAULT_LIMITS: AnalyzeLimits = { maxFileBytes: 1024 * 1024, maxFiles: 200_000 };

/** How many files were parsed, and how many taken from the blob cache. */
export interface ParseCounts {
  parsed: number;
  cached: number;
}

const decoder = new TextDecoder("utf-8", { fatal: false });

/** What analysing one file needs: where to read, the limits, the parser, the cache, where results go. */
export interface EntryContext {
  reader: BlobReader;
  config: RepoConfig;
  limits: AnalyzeLimits;
  pool: ParsePool;
  cached: Map<string, StructureRef>;
  fresh: FreshStructure[];
  /** Counts of files parsed and taken from the cache. */
  summary: ParseCounts;
}

/** Analyses one listed file: exclusion, limits, cache, parse or count, category overrides. */
export async function analyzeEntry(entry: TrackedFile, context: EntryContext): Promise<AnalyzedFile> {
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
  const hit = byPath ? cached.get(structureKey(entry.blob, byPath)) : undefined;
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
  // The shebang named another language than the extension did.
  const other = cached.get(structureKey(entry.blob, language));
  if (other) {
    summary.cached++;
    return { ...file, ...other.lines, structure: other };
  }
  let structure: FileStructure | null;
  try {
    structure = await pool.parse(language, text);
  } catch (error) {
    const reason = `parser failed: ${error instanceof Error ? error.message : error}`.slice(0, 300);
    return { ...file, ...countLines(text, language), skipReason: reason };
  }
  if (!structure) return { ...file, ...countLines(text, language) };
  summary.parsed++;
  fresh.push({ blob: entry.blob, language, structure });
  return { ...file, ...structure.lines, structure: refOf(structure) };
}

function refOf(structure: FileStructure): StructureRef {
  return {
    id: null,
    lines: structure.lines,
    parseErrors: structure.parseErrors,
    functions: structure.functions.length,
    maxCcn: structure.functions.reduce((max, fn) => Math.max(max, fn.ccn), 0),
  };
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

function firstLine(text: string): string {
  const end = text.indexOf("\n");
  return end === -1 ? text.slice(0, 200) : text.slice(0, Math.min(end, 200));
}
