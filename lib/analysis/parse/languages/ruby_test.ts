import assert from "node:assert/strict";
import { extractStructure, type FileStructure } from "../extract.ts";
import { createParser } from "../tree_sitter.ts";
import { ruby } from "./ruby.ts";

const parser = await createParser("ruby");

function parse(text: string): FileStructure {
  return extractStructure(ruby, parser, text);
}

/** What lizard reports per function: qualified name, first and last line, CCN, parameters. */
function summary(text: string): [string, number, number, number, number][] {
  return parse(text).functions.map((f) => [f.qualifiedName, f.startLine, f.endLine, f.ccn, f.params]);
}

const BILLING = `require "json"
require_relative "support/helpers"
load "tasks.rb"
autoload :Parser, "app/parser"
require "lib/#{name}"

module Billing
  # Computes invoice totals.
  class Invoice < Base
    attr_reader :lines

    def initialize(lines, currency = "EUR", *rest, strict:, **opts, &block)
      @lines = lines
      @currency ||= currency
    end

    # Where the invoice stands after some days.
    def status(days)
      if days > 90 && !paid?
        :written_off
      elsif days > 30 || disputed?
        :overdue
      elsif days.zero?
        :due
      else
        :current
      end
    end

    def self.parse(text)
      JSON.parse(text)
    rescue JSON::ParserError
      nil
    end

    class << self
      def empty(currency)
        new([], currency) unless currency.nil?
      end
    end
  end
end
`;

Deno.test("[parse] ruby: methods are qualified by module and class, `def self.x` is self.x", () => {
  const structure = parse(BILLING);
  assert.deepEqual(summary(BILLING), [
    // every kind of parameter counts (lizard misses the required keyword `strict:`: 5); 1 + ||=
    ["Billing::Invoice::initialize", 12, 15, 2, 6],
    // 1 + if + && + elsif + || + elsif (else adds nothing)
    ["Billing::Invoice::status", 18, 28, 6, 1],
    // 1 + the method body's rescue
    ["Billing::Invoice::self.parse", 30, 34, 2, 1],
    // a method of `class << self` keeps its own name, as in lizard; 1 + unless modifier (lizard misses unless: 1)
    ["Billing::Invoice::empty", 37, 39, 2, 1],
  ]);
  assert.deepEqual(structure.classes.map((c) => [c.qualifiedName, c.kind, c.startLine, c.endLine, c.doc]), [
    ["Billing", "module", 7, 42, null],
    ["Billing::Invoice", "class", 9, 41, "# Computes invoice totals."],
  ]);
  assert.equal(structure.functions[1].doc, "# Where the invoice stands after some days.");
});

Deno.test("[parse] ruby: require, require_relative, load and autoload are imports", () => {
  assert.deepEqual(parse(BILLING).imports, [
    { module: "json", line: 1, kind: "require" },
    { module: "support/helpers", line: 2, kind: "require_relative" },
    { module: "tasks.rb", line: 3, kind: "load" },
    { module: "app/parser", line: 4, kind: "require" },
    // an interpolated path names no file and is left out (line 5)
  ]);
});

const FLOW = `def total(items)
  sum = 0
  items.each do |item|
    next if item.nil?
    sum += item.price unless item.free?
  end
  sum -= 1 while sum > 1000
  discount = sum > 100 ? 10 : 0
  sum - discount
end

def kind(value)
  case value
  when Integer, Float then :number
  when String then :text
  when nil then :none
  else :other
  end
end

def shape(point)
  case point
  in [x, y] if x == y then :diagonal
  in [x, y] then :plane
  in {x:} then :axis
  end
end

def fetch(url)
  attempts = 0
  begin
    get(url)
  rescue Timeout::Error
    attempts += 1
    retry if attempts < 3 and online?
  ensure
    close
  end
  until done? do wait end
  for page in pages do read(page) end
end
`;

Deno.test("[parse] ruby: modifiers, case/when, case/in, rescue and blocks count as in lizard", () => {
  assert.deepEqual(summary(FLOW), [
    // an iterator block belongs to its method: 1 + if modifier + unless modifier + while modifier + ternary
    // (lizard misses unless: 4)
    ["total", 1, 10, 5, 1],
    // 1 + three whens (else adds nothing); lizard ends the def at the case's `end` (line 18)
    ["kind", 12, 19, 4, 1],
    // 1 + three ins + the if guard (lizard counts only the guard: 2)
    ["shape", 21, 27, 5, 1],
    // 1 + rescue + if modifier + and + ensure + until + for
    ["fetch", 29, 41, 7, 1],
  ]);
});

const BLOCKS = `def handlers
  on_ok = ->(res) { res.ok? && log(res) }
  on_err = lambda { |err| err.retry? ? retry_later(err) : raise(err) }
  fallback = proc { |x, y| x || y }
  strict = Proc.new { |a| a.nil? or a.empty? }
  [on_ok, on_err, fallback, strict]
end

class Flags
  define_method(:reset) do |hard = false|
    @flags = [] if hard
  end
end

describe Invoice do
  context "when late" do
    it "is overdue after 30 days" do |example|
      expect(invoice.status(31)).to eq(:overdue) if ENV["SLOW"]
    end
  end
  it { is_expected.to be_valid }
end
`;

Deno.test("[parse] ruby: lambdas, procs and define_method belong to their method; RSpec examples are functions", () => {
  const structure = parse(BLOCKS);
  assert.deepEqual(summary(BLOCKS), [
    // lambdas and procs are part of the method, as in lizard: 1 + && + ternary + || + or
    ["handlers", 1, 7, 5, 0],
    // define_method's block is no function (nor in lizard); its if counts for no function.
    // An `it` block is lizard's one block function, named by its description; `|example|` is RSpec's
    // to pass, so no parameter (lizard: 0); 1 + if modifier
    ['"is overdue after 30 days"', 17, 19, 2, 0],
    ["it", 21, 21, 1, 0],
  ]);
  // The lambdas' lines are the method's code.
  assert.equal(structure.functions[0].nloc, 7);
});

const ERRORS = `def good(a)
  a || 1
end

def broken(
  if x then
end

def after(b)
  return 1 if b
  2
end
`;

Deno.test("[parse] ruby: functions after a syntax error are still found", () => {
  const structure = parse(ERRORS);
  assert.equal(structure.parseErrors, 1);
  // The unclosed parameter list swallows `broken`; `after` survives (lizard reads `broken` on to the
  // end of the file and misses `after`).
  assert.deepEqual(summary(ERRORS), [
    ["good", 1, 3, 2, 1],
    ["after", 9, 12, 2, 1],
  ]);
});
