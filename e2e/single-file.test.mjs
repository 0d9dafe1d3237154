// Opening from disk (file://), with the network off and every non-file request blocked:
//
// - the single-file build (dist-single/<card-id>.html, made by `cargo xtask dist`) is
//   self-contained, starts, and keeps progress across reloads; the workshop's gathers a
//   participant with no network, its group drawn from the same file;
// - the multi-file build (dist/<card-id>.html) cannot start from disk: the card still
//   reads (it is prerendered), and the page says why the rest does not work and what to do.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { appStarted, openPage, screenshot } from './lib/browser.mjs';
import { guardOrigins } from './lib/guard.mjs';
import { CARD, LIVE, setFactor } from './lib/card.mjs';
import { count, names, paste } from './lib/workshop.mjs';
import { DIST, ROOT, SINGLE } from './lib/paths.mjs';
import { useBuild } from './lib/setup.mjs';

/** The ids and titles of the cards in content/, read from their top-level keys. */
async function contentCards() {
  const dir = path.join(ROOT, 'content');
  const cards = [];
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.toml')).sort()) {
    const text = await readFile(path.join(dir, name), 'utf8');
    const top = text.split(/^\[/m)[0];
    cards.push({
      id: top.match(/^id\s*=\s*"([^"]+)"/m)[1],
      title: top.match(/^title\s*=\s*"([^"]+)"/m)[1],
    });
  }
  return cards;
}

/** A fresh context with the network off and any request other than file:// blocked. */
async function offlinePage(browser) {
  const opened = await openPage(browser);
  await opened.context.setOffline(true);
  const blocked = await guardOrigins(opened.context, ['file://']);
  return { ...opened, blocked };
}

describe('opening from disk', () => {
  const env = useBuild({ serve: false });
  let cards;

  before(async () => {
    cards = await contentCards();
  });

  test('there is one self-contained file per card, and one for its workshop', async () => {
    for (const name of cards.flatMap((card) => [`${card.id}.html`, `${card.id}.workshop.html`])) {
      const card = cards.find((c) => name.startsWith(`${c.id}.`));
      const file = path.join(SINGLE, name);
      assert.ok(existsSync(file), `${file} is missing`);
      const html = await readFile(file, 'utf8');
      // Nothing that would load another file: no src, no stylesheet or preload links,
      // no url() in the CSS, no module scripts, no address elsewhere. Only the match is
      // compared, so that a failure does not print 700 KB of HTML.
      const css = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n');
      assert.ok(css.length > 1000, 'the stylesheet is inlined');
      const found = (re, text = html) => text.match(re)?.[0];
      assert.equal(found(/\ssrc\s*=\s*\S{0,40}/i), undefined, 'an element loads a file');
      assert.equal(found(/<link\b[^>]*>/i), undefined, 'a <link> is left');
      assert.equal(found(/url\([^)]{0,60}\)/i, css), undefined, 'the CSS references a file');
      assert.equal(found(/type\s*=\s*["']?module/i), undefined, 'a module script is left');
      // ("https://…" is the example of a link in the workshop's words, not an address.)
      assert.equal(found(/https?:\/\/(?!localhost:8000\/|…)\S{0,60}/i), undefined, 'an address elsewhere');
      // The page carries its card (or, for a workshop, the card it gathers answers on).
      const data = html.match(/<script type="application\/json" id="dc-data">([\s\S]*?)<\/script>/);
      assert.ok(data, 'the file carries its data');
      assert.equal(JSON.parse(data[1]).id, card.id, 'the file carries its own card');
      const size = (await stat(file)).size;
      assert.ok(size < 2 * 1024 * 1024, `${name} is ${size} bytes`);
    }
  });

  test('the single file starts from file:// with no network and keeps progress', async () => {
    const card = cards.find((c) => c.id === 'model-api-vs-self-hosted') ?? cards[0];
    const url = pathToFileURL(path.join(SINGLE, `${card.id}.html`)).href;
    const { context, page, problems, blocked } = await offlinePage(env.browser);
    try {
      await page.goto(url);
      await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      assert.equal(await appStarted(page), true, 'the loader did not report the app as started');
      assert.equal(await page.title(), `${card.title} · Decision Cards`);
      assert.equal(await page.locator('.dc-root h1').textContent(), card.title);
      assert.equal(await page.locator('#dc-boot').count(), 0, 'the loading block is gone');
      // Styles are inlined and applied (the verdict is a bordered panel, not plain text).
      const border = await page.locator('[data-testid="verdict"]').evaluate((el) => getComputedStyle(el).borderTopWidth);
      assert.equal(border, '6px');

      // Set a factor, let it save, reload: it is still set.
      const slider = page.locator('.dc-factor input[type="range"]').first();
      await slider.focus();
      await page.keyboard.press('End');
      const value = await slider.inputValue();
      assert.equal(value, '2');
      await page.locator('[data-testid="save-state"]', { hasText: /Saved/ }).waitFor({ timeout: 10_000 });
      await screenshot(page, 'single-file');
      await page.reload();
      await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      assert.equal(await page.locator('.dc-factor input[type="range"]').first().inputValue(), '2');

      assert.deepEqual(problems, [], 'the page reported errors');
      assert.deepEqual(blocked, [], 'the page tried to reach the network');
    } finally {
      await context.close();
    }
  });

  test("the workshop's single file gathers a participant offline, its group drawn from the one file", async () => {
    const { context, page, problems, blocked } = await offlinePage(env.browser);
    try {
      // A participant answers the card's single file and makes a share link.
      await page.goto(pathToFileURL(path.join(SINGLE, `${CARD}.html`)).href);
      await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      await setFactor(page, 'privacy', 'End');
      await page.locator('[data-testid="share-open"]').click();
      const link = await page.locator('[data-testid="share-link"]').inputValue();

      await page.goto(pathToFileURL(path.join(SINGLE, `${CARD}.workshop.html`)).href);
      await paste(page, `Ana: ${link}`);
      assert.equal(await count(page), '1 participant');
      await page.locator('[data-testid="ws-results"]').waitFor();
      assert.deepEqual(await names(page), ['Ana']);
      assert.deepEqual(problems, []);
      assert.deepEqual(blocked, [], 'the page tried to reach the network');
    } finally {
      await context.close();
    }
  });

  test('each single file opens its own card, whatever the query string says', async () => {
    assert.ok(cards.length >= 2, 'the build bundles more than one card');
    const { context, page, problems, blocked } = await offlinePage(env.browser);
    try {
      for (const card of cards) {
        await page.goto(pathToFileURL(path.join(SINGLE, `${card.id}.html`)).href);
        await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
        assert.equal(await page.locator('.dc-root h1').textContent(), card.title);
        // The card the file names wins over a ?card= of another card.
        await page.goto(`${pathToFileURL(path.join(SINGLE, `${card.id}.html`)).href}?card=${cards.find((c) => c !== card).id}`);
        await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
        assert.equal(await page.locator('.dc-root h1').textContent(), card.title);
      }
      assert.deepEqual(problems, []);
      assert.deepEqual(blocked, []);
    } finally {
      await context.close();
    }
  });

  test('the multi-file build from file:// explains itself instead of a blank page', async () => {
    const url = pathToFileURL(path.join(DIST, 'model-api-vs-self-hosted.html')).href;
    const { context, page, blocked } = await offlinePage(env.browser);
    try {
      await page.goto(url);
      const failed = page.locator('#dc-boot-failed');
      await failed.waitFor({ state: 'visible', timeout: 10_000 });
      const text = await failed.textContent();
      assert.match(text, /could not start/);
      assert.match(text, /opened from a file/);
      assert.match(text, /web server/);
      assert.match(text, /single-file build/);
      assert.equal(await page.locator('#dc-boot-loading').isVisible(), false, '"Loading…" is replaced');
      assert.equal(await page.locator('.dc-root h1').isVisible(), true, 'the card still reads');
      assert.equal(await page.locator(LIVE).count(), 0);
      await screenshot(page, 'file-multi-file-build');
      assert.deepEqual(blocked, [], 'the page tried to reach the network');
    } finally {
      await context.close();
    }
  });
});
