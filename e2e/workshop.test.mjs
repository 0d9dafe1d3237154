// A workshop without a server, on the release build in dist/: three participants answer the
// card in their own browsers and share links; the facilitator, in a fourth, adds them (one
// twice) to the workshop view and sees three participants, the spread per factor, the tallies
// and the group verdict; results can be hidden until revealed; a reload keeps the workshop;
// files and bad links are handled; the group summary downloads as Markdown.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openPage, screenshot } from './lib/browser.mjs';
import { CARD, LIVE, reach, setFactor, tick } from './lib/card.mjs';
import { count, participant } from './lib/workshop.mjs';
import { useBuild } from './lib/setup.mjs';

describe('the workshop view', () => {
  const env = useBuild();
  let tmp;
  let people;

  before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'dc-workshop-'));
    // Three people, three different views of the same decision.
    people = [
      await participant(env.browser, env.cardUrl, {
        name: 'Ana',
        answer: async (page) => {
          await setFactor(page, 'privacy', 'End');
          await setFactor(page, 'control', 'End');
          await setFactor(page, 'ops-maturity', 'End');
          await tick(page, 'Strong privacy or control needs');
          await tick(page, 'Serving capability exists');
          await tick(page, 'Self-hosting for prestige');
          await page.locator('#dc-q-data-sensitivity').fill('Support tickets hold personal data.');
        },
      }),
      await participant(env.browser, env.cardUrl, {
        name: '',
        answer: async (page) => {
          await setFactor(page, 'privacy', 'End');
          await setFactor(page, 'control', 'ArrowRight');
          await setFactor(page, 'ops-maturity', 'ArrowRight');
          await setFactor(page, 'economics', 'End');
          await tick(page, 'Strong privacy or control needs');
        },
      }),
      // A link of an earlier build, sent on to the card's page.
      await participant(env.browser, `${env.server.url}?card=${CARD}`, {
        name: 'Cy',
        answer: async (page) => {
          await setFactor(page, 'privacy', 'Home');
          await tick(page, 'Speed matters');
          await tick(page, 'Ops maturity is limited');
        },
      }),
    ];
  });

  after(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  test('three links (one twice) make three participants, their spread and the group verdict; a reload keeps it', async () => {
    assert.deepEqual(
      people.map((p) => p.verdict),
      ['Self-Hosted Model is justified', 'Self-Hosted Model is justified', 'Model API — the default holds'],
    );
    const { context, page, problems } = await openPage(env.browser, { viewport: { width: 1280, height: 900 } });
    try {
      // Reached from the card by its visible link.
      await page.goto(env.cardUrl);
      await page.locator('html.dc-live').waitFor({ state: 'attached', timeout: 20_000 });
      await page.locator('[data-testid="workshop-link"]').click();
      await page.locator('[data-testid="ws-links"]').waitFor({ timeout: 20_000 });
      // The workshop is a page of its own, with a WASM of its own.
      assert.match(page.url(), /\/model-api-vs-self-hosted\.workshop\.html$/);
      // No one yet: the group's sections come with the first participant.
      assert.equal((await page.locator('.dc-ws-people').innerText()).replace(/\s+/g, ' ').trim(), 'Participants 0 participants No one yet: add links or files above.');

      // Any order, one of them twice, one with a name typed before the link.
      const [ana, anonymous, cy] = people.map((p) => p.link);
      await page.locator('[data-testid="ws-links"]').fill(`${cy}\nBo: ${anonymous}\n${ana}`);
      await page.locator('[data-testid="ws-add"]').click();
      assert.equal(await count(page), '3 participants');
      await page.locator('[data-testid="ws-links"]').fill(ana);
      await page.locator('[data-testid="ws-links"]').focus();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter'); // "Add links", by keyboard
      assert.match(await page.locator('[data-testid="ws-status"]').textContent(), /Line 1: the same answers as Ana, so not added again/);
      assert.equal(await count(page), '3 participants');

      const rows = page.locator('[data-testid="ws-participant"]');
      assert.equal(await rows.count(), 3);
      assert.deepEqual(await rows.locator('input').evaluateAll((inputs) => inputs.map((i) => i.value)), ['Cy', 'Bo', 'Ana']);
      assert.deepEqual(
        (await page.locator('[data-testid="ws-participant-verdict"]').allTextContents()).map((t) => t.trim()),
        ['Model API — the default holds', 'Self-Hosted Model is justified', 'Self-Hosted Model is justified'],
      );

      // The spread: one dot per participant on each factor's plot, described in words.
      const privacy = page.locator('[data-testid="ws-spread-privacy"]');
      assert.equal(await privacy.locator('circle').count(), 3);
      assert.match(
        await privacy.locator('svg').getAttribute('aria-label'),
        /Privacy: 1 at “Points clearly to Model API”, 2 at “Points clearly to Self-Hosted Model”\. Group position \(median\): points clearly to Self-Hosted Model\./,
      );
      // Medians: privacy +2, control +1, ops +1, economics 0, and a signal ticked by 2 of 3:
      // 3 + 1 + 1 + 1 = 6, more than the burden of proof (4).
      assert.equal((await page.locator('[data-testid="ws-group-headline"]').textContent()).trim(), 'Self-Hosted Model is justified');
      assert.match(await page.locator('[data-testid="ws-split"]').textContent(), /2 of 3: Self-Hosted Model is justified/);
      const disputed = await page.locator('[data-testid="ws-disputed"]').textContent();
      assert.match(disputed, /Privacy — from “Points clearly to Model API” to “Points clearly to Self-Hosted Model”/);
      assert.match(disputed, /Do we have real serving capability or only enthusiasm\?/);
      const tallies = await page.locator('[data-testid="ws-tallies"]').textContent();
      assert.match(tallies, /Strong privacy or control needs.*2 of 3/);
      assert.match(tallies, /Self-hosting for prestige\s*1 of 3/);
      await screenshot(page, 'workshop');

      // Hidden until revealed: no verdicts, no plots.
      await page.locator('[data-testid="ws-hide"]').check();
      assert.equal(await page.locator('[data-testid="ws-group-headline"]').count(), 0);
      assert.equal(await page.locator('[data-testid="ws-spread-privacy"]').count(), 0);
      assert.match(await page.locator('[data-testid="ws-hidden"]').textContent(), /3 participants so far/);
      assert.deepEqual(
        (await page.locator('[data-testid="ws-participant-verdict"]').allTextContents()).map((t) => t.trim()),
        ['Verdict hidden', 'Verdict hidden', 'Verdict hidden'],
      );
      assert.equal(await page.locator('[data-testid="ws-record-decision"]').isDisabled(), true, 'no group decision before the reveal');
      await screenshot(page, 'workshop-hidden');

      // A reload keeps the workshop, hidden state included.
      await page.reload();
      await page.locator('[data-testid="ws-links"]').waitFor({ timeout: 20_000 });
      assert.equal(await count(page), '3 participants');
      assert.equal(await page.locator('[data-testid="ws-hide"]').isChecked(), true);
      await page.getByRole('button', { name: 'Reveal results' }).click();
      assert.equal((await page.locator('[data-testid="ws-group-headline"]').textContent()).trim(), 'Self-Hosted Model is justified');

      // The group summary as Markdown.
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="ws-download"]').click()]);
      assert.equal(download.suggestedFilename(), `${CARD}-workshop-summary.md`);
      const markdown = await readFile(await download.path(), 'utf8');
      assert.match(markdown, /^# Workshop summary: Model API vs Self-Hosted Model/);
      assert.match(markdown, /- Participants: 3/);
      assert.match(markdown, /\*\*Self-Hosted Model is justified\.\*\*/);
      assert.match(markdown, /\| Cy \| Model API — the default holds \|/);
      assert.match(markdown, /\| Privacy \| -2 \+2 \+2 \| \+2\.0 \|/);
      assert.match(markdown, /  - Ana: Support tickets hold personal data\./);

      // The group's answers and verdict recorded as the decision on the facilitator's card.
      assert.equal(await page.locator('[data-testid="ws-record-decision"]').isDisabled(), false);
      await page.locator('[data-testid="ws-record-decision"]').click();
      const recorded = (await page.locator('[data-testid="ws-decision-recorded"]').textContent()).trim();
      assert.match(recorded, /^Recorded on the card in this browser\. Decided on \d+ \w+ \d{4}: Self-Hosted Model\. Revisit by /);
      await page.locator('[data-testid="ws-decision-recorded"] a').click();
      await page.locator('html.dc-live').waitFor({ state: 'attached', timeout: 20_000 });
      assert.match(await page.locator('[data-testid="decided"]').textContent(), /Decided on \d+ \w+ \d{4}: Self-Hosted Model\./);
      await reach(page, 'decide');
      const entry = page.locator('[data-testid="history-entry"]');
      assert.equal(await entry.count(), 1);
      await entry.locator('summary').click();
      assert.match(await entry.textContent(), /Decided by: The group, in a workshop of 3/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('files are added too; bad links and files are refused with a clear message', async () => {
    const { context, page, problems } = await openPage(env.browser);
    try {
      // A participant's exported file.
      const sender = await openPage(env.browser);
      await sender.page.goto(env.cardUrl);
      await sender.page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      await setFactor(sender.page, 'latency', 'End');
      await sender.page.locator('[data-testid="share-open"]').click();
      await sender.page.locator('#dc-share-name').fill('Dee');
      const [download] = await Promise.all([
        sender.page.waitForEvent('download'),
        sender.page.locator('[data-testid="export"]').click(),
      ]);
      const file = path.join(tmp, 'dee.json');
      await download.saveAs(file);
      await sender.context.close();

      const big = path.join(tmp, 'big.json');
      await writeFile(big, '');
      await truncate(big, 50 * 1024 * 1024);
      const notJson = path.join(tmp, 'notes.json');
      await writeFile(notJson, 'meeting notes, not answers');

      await page.goto(env.workshopUrl());
      await page.locator('[data-testid="ws-links"]').waitFor({ timeout: 20_000 });
      await page.locator('[data-testid="ws-files"]').setInputFiles([file, big, notJson]);
      // The outcomes of a batch of files are shown together, once all are read.
      const errors = page.locator('[data-testid="ws-errors"]');
      await errors.waitFor();
      assert.equal(await count(page), '1 participant');
      assert.match(await page.locator('[data-testid="ws-status"]').textContent(), /Added Dee \(“dee\.json”\)\./);
      assert.equal(await errors.getAttribute('role'), 'alert');
      assert.match(await errors.textContent(), /“big\.json”: This file is too large to be an answers file \(50\.0 MB/);
      assert.match(await errors.textContent(), /“notes\.json”: This file is not a Decision Cards answers file \(it is not JSON\)/);

      const stored = await page.evaluate((card) => localStorage.getItem(`decision-cards/${card}/workshop`), CARD);
      const [base, fragment] = people[0].link.split('#');
      await page.locator('[data-testid="ws-links"]').fill(
        [
          `${base}#${fragment.slice(0, -5)}`,
          `${base}#${fragment.replace(CARD, 'rent-vs-build')}`,
          `${base}#${fragment.replace('a=2.', 'a=3.')}`,
          'the agenda: https://wiki.example/agenda',
          'see you at 10',
        ].join('\n'),
      );
      await page.locator('[data-testid="ws-add"]').click();
      const text = await errors.textContent();
      assert.match(text, /Line 1: This link is incomplete or was changed on its way/);
      assert.match(text, /Line 2: This link holds answers to another card \(“rent-vs-build”\)/);
      assert.match(text, /Line 3: This link was made by a newer version of Decision Cards \(link format 3/);
      assert.match(text, /Line 4: This is not a Decision Cards share link/);
      // Chat without a link is left out, and said so once.
      assert.match(await page.locator('[data-testid="ws-status"]').textContent(), /1 line of chat without a link left out\./);
      assert.equal(await count(page), '1 participant');
      // What could not be added stays in the box; the stored workshop is unchanged.
      assert.equal((await page.locator('[data-testid="ws-links"]').inputValue()).split('\n').length, 4);
      assert.equal(await page.evaluate((card) => localStorage.getItem(`decision-cards/${card}/workshop`), CARD), stored);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
