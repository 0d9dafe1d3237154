// Smoke test of the release build in dist/ (made by `cargo xtask dist`): it loads from a
// plain static server, at the root and under a sub-path, starts the WASM app, renders
// the verdict, and does so without errors or requests to any other origin.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve } from './lib/server.mjs';
import { appStarted, foreignRequests, openPage, screenshot } from './lib/browser.mjs';
import { VERDICT } from './lib/card.mjs';
import { DIST } from './lib/paths.mjs';
import { useBuild } from './lib/setup.mjs';


/** Opens `url` and waits for the verdict; returns what the page recorded. */
async function openApp(browser, url, origin, shot) {
  const { context, page, problems, requests } = await openPage(browser);
  try {
    await page.goto(url);
    try {
      await page.locator(VERDICT).first().waitFor({ state: 'visible', timeout: 20_000 });
    } catch (error) {
      const started = await appStarted(page).catch(() => false);
      throw new Error(
        `no visible ${VERDICT} at ${url} within 20 s (app started: ${started}; ` +
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
      await openApp(env.browser, server.url, server.origin, 'smoke');
      assert.ok(server.requests.some((p) => p.endsWith('.wasm')), 'the WASM module was not fetched');
    } finally {
      await server.close();
    }
  });

  test('works from a sub-path of a static host', async () => {
    const server = await serve({ root: DIST, prefix: '/team/wiki/decisions/' });
    try {
      await openApp(env.browser, server.url, server.origin, 'smoke-subpath');
      const outside = server.requests.filter(
        (p) => !p.startsWith('/team/wiki/decisions/') && p !== '/favicon.ico',
      );
      assert.deepEqual(outside, [], 'requests escaped the sub-path');
    } finally {
      await server.close();
    }
  });
});
