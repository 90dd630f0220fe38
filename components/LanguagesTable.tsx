import type { LanguageTotals } from "../lib/report/summary.ts";
import { number, shareOf } from "../lib/shared/format.ts";
import { DataTable, num } from "./DataTable.tsx";
import { LanguageSwatch } from "./LanguagesLegend.tsx";

/** Props of {@link LanguagesTable}. */
export interface LanguagesTableProps {
  /** The languages, largest first, as a summary lists them. */
  languages: [string, LanguageTotals][];
  caption: string;
  /** Adds the comment and blank lines, and a row of totals. */
  lines?: boolean;
}

/** Files and lines of code per language, each with its colour in the charts and its share of the code. */
export function LanguagesTable({ languages, caption, lines = false }: LanguagesTableProps) {
  const total = languages.reduce(
    (sum, [, t]) => ({
      files: sum.files + t.files,
      code: sum.code + t.code,
      comment: sum.comment + t.comment,
      blank: sum.blank + t.blank,
    }),
    { files: 0, code: 0, comment: 0, blank: 0 },
  );
  const footer = lines && (
    <tr>
      <th scope="row">Total</th>
      <td class="num">{number.format(total.files)}</td>
      <td class="num">{number.format(total.code)}</td>
      <td class="num">{number.format(total.comment)}</td>
      <td class="num">{number.format(total.blank)}</td>
      <td class="num">100%</td>
    </tr>
  );
  return (
    <DataTable
      caption={caption}
      columns={["Language", num("Files"), num("Code"), ...(lines ? [num("Comment"), num("Blank")] : []), num("Share")]}
      footer={footer}
    >
      {languages.map(([name, t], i) => (
        <tr key={name}>
          <th scope="row">{name}</th>
          <td class="num">{number.format(t.files)}</td>
          <td class="num">{number.format(t.code)}</td>
          {lines && (
            <>
              <td class="num">{number.format(t.comment)}</td>
              <td class="num">{number.format(t.blank)}</td>
            </>
          )}
          <td class="num">
            <LanguageSwatch rank={i} />
            {shareOf(t.code, total.code)}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
