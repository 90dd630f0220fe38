import type { ComponentChildren } from "preact";

/** A column heading: its text, or with `num` right-aligned over numbers and `sort` the order of the rows by it. */
export type Column = string | { label: string; num?: boolean; sort?: "ascending" | "descending" };

/** The heading of a column of numbers. */
export const num = (label: string): Column => ({ label, num: true });

/** Props of {@link DataTable}. */
export interface DataTableProps {
  columns: Column[];
  /** Adds a last, unlabelled column (for the rows' actions). */
  actions?: boolean;
  /** What the table holds: for screen readers, and above the table with `showCaption`. */
  caption?: ComponentChildren;
  showCaption?: boolean;
  /** Classes of the table besides `data`. */
  class?: string;
  /** The id of the table's box, for links to it. */
  id?: string;
  /** The rows of its foot (a total). */
  footer?: ComponentChildren;
  children: ComponentChildren;
}

/** A table of the design system, in a box that scrolls sideways on a narrow screen: headings, then rows as children. */
export function DataTable(props: DataTableProps) {
  const { columns, actions, caption, footer, children } = props;
  return (
    <div class="table-wrap" id={props.id}>
      <table class={props.class ? `data ${props.class}` : "data"}>
        {caption && <caption class={props.showCaption ? undefined : "visually-hidden"}>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) => {
              const { label, num, sort } = typeof column === "string"
                ? { label: column } as Exclude<Column, string>
                : column;
              return <th key={label} scope="col" class={num ? "num" : undefined} aria-sort={sort}>{label}</th>;
            })}
            {actions && (
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
        {footer && <tfoot>{footer}</tfoot>}
      </table>
    </div>
  );
}
