import type { HistorySummary } from "../lib/history/analyze_history.ts";
import type { Contributor, DirectoryOwnership } from "../lib/history/history_views.ts";
import type { PeopleCounts, PeopleNetwork, PersonOwnership } from "../lib/views/people.ts";
import { number } from "../lib/shared/format.ts";
import PeopleNetworkIsland from "../islands/PeopleNetwork.tsx";
import {
  ContributorBotsTable,
  ContributorDirectoriesTable,
  ContributorOwnershipTable,
  ContributorPairsTable,
} from "./ContributorTables.tsx";
import { Card } from "./Cards.tsx";
import { Island } from "./Island.tsx";
import { HistoryNotices } from "./OverviewCards.tsx";
import { Pager } from "./Pager.tsx";

/** Props of {@link ContributorsPage}. */
export interface ContributorsPageProps {
  analysisId: string;
  summary: HistorySummary;
  counts: PeopleCounts;
  people: PersonOwnership[];
  bots: Contributor[];
  dirs: DirectoryOwnership[];
  network: PeopleNetwork;
  /** People drawn in the network. */
  networkLimit: number;
  page: number;
  pages: number;
  pageHref: (page: number) => string;
}

/** Strongest pairs listed under the network. */
const SHOWN_PAIRS = 25;

/** Who wrote the code: cards, truck factor per directory, ownership per person, bots apart, the people network. */
export function ContributorsPage(props: ContributorsPageProps) {
  const { summary, counts, network } = props;
  return (
    <>
      <section class="panel" aria-labelledby="people-numbers">
        <h2 id="people-numbers">People</h2>
        <HistoryNotices history={summary} covers="ownership and the truck factor" />
        <div class="cards">
          <Card value={number.format(counts.people)} label="contributors (aliases merged)" />
          <Card value={number.format(counts.bots)} label="bots, listed apart" />
          <Card value={number.format(summary.commits)} label="commits" />
          <Card value={String(summary.truckFactor)} label="truck factor" />
        </div>
      </section>

      <section class="panel" aria-labelledby="truck-factor">
        <h2 id="truck-factor">Truck factor</h2>
        <p>
          The truck factor is the fewest people whose leaving would leave more than half of the files with nobody who
          knows them (someone "knows" a file when they added at least 20% of its lines; bots never count).
        </p>
        {summary.truckFactorAuthors.length > 0
          ? (
            <p>
              For the whole repository it is <strong>{summary.truckFactor}</strong>:{" "}
              {summary.truckFactorAuthors.join(", ")}.
            </p>
          )
          : <p class="muted">No file of the analysed commit has a human author in the history that was read.</p>}
        {props.dirs.length > 0 && <ContributorDirectoriesTable dirs={props.dirs} />}
      </section>

      <section class="panel" aria-labelledby="ownership">
        <h2 id="ownership">Ownership</h2>
        <p class="muted">
          People by commits. A file's owner is the person who added most of its lines; the share is of the{" "}
          {number.format(counts.ownedFiles)} files that have one.
        </p>
        {props.people.length > 0
          ? <ContributorOwnershipTable people={props.people} />
          : <p class="muted">{counts.people === 0 ? "Only bots made commits." : "Nothing on this page."}</p>}
        <Pager page={props.page} pages={props.pages} href={props.pageHref} label="Pages of people" />
      </section>

      <section class="panel" aria-labelledby="bots">
        <h2 id="bots">Bots</h2>
        {props.bots.length > 0
          ? <ContributorBotsTable bots={props.bots} />
          : <p class="muted">No bot made a commit in this history.</p>}
      </section>

      <section class="panel" aria-labelledby="people-network">
        <h2 id="people-network">Who works with whom</h2>
        {network.pairs.length === 0 ? <p class="muted">No two people changed the same file.</p> : (
          <>
            <p class="graph-noscript muted">The network needs JavaScript; the table below lists the same pairs.</p>
            <Island
              name="PeopleNetwork"
              component={PeopleNetworkIsland}
              props={{ analysisId: props.analysisId, limit: props.networkLimit, people: counts.people }}
            />
            <h3>Strongest pairs</h3>
            <ContributorPairsTable network={network} limit={SHOWN_PAIRS} />
            {network.pairs.length > SHOWN_PAIRS && (
              <p class="muted">
                The {SHOWN_PAIRS} strongest of {number.format(network.pairs.length)} pairs among the{" "}
                {network.people.length} people with the most commits.
              </p>
            )}
          </>
        )}
      </section>
    </>
  );
}
