// Embedding, on the release build in dist/ (made by `cargo xtask dist`):
//
// - embed mode (`?embed=1`) drops the page chrome and fits a 320 px frame without
//   horizontal scrolling;
// - the card is on the page before the WASM has loaded (prerendered), and what is moved
//   meanwhile is kept when the app takes over;
// - over a slow network (emulated), every page is marked for script and for embed mode
//   before its first paint, so nothing of it jumps when the start-up watch runs;
// - inside an iframe on a page of another origin, running the host snippet from
//   docs/embedding.md, the widget reports its height and the host sizes the frame to it,
//   and again when the frame gets narrower;
// - each card has its page and keeps its own progress; links of earlier builds
//   (`?card=`, `?mode=workshop`) are sent on to them, and an unknown id opens the library;
// - every rule of the stylesheet is scoped by a `dc-` class.
//
// Every request that leaves the expected origins is blocked and fails the test.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { serve } from './lib/server.mjs';
import { ARTIFACTS_DIR, appStarted, openPage, screenshot } from './lib/browser.mjs';
import { guardOrigins } from './lib/guard.mjs';
import { HEADLINE, LIVE, SECOND_CARD, SEED_TITLE } from './lib/card.mjs';
import { DOCS } from './lib/paths.mjs';
import { useBuild } from './lib/setup.mjs';

const SEED_CARD = 'model-api-vs-self-hosted';
// A second bundled card (content/build-vs-buy.toml).
const PREFIX = '/team/wiki/decisions/';
// The placeholders the documented snippet uses for where dist/ is hosted.
const DOC_ORIGIN = 'https://static.example.com';

/** The host page snippet from docs/embedding.md, pointed at `widget` (a served dist/). */
async function hostSnippet(widget) {
  const docs = await readFile(path.join(DOCS, 'embedding.md'), 'utf8');
  const match = docs.match(/```html\n([\s\S]*?)```/);
  assert.ok(match, 'docs/embedding.md has no ```html snippet');
  const snippet = match[1];
  assert.ok(snippet.includes(`${DOC_ORIGIN}${PREFIX}${SEED_CARD}.html?embed=1`), 'the snippet embeds the documented URL');
  return snippet.replaceAll(DOC_ORIGIN, widget.origin);
}

describe('embedding', () => {
  const env = useBuild({ serve: { prefix: PREFIX } });

  test('embed mode fits a 320 px frame with no page chrome', async () => {
    const { context, page, problems } = await openPage(env.browser, { viewport: { width: 320, height: 640 } });
    const blocked = await guardOrigins(context, [env.server.origin]);
    try {
      await page.goto(`${env.cardUrl}?embed=1`);
      await page.locator('html.dc-live').waitFor({ state: 'attached', timeout: 20_000 });
      assert.equal(await page.locator('html.dc-embed').count(), 1, 'the page has the dc-embed class');
      assert.equal(await page.locator('.dc-nav').isVisible(), false, 'the section navigation is hidden');
      assert.equal(await page.locator('.dc-kicker').isVisible(), false, 'the kicker is hidden');
      assert.equal(await page.locator('.dc-root h1').isVisible(), true, 'the title stays');
      assert.equal(await page.locator('#dc-boot').count(), 0, 'the loading block is gone');
      const scroll = await page.evaluate(() => ({
        width: document.scrollingElement.scrollWidth,
        client: document.scrollingElement.clientWidth,
      }));
      assert.ok(scroll.width <= 320, `horizontal scrolling at 320 px: scrollWidth ${scroll.width}`);
      // Nothing inside overflows its own box sideways either (e.g. clipped text).
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('.dc-root *')]
          .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
          .slice(0, 5),
      );
      assert.deepEqual(wide, [], 'elements reach past the right edge at 320 px');
      // The title is small in a frame.
      const h1 = await page.locator('.dc-root h1').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      assert.ok(h1 <= 20, `title font size ${h1}px`);
      await screenshot(page, 'embed-320-full');
      await viewportShot(page, 'embed-320');
      // A narrow page without embed mode keeps its chrome.
      await page.goto(env.cardUrl);
      await page.locator('html.dc-live').waitFor({ state: 'attached', timeout: 20_000 });
      assert.equal(await page.locator('html.dc-embed').count(), 0);
      assert.equal(await page.locator('.dc-nav').isVisible(), true);
      assert.deepEqual(problems, []);
      assert.deepEqual(blocked, [], 'requests left the widget origin');
    } finally {
      await context.close();
    }
  });

  test('the card is there before the WASM, and what is moved meanwhile is kept', async () => {
    const { context, page, problems } = await openPage(env.browser);
    const blocked = await guardOrigins(context, [env.server.origin]);
    let release;
    const held = new Promise((resolve) => {
      release = resolve;
    });
    // Hold the WASM back (the preload and the glue's fetch alike) to look at the page meanwhile.
    await page.route('**/*.wasm', async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.goto(`${env.cardUrl}?embed=1`, { waitUntil: 'domcontentloaded' });
      // The whole card reads already: title, verdict, every factor.
      assert.equal(await page.locator('.dc-root h1').textContent(), SEED_TITLE);
      assert.equal(await headline(page), 'Stay with Model API — the default');
      assert.ok((await page.locator('.dc-factor input[type="range"]').count()) >= 5);
      // Script runs, so the reading-only line is not shown; nothing says it failed.
      assert.equal(await page.locator('#dc-boot-loading').isVisible(), false);
      assert.equal(await page.locator('#dc-boot-failed').isVisible(), false);
      assert.equal(await page.locator('html.dc-live').count(), 0, 'not live before the WASM');
      await viewportShot(page, 'loading');
      // A reader who does not wait: a slider moved and a box ticked before the app is live.
      await page.locator('#dc-f-privacy').focus();
      await page.keyboard.press('End');
      await page.locator('#dc-signals input[type="checkbox"]').first().check();
      release();
      await page.locator('html.dc-live').waitFor({ state: 'attached', timeout: 20_000 });
      assert.equal(await page.locator('#dc-boot').count(), 0, 'the start-up block goes once live');
      assert.equal(await page.locator('#dc-f-privacy').inputValue(), '2', 'the early slider move is kept');
      assert.equal(await page.locator('#dc-signals input[type="checkbox"]').first().isChecked(), true);
      const saved = await page
        .locator('[data-testid="save-state"]', { hasText: /Saved/ })
        .waitFor({ timeout: 10_000 })
        .then(() => page.evaluate((k) => localStorage.getItem(k), `decision-cards/${SEED_CARD}`));
      assert.match(saved, /"privacy"/, 'the early answers are saved');
      assert.deepEqual(problems, []);
      assert.deepEqual(blocked, []);
    } finally {
      release();
      await context.close();
    }
  });

  test('over a slow network, each page is marked for script and embed mode before its first paint', async () => {
    // Over a real network the page's HTML arrives in pieces and the browser paints what it has
    // parsed. A page painted before the start-up watch has run shows the reading-only line,
    // hides every button and, in a frame, shows the page chrome: then all of it jumps.
    for (const url of [`${env.cardUrl}?embed=1`, `${env.workshopUrl()}?embed=1`, `${env.server.url}?embed=1`]) {
      const { context, page, problems } = await openPage(env.browser);
      const blocked = await guardOrigins(context, [env.server.origin]);
      try {
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        // About what Chromium's own "Fast 3G" preset is: 100 ms each way, 1.6 Mbit/s.
        const bytesPerSecond = (1.6 * 1024 * 1024) / 8;
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: 100,
          downloadThroughput: bytesPerSecond,
          uploadThroughput: bytesPerSecond,
        });
        await page.addInitScript(() => {
          // When each class first reaches <html> (not parsed yet when this runs).
          window.__marked = {};
          new MutationObserver(() => {
            for (const name of document.documentElement?.classList ?? []) {
              window.__marked[name] ??= performance.now();
            }
          }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
        });
        await page.goto(url);
        await page.locator('html.dc-live').waitFor({ state: 'attached', timeout: 30_000 });
        const { marked, paint } = await page.evaluate(() => ({
          marked: window.__marked,
          paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
        }));
        assert.ok(paint > 0, `${url}: no first paint recorded`);
        for (const name of ['dc-js', 'dc-embed']) {
          assert.ok(marked[name] !== undefined, `${url}: ${name} never set`);
          assert.ok(marked[name] <= paint, `${url}: ${name} set at ${marked[name]} ms, after the first paint at ${paint} ms`);
        }
        assert.deepEqual(problems, []);
        assert.deepEqual(blocked, []);
      } finally {
        await context.close();
      }
    }
  });

  test('a host page on another origin sizes the frame from the height messages', async () => {
    const hostDir = await mkdtemp(path.join(os.tmpdir(), 'dc-host-'));
    const host = await (async () => {
      const snippet = await hostSnippet(env.server);
      const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Team wiki: decisions</title>
<style>body { font: 16px Georgia, serif; margin: 0 auto; max-width: 46rem; padding: 1rem; background: #fff; color: #222 }
h1 { color: darkred } p { line-height: 1.6 }</style></head>
<body><h1>Architecture decisions</h1><p>Work through the card below before the review.</p>
${snippet}
<p id="after">Text after the card.</p></body></html>`;
      await writeFile(path.join(hostDir, 'index.html'), html);
      return serve({ root: hostDir });
    })();
    const { context, page, problems } = await openPage(env.browser, { viewport: { width: 900, height: 800 } });
    const blocked = await guardOrigins(context, [host.origin, env.server.origin]);
    // Every message the host page receives, recorded in the top page only.
    await context.addInitScript(() => {
      if (window !== window.top) return;
      window.__messages = [];
      addEventListener('message', (e) => window.__messages.push({ origin: e.origin, data: e.data }));
    });
    try {
      assert.notEqual(host.origin, env.server.origin, 'host and widget must be different origins');
      await page.goto(host.url);
      const frameEl = page.locator('iframe[data-decision-card]');
      const frame = page.frameLocator('iframe[data-decision-card]');
      await frame.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });

      // The frame ends up exactly as tall as the widget inside it.
      const widgetHeight = () => frame.locator('.dc-root').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
      const frameHeight = () => frameEl.evaluate((el) => el.getBoundingClientRect().height);
      await waitFor(async () => (await frameHeight()) === (await widgetHeight()), 'the host to size the frame');
      const wide = await frameHeight();
      assert.ok(wide > 800, `the frame grew beyond its initial 800 px (now ${wide})`);
      assert.equal(await frame.locator('html.dc-embed').count(), 1);

      // The messages: only heights, from the widget's origin, in the documented shape.
      const messages = await page.evaluate(() => window.__messages);
      assert.ok(messages.length >= 1, 'no message reached the host');
      for (const m of messages) {
        assert.equal(m.origin, env.server.origin);
        assert.deepEqual(Object.keys(m.data).sort(), ['card', 'height', 'type']);
        assert.equal(m.data.type, 'decision-cards:height');
        assert.equal(m.data.card, SEED_CARD);
        assert.ok(Number.isInteger(m.data.height) && m.data.height > 0, `height ${m.data.height}`);
      }
      assert.equal(messages.at(-1).data.height, wide);

      // The text after the frame follows it: no overlap, no gap of a fixed height.
      const box = await frameEl.boundingBox();
      const afterTop = await page.locator('#after').evaluate((el) => el.getBoundingClientRect().top + scrollY);
      assert.ok(afterTop >= box.y + box.height, 'the text after the card sits below the frame');
      await screenshot(page, 'embed-host-full');
      await viewportShot(page, 'embed-host');

      // A narrower frame makes a taller widget, and the host follows.
      await page.setViewportSize({ width: 380, height: 800 });
      await waitFor(async () => {
        const [f, w] = [await frameHeight(), await widgetHeight()];
        return f === w && f > wide;
      }, 'the host to follow the narrower, taller widget');
      const scroll = await frame.locator('html').evaluate(() => document.scrollingElement.scrollWidth);
      const frameWidth = await frameEl.evaluate((el) => el.clientWidth);
      assert.ok(scroll <= frameWidth, `horizontal scrolling in a ${frameWidth} px frame: ${scroll}`);
      await viewportShot(page, 'embed-host-narrow');

      // Closing a part of the widget makes it shorter, and the host follows that too.
      const before = await frameHeight();
      await frame.locator('.dc-why-details > summary').first().click();
      await waitFor(async () => {
        const [f, w] = [await frameHeight(), await widgetHeight()];
        return f === w && f < before;
      }, 'the host to follow the shorter widget');

      // The host may ask again (a listener installed late); the widget answers.
      const count = (await page.evaluate(() => window.__messages.length));
      await page.evaluate((origin) => {
        document.querySelector('iframe[data-decision-card]').contentWindow.postMessage(
          { type: 'decision-cards:request-height' },
          origin,
        );
      }, env.server.origin);
      await waitFor(async () => (await page.evaluate(() => window.__messages.length)) > count, 'an answer to the request');

      assert.deepEqual(problems, []);
      assert.deepEqual(blocked, [], 'requests left the host and widget origins');
      const fromFrame = env.server.requests.filter((p) => !p.startsWith(PREFIX) && p !== '/favicon.ico');
      assert.deepEqual(fromFrame, [], 'the widget requested files outside its sub-path');
    } finally {
      await context.close();
      await host.close();
      await rm(hostDir, { recursive: true, force: true });
    }
  });

  test('each card keeps its own progress; old links are sent on; unknown ids open the library', async () => {
    const { context, page, problems } = await openPage(env.browser);
    const blocked = await guardOrigins(context, [env.server.origin]);
    const firstSlider = () => page.locator('.dc-factor input[type="range"]').first();
    const live = () => page.locator('html.dc-live').waitFor({ state: 'attached', timeout: 20_000 });
    const open = async (path) => {
      await page.goto(`${env.server.url}${path}`);
      await live();
    };
    try {
      await open(`${SECOND_CARD}.html`);
      assert.equal(await page.locator('.dc-root h1').textContent(), 'Build vs Buy');
      assert.equal(await headline(page), 'Stay with Buy — the default');
      await firstSlider().focus();
      await page.keyboard.press('End');
      await page.locator('[data-testid="save-state"]', { hasText: /Saved/ }).waitFor({ timeout: 10_000 });

      // The seed card is untouched by that…
      await open(`${SEED_CARD}.html`);
      assert.equal(await page.locator('.dc-root h1').textContent(), SEED_TITLE);
      assert.equal(await firstSlider().inputValue(), '0');
      await firstSlider().focus();
      await page.keyboard.press('Home');
      await page.locator('[data-testid="save-state"]', { hasText: /Saved/ }).waitFor({ timeout: 10_000 });

      // …and a link of an earlier build (?card=, with embed) reaches the second card's page,
      // which still has its own answer.
      await page.goto(`${env.server.url}?card=${SECOND_CARD}&embed=1`);
      await page.waitForURL(`${env.server.url}${SECOND_CARD}.html?embed=1`, { timeout: 20_000 });
      await live();
      assert.equal(await firstSlider().inputValue(), '2');
      assert.equal(await page.locator('html.dc-embed').count(), 1);
      // One progress key per card (decision-cards/<card-id>).
      const keys = await page.evaluate(() =>
        Object.keys(localStorage)
          .filter((k) => /^decision-cards\/[a-z0-9-]+$/.test(k))
          .sort(),
      );
      assert.deepEqual(keys, [`decision-cards/${SECOND_CARD}`, `decision-cards/${SEED_CARD}`]);

      // The old workshop link reaches the card's facilitator page.
      await page.goto(`${env.server.url}?mode=workshop&card=${SEED_CARD}`);
      await page.waitForURL(`${env.server.url}${SEED_CARD}.workshop.html`, { timeout: 20_000 });
      // Live before moving on: leaving while its WASM still arrives aborts that request.
      await page.locator('[data-testid="ws-links"]').waitFor({ timeout: 20_000 });

      // An unknown id: the library, with a message, listing every card.
      await page.goto(`${env.server.url}?card=no-such-card`);
      const alert = page.locator('[data-testid="library-notice"]');
      await alert.waitFor({ state: 'visible', timeout: 20_000 });
      assert.match(await alert.textContent(), /no card called .no-such-card./);
      const links = page.locator('.dc-library-card h2 a');
      assert.deepEqual((await links.allTextContents()).slice(0, 2), [SEED_TITLE, 'Build vs Buy']);
      assert.equal(await links.nth(1).getAttribute('href'), `${SECOND_CARD}.html`);
      await links.nth(1).click();
      await live();
      assert.equal(await page.locator('.dc-root h1').textContent(), 'Build vs Buy');
      assert.deepEqual(problems, []);
      assert.deepEqual(blocked, []);
    } finally {
      await context.close();
    }
  });

  test('every style rule is scoped by a dc- class', async () => {
    const { context, page } = await openPage(env.browser);
    const blocked = await guardOrigins(context, [env.server.origin]);
    try {
      await page.goto(env.cardUrl);
      await page.locator('html.dc-live').waitFor({ state: 'attached', timeout: 20_000 });
      const report = await page.evaluate(() => {
        const unscoped = [];
        let styleRules = 0;
        const walk = (rules) => {
          for (const rule of rules) {
            if (rule instanceof CSSStyleRule) {
              styleRules += 1;
              for (const selector of rule.selectorText.split(',').map((s) => s.trim())) {
                // Under a dc- class, only on the widget's own page (body.dc-page), or on an
                // <html> that the widget's start-up script or build has marked (a `:not()`
                // marks nothing), or inside the widget's root.
                const html = selector.replace(/:not\([^)]*\)/g, '');
                const scoped =
                  /^\.dc-[a-z0-9-]+/.test(selector) ||
                  /^html:has\(>?\s*body\.dc-page\b/.test(selector) ||
                  /^html\S*(\.dc-[a-z-]+|\[data-build=)/.test(html) ||
                  /^html\S*\s+\.dc-[a-z0-9-]+/.test(html);
                if (!scoped) unscoped.push(selector);
              }
            } else if (rule instanceof CSSKeyframesRule) {
              if (!rule.name.startsWith('dc-')) unscoped.push(`@keyframes ${rule.name}`);
            } else if (rule instanceof CSSMediaRule || rule instanceof CSSSupportsRule) {
              walk(rule.cssRules);
            } else {
              // @font-face, @import, @layer, @property…: none belong in the widget.
              unscoped.push(rule.cssText.slice(0, 60));
            }
          }
        };
        const sheets = [...document.styleSheets];
        for (const sheet of sheets) walk(sheet.cssRules);
        return { sheets: sheets.length, styleRules, unscoped };
      });
      assert.equal(report.sheets, 1, 'one stylesheet');
      assert.ok(report.styleRules > 50, `only ${report.styleRules} style rules found`);
      assert.deepEqual(report.unscoped, [], 'rules that could reach a host page');
      assert.deepEqual(blocked, []);
    } finally {
      await context.close();
    }
  });
});

async function headline(page) {
  return (await page.locator(HEADLINE).textContent()).trim();
}

/** Saves what is in the viewport to e2e/artifacts/NAME.png (full pages run to metres here). */
async function viewportShot(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) });
}

/** Polls `check` until it returns true, for up to 10 s. */
async function waitFor(check, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
