// Decisions over time, on the release build in dist/: record a decision, download its record
// and its calendar file (read back with an independent iCalendar parser, ical.js), reopen its
// answers from the record's link in a fresh browser, come back after the revisit date (the
// browser's clock moved on), and record a second decision that supersedes the first.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { openPage, screenshot } from './lib/browser.mjs';
import { CARD, KEY, SECOND_CARD, SEED_TITLE, download, headline, reach, reload, setFactor, start, stored } from './lib/card.mjs';
import { useBuild } from './lib/setup.mjs';

const DECIDED = '[data-testid="decided"]';
const DUE = '[data-testid="revisit-due"]';
const RECORD = '[data-testid="record-decision"]';

/** A local time of day on `date`, for the browser's clock. */
const on = (date) => new Date(`${date}T10:00:00`);

/** Records the decision with the form as it stands, and waits until it is saved. */
async function recordDecision(page) {
  await page.locator(RECORD).click();
  await page.locator('[data-testid="decision-recorded"]').waitFor();
  await page.locator('[data-testid="save-state"]', { hasText: 'Saved' }).waitFor({ timeout: 5_000 });
}

/** The calendar file's one event, as ical.js reads it. */
function parseCalendar(text) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent');
  assert.equal(events.length, 1, text);
  return events[0];
}

describe('decisions over time', () => {
  const env = useBuild();

  test('a recorded decision: its record, its calendar file, and its link reopening the same answers elsewhere', async () => {
    const { context, page, problems } = await openPage(env.browser, { viewport: { width: 1280, height: 900 } });
    try {
      await page.clock.setFixedTime(on('2026-12-04'));
      await start(page, env.cardUrl);
      assert.equal(await page.locator(DECIDED).count(), 0, 'nothing is decided yet');
      for (const factor of ['privacy', 'control', 'economics']) await setFactor(page, factor, 'End');
      const verdict = await headline(page);
      assert.equal(verdict, 'Self-Hosted Model is justified');

      // The form starts with the verdict's option, today, and six months later.
      await reach(page, 'decide');
      assert.equal(await page.locator('#dc-decision-b').isChecked(), true);
      assert.equal(await page.locator('#dc-decision-on').inputValue(), '2026-12-04');
      assert.equal(await page.locator('#dc-decision-revisit').inputValue(), '2027-06-04');
      await page.locator('#dc-decision-by').fill('Architecture guild');
      await recordDecision(page);
      const line = (await page.locator(`${DECIDED} .dc-decided-line`).textContent()).trim();
      assert.equal(line, 'Decided on 4 Dec 2026: Self-Hosted Model. Revisit by 4 Jun 2027.');
      assert.equal(await page.locator(DUE).count(), 0);
      await screenshot(page, 'decision-decided');

      // The record, under a name for an ADR folder, carries the decision and its link.
      const record = await download(page, page.locator('[data-testid="download-record"]'));
      assert.equal(record.name, `2026-12-04-${CARD}.md`);
      for (const part of ['- Status: accepted', '- Date: 2026-12-04', '- Decided by: Architecture guild', '- Revisit by: 2027-06-04', 'Chosen option: "Self-Hosted Model", because']) {
        assert.ok(record.text.includes(part), `${part} missing from\n${record.text}`);
      }
      const link = record.text.match(/^- Reopen these answers: (\S+)$/m)?.[1];
      assert.ok(link?.startsWith(`${env.server.url}${CARD}.html#a=`), record.text);
      await page.locator('#dc-record-number').fill('7');
      assert.equal((await download(page, page.locator('[data-testid="download-record"]'))).name, `0007-${CARD}.md`);

      // The calendar file: one all-day event on the revisit date, with the reopen link.
      const calendar = await download(page, page.locator('[data-testid="download-calendar"]'));
      assert.match(calendar.name, /\.ics$/);
      const event = parseCalendar(calendar.text);
      assert.equal(event.getFirstPropertyValue('summary'), `Revisit: ${SEED_TITLE}`);
      const start_ = event.getFirstPropertyValue('dtstart');
      assert.equal(start_.isDate, true, 'an all-day event');
      assert.equal(start_.toString(), '2027-06-04');
      assert.equal(event.getFirstPropertyValue('dtend').toString(), '2027-06-05');
      const description = event.getFirstPropertyValue('description');
      assert.ok(description.startsWith('Decided on 4 Dec 2026: Self-Hosted Model. Revisit by 4 Jun 2027.'), description);
      assert.ok(description.includes('- Cost profile changes'), description);
      assert.equal(event.getFirstPropertyValue('url'), link);
      assert.ok(description.endsWith(`Reopen the decision: ${link}`), description);
      // Downloaded again, it is the same event.
      const again = parseCalendar((await download(page, page.locator('[data-testid="download-calendar"]'))).text);
      assert.equal(again.getFirstPropertyValue('uid'), event.getFirstPropertyValue('uid'));

      // The link opens the same answers and verdict in a browser that has never seen them.
      const fresh = await openPage(env.browser);
      try {
        await start(fresh.page, link);
        await fresh.page.locator('[data-testid="incoming-accept"]').click();
        assert.equal(await headline(fresh.page), verdict);
        for (const factor of ['privacy', 'control', 'economics']) {
          assert.equal(await fresh.page.locator(`#dc-f-${factor}`).inputValue(), '2', factor);
        }
        assert.deepEqual(fresh.problems, []);
      } finally {
        await fresh.context.close();
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('past the revisit date the card and the library say a revisit is due; a second decision supersedes the first', async () => {
    const { context, page, problems } = await openPage(env.browser, { viewport: { width: 1280, height: 900 } });
    try {
      await page.clock.setFixedTime(on('2026-12-04'));
      await start(page, env.cardUrl);
      await recordDecision(page);
      assert.equal(await page.locator(DUE).count(), 0);

      // Seven months later: the revisit date has come.
      await page.clock.setFixedTime(on('2027-07-05'));
      await reload(page);
      const due = (await page.locator(DUE).textContent()).trim();
      assert.match(due, /^This decision is due for a revisit: its revisit date, 4 Jun 2027, has come\./);

      // The library shows it as due, and a card decided today as decided.
      await start(page, `${env.server.url}${SECOND_CARD}.html`);
      await recordDecision(page);
      await start(page, env.server.url);
      const line = (id) => page.locator(`[data-card="${id}"] [data-testid="library-decided"]`);
      assert.equal((await line(CARD).textContent()).trim(), 'Decided on 4 Dec 2026 \u00b7 revisit due');
      assert.equal((await line(SECOND_CARD).textContent()).trim(), 'Decided on 5 Jul 2027 \u00b7 revisit by 5 Jul 2028', 'the card revisits after a year');
      assert.equal(await page.locator('[data-card] [data-testid="library-decided"]').count(), 2);
      await screenshot(page, 'decision-library');

      // Start the revisit: answers move, the team chooses against the verdict, with a reason.
      await start(page, env.cardUrl);
      await page.locator('[data-testid="start-revisit"]').click();
      await setFactor(page, 'privacy', 'End');
      await reach(page, 'decide');
      assert.equal(await page.locator('#dc-decision-a').isChecked(), true, 'the verdict still recommends the API');
      await page.locator('#dc-decision-b').check();
      await page.locator(RECORD).click();
      assert.match(await page.locator('[data-testid="decision-problem"]').textContent(), /why you choose against the verdict/);
      await page.locator('#dc-decision-reason').fill('<img src=x onerror=alert(1)> the EU tenant needs it now');
      await recordDecision(page);
      assert.equal(
        (await page.locator(`${DECIDED} .dc-decided-line`).textContent()).trim(),
        'Decided on 5 Jul 2027: Self-Hosted Model. Revisit by 5 Jan 2028.',
      );
      assert.equal(await page.locator(DUE).count(), 0, 'the new decision is not due');

      // Both decisions in the timeline; the first opened and compared with today.
      const entries = page.locator('[data-testid="history-entry"]');
      assert.equal(await entries.count(), 2);
      assert.equal((await entries.nth(0).locator('summary').textContent()).trim(), '5 Jul 2027: Self-Hosted Model (in force)');
      assert.equal((await entries.nth(1).locator('summary').textContent()).trim(), '4 Dec 2026: Model API (superseded on 5 Jul 2027)');
      await entries.nth(1).locator('summary').click();
      const changes = await entries.nth(1).locator('[data-testid="history-changes"] li').allTextContents();
      assert.ok(changes.some((c) => c.startsWith('Privacy moved: Neutral then, points clearly to Self-Hosted Model now.')), changes.join('\n'));
      assert.equal(changes.at(-1), 'The verdict still recommends Model API.');
      // Markup typed as a reason stays text.
      assert.equal(await page.locator('#dc-decision img, .dc-timeline img').count(), 0);
      await entries.nth(0).locator('summary').click();
      assert.match(await entries.nth(0).textContent(), /<img src=x onerror=alert\(1\)> the EU tenant needs it now/);
      await page.locator('#dc-decision').scrollIntoViewIfNeeded();
      await screenshot(page, 'decision-history');

      // The record lists both, the first as superseded.
      const record = await download(page, page.locator('[data-testid="download-record"]'));
      assert.equal(record.name, `2027-07-05-${CARD}.md`);
      assert.ok(record.text.includes('- 2027-07-05: Self-Hosted Model (accepted); chosen against the verdict because <img src=x onerror=alert(1)> the EU tenant needs it now'), record.text);
      assert.ok(record.text.includes('- 2026-12-04: Model API (superseded by the decision of 2027-07-05)'), record.text);
      // Stored with the answers, both decisions.
      assert.equal(JSON.parse(await stored(page, KEY)).decisions.length, 2);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('storage full while recording: the decision stays on the page, the user is told, and the answers file carries it', async () => {
    const { context, page, problems } = await openPage(env.browser, { viewport: { width: 1280, height: 900 } });
    try {
      await page.clock.setFixedTime(on('2026-12-04'));
      await start(page, env.cardUrl);
      await setFactor(page, 'privacy', 'End');
      await page.locator('[data-testid="save-state"]', { hasText: 'Saved' }).waitFor({ timeout: 5_000 });
      const good = await stored(page, KEY);
      // Fill the origin's storage to its quota, halving the chunk until nothing more fits.
      await page.evaluate(() => {
        for (let size = 1 << 21, n = 0; size >= 1; size = Math.floor(size / 2)) {
          const chunk = 'x'.repeat(size);
          for (;;) {
            try {
              localStorage.setItem(`filler/${n++}`, chunk);
            } catch (e) {
              if (e.name !== 'QuotaExceededError') throw e;
              break;
            }
          }
        }
      });
      await page.locator('#dc-decision-by').fill('Platform team');
      await page.locator(RECORD).click();
      const unsaved = page.locator('[data-testid="decision-unsaved"]');
      await unsaved.waitFor({ timeout: 5_000 });
      assert.match(await unsaved.textContent(), /not saved in this browser.*storage is full/s);
      // The decision is in force on the page, and the last good copy in storage is untouched.
      assert.equal(
        (await page.locator(`${DECIDED} .dc-decided-line`).textContent()).trim(),
        'Decided on 4 Dec 2026: Model API. Revisit by 4 Jun 2027.',
      );
      assert.equal(await stored(page, KEY), good);
      const file = await download(page, page.locator('[data-testid="decision-download"]'));
      const json = JSON.parse(file.text);
      assert.equal(json.decisions.length, 1);
      assert.equal(json.decisions[0].by, 'Platform team');
      assert.equal(json.answers.factors.privacy.position, 2);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a revisit date before the decision date is refused with a message, and nothing is recorded', async () => {
    const { context, page, problems } = await openPage(env.browser, { viewport: { width: 320, height: 800 } });
    try {
      await page.clock.setFixedTime(on('2026-12-04'));
      await start(page, env.cardUrl);
      await page.locator('#dc-decision-revisit').fill('2026-11-01');
      await page.locator(RECORD).click();
      const problem = (await page.locator('[data-testid="decision-problem"]').textContent()).trim();
      assert.equal(problem, 'The revisit date (1 Nov 2026) must come after the decision date (4 Dec 2026).');
      assert.equal(await page.locator(DECIDED).count(), 0);
      assert.equal(await stored(page, KEY), null, 'nothing was saved');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 320px`);
      await page.locator('#dc-decision').scrollIntoViewIfNeeded();
      await screenshot(page, 'decision-refused-320');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
