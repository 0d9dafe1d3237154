// Smoke test of the release build in dist/ (made by `cargo xtask dist`): the library and a
// card page load from a plain static server, at the root and under a sub-path, the WASM
// app takes them over, and all without errors or requests to any other origin.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve } from './lib/server.mjs';
import { appStarted, foreignRequests, openPage, screenshot } from './lib/browser.mjs';
import { CARD, LIVE, VERDICT } from './lib/card.mjs';
import { DIST } from './lib/paths.mjs';
import { useBuild } from './lib/setup.mjs';


/** Opens `url`, waits until the app is live and `ready` shows. */
async function openApp(browser, url, origin, shot, ready = VERDICT) {
  const { context, page, problems, requests } = await openPage(browser);
  try {
    await page.goto(url);
    try {
      await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      await page.locator(ready).first().waitFor({ state: 'visible', timeout: 1_000 });
    } catch (error) {
      const started = await appStarted(page).catch(() => false);
      throw new Error(
        `not live with a visible ${ready} at ${url} within 20 s (app started: ${started}; ` +
          `problems: ${JSON.stringify(problems)})`,
        { cause: error },
      );
    } finally {
      await screenshot(page, shot).catch(() => {});
    }
    assert.equal(await appStarted(page), true, 'Trunk loader did not report the app as started');
    assert.deepEqual(problems, [], 'the page reported errors');
    assert.deepEqual(foreignRequests(requests, origin), [], 'the page made requests to other origins');
  } finally {
    await context.close();
  }
}

describe('release build', () => {
  const env = useBuild({ serve: false });

  test('starts and shows a verdict', async () => {
    const server = await serve({ root: DIST });
    try {
      await openApp(env.browser, server.url, server.origin, 'smoke-library', '.dc-library-card');
      await openApp(env.browser, `${server.url}${CARD}.html`, server.origin, 'smoke');
      assert.ok(server.requests.some((p) => p.endsWith('.wasm')), 'the WASM module was not fetched');
    } finally {
      await server.close();
    }
  });

  test('works from a sub-path of a static host', async () => {
    const server = await serve({ root: DIST, prefix: '/team/wiki/decisions/' });
    try {
      await openApp(env.browser, server.url, server.origin, 'smoke-subpath-library', '.dc-library-card');
      await openApp(env.browser, `${server.url}${CARD}.html`, server.origin, 'smoke-subpath');
      const outside = server.requests.filter(
        (p) => !p.startsWith('/team/wiki/decisions/') && p !== '/favicon.ico',
      );
      assert.deepEqual(outside, [], 'requests escaped the sub-path');
    } finally {
      await server.close();
    }
  });

  test('every page has its icon, and the browser asks for no other', async () => {
    const server = await serve({ root: DIST });
    const { context, page, problems } = await openPage(env.browser);
    try {
      for (const name of ['', `${CARD}.html`, `${CARD}.workshop.html`]) {
        await page.goto(`${server.url}${name}`);
        await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
        const href = await page.locator('link[rel="icon"]').getAttribute('href');
        assert.match(href, /^\.\/favicon-[0-9a-f]+\.svg$/, `the icon link of ${name || 'the library'}`);
        const icon = await page.request.get(new URL(href, page.url()).href);
        assert.equal(icon.status(), 200);
        assert.equal(icon.headers()['content-type'], 'image/svg+xml');
      }
      assert.ok(!server.requests.includes('/favicon.ico'), 'the browser looked for /favicon.ico');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      await server.close();
    }
  });
});
