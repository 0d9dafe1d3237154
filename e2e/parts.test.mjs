// The parts of a card page that load when the reader reaches for them
// (src/components/on_demand.rs, xtask/src/split.rs), on the release build in dist/: the page
// fetches none of them with itself; reaching for the share bar fetches its module, under its
// integrity hash, and the click that reached for it does what it says; a part whose code
// cannot be loaded says so under it, and the answers stay as they were. The workshop page's
// group (the participants, rounds, results and export) loads once someone is added, and a
// group that cannot load says so and keeps who was added. Each page's own WASM is fetched
// under its integrity hash too, once, and a WASM changed on its way is not run.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openPage } from './lib/browser.mjs';
import { CARD, HEADLINE, LIVE, reach, saved, setFactor, start, stored } from './lib/card.mjs';
import { DIST } from './lib/paths.mjs';
import { useBuild } from './lib/setup.mjs';
import { catalogue } from './lib/words.mjs';
import { count, paste, participant } from './lib/workshop.mjs';

/** The `integrity` value of a file of dist/. */
function sri(file) {
  return `sha384-${createHash('sha384').update(readFileSync(path.join(DIST, file))).digest('base64')}`;
}

/** The one module a built page loads (`app-<hash>.js`), and its `integrity` attribute. */
function pageModule(pageFile) {
  const page = readFileSync(path.join(DIST, pageFile), 'utf8');
  const module = /<script type="module" src="\.\/(app-[0-9a-f]{16}\.js)"[^>]* integrity="(sha384-[^"]+)"/.exec(page);
  assert.ok(module, `${pageFile} loads its one module under SRI`);
  return { page, file: module[1], integrity: module[2] };
}

/**
 * The WASM module as sent, with a custom section added at its end: still valid WebAssembly,
 * which a browser that did not check it would run as before.
 */
function tampered(bytes) {
  const name = Buffer.from('x');
  const payload = Buffer.from('changed on the way');
  const size = 1 + name.length + payload.length;
  return Buffer.concat([bytes, Buffer.from([0, size, name.length]), name, payload]);
}

/** The WASM files a page requested, by file name. */
function wasmRequested(requests) {
  return requests.filter((url) => url.endsWith('.wasm')).map((url) => path.basename(new URL(url).pathname));
}

describe('parts loaded on demand', () => {
  const env = useBuild();

  test('the card page fetches no part with itself, and the share bar when the reader reaches for it', async () => {
    const { context, page, problems, requests } = await openPage(env.browser);
    try {
      await start(page, env.cardUrl);
      await page.waitForLoadState('networkidle');
      const first = wasmRequested(requests);
      assert.equal(first.length, 1, `the page loads its own module only, not ${JSON.stringify(first)}`);
      assert.equal(await page.locator('[data-part="share"][data-live]').count(), 0, 'the share bar waits');

      // The click that reaches for the part is the one that opens the panel.
      await page.locator('[data-testid="share-open"]').click();
      const link = page.locator('[data-testid="share-link"]');
      await link.waitFor({ timeout: 10_000 });
      assert.match(await link.inputValue(), new RegExp(`${CARD}\\.html#a=`));
      const parts = wasmRequested(requests).filter((f) => !first.includes(f));
      assert.ok(parts.some((f) => /^split_share-[0-9a-f]{16}\.wasm$/.test(f)), `fetched ${JSON.stringify(parts)}`);
      assert.equal(await page.locator('[data-part="share"][data-live]').count(), 1);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('every part the loader fetches carries its integrity hash, and matches it', async () => {
    const module = pageModule(`${CARD}.html`);
    assert.doesNotMatch(module.page, /modulepreload/, 'the page preloads no other module');
    const loader = readFileSync(path.join(DIST, module.file), 'utf8');
    const fetched = [...loader.matchAll(/"\.\/([\w-]+\.wasm)"\s*,\s*import\.meta\.url\)\s*,\s*\{\s*integrity:\s*"([^"]+)"/g)];
    assert.ok(fetched.length >= 1, 'the loader fetches at least one part');
    assert.equal(module.integrity, sri(module.file), 'the module has the integrity the page asks for');
    for (const [, file, integrity] of fetched) {
      assert.equal(integrity, sri(file), `${file} has the integrity the loader asks for`);
    }
  });

  test("each page's own WASM is fetched once, under its integrity hash, and one changed on the way is not run", async () => {
    const pages = [
      [`${CARD}.html`, env.cardUrl],
      [`${CARD}.workshop.html`, env.workshopUrl()],
      ['index.html', env.server.url],
    ];
    for (const [pageFile, url] of pages) {
      const module = pageModule(pageFile);
      const loader = readFileSync(path.join(DIST, module.file), 'utf8');
      const own = [...loader.matchAll(/fetch\("\.\/([\w-]+\.wasm)",\{integrity:"(sha384-[^"]+)"\}\)/g)];
      assert.equal(own.length, 1, `${pageFile}: its module fetches the page's WASM once, under an integrity hash`);
      const [, wasm, integrity] = own[0];
      assert.equal(integrity, sri(wasm), `${pageFile}: ${wasm} has the integrity the module asks for`);
      const isOwn = (request) => request.endsWith(`/${wasm}`);

      // As built: the app starts, having fetched its WASM once (the workshop page's preload
      // of it is the same request).
      const built = await openPage(env.browser);
      try {
        await start(built.page, url);
        await built.page.waitForLoadState('networkidle');
        assert.equal(built.requests.filter(isOwn).length, 1, `${pageFile}: ${wasm} fetched once`);
        assert.deepEqual(built.problems, []);
      } finally {
        await built.context.close();
      }

      // Changed on the way: the app does not start, and the page says it could not.
      const changed = await openPage(env.browser);
      try {
        await changed.context.route(`**/${wasm}`, async (route) => {
          const response = await route.fetch();
          await route.fulfill({ response, body: tampered(await response.body()) });
        });
        await changed.page.goto(url);
        await changed.page.locator('#dc-boot-failed').waitFor({ state: 'visible', timeout: 20_000 });
        assert.equal(await changed.page.locator(LIVE).count(), 0, `${pageFile}: the app started on a changed WASM`);
        assert.ok(
          changed.problems.some((p) => /integrity/i.test(p)),
          `${pageFile}: the browser refused it for its integrity: ${changed.problems.join('\n')}`,
        );
      } finally {
        await changed.context.close();
      }
    }
  });

  test('with decisions saved, the decide part is live on arrival, so its timeline shows them on screen and in print', async () => {
    const { context, page, problems } = await openPage(env.browser, { viewport: { width: 1280, height: 900 } });
    try {
      await start(page, env.cardUrl);
      await reach(page, 'decide');
      await page.locator('[data-testid="record-decision"]').click();
      await page.locator('[data-testid="decision-recorded"]').waitFor();
      await page.locator('[data-testid="save-state"]', { hasText: 'Saved' }).waitFor({ timeout: 5_000 });

      // A new visit, at the top of the page: the part is far below the screen, nobody reaches
      // for it, and it is taken over all the same.
      await start(page, env.cardUrl);
      await page.locator('[data-part="decide"][data-live]').waitFor({ state: 'attached', timeout: 10_000 });
      const { top, screen, scrolled } = await page.evaluate(() => ({
        top: document.querySelector('[data-part="decide"]').getBoundingClientRect().top,
        screen: window.innerHeight,
        scrolled: window.scrollY,
      }));
      assert.equal(scrolled, 0);
      assert.ok(top > 1.5 * screen, `the part is not near the screen (${top} px down, screen ${screen} px)`);
      const entries = page.locator('[data-testid="history-entry"]');
      assert.equal(await entries.count(), 1, 'the saved decision is in the timeline');
      await page.emulateMedia({ media: 'print' });
      assert.ok(await entries.first().isVisible(), 'and in print');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('an answer given at the top reaches the record, and its print copy, without scrolling to it', async () => {
    const { context, page, problems } = await openPage(env.browser, { viewport: { width: 1280, height: 900 } });
    try {
      await start(page, env.cardUrl);
      const printed = page.locator('[data-testid="print-record"]');
      const unanswered = await printed.textContent();
      assert.doesNotMatch(unanswered, /Privacy: Points clearly to Self-Hosted Model/);

      await setFactor(page, 'privacy', 'End');
      await page.locator('[data-part="record_panel"][data-live]').waitFor({ state: 'attached', timeout: 10_000 });
      const { top, screen } = await page.evaluate(() => ({
        top: document.querySelector('#dc-record').getBoundingClientRect().top,
        screen: window.innerHeight,
      }));
      assert.ok(top > 1.5 * screen, `the record is not near the screen (${top} px down, screen ${screen} px)`);
      await page.emulateMedia({ media: 'print' });
      assert.ok(await printed.isVisible(), 'the print copy prints');
      assert.match(await printed.textContent(), /Privacy: Points clearly to Self-Hosted Model/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a part that cannot be loaded says so, and nothing the reader did is lost', async () => {
    const { context, page, problems } = await openPage(env.browser);
    try {
      await context.route(/split_share-[0-9a-f]+\.wasm$/, (route) => route.abort('failed'));
      await start(page, env.cardUrl);
      await setFactor(page, 'privacy', 'End');
      const before = await saved(page);
      const verdict = await page.locator(HEADLINE).textContent();

      await page.locator('[data-testid="share-open"]').click();
      const failed = page.locator('[data-testid="part-failed"]');
      await failed.waitFor({ timeout: 10_000 });
      assert.equal(await failed.getAttribute('role'), 'alert');
      assert.equal((await failed.textContent()).trim(), catalogue('en').get('card_page/PartNotLoaded'));

      // The answers are as they were, and the rest of the page still answers.
      assert.equal(await stored(page), before);
      assert.equal(await page.locator(HEADLINE).textContent(), verdict);
      await setFactor(page, 'latency', 'Home');
      assert.notEqual(await saved(page), before);
      // The failed fetch, and the loader's report of it, are the only problems.
      assert.ok(problems.length >= 1 && problems.every((p) => /split_share|failed to fetch|load/i.test(p)), problems.join('\n'));
    } finally {
      await context.close();
    }
  });

  describe('the workshop page', () => {
    let link;
    const noOneYet = catalogue('en').get('workshop_page/NoOneYet');
    before(async () => {
      ({ link } = await participant(env.browser, env.cardUrl, { name: 'Ana', answer: (page) => setFactor(page, 'privacy', 'End') }));
    });

    test('fetches its own module only, and the group once someone is added', async () => {
      const { context, page, problems, requests } = await openPage(env.browser);
      try {
        await page.goto(env.workshopUrl());
        await page.locator('[data-testid="ws-links"]').waitFor();
        await page.waitForLoadState('networkidle');
        const first = wasmRequested(requests);
        assert.equal(first.length, 1, `the page loads its own module only, not ${JSON.stringify(first)}`);
        assert.equal((await page.locator('.dc-ws-people .dc-blurb').textContent()).trim(), noOneYet);
        assert.equal(await page.locator('[data-testid="ws-results"]').count(), 0, 'no group to show yet');

        await paste(page, link);
        assert.equal(await count(page), '1 participant');
        await page.locator('[data-testid="ws-results"]').waitFor();
        const parts = wasmRequested(requests).filter((f) => !first.includes(f));
        assert.ok(parts.some((f) => /^split_group-[0-9a-f]{16}\.wasm$/.test(f)), `fetched ${JSON.stringify(parts)}`);
        assert.equal(await page.locator('[data-part="group"][data-live]').count(), 1);
        assert.equal(await page.getByText(noOneYet).count(), 0, 'the stand-in is gone');

        // A facilitator coming back to a workshop with people in it gets the group on arrival.
        await page.reload();
        assert.equal(await count(page), '1 participant');
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });

    test('a group that cannot be loaded says so, and keeps who was added', async () => {
      const { context, page, problems } = await openPage(env.browser);
      try {
        await context.route(/split_group-[0-9a-f]+\.wasm$/, (route) => route.abort('failed'));
        await page.goto(env.workshopUrl());
        await paste(page, link);
        const failed = page.locator('[data-testid="part-failed"]');
        await failed.waitFor({ timeout: 10_000 });
        assert.equal(await failed.getAttribute('role'), 'alert');
        assert.equal((await failed.textContent()).trim(), catalogue('en').get('workshop_page/GroupNotLoaded'));
        assert.equal(await page.getByText(noOneYet).count(), 0, 'no stand-in saying no one is there');
        assert.ok(problems.length >= 1 && problems.every((p) => /split_group|failed to fetch|load/i.test(p)), problems.join('\n'));

        // Once the group can load, the one added is there.
        await context.unroute(/split_group-[0-9a-f]+\.wasm$/);
        await page.reload();
        assert.equal(await count(page), '1 participant');
      } finally {
        await context.close();
      }
    });
  });
});
