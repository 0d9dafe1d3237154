// Reliability of the release build in dist/, case by case (docs/reliability.md): with
// storage blocked or full, with damaged, newer or outdated saved data, with two tabs, with
// the tab closed mid-save, with markup in user text, and after an internal error, the
// widget keeps working, says what happened, and loses nothing.
//
// Faults are injected from the outside, as a browser or a user would cause them: a
// sandboxed iframe, a localStorage filled to its quota, values written into localStorage,
// a second tab, closing the tab. The panic test breaks one DOM API for the app's code only
// (document.body reads null from WebAssembly), which makes the release build panic while
// mounting: no crash switch ships in the app.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './lib/server.mjs';
import { openPage, screenshot } from './lib/browser.mjs';
import { CARD, EXPORT, KEY, LIVE, SAVE_STATE, download, reload, saved, setFactor, start, stored } from './lib/card.mjs';
import { useBuild } from './lib/setup.mjs';







/** Records dialogs (alert, confirm…) a page opens: injected script would open one. */
function recordDialogs(page) {
  const dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  return dialogs;
}

describe('reliability: no fault or bad input loses progress', () => {
  // A sandboxed frame has an opaque origin, so its module and WASM fetches are
  // cross-origin: a static host serving such a frame must allow that (CORS).
  const env = useBuild({ serve: { headers: { 'Access-Control-Allow-Origin': '*' } } });

  test('case 01: in a sandboxed frame without storage it works in memory, says so and offers export', async () => {
    const { context, page, problems } = await openPage(env.browser);
    try {
      await page.setContent(
        `<iframe sandbox="allow-scripts allow-downloads" src="${env.cardUrl}" style="width:1000px;height:700px"></iframe>`,
      );
      const frame = page.frameLocator('iframe');
      await frame.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      const status = frame.locator(SAVE_STATE);
      assert.match(await status.textContent(), /Not saved: The browser blocks storage for this page/);
      assert.match(await status.textContent(), /export them to keep them/);
      // It works: the verdict follows the sliders.
      await frame.locator('#dc-f-privacy').focus();
      await page.keyboard.press('End');
      assert.equal(await frame.locator('#dc-f-privacy').inputValue(), '2');
      await page.waitForTimeout(600); // past the save debounce: still says it is not saved
      assert.match(await status.textContent(), /Not saved/);
      const file = await download(page, frame.locator(EXPORT));
      assert.equal(file.name, `${CARD}-answers.json`);
      const json = JSON.parse(file.text);
      assert.equal(json.card, CARD);
      assert.equal(json.answers.factors.privacy.position, 2);
      await screenshot(page, 'reliability-sandboxed');
      // Known gap (docs/reliability.md): the stylesheet link carries an integrity hash but no
      // `crossorigin`, so a frame with an opaque origin refuses it and the widget is unstyled.
      const unexpected = problems.filter((p) => !/Subresource Integrity: The resource '[^']+\.css'/.test(p));
      assert.deepEqual(unexpected, []);
    } finally {
      await context.close();
    }
  });

  test('case 02: with storage full it keeps the last good copy, warns until it can save, and offers export', async () => {
    const { context, page, problems } = await openPage(env.browser);
    try {
      await start(page, env.cardUrl);
      await setFactor(page, 'privacy', 'End');
      const good = await saved(page);
      const fillers = await page.evaluate(() => {
        const keys = [];
        for (let size = 1 << 21; size >= 1; size = Math.floor(size / 2)) {
          const chunk = 'x'.repeat(size);
          for (;;) {
            const key = `filler/${keys.length}`;
            try {
              localStorage.setItem(key, chunk);
            } catch (e) {
              if (e.name !== 'QuotaExceededError') throw e;
              break;
            }
            keys.push(key);
          }
        }
        return keys;
      });
      assert.ok(fillers.length > 0);

      await page.locator('#dc-q-data-sensitivity').fill('Support tickets hold personal data and contracts.');
      const status = page.locator(SAVE_STATE);
      await page.locator(SAVE_STATE, { hasText: 'storage is full' }).waitFor({ timeout: 5_000 });
      assert.match(await status.getAttribute('class'), /dc-warn/);
      assert.equal(await stored(page), good, 'the last good copy is kept');
      const file = await download(page, page.locator(EXPORT));
      const json = JSON.parse(file.text);
      assert.equal(json.answers.factors.privacy.position, 2);
      assert.equal(json.answers.notes['data-sensitivity'], 'Support tickets hold personal data and contracts.');
      await screenshot(page, 'reliability-quota');

      // Still full after a reload: the warning is there from the start, with the last good copy.
      await reload(page);
      assert.match(await status.textContent(), /storage is full/);
      assert.equal(await page.locator(EXPORT).isVisible(), true);
      assert.equal(await page.locator('#dc-f-privacy').inputValue(), '2');

      // Room again: the next change saves and the warning goes.
      await page.evaluate((keys) => keys.forEach((k) => localStorage.removeItem(k)), fillers);
      await setFactor(page, 'control', 'End');
      const now = JSON.parse(await saved(page));
      assert.equal(now.answers.factors.control.position, 2);
      assert.equal(await page.locator(EXPORT).count(), 0);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('case 03: damaged saved data is kept aside, offered for download, and the card starts fresh', async () => {
    const { context, page, problems } = await openPage(env.browser);
    try {
      await start(page, env.cardUrl);
      const damaged = `{"schema":2,"card":"${CARD}","content_version":1,"saved_at":1,"answers":{"factors":{"privacy":{"posi`;
      await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, damaged]);
      await reload(page);

      const notice = page.locator('[data-testid="storage-notice"]');
      const text = await notice.textContent();
      assert.match(text, /cut off part-way/);
      assert.match(text, /The card starts fresh\./);
      const backupKey = text.match(/under “(decision-cards\/[^”]+)”/)?.[1];
      assert.match(backupKey ?? '', new RegExp(`^${KEY}/backup/\\d+$`));
      assert.equal(await stored(page, backupKey), damaged, 'the backup holds the text as it was');
      assert.equal(await stored(page), damaged, 'nothing overwritten yet');
      assert.equal(await page.locator('#dc-f-privacy').inputValue(), '0');

      const file = await download(page, notice.locator('button'));
      assert.equal(file.text, damaged);
      await screenshot(page, 'reliability-damaged');

      // Working on: the key is reused, the backup stays.
      await setFactor(page, 'privacy', 'Home');
      assert.equal(JSON.parse(await saved(page)).answers.factors.privacy.position, -2);
      assert.equal(await stored(page, backupKey), damaged);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('case 06: progress saved by a newer version opens read-only and is never overwritten', async () => {
    const { context, page, problems } = await openPage(env.browser);
    try {
      await start(page, env.cardUrl);
      const newer = JSON.stringify({ schema: 99, card: CARD, saved_at: 1, answers: { 'new-shape': true } });
      await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, newer]);
      await reload(page);
      assert.match(await page.locator('[data-testid="storage-notice"]').textContent(), /saved by a newer version/);
      assert.match(await page.locator(SAVE_STATE).textContent(), /^Read-only:/);
      assert.equal(await page.locator(EXPORT).isVisible(), true);

      await setFactor(page, 'economics', 'End');
      await page.waitForTimeout(600);
      await page.goto('about:blank'); // pagehide: a pending save would be written now
      const left = await context.newPage();
      await start(left, env.cardUrl);
      assert.equal(await stored(left), newer, 'never downgraded or overwritten');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('case 07: two tabs on the same card see each other\'s changes and neither overwrites the other', async () => {
    const { context, page: a, problems } = await openPage(env.browser);
    try {
      const b = await context.newPage();
      await start(a, env.cardUrl);
      await start(b, env.cardUrl);

      await setFactor(a, 'privacy', 'End');
      await saved(a);
      await b.locator('#dc-f-privacy[aria-valuetext="Points clearly to Self-Hosted Model"]').waitFor({ timeout: 5_000 });
      assert.match(await b.locator(SAVE_STATE).textContent(), /changes made in another tab/);

      await setFactor(b, 'control', 'End');
      await saved(b);
      await a.locator('#dc-f-control[aria-valuetext="Points clearly to Self-Hosted Model"]').waitFor({ timeout: 5_000 });
      assert.equal(await a.locator('#dc-f-privacy').inputValue(), '2', 'A kept its own change');

      // Both tabs change different answers within the same save debounce.
      await a.locator('#dc-q-data-sensitivity').fill('Written in tab A');
      await b.locator('#dc-q-provider-change-impact').fill('Written in tab B');
      const both = async (page) => {
        await page.waitForFunction(
          (k) => {
            const v = JSON.parse(localStorage.getItem(k) || '{}');
            const notes = v.answers?.notes ?? {};
            return notes['data-sensitivity'] === 'Written in tab A' && notes['provider-change-impact'] === 'Written in tab B';
          },
          KEY,
          { timeout: 5_000 },
        );
        assert.equal(await page.locator('#dc-q-data-sensitivity').inputValue(), 'Written in tab A');
        assert.equal(await page.locator('#dc-q-provider-change-impact').inputValue(), 'Written in tab B');
      };
      await both(a);
      await both(b);
      const json = JSON.parse(await stored(a));
      assert.equal(json.answers.factors.privacy.position, 2);
      assert.equal(json.answers.factors.control.position, 2);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('case 08: closing the tab within the save debounce still saves the change', async () => {
    const { context, page, problems } = await openPage(env.browser);
    try {
      await start(page, env.cardUrl);
      await setFactor(page, 'economics', 'End');
      await page.locator('#dc-q-data-sensitivity').fill('typed right before closing');
      const before = await stored(page);
      assert.ok(!before || !before.includes('typed right before closing'), 'not saved yet: within the debounce');
      await page.close({ runBeforeUnload: true });

      const again = await context.newPage();
      await start(again, env.cardUrl);
      const json = JSON.parse(await stored(again));
      assert.equal(json.answers.factors.economics.position, 2);
      assert.equal(json.answers.notes['data-sensitivity'], 'typed right before closing');
      assert.equal(await again.locator('#dc-f-economics').inputValue(), '2');
      assert.equal(await again.locator('#dc-q-data-sensitivity').inputValue(), 'typed right before closing');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('case 09: answers to items the card no longer has are shown as text and kept', async () => {
    const { context, page, problems } = await openPage(env.browser);
    try {
      await start(page, env.cardUrl);
      const old = {
        schema: 2,
        card: CARD,
        content_version: 0,
        saved_at: 1_700_000_000_000,
        answers: {
          factors: { privacy: { position: -2, weight: null }, 'team-size': { position: 2, weight: 3 } },
          ticked: ['old-signal'],
          evidence: { 'old-evidence': { status: 'gathered', note: 'Benchmarks from <b>March</b>' } },
          notes: { 'old-question': 'We asked legal <img src=x onerror=alert(1)>' },
          triggers: ['old-trigger'],
        },
      };
      await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, JSON.stringify(old)]);
      const dialogs = recordDialogs(page);
      await reload(page);

      const orphans = page.locator('[data-testid="orphans"]');
      await orphans.waitFor();
      const text = await orphans.textContent();
      assert.match(text, /Answers kept from an earlier version of this card/);
      for (const part of ['team-size', 'position 2', 'old-signal', 'Gathered: Benchmarks from <b>March</b>',
        'We asked legal <img src=x onerror=alert(1)>', 'old-trigger']) {
        assert.ok(text.includes(part), `${part} in ${text}`);
      }
      assert.equal(await orphans.locator('b, img').count(), 0, 'shown as text, not markup');
      assert.equal(await page.locator('#dc-f-privacy').inputValue(), '-2', 'answers to existing items apply');
      await screenshot(page, 'reliability-orphans');

      await setFactor(page, 'latency', 'End');
      const json = JSON.parse(await saved(page));
      assert.deepEqual(json.answers.factors['team-size'], { position: 2, weight: 3 });
      assert.deepEqual(json.answers.ticked.sort(), ['old-signal']);
      assert.equal(json.answers.notes['old-question'], old.answers.notes['old-question']);
      assert.deepEqual(json.answers.triggers, ['old-trigger']);
      assert.equal(json.answers.factors.latency.position, 2);
      assert.deepEqual(dialogs, []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('case 10: markup and javascript: URLs in notes and names stay text everywhere', async () => {
    const { context, page, problems } = await openPage(env.browser);
    const other = await openPage(env.browser);
    try {
      const evil = '<script>alert(1)</script> javascript:alert(2) <img src=x onerror=alert(3)>';
      const dialogs = recordDialogs(page);
      await start(page, env.cardUrl);
      const countElements = (p) =>
        p.evaluate(() => document.querySelectorAll('.dc-root script, .dc-root img, .dc-root iframe').length);
      const baseline = await countElements(page);
      await page.locator('#dc-q-data-sensitivity').fill(evil);
      await page.locator('#dc-e-cost-model-note').fill(evil);
      await saved(page);

      const record = page.locator('[data-testid="record"]');
      await page.locator('.dc-record-preview summary').click();
      assert.ok((await record.textContent()).includes(evil), 'the record shows the note as text');
      assert.equal(await countElements(page), baseline, 'no element was created from user text');
      assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);

      await reload(page);
      assert.equal(await page.locator('#dc-q-data-sensitivity').inputValue(), evil);

      // Through a share link, with the same text as the sender's name.
      await page.locator('[data-testid="share-open"]').click();
      await page.locator('#dc-share-name').fill('<img src=x onerror=alert(4)>');
      const link = await page.locator('[data-testid="share-link"]').inputValue();
      const otherDialogs = recordDialogs(other.page);
      await start(other.page, link);
      const incoming = other.page.locator('[data-testid="incoming"]');
      await incoming.waitFor();
      assert.ok((await incoming.textContent()).includes('<img src=x onerror=alert(4)>'));
      await other.page.locator('[data-testid="incoming-accept"]').click();
      assert.equal(await other.page.locator('#dc-q-data-sensitivity').inputValue(), evil);
      assert.equal(await countElements(other.page), baseline);

      // Files that are too deeply nested or not UTF-8: a message, and progress untouched.
      // (Sharing gave this browser its participant token: stored before progress is compared.)
      await page.waitForFunction((key) => (localStorage.getItem(key) ?? '').includes('"token"'), KEY);
      const before = await stored(page);
      const nested = `{"schema":2,"card":"${CARD}","content_version":1,"saved_at":0,"answers":{"notes":{"x":${'['.repeat(5000)}${']'.repeat(5000)}}}}`;
      const latin1 = Buffer.from(`{"schema":2,"card":"${CARD}","content_version":1,"saved_at":0,"answers":{"notes":{"data-sensitivity":"caf\xe9"}}}`, 'latin1');
      for (const [name, buffer] of [['nested.json', Buffer.from(nested)], ['latin1.json', latin1]]) {
        await page.locator('[data-testid="import"]').setInputFiles({ name, mimeType: 'application/json', buffer });
        const error = page.locator('[data-testid="share-error"]');
        const incomingHere = page.locator('[data-testid="incoming"]');
        await error.or(incomingHere).waitFor({ timeout: 5_000 });
        if (await error.isVisible()) {
          assert.match(await error.textContent(), /Your saved answers are unchanged\./, name);
          await error.locator('button').click();
        } else {
          // Read as UTF-8 with a replacement character: offered as plain text, never applied unasked.
          assert.ok((await incomingHere.textContent()).length > 0, name);
          await page.locator('[data-testid="incoming-keep"]').click();
        }
        assert.equal(await stored(page), before, name);
      }
      assert.deepEqual(dialogs, []);
      assert.deepEqual(otherDialogs, []);
      assert.deepEqual(problems, []);
      assert.deepEqual(other.problems, []);
    } finally {
      await context.close();
      await other.context.close();
    }
  });

  test('case 11: after an internal error the page says so and offers the saved progress', async () => {
    const { context, page, problems } = await openPage(env.browser);
    try {
      await start(page, env.cardUrl);
      await setFactor(page, 'privacy', 'End');
      const raw = await saved(page);

      // From now on something changes the page before the app takes it over (as a browser
      // extension might): a text node where the card's header should be. Taking over the
      // markup fails and the app panics, exactly as a bug would.
      await page.addInitScript(() => {
        document.addEventListener('DOMContentLoaded', () => {
          const root = document.querySelector('#dc-app .dc-root');
          root.insertBefore(document.createTextNode('changed by someone else'), root.firstChild);
        });
      });
      await page.reload();
      const failure = page.locator('[data-testid="failure"]');
      await failure.waitFor({ state: 'visible', timeout: 20_000 });
      const text = await failure.textContent();
      assert.match(text, /Something went wrong/);
      assert.match(text, /Your answers are not lost/);
      assert.equal(await failure.getAttribute('role'), 'alert');
      await screenshot(page, 'reliability-panic');

      const file = await download(page, failure.locator('[data-testid="failure-saved"]'));
      assert.equal(file.name, `${CARD}-saved-progress.json`);
      assert.equal(file.text, raw);
      assert.equal(await stored(page), raw, 'saved progress untouched');
      assert.equal(await failure.locator('a', { hasText: 'Reload the page' }).count(), 1);
      assert.ok(
        problems.some((p) => p.includes('Decision Cards stopped after an internal error')),
        `the panic is logged: ${JSON.stringify(problems)}`,
      );
      assert.ok(await page.locator('#dc-boot').isHidden(), 'the start-up line gives way to the notice');
    } finally {
      await context.close();
    }
  });

  test('case 11: the notice offers the answers not yet stored, names files safely and shows everything as text', async () => {
    const { context, page } = await openPage(env.browser);
    try {
      await start(page, env.cardUrl);
      const odd = 'decision-cards/<b>odd<b> card';
      await page.evaluate((key) => localStorage.setItem(key, 'kept as it is'), odd);
      // A change still in the save debounce (400 ms) when the module traps. The app is in
      // fact alive here: the trap is an event such as the browser sends, so the test can
      // choose its moment and its message. (The test above traps the real module.)
      await setFactor(page, 'privacy', 'Home');
      const detail = '<img src=x onerror="window.__xss=1"> unreachable';
      await page.evaluate((message) => {
        for (let i = 0; i < 2; i++) {
          dispatchEvent(new ErrorEvent('error', { message, error: new WebAssembly.RuntimeError(message) }));
        }
      }, detail);
      const failure = page.locator('[data-testid="failure"]');
      await failure.waitFor({ state: 'visible' });
      assert.equal(await page.locator('#dc-failure').count(), 1, 'one notice, however many traps');
      assert.match(await failure.textContent(), /could not be saved in this browser/);
      assert.equal(await failure.locator('img, b').count(), 0, 'nothing was parsed as markup');
      assert.ok((await failure.locator('pre').textContent()).includes(detail), 'the error is shown as text');
      assert.equal(await page.evaluate(() => window.__xss), undefined);

      const unsaved = await download(page, failure.locator('[data-testid="failure-unsaved"]'));
      assert.equal(unsaved.name, `${CARD}-unsaved-answers.json`);
      // The debounce ends meanwhile (the module is alive): what it stores is what was offered.
      await page.waitForFunction((key) => localStorage.getItem(key) !== null, KEY);
      const offered = JSON.parse(unsaved.text);
      const storedNow = JSON.parse(await stored(page));
      delete offered.saved_at;
      delete storedNow.saved_at;
      assert.deepEqual(offered, storedNow);

      const oddLink = failure.locator('[data-testid="failure-saved"]', { hasText: '<b>odd<b> card' });
      const oddFile = await download(page, oddLink);
      assert.equal(oddFile.name, 'boddbcard-saved-progress.json');
      assert.equal(oddFile.text, 'kept as it is');
    } finally {
      await context.close();
    }
  });
});
