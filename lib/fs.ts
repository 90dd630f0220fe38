import fs from "node:fs/promises";

/** True when something exists at `file` (a file, a folder, a link). */
export async function pathExists(file: string): Promise<boolean> {
  return await fs.stat(file).then(() => true, () => false);
}
