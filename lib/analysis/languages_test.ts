import assert from "node:assert/strict";
import { categorize, detectLanguage, isBinary } from "./languages.ts";

Deno.test("[languages] detects languages from extensions, case-insensitively", () => {
  const cases: [string, string][] = [
    ["src/app.ts", "TypeScript"],
    ["types/index.d.ts", "TypeScript"],
    ["ui/Button.TSX", "TSX"],
    ["ui/Button.jsx", "JavaScript"],
    ["lib/x.mjs", "JavaScript"],
    ["a.py", "Python"],
    ["include/a.h", "C/C++ Header"],
    ["src/a.hpp", "C++"],
    ["src/a.cc", "C++"],
    ["src/a.c", "C"],
    ["App.cs", "C#"],
    ["build.gradle", "Groovy"],
    ["main.m", "Objective-C"],
    ["main.tf", "Terraform"],
    ["run.BAT", "Batch"],
    ["boot.s", "Assembly"],
    ["api.proto", "Protocol Buffers"],
    ["README.MD", "Markdown"],
    ["notes.txt", "Text"],
    ["index.rst", "reStructuredText"],
    ["install.zsh", "Shell"],
    ["Program.fs", "F#"],
    ["Module.vb", "Visual Basic"],
    ["config.yml", "YAML"],
  ];
  for (const [path, language] of cases) {
    assert.equal(detectLanguage(path), language, path);
  }
});

Deno.test("[languages] returns null for unknown files", () => {
  assert.equal(detectLanguage("data.xyz"), null);
  assert.equal(detectLanguage("LICENSE"), null);
  assert.equal(detectLanguage(".gitignore"), null);
  assert.equal(detectLanguage("bin/tool", "hello world"), null);
});

Deno.test("[languages] recognises well-known file names before extensions", () => {
  assert.equal(detectLanguage("Makefile"), "Makefile");
  assert.equal(detectLanguage("src/GNUmakefile"), "Makefile");
  assert.equal(detectLanguage("Dockerfile"), "Dockerfile");
  assert.equal(detectLanguage("Dockerfile.prod"), "Dockerfile");
  assert.equal(detectLanguage("Gemfile"), "Ruby");
  assert.equal(detectLanguage("Rakefile"), "Ruby");
  assert.equal(detectLanguage("CMakeLists.txt"), "CMake");
  assert.equal(detectLanguage("home/.bashrc"), "Shell");
  assert.equal(detectLanguage("C:\\repo\\Makefile"), "Makefile");
});

Deno.test("[languages] falls back to the shebang for extensionless scripts", () => {
  const cases: [string, string][] = [
    ["#!/usr/bin/env python3", "Python"],
    ["#!/usr/bin/env python3.11", "Python"],
    ["#!/bin/bash", "Shell"],
    ["#!/bin/sh -e", "Shell"],
    ["#!/usr/bin/env node", "JavaScript"],
    ["#!/usr/bin/ruby", "Ruby"],
    ["#!/usr/bin/perl -w", "Perl"],
    ["#!/usr/bin/env -S deno run -A", "TypeScript"],
    ["#! /usr/bin/env LANG=C bash", "Shell"],
  ];
  for (const [line, language] of cases) {
    assert.equal(detectLanguage("bin/tool", line), language, line);
  }
  assert.equal(detectLanguage("bin/tool", "#!/usr/bin/env unknownlang"), null);
  // A known extension wins over a misleading shebang.
  assert.equal(detectLanguage("task.rb", "#!/bin/bash"), "Ruby");
});

Deno.test("[languages] categorizes vendored directories first", () => {
  for (
    const path of [
      "node_modules/left-pad/index.js",
      "app/vendor/lib.rb",
      "third_party/zlib/zlib.c",
      "third-party/x.go",
      "deps/a.ex",
      "bower_components/jquery/dist/jquery.min.js",
    ]
  ) {
    assert.equal(categorize(path, detectLanguage(path)), "vendored", path);
  }
  assert.equal(categorize("src/vendors.ts", "TypeScript"), "code");
});

Deno.test("[languages] categorizes bundles, lock files and codegen as generated", () => {
  for (
    const path of [
      "dist/app.min.js",
      "static/site.min.css",
      "public/app.bundle.js",
      "package-lock.json",
      "yarn.lock",
      "pnpm-lock.yaml",
      "Cargo.lock",
      "Gemfile.lock",
      "poetry.lock",
      "composer.lock",
      "go.sum",
      "deno.lock",
      "api/v1/api.pb.go",
      "proto/msg_pb2.py",
      "lib/model.g.dart",
      "Forms/Main.Designer.cs",
      "tests/fixtures/app.min.js",
    ]
  ) {
    assert.equal(categorize(path, detectLanguage(path)), "generated", path);
  }
});

Deno.test("[languages] categorizes test directories and test file names", () => {
  for (
    const path of [
      "test/helpers.ts",
      "pkg/tests/a.rs",
      "src/__tests__/App.jsx",
      "spec/models/user.rb",
      "specs/a.js",
      "pkg/server_test.go",
      "lib/analysis/line_count_test.ts",
      "test_parser.py",
      "parser_test.py",
      "src/App.test.tsx",
      "src/app.test.js",
      "src/app.spec.ts",
      "src/main/java/FooTest.java",
      "Project/FooTests.cs",
      "lib/user_spec.rb",
      "tests/fixtures/data.json",
    ]
  ) {
    assert.equal(categorize(path, detectLanguage(path)), "test", path);
  }
  assert.equal(categorize("src/Contest.java", "Java"), "code");
  assert.equal(categorize("src/latest.ts", "TypeScript"), "code");
  assert.equal(categorize("src/attestation.py", "Python"), "code");
});

Deno.test("[languages] categorizes prose and non-code under docs/ as docs", () => {
  assert.equal(categorize("README.md", "Markdown"), "docs");
  assert.equal(categorize("CHANGES.rst", "reStructuredText"), "docs");
  assert.equal(categorize("notes.txt", "Text"), "docs");
  assert.equal(categorize("docs/diagram.png", null), "docs");
  assert.equal(categorize("doc/site.yml", "YAML"), "docs");
  assert.equal(categorize("docs/conf.py", "Python"), "code");
});

Deno.test("[languages] categorizes data formats and dotfiles as config", () => {
  for (
    const path of [
      "package.json",
      "deno.json",
      ".github/workflows/ci.yml",
      "Cargo.toml",
      "setup.ini",
      "pom.xml",
      "Dockerfile",
      ".editorconfig",
      ".gitignore",
      ".bashrc",
    ]
  ) {
    assert.equal(categorize(path, detectLanguage(path)), "config", path);
  }
});

Deno.test("[languages] categorizes other known languages as code, unknown as other", () => {
  assert.equal(categorize("Makefile", "Makefile"), "code");
  assert.equal(categorize("src/main.rs", "Rust"), "code");
  assert.equal(categorize("bin/tool", "Shell"), "code");
  assert.equal(categorize("LICENSE", null), "other");
  assert.equal(categorize("assets/logo.png", null), "other");
});

Deno.test("[languages] isBinary: a NUL byte anywhere makes a file binary", () => {
  assert.equal(isBinary(new Uint8Array([0x47, 0x49, 0x46, 0x00, 0x01])), true);
  assert.equal(isBinary(new TextEncoder().encode("plain text\n")), false);
  assert.equal(isBinary(new Uint8Array(0)), false);
  const late = new Uint8Array(9000).fill(0x61);
  assert.equal(isBinary(late), false);
  // Past git's 8,000-byte window too: Postgres text cannot hold a NUL, so such a file is never parsed.
  late[8500] = 0;
  assert.equal(isBinary(late), true);
});
