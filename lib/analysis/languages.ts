/** Broad bucket a file falls into; `binary` is decided from content by the caller. */
export type Category =
  | "code"
  | "test"
  | "docs"
  | "config"
  | "generated"
  | "vendored"
  | "binary"
  | "other";

// Tables are written as "Language=key key; ..." to keep them scannable.
function groupMap(table: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of table.split(/[;\n]/)) {
    const [lang, keys] = entry.split("=");
    if (!keys) continue;
    for (const key of keys.trim().split(" ")) map.set(key, lang.trim());
  }
  return map;
}

// Display names follow cloc.
const EXTENSIONS = groupMap(`
JavaScript=js mjs cjs jsx; TypeScript=ts mts cts; TSX=tsx; Python=py pyw pyi
Go=go; Java=java; Rust=rs; C=c; C++=cc cpp cxx c++ hpp hh hxx
C/C++ Header=h; C#=cs; Ruby=rb rake gemspec; PHP=php; Kotlin=kt kts
Swift=swift; Scala=scala sc; Shell=sh bash zsh ksh; PowerShell=ps1 psm1 psd1
SQL=sql; HTML=html htm xhtml; CSS=css; SCSS=scss; Less=less; Vue=vue
Svelte=svelte; Markdown=md markdown; reStructuredText=rst
AsciiDoc=adoc asciidoc; Text=txt; JSON=json; YAML=yaml yml; TOML=toml
XML=xml xsd xsl xslt; INI=ini; Dockerfile=dockerfile; Makefile=mk mak make
CMake=cmake; Lua=lua; Perl=pl pm; R=r; Dart=dart; Elixir=ex exs
Erlang=erl hrl; Haskell=hs; OCaml=ml mli; Clojure=clj cljs cljc edn
Lisp=lisp lsp el; Zig=zig; Nim=nim; Objective-C=m; Objective-C++=mm
Groovy=groovy gradle; Protocol Buffers=proto; GraphQL=graphql gql
Terraform=tf; Batch=bat cmd; Assembly=s asm; Fortran=f f77 f90 f95 f03 for
Julia=jl; Visual Basic=vb; F#=fs fsi fsx
`);

// Keyed by lower-cased base name; checked before the extension so that
// CMakeLists.txt is CMake rather than Text.
const FILE_NAMES = groupMap(`
Makefile=makefile gnumakefile; Dockerfile=dockerfile containerfile
CMake=cmakelists.txt
Ruby=gemfile rakefile guardfile podfile vagrantfile brewfile
Groovy=jenkinsfile
Shell=.bashrc .bash_profile .bash_aliases .zshrc .zprofile .profile
INI=.editorconfig .gitconfig
`);

// Interpreter names after stripping version suffixes (python3.11 -> python).
const INTERPRETERS = groupMap(`
Shell=sh bash zsh ksh dash ash; Python=python pypy; JavaScript=node nodejs
TypeScript=deno bun tsx ts-node; Ruby=ruby; Perl=perl; PHP=php; Lua=lua
R=rscript; PowerShell=pwsh powershell; Julia=julia; Elixir=elixir
Erlang=escript; Haskell=runhaskell runghc; Groovy=groovy; Makefile=make
`);

const words = (list: string): string[] => list.trim().split(/\s+/);
const VENDOR_DIRS = new Set(words(`
  node_modules vendor third_party third-party deps bower_components
`));
const TEST_DIRS = new Set(words("test tests __tests__ spec specs"));
const DOC_DIRS = new Set(words("docs doc"));
const DOC_LANGUAGES = new Set(words("Markdown reStructuredText Text AsciiDoc"));
const CONFIG_LANGUAGES = new Set(words("JSON YAML TOML INI XML Dockerfile"));
const LOCK_FILES = new Set(words(`
  package-lock.json yarn.lock pnpm-lock.yaml cargo.lock gemfile.lock
  poetry.lock composer.lock go.sum deno.lock
`));
const GENERATED_SUFFIXES = words(`
  .min.js .min.mjs .min.css .bundle.js .pb.go _pb2.py _pb2_grpc.py
  .g.dart .freezed.dart .designer.cs
`);
// Lower-case name conventions, plus JVM/.NET PascalCase ones (case matters
// there so that e.g. Contest.java is not a test).
const TEST_NAME = /^test_.+\.py$|_test\.\w+$|\.(test|spec)\.\w+$|_spec\.rb$/;
const PASCAL_TEST_NAME = /Tests?\.(java|kt|scala|groovy|cs|swift)$/;

function splitPath(path: string): { dirs: string[]; name: string } {
  const parts = path.replace(/\\/g, "/").split("/").filter((p) => p !== "");
  const name = parts.pop() ?? "";
  return { dirs: parts.map((d) => d.toLowerCase()), name };
}

function fromShebang(firstLine: string): string | null {
  if (!firstLine.startsWith("#!")) return null;
  const words = firstLine.slice(2).trim().split(/\s+/);
  let program = (words[0] ?? "").split("/").pop() ?? "";
  if (program === "env") {
    // Skip env's own flags (-S) and VAR=value assignments.
    program = words.slice(1).find((w) => !w.startsWith("-") && !w.includes("=")) ?? "";
  }
  return INTERPRETERS.get(program.toLowerCase().replace(/[\d.]+$/, "")) ?? null;
}

/** Language display name (cloc-style) from file name, extension, then shebang; null when unknown. */
export function detectLanguage(path: string, firstLine?: string): string | null {
  const lower = splitPath(path).name.toLowerCase();
  const byName = FILE_NAMES.get(lower);
  if (byName) return byName;
  if (lower.startsWith("dockerfile.")) return "Dockerfile";
  const dot = lower.lastIndexOf(".");
  const byExt = dot > 0 ? EXTENSIONS.get(lower.slice(dot + 1)) : undefined;
  if (byExt) return byExt;
  return firstLine ? fromShebang(firstLine) : null;
}

/**
 * First-slice category from the path and detected language, checked in order:
 * - `vendored`: a directory named node_modules, vendor, third_party,
 *   third-party, deps or bower_components;
 * - `generated`: minified bundles, lock files, protobuf/Dart/.NET codegen;
 * - `test`: a directory named test(s), __tests__, spec(s), or a test file
 *   name (x_test.go, test_x.py, x.test.ts, x.spec.js, XTest.java, XTests.cs,
 *   x_spec.rb);
 * - `docs`: Markdown/reStructuredText/Text/AsciiDoc, or anything non-code
 *   under a docs/ or doc/ directory;
 * - `config`: JSON, YAML, TOML, INI, XML, Dockerfile, and dotfiles without a
 *   further extension (.gitignore, .editorconfig);
 * - `code` for any other known language, `other` when language is null.
 * `binary` is never returned: it needs the file's bytes (see isBinary).
 */
export function categorize(path: string, language: string | null): Category {
  const { dirs, name } = splitPath(path);
  const lower = name.toLowerCase();
  if (dirs.some((d) => VENDOR_DIRS.has(d))) return "vendored";
  if (LOCK_FILES.has(lower) || GENERATED_SUFFIXES.some((s) => lower.endsWith(s))) return "generated";
  if (dirs.some((d) => TEST_DIRS.has(d)) || TEST_NAME.test(lower) || PASCAL_TEST_NAME.test(name)) return "test";
  if (language !== null && DOC_LANGUAGES.has(language)) return "docs";
  const isCode = language !== null && !CONFIG_LANGUAGES.has(language);
  if (!isCode && dirs.some((d) => DOC_DIRS.has(d))) return "docs";
  if (name.startsWith(".") && name.indexOf(".", 1) === -1) return "config";
  if (language !== null && CONFIG_LANGUAGES.has(language)) return "config";
  return language === null ? "other" : "code";
}

/** True when the content holds a NUL byte: git's binary heuristic, applied to the whole (≤ 1 MiB) file. */
export function isBinary(bytes: Uint8Array): boolean {
  // Any NUL, not only in git's first 8,000 bytes: Postgres text cannot hold one, and text has none.
  return bytes.includes(0);
}
