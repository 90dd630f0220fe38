import { fileOr, type Resolution, toExternal } from "./resolution.ts";
import type { RawImport } from "./raw_import.ts";
import { nearest } from "./repo_paths.ts";
import { findBySuffix, findDirsBySuffix, firstFileIn, type ResolverContext } from "./resolver_context.ts";

/**
 * Java (`import com.a.B;`, `import static com.a.B.member;`, `import com.a.*;`): source roots
 * (`src/main/java`, …) are not configured, so classes are found by path suffix anywhere.
 * - `com.a.B` → a file ending in `com/a/B.java`; when several match, the one sharing the most
 *   folders with the importing file.
 * - A member or nested class (`com.a.B.member`, `static com.a.B.*`) → the shortest-dropped
 *   prefix that is a file, i.e. the class `com/a/B.java`.
 * - `com.a.*` → when a folder ending in `com/a` holds `.java` files, the package is
 *   represented by its first `.java` file by sorted path (as Go packages are).
 * - Unresolved → external with the first two segments (`org.junit` from `org.junit.Test`).
 */
export function resolveJava(context: ResolverContext, fromPath: string, raw: RawImport): Resolution {
  const name = raw.module.trim().replace(/^import\s+/, "").replace(/^static\s+/, "").replace(/\s*;$/, "");
  const segments = name.split(".").map((s) => s.trim()).filter((s) => s !== "");
  const external = toExternal(segments.slice(0, 2).join("."));
  if (segments.length === 0) return external;
  const wildcard = segments[segments.length - 1] === "*";
  const named = wildcard ? segments.slice(0, -1) : segments;
  if (wildcard) {
    const dirs = findDirsBySuffix(context, named.join("/")).filter((dir) => javaFile(context, dir) !== null);
    const dir = nearest(dirs, fromPath);
    if (dir !== null) return fileOr(javaFile(context, dir), external);
  }
  // Down to two segments: a class in the unnamed package cannot be imported.
  for (let length = named.length; length >= Math.min(2, named.length); length--) {
    const classFile = nearest(findBySuffix(context, `${named.slice(0, length).join("/")}.java`), fromPath);
    if (classFile) return fileOr(classFile, external);
  }
  return external;
}

function javaFile(context: ResolverContext, dir: string): string | null {
  return firstFileIn(context, dir, "java", (p) => p.endsWith(".java"));
}
