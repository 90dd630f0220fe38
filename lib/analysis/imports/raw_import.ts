/** One import as the parser finds it in a file, before resolution. */
export interface RawImport {
  module: string;
  line: number;
  kind: ImportKind;
}
/** How the import was written. */
export type ImportKind =
  | "import"
  | "require"
  | "dynamic"
  | "include"
  | "include_system"
  | "require_relative"
  | "use"
  | "using"
  | "load";
