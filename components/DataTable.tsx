import type { ComponentChildren } from "preact";

/** A table of the design system: column headings, rows as children; `actions` adds a last, unlabelled column. */
export function DataTable({ columns, actions, children }: {
  columns: string[];
  actions?: boolean;
  children: ComponentChildren;
}) {
  return (
    <div class="table-wrap">
      <table class="data">
        <thead>
          <tr>
            {columns.map((column) => <th key={column} scope="col">{column}</th>)}
            {actions && (
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
