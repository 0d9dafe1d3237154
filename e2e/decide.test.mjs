// The decision flow as a user works it, by keyboard alone, on the release build in dist/:
// the default verdict, a justified switch, the capability gate, bad reasons that do not
// count, and progress restored after a reload.

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot } from './lib/browser.mjs';
import { HEADLINE, LIVE } from './lib/card.mjs';
import { useBuild } from './lib/setup.mjs';


/** Presses Tab until `target` (a selector or a locator) has focus: keyboard-only reach. */
async function tabTo(page, target, limit = 250) {
  const locator = typeof target === 'string' ? page.locator(target) : target;
  for (let i = 0; i < limit; i += 1) {
    if (await locator.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${target} not reached by Tab within ${limit} presses`);
}

/** Sets a factor by keyboard: Home = clearly Option A, End = clearly Option B. */
async function setFactor(page, id, key) {
  await tabTo(page, `#dc-f-${id}`);
  await page.keyboard.press(key);
}

/** Ticks the checkbox labelled `labelText`, by keyboard. */
async function tick(page, labelText) {
  await tabTo(page, page.locator('label.dc-check', { hasText: labelText }).locator('input'));
  await page.keyboard.press('Space');
}

async function headline(page) {
  return (await page.locator(HEADLINE).textContent()).trim();
}

async function start(page, url) {
  await page.goto(url);
  await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
  // Start every walk from the top of the page.
  await page.evaluate(() => document.activeElement?.blur());
}

describe('deciding with the keyboard', () => {
  const env = useBuild();

  test('neutral answers keep the default, with the case not clear yet', async () => {
    const { context, page, problems } = await openPage(env.browser);
    try {
      await start(page, env.cardUrl);
      assert.equal(await headline(page), 'Stay with Model API — the default');
      assert.match(await page.locator('.dc-qualifier').textContent(), /not clear yet/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a clear case switches; a missing capability holds it back; a reload restores it all', async () => {
    const { context, page, problems } = await openPage(env.browser);
    try {
      await start(page, env.cardUrl);
      await setFactor(page, 'privacy', 'End');
      await setFactor(page, 'control', 'End');
      await tabTo(page, '#dc-f-control-w');
      await page.keyboard.press('End'); // importance: High
      await setFactor(page, 'ops-maturity', 'End');
      await tick(page, 'Strong privacy or control needs');
      await tick(page, 'Serving capability exists');

      assert.equal(await headline(page), 'Self-Hosted Model is justified');
      assert.equal(
        await page.locator('#dc-f-privacy').getAttribute('aria-valuetext'),
        'Points clearly to Self-Hosted Model',
      );
      await screenshot(page, 'decide-switch');

      await setFactor(page, 'ops-maturity', 'Home');
      assert.match(await headline(page), /capability for Self-Hosted Model is missing/);
      assert.match(await page.locator('[data-testid="gate"]').textContent(), /Ops maturity/);
      assert.match(
        await page.locator('[data-testid="verdict"]').textContent(),
        /Creates an AI infrastructure program where a product decision was needed\./,
      );
      await screenshot(page, 'decide-gated');

      // Saved progress survives a reload (the pagehide flush covers the save debounce).
      await page.reload();
      await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      assert.match(await headline(page), /capability for Self-Hosted Model is missing/);
      assert.equal(await page.locator('#dc-f-privacy').inputValue(), '2');
      assert.equal(await page.locator('#dc-f-ops-maturity').inputValue(), '-2');
      assert.equal(await page.locator('#dc-f-control-w').inputValue(), '3');
      assert.equal(
        await page.locator('label.dc-check', { hasText: 'Serving capability exists' }).locator('input').isChecked(),
        true,
      );
      assert.match(await page.locator('[data-testid="save-state"]').textContent(), /Saved/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('bad reasons alone leave the default and name the anti-pattern', async () => {
    const { context, page, problems } = await openPage(env.browser);
    try {
      await start(page, env.cardUrl);
      await tick(page, 'Self-hosting is automatically cheaper');
      await tick(page, 'Self-hosting for prestige');
      assert.equal(await headline(page), 'Stay with Model API — the default');
      const warning = await page.locator('[data-testid="pitfall-warning"]').textContent();
      assert.match(warning, /rests mostly on reasons the card sets aside/);
      assert.match(warning, /Self-hosting for prestige/);
      // The explanation of why it does not count is shown beside the ticked item.
      assert.equal(await page.locator('#dc-why-self-hosting-for-prestige').isVisible(), true);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('notes, evidence and the record download work from the keyboard', async () => {
    const { context, page, problems } = await openPage(env.browser);
    try {
      await start(page, env.cardUrl);
      await tabTo(page, '#dc-q-gain-from-self-hosting');
      await page.keyboard.type('Data residency for the EU tenant.');
      await tabTo(page, '#dc-e-cost-model');
      await page.keyboard.press('End'); // Gathered
      await tabTo(page, '#dc-e-cost-model-note');
      await page.keyboard.type('Finance sheet v3');
      assert.match(await page.locator('.dc-badge').first().textContent(), /25% of evidence gathered/);

      await tabTo(page, '[data-testid="download-record"]');
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      const file = await download.path();
      const { readFile } = await import('node:fs/promises');
      const markdown = await readFile(file, 'utf8');
      assert.match(markdown, /^# Decision record: Model API vs Self-Hosted Model/);
      assert.match(markdown, /Chosen option: "Model API", because/);
      assert.match(markdown, /Data residency for the EU tenant\./);
      assert.match(markdown, /\| Cost model \| Gathered \| Finance sheet v3 \|/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
