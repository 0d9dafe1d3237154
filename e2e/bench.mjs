// The benchmark behind `cargo xtask bench` (which makes the release build first). It can
// also run on its own against an existing build:
//
//   node e2e/bench.mjs [--dist dist] [--single dist-single] [--loads 20] [--inputs 200]
//                      [--out bench-results.json] [--sizes-only] [--analysis target/analysis-bench]
//
// It measures, and prints as tables:
//
// - sizes: every file of dist/ raw, gzip -9 and brotli 11, and the first-load total (what
//   a first visit downloads); the single-file build in dist-single/ too, if it exists;
// - start-up: for each of --loads fresh page loads (a new browser context each time, so no
//   cache and no storage) from a local static server, the time from navigation start to
//   first paint, to the first slider on screen, and to the page being interactive: a
//   factor slider moved and the verdict's text changed in response. Median and p95. The
//   same is measured, load for load in turn, on a plain HTML page with one slider whose
//   script rewrites a line of text, and the card's figures are given as ratios to it: the
//   machine's noise touches both alike. The card page with JavaScript off is loaded in turn
//   too: its first paint is the static floor (the browser only parses, styles and paints the
//   card), and the card's first paint and interactive are also given as ratios to it. So is
//   the same page with JavaScript on and its scripts taken out (data blocks kept): what the
//   script engine costs the first paint before the page runs a line of its own, the lowest a
//   page with script can reach. The workshop page is timed to its first paint, its
//   paste box on screen, and one link added and counted;
// - slider to verdict: in one loaded page, --inputs slider `input` events, each timed from
//   just before dispatching it to the moment the verdict's text has changed (a
//   MutationObserver callback). p50, p95 and max;
// - the analysis alone: "What could change the answer" (the core's analysis and its words),
//   which the card page runs in the same frame as the verdict, timed on its own in the
//   browser, as WebAssembly, for --inputs inputs on the card's own data. It is a WASM module
//   of its own (crates/analysis-bench; `cargo xtask bench` builds it into the folder given as
//   --analysis), so the card page's WASM carries nothing for it. Without --analysis, it is
//   not measured;
// - memory after load: the JS heap (Chromium's Runtime.getHeapUsage) and the WASM linear
//   memory;
// - a large workshop: 1,000 participants in one pasted chat, timed to the group view; then
//   round 2: the same 1,000 (each with a participant token of their own, half of them moved)
//   pasted into round 2, timed to the group view with what moved.
//
// The figures also go to --out as JSON (bench-results.json by default; gitignored), and when
// that file already holds an earlier run, the main figures are compared with it.
//
// Timings depend on the machine and on what else it is doing: the load average at start is
// recorded with the results. Only sizes are budgets (e2e/size-budget.test.mjs); timings are
// reported here and in docs/performance.md, not asserted.

import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './lib/server.mjs';
import { CHROMIUM_PATH, launchBrowser } from './lib/browser.mjs';
import { VERDICT, setFactor } from './lib/card.mjs';
import { participant } from './lib/workshop.mjs';
import { resend, tokenFor } from './lib/links.mjs';
import { BUDGETS, PAGES, kb, listFiles, measureFolder, sizeTable, table, brotliSize, gzipSize } from './lib/sizes.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// A key-factor slider: moving one from end to end always moves the score.
const SLIDER = '.dc-factors input[type="range"]';
// The measured card's first factor (content/model-api-vs-self-hosted.toml).
const FIRST_FACTOR = 'privacy';
// The budget of "What could change the answer": the whole analysis within 2 ms at the 95th
// percentile, per input (docs/performance.md).
const ANALYSIS_BUDGET_MS = 2;
// Untimed calls before the timed ones: the browser compiles the module's hot functions
// again, optimised, once they have run a few times; a reader's first moves meet that too,
// but it is start-up, not what an input costs.
const ANALYSIS_WARM_UP = 20;
// What wasm-bindgen writes for crates/analysis-bench (`--target web`).
const ANALYSIS_FILES = ['analysis_bench.js', 'analysis_bench_bg.wasm'];

function parseArgs(argv) {
  const options = {
    dist: path.join(ROOT, 'dist'),
    single: path.join(ROOT, 'dist-single'),
    loads: 20,
    inputs: 200,
    out: path.join(ROOT, 'bench-results.json'),
    sizesOnly: false,
    analysis: null,
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
    else if (arg === '--analysis') options.analysis = path.resolve(value());
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
// Under a millisecond, to the microsecond: the analysis alone is timed in steps of 5 µs.
const fineMs = (v) => (Number.isFinite(v) && v < 1 ? `${v.toFixed(3)} ms` : ms(v));
const mb = (bytes) => `${(bytes / (1024 * 1024)).toFixed(2)} MB`;

// --- In-page probes ----------------------------------------------------------------------

/**
 * Installed before any page script runs. Watches for the verdict and a slider; once both
 * exist and a frame has been painted (nobody moves a slider they cannot see yet), it moves
 * the first slider to its far end and records when the verdict's text changes in response.
 * All times are performance.now(): milliseconds since navigation start.
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
    if (slider && marks.sliderInDom === undefined) marks.sliderInDom = performance.now();
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
    requestAnimationFrame(() =>
      setTimeout(() => {
        slider.value = slider.value === slider.max ? slider.min : slider.max;
        slider.dispatchEvent(new Event('input', { bubbles: true }));
      }, 0),
    );
  };
  const watch = new MutationObserver(() => {
    check();
    if (probing) watch.disconnect();
  });
  watch.observe(document, { subtree: true, childList: true });
}

/**
 * The workshop page's start-up, installed before any page script runs: once the paste box is
 * there (the page is built in the browser) and painted, one share link goes in and "Add
 * links" is clicked; done when the count reads one participant.
 */
function workshopProbe({ link }) {
  const marks = {};
  window.__bench = marks;
  const watch = new MutationObserver(() => {
    const box = document.querySelector('[data-testid="ws-links"]');
    const add = document.querySelector('[data-testid="ws-add"]');
    if (!box || !add) return;
    watch.disconnect();
    marks.sliderInDom = performance.now();
    requestAnimationFrame(() => setTimeout(() => addOne(box, add), 0));
  });
  const addOne = (box, add) => {
    box.value = link;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    add.click();
    const counted = () => {
      if (document.querySelector('[data-testid="ws-count"]')?.textContent.trim() === '1 participant') {
        marks.interactive = performance.now();
      } else requestAnimationFrame(counted);
    };
    counted();
  };
  watch.observe(document, { subtree: true, childList: true });
}

/**
 * A plain HTML page with one slider whose script rewrites a line: the benchmark's yardstick.
 * The listener is in the head, so it is there before the slider is (as the probe moves it
 * the moment it appears).
 */
const PLAIN_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>One slider</title>
<script>
document.addEventListener('input', (event) => {
  document.getElementById('verdict').textContent = 'Moved to ' + event.target.value;
});
</script></head>
<body><h1>One slider</h1>
<label>Privacy <input type="range" min="-2" max="2" value="0"></label>
<p id="verdict">Stay with the default</p>
</body></html>
`;

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

/**
 * The page the analysis is timed in: nothing to lay out or paint, so that only the analysis
 * runs. Served with the headers that make it cross-origin isolated (see measureAnalysis).
 */
const ANALYSIS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>What could change the answer, alone</title></head>
<body></body></html>
`;

/**
 * Runs in the analysis page: loads the module, makes the answers after each input (the card
 * data and the words as the card page carries them), then calls the analysis for each:
 * `warmUp` untimed, then `count` each timed with performance.now(). Each timed call in a task
 * of its own, as each input on the page is an event of its own, not one call straight after
 * the other in a loop the browser could treat as one hot stretch. Also measures the step of
 * performance.now() (the smallest difference between two readings) and counts the inputs
 * after which pairs were searched, the costly case.
 */
async function analysisProbe({ glue, card, words, warmUp, count }) {
  const module = await import(glue);
  await module.default();
  const analysis = new module.Analysis(card, words, warmUp + count);
  let resolution = Infinity;
  for (let seen = 0, last = performance.now(); seen < 50; ) {
    const now = performance.now();
    if (now > last) {
      resolution = Math.min(resolution, now - last);
      last = now;
      seen++;
    }
  }
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
  // What the calls return, combined: their results are used, so no call is skipped.
  let digest = 0;
  for (let i = 0; i < warmUp; i++) digest ^= analysis.step(i);
  const times = [];
  for (let i = warmUp; i < warmUp + count; i++) {
    await nextTask();
    const start = performance.now();
    digest ^= analysis.step(i);
    times.push(performance.now() - start);
  }
  let searchedPairs = 0;
  for (let i = warmUp; i < warmUp + count; i++) if (analysis.searched_pairs(i)) searchedPairs++;
  const result = { times, card: analysis.card(), isolated: crossOriginIsolated, resolution, searchedPairs, digest };
  analysis.free();
  return result;
}

// --- Measurements ------------------------------------------------------------------------

/**
 * One fresh load of `url` with `probe` installed; the marks it left, with first paint. With no
 * probe, only the first paint, with JavaScript off unless `javaScript` says otherwise.
 */
async function loadOnce(browser, url, probe, args, javaScript = Boolean(probe)) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, javaScriptEnabled: javaScript });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    if (!probe) {
      // Nothing to wait for but the first paint, which the browser records all the same.
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForTimeout(300);
      const paint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime);
      return { firstContentfulPaint: paint, sliderShown: paint };
    }
    await page.addInitScript(probe, args);
    await page.goto(url);
    await page.waitForFunction(
      () => window.__bench?.interactive !== undefined && performance.getEntriesByName('first-contentful-paint').length > 0,
      null,
      { timeout: 30_000, polling: 50 },
    );
    const marks = await page.evaluate(() => {
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      return { ...window.__bench, firstContentfulPaint: paint ? paint.startTime : undefined };
    });
    if (errors.length > 0) throw new Error(`page errors on ${url}: ${errors.join('; ')}`);
    // On screen means there and painted: a slider in the markup shows at first paint, and a
    // change made before the first paint is seen only with it (the plain page's script
    // answers its slider before the browser has shown anything).
    marks.sliderShown = Math.max(marks.sliderInDom ?? NaN, marks.firstContentfulPaint ?? NaN);
    marks.interactive = Math.max(marks.interactive, marks.firstContentfulPaint ?? NaN);
    return marks;
  } finally {
    await context.close();
  }
}

/**
 * A folder with the card page `page` of `dist` without its scripts (the start-up watch, the
 * app's module; its data blocks stay, as the browser parses them all the same) and the
 * stylesheets and icon it names: the page as it is drawn before a line of its script runs.
 */
function withoutScripts(dist, page) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-bare-'));
  const html = readFileSync(path.join(dist, page), 'utf8');
  const bare = html.replace(/<script\b(?![^>]*\btype="application\/json")[^>]*>[^]*?<\/script>/g, '');
  if (bare === html || /<script\b(?![^>]*\btype="application\/json")/.test(bare)) {
    throw new Error(`${page}: its scripts could not be taken out for the scripts-removed page`);
  }
  writeFileSync(path.join(dir, page), bare);
  for (const file of listFiles(dist).filter((f) => /\.(css|svg)$/.test(f) && !f.includes('/'))) {
    copyFileSync(path.join(dist, file), path.join(dir, file));
  }
  return dir;
}

/**
 * `loads` fresh loads of each page, taken in turn (plain, card, workshop, card with script off, plain, …) so that
 * whatever else the machine does falls on all of them alike.
 */
async function measureStartup(browser, pages, loads) {
  const runs = Object.fromEntries(Object.keys(pages).map((name) => [name, []]));
  for (let i = 0; i < loads; i++) {
    for (const [name, { url, probe, args, javaScript }] of Object.entries(pages)) {
      runs[name].push(await loadOnce(browser, url, probe, args, javaScript));
    }
  }
  const summarise = (marks) => {
    const pick = (key) => marks.map((r) => r[key]).filter((v) => Number.isFinite(v));
    return {
      loads,
      firstContentfulPaint: summary(pick('firstContentfulPaint')),
      sliderShown: summary(pick('sliderShown')),
      appStarted: summary(pick('appStarted')),
      verdictShown: summary(pick('verdictShown')),
      interactive: summary(pick('interactive')),
    };
  };
  return Object.fromEntries(Object.entries(runs).map(([name, marks]) => [name, summarise(marks)]));
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

/** The text of a built page's `<script type="application/json" id="…">` block. */
function dataBlock(html, id) {
  const match = html.match(new RegExp(`<script[^>]*\\sid="${id}"[^>]*>([^]*?)</script>`));
  if (!match) throw new Error(`the card page has no ${id} block`);
  return match[1];
}

/**
 * "What could change the answer" alone, as WebAssembly in the same browser: the module the
 * folder `dir` holds (crates/analysis-bench, built by `cargo xtask bench` as the card page's
 * WASM is built), given the data and the words the built card page `cardPage` carries, and
 * timed for `inputs` inputs, each leaving the answers in a state no earlier one did (a slider
 * step, an importance, a signal). The page is served cross-origin isolated (COOP and COEP
 * headers): performance.now() then steps by 5 µs instead of 100 µs, which the figures need
 * at a budget of 2 ms; the step found is reported with them.
 */
async function measureAnalysis(browser, dir, cardPage, inputs) {
  const missing = ANALYSIS_FILES.filter((f) => !existsSync(path.join(dir, f)));
  if (missing.length > 0) {
    throw new Error(`${dir} lacks ${missing.join(', ')}: cargo xtask bench builds it (crates/analysis-bench)`);
  }
  const html = readFileSync(cardPage, 'utf8');
  const [card, words] = [dataBlock(html, 'dc-data'), dataBlock(html, 'dc-lang')];
  // The module's files with the page beside them, in a folder of their own: `dir` stays as built.
  const served = mkdtempSync(path.join(os.tmpdir(), 'bench-analysis-'));
  for (const file of ANALYSIS_FILES) copyFileSync(path.join(dir, file), path.join(served, file));
  writeFileSync(path.join(served, 'analysis.html'), ANALYSIS_PAGE);
  const server = await serve({
    root: served,
    headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
  });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}analysis.html`);
    const result = await page.evaluate(analysisProbe, {
      glue: `${server.url}${ANALYSIS_FILES[0]}`,
      card,
      words,
      warmUp: ANALYSIS_WARM_UP,
      count: inputs,
    });
    if (errors.length > 0) throw new Error(`page errors in the analysis page: ${errors.join('; ')}`);
    return {
      card: result.card,
      inputs,
      warmUp: ANALYSIS_WARM_UP,
      searchedPairs: result.searchedPairs,
      crossOriginIsolated: result.isolated,
      timerResolutionMs: result.resolution,
      budgetP95Ms: ANALYSIS_BUDGET_MS,
      time: summary(result.times),
    };
  } finally {
    await context.close();
    await server.close();
    rmSync(served, { recursive: true, force: true });
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

/** Two share links of the card: its first factor at each end. */
async function shareLinks(browser, baseUrl) {
  const links = [];
  for (const key of ['End', 'Home']) {
    const answer = (page) => setFactor(page, FIRST_FACTOR, key);
    links.push((await participant(browser, `${baseUrl}${PAGES.card}`, { name: '', answer })).link);
  }
  return links;
}

/**
 * The facilitator's page with a large group: a chat of `people` lines, each a different
 * name and participant token with one of two sets of answers, pasted at once; timed in the
 * page from the click on "Add links" until the count shows everyone and a frame was painted.
 * Then one participant removed, timed the same way. A fresh page (and storage) for each of `runs`.
 */
async function measureWorkshop(browser, baseUrl, links, people, runs) {
  // Each from a browser of their own: a participant token each, as in a real room.
  const chat = Array.from(
    { length: people },
    (_, i) => `[10:${String(i % 60).padStart(2, '0')}] Person ${i}: ${resend(links[i % 2], tokenFor(i), 1_800_000_000)}`,
  );
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

/**
 * A workshop in two rounds: `people` participants, each with a token of their own, pasted
 * into round 1; round 1 closed; the same people's round 2 links (half of them moved to the
 * other answers) pasted, timed in the page from the click on "Add links" until the count
 * shows everyone and a frame was painted (what moved is drawn in the same update). A fresh
 * page for each of `runs`.
 */
async function measureRounds(browser, baseUrl, links, people, runs) {
  const chat = (round, made) =>
    Array.from({ length: people }, (_, i) => {
      const link = links[(i + (round === 2 && i % 2 === 0 ? 1 : 0)) % 2];
      return `[10:${String(i % 60).padStart(2, '0')}] Person ${i}: ${resend(link, tokenFor(i), made)}`;
    }).join('\n');
  const [first, second] = [chat(1, 1_800_000_000), chat(2, 1_800_000_600)];
  const add = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(`${baseUrl}${PAGES.workshop}`);
      await page.locator('[data-testid="ws-links"]').waitFor({ timeout: 30_000 });
      await page.locator('[data-testid="ws-links"]').fill(first);
      await page.evaluate(clickUntilCounted, ['[data-testid="ws-add"]', `${people} participants`]);
      await page.locator('[data-testid="ws-start-round"]').click();
      await page.locator('[data-testid="ws-round"]', { hasText: 'Round 2' }).waitFor();
      await page.locator('[data-testid="ws-links"]').fill(second);
      add.push(await page.evaluate(clickUntilCounted, ['[data-testid="ws-add"]', `${people} participants`]));
      const moved = await page.locator('[data-testid="ws-moved-sentence"]').textContent();
      if (!moved.startsWith(`${people} of ${people} from round 1 answered again (${people / 2} moved`)) {
        throw new Error(`round 2 was not counted as expected: ${moved}`);
      }
    } finally {
      await context.close();
    }
  }
  return { people, runs, paste: summary(add) };
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
  const w = results.workshopSizes;
  const loaded = w.files.filter((f) => f.firstLoad);
  console.log(`\nWorkshop page: what ${w.entry} loads\n`);
  console.log(
    table(
      ['file', 'raw', 'gzip', 'brotli'],
      [...loaded.map((f) => [f.file, kb(f.raw), kb(f.gzip), kb(f.brotli)]), ['first load', kb(w.firstLoad.raw), kb(w.firstLoad.gzip), kb(w.firstLoad.brotli)]],
    ),
  );
  if (single) {
    console.log(`\nSingle-file build: ${path.relative(ROOT, single.dir)}/ (one self-contained page per card)\n`);
    console.log(table(['file', 'raw', 'gzip', 'brotli'], single.files.map((f) => [f.file, kb(f.raw), kb(f.gzip), kb(f.brotli)])));
  } else {
    console.log('\nSingle-file build: none found (dist-single/ is made by `cargo xtask dist`)');
  }
}

const ratio = (a, b) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}x` : 'n/a');

function printTimings(results) {
  const { startup, interaction } = results;
  const { plain, card, workshop, cardScriptOff, cardScriptsRemoved } = startup;
  console.log(
    `\nStart-up: ${card.loads} fresh loads of each page, taken in turn (new context each: no cache, no storage),\n` +
      'median ms from navigation start; the card as a ratio to the plain page with one slider, and to\n' +
      "its static floor: the first paint of the same card page with JavaScript off (budgets: first paint\n" +
      '<= 1.05x, interactive <= 1.3x the static floor)\n',
  );
  const floor = cardScriptOff.firstContentfulPaint.p50;
  const row = (name, key) => [
    name,
    ms(plain[key].p50),
    ms(card[key].p50),
    ratio(card[key].p50, plain[key].p50),
    ms(cardScriptOff[key].p50),
    ratio(card[key].p50, floor),
    ms(workshop[key].p50),
  ];
  console.log(
    table(
      ['milestone', 'plain page', 'card page', 'card / plain', 'card, script off', 'card / static', 'workshop page'],
      [
        row('first contentful paint', 'firstContentfulPaint'),
        row('first slider on screen (workshop: paste box)', 'sliderShown'),
        row('interactive (workshop: one link added)', 'interactive'),
      ],
    ),
  );
  if (cardScriptsRemoved) {
    const bare = cardScriptsRemoved.firstContentfulPaint.p50;
    console.log(
      `\nThe card page with JavaScript on and its scripts taken out: first paint ${ms(bare)}, ` +
        `${ratio(bare, floor)} the static floor (what the script engine alone costs the first paint)`,
    );
  }
  const p95 = (name, s) => [name, ms(s.p50), ms(s.p95), ms(s.min), ms(s.max)];
  console.log('\nCard page in detail\n');
  console.log(
    table(
      ['milestone', 'median', 'p95', 'min', 'max'],
      [
        p95('first contentful paint', card.firstContentfulPaint),
        p95('first slider on screen', card.sliderShown),
        p95('WASM app started (Trunk event)', card.appStarted),
        p95('interactive: slider moved, verdict updated', card.interactive),
      ],
    ),
  );
  const w = results.workshop;
  console.log(`\nWorkshop: ${w.people} participants (different names and tokens, two sets of answers) in one pasted chat, ${w.runs} runs\n`);
  console.log(
    table(
      ['', 'median', 'max'],
      [
        ['"Add links" -> everyone counted and painted', ms(w.paste.p50), ms(w.paste.max)],
        ['remove one -> group updated and painted', ms(w.removeOne.p50), ms(w.removeOne.max)],
        [
          `round 2: ${results.rounds.people} pasted into a workshop of ${results.rounds.people} -> counted, moved and painted`,
          ms(results.rounds.paste.p50),
          ms(results.rounds.paste.max),
        ],
      ],
    ),
  );
  const s = interaction.sliderToVerdict;
  const a = results.analysis;
  console.log(
    `\nSlider to verdict: ${s.n} input events, from dispatch to the verdict's text changed; the analysis\n` +
      `of "What could change the answer" runs in that frame, and is also timed alone (budget: p95 <= ${ANALYSIS_BUDGET_MS} ms)\n`,
  );
  const rows = [['slider input -> verdict text', ms(s.p50), ms(s.p95), ms(s.max)]];
  if (a) {
    const t = a.time;
    rows.push(['what could change the answer, analysis alone', fineMs(t.p50), fineMs(t.p95), fineMs(t.max)]);
  }
  console.log(table(['', 'p50', 'p95', 'max'], rows));
  if (interaction.unchanged > 0) {
    console.log(`(${interaction.unchanged} inputs did not change the verdict within 1 s and are not counted)`);
  }
  if (a) {
    const step = `${(a.timerResolutionMs * 1000).toFixed(0)} µs`;
    console.log(
      `analysis alone: ${a.time.n} inputs on ${a.card} (after ${a.warmUp} untimed), each a new state of the answers, ` +
        `${a.searchedPairs} of them where no single move changes the recommendation (pairs searched); its own WASM module, ` +
        `its words included; performance.now() in steps of ${step}` +
        `${a.crossOriginIsolated ? ' (cross-origin isolated)' : ' (NOT cross-origin isolated: coarse)'}; ` +
        `p95 ${fineMs(a.time.p95)} of ${a.budgetP95Ms} ms budget${a.time.p95 > a.budgetP95Ms ? ' (OVER)' : ''}`,
    );
  } else {
    console.log('analysis alone: not measured (--analysis DIR, which cargo xtask bench builds and passes)');
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
  if (results.workshopSizes) out['workshop first load gzip (KB)'] = results.workshopSizes.firstLoad.gzip / 1024;
  const { plain, card } = results.startup ?? {};
  if (plain && card && results.workshop) {
    out['first slider, card / plain'] = card.sliderShown.p50 / plain.sliderShown.p50;
    out['interactive, card / plain'] = card.interactive.p50 / plain.interactive.p50;
    const floor = results.startup.cardScriptOff?.firstContentfulPaint.p50;
    if (floor) {
      out['first paint, card / static'] = card.firstContentfulPaint.p50 / floor;
      out['interactive, card / static'] = card.interactive.p50 / floor;
      const bare = results.startup.cardScriptsRemoved?.firstContentfulPaint.p50;
      if (bare) out['first paint, scripts removed / static'] = bare / floor;
    }
    out['start-up to interactive, median (ms)'] = card.interactive.p50;
    out['start-up to interactive, p95 (ms)'] = card.interactive.p95;
    out['slider to verdict, p50 (ms)'] = results.interaction.sliderToVerdict.p50;
    out['slider to verdict, p95 (ms)'] = results.interaction.sliderToVerdict.p95;
    out['workshop, 1000 pasted, median (ms)'] = results.workshop.paste.p50;
    if (results.rounds) out['workshop round 2, 1000 pasted, median (ms)'] = results.rounds.paste.p50;
    out['JS heap used (MB)'] = results.interaction.memory.jsHeapUsed / (1024 * 1024);
  }
  if (results.analysis) {
    out['analysis alone, p50 (ms)'] = results.analysis.time.p50;
    out['analysis alone, p95 (ms)'] = results.analysis.time.p95;
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
    workshopSizes: measureFolder(options.dist, PAGES.workshop),
    single: measureSingle(options.single),
  };
  printSizes(results);

  if (!options.sizesOnly) {
    const server = await serve({ root: options.dist });
    const plainDir = mkdtempSync(path.join(os.tmpdir(), 'bench-plain-'));
    writeFileSync(path.join(plainDir, 'plain.html'), PLAIN_PAGE);
    const plainServer = await serve({ root: plainDir });
    const bareDir = withoutScripts(options.dist, PAGES.card);
    const bareServer = await serve({ root: bareDir });
    const browser = await launchBrowser();
    try {
      results.machine.chromium = `${CHROMIUM_PATH} ${browser.version()}`;
      console.log(
        `\nTimings: headless Chromium ${browser.version()}, ${results.machine.cpus} CPUs, ` +
          `load average ${results.machine.loadAverage1m.toFixed(2)}`,
      );
      const links = await shareLinks(browser, server.url);
      const pages = {
        plain: {
          url: `${plainServer.url}plain.html`,
          probe: startupProbe,
          args: { verdictSelector: '#verdict', sliderSelector: 'input[type="range"]' },
        },
        card: { url: `${server.url}${PAGES.card}`, probe: startupProbe, args: { verdictSelector: VERDICT, sliderSelector: SLIDER } },
        workshop: { url: `${server.url}${PAGES.workshop}`, probe: workshopProbe, args: { link: links[0] } },
        // The prerendered markup on its own: what the card page costs before any script.
        cardScriptOff: { url: `${server.url}${PAGES.card}`, probe: null },
        // The same with JavaScript on, and none of the page's scripts to run.
        cardScriptsRemoved: { url: `${bareServer.url}${PAGES.card}`, probe: null, javaScript: true },
      };
      results.startup = await measureStartup(browser, pages, options.loads);
      results.interaction = await measureInteraction(browser, `${server.url}${PAGES.card}`, options.inputs);
      results.analysis = options.analysis
        ? await measureAnalysis(browser, options.analysis, path.join(options.dist, PAGES.card), options.inputs)
        : null;
      results.workshop = await measureWorkshop(browser, server.url, links, 1000, 3);
      results.rounds = await measureRounds(browser, server.url, links, 1000, 3);
    } finally {
      await browser.close();
      await server.close();
      await plainServer.close();
      await bareServer.close();
      rmSync(plainDir, { recursive: true, force: true });
      rmSync(bareDir, { recursive: true, force: true });
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
