// A workshop in two rounds, on the release build in dist/: six participants, each in a
// browser of their own, answer and send links; the facilitator gathers round 1 from the
// pasted chat and starts round 2; four change their answers, all six send a new link; the
// whole chat is pasted again. The page counts round 1's links once, shows the four as moved
// on the factors they moved and the other two as stayed; the CSV (read by an independent
// parser) has twelve rows with the right rounds and tokens; the projector view fits a
// 1920×1080 screen without horizontal scroll and shows no participant's name.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { axeViolations, describeViolations } from './lib/a11y.mjs';
import { openPage, screenshot } from './lib/browser.mjs';
import { download, LIVE, setFactor } from './lib/card.mjs';
import { count, paste } from './lib/workshop.mjs';
import { useBuild } from './lib/setup.mjs';

/** Six people: where each stands in round 1, and where four of them move in round 2. */
const PEOPLE = [
  { name: 'Ana', first: { privacy: 'End' }, second: { privacy: 'Home' } },
  { name: 'Bo', first: { privacy: 'Home' }, second: { privacy: 'ArrowRight' } },
  { name: 'Cy', first: { control: 'End' }, second: { control: 'ArrowLeft' } },
  { name: 'Dee', first: { economics: 'Home' }, second: { economics: 'End' } },
  { name: 'Eli', first: { privacy: 'End' }, second: null },
  { name: 'Fay', first: { latency: 'Home' }, second: null },
];

describe('a workshop in rounds', () => {
  const env = useBuild();
  const browsers = [];

  before(async () => {
    for (const person of PEOPLE) {
      const { context, page, problems } = await openPage(env.browser);
      browsers.push({ ...person, context, page, problems });
    }
  });

  after(async () => {
    for (const b of browsers) await b.context.close();
  });

  /** The participant's share link, made now: their card page opened afresh, panel opened. */
  async function sendLink(b) {
    await b.page.locator('[data-testid="share-open"]').click();
    await b.page.locator('#dc-share-name').fill(b.name);
    const link = await b.page.locator('[data-testid="share-link"]').inputValue();
    await b.page.locator('[data-testid="share-open"]').click();
    return link;
  }

  async function answer(b, moves) {
    for (const [factor, key] of Object.entries(moves)) await setFactor(b.page, factor, key);
  }

  test('round 2 shows who moved, and round 1 pasted again counts once', async () => {
    const chat = [];
    for (const b of browsers) {
      await b.page.goto(env.cardUrl);
      await b.page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      await answer(b, b.first);
      chat.push(`[10:0${chat.length}] ${b.name}: my answers ${await sendLink(b)}`);
    }
    const { context, page, problems } = await openPage(env.browser, { viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(env.workshopUrl());
      await paste(page, chat.join('\n'));
      assert.equal(await count(page), '6 participants');
      assert.equal(await page.locator('[data-testid="ws-round"]').textContent(), 'Round 1');
      await page.locator('[data-testid="ws-start-round"]').click();
      assert.equal(await page.locator('[data-testid="ws-round"]').textContent(), 'Round 2');
      assert.equal(await count(page), '0 participants');
      assert.match(await page.locator('[data-testid="ws-round-status"]').textContent(), /0 of 6 from round 1 have answered again/);

      // A link says when it was made, to the second: round 2's links are made later.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      for (const b of browsers) {
        // Each opens the card again (a new page load), moves or not, and sends a new link.
        await b.page.reload();
        await b.page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
        if (b.second) await answer(b, b.second);
        chat.push(`[10:3${chat.length - 6}] ${b.name}: round 2 ${await sendLink(b)}`);
      }
      // The whole chat, round 1's messages included, pasted as it is.
      await paste(page, chat.join('\n'));
      assert.equal(await count(page), '6 participants');
      const status = await page.locator('[data-testid="ws-status"]').textContent();
      assert.equal((status.match(/already gathered in round 1/g) ?? []).length, 6, status);
      assert.equal(await page.locator('[data-testid="ws-errors"]').count(), 0);
      assert.match(await page.locator('[data-testid="ws-round-status"]').textContent(), /6 of 6 from round 1 have answered again/);

      const sentence = await page.locator('[data-testid="ws-moved-sentence"]').textContent();
      assert.match(sentence, /^6 of 6 from round 1 answered again \(4 moved, 2 stayed\)\./);
      const movers = await page.locator('[data-testid="ws-movers"] li').allTextContents();
      assert.equal(movers.length, 4);
      for (const b of browsers) {
        const listed = movers.some((m) => m.startsWith(`${b.name}:`));
        assert.equal(listed, Boolean(b.second), `${b.name} ${b.second ? 'moved' : 'stayed'}`);
      }
      // Each on the factor they moved: Ana from "clearly Self-Hosted" to "clearly Model API".
      const ana = movers.find((m) => m.startsWith('Ana:'));
      assert.match(ana, /^Ana: 4 steps — Privacy from /);
      assert.match(await page.locator('[data-testid="ws-move-privacy"]').textContent(), /1 toward Model API, 1 toward Self-Hosted Model, 4 stayed/);
      assert.match(await page.locator('[data-testid="ws-move-control"]').textContent(), /1 toward Model API, 0 toward Self-Hosted Model, 5 stayed/);
      assert.match(await page.locator('[data-testid="ws-move-economics"]').textContent(), /0 toward Model API, 1 toward Self-Hosted Model, 5 stayed/);
      assert.match(await page.locator('[data-testid="ws-move-latency"]').textContent(), /0 toward Model API, 0 toward Self-Hosted Model, 6 stayed/);
      assert.equal(await page.locator('[data-testid="ws-round-verdicts"] li').count(), 2);
      await page.locator('[data-testid="ws-moved"]').scrollIntoViewIfNeeded();
      await screenshot(page, 'rounds-moved');
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], describeViolations(violations));
      // On a phone: what moved fits without sideways scrolling.
      await page.setViewportSize({ width: 320, height: 800 });
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(sideways, 0, 'no sideways scroll at 320 px');
      await screenshot(page, 'rounds-moved-320');
      await page.setViewportSize({ width: 1280, height: 900 });

      // The CSV: a row per participant per round, with the round and the token.
      const csv = await download(page, page.locator('[data-testid="ws-csv"]'));
      const rows = parse(csv.text, { bom: true, columns: true });
      assert.equal(rows.length, 12);
      assert.deepEqual(rows.map((r) => r.Round), [...Array(6).fill('1'), ...Array(6).fill('2')]);
      // A token that starts with "-" is written after a "'", as every text a spreadsheet could
      // take for a formula, and read back as text without it.
      const token = (row) => row.Token.replace(/^'(?=[-=+@])/, '');
      for (const b of browsers) {
        const mine = rows.filter((r) => r.Participant === b.name);
        assert.equal(mine.length, 2, b.name);
        assert.match(token(mine[0]), /^[A-Za-z0-9_-]{11}$/);
        assert.equal(token(mine[0]), token(mine[1]), `${b.name} keeps one token across rounds`);
      }
      assert.equal(new Set(rows.map((r) => r.Token)).size, 6);

      // The projector, on a 1920×1080 screen: large, no sideways scroll, no names.
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.locator('[data-testid="ws-projector-open"]').click();
      const projector = page.locator('[data-testid="ws-results"][role="dialog"]');
      await projector.waitFor();
      await page.waitForFunction(() => document.activeElement?.dataset.testid === 'ws-projector-close');
      const fits = await projector.evaluate((el) => ({
        page: document.documentElement.scrollWidth <= document.documentElement.clientWidth,
        view: el.scrollWidth <= el.clientWidth,
      }));
      assert.deepEqual(fits, { page: true, view: true });
      const text = await projector.textContent();
      for (const b of browsers) assert.ok(!text.includes(b.name), `${b.name} is not on the projector`);
      assert.equal(await projector.locator('[data-testid="ws-participant"]').count(), 0);
      const fixed = await projector.evaluate((el) => {
        const box = el.getBoundingClientRect();
        return { position: getComputedStyle(el).position, width: box.width, height: box.height };
      });
      assert.deepEqual(fixed, { position: 'fixed', width: 1920, height: 1080 });
      const headline = await projector
        .locator('[data-testid="ws-group-headline"]')
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      assert.ok(headline >= 40, `the verdict is ${headline}px`);
      // What the room sees: the screen, not the page behind it.
      await screenshot(page, 'rounds-projector', { fullPage: false });
      const inProjector = await axeViolations(page);
      assert.deepEqual(inProjector, [], describeViolations(inProjector));
      // Names only when the facilitator shows them.
      await page.locator('[data-testid="ws-projector-names"]').check();
      assert.ok((await projector.textContent()).includes('Ana'));
      await page.keyboard.press('Escape');
      await projector.waitFor({ state: 'detached' });
      await page.waitForFunction(() => document.activeElement?.dataset.testid === 'ws-projector-open');

      // A reload keeps both rounds.
      await page.reload();
      await page.locator('[data-testid="ws-round"]').waitFor();
      assert.equal(await page.locator('[data-testid="ws-round"]').textContent(), 'Round 2');
      assert.match(await page.locator('[data-testid="ws-moved-sentence"]').textContent(), /\(4 moved, 2 stayed\)/);
      assert.deepEqual(problems, []);
      for (const b of browsers) assert.deepEqual(b.problems, [], b.name);
    } finally {
      await context.close();
    }
  });
});
