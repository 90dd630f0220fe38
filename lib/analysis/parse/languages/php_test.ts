import assert from "node:assert/strict";
import { extractStructure, type FileStructure } from "../extract.ts";
import { createParser } from "../tree_sitter.ts";
import { php } from "./php.ts";

const parser = await createParser("php");

function parse(text: string): FileStructure {
  return extractStructure(php, parser, text);
}

/** What lizard reports per function: qualified name, first and last line, CCN, parameters. */
function summary(text: string): [string, number, number, number, number][] {
  return parse(text).functions.map((f) => [f.qualifiedName, f.startLine, f.endLine, f.ccn, f.params]);
}

// String.raw keeps the namespace backslashes.
const BILLING = String.raw`<?php
namespace App\Billing;

use App\Models\Invoice;
use App\Support\{Money, Clock as SystemClock};
use function App\Support\format_money;
use const App\Support\VERSION;

require_once __DIR__ . '/bootstrap.php';
require 'config.php';
include_once "helpers.php";
include $dynamic;

/**
 * Classifies an amount.
 */
function classify(int $amount, bool $strict = false): string
{
    if ($amount < 0 && $strict) {
        return 'negative';
    } elseif ($amount === 0 || !$strict) {
        return 'zero';
    } else if ($amount > 1000 and $strict) {
        return 'large';
    } else {
        return 'positive';
    }
}

function total(array $items, ?Clock $clock = null, ...$extra): int
{
    $sum = 0;
    foreach ($items as $item) {
        for ($i = 0; $i < $item->qty; $i++) {
            $sum += $item->price;
        }
    }
    while ($sum > 100) { $sum -= 10; }
    do { $sum++; } while ($sum < 0);
    switch ($clock?->zone()) {
        case 'UTC':
            break;
        case 'CET':
            $sum += 1;
            break;
        default:
            break;
    }
    $rate = $sum > 50 ? 2 : 1;
    $name = $clock?->name ?? 'none';
    $zone = $clock ?: 'local';
    try {
        return $sum * $rate;
    } catch (\TypeError | \ValueError $e) {
        return 0;
    } finally {
        $clock = null;
    }
}

function label(int $code): string
{
    return match (true) {
        $code >= 500 => 'server',
        $code >= 400, $code === 0 => 'client',
        default => 'ok',
    };
}
`;

Deno.test("[parse] php: elseif chains, loops, switch, ternaries and match count as in lizard", () => {
  assert.deepEqual(summary(BILLING), [
    // 1 + if + && + elseif + || + else-if + and (lizard does not count the keyword form: 6)
    ["classify", 17, 28, 7, 2],
    // 1 + foreach + for + while + do-while + case + case + ternary + catch; default, ?->, ?? and ?: add nothing
    // (lizard also counts the `?` of the nullable type `?Clock`: 10)
    ["total", 30, 59, 9, 3],
    // 1 + two arms; default adds nothing (in a function body lizard counts only the `match`: 2)
    ["label", 61, 68, 3, 1],
  ]);
  assert.equal(parse(BILLING).functions[0].doc, "/**\n * Classifies an amount.\n */");
});

Deno.test("[parse] php: use, require and include are imports", () => {
  assert.deepEqual(parse(BILLING).imports, [
    { module: "App\\Models\\Invoice", line: 4, kind: "use" },
    { module: "App\\Support\\Money", line: 5, kind: "use" },
    { module: "App\\Support\\Clock", line: 5, kind: "use" },
    { module: "App\\Support\\format_money", line: 6, kind: "use" },
    { module: "App\\Support\\VERSION", line: 7, kind: "use" },
    // the literal tail of `__DIR__ . '/bootstrap.php'`
    { module: "/bootstrap.php", line: 9, kind: "require" },
    { module: "config.php", line: 10, kind: "require" },
    { module: "helpers.php", line: 11, kind: "include" },
    // `include $dynamic` names no file and is left out (line 12)
  ]);
});

const CLASSES = `<?php

#[Entity]
final class Ledger extends Base implements Countable
{
    use Auditable;

    public function __construct(private array $rows = []) {}

    /** Adds a row. */
    public function add(array $row): static
    {
        $this->rows[] = $row;
        return $this;
    }

    #[Route('/ledger')]
    public function count(): int
    {
        $filter = function ($row) use ($min) {
            return $row['amount'] > $min ? 1 : 0;
        };
        $positive = fn($row) => $row['amount'] > 0 && $row['ok'];
        return count(array_filter($this->rows, $filter));
    }
}

interface Countable
{
    public function count(): int;
}

trait Auditable
{
    public function audit(): void
    {
        if ($this->dirty) {
            log('x');
        }
    }
}

enum Status: string
{
    case Open = 'open';

    public function label(): string
    {
        return ucfirst($this->value);
    }
}
`;

Deno.test("[parse] php: methods are qualified by their class, trait or enum; closures in them are theirs", () => {
  const structure = parse(CLASSES);
  assert.deepEqual(summary(CLASSES), [
    // a promoted constructor property is a parameter
    ["Ledger::__construct", 8, 8, 1, 1],
    ["Ledger::add", 11, 15, 1, 1],
    // it starts below its attribute, at `public function count(`, as in lizard; the closure and the
    // arrow function are part of it, as in lizard: 1 + the closure's ternary + the arrow function's &&
    ["Ledger::count", 18, 25, 3, 0],
    // the interface's method has no body and is not a function (lizard loses the rest of the file
    // after it: a `;` after a return type does not end its function)
    ["Auditable::audit", 35, 40, 2, 0],
    ["Status::label", 47, 50, 1, 0],
  ]);
  assert.deepEqual(structure.classes.map((c) => [c.qualifiedName, c.kind, c.startLine, c.endLine]), [
    ["Ledger", "class", 3, 26],
    ["Countable", "interface", 28, 31],
    ["Auditable", "trait", 33, 41],
    ["Status", "enum", 43, 51],
  ]);
  assert.equal(structure.functions[1].doc, "/** Adds a row. */");
  // The lines above `public function count(` are not its code; the closures' lines are.
  assert.equal(structure.functions[2].nloc, 8);
});

const ROUTES = String.raw`<?php
use App\Http\Controllers\Home;

$format = function (float $amount, string $currency = 'EUR'): string {
    return $amount < 0 ? "-$currency" : $currency;
};

spl_autoload_register(function ($class) {
    if (str_starts_with($class, 'App\\') || $class === 'Boot') {
        require __DIR__ . '/src/' . $class . '.php';
    }
});

Route::get('/', function () {
    return array_map(fn($row) => $row ?: null, rows());
})->name('home');

return static function (Config $config) {
    $config->set('debug', getenv('DEBUG') && true);
};

$double = fn($x) => $x > 0 ? $x * 2 : 0;
`;

Deno.test("[parse] php: a closure written at file level is a function, named after its variable", () => {
  assert.deepEqual(summary(ROUTES), [
    // 1 + ternary (lizard reports 1 parameter for every function: 1)
    ["$format", 4, 6, 2, 2],
    // passed to a call, it is anonymous; 1 + if + ||
    ["(anonymous)", 8, 12, 3, 1],
    // one link down a call chain; the arrow function inside is part of it, and `?:` adds nothing
    ["(anonymous)", 14, 16, 1, 0],
    // returned, as a config file does; 1 + &&
    ["(anonymous)", 18, 20, 2, 1],
    // an arrow function is never a function of its own, at file level neither (lizard skips `fn`)
  ]);
});

const ERRORS = `<html><?php function inline($x) { return $x ? 1 : 0; } ?></html>
<?php
function before($a) { return $a || 1; }
function broken($a { if ($a) { }
function after($b) {
    if ($b) { return 1; }
    return 2;
}
`;

Deno.test("[parse] php: inline HTML is skipped and functions after a syntax error are still found", () => {
  const structure = parse(ERRORS);
  // the file's root, an ERROR rather than a program, and the `)` tree-sitter inserts after `broken($a`
  assert.equal(structure.parseErrors, 2);
  // The unclosed parameter list swallows `broken`; `after` survives (lizard loses both).
  assert.deepEqual(summary(ERRORS), [
    ["inline", 1, 1, 2, 1],
    ["before", 3, 3, 2, 1],
    ["after", 5, 8, 2, 1],
  ]);
});
