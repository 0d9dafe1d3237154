// "What could change the answer", checked against the page's own verdict on the release build
// in dist/: every move the part names, made with the card's controls, changes the verdict's
// headline; every factor it names as settled, moved to either end of its slider, leaves it as it
// was. On the seed card fresh (where only pairs of answers can change it) and with Privacy
// pointing clearly to self-hosting (where single factors can), and on the third card.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ARTIFACTS_DIR, openPage } from './lib/browser.mjs';
import { CARD, headline, start } from './lib/card.mjs';
import { useBuild } from './lib/setup.mjs';

const PART = '[data-testid="what-could-change"]';
const THIRD_CARD = 'monorepo-vs-polyrepo';

/** Sets a factor's slider to `position` (−2 … 2) by keyboard: Home, then one step at a time. */
async function setPosition(page, factor, position) {
  const slider = page.locator(`#dc-f-${factor}`);
  await slider.focus();
  await page.keyboard.press('Home');
  for (let i = -2; i < position; i += 1) await page.keyboard.press('ArrowRight');
  assert.equal(await slider.inputValue(), String(position));
}

/** Makes one move as `Change::tokens` writes it: `position:<factor>:<p>`, `importance:<factor>:<w>`, `tick:<id>:<1|0>`. */
async function makeMove(page, token) {
  const [kind, id, value] = token.split(':');
  if (kind === 'position') {
    await setPosition(page, id, Number(value));
  } else if (kind === 'importance') {
    await page.locator(`#dc-f-${id}-w`).selectOption(value);
  } else {
    const box = page.locator(`#dc-t-${id}`);
    if ((await box.isChecked()) !== (value === '1')) {
      await box.focus();
      await page.keyboard.press('Space');
    }
  }
}

/** The moves of each change the part lists: one array of tokens per change. */
async function listedChanges(page) {
  const moves = await page.locator(PART).getAttribute('data-moves');
  return moves ? moves.split('|').map((change) => change.split(' ')) : [];
}

/** The factors the part names as settled (beside pairs: as changing nothing with one other answer). */
async function settledFactors(page) {
  const ids = await page.locator(PART).getAttribute('data-settled');
  return ids ? ids.split(' ') : [];
}

/** A fresh page (fresh storage) of `card` with the `setup` moves made, and its headline. */
async function freshPage(env, card, setup) {
  const opened = await openPage(env.browser);
  await start(opened.page, `${env.server.url}${card}.html`);
  for (const token of setup) await makeMove(opened.page, token);
  return { ...opened, before: await headline(opened.page) };
}

/**
 * On `card` after the `setup` moves: every listed change, made on top of them in a fresh
 * page (the app saves on leaving, so a page once moved is never reused), changes the
 * headline; every settled factor at either end of its slider keeps it. Returns what the
 * part listed.
 */
async function checkClaims(env, card, setup = []) {
  const first = await freshPage(env, card, setup);
  let changes;
  let settled;
  try {
    changes = await listedChanges(first.page);
    settled = await settledFactors(first.page);
    assert.ok(changes.length > 0, `${card}: the part names no change`);
    for (const factor of settled) {
      const was = Number(await first.page.locator(`#dc-f-${factor}`).inputValue());
      for (const end of [-2, 2]) {
        await setPosition(first.page, factor, end);
        assert.equal(await headline(first.page), first.before, `${card}: settled ${factor} at ${end} changed the verdict`);
      }
      await setPosition(first.page, factor, was);
    }
    assert.deepEqual(first.problems, []);
  } finally {
    await first.context.close();
  }
  for (const moves of changes) {
    const { context, page, problems, before } = await freshPage(env, card, setup);
    try {
      assert.equal(before, first.before);
      for (const token of moves) await makeMove(page, token);
      assert.notEqual(await headline(page), before, `${card}: ${moves.join(' + ')} should change the verdict`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
  return { changes, settled };
}

describe('what could change the answer', () => {
  const env = useBuild();

  test('seed card, fresh: the smallest pairs change the verdict, the idle factor does not', async () => {
    const { changes, settled } = await checkClaims(env, CARD);
    assert.deepEqual(changes, [
      ['position:privacy:2', 'position:control:2'],
      ['position:privacy:2', 'position:ops-maturity:2'],
      ['position:privacy:2', 'position:economics:2'],
    ]);
    assert.deepEqual(settled, ['latency']);
  });

  test('seed card, Privacy clearly to self-hosting: each single factor named changes it, the settled ones hold', async () => {
    const { changes, settled } = await checkClaims(env, CARD, ['position:privacy:2']);
    assert.deepEqual(changes.slice(0, 3), [['position:control:2'], ['position:ops-maturity:2'], ['position:economics:2']]);
    assert.deepEqual(settled, ['privacy', 'latency']);
  });

  test('the third card, fresh and with a factor moved', async () => {
    await checkClaims(env, THIRD_CARD);
    await checkClaims(env, THIRD_CARD, ['position:cross-service-change-rate:-2']);
  });

  test('the part follows the answers and names the evidence to find out first', async () => {
    const { context, page, problems } = await openPage(env.browser, { viewport: { width: 1280, height: 900 } });
    try {
      await start(page, env.cardUrl);
      const part = page.locator(PART);
      assert.match(await part.textContent(), /No single answer changes the recommendation/);
      assert.match(
        await part.locator('[data-testid="find-out-first"]').textContent(),
        /Find out first: Privacy and compliance review \(Privacy\); Serving maturity assessment \(Ops maturity\); Cost model \(Economics\)\./,
      );
      await shot(page, 'sensitivity-1280-fresh');
      await setPosition(page, 'privacy', 2);
      await setPosition(page, 'economics', 1);
      // Privacy 3 + Economics 1 = 4, the burden: one step more on Economics clears it.
      assert.match(
        await part.textContent(),
        /Economics to “points clearly to Self-Hosted Model”: Self-Hosted Model would be justified\./,
      );
      await shot(page, 'sensitivity-1280-moved');
      await page.setViewportSize({ width: 320, height: 900 });
      await shot(page, 'sensitivity-320-moved');
      await setPosition(page, 'privacy', 0);
      await setPosition(page, 'economics', 0);
      assert.match(await part.textContent(), /No single answer changes the recommendation/);
      await shot(page, 'sensitivity-320-fresh');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});

/** A screenshot of the window with the part in view, in e2e/artifacts/. */
async function shot(page, name) {
  await page.locator(PART).scrollIntoViewIfNeeded();
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) });
}
