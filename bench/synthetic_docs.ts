/** Generators for Markdown, JSON and vendored (node_modules) JavaScript, plain and minified. */
import type { SourceKind } from "./synthetic_code.ts";
import { body, camel, int, pascal, type Rng, sentence, word } from "./synthetic_text.ts";

/** Markdown pages: headings, wrapped paragraphs, lists, code fences, tables and HTML comments. */
export const markdown: SourceKind = {
  header: (r) => `# ${pascal(r, 3)}\n\n${sentence(r)} ${sentence(r)}\n\n`,
  unit: (r) =>
    [
      `## ${pascal(r)} ${word(r)}`,
      "",
      ...body(r, int(r, 2, 8), [
        [4, (r) => `${sentence(r)} ${sentence(r)}\n${sentence(r)}\n`],
        [2, (r) => `- ${sentence(r, 6)}\n- ${sentence(r, 6)}\n- \`${camel(r)}\` ${sentence(r, 4)}\n`],
        [1, (r) => "```ts\n" + `const ${camel(r)} = await ${camel(r)}("${word(r)}");\n` + "```\n"],
        [1, (r) => `| ${word(r)} | ${word(r)} |\n| --- | --- |\n| ${int(r, 1, 99)} | ${word(r)} |\n`],
        [1, (r) => `<!-- ${sentence(r, 6)} -->\n`],
      ]),
    ].join("\n") + "\n",
  footer: "",
};

/** JSON fixtures and settings: pretty-printed records in an array. */
export const json: SourceKind = {
  header: () => '{\n  "version": 3,\n  "items": [\n',
  unit: (r) =>
    JSON.stringify(
      {
        id: `${word(r)}-${int(r, 1, 99999)}`,
        name: `${pascal(r)} ${word(r)}`,
        enabled: r() < 0.5,
        weight: Math.round(r() * 1000) / 10,
        tags: [word(r), word(r)],
        owner: { team: word(r), url: `https://example.com/${word(r)}` },
      },
      null,
      2,
    ).replace(/^/gm, "    ") + ",\n",
  footer: "    {}\n  ]\n}\n",
};

/** A package.json as a vendored dependency ships it. */
export function packageJson(r: Rng, name: string): string {
  return JSON.stringify(
    {
      name,
      version: `${int(r, 0, 9)}.${int(r, 0, 30)}.${int(r, 0, 20)}`,
      description: sentence(r),
      main: "lib/index.js",
      license: "MIT",
      dependencies: { [word(r)]: `^${int(r, 1, 9)}.0.0`, [word(r) + "-js"]: `~${int(r, 1, 9)}.2.0` },
    },
    null,
    2,
  ) + "\n";
}

/** CommonJS modules as found in node_modules. */
export const vendoredJs: SourceKind = {
  header: (r) => `'use strict';\n\nvar ${camel(r)} = require('${word(r)}');\nvar util = require('util');\n\n`,
  unit: (r) =>
    [
      r() < 0.5 ? `/**\n * ${sentence(r)}\n * @private\n */` : `// ${sentence(r)}`,
      `function ${camel(r)}(${camel(r)}, options) {`,
      ...body(r, int(r, 2, 10), [
        [5, (r) => `  var ${camel(r)} = options.${camel(r)} || ${int(r, 0, 99)};`],
        [2, (r) => `  if (!${camel(r)}) throw new TypeError('${word(r)} is required');`],
        [1, (r) => `  // ${sentence(r, 6)}`],
        [1, () => ""],
      ]),
      "  return options;",
      "}",
      "",
    ].join("\n") + "\n",
  footer: "module.exports = exports = {};\n",
};

/** A minified bundle: few, very long lines. */
export const minifiedJs: SourceKind = {
  header: () => "/*! bundle v1.0.0 | MIT */\n",
  unit: (r) =>
    Array.from(
      { length: 400 },
      () => `function ${camel(r)}(a,b){return a.${camel(r)}(b,${int(r, 0, 9)})||"${word(r)}"}`,
    )
      .join(";") + "\n",
  footer: "",
};

/** Fills a file of one kind up to about `bytes`: whole units only, so files end where real ones would. */
export function generateFile(kind: SourceKind, r: Rng, bytes: number): string {
  const parts = [kind.header(r)];
  let size = parts[0].length + kind.footer.length;
  do {
    const unit = kind.unit(r);
    parts.push(unit);
    size += unit.length;
  } while (size < bytes);
  parts.push(kind.footer);
  return parts.join("");
}
