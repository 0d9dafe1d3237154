// Sizes of the release build in dist/ (made by `cargo xtask dist`), for a participant's card
// page and for the facilitator's page. Sizes are deterministic for a given source, so unlike
// timings they can gate the build. Two measures per page:
//
// - everything a first visit downloads (the page and the files it loads), gzip -9;
// - the page's WASM module after wasm-opt, uncompressed (it is compiled, and kept in
//   memory, at its uncompressed size).
//
// The gate enforces CEILINGS, today's sizes with a small margin, so the sizes can only go
// down; each run prints the card page's distance to its budget (docs/performance.md).
// `cargo xtask bench` prints the full tables.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUDGETS, CEILINGS, PAGES, kb, measureFolder, sizeTable } from './lib/sizes.mjs';
import { DIST, ROOT } from './lib/paths.mjs';

/**
 * The failure message of a page over its ceilings. The ceilings assume the WASMs built with
 * the standard library rebuilt for size; a machine that could not do that (no `rust-src`)
 * builds them the ordinary way, and `cargo xtask` records why (xtask/src/size_build.rs).
 */
function whyOver() {
  const marker = path.join(ROOT, 'target', 'wasm-size-build.txt');
  const [build, reason] = existsSync(marker) ? readFileSync(marker, 'utf8').split('\n') : [];
  if (build === 'ordinary') {
    return `the WASMs were built the ordinary way, without the standard library rebuilt for size: ${reason}`;
  }
  return 'see docs/performance.md for what dominates the size';
}

for (const [kind, entry] of Object.entries(PAGES)) {
  test(`the ${kind} page does not grow past its size ceilings`, (t) => {
    assert.ok(existsSync(path.join(DIST, entry)), `no ${entry} in ${DIST}: run cargo xtask dist`);
    const sizes = measureFolder(DIST, entry);
    const ceiling = CEILINGS[kind];
    const budget = BUDGETS[kind]?.firstLoadGzip;
    const report = [
      sizeTable(sizes),
      `first load, gzip: ${kb(sizes.firstLoad.gzip)} (ceiling ${kb(ceiling.firstLoadGzip)}` +
        (budget ? `, budget ${kb(budget)})` : ')'),
      `WASM, raw:        ${kb(sizes.wasmRaw)} (ceiling ${kb(ceiling.wasmRaw)})`,
    ].join('\n');
    for (const line of report.split('\n')) t.diagnostic(line);

    const wasm = sizes.files.filter((f) => f.firstLoad && f.file.endsWith('.wasm')).map((f) => f.file);
    assert.equal(wasm.length, 1, `${entry} loads one .wasm file, not ${JSON.stringify(wasm)}`);
    const over = [];
    if (sizes.firstLoad.gzip > ceiling.firstLoadGzip) {
      over.push(
        `first load is ${kb(sizes.firstLoad.gzip)} gzip, over the ${kb(ceiling.firstLoadGzip)} ceiling ` +
          `by ${kb(sizes.firstLoad.gzip - ceiling.firstLoadGzip)}`,
      );
    }
    if (sizes.wasmRaw > ceiling.wasmRaw) {
      over.push(
        `the WASM is ${kb(sizes.wasmRaw)} raw, over the ${kb(ceiling.wasmRaw)} ceiling ` +
          `by ${kb(sizes.wasmRaw - ceiling.wasmRaw)}`,
      );
    }
    assert.deepEqual(over, [], whyOver());
  });
}

test('a card page loads none of the workshop', () => {
  const card = measureFolder(DIST, PAGES.card).files.filter((f) => f.firstLoad).map((f) => f.file);
  const workshop = measureFolder(DIST, PAGES.workshop).files.filter((f) => f.firstLoad).map((f) => f.file);
  const workshopOnly = workshop.filter((f) => /\.(wasm|js)$/.test(f) && !card.includes(f));
  assert.ok(workshopOnly.some((f) => f.endsWith('.wasm')), 'the workshop page has a WASM of its own');
  assert.deepEqual(card.filter((f) => workshopOnly.includes(f)), []);
});

test('the first load counts what the page loads, and only that', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'size-budget-'));
  try {
    mkdirSync(path.join(dir, 'snippets'));
    writeFileSync(
      path.join(dir, 'index.html'),
      '<script type="module" src="./loader-1.js"></script><link rel="stylesheet" href="./main-1.css"/>' +
        '<a href="other.html">another page</a>' +
        '<p id="dc-offline" data-template="offline/card-1.html" data-wasm="./whole-1_bg.wasm" ' +
        'data-whole-glue="./whole-1.js" data-whole-wasm="./whole-1_bg.wasm"></p>',
    );
    writeFileSync(path.join(dir, 'other.html'), '<script type="module" src="./other-1.js"></script>');
    writeFileSync(path.join(dir, 'other-1.js'), 'export {};');
    writeFileSync(path.join(dir, 'loader-1.js'), "import i from './app-1.js';await i({module_or_path:'./app-1_bg.wasm'});");
    writeFileSync(path.join(dir, 'app-1.js'), "import {x} from './snippets/s.js';import * as p from './parts-1.js';");
    writeFileSync(path.join(dir, 'snippets', 's.js'), 'export const x = 1;');
    writeFileSync(path.join(dir, 'main-1.css'), 'body{color:red}');
    writeFileSync(path.join(dir, 'app-1_bg.wasm'), randomBytes(4096));
    // The parts of a split WASM: the loader comes with the page, each part when reached for
    // (as the build writes it, and as esbuild minifies it into the page's one module).
    writeFileSync(
      path.join(dir, 'parts-1.js'),
      'import { initSync } from "./app-1.js"; fetch(new URL("./split_share-1.wasm", import.meta.url));' +
        'fetch(new URL("./chunk_2-1.wasm",import.meta.url));',
    );
    writeFileSync(path.join(dir, 'split_share-1.wasm'), randomBytes(1024));
    writeFileSync(path.join(dir, 'chunk_2-1.wasm'), randomBytes(1024));
    // The app in one module, for the page as one file: fetched only when asked for.
    writeFileSync(path.join(dir, 'whole-1.js'), "new URL('whole-1_bg.wasm', import.meta.url);");
    writeFileSync(path.join(dir, 'whole-1_bg.wasm'), randomBytes(2048));
    // Shipped, but never requested by the page.
    writeFileSync(path.join(dir, 'csp.txt'), "script-src 'self' 'wasm-unsafe-eval'");
    writeFileSync(path.join(dir, 'old-app-0.js'), 'export {};');

    const sizes = measureFolder(dir, 'index.html');
    const first = sizes.files.filter((f) => f.firstLoad).map((f) => f.file);
    assert.deepEqual(first, [
      'app-1.js',
      'app-1_bg.wasm',
      'index.html',
      'loader-1.js',
      'main-1.css',
      'parts-1.js',
      'snippets/s.js',
    ]);
    assert.equal(sizes.wasmRaw, 4096);
    // Random bytes do not compress: the gzip total must count them in full.
    assert.ok(sizes.firstLoad.gzip > 4096, `gzip total ${sizes.firstLoad.gzip}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
