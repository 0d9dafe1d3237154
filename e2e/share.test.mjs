// Sharing without a server, on the release build in dist/: a share link carries one
// browser's answers to another, which asks before replacing its own; the answers file goes
// out and comes back in; and every kind of bad input (a truncated link, a link for another
// card, a link from a newer format, numbers out of range, a 50 MB file, a file that is not
// JSON) gets a clear message and leaves saved progress exactly as it was.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openPage, screenshot } from './lib/browser.mjs';
import { CARD, HEADLINE, reload, saved, setFactor, shareLink, start, stored, tick } from './lib/card.mjs';
import { useBuild } from './lib/setup.mjs';








/** CRC-32 (IEEE), as the link's checksum uses. */
function crc32(bytes) {
  let crc = ~0;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/**
 * A link with a valid checksum whose first factor byte is 25, one past "clearly B,
 * importance High": only the range check can refuse it. Layout as in docs/sharing.md, for
 * the seed card (5 factors, 8 tickable items, 3 triggers, 4 evidence items, 4 questions).
 */
function outOfRangeLink(base) {
  const header = `1.${CARD}.1.`;
  const body = [0, 25, 10, 10, 10, 10, 0, 0, 0, ...new Array(8).fill(0)];
  const crc = crc32([...Buffer.from(header), ...body]);
  const bytes = Buffer.from([...body, crc >>> 24, (crc >>> 16) & 255, (crc >>> 8) & 255, crc & 255]);
  return `${base}#a=${header}${bytes.toString('base64url')}`;
}

async function alertText(page) {
  const alert = page.locator('[data-testid="share-error"]');
  await alert.waitFor({ timeout: 5_000 });
  assert.equal(await alert.getAttribute('role'), 'alert');
  return alert.textContent();
}

describe('share links and answers files', () => {
  const env = useBuild();
  let tmp;

  before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'dc-share-'));
  });

  after(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  /** A browser with answers of its own, saved; returns its page and what it stored. */
  async function someoneWithAnswers() {
    const opened = await openPage(env.browser);
    await start(opened.page, env.cardUrl);
    await setFactor(opened.page, 'latency', 'Home');
    await tick(opened.page, 'Speed matters');
    const before = await saved(opened.page);
    assert.ok(before);
    return { ...opened, before };
  }

  test('a link carries the answers; opening it asks before replacing saved progress', async () => {
    const sender = await openPage(env.browser);
    const receiver = await someoneWithAnswers();
    try {
      await start(sender.page, env.cardUrl);
      await setFactor(sender.page, 'privacy', 'End');
      await setFactor(sender.page, 'control', 'End');
      await setFactor(sender.page, 'ops-maturity', 'End');
      await tick(sender.page, 'Strong privacy or control needs');
      await tick(sender.page, 'Serving capability exists');
      await sender.page.locator('#dc-q-gain-from-self-hosting').fill('Data residency for EU tenants and no surprise model changes.');
      assert.equal((await sender.page.locator(HEADLINE).textContent()).trim(), 'Self-Hosted Model is justified');
      const link = await shareLink(sender.page, 'Ana');
      assert.match(link, new RegExp(`^${env.cardUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}#a=2\\.${CARD}\\.1\\.[A-Za-z0-9_-]+$`));
      assert.ok(link.length < 2000, `link is ${link.length} characters`);
      assert.match(await sender.page.locator('#dc-share-note').textContent(), new RegExp(`${link.length} characters`));
      await screenshot(sender.page, 'share-link');

      // The receiver opens it: a prompt with the incoming answers and their verdict, and
      // nothing stored changes until they choose.
      const { page } = receiver;
      await page.goto(link);
      const prompt = page.locator('[data-testid="incoming"]');
      await prompt.waitFor({ timeout: 20_000 });
      assert.match(await prompt.textContent(), /This link holds answers from Ana\. Replace your saved answers with them\?/);
      assert.equal((await page.locator('[data-testid="incoming-verdict"]').textContent()).trim(), 'Self-Hosted Model is justified');
      assert.match(await prompt.textContent(), /Privacy: Points clearly to Self-Hosted Model/);
      assert.equal((await page.locator(HEADLINE).textContent()).trim(), 'Stay with Model API — the default');
      assert.equal(await stored(page), receiver.before);
      await screenshot(page, 'share-incoming');

      // "Keep mine": nothing changes, and the link leaves the address bar.
      await page.locator('[data-testid="incoming-keep"]').focus();
      await page.keyboard.press('Enter');
      await prompt.waitFor({ state: 'detached' });
      assert.equal(await stored(page), receiver.before);
      assert.equal(await page.evaluate(() => location.hash), '');
      await reload(page);
      assert.equal(await page.locator('[data-testid="incoming"]').count(), 0);
      assert.equal(await page.locator('#dc-f-latency').inputValue(), '-2');

      // Opened again, "Replace my answers" takes them in, and they are saved.
      await page.goto(link);
      await prompt.waitFor({ timeout: 20_000 });
      await page.locator('[data-testid="incoming-accept"]').click();
      await prompt.waitFor({ state: 'detached' });
      assert.equal((await page.locator(HEADLINE).textContent()).trim(), 'Self-Hosted Model is justified');
      assert.equal(await page.locator('#dc-f-privacy').inputValue(), '2');
      assert.equal(await page.locator('#dc-f-latency').inputValue(), '0');
      assert.equal(
        await page.locator('#dc-q-gain-from-self-hosting').inputValue(),
        'Data residency for EU tenants and no surprise model changes.',
      );
      const after = JSON.parse(await saved(page));
      assert.equal(after.answers.factors.privacy.position, 2);
      assert.deepEqual(sender.problems, []);
      assert.deepEqual(receiver.problems, []);
    } finally {
      await sender.context.close();
      await receiver.context.close();
    }
  });

  test('bad links get a clear message and leave saved progress untouched', async () => {
    const sender = await openPage(env.browser);
    const receiver = await someoneWithAnswers();
    try {
      await start(sender.page, env.cardUrl);
      await setFactor(sender.page, 'privacy', 'End');
      await sender.page.locator('#dc-q-data-sensitivity').fill('Support tickets hold personal data.');
      const link = await shareLink(sender.page);
      const [base, fragment] = link.split('#');
      const cases = [
        ['truncated', `${base}#${fragment.slice(0, fragment.length - 7)}`, /incomplete or was changed on its way/],
        ['another card', `${base}#${fragment.replace(CARD, 'rent-vs-build')}`, /answers to another card \(“rent-vs-build”\)/],
        ['newer format', `${base}#${fragment.replace('a=2.', 'a=3.')}`, /newer version of Decision Cards \(link format 3/],
        ['other content version', `${base}#${fragment.replace(`${CARD}.1.`, `${CARD}.7.`)}`, /made for version 7 of this card/],
        ['number out of range', outOfRangeLink(base), /hold a value this card does not allow \(the answer for “Privacy”\)/],
      ];
      const { page } = receiver;
      for (const [name, url, message] of cases) {
        await page.goto('about:blank');
        await start(page, url);
        const text = await alertText(page);
        assert.match(text, message, name);
        assert.match(text, /Your saved answers are unchanged\./, name);
        assert.equal(await page.locator('[data-testid="incoming"]').count(), 0, name);
        assert.equal(await page.locator('#dc-f-latency').inputValue(), '-2', name);
        assert.equal(await stored(page), receiver.before, name);
      }
      assert.deepEqual(receiver.problems, []);
    } finally {
      await sender.context.close();
      await receiver.context.close();
    }
  });

  test('answers go out as a file and come back in, after asking', async () => {
    const sender = await openPage(env.browser);
    const receiver = await someoneWithAnswers();
    try {
      await start(sender.page, env.cardUrl);
      await setFactor(sender.page, 'economics', 'End');
      await sender.page.locator('#dc-e-cost-model-note').fill('Finance sheet v3');
      await sender.page.locator('[data-testid="share-open"]').click();
      await sender.page.locator('#dc-share-name').fill('Bo');
      const [download] = await Promise.all([
        sender.page.waitForEvent('download'),
        sender.page.locator('[data-testid="export"]').click(),
      ]);
      assert.equal(download.suggestedFilename(), `${CARD}-answers.json`);
      const file = path.join(tmp, 'bo.json');
      await download.saveAs(file);
      const json = JSON.parse(await readFile(file, 'utf8'));
      assert.equal(json.schema, 3, 'the envelope that can carry recorded decisions');
      assert.equal(json.card, CARD);
      assert.equal(json.content_version, 1);
      assert.equal(json.participant, 'Bo');
      assert.equal(json.answers.factors.economics.position, 2);

      const { page } = receiver;
      await page.locator('[data-testid="import"]').setInputFiles(file);
      const prompt = page.locator('[data-testid="incoming"]');
      await prompt.waitFor();
      assert.match(await prompt.textContent(), /The file “bo\.json” holds answers from Bo\./);
      assert.equal(await stored(page), receiver.before);
      await page.locator('[data-testid="incoming-accept"]').click();
      assert.equal(await page.locator('#dc-f-economics').inputValue(), '2');
      assert.equal(await page.locator('#dc-e-cost-model-note').inputValue(), 'Finance sheet v3');
      assert.equal(JSON.parse(await saved(page)).answers.factors.economics.position, 2);
      assert.deepEqual(sender.problems, []);
      assert.deepEqual(receiver.problems, []);
    } finally {
      await sender.context.close();
      await receiver.context.close();
    }
  });

  test('bad files get a clear message and leave saved progress untouched', async () => {
    const receiver = await someoneWithAnswers();
    try {
      const big = path.join(tmp, 'big.json');
      await writeFile(big, '');
      await truncate(big, 50 * 1024 * 1024); // 50 MB, sparse: never read by the page
      const notJson = path.join(tmp, 'photo.json');
      await writeFile(notJson, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]));
      const outOfRange = path.join(tmp, 'range.json');
      await writeFile(
        outOfRange,
        JSON.stringify({ schema: 2, card: CARD, content_version: 1, saved_at: 0, answers: { factors: { privacy: { position: 7 } } } }),
      );
      const otherCard = path.join(tmp, 'other.json');
      await writeFile(otherCard, JSON.stringify({ schema: 2, card: 'rent-vs-build', content_version: 1, saved_at: 0, answers: {} }));
      const newer = path.join(tmp, 'newer.json');
      await writeFile(newer, JSON.stringify({ schema: 9, card: CARD, content_version: 1, saved_at: 0, answers: {} }));

      const cases = [
        [big, /too large to be an answers file \(50\.0 MB; the limit is 1024 KB\)/],
        [notJson, /not a Decision Cards answers file \(it is not JSON\)/],
        [outOfRange, /position 7 for “Privacy”; it must be a whole number from -2 to 2/],
        [otherCard, /answers to another card \(“rent-vs-build”\)/],
        [newer, /saved by a newer version of Decision Cards \(format 9/],
      ];
      const { page } = receiver;
      for (const [file, message] of cases) {
        await page.locator('[data-testid="import"]').setInputFiles(file);
        const text = await alertText(page);
        assert.match(text, message, file);
        assert.match(text, new RegExp(`“${path.basename(file).replace('.', '\\.')}” was not imported`));
        assert.match(text, /Your saved answers are unchanged\./);
        assert.equal(await page.locator('[data-testid="incoming"]').count(), 0);
        assert.equal(await stored(page), receiver.before);
        await page.locator('[data-testid="share-error"] button').click();
      }
      assert.equal(await page.locator('#dc-f-latency').inputValue(), '-2');
      assert.deepEqual(receiver.problems, []);
    } finally {
      await receiver.context.close();
    }
  });
});
