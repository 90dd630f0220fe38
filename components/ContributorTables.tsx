import type { Contributor, DirectoryOwnership } from "../lib/history/history_views.ts";
import type { PeopleNetwork, PersonOwnership } from "../lib/views/people.ts";
import { day, number, percent } from "../lib/shared/format.ts";
import { DataTable } from "./DataTable.tsx";

/** People who are not bots: commits, lines, files owned as main author and their share, first and last commit. */
export function ContributorOwnershipTable({ people }: { people: PersonOwnership[] }) {
  return (
    <DataTable
      columns={["Person", "Commits", "Added", "Removed", "Files owned", "Share", "First commit", "Last commit"]}
    >
      {people.map((p) => (
        <tr key={p.id}>
          <td>
            {p.name} <span class="muted contributor-email">{p.email}</span>
          </td>
          <td class="num">{number.format(p.commits)}</td>
          <td class="num">{number.format(p.added)}</td>
          <td class="num">{number.format(p.deleted)}</td>
          <td class="num">{number.format(p.filesOwned)}</td>
          <td class="num">{percent(p.ownedShare)}</td>
          <td>{day(p.firstCommitAt)}</td>
          <td>{day(p.lastCommitAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The bots of the history: counted as commits, never as owners. */
export function ContributorBotsTable({ bots }: { bots: Contributor[] }) {
  return (
    <DataTable columns={["Bot", "Commits", "Added", "Removed", "First commit", "Last commit"]}>
      {bots.map((b) => (
        <tr key={b.id}>
          <td>
            {b.name} <span class="badge">bot</span>
          </td>
          <td class="num">{number.format(b.commits)}</td>
          <td class="num">{number.format(b.added)}</td>
          <td class="num">{number.format(b.deleted)}</td>
          <td>{day(b.firstCommitAt)}</td>
          <td>{day(b.lastCommitAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The repository and each top-level directory: files, authors, main author, truck factor. */
export function ContributorDirectoriesTable({ dirs }: { dirs: DirectoryOwnership[] }) {
  return (
    <DataTable columns={["Directory", "Files", "Commits", "Authors", "Main author", "Truck factor", "Last change"]}>
      {dirs.map((d) => (
        <tr key={d.dir} class={d.dir === "" ? "contributor-total" : undefined}>
          <td>{d.dir === "" ? <strong>Whole repository</strong> : <code>{d.dir}/</code>}</td>
          <td class="num">{number.format(d.files)}</td>
          <td class="num">{number.format(d.commits)}</td>
          <td class="num">{number.format(d.authors)}</td>
          <td>
            {d.mainAuthor ?? "–"} {d.mainAuthor && <span class="muted">{percent(d.mainAuthorShare)}</span>}
          </td>
          <td class="num">
            {d.truckFactor === null
              ? "–"
              : <span class={d.truckFactor <= 1 ? "truck-factor at-risk" : "truck-factor"}>{d.truckFactor}</span>}
          </td>
          <td>{day(d.lastChangedAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The pairs of people who changed the most files in common: the network as a table. */
export function ContributorPairsTable({ network, limit }: { network: PeopleNetwork; limit: number }) {
  const names = new Map(network.people.map((p) => [p.id, p.name]));
  return (
    <DataTable columns={["People", "Files both changed"]}>
      {network.pairs.slice(0, limit).map((pair) => (
        <tr key={`${pair.a}-${pair.b}`}>
          <td>
            {names.get(pair.a)} <span class="muted">and</span> {names.get(pair.b)}
          </td>
          <td class="num">{number.format(pair.shared)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
