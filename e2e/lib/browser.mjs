// Browser helpers for the end-to-end tests: playwright-core driving the system Chromium
// (Debian's /usr/bin/chromium). Nothing here downloads a browser.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Headless and quiet: no sandbox (tests may run as root), no GPU, and none of Chromium's
// own background connections, which a machine without internet refuses anyway.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--disable-quic',
];

export const ARTIFACTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');

/** Launches headless Chromium. Options are passed on to playwright's `chromium.launch`. */
export function launchBrowser(options = {}) {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
}

/**
 * Opens a page in a fresh context (fresh storage) and records what goes wrong on it.
 *
 * `problems` collects uncaught errors, console errors, failed requests and HTTP errors;
 * a healthy page leaves it empty. `requests` lists every URL requested.
 * `appStarted(page)` tells whether Trunk's loader finished initialising the WASM app.
 *
 * @param {import('playwright-core').Browser} browser
 * @param {import('playwright-core').BrowserContextOptions} [contextOptions]
 */
export async function openPage(browser, contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  // Trunk's loader fires this event once `init()` of the wasm-bindgen glue has resolved.
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', () => {
      window.__appStarted = true;
    });
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error' || isFaviconProbe(message.location().url)) return;
    problems.push(`console error: ${message.text()}`);
  });
  page.on('request', (request) => requests.push(request.url()));
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText;
    // The browser drops a page's icon load when the page is left before it finished (a
    // test moving on quickly, a link of an earlier build sent on): not a fault of the page.
    // That the icon is there is tested on its own (smoke.test.mjs).
    if (error === 'net::ERR_ABORTED' && /\/favicon-[0-9a-f]+\.svg$/.test(new URL(request.url()).pathname)) return;
    // Nor a part of the page still loading when the page is left (src/components/on_demand.rs):
    // the reader reached for it, or it came near the screen, just before leaving.
    if (error === 'net::ERR_ABORTED' && /\/(split|chunk)_\w+-[0-9a-f]{16}\.wasm$/.test(new URL(request.url()).pathname)) return;
    problems.push(`request failed: ${request.url()} (${error})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return { context, page, problems, requests };
}

/**
 * Whether a URL is the browser's own `/favicon.ico` probe. Chromium requests it for any page
 * without an icon link, outside the page's control; a host that has no icon answers 404.
 */
export function isFaviconProbe(url) {
  try {
    return new URL(url).pathname === '/favicon.ico';
  } catch {
    return false;
  }
}

/** Whether Trunk's loader has started the app on this page. */
export function appStarted(page) {
  return page.evaluate(() => window.__appStarted === true);
}

/** The requested URLs that left `origin` (data: and blob: URLs stay in the page). */
export function foreignRequests(requests, origin) {
  return requests.filter(
    (url) => !url.startsWith(origin + '/') && !url.startsWith('data:') && !url.startsWith('blob:'),
  );
}

/** Saves a screenshot (of the whole page, unless `fullPage` is false) to e2e/artifacts/NAME.png and returns its path. */
export async function screenshot(page, name, { fullPage = true } = {}) {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}
