import path from "node:path";
import { runGit } from "../git/run_git.ts";
import { AnalysisError } from "../pipeline/analysis_error.ts";
import { categorize, detectLanguage, isBinary } from "./languages.ts";
import { countLines, type LineCounts } from "./line_count.ts";

/** One file of a checkout with its language, category and line counts. */
export interface CountedFile extends LineCounts {
  path: string;
  language: string | null;
  category: string;
  bytes: number;
}

/** Limits that keep one hostile or huge repository from exhausting the worker. */
export interface CountLimits {
  maxFileBytes: number;
  maxFiles: number;
}

/** Default limits: files over 1 MiB are listed but not read. */
export const DEFAULT_COUNT_LIMITS: CountLimits = {
  maxFileBytes: 1024 * 1024,
  maxFiles: 200_000,
};

const READS_IN_FLIGHT = 8;

const decoder = new TextDecoder("utf-8", { fatal: false });

/**
 * Lists the tracked files of a checkout (`git ls-files`, so .gitignore holds)
 * and counts code, comment and blank lines of each text file.
 */
export async function countFiles(
  dir: string,
  options: {
    limits?: CountLimits;
    signal?: AbortSignal;
    onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<CountedFile[]> {
  const limits = options.limits ?? DEFAULT_COUNT_LIMITS;
  const listed = await runGit(["ls-files", "-z", "--cached"], { cwd: dir, timeoutMs: 60_000, signal: options.signal });
  options.signal?.throwIfAborted();
  if (listed.code !== 0) {
    throw new AnalysisError(
      "scan_failed",
      `git ls-files failed: ${listed.stderr.trim()}`,
    );
  }
  const paths = listed.stdout.split("\0").filter(Boolean);
  if (paths.length > limits.maxFiles) {
    throw new AnalysisError(
      "too_many_files",
      `The repository has ${paths.length} files; the limit is ${limits.maxFiles}`,
    );
  }
  // A few reads in flight at once: the stage waits on the disk, not on counting.
  const counted: (CountedFile | null)[] = new Array(paths.length);
  let next = 0;
  let done = 0;
  const reader = async () => {
    while (next < paths.length) {
      const index = next++;
      options.signal?.throwIfAborted();
      counted[index] = await countOne(dir, paths[index], limits);
      options.onProgress?.(++done, paths.length);
    }
  };
  await Promise.all(Array.from({ length: READS_IN_FLIGHT }, reader));
  const files = counted.filter((f): f is CountedFile => f !== null);
  return files;
}

async function countOne(
  dir: string,
  relative: string,
  limits: CountLimits,
): Promise<CountedFile | null> {
  const absolute = path.join(dir, relative);
  let info: Deno.FileInfo;
  try {
    info = await Deno.lstat(absolute);
  } catch {
    return null; // listed but absent: a submodule or a sparse path
  }
  if (!info.isFile) return null; // symlinks and submodules are not content of this repository
  const empty = { code: 0, comment: 0, blank: 0 };
  if (info.size > limits.maxFileBytes) {
    const language = detectLanguage(relative);
    return {
      path: relative,
      language,
      category: categorize(relative, language),
      bytes: info.size,
      ...empty,
    };
  }
  const bytes = await Deno.readFile(absolute);
  if (isBinary(bytes)) {
    return {
      path: relative,
      language: null,
      category: "binary",
      bytes: info.size,
      ...empty,
    };
  }
  const text = decoder.decode(bytes);
  const language = detectLanguage(relative, firstLine(text));
  return {
    path: relative,
    language,
    category: categorize(relative, language),
    bytes: info.size,
    ...countLines(text, language),
  };
}

function firstLine(text: string): string {
  const end = text.indexOf("\n");
  return end === -1 ? text.slice(0, 200) : text.slice(0, Math.min(end, 200));
}
