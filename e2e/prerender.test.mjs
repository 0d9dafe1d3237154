// The prerendered pages of the release build in dist/ (made by `cargo xtask dist`):
//
// - with JavaScript off, every card page shows every sentence of its card, says in one line
//   what needs JavaScript and WebAssembly, and offers no button that cannot work;
// - the app takes the markup over without changing it: the page's text before the WASM and
//   right after it is live is the same, and the console stays free of hydration warnings
//   and errors through the load, a restore of saved answers and a first interaction;
// - the library lists every card, and says how far this browser got with each.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { openPage, screenshot } from './lib/browser.mjs';
import { CARD, HEADLINE, LIVE, SEED_TITLE, saved, setFactor } from './lib/card.mjs';
import { DIST } from './lib/paths.mjs';
import { useBuild } from './lib/setup.mjs';
import { listFiles } from './lib/sizes.mjs';
import { catalogue } from './lib/words.mjs';

/** Fields of the card data that are ids or references, not text a reader sees. */
const NOT_TEXT = /(^|\.)(id|favours|gate_for|default_option|informs|card)$/;

/** The card a page carries in its data block. */
async function pageCard(name) {
  const html = await readFile(path.join(DIST, name), 'utf8');
  const data = html.match(/<script type="application\/json" id="dc-data">([\s\S]*?)<\/script>/);
  assert.ok(data, `${name} carries no data block`);
  return JSON.parse(data[1]);
}

/** Every piece of text of a card, with the field it comes from. */
function sentences(card) {
  const out = [];
  const walk = (value, field) => {
    if (typeof value === 'string') {
      if (!NOT_TEXT.test(field) && value.trim() !== '') out.push({ field, text: value });
    } else if (Array.isArray(value)) {
      for (const v of value) walk(v, field);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, field ? `${field}.${k}` : k);
    }
  };
  walk(card, '');
  return out;
}

const squash = (text) => text.replace(/\s+/g, ' ').trim();

/** Where two long texts first differ, with some context: a short message for a failure. */
function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  return i === a.length && i === b.length ? null : { at: i, was: a.slice(i - 40, i + 80), now: b.slice(i - 40, i + 80) };
}

/** Messages on the console that are not the browser's own notice about preload integrity. */
function consoleRecorder(page) {
  const messages = [];
  page.on('console', (m) => {
    if (m.type() !== 'warning' && m.type() !== 'error') return;
    if (/integrity. attribute is currently ignored for preload/.test(m.text())) return;
    messages.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => messages.push(`page error: ${e.message}`));
  return messages;
}

describe('prerendered pages', () => {
  const env = useBuild();
  const cardPages = () =>
    listFiles(DIST).filter((f) => /^[a-z0-9-]+\.html$/.test(f) && f !== 'index.html');

  test('with JavaScript off, every card page reads in full', async () => {
    const pages = cardPages();
    assert.ok(pages.length >= 2, `card pages in dist/: ${pages}`);
    for (const name of pages) {
      const card = await pageCard(name);
      const { context, page, problems } = await openPage(env.browser, {
        javaScriptEnabled: false,
        viewport: { width: 320, height: 800 },
      });
      try {
        await page.goto(`${env.server.url}${name}`);
        const text = squash(await page.locator('body').innerText());
        const missing = sentences(card).filter((s) => !text.includes(squash(s.text)));
        assert.deepEqual(missing, [], `${name}: text of the card that is not on the page`);
        // One line says what needs script; the page as one file, which script makes, is
        // not offered.
        const line = page.locator('#dc-boot-loading');
        assert.equal(await line.isVisible(), true);
        const readingOnly = catalogue(card.lang ?? 'en').get('shell/CardReadingOnly');
        assert.equal(squash(await line.innerText()), squash(readingOnly));
        assert.equal(await page.locator('#dc-offline').isVisible(), false);
        // Every factor's slider is there; buttons that cannot act are not offered.
        for (const f of card.factors) assert.equal(await page.locator(`#dc-f-${f.id}`).count(), 1, f.id);
        assert.equal(await page.locator('.dc-root button:visible').count(), 0, 'a button is offered');
        assert.equal(await page.locator(LIVE).count(), 0);
        if (card.id === CARD) await screenshot(page, 'prerender-no-js-320');
        // The scripts themselves are refused, which is the point here.
        assert.deepEqual(problems.filter((p) => !/\.js \(csp\)$/.test(p)), []);
      } finally {
        await context.close();
      }
    }
  });

  test('each card page states its defaults in the markup', async () => {
    const { context, page } = await openPage(env.browser, { javaScriptEnabled: false });
    try {
      await page.goto(env.cardUrl);
      const card = await pageCard(`${CARD}.html`);
      for (const f of card.factors) {
        assert.equal(await page.locator(`#dc-f-${f.id}`).inputValue(), '0', `${f.id} slider`);
        assert.equal(await page.locator(`#dc-f-${f.id}-w`).inputValue(), String(f.weight), `${f.id} importance`);
      }
      assert.equal((await page.locator(HEADLINE).textContent()).trim(), 'Stay with Model API — the default');
    } finally {
      await context.close();
    }
  });

  test('taking over changes no text, and the console stays clean through restore and use', async () => {
    const { context, page, problems } = await openPage(env.browser);
    const messages = consoleRecorder(page);
    let release;
    const held = new Promise((resolve) => {
      release = resolve;
    });
    await page.route('**/*.wasm', async (route) => {
      await held;
      await route.continue();
    });
    try {
      // First visit: the text before the WASM is the text once it is live.
      await page.goto(env.cardUrl, { waitUntil: 'domcontentloaded' });
      // Only the record's date and its reopen link differ: the day and the page's address are
      // the reader's, not the build's.
      const text = async () =>
        squash(await page.locator('#dc-app').textContent())
          .replace(/Date: \d{4}-\d\d-\d\d/g, 'Date:')
          .replace(/ - Reopen these answers: \S+/g, '');
      const before = await text();
      release();
      await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      assert.equal(firstDifference(before, await text()), null, 'the app changed the prerendered text on taking over');

      // A first interaction, saved; then a reload restores it.
      await setFactor(page, 'privacy', 'End');
      await setFactor(page, 'control', 'End');
      await setFactor(page, 'ops-maturity', 'End');
      await saved(page);
      await page.reload();
      await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      assert.equal(await page.locator('#dc-f-privacy').inputValue(), '2');
      assert.equal((await page.locator(HEADLINE).textContent()).trim(), 'Self-Hosted Model is justified');
      await setFactor(page, 'privacy', 'Home');
      assert.equal(await page.locator('#dc-f-privacy').inputValue(), '-2');

      // The library and the workshop page too.
      await page.goto(env.server.url);
      await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      await page.goto(env.workshopUrl());
      await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      assert.deepEqual(messages, [], 'warnings or errors on the console');
      assert.deepEqual(problems, []);
    } finally {
      release();
      await context.close();
    }
  });

  test('the library lists every card, and how far this browser got with each', async () => {
    const { context, page, problems } = await openPage(env.browser, { viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(env.server.url);
      await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      const cards = page.locator('.dc-library-card');
      assert.equal(await cards.count(), cardPages().length);
      assert.equal(await cards.first().locator('h2').textContent(), SEED_TITLE);
      const progress = page.locator('[data-testid="library-progress"]');
      assert.deepEqual(
        [...new Set(await progress.allTextContents())],
        ['Not started in this browser.'],
      );

      await cards.first().locator('h2 a').click();
      await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      await setFactor(page, 'privacy', 'End');
      await saved(page);
      await page.locator('[data-testid="to-library"]').click();
      await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      assert.match(await progress.first().textContent(), /^1 of 5 factors set · saved \d+ [A-Z][a-z]{2}$/);
      assert.equal(await progress.nth(1).textContent(), 'Not started in this browser.');
      await screenshot(page, 'library-1280');
      await page.setViewportSize({ width: 320, height: 800 });
      const scroll = await page.evaluate(() => document.scrollingElement.scrollWidth);
      assert.ok(scroll <= 320, `horizontal scrolling at 320 px: ${scroll}`);
      await screenshot(page, 'library-320');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
