// Workshops of any size, gathered from a meeting chat, on the release build in dist/: the
// names each chat app's copy format gives, a workshop well past 100 participants with plots
// that count instead of dotting, the CSV read back and compared, the workshop downloaded and
// added back, and storage running out without losing anyone.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openPage, screenshot } from './lib/browser.mjs';
import { download, setFactor } from './lib/card.mjs';
import { useBuild } from './lib/setup.mjs';
import { count, names, participant, paste } from './lib/workshop.mjs';

/** RFC 4180, as a spreadsheet reads it: quoted fields, doubled quotes, CRLF rows. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('a workshop gathered from a meeting chat', () => {
  const env = useBuild();
  let links;

  async function workshopPage(options = {}) {
    const opened = await openPage(env.browser, { viewport: { width: 1280, height: 900 }, ...options });
    await opened.page.goto(env.workshopUrl());
    await opened.page.locator('[data-testid="ws-links"]').waitFor({ timeout: 20_000 });
    return opened;
  }

  test('each chat copy format gives the sender as the name, never the chatter', async () => {
    // Two anonymous links: every name below comes from the chat.
    links = [
      (await participant(env.browser, env.cardUrl, { name: '', answer: (p) => setFactor(p, 'privacy', 'End') })).link,
      (await participant(env.browser, env.cardUrl, { name: '', answer: (p) => setFactor(p, 'privacy', 'Home') })).link,
    ];
    const [a, b] = links;
    const formats = [
      ['Name: prefix with times', `[10:02] Participant 3: here is mine ${a} thanks\n10:03 AM Bo Chen: ${b}`, ['Participant 3', 'Bo Chen']],
      ['From … to Everyone', `10:02:11 From Ana Lima to Everyone: ${a}\n10:04:40 From Cy Diaz to Everyone:\n\t${b}`, ['Ana Lima', 'Cy Diaz']],
      ['name, time, message', `Ana Lima\n10:02 AM\nhere is mine ${a}\n\nBo Chen\n10:03 AM\n${b}\n`, ['Ana Lima', 'Bo Chen']],
      ['name and time on one line', `Ana Lima  10:02 AM\nhere ${a}\r\n[10:03 AM] Bo Chen\r\n${b} thanks all`, ['Ana Lima', 'Bo Chen']],
      ['no sender shown', `here is mine ${a} thanks\n${b}`, ['', '']],
    ];
    for (const [format, text, expected] of formats) {
      const { context, page, problems } = await workshopPage();
      try {
        await paste(page, text);
        await page.locator('[data-testid="ws-participant"]').nth(1).waitFor();
        assert.deepEqual(await names(page), expected, format);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    }
  });

  test('150 participants: counted plots, the CSV read back, the workshop downloaded and added back', async () => {
    const chat = [];
    for (let i = 0; i < 150; i++) {
      chat.push(`[10:${String(i % 60).padStart(2, '0')}] Person ${i}: here is mine ${links[i % 3 === 0 ? 1 : 0]} thanks`);
      chat.push(`[10:${String(i % 60).padStart(2, '0')}] Person ${i}: a word about the question`);
    }
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'dc-scale-'));
    const { context, page, problems } = await workshopPage();
    try {
      // The invitation names the card's own page, beside this one.
      assert.equal(await page.locator('[data-testid="ws-invite"]').inputValue(), env.cardUrl);
      await paste(page, chat.join('\n'));
      assert.equal(await count(page), '150 participants');
      assert.match(await page.locator('[data-testid="ws-status"]').textContent(), /150 lines of chat without a link left out\./);
      const expectedNames = Array.from({ length: 150 }, (_, i) => `Person ${i}`);
      assert.deepEqual(await names(page), expectedNames);
      // The long list scrolls in a box of its own: nothing of it stretches the page.
      const [pageHeight, contentBottom] = await page.evaluate(() => [
        document.documentElement.scrollHeight,
        document.querySelector('.dc-root').getBoundingClientRect().bottom + window.scrollY,
      ]);
      assert.ok(pageHeight <= contentBottom + 64, `page ${pageHeight} px tall, its content ends at ${contentBottom} px`);
      // Past what dots can show, each step is a bar with its count: 50 and 100.
      const privacy = page.locator('[data-testid="ws-spread-privacy"]');
      assert.equal(await privacy.locator('circle').count(), 0);
      const counts = await privacy.locator('text.dc-plot-count').allTextContents();
      assert.deepEqual(counts.map(Number).sort((x, y) => x - y), [0, 0, 0, 50, 100]);
      assert.match(await privacy.locator('svg').getAttribute('aria-label'), /50 at .*, 100 at /);
      await privacy.scrollIntoViewIfNeeded();
      await screenshot(page, 'workshop-150-1280');

      const csv = await download(page, page.locator('[data-testid="ws-csv"]'));
      assert.equal(csv.name, 'model-api-vs-self-hosted-workshop.csv');
      assert.ok(csv.text.startsWith('\uFEFF'));
      const [header, ...rows] = parseCsv(csv.text.slice(1));
      assert.equal(rows.length, 150);
      // Round, participant, token, then the answers.
      assert.deepEqual(header.slice(0, 3), ['Round', 'Participant', 'Token']);
      assert.ok(rows.every((r) => r[0] === '1'));
      assert.deepEqual(rows.map((r) => r[1]), expectedNames);
      const privacyAt = header.indexOf('Privacy position');
      assert.deepEqual(rows.map((r) => r[privacyAt]), rows.map((_, i) => (i % 3 === 0 ? '-2' : '2')));
      const verdicts = await page.locator('[data-testid="ws-participant-verdict"]').allTextContents();
      assert.deepEqual(rows.map((r) => r[header.length - 1]), verdicts.map((v) => v.trim()));

      const saved = await download(page, page.locator('[data-testid="ws-download-all"]'));
      const file = path.join(tmp, saved.name);
      await writeFile(file, saved.text);
      const other = await workshopPage();
      try {
        await other.page.locator('[data-testid="ws-files"]').setInputFiles(file);
        await other.page.locator('[data-testid="ws-count"]', { hasText: '150 participants' }).waitFor();
        assert.deepEqual(await names(other.page), expectedNames);
        assert.deepEqual(other.problems, []);
      } finally {
        await other.context.close();
      }
      await page.setViewportSize({ width: 320, height: 800 });
      await privacy.scrollIntoViewIfNeeded();
      await screenshot(page, 'workshop-150-320');
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      await rm(tmp, { recursive: true, force: true });
    }
  });

  test('when storage runs out, the facilitator is told, nobody is lost and the workshop can be downloaded', async () => {
    const { context, page } = await workshopPage();
    try {
      // Fill this site's storage to the brim with something else.
      await page.evaluate(() => {
        let chunk = 'x'.repeat(1 << 20);
        let i = 0;
        while (chunk.length > 16) {
          try {
            localStorage.setItem(`filler-${i++}`, chunk);
          } catch {
            chunk = chunk.slice(0, chunk.length / 2);
          }
        }
      });
      const chat = Array.from({ length: 120 }, (_, i) => `Person ${i}: ${links[i % 2]}`);
      await paste(page, chat.join('\n'));
      assert.equal(await count(page), '120 participants');
      const state = page.locator('[data-testid="save-state"]');
      await state.filter({ hasText: 'Not saved' }).waitFor({ timeout: 10_000 });
      assert.match(await state.textContent(), /storage is full.*Everyone is still here on this page: download the workshop/);
      const saved = await download(page, page.locator('[data-testid="export-answers"]'));
      assert.equal(JSON.parse(saved.text).rounds.at(-1).participants.length, 120);
    } finally {
      await context.close();
    }
  });
});
