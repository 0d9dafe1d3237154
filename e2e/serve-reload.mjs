// The authoring loop of `cargo xtask serve`, observed from a browser and timed. Not part of
// `cargo xtask test` (it builds the apps more than once, minutes on a small machine); run
// it by hand after a change to xtask/src/serve.rs, and see docs/authoring.md for its last
// figures:
//
//   node e2e/serve-reload.mjs [--card build-vs-buy]
//
// It starts `cargo xtask serve --port 0`, opens a card page in headless Chromium, and then,
// each time from the moment a file is saved to the moment the open page has reloaded:
//
// 1. content: edits the card's title in content/<card>.toml; the page must reload with the
//    new title, and the build must not have run Trunk (the WASM stays as it is);
// 2. a broken card: empties its title and its decision's question; the page must become
//    the error page listing both errors (which the terminal shows too), the server still
//    running;
// 3. the fix: the file as it was; the page must come back as the card;
// 4. Rust: adds a comment line to src/lib.rs; the apps are built again and the page reloads;
// 5. Rust that does not compile: the page must show the compiler's error; then the fix.
//
// Every file is put back as it was at the end, also on failure. Exits non-zero if a step
// does not happen as described (within STEP_TIMEOUT).

import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './lib/browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cardArg = process.argv.indexOf('--card');
const CARD = cardArg > 0 ? process.argv[cardArg + 1] : 'build-vs-buy';
const CARD_FILE = path.join(ROOT, 'content', `${CARD}.toml`);
const RUST_FILE = path.join(ROOT, 'src', 'lib.rs');
/** The longest any one step may take: the first build of the apps from cold can take minutes. */
const STEP_TIMEOUT = 20 * 60_000;

const originals = new Map([CARD_FILE, RUST_FILE].map((file) => [file, readFileSync(file, 'utf8')]));
const log = [];
let server;
let browser;

/** Waits until the serve output, from `from` on, has a line matching `pattern`. */
function waitForLine(pattern, from = 0) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within the timeout`)), STEP_TIMEOUT);
    const check = () => {
      const line = log.slice(from).find((l) => pattern.test(l));
      if (line !== undefined) {
        clearTimeout(timer);
        resolve(line);
      } else if (server.exitCode !== null) {
        clearTimeout(timer);
        reject(new Error(`cargo xtask serve stopped (${server.exitCode}):\n${log.slice(-40).join('\n')}`));
      } else setTimeout(check, 50);
    };
    check();
  });
}

/**
 * Saves `text` to `file` and waits for the open page to reload and finish loading. Returns
 * the serve output written meanwhile and the times, in ms from the save, to the start of the
 * reload and to the reloaded page's load event.
 */
async function saveAndWaitForReload(page, file, text) {
  const from = log.length;
  const navigated = page.waitForEvent('framenavigated', {
    predicate: (frame) => frame === page.mainFrame(),
    timeout: STEP_TIMEOUT,
  });
  const saved = performance.now();
  writeFileSync(file, text);
  await navigated;
  const reloading = performance.now() - saved;
  await page.waitForLoadState('load', { timeout: STEP_TIMEOUT });
  const loaded = performance.now() - saved;
  return { output: log.slice(from).join('\n'), reloading, loaded };
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const results = [];
try {
  server = spawn('cargo', ['xtask', 'serve', '--port', '0'], { cwd: ROOT, detached: true });
  for (const stream of [server.stdout, server.stderr]) {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      for (const line of lines) {
        log.push(line);
        process.stdout.write(`  | ${line}\n`);
      }
    });
  }
  const started = performance.now();
  const url = (await waitForLine(/^serving .* at http:/)).match(/(http:\S+)/)[1];
  await waitForLine(/^built in |^build failed/);
  check(log.some((l) => l.startsWith('built in ')), 'the first build failed');
  results.push(['first build (both apps and the pages)', performance.now() - started, null]);

  browser = await launchBrowser();
  const page = await browser.newPage();
  await page.goto(`${url}${CARD}.html`);
  const title = await page.title();
  check(!title.includes('Build failed'), `the card page did not open: ${title}`);

  // 1. Content only.
  const original = originals.get(CARD_FILE);
  const titleLine = original.match(/^title = "(.*)"$/m);
  check(titleLine, `no title line in ${CARD_FILE}`);
  const edited = original.replace(titleLine[0], `title = "${titleLine[1]} (edited)"`);
  const content = await saveAndWaitForReload(page, CARD_FILE, edited);
  check((await page.title()).includes('(edited)'), `the page did not show the new title: ${await page.title()}`);
  check(content.output.includes('content changed: rendering the pages'), 'the content change was not a pages-only build');
  check(!/^\$ trunk /m.test(content.output), 'Trunk ran for a content-only change');
  results.push(['content edit (pages only, no WASM build)', content.reloading, content.loaded]);

  // 2. A broken card: two errors, both in the page and in the terminal.
  const broken = original
    .replace(titleLine[0], 'title = ""')
    .replace(/^question = ".*"$/m, 'question = ""');
  const failing = await saveAndWaitForReload(page, CARD_FILE, broken);
  const shown = await page.locator('#dc-build-errors').textContent({ timeout: 5_000 });
  for (const field of ['title: error', 'decision.question: error']) {
    check(shown.includes(field), `the error page does not name ${field}:\n${shown}`);
    check(failing.output.includes(field), `the terminal does not name ${field}`);
  }
  check(server.exitCode === null, 'the server stopped on a broken card');
  results.push(['broken card (error page)', failing.reloading, failing.loaded]);

  // 3. The fix.
  const fixed = await saveAndWaitForReload(page, CARD_FILE, original);
  check((await page.title()) === title, `the card did not come back: ${await page.title()}`);
  results.push(['card fixed (page back)', fixed.reloading, fixed.loaded]);

  // 4. Rust.
  const rust = await saveAndWaitForReload(
    page,
    RUST_FILE,
    `${originals.get(RUST_FILE)}// cargo xtask serve reload probe ${Date.now()}\n`,
  );
  check(/^\$ trunk build/m.test(rust.output), 'a Rust change did not build the apps');
  check((await page.title()) === title, `the card did not reload: ${await page.title()}`);
  results.push(['Rust edit (both apps and the pages)', rust.reloading, rust.loaded]);

  // 5. Rust that does not compile: the compiler's error in the page, then the fix.
  const rustBroken = await saveAndWaitForReload(
    page,
    RUST_FILE,
    `${originals.get(RUST_FILE)}fn serve_reload_probe() -> u8 { "not a number" }\n`,
  );
  const compiler = await page.locator('#dc-build-errors').textContent({ timeout: 5_000 });
  check(/error\[E0308\]: mismatched types/.test(compiler), `the page does not show the compiler's error:\n${compiler}`);
  check(/error\[E0308\]/.test(rustBroken.output), 'the terminal does not show the compiler error');
  results.push(['Rust that does not compile (error page)', rustBroken.reloading, rustBroken.loaded]);
  const rustFixed = await saveAndWaitForReload(page, RUST_FILE, originals.get(RUST_FILE));
  check((await page.title()) === title, `the card did not come back: ${await page.title()}`);
  results.push(['Rust fixed (both apps and the pages)', rustFixed.reloading, rustFixed.loaded]);

  const s = (ms) => (ms === null ? '' : `${(ms / 1000).toFixed(1)} s`);
  console.log('\n| step | save to reload | save to page loaded |\n| --- | --- | --- |');
  for (const [step, reloading, loaded] of results) {
    console.log(`| ${step} | ${s(reloading)} | ${s(loaded)} |`);
  }
} catch (error) {
  console.error(`\nserve-reload: FAILED: ${error.message}`);
  process.exitCode = 1;
} finally {
  for (const [file, text] of originals) writeFileSync(file, text);
  await browser?.close();
  if (server && server.exitCode === null) process.kill(-server.pid, 'SIGINT');
}
