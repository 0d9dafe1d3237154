// A card written in French, on the release build in dist/: its page, its decision record and
// its workshop page say `lang="fr"` and speak French around the card (the tool's words from
// lang/fr/, docs/languages.md), with no word of the tool's English anywhere a reader sees or
// hears it: the page's text, its labels and titles, and the files it gives.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot } from './lib/browser.mjs';
import { download, LIVE, setFactor } from './lib/card.mjs';
import { useBuild } from './lib/setup.mjs';
import { participant, paste } from './lib/workshop.mjs';
import { catalogue } from './lib/words.mjs';

const CARD = 'cache-applicatif-ou-replique-en-lecture';

/**
 * The English of the tool that French says otherwise: every piece of an English word between
 * its placeholders and plural forms, of two words or more, that the French word does not
 * also contain ("Option A" is French too).
 */
function englishPieces() {
  const french = catalogue('fr');
  const pieces = [];
  for (const [key, text] of catalogue('en')) {
    if (key.startsWith('language/')) continue;
    const theirs = (french.get(key) ?? '').toLowerCase();
    for (const piece of text.split(/\{\w+\}|\|/)) {
      const words = piece.trim().replace(/^[^A-Za-z]+|[^A-Za-z]+$/g, '');
      if (words.split(/\s+/).length >= 2 && words.length >= 8 && !theirs.includes(words.toLowerCase())) {
        pieces.push({ key, words });
      }
    }
  }
  return pieces;
}

const ENGLISH = englishPieces();

/** The English pieces found in `text`, with the word of the catalogue each belongs to. */
function englishIn(text) {
  return ENGLISH.filter(({ words }) => text.includes(words)).map(({ key, words }) => `${key}: "${words}"`);
}

/** What a reader sees or hears of the page: its text, title, and labels, titles and placeholders. */
function readable(page) {
  return page.evaluate(() => {
    const attributes = [...document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')].flatMap((e) =>
      ['aria-label', 'title', 'placeholder', 'alt'].map((a) => e.getAttribute(a) ?? ''),
    );
    return [document.title, document.body.innerText, ...attributes].join('\n');
  });
}

async function assertFrench(page, where) {
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr', `${where}: <html lang>`);
  assert.deepEqual(englishIn(await readable(page)), [], `${where}: English words of the tool`);
}

describe('a card in French', () => {
  const env = useBuild();

  test('the English catalogue gives the check enough to find', () => {
    assert.ok(ENGLISH.length > 300, `only ${ENGLISH.length} pieces of English to look for`);
    assert.deepEqual(englishIn('Key factors and Evidence needed'), ['sections/KeyFactors: "Key factors"', 'sections/Evidence: "Evidence needed"']);
  });

  test('its page, before and after answering, and its decision record, speak French', async () => {
    const url = `${env.server.url}${CARD}.html`;
    for (const width of [1280, 320]) {
      const { context, page, problems } = await openPage(env.browser, { viewport: { width, height: 900 } });
      try {
        // (The line the page shows before its app is live is checked in French by
        // prerender.test.mjs, with JavaScript off: here the app may take over before a wait
        // for it could see it.)
        await page.goto(url, { waitUntil: 'commit' });
        await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
        await assertFrench(page, `${width} px, fresh`);
        await screenshot(page, `french-card-${width}`);
        // Answered: the verdict changes its words, the panels open.
        await setFactor(page, 'fraicheur', 'End');
        await setFactor(page, 'repetition-des-lectures', 'End');
        await setFactor(page, 'maitrise-de-l-equipe', 'End');
        await page.locator('[data-testid="share-open"]').click();
        await assertFrench(page, `${width} px, answered`);
        if (width === 1280) {
          await page.locator('[data-testid="record-decision"]').click();
          await page.locator('[data-testid="decision-recorded"]').waitFor();
          await assertFrench(page, 'recorded');
          await screenshot(page, 'french-record');
          const record = await download(page, page.locator('[data-testid="download-record"]'));
          assert.deepEqual(englishIn(record.text), [], 'the decision record');
          assert.match(record.text, /Cache applicatif ou réplique en lecture/);
        }
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    }
  });

  test('its workshop page, with participants gathered, speaks French', async () => {
    const url = `${env.server.url}${CARD}.html`;
    const links = [];
    for (const [name, key] of [['Élodie', 'Home'], ['Karim', 'End']]) {
      const answer = (page) => setFactor(page, 'fraicheur', key);
      links.push((await participant(env.browser, url, { name, answer })).link);
    }
    const { context, page, problems } = await openPage(env.browser, { viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(env.workshopUrl(CARD));
      await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      await assertFrench(page, 'workshop, empty');
      await paste(page, links.join('\n'));
      await page.locator('[data-testid="ws-participant"]').nth(1).waitFor();
      await assertFrench(page, 'workshop, two participants');
      await screenshot(page, 'french-workshop');
      for (const file of ['ws-download', 'ws-csv']) {
        const { name, text } = await download(page, page.locator(`[data-testid="${file}"]`));
        assert.deepEqual(englishIn(text), [], name);
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('on the English library page, its text is marked French', async () => {
    const { context, page, problems } = await openPage(env.browser, { viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${env.server.url}index.html`);
      await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      // The language each part is read in: its closest `lang`.
      const langOf = (locator) => locator.first().evaluate((e) => e.closest('[lang]').getAttribute('lang'));
      const french = page.locator(`[data-card="${CARD}"]`);
      for (const part of ['h2 a, h3 a', '.dc-tagline', '.dc-question-big', '.dc-library-default span']) {
        assert.equal(await langOf(french.locator(part)), 'fr', part);
      }
      // The page's own words around it stay English, and so does an English card.
      assert.equal(await langOf(french.locator('.dc-library-default strong')), 'en');
      assert.equal(await langOf(french.locator('[data-testid="library-progress"]')), 'en');
      const english = page.locator('[data-card="model-api-vs-self-hosted"]');
      assert.equal(await langOf(english.locator('h2 a, h3 a')), 'en');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
