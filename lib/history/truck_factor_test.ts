import assert from "node:assert/strict";
import { type Authorship, type FileOwnership, ownership, truckFactor } from "./truck_factor.ts";

/** A file known by exactly these authors (the first is the main author). */
function known(path: string, ...knowers: number[]): FileOwnership {
  return { path, mainAuthorId: knowers[0], mainShare: 1 / knowers.length, authors: knowers.length, knowers };
}

/** `count` files, each known by one author, dealt out in blocks: author ids[0] gets the first block, …. */
function blocks(count: number, ids: number[]): FileOwnership[] {
  const per = count / ids.length;
  return Array.from({ length: count }, (_, i) => known(`f${i}`, ids[Math.floor(i / per)]));
}

Deno.test("[history] no files: truck factor 0", () => {
  assert.deepEqual(truckFactor([]), { value: 0, authors: [] });
  assert.deepEqual(ownership([]), []);
});

Deno.test("[history] one author knowing everything: truck factor 1", () => {
  assert.deepEqual(truckFactor(blocks(7, [3])), { value: 1, authors: [3] });
});

Deno.test("[history] two authors with half the files each: exactly half uncovered is not enough, so 2", () => {
  // Removing author 1 leaves 5 of 10 files uncovered: not more than half.
  assert.deepEqual(truckFactor(blocks(10, [1, 2])), { value: 2, authors: [1, 2] });
});

Deno.test("[history] four authors with a quarter of the files each: 3", () => {
  assert.deepEqual(truckFactor(blocks(8, [4, 3, 2, 1])), { value: 3, authors: [1, 2, 3] });
});

Deno.test("[history] the author knowing the most files goes first", () => {
  const files = [known("a", 5), known("b", 5), known("c", 5), known("d", 1), known("e", 2)];
  // Author 5 alone uncovers 3 of 5 files.
  assert.deepEqual(truckFactor(files), { value: 1, authors: [5] });
});

Deno.test("[history] ties go to the lowest id", () => {
  const files = [known("a", 9), known("b", 7), known("c", 8), known("d", 6)];
  // All know one file each: 6, 7, 8 leave 3 of 4 uncovered.
  assert.deepEqual(truckFactor(files), { value: 3, authors: [6, 7, 8] });
});

Deno.test("[history] a shared file stays covered until every author who knows it is gone", () => {
  // Authors 1 and 2 both know the shared file s; 1 also knows a, 2 also knows b.
  const files = [known("s", 1, 2), known("a", 1), known("b", 2)];
  // Removing 1 uncovers only a (1 of 3); s is still known by 2. Removing 2 uncovers b and s.
  assert.deepEqual(truckFactor(files), { value: 2, authors: [1, 2] });
  // Were s1 and s2 counted as lost with author 1, removing 1 would already uncover 3 of 5.
  const five = [known("s1", 1, 2), known("s2", 2, 1), known("a", 1), known("b", 3), known("c", 4)];
  assert.deepEqual(truckFactor(five), { value: 2, authors: [1, 2] });
});

Deno.test("[history] excluded authors (bots) never know a file; files only they know are uncovered from the start", () => {
  const bot = 99;
  // The bot knows every file; counted, it goes first and is part of the truck factor.
  const files = [known("a", bot), known("b", bot, 1), known("c", bot, 2), known("d", bot, 2)];
  assert.deepEqual(truckFactor(files), { value: 2, authors: [bot, 2] });
  // Excluded: a is uncovered from the start (1 of 4); removing 2 uncovers c and d (3 of 4).
  assert.deepEqual(truckFactor(files, { excludeAuthorIds: new Set([bot]) }), { value: 1, authors: [2] });
  // When the bot alone knows more than half, nobody needs to leave.
  const botHeavy = [known("a", bot), known("b", bot), known("c", bot), known("d", 1)];
  assert.deepEqual(truckFactor(botHeavy, { excludeAuthorIds: new Set([bot]) }), { value: 0, authors: [] });
});

Deno.test("[history] ownership: the main author, their share, the author count", () => {
  const rows: Authorship[] = [
    { path: "b.ts", authorId: 2, added: 30, commits: 1 },
    { path: "b.ts", authorId: 1, added: 70, commits: 4 },
    { path: "a.ts", authorId: 5, added: 10, commits: 1 },
  ];
  assert.deepEqual(ownership(rows), [
    { path: "a.ts", mainAuthorId: 5, mainShare: 1, authors: 1, knowers: [5] },
    { path: "b.ts", mainAuthorId: 1, mainShare: 0.7, authors: 2, knowers: [1, 2] },
  ]);
});

Deno.test("[history] ownership: a knower needs at least 20% of the added lines, exactly 20% counts", () => {
  const rows: Authorship[] = [
    { path: "f", authorId: 1, added: 61, commits: 1 },
    { path: "f", authorId: 2, added: 20, commits: 1 }, // exactly 20%
    { path: "f", authorId: 3, added: 19, commits: 9 }, // just under
  ];
  assert.deepEqual(ownership(rows), [{ path: "f", mainAuthorId: 1, mainShare: 0.61, authors: 3, knowers: [1, 2] }]);
  // Exactly 20% with shares that are not exact in binary: 1 of 5, 3 of 15.
  const fifths = ownership([
    { path: "g", authorId: 1, added: 12, commits: 1 },
    { path: "g", authorId: 2, added: 3, commits: 1 },
  ]);
  assert.deepEqual(fifths[0].knowers, [1, 2]);
});

Deno.test("[history] ownership: the main author always knows the file, even under 20%", () => {
  const rows: Authorship[] = Array.from(
    { length: 6 },
    (_, i) => ({ path: "f", authorId: i + 1, added: 10, commits: 1 }),
  );
  const [file] = ownership(rows);
  // Six equal authors: 16.7% each, nobody reaches 20%; ties to the lowest id.
  assert.equal(file.mainAuthorId, 1);
  assert.deepEqual(file.knowers, [1]);
  assert.equal(file.authors, 6);
});

Deno.test("[history] ownership: ties on lines go to more commits, then to the lowest id", () => {
  const [byCommits] = ownership([
    { path: "f", authorId: 1, added: 50, commits: 1 },
    { path: "f", authorId: 2, added: 50, commits: 3 },
  ]);
  assert.equal(byCommits.mainAuthorId, 2);
  assert.deepEqual(byCommits.knowers, [2, 1]);
  const [byId] = ownership([
    { path: "f", authorId: 8, added: 50, commits: 2 },
    { path: "f", authorId: 4, added: 50, commits: 2 },
  ]);
  assert.equal(byId.mainAuthorId, 4);
  assert.equal(byId.mainShare, 0.5);
});

Deno.test("[history] ownership: a file where no change added a line is weighed by commits", () => {
  const [file] = ownership([
    { path: "empty", authorId: 1, added: 0, commits: 1 },
    { path: "empty", authorId: 2, added: 0, commits: 9 },
  ]);
  assert.deepEqual(file, { path: "empty", mainAuthorId: 2, mainShare: 0.9, authors: 2, knowers: [2] });
});

Deno.test("[history] ownership: rows for the same file and author add up", () => {
  const [file] = ownership([
    { path: "f", authorId: 1, added: 10, commits: 1 },
    { path: "f", authorId: 2, added: 15, commits: 1 },
    { path: "f", authorId: 1, added: 10, commits: 1 },
  ]);
  assert.deepEqual(file, { path: "f", mainAuthorId: 1, mainShare: 20 / 35, authors: 2, knowers: [1, 2] });
});

Deno.test("[history] ownership feeds truckFactor", () => {
  const rows: Authorship[] = [];
  for (let i = 0; i < 4; i++) rows.push({ path: `core${i}`, authorId: 1, added: 100, commits: 5 });
  for (let i = 0; i < 4; i++) rows.push({ path: `ui${i}`, authorId: 2, added: 80, commits: 3 });
  for (let i = 0; i < 4; i++) rows.push({ path: `ui${i}`, authorId: 3, added: 20, commits: 1 }); // knows ui too
  rows.push({ path: "ci.yml", authorId: 50, added: 40, commits: 30 });
  const files = ownership(rows);
  // Without 1: 4 of 9 uncovered. Then 2 goes (knows 4, as many as 3; lower id), but 3 still knows ui*. Then 3.
  assert.deepEqual(truckFactor(files), { value: 3, authors: [1, 2, 3] });
  // With the CI bot excluded, ci.yml is uncovered from the start: 1 alone leaves 5 of 9.
  assert.deepEqual(truckFactor(files, { excludeAuthorIds: new Set([50]) }), { value: 1, authors: [1] });
});
