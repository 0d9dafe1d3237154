// Sizes of the release build in dist/ (made by `cargo xtask dist`). Sizes are deterministic
// for a given source, so unlike timings they can gate the build. Two measures:
//
// - everything a first visit downloads (index.html and the files it loads), gzip -9;
// - the WASM module after wasm-opt, uncompressed (it is compiled, and kept in memory, at
//   its uncompressed size).
//
// The budgets (100 KB and 300 KB) are not met yet: docs/performance.md has the figures and
// what it would take. Until then this gate enforces CEILINGS, today's sizes with a small
// margin, so the size can only go down; each run prints the distance to the budgets.
// `cargo xtask bench` prints the full table.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUDGETS, CEILINGS, kb, measureFolder, sizeTable } from './lib/sizes.mjs';
import { DIST } from './lib/paths.mjs';


test('the release build does not grow past its size ceilings', (t) => {
  assert.ok(existsSync(path.join(DIST, 'index.html')), `no release build in ${DIST}: run cargo xtask dist`);
  const sizes = measureFolder(DIST);
  const report = [
    sizeTable(sizes),
    `first load, gzip: ${kb(sizes.firstLoad.gzip)} (ceiling ${kb(CEILINGS.firstLoadGzip)}, budget ${kb(BUDGETS.firstLoadGzip)})`,
    `WASM, raw:        ${kb(sizes.wasmRaw)} (ceiling ${kb(CEILINGS.wasmRaw)}, budget ${kb(BUDGETS.wasmRaw)})`,
  ].join('\n');
  for (const line of report.split('\n')) t.diagnostic(line);

  assert.ok(sizes.files.some((f) => f.firstLoad && f.file.endsWith('.wasm')), 'index.html loads no .wasm file');
  const over = [];
  if (sizes.firstLoad.gzip > CEILINGS.firstLoadGzip) {
    over.push(
      `first load is ${kb(sizes.firstLoad.gzip)} gzip, over the ${kb(CEILINGS.firstLoadGzip)} ceiling ` +
        `by ${kb(sizes.firstLoad.gzip - CEILINGS.firstLoadGzip)}`,
    );
  }
  if (sizes.wasmRaw > CEILINGS.wasmRaw) {
    over.push(
      `the WASM is ${kb(sizes.wasmRaw)} raw, over the ${kb(CEILINGS.wasmRaw)} ceiling ` +
        `by ${kb(sizes.wasmRaw - CEILINGS.wasmRaw)}`,
    );
  }
  assert.deepEqual(over, [], 'see docs/performance.md for what dominates the size');
});

test('the first load counts what index.html loads, and only that', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'size-budget-'));
  try {
    mkdirSync(path.join(dir, 'snippets'));
    writeFileSync(
      path.join(dir, 'index.html'),
      '<script type="module" src="./loader-1.js"></script><link rel="stylesheet" href="./main-1.css"/>',
    );
    writeFileSync(path.join(dir, 'loader-1.js'), "import i from './app-1.js';await i({module_or_path:'./app-1_bg.wasm'});");
    writeFileSync(path.join(dir, 'app-1.js'), "import {x} from './snippets/s.js';");
    writeFileSync(path.join(dir, 'snippets', 's.js'), 'export const x = 1;');
    writeFileSync(path.join(dir, 'main-1.css'), 'body{color:red}');
    writeFileSync(path.join(dir, 'app-1_bg.wasm'), randomBytes(4096));
    // Shipped, but never requested by the page.
    writeFileSync(path.join(dir, 'csp.txt'), "script-src 'self' 'wasm-unsafe-eval'");
    writeFileSync(path.join(dir, 'old-app-0.js'), 'export {};');

    const sizes = measureFolder(dir);
    const first = sizes.files.filter((f) => f.firstLoad).map((f) => f.file);
    assert.deepEqual(first, ['app-1.js', 'app-1_bg.wasm', 'index.html', 'loader-1.js', 'main-1.css', 'snippets/s.js']);
    assert.equal(sizes.wasmRaw, 4096);
    // Random bytes do not compress: the gzip total must count them in full.
    assert.ok(sizes.firstLoad.gzip > 4096, `gzip total ${sizes.firstLoad.gzip}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
