// The benchmark behind `cargo xtask bench` (which makes the release build first). It can
// also run on its own against an existing build:
//
//   node e2e/bench.mjs [--dist dist] [--single dist-single] [--loads 20] [--inputs 200]
//                      [--out bench-results.json] [--sizes-only]
//
// It measures, and prints as tables:
//
// - sizes: every file of dist/ raw, gzip -9 and brotli 11, and the first-load total (what
//   a first visit downloads); the single-file build in dist-single/ too, if it exists;
// - start-up: for each of --loads fresh page loads (a new browser context each time, so no
//   cache and no storage) from a local static server, the time from navigation start to
//   the verdict being on screen, and to the app being interactive: a factor slider moved
//   and the verdict's text changed in response. Median and p95;
// - slider to verdict: in one loaded page, --inputs slider `input` events, each timed from
//   just before dispatching it to the moment the verdict's text has changed (a
//   MutationObserver callback). p50, p95 and max;
// - memory after load: the JS heap (Chromium's Runtime.getHeapUsage) and the WASM linear
//   memory.
//
// The figures also go to --out as JSON (bench-results.json by default; gitignored), and when
// that file already holds an earlier run, the main figures are compared with it.
//
// Timings depend on the machine and on what else it is doing: the load average at start is
// recorded with the results. Only sizes are budgets (e2e/size-budget.test.mjs); timings are
// reported here and in docs/performance.md, not asserted.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './lib/server.mjs';
import { CHROMIUM_PATH, launchBrowser } from './lib/browser.mjs';
import { BUDGETS, PAGES, kb, listFiles, measureFolder, sizeTable, table, brotliSize, gzipSize } from './lib/sizes.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VERDICT = '[data-testid="verdict"]';
// A key-factor slider: moving one from end to end always moves the score.
const SLIDER = '.dc-factors input[type="range"]';

function parseArgs(argv) {
  const options = {
    dist: path.join(ROOT, 'dist'),
    single: path.join(ROOT, 'dist-single'),
    loads: 20,
    inputs: 200,
    out: path.join(ROOT, 'bench-results.json'),
    sizesOnly: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--dist') options.dist = path.resolve(value());
    else if (arg === '--single') options.single = path.resolve(value());
    else if (arg === '--loads') options.loads = positive(arg, value());
    else if (arg === '--inputs') options.inputs = positive(arg, value());
    else if (arg === '--out') options.out = path.resolve(value());
    else if (arg === '--sizes-only') options.sizesOnly = true;
    else throw new Error(`unknown argument: ${arg}`);
  }
  return options;
}

function positive(name, text) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} needs a whole number above 0, not ${text}`);
  return n;
}

/** The q-quantile of a list of numbers (nearest rank). */
export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

function summary(values) {
  return {
    n: values.length,
    min: Math.min(...values),
    p50: quantile(values, 0.5),
    p95: quantile(values, 0.95),
    max: Math.max(...values),
  };
}

const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 2 : 1)} ms` : 'n/a');
const mb = (bytes) => `${(bytes / (1024 * 1024)).toFixed(2)} MB`;

// --- In-page probes ----------------------------------------------------------------------

/**
 * Installed before any page script runs. Watches for the verdict and a slider; as soon as
 * both exist it moves the first slider to its far end and records when the verdict's text
 * changes in response. All times are performance.now(): milliseconds since navigation start.
 */
function startupProbe({ verdictSelector, sliderSelector }) {
  const marks = {};
  window.__bench = marks;
  addEventListener('TrunkApplicationStarted', () => {
    marks.appStarted = performance.now();
  });
  let probing = false;
  const check = () => {
    if (probing) return;
    const verdict = document.querySelector(verdictSelector);
    const slider = document.querySelector(sliderSelector);
    if (!verdict || !slider) return;
    probing = true;
    marks.verdictShown = performance.now();
    const before = verdict.textContent;
    const done = new MutationObserver(() => {
      if (verdict.textContent !== before) {
        marks.interactive = performance.now();
        done.disconnect();
      }
    });
    done.observe(verdict, { subtree: true, childList: true, characterData: true });
    slider.value = slider.value === slider.max ? slider.min : slider.max;
    slider.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const watch = new MutationObserver(() => {
    check();
    if (probing) watch.disconnect();
  });
  watch.observe(document, { subtree: true, childList: true });
}

/**
 * Runs in a loaded page: `count` slider inputs, each timed until the verdict's text changed.
 * The slider goes from one end to the other each time, so every input moves the score.
 */
async function inputProbe({ verdictSelector, sliderSelector, count, timeoutMs }) {
  const verdict = document.querySelector(verdictSelector);
  const slider = document.querySelector(sliderSelector);
  const times = [];
  let unchanged = 0;
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  for (let i = 0; i < count; i++) {
    const before = verdict.textContent;
    let observer;
    let timer;
    const changed = new Promise((resolve) => {
      observer = new MutationObserver(() => {
        if (verdict.textContent !== before) resolve(performance.now());
      });
      observer.observe(verdict, { subtree: true, childList: true, characterData: true });
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    slider.value = slider.value === slider.max ? slider.min : slider.max;
    const start = performance.now();
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    const end = await changed;
    observer.disconnect();
    clearTimeout(timer);
    if (end === null) unchanged++;
    else times.push(end - start);
    // Let the frame finish (and the debounced save run its course) like a real drag would.
    await nextFrame();
  }
  return { times, unchanged };
}

// --- Measurements ------------------------------------------------------------------------

async function measureStartup(browser, url, loads) {
  const runs = [];
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    try {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.addInitScript(startupProbe, { verdictSelector: VERDICT, sliderSelector: SLIDER });
      await page.goto(url);
      await page.waitForFunction(() => window.__bench && window.__bench.interactive !== undefined, null, {
        timeout: 30_000,
        polling: 50,
      });
      const marks = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        return {
          ...window.__bench,
          domContentLoaded: nav ? nav.domContentLoadedEventEnd : undefined,
          firstContentfulPaint: paint ? paint.startTime : undefined,
        };
      });
      if (errors.length > 0) throw new Error(`page errors on load ${i + 1}: ${errors.join('; ')}`);
      runs.push(marks);
    } finally {
      await context.close();
    }
  }
  const pick = (key) => runs.map((r) => r[key]).filter((v) => typeof v === 'number');
  return {
    loads,
    firstContentfulPaint: summary(pick('firstContentfulPaint')),
    appStarted: summary(pick('appStarted')),
    verdictShown: summary(pick('verdictShown')),
    interactive: summary(pick('interactive')),
  };
}

async function measureInteraction(browser, url, inputs) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      // Trunk's loader hands the WASM exports (with the memory) to this event.
      addEventListener('TrunkApplicationStarted', (event) => {
        window.__benchWasm = event.detail && event.detail.wasm;
      });
    });
    await page.goto(url);
    await page.locator(VERDICT).first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator(SLIDER).first().waitFor({ state: 'attached', timeout: 30_000 });
    // Settle: the start-up work (including any deferred save) is over before timing.
    await page.waitForTimeout(500);

    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable').catch(() => {});
    await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
    const heap = await cdp.send('Runtime.getHeapUsage');
    const wasmMemory = await page.evaluate(() => {
      const memory = window.__benchWasm && window.__benchWasm.memory;
      return memory ? memory.buffer.byteLength : null;
    });

    const result = await page.evaluate(inputProbe, {
      verdictSelector: VERDICT,
      sliderSelector: SLIDER,
      count: inputs,
      timeoutMs: 1000,
    });
    return {
      inputs,
      unchanged: result.unchanged,
      sliderToVerdict: summary(result.times),
      memory: { jsHeapUsed: heap.usedSize, jsHeapTotal: heap.totalSize, wasmMemory },
    };
  } finally {
    await context.close();
  }
}

/** Runs in the page: clicks `selector`, then ms until the count reads `expected` and a frame is painted. */
function clickUntilCounted([selector, expected]) {
  return new Promise((resolve) => {
    const count = () => document.querySelector('[data-testid="ws-count"]')?.textContent.trim();
    const start = performance.now();
    const check = () => {
      if (count() === expected) requestAnimationFrame(() => resolve(performance.now() - start));
      else setTimeout(check, 1);
    };
    document.querySelector(selector).click();
    check();
  });
}

/**
 * The facilitator's page with a large group: a chat of `people` lines, each a different
 * name with one of two share links, pasted at once; timed in the page from the click on
 * "Add links" until the count shows everyone and a frame was painted. Then one participant
 * removed, timed the same way. A fresh page (and storage) for each of `runs`.
 */
async function measureWorkshop(browser, baseUrl, people, runs) {
  const links = [];
  for (const key of ['End', 'Home']) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${baseUrl}${PAGES.card}`);
      await page.locator('html.dc-live').waitFor({ state: 'attached', timeout: 30_000 });
      await page.locator(SLIDER).first().focus();
      await page.keyboard.press(key);
      await page.locator('[data-testid="share-open"]').click();
      links.push(await page.locator('[data-testid="share-link"]').inputValue());
    } finally {
      await context.close();
    }
  }
  const chat = Array.from({ length: people }, (_, i) => `[10:${String(i % 60).padStart(2, '0')}] Person ${i}: ${links[i % 2]}`);
  const add = [];
  const remove = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(`${baseUrl}${PAGES.workshop}`);
      await page.locator('[data-testid="ws-links"]').waitFor({ timeout: 30_000 });
      await page.locator('[data-testid="ws-links"]').fill(chat.join('\n'));
      add.push(await page.evaluate(clickUntilCounted, ['[data-testid="ws-add"]', `${people} participants`]));
      remove.push(
        await page.evaluate(clickUntilCounted, ['[data-testid="ws-participant"] button', `${people - 1} participants`]),
      );
    } finally {
      await context.close();
    }
  }
  return { people, runs, paste: summary(add), removeOne: summary(remove) };
}

function measureSingle(dir) {
  if (!existsSync(dir)) return null;
  const files = listFiles(dir)
    .filter((f) => f.endsWith('.html'))
    .map((file) => {
      const bytes = readFileSync(path.join(dir, file));
      return { file, raw: bytes.length, gzip: gzipSize(bytes), brotli: brotliSize(bytes) };
    });
  return files.length > 0 ? { dir, files } : null;
}

// --- Report ------------------------------------------------------------------------------

function printSizes(results) {
  const { sizes, single } = results;
  console.log(`\nSizes: ${path.relative(ROOT, sizes.dir) || '.'}/ (gzip -9, brotli 11; 1 KB = 1024 bytes)\n`);
  console.log(sizeTable(sizes));
  const verdict = (value, budget) => `${kb(value)} of ${kb(budget)} budget${value > budget ? ' (OVER)' : ''}`;
  console.log(`\nfirst load, gzip: ${verdict(sizes.firstLoad.gzip, BUDGETS.card.firstLoadGzip)}`);
  console.log(`WASM, raw:        ${kb(sizes.wasmRaw)}`);
  if (single) {
    console.log(`\nSingle-file build: ${path.relative(ROOT, single.dir)}/ (one self-contained page per card)\n`);
    console.log(table(['file', 'raw', 'gzip', 'brotli'], single.files.map((f) => [f.file, kb(f.raw), kb(f.gzip), kb(f.brotli)])));
  } else {
    console.log('\nSingle-file build: none found (dist-single/ is made by `cargo xtask dist`)');
  }
}

function printTimings(results) {
  const { startup, interaction } = results;
  console.log(
    `\nStart-up: ${startup.loads} fresh loads (new context each: no cache, no storage), ms from navigation start\n`,
  );
  const row = (name, s) => [name, ms(s.p50), ms(s.p95), ms(s.min), ms(s.max)];
  console.log(
    table(
      ['milestone', 'median', 'p95', 'min', 'max'],
      [
        row('first contentful paint', startup.firstContentfulPaint),
        row('WASM app started (Trunk event)', startup.appStarted),
        row('verdict on screen', startup.verdictShown),
        row('interactive: slider moved, verdict updated', startup.interactive),
      ],
    ),
  );
  const w = results.workshop;
  console.log(`\nWorkshop: ${w.people} participants (different names, two sets of answers) in one pasted chat, ${w.runs} runs\n`);
  console.log(
    table(
      ['', 'median', 'max'],
      [
        ['"Add links" -> everyone counted and painted', ms(w.paste.p50), ms(w.paste.max)],
        ['remove one -> group updated and painted', ms(w.removeOne.p50), ms(w.removeOne.max)],
      ],
    ),
  );
  const s = interaction.sliderToVerdict;
  console.log(`\nSlider to verdict: ${s.n} input events, from dispatch to the verdict's text changed\n`);
  console.log(table(['', 'p50', 'p95', 'max'], [['slider input -> verdict text', ms(s.p50), ms(s.p95), ms(s.max)]]));
  if (interaction.unchanged > 0) {
    console.log(`(${interaction.unchanged} inputs did not change the verdict within 1 s and are not counted)`);
  }
  const m = interaction.memory;
  console.log(`\nMemory after load: JS heap ${mb(m.jsHeapUsed)} used of ${mb(m.jsHeapTotal)}` +
    (m.wasmMemory ? `; WASM linear memory ${mb(m.wasmMemory)}` : ''));
}

/** The figures worth comparing between runs, by name. */
function headline(results) {
  const out = {
    'first load gzip (KB)': results.sizes.firstLoad.gzip / 1024,
    'first load brotli (KB)': results.sizes.firstLoad.brotli / 1024,
    'WASM raw (KB)': results.sizes.wasmRaw / 1024,
  };
  if (results.startup) {
    out['start-up to interactive, median (ms)'] = results.startup.interactive.p50;
    out['start-up to interactive, p95 (ms)'] = results.startup.interactive.p95;
    out['slider to verdict, p50 (ms)'] = results.interaction.sliderToVerdict.p50;
    out['slider to verdict, p95 (ms)'] = results.interaction.sliderToVerdict.p95;
    out['workshop, 1000 pasted, median (ms)'] = results.workshop.paste.p50;
    out['JS heap used (MB)'] = results.interaction.memory.jsHeapUsed / (1024 * 1024);
  }
  return out;
}

function printComparison(previous, results) {
  if (!previous) return;
  const before = headline(previous);
  const now = headline(results);
  const rows = Object.keys(now)
    .filter((k) => typeof before[k] === 'number' && typeof now[k] === 'number')
    .map((k) => {
      const delta = now[k] - before[k];
      const pct = before[k] !== 0 ? ` (${delta >= 0 ? '+' : ''}${((100 * delta) / before[k]).toFixed(1)}%)` : '';
      return [k, before[k].toFixed(2), now[k].toFixed(2), `${delta >= 0 ? '+' : ''}${delta.toFixed(2)}${pct}`];
    });
  if (rows.length === 0) return;
  console.log(`\nCompared with the previous run (${previous.date}):\n`);
  console.log(table(['figure', 'before', 'now', 'change'], rows));
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(path.join(options.dist, 'index.html'))) {
    throw new Error(`no build in ${options.dist}: run cargo xtask dist (or cargo xtask bench)`);
  }
  let previous = null;
  try {
    previous = JSON.parse(readFileSync(options.out, 'utf8'));
  } catch {
    // No earlier run to compare with.
  }

  const results = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      loadAverage1m: os.loadavg()[0],
      node: process.version,
    },
    budgets: BUDGETS,
    sizes: measureFolder(options.dist, PAGES.card),
    single: measureSingle(options.single),
  };
  printSizes(results);

  if (!options.sizesOnly) {
    const server = await serve({ root: options.dist });
    const browser = await launchBrowser();
    try {
      results.machine.chromium = `${CHROMIUM_PATH} ${browser.version()}`;
      console.log(
        `\nTimings: headless Chromium ${browser.version()}, ${results.machine.cpus} CPUs, ` +
          `load average ${results.machine.loadAverage1m.toFixed(2)}`,
      );
      results.startup = await measureStartup(browser, `${server.url}${PAGES.card}`, options.loads);
      results.interaction = await measureInteraction(browser, `${server.url}${PAGES.card}`, options.inputs);
      results.workshop = await measureWorkshop(browser, server.url, 1000, 3);
    } finally {
      await browser.close();
      await server.close();
    }
    printTimings(results);
  }

  printComparison(previous, results);
  writeFileSync(options.out, JSON.stringify(results, null, 2) + '\n');
  console.log(`\nwrote ${path.relative(process.cwd(), options.out) || options.out}`);
}

main().catch((error) => {
  console.error(`bench: ${error.message}`);
  process.exitCode = 1;
});
