// A hosted page hands a reader itself as one file (the "Download this card as one file"
// line, web/startup.js): the file is the same document as the single-file build's, opens
// from disk with no network, and the host keeps one offline template per app for it, not a
// copy of the WASM per card. A template the host serves wrong is refused, and said so.

import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { appStarted, openPage, screenshot } from './lib/browser.mjs';
import { CARD, LIVE, download, setFactor } from './lib/card.mjs';
import { guardOrigins } from './lib/guard.mjs';
import { DIST, SINGLE } from './lib/paths.mjs';
import { useBuild } from './lib/setup.mjs';

const env = useBuild();

/** The document a browser makes of an HTML file, with script off: what the file is. */
async function documentOf(browser, file) {
  const { context, page } = await openPage(browser, { javaScriptEnabled: false });
  try {
    await page.goto(pathToFileURL(file).href);
    return await page.evaluate(() => document.documentElement.outerHTML);
  } finally {
    await context.close();
  }
}

/** Saves a downloaded file's text where a browser can open it. */
async function saved(file) {
  const dir = await mkdtemp(path.join(tmpdir(), 'dc-offline-'));
  const where = path.join(dir, file.name);
  await writeFile(where, file.text);
  return where;
}

describe('a hosted page as one file', () => {
  test('the card page makes its single file, which opens from disk with no network', async () => {
    const { context, page, problems } = await openPage(env.browser, { acceptDownloads: true });
    let file;
    try {
      await page.goto(env.cardUrl);
      await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      // Answers moved on the page do not go into the file: it is the card as served.
      await setFactor(page, 'privacy', 'End');
      const line = page.locator('#dc-offline');
      assert.equal(await line.isVisible(), true);
      await screenshot(page, 'offline-copy-line', { fullPage: false });
      file = await download(page, page.locator('#dc-offline-get'));
      assert.equal(file.name, `${CARD}.html`);
      assert.match(await page.locator('#dc-offline-status').textContent(), new RegExp(`Downloaded as ${CARD}\\.html`));
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
    const where = await saved(file);
    assert.equal(await documentOf(env.browser, where), await documentOf(env.browser, path.join(SINGLE, `${CARD}.html`)));

    const opened = await openPage(env.browser);
    await opened.context.setOffline(true);
    const blocked = await guardOrigins(opened.context, ['file://']);
    try {
      await opened.page.goto(pathToFileURL(where).href);
      await opened.page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      assert.equal(await appStarted(opened.page), true);
      assert.equal(await opened.page.locator('#dc-offline').count(), 0, 'a single file does not offer itself');
      await setFactor(opened.page, 'privacy', 'Home');
      assert.deepEqual(opened.problems, []);
      assert.deepEqual(blocked, []);
    } finally {
      await opened.context.close();
    }
  });

  test('the workshop page makes its single file too', async () => {
    const { context, page, problems } = await openPage(env.browser, { acceptDownloads: true });
    let file;
    try {
      await page.goto(env.workshopUrl());
      await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      file = await download(page, page.locator('#dc-offline-get'));
      assert.equal(file.name, `${CARD}.workshop.html`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
    const where = await saved(file);
    assert.equal(
      await documentOf(env.browser, where),
      await documentOf(env.browser, path.join(SINGLE, `${CARD}.workshop.html`))
    );
  });

  test('the host keeps one template per app and no copy of the WASM per card', async () => {
    const templates = (await readdir(path.join(DIST, 'offline'))).sort();
    assert.equal(templates.length, 2, templates.join(', '));
    assert.match(templates[0], /^card-[0-9a-f]{12}\.html$/);
    assert.match(templates[1], /^workshop-[0-9a-f]{12}\.html$/);
    // The apps' modules; the parts of a split one (split_…, chunk_…) are smaller than a template.
    const wasm = (await readdir(DIST)).filter((f) => f.endsWith('.wasm') && !/^(split|chunk)_/.test(f));
    const smallestWasm = Math.min(...(await Promise.all(wasm.map(async (f) => (await stat(path.join(DIST, f))).size))));
    // A file carrying a WASM (as base64, 4/3 of its size) is larger than the smallest one.
    for (const name of templates) {
      const size = (await stat(path.join(DIST, 'offline', name))).size;
      assert.ok(size < smallestWasm, `${name} is ${size} bytes: it carries a WASM`);
    }
    // No page carries a WASM either.
    for (const name of (await readdir(DIST)).filter((f) => f.endsWith('.html'))) {
      const size = (await stat(path.join(DIST, name))).size;
      assert.ok(size < smallestWasm, `${name} is ${size} bytes`);
    }
    const page = await readFile(path.join(DIST, `${CARD}.html`), 'utf8');
    assert.match(page, new RegExp(`data-template="offline/${templates[0].replace('.', '\\.')}"`));
  });

  test('a template the host serves changed is refused, and the line says so', async () => {
    const { context, page, problems } = await openPage(env.browser);
    try {
      await page.route('**/offline/card-*.html', async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, body: (await response.text()).replace('</title>', ' </title>') });
      });
      await page.goto(env.cardUrl);
      await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      const downloads = [];
      page.on('download', (d) => downloads.push(d));
      await page.locator('#dc-offline-get').click();
      const status = page.locator('#dc-offline-status');
      await status.filter({ hasText: /could not be made/ }).waitFor({ timeout: 10_000 });
      assert.match(await status.textContent(), /Nothing on this page changed/);
      assert.equal(await page.locator('#dc-offline-get').isEnabled(), true, 'the button can be pressed again');
      assert.deepEqual(downloads, []);
      // The browser reports the refused file itself; nothing else went wrong.
      assert.deepEqual(problems.filter((p) => !/integrity|offline\/card-/i.test(p)), []);
    } finally {
      await context.close();
    }
  });
});
