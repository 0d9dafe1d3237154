// The library of cards, as a team uses it: the root lists every bundled card, each card
// opens from it and back, progress shows where this browser has some, a card that leaves
// optional sections out shows no empty heading, and every link form of earlier builds still
// opens the same card with the same answers, at a sub-path.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openPage, screenshot } from './lib/browser.mjs';
import { CARD, LIVE, setFactor, shareLink, start } from './lib/card.mjs';
import { ROOT } from './lib/paths.mjs';
import { useBuild } from './lib/setup.mjs';

const PREFIX = '/team/wiki/decisions/';
const env = useBuild({ serve: { prefix: PREFIX } });

/** Id and title of every card in content/, read from the files the build bundles. */
const CARDS = readdirSync(path.join(ROOT, 'content'))
  .filter((f) => f.endsWith('.toml'))
  .map((f) => {
    const text = readFileSync(path.join(ROOT, 'content', f), 'utf8');
    return { id: text.match(/^id = "(.+)"$/m)[1], title: text.match(/^title = "(.+)"$/m)[1] };
  });
/** A card bundled to show optional sections left out (see docs/card-format.md). */
const SHORT_CARD = 'monorepo-vs-polyrepo';

/**
 * What a reader would see as an empty box: a list without items, a section or panel that
 * holds nothing but headings, a fieldset without a control. Returned as descriptions.
 */
function emptyBoxes(page) {
  return page.evaluate(() => {
    const found = [];
    const what = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')}`;
    const isText = (el) => !/^H[1-6]$/.test(el.tagName) && !el.matches('.dc-subtitle, .dc-blurb, legend');
    for (const ul of document.querySelectorAll('.dc-main ul, .dc-verdict ul')) {
      if (ul.children.length === 0) found.push(`empty ${what(ul)} after "${ul.previousElementSibling?.textContent}"`);
    }
    for (const box of document.querySelectorAll('.dc-main .dc-section:not(.dc-intro), .dc-main .dc-panel, .dc-main .dc-option')) {
      if (![...box.querySelectorAll('*')].some((el) => isText(el) && el.children.length === 0 && el.textContent.trim())) {
        found.push(`only headings in ${what(box)}`);
      }
    }
    for (const set of document.querySelectorAll('.dc-main fieldset')) {
      if (!set.querySelector('input, select, textarea')) found.push(`no control in ${what(set)}`);
    }
    // A heading directly followed by another heading of the same or a higher level has lost
    // what it heads.
    for (const h of document.querySelectorAll('.dc-main h3, .dc-main h4, .dc-verdict h3')) {
      let next = h.nextElementSibling;
      while (next && next.matches('.dc-subtitle, .dc-blurb')) next = next.nextElementSibling;
      if (!next || (/^H[1-6]$/.test(next.tagName) && next.tagName <= h.tagName)) found.push(`bare heading "${h.textContent}"`);
    }
    return found;
  });
}

describe('the library', () => {
  it('lists every bundled card, and each opens from it and links back', async () => {
    const { page, problems, context } = await openPage(env.browser);
    try {
      await page.goto(env.server.url);
      const links = page.locator('.dc-library-card h2 a');
      const titles = await links.allTextContents();
      assert.deepEqual([...titles].sort(), CARDS.map((c) => c.title).sort());
      assert.equal(titles[0], CARDS.find((c) => c.id === CARD).title, 'the seed card comes first');
      assert.ok(CARDS.length >= 3);
      for (const card of CARDS) {
        await page.goto(env.server.url);
        // Live first: a click while the library's WASM is still arriving cuts that request
        // off (the `load` event does not wait for it), which the problems list would report.
        await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
        await page.locator('.dc-library-card h2 a', { hasText: card.title }).click();
        await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
        assert.equal(page.url(), `${env.server.url}${card.id}.html`);
        assert.equal(await page.locator('.dc-root h1').textContent(), card.title);
        assert.deepEqual(await emptyBoxes(page), [], `${card.id} shows an empty box`);
        await page.locator('[data-testid="to-library"]').click();
        await page.waitForURL(`${env.server.url}index.html`);
        // Live again before the next card is opened, for the same reason as above.
        await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('shows how far this browser got with each card', async () => {
    const { page, problems, context } = await openPage(env.browser, { viewport: { width: 1280, height: 800 } });
    try {
      await start(page, `${env.server.url}${SHORT_CARD}.html`);
      await setFactor(page, 'cross-service-change-rate', 'End');
      await page.locator('[data-testid="save-state"]', { hasText: /Saved/ }).waitFor({ timeout: 10_000 });
      await page.goto(env.server.url);
      const progress = (id) => page.locator(`.dc-library-card[data-card="${id}"] [data-testid="library-progress"]`);
      await progress(SHORT_CARD).filter({ hasText: /set/ }).waitFor({ timeout: 20_000 });
      const today = await page.evaluate(() => new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'short' }));
      assert.equal((await progress(SHORT_CARD).textContent()).trim(), `1 of 2 factors set \u00b7 saved ${today}`);
      assert.equal((await progress(CARD).textContent()).trim(), 'Not started in this browser.');
      await screenshot(page, 'library-1280');
      await page.setViewportSize({ width: 320, height: 800 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      assert.ok(overflow <= 0, `the library is ${overflow} px wider than a 320 px screen`);
      await screenshot(page, 'library-320');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('finds cards by any of their words, accents and case ignored; filters by progress; links cards that name each other', async () => {
    const { page, problems, context } = await openPage(env.browser, { viewport: { width: 1280, height: 800 } });
    try {
      await start(page, `${env.server.url}${SHORT_CARD}.html`);
      await setFactor(page, 'cross-service-change-rate', 'End');
      await page.locator('[data-testid="save-state"]', { hasText: /Saved/ }).waitFor({ timeout: 10_000 });
      await page.goto(env.server.url);
      await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      const shownCards = () => page.locator('.dc-library-card:visible').evaluateAll((cards) => cards.map((c) => c.dataset.card));
      const count = page.locator('[data-testid="library-count"]');
      assert.equal(await count.textContent(), `${CARDS.length} decisions`);
      const search = page.locator('[data-testid="library-search"]');
      // A title's word typed with an accent it does not have, in capitals.
      await search.fill('MODÈL');
      assert.deepEqual(await shownCards(), [CARD]);
      assert.equal(await count.textContent(), `1 of ${CARDS.length} decisions`);
      // An option's name, a factor's name.
      await search.fill('polyrepo');
      assert.deepEqual(await shownCards(), [SHORT_CARD]);
      await search.fill('ops maturity');
      assert.deepEqual(await shownCards(), [CARD]);
      await search.fill('nothing like this');
      assert.deepEqual(await shownCards(), []);
      await search.fill('');
      // The filter, by how far this browser got.
      await page.getByLabel('In progress').check();
      assert.deepEqual(await shownCards(), [SHORT_CARD]);
      await page.getByLabel('Not started').check();
      assert.deepEqual((await shownCards()).sort(), CARDS.map((c) => c.id).filter((id) => id !== SHORT_CARD).sort());
      await page.getByLabel('All').check();
      assert.equal((await shownCards()).length, CARDS.length);
      // Build vs Buy names the seed card among its related decisions: linked both ways.
      const forward = page.locator('.dc-library-card[data-card="build-vs-buy"] [data-testid="library-points-to"] a');
      assert.equal(await forward.textContent(), CARDS.find((c) => c.id === CARD).title);
      assert.equal(await forward.getAttribute('href'), `${CARD}.html`);
      const back = page.locator(`.dc-library-card[data-card="${CARD}"] [data-testid="library-pointed-from"] a`);
      assert.equal(await back.textContent(), 'Build vs Buy');
      // On the cards themselves: the related decision opens the card it is, and the card
      // named lists who names it.
      await page.goto(`${env.server.url}build-vs-buy.html`);
      await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      const related = page.locator('#dc-related a[href]', { hasText: CARDS.find((c) => c.id === CARD).title });
      assert.equal(await related.getAttribute('href'), `${CARD}.html`);
      await related.click();
      await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      assert.equal(page.url(), env.cardUrl);
      assert.equal(await page.locator('[data-testid="named-by"] a').textContent(), 'Build vs Buy');
      await page.goto(env.server.url);
      await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      await search.fill('modèl');
      await screenshot(page, 'library-search');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('leaves the sections a card does not have out of the page, the record and the workshop', async () => {
    const { page, problems, context } = await openPage(env.browser);
    try {
      await start(page, `${env.server.url}${SHORT_CARD}.html`);
      for (const id of ['dc-ai', 'dc-related', 'dc-questions']) {
        assert.equal(await page.locator(`#${id}`).count(), 0, `#${id} is on the page`);
      }
      for (const heading of ['Really about', 'Heuristic', 'Hidden costs', 'Failure modes', 'Who absorbs the cost', 'What should force a re-look']) {
        assert.equal(await page.getByRole('heading', { name: heading, exact: true }).count(), 0, `"${heading}" is on the page`);
      }
      // The record, on screen and in the copy the print view shows.
      for (const testid of ['record', 'print-record']) {
        const record = await page.locator(`[data-testid="${testid}"]`).textContent();
        assert.match(record, /## Decision outcome/);
        for (const gone of ['Heuristic', 'Who absorbs', 'Hidden cost', '- [ ]', '## Questions']) {
          assert.ok(!record.includes(gone), `the ${testid} says "${gone}":\n${record}`);
        }
      }

      await start(page, `${env.server.url}${SHORT_CARD}.workshop.html`);
      assert.deepEqual(await emptyBoxes(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('fits long factor names in the "Why" chart from 320 px up', async () => {
    for (const width of [320, 375, 768, 1280]) {
      const { page, problems, context } = await openPage(env.browser, { viewport: { width, height: 900 } });
      try {
        await start(page, `${env.server.url}${SHORT_CARD}.html`);
        await setFactor(page, 'cross-service-change-rate', 'End');
        await setFactor(page, 'build-tooling-maturity', 'Home');
        const names = page.locator('.dc-bar-name');
        await names.first().waitFor();
        assert.ok(await names.count() >= 2);
        const cut = await names.evaluateAll((els) =>
          els.flatMap((el) => {
            const box = el.getBoundingClientRect();
            const panel = el.closest('.dc-verdict, .dc-explanation').getBoundingClientRect();
            const inside = box.left >= panel.left - 0.5 && box.right <= panel.right + 0.5;
            return inside && el.scrollWidth <= el.clientWidth + 1 ? [] : [`${el.textContent} (${Math.round(box.left)}..${Math.round(box.right)} in ${Math.round(panel.left)}..${Math.round(panel.right)})`];
          }),
        );
        assert.deepEqual(cut, [], `labels cut at ${width} px`);
        assert.ok((await names.allTextContents()).includes('Cross-service change rate'));
        if (width === 320) await screenshot(page, 'why-chart-320');
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    }
  });

  it('opens every link form of earlier builds on the same card with the same answers', async () => {
    const { page, problems, context } = await openPage(env.browser);
    try {
      await start(page, `${env.server.url}${CARD}.html`);
      await setFactor(page, 'privacy', 'End');
      const link = await shareLink(page, 'Ana');
      const fragment = link.slice(link.indexOf('#'));
      const base = env.server.url;
      const forms = [
        { old: `?card=${CARD}`, now: `${CARD}.html` },
        { old: `index.html?card=${CARD}`, now: `${CARD}.html` },
        { old: `?card=${CARD}&embed=1`, now: `${CARD}.html?embed=1` },
        { old: `?embed=1&card=${CARD}`, now: `${CARD}.html?embed=1` },
        { old: `?card=${CARD}&mode=workshop`, now: `${CARD}.workshop.html` },
        { old: `?mode=workshop`, now: `${CARD}.workshop.html` },
        { old: `?card=${CARD}${fragment}`, now: `${CARD}.html${fragment}`, incoming: true },
        { old: `?card=${CARD}&embed=1${fragment}`, now: `${CARD}.html?embed=1${fragment}`, incoming: true },
        { old: fragment, now: `${CARD}.html${fragment}`, incoming: true },
      ];
      for (const { old, now, incoming } of forms) {
        await page.goto('about:blank');
        await page.goto(`${base}${old}`);
        await page.waitForURL(`${base}${now}`, { timeout: 20_000 });
        await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
        if (incoming) {
          const prompt = page.locator('[data-testid="incoming"]');
          await prompt.waitFor({ timeout: 20_000 });
          assert.match(await prompt.textContent(), /answers from Ana/, old);
          assert.match(await prompt.textContent(), /Privacy: Points clearly to Self-Hosted Model/, old);
        }
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
