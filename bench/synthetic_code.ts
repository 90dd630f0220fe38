/** Source generators for TypeScript, Python, Go and Java: functions with comments, strings and blank lines. */
import { body, camel, int, pascal, pick, type Rng, sentence, snake, word } from "./synthetic_text.ts";

/** Builds one file of a language: a header, then units until the size is reached, then a footer. */
export interface SourceKind {
  header(r: Rng): string;
  unit(r: Rng): string;
  footer: string;
}

const TS_TYPES = ["string", "number", "boolean", "Record<string, unknown>", "readonly Item[]", "Map<string, Node>"];

/** TypeScript modules: JSDoc, `//` and `/* *\/` comments, template strings, URLs inside strings. */
export const typescript: SourceKind = {
  header: (r) =>
    [
      `/** ${sentence(r)} */`,
      ...Array.from({ length: int(r, 1, 5) }, () => `import { ${camel(r)} } from "../${word(r)}/${word(r)}.ts";`),
      "",
      `const ${camel(r).toUpperCase()}_LIMIT = ${int(r, 1, 5000)};`,
      "",
    ].join("\n") + "\n",
  unit: (r) => {
    const name = camel(r, int(r, 2, 3));
    const doc = r() < 0.7 ? ["/**", ` * ${sentence(r)}`, ...(r() < 0.5 ? [` * ${sentence(r)}`] : []), " */"] : [];
    return [
      ...doc,
      `export ${r() < 0.3 ? "async " : ""}function ${name}(input: ${pick(r, TS_TYPES)}): ${pick(r, TS_TYPES)} {`,
      ...body(r, int(r, 3, 16), [
        [5, (r) => `  const ${camel(r)} = input.${camel(r)} ?? ${int(r, 0, 999)};`],
        [2, (r) => `  // ${sentence(r)}`],
        [2, (r) => `  if (${camel(r)} > ${int(r, 1, 99)}) return ${camel(r)};`],
        [1, (r) => `  const url = "https://example.com/${word(r)}/${word(r)}"; // ${sentence(r, 4)}`],
        [1, (r) => `  /* ${sentence(r, 6)} */`],
        [2, () => ""],
        [1, (r) => `  const label = \`${word(r)}: \${${camel(r)}}\`;`],
        [2, (r) => `  await ${camel(r)}(${camel(r)}, { retries: ${int(r, 1, 5)}, mode: '${word(r)}' });`],
        [1, (r) => `  for (const item of ${camel(r)}s) total += item.${camel(r)};`],
      ]),
      `  return ${camel(r)};`,
      "}",
      "",
    ].join("\n") + "\n";
  },
  footer: "",
};

/** Python modules: docstrings, `#` comments, `#` inside strings, classes and functions. */
export const python: SourceKind = {
  header: (r) =>
    [
      `"""${sentence(r)}"""`,
      "",
      ...Array.from({ length: int(r, 1, 4) }, () => `from ${word(r)}.${word(r)} import ${snake(r)}`),
      "",
      "",
    ].join("\n"),
  unit: (r) => {
    const doc = r() < 0.7
      ? [`    """${sentence(r)}`, ...(r() < 0.6 ? ["", `    ${sentence(r)}`, `    ${sentence(r)}`] : []), '    """']
      : [];
    return [
      ...(r() < 0.2 ? ["@functools.lru_cache(maxsize=128)"] : []),
      `def ${snake(r, int(r, 2, 3))}(${snake(r, 1)}, *, ${snake(r, 1)}=None):`,
      ...doc,
      ...body(r, int(r, 3, 14), [
        [5, (r) => `    ${snake(r)} = ${snake(r, 1)}.get("${word(r)}", ${int(r, 0, 99)})`],
        [2, (r) => `    # ${sentence(r)}`],
        [2, (r) => `    if ${snake(r)} > ${int(r, 1, 50)}:\n        return ${snake(r)}`],
        [1, (r) => `    tag = "#${word(r)}"  # ${sentence(r, 4)}`],
        [2, () => ""],
        [1, (r) => `    for item in ${snake(r)}:\n        total += item.${snake(r, 1)}`],
        [1, (r) => `    log.info('%s done', '${word(r)}')`],
      ]),
      `    return ${snake(r)}`,
      "",
      "",
    ].join("\n");
  },
  footer: "",
};

/** Go files: doc comments, raw strings with SQL, error wrapping, occasional block comments. */
export const go: SourceKind = {
  header: (r) =>
    [
      `// Package ${word(r)} ${sentence(r).toLowerCase()}`,
      `package ${word(r)}`,
      "",
      "import (",
      '\t"context"',
      '\t"fmt"',
      `\t"example.com/${word(r)}/${word(r)}"`,
      ")",
      "",
    ].join("\n") + "\n",
  unit: (r) => {
    const name = pascal(r, int(r, 2, 3));
    return [
      `// ${name} ${sentence(r).toLowerCase()}`,
      `func (s *${pascal(r)}) ${name}(ctx context.Context, in string) (int, error) {`,
      ...body(r, int(r, 3, 14), [
        [5, (r) => `\t${camel(r)} := s.${pascal(r)}(in, ${int(r, 0, 99)})`],
        [2, (r) => `\t// ${sentence(r)}`],
        [2, (r) => `\tif err != nil {\n\t\treturn 0, fmt.Errorf("${word(r)} %s: %w", in, err)\n\t}`],
        [1, (r) => `\tquery := \`SELECT ${word(r)} FROM ${word(r)}s -- ${word(r)}\``],
        [1, (r) => `\t/* ${sentence(r, 6)} */`],
        [2, () => ""],
        [1, (r) => `\tfor _, item := range s.${camel(r)} {\n\t\ttotal += item.${pascal(r)}\n\t}`],
      ]),
      `\treturn len(in), nil`,
      "}",
      "",
    ].join("\n") + "\n";
  },
  footer: "",
};

/** Java classes: Javadoc, annotations, `//` comments, string literals. */
export const java: SourceKind = {
  header: (r) =>
    [
      `package com.example.${word(r)}.${word(r)};`,
      "",
      ...Array.from({ length: int(r, 2, 6) }, () => `import com.example.${word(r)}.${pascal(r)};`),
      "",
      "/**",
      ` * ${sentence(r)}`,
      " */",
      `public class ${pascal(r, 3)} {`,
      "",
    ].join("\n") + "\n",
  unit: (r) =>
    [
      "    /**",
      `     * ${sentence(r)}`,
      `     * @param input ${sentence(r, 5)}`,
      "     */",
      ...(r() < 0.3 ? ["    @Override"] : []),
      `    public int ${camel(r, int(r, 2, 3))}(String input) {`,
      ...body(r, int(r, 3, 14), [
        [5, (r) => `        int ${camel(r)} = this.${camel(r)}.get("${word(r)}", ${int(r, 0, 99)});`],
        [2, (r) => `        // ${sentence(r)}`],
        [2, (r) => `        if (${camel(r)} > ${int(r, 1, 50)}) {\n            return ${camel(r)};\n        }`],
        [1, (r) => `        String path = "/api/${word(r)}/*"; // ${sentence(r, 4)}`],
        [2, () => ""],
      ]),
      "        return input.length();",
      "    }",
      "",
    ].join("\n") + "\n",
  footer: "}\n",
};
