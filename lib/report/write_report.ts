import type { Report } from "./build_report.ts";

/**
 * Writes the report as JSON, one file entry per line, without building the
 * whole document as one string (tens of MB for a large repository).
 */
export async function writeReport(report: Report, path: string): Promise<void> {
  using file = await Deno.open(path, { write: true, create: true, truncate: true });
  const writer = file.writable.getWriter();
  const encoder = new TextEncoder();
  let pending: string[] = [];
  let size = 0;
  const write = async (text: string) => {
    pending.push(text);
    size += text.length;
    if (size > 1 << 20) await flush();
  };
  const flush = async () => {
    await writer.write(encoder.encode(pending.join("")));
    pending = [];
    size = 0;
  };
  const { files, ...rest } = report;
  const head = Object.entries(rest).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  await write(`{\n  ${head.join(",\n  ")},\n  "files": [`);
  for (const [index, entry] of files.entries()) await write(`${index ? "," : ""}\n    ${JSON.stringify(entry)}`);
  await write(`${files.length ? "\n  " : ""}]\n}\n`);
  await flush();
  await writer.close();
}
