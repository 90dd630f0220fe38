import assert from "node:assert/strict";
import { type Identity, IdentityResolver, isBot } from "./identity.ts";

/** Resolves each pair in turn; returns the ids handed out. */
function resolveAll(resolver: IdentityResolver, pairs: [string, string][]): number[] {
  return pairs.map(([name, email]) => resolver.resolve(name, email).id);
}

Deno.test("[history] the same pair resolves to the same identity, a new person gets a new id", () => {
  const resolver = new IdentityResolver();
  const a = resolver.resolve("Ada Lovelace", "ada@example.org");
  const b = resolver.resolve("Alan Turing", "alan@example.org");
  const again = resolver.resolve("Ada Lovelace", "ada@example.org");
  assert.deepEqual(a, { id: 0, name: "Ada Lovelace", email: "ada@example.org", isBot: false });
  assert.equal(b.id, 1);
  assert.equal(again.id, a.id);
  assert.deepEqual(resolver.identities().map((i) => i.id), [0, 1]);
});

Deno.test("[history] emails equal case-insensitively, after trimming, are one person", () => {
  const resolver = new IdentityResolver();
  const ids = resolveAll(resolver, [
    ["Ada", "Ada@Example.org"],
    ["A. Lovelace", "  ada@example.ORG "],
    ["Countess", "ada@example.org"],
  ]);
  assert.deepEqual(ids, [0, 0, 0]);
  assert.equal(resolver.identities().length, 1);
});

Deno.test("[history] normalised names of two words are one person: case, accents, dots, underscores, hyphens", () => {
  const resolver = new IdentityResolver();
  const ids = resolveAll(resolver, [
    ["José García", "jose@work.example"],
    ["jose garcia", "jgarcia@home.example"],
    ["JOSE  GARCÍA", "other@example.net"],
    ["jose.garcia", "j@x.example"],
    ["Jose_Garcia", "j2@x.example"],
    ["jose-garcia", "j3@x.example"],
    ["Jose\tGarcia ", "j4@x.example"],
  ]);
  assert.deepEqual(ids, [0, 0, 0, 0, 0, 0, 0]);
});

Deno.test("[history] a decomposed accent and a precomposed one are the same name", () => {
  const resolver = new IdentityResolver();
  const ids = resolveAll(resolver, [
    ["Ren\u00e9 Dupont", "rene@a.example"],
    ["Rene\u0301 Dupont", "rene@b.example"],
  ]);
  assert.deepEqual(ids, [0, 0]);
});

Deno.test("[history] single-word names are not merged on", () => {
  const resolver = new IdentityResolver();
  const ids = resolveAll(resolver, [
    ["alice", "alice@a.example"],
    ["alice", "alice@b.example"],
    ["Alice", "alice@c.example"],
  ]);
  assert.deepEqual(ids, [0, 1, 2]);
});

Deno.test("[history] generic names are never merged on, even with two words", () => {
  const resolver = new IdentityResolver();
  const generic = ["root", "admin", "Administrator", "ubuntu", "user", "unknown", "Your Name", "git", "GitHub"];
  for (const name of generic) {
    const first = resolver.resolve(name, `${name.replace(" ", "")}@one.example`);
    const second = resolver.resolve(name, `${name.replace(" ", "")}@two.example`);
    assert.notEqual(first.id, second.id, name);
  }
  const yourName = resolveAll(resolver, [["your.name", "p@one.example"], ["YOUR NAME", "q@two.example"]]);
  assert.notEqual(yourName[0], yourName[1]);
});

Deno.test("[history] merging is transitive, even when the link arrives last", () => {
  const resolver = new IdentityResolver();
  // A and C share nothing; B shares A's email and C's name, and comes last.
  const a = resolver.resolve("Grace H", "grace@navy.example");
  const c = resolver.resolve("Grace Hopper", "ghopper@yale.example");
  assert.notEqual(a.id, c.id);
  assert.equal(resolver.identities().length, 2);
  const b = resolver.resolve("grace hopper", "GRACE@navy.example");
  assert.equal(b.id, 0);
  assert.equal(resolver.canonical(a.id), 0);
  assert.equal(resolver.canonical(c.id), 0);
  assert.equal(resolver.identities().length, 1);
  // Both old pairs now resolve to the merged identity.
  assert.equal(resolver.resolve("Grace H", "grace@navy.example").id, 0);
  assert.equal(resolver.resolve("Grace Hopper", "ghopper@yale.example").id, 0);
});

Deno.test("[history] a chain of links makes one person, with the lowest id", () => {
  const resolver = new IdentityResolver();
  // Five people, then links between 4-3, 3-2, 2-1, 1-0 in that order.
  const ids = resolveAll(resolver, [0, 1, 2, 3, 4].map((i) => [`Person${i}`, `p${i}@x.example`]));
  assert.deepEqual(ids, [0, 1, 2, 3, 4]);
  resolver.resolve("Link Four", "p4@x.example");
  resolver.resolve("Link Four", "p3@x.example");
  resolver.resolve("Link Three", "p3@x.example");
  resolver.resolve("Link Three", "p2@x.example");
  resolver.resolve("Link Two", "p2@x.example");
  resolver.resolve("Link Two", "p1@x.example");
  assert.deepEqual(resolver.identities().map((i) => i.id), [0, 1]);
  resolver.resolve("Link One", "p1@x.example");
  resolver.resolve("Link One", "p0@x.example");
  assert.deepEqual(resolver.identities().map((i) => i.id), [0]);
  for (const id of ids) assert.equal(resolver.canonical(id), 0);
});

Deno.test("[history] both GitHub noreply forms are one address, keyed on the login case-insensitively", () => {
  const resolver = new IdentityResolver();
  const ids = resolveAll(resolver, [
    ["octo", "12345+Octocat@users.noreply.github.com"],
    ["The Octocat", "octocat@users.noreply.github.com"],
    ["cat", "999+OCTOCAT@users.noreply.github.com"],
    ["Other", "12345+octodog@users.noreply.github.com"],
  ]);
  assert.deepEqual(ids, [0, 0, 0, 1]);
});

Deno.test("[history] shared addresses merge nobody", () => {
  const resolver = new IdentityResolver();
  const ids = resolveAll(resolver, [
    ["Alice", ""],
    ["Bob", ""],
    ["Carol", "you@example.com"],
    ["Dave", "you@example.com"],
    ["Erin", "root@localhost"],
    ["Frank", "root@localhost"],
    ["Gina", "gina@box.(none)"],
    ["Hank", "gina@box.(none)"],
  ]);
  assert.equal(new Set(ids).size, ids.length);
});

Deno.test("[history] bots are detected", () => {
  const bots: [string, string][] = [
    ["dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"],
    ["Someone", "49699333+dependabot[bot]@users.noreply.github.com"],
    ["dependabot-preview", "support@dependabot.com"],
    ["Dependabot", "x@y.example"],
    ["Renovate Bot", "bot@renovateapp.com"],
    ["renovate", "a@b.example"],
    ["renovate-bot", "a@b.example"],
    ["greenkeeper[bot]", "a@b.example"],
    ["snyk-bot", "snyk-bot@snyk.io"],
    ["github-actions", "41898282+github-actions[bot]@users.noreply.github.com"],
    ["GitHub Action", "action@github.com"],
    ["ImgBot", "imgbot@x.example"],
    ["pre-commit-ci[bot]", "66853113+pre-commit-ci[bot]@users.noreply.github.com"],
    ["Mergify", "m@x.example"],
    ["allcontributors", "a@x.example"],
    ["semantic-release-bot", "semantic-release-bot@martynus.net"],
    ["Codecov", "c@x.example"],
    ["Travis-CI", "t@x.example"],
    ["CircleCI", "c@x.example"],
    ["GitLab CI", "ci@gitlab.example"],
    ["Jenkins", "jenkins@ci.example"],
    ["CI Bot", "ci@x.example"],
    ["Build Bot", "build@x.example"],
    ["deploy-bot", "deploy@x.example"],
    ["release_bot", "r@x.example"],
    ["Docs Bot", "d@x.example"],
    ["Release Manager", "release-bot@x.example"],
    ["Someone", "12+weblate-bot@users.noreply.github.com"],
    ["GitHub", "noreply@github.com"],
    ["Actions User", "noreply@github.com"],
  ];
  for (const [name, email] of bots) assert.equal(isBot(name, email), true, `${name} <${email}>`);
});

Deno.test("[history] humans are not bots", () => {
  const humans: [string, string][] = [
    ["Ada Lovelace", "ada@example.org"],
    ["Jean Talbot", "talbot@x.example"], // no separator before "bot"
    ["Robot Jones", "robot@x.example"],
    ["Abbot", "abbot@x.example"],
    ["Jane Doe", "noreply@github.com"], // no bot-like word in the name
    ["bottle", "bottle@x.example"],
    ["Otto", "12+otto@users.noreply.github.com"],
  ];
  for (const [name, email] of humans) assert.equal(isBot(name, email), false, `${name} <${email}>`);
});

Deno.test("[history] a bot never merges with a human, and bots are not merged by name", () => {
  const resolver = new IdentityResolver();
  const human = resolver.resolve("Jane Doe", "jane@x.example");
  // Same email, but a bot.
  const bot = resolver.resolve("release-bot", "jane@x.example");
  assert.notEqual(bot.id, human.id);
  assert.equal(bot.isBot, true);
  assert.equal(human.isBot, false);
  // Same two-word name as a bot, different emails: not merged.
  const ci1 = resolver.resolve("CI Bot", "ci@one.example");
  const ci2 = resolver.resolve("CI Bot", "ci@two.example");
  assert.notEqual(ci1.id, ci2.id);
  // Bots sharing an email are one bot.
  const dep1 = resolver.resolve("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com");
  const dep2 = resolver.resolve("Dependabot", "49699333+dependabot[bot]@users.noreply.github.com");
  assert.equal(dep1.id, dep2.id);
  // A human linked by name to the human identity still stays away from the bot.
  resolver.resolve("jane doe", "jd@home.example");
  const final = resolver.identities();
  assert.equal(final.filter((i) => i.isBot).length, 4);
  assert.deepEqual(final.filter((i) => !i.isBot).map((i) => i.id), [human.id]);
});

Deno.test("[history] the displayed name and email are the most frequent, ties to the first seen", () => {
  const resolver = new IdentityResolver();
  resolver.resolve("L. Torvalds", "torvalds@osdl.example");
  resolver.resolve("Linus Torvalds", "torvalds@osdl.example");
  resolver.resolve("Linus Torvalds", "torvalds@linux.example");
  resolver.resolve("Linus Torvalds", "torvalds@linux.example");
  resolver.resolve("Linus Torvalds", "torvalds@linux.example");
  assert.deepEqual(resolver.identities(), [
    { id: 0, name: "Linus Torvalds", email: "torvalds@linux.example", isBot: false },
  ]);

  const tie = new IdentityResolver();
  tie.resolve("Mary Shelley", "mary@a.example");
  tie.resolve("M. Shelley", "mary@a.example");
  tie.resolve("M. Shelley", "mws@b.example"); // links b to a; b seen later
  tie.resolve("Mary Shelley", "mws@b.example");
  // Names: 2 each, "Mary Shelley" first. Emails: 2 each, a first.
  assert.deepEqual(tie.identities(), [{ id: 0, name: "Mary Shelley", email: "mary@a.example", isBot: false }]);
});

Deno.test("[history] counts survive merges: the merged identity shows the most frequent pair overall", () => {
  const resolver = new IdentityResolver();
  for (let i = 0; i < 3; i++) resolver.resolve("bob", "bob@old.example");
  for (let i = 0; i < 5; i++) resolver.resolve("Robert Smith", "rsmith@new.example");
  assert.equal(resolver.identities().length, 2);
  const linked = resolver.resolve("Robert Smith", "BOB@old.example");
  assert.equal(linked.id, 0);
  assert.deepEqual(linked, { id: 0, name: "Robert Smith", email: "rsmith@new.example", isBot: false });
  // The old email overtakes: 3 + 3 = 6 > 5 ("BOB@old.example" counts apart, as written); "Bob" is not "bob".
  for (let i = 0; i < 3; i++) resolver.resolve("Bob", "bob@old.example");
  assert.deepEqual(resolver.identities(), [{ id: 0, name: "Robert Smith", email: "bob@old.example", isBot: false }]);
});

Deno.test("[history] canonical() rejects an id never handed out", () => {
  const resolver = new IdentityResolver();
  resolver.resolve("Ada Lovelace", "ada@example.org");
  assert.equal(resolver.canonical(0), 0);
  assert.throws(() => resolver.canonical(1), RangeError);
  assert.throws(() => resolver.canonical(-1), RangeError);
});

Deno.test("[history] many calls keep identities() consistent with resolve() and canonical()", () => {
  const resolver = new IdentityResolver();
  const handedOut: { id: number; person: number }[] = [];
  // 2,000 people with 5 aliases each; person p's aliases link by email and by name
  // in a shuffled order, so merges happen late and between big groups.
  const people = 2000;
  const calls: [number, string, string][] = [];
  for (let p = 0; p < people; p++) {
    calls.push([p, `Person${p}`, `p${p}@a.example`]); // single-word name: only the email links
    calls.push([p, `First${p} Last${p}`, `p${p}@b.example`]);
    calls.push([p, `first${p}.last${p}`, `p${p}@c.example`]); // name links to b
    calls.push([p, `Nick${p}`, `P${p}@A.example`]); // email links to a
    calls.push([p, `First${p} Last${p}`, `p${p}@a.example`]); // joins {a} and {b, c}
  }
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = calls.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [calls[i], calls[j]] = [calls[j], calls[i]];
  }
  for (const [person, name, email] of calls) handedOut.push({ id: resolver.resolve(name, email).id, person });
  for (let p = 0; p < 300; p++) resolver.resolve(`release${p}-bot`, `p${p}@a.example`); // bots: never merged in

  const final: Identity[] = resolver.identities();
  const humans = final.filter((i) => !i.isBot);
  assert.equal(humans.length, people);
  assert.equal(final.length, people + 300);
  assert.deepEqual(final.map((i) => i.id), [...final.map((i) => i.id)].sort((a, b) => a - b));
  const finalIds = new Set(final.map((i) => i.id));
  const personOf = new Map<number, number>();
  for (const { id, person } of handedOut) {
    const canonical = resolver.canonical(id);
    assert.ok(finalIds.has(canonical));
    const known = personOf.get(canonical);
    if (known === undefined) personOf.set(canonical, person);
    else assert.equal(known, person);
  }
  assert.equal(personOf.size, people);
  // Every canonical id is the lowest id handed out to that person.
  const lowest = new Map<number, number>();
  for (const { id, person } of handedOut) lowest.set(person, Math.min(lowest.get(person) ?? Infinity, id));
  for (const [canonical, person] of personOf) assert.equal(canonical, lowest.get(person));
  // A repeat of a known pair resolves straight to its final identity.
  for (const identity of humans.slice(0, 50)) {
    const again = resolver.resolve(identity.name, identity.email);
    assert.equal(again.id, identity.id);
  }
});
