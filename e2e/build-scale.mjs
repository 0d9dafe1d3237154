// The build of a library of hundreds: `cargo xtask dist` of libraries of 3, 50 and 200 cards
// (the seed card and generated copies of it), each timed as a whole and step by step, with
// the size of what it makes. For the largest, the library page is opened: a screenshot, and
// its search must find a card by an unaccented word of its accented title. Last, a library in
// which cards share ids must fail to build, naming every clash at once.
//
//   node e2e/build-scale.mjs [--cards 3,50,200] [--keep]
//
// The libraries are written to target/scale/<n>/content and built into target/scale/<n>/
// (dist/ and dist-single/), which --keep leaves for a look. docs/performance.md has the
// figures of a run. Timings depend on the machine: the apps' step (Trunk, wasm-opt) costs the
// same whatever the number of cards; what a card adds is in the other steps.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, screenshot } from './lib/browser.mjs';
import { LIVE } from './lib/card.mjs';
import { ROOT } from './lib/paths.mjs';
import { serve } from './lib/server.mjs';
import { table } from './lib/sizes.mjs';

const SEED = path.join(ROOT, 'content', 'model-api-vs-self-hosted.toml');
const SCALE = path.join(ROOT, 'target', 'scale');
/** Words the generated titles take turns with: accented, so the search must fold them. */
const TEAMS = ['Équipe données', 'Plateforme', 'Sécurité', 'Produit', 'Réseau'];

function parseArgs(argv) {
  const options = { cards: [3, 50, 200], keep: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--cards') {
      options.cards = (argv[++i] ?? '').split(',').map(Number);
      if (!options.cards.every((n) => Number.isInteger(n) && n >= 1)) throw new Error('--cards takes whole numbers, as 3,50,200');
    } else if (argv[i] === '--keep') options.keep = true;
    else throw new Error(`unknown argument: ${argv[i]}`);
  }
  return options;
}

/**
 * The seed card as the `n`th card of a generated library: its own id, title and group (set
 * among the top-level keys, before the first table), the rest as it is.
 */
export function copyOfSeed(seed, n) {
  const team = TEAMS[n % TEAMS.length];
  const split = seed.search(/^\[/m);
  const top = seed
    .slice(0, split)
    .replace(/^id = ".*"$/m, `id = "copy-${String(n).padStart(3, '0')}"`)
    .replace(/^title = ".*"$/m, `title = "Model API vs Self-Hosted Model, ${team} ${n}"`);
  return `${top.trimEnd()}\ngroup = "${team}"\n\n${seed.slice(split)}`;
}

/** A library of `count` cards: the seed and `count - 1` copies. */
function writeLibrary(dir, count, { clash = [] } = {}) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const seed = readFileSync(SEED, 'utf8');
  writeFileSync(path.join(dir, 'model-api-vs-self-hosted.toml'), seed);
  for (let n = 1; n < count; n++) {
    let text = copyOfSeed(seed, n);
    // A clash: this copy takes the id of another.
    const other = clash.find(([from]) => from === n)?.[1];
    if (other !== undefined) text = text.replace(/^id = ".*"$/m, `id = "copy-${String(other).padStart(3, '0')}"`);
    writeFileSync(path.join(dir, `copy-${String(n).padStart(3, '0')}.toml`), text);
  }
}

function folderSize(dir) {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = folderSize(full);
      bytes += inner.bytes;
      files += inner.files;
    } else {
      bytes += statSync(full).size;
      files += 1;
    }
  }
  return { bytes, files };
}

function xtaskDist(content, out) {
  const started = performance.now();
  const run = spawnSync('cargo', ['xtask', 'dist', '--content', content, '--out', out], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { seconds: (performance.now() - started) / 1000, ...run };
}

const mb = (bytes) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const rows = [];
  let largest;
  for (const count of options.cards) {
    const dir = path.join(SCALE, String(count));
    writeLibrary(path.join(dir, 'content'), count);
    console.log(`building ${count} cards…`);
    const run = xtaskDist(path.join(dir, 'content'), dir);
    if (run.status !== 0) throw new Error(`the build of ${count} cards failed:\n${run.stderr.slice(-4000)}`);
    const steps = run.stdout.match(/^release build done in .*$/m)?.[0] ?? '';
    const dist = folderSize(path.join(dir, 'dist'));
    const single = folderSize(path.join(dir, 'dist-single'));
    const library = statSync(path.join(dir, 'dist', 'index.html')).size;
    rows.push([
      String(count),
      `${run.seconds.toFixed(1)} s`,
      steps.replace(/^release build done in [\d.]+s \((.*)\)$/, '$1'),
      `${mb(dist.bytes)} (${dist.files} files)`,
      `${(library / 1024).toFixed(1)} KB`,
      mb(single.bytes),
    ]);
    largest = { count, dir };
  }
  console.log(`\n${table(['cards', 'cargo xtask dist', 'steps', 'dist/', 'library page', 'dist-single/'], rows)}`);

  // The library of the largest run, as a reader finds a card in it.
  const server = await serve({ root: path.join(largest.dir, 'dist') });
  const browser = await launchBrowser();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(server.url);
    await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
    await screenshot(page, `library-${largest.count}-cards`, { fullPage: false });
    const wanted = `Model API vs Self-Hosted Model, ${TEAMS[2]} 7`;
    // "securite 7" (no accent, lower case) finds "Sécurité 7".
    await page.locator('[data-testid="library-search"]').fill('securite 7');
    const found = page.locator('.dc-library a', { hasText: wanted });
    await found.first().waitFor({ timeout: 10_000 });
    console.log(`search "securite 7" finds "${wanted}": ${await page.locator('[data-testid="library-count"]').textContent()}`);
    await screenshot(page, `library-${largest.count}-cards-search`, { fullPage: false });
  } finally {
    await browser.close();
    await server.close();
  }

  // Cards that share ids: every clash in one failed build.
  const clashing = path.join(SCALE, 'clash');
  writeLibrary(path.join(clashing, 'content'), 200, { clash: [[10, 20], [30, 40], [199, 1]] });
  const run = xtaskDist(path.join(clashing, 'content'), clashing);
  assert.notEqual(run.status, 0, 'a library with shared ids built');
  const clashes = run.stderr.match(/^.*card id `[^`]+` is already used by .*$/gm) ?? [];
  console.log(`\n200 cards, 3 of them sharing an id with another: the build fails, naming ${clashes.length}:\n  ${clashes.join('\n  ')}`);
  assert.equal(clashes.length, 3, run.stderr.slice(-4000));

  if (!options.keep) rmSync(SCALE, { recursive: true, force: true });
}

await main();
