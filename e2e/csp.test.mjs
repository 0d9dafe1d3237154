// The Content-Security-Policy the widget needs (docs/csp.md): the release build moves its
// inline scripts into files, so the policy is a fixed one with no hashes, and writes it to
// dist/csp.txt. Served with exactly that header, the widget runs with no violation; served
// with a policy that forbids WebAssembly, the page says so instead of staying blank. The
// single-file build's policy (dist-single/csp.txt, with hashes) is checked the same way.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serve } from './lib/server.mjs';
import { appStarted, openPage, screenshot } from './lib/browser.mjs';
import { guardOrigins, recordCspViolations } from './lib/guard.mjs';
import { LIVE, download } from './lib/card.mjs';
import { DIST, ROOT, SINGLE } from './lib/paths.mjs';
import { listFiles } from './lib/sizes.mjs';
import { useBuild } from './lib/setup.mjs';

async function policyOf(dir) {
  const file = path.join(dir, 'csp.txt');
  assert.ok(existsSync(file), `${file} is missing: run \`cargo xtask dist\` first`);
  return (await readFile(file, 'utf8')).trim();
}

/**
 * The `'sha384-…'` source of every inline <script> in `html`, computed here independently.
 * Data blocks (`type="application/json"`) are not scripts: no policy applies to them.
 */
function inlineScriptHashes(html) {
  return [...html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script\s*>/gi)]
    .filter((m) => !/\ssrc\s*=/i.test(m[1] ?? '') && !/type\s*=\s*"?application\/json/i.test(m[1] ?? ''))
    .map((m) => `'sha384-${createHash('sha384').update(m[2], 'utf8').digest('base64')}'`);
}

/** Opens `url` in a context that records CSP violations and blocks other origins. */
async function openWithPolicy(browser, server) {
  const opened = await openPage(browser);
  await recordCspViolations(opened.context);
  const blocked = await guardOrigins(opened.context, [server.origin]);
  return { ...opened, blocked };
}

describe('Content-Security-Policy', () => {
  const env = useBuild({ serve: false });

  test('dist/csp.txt is the fixed policy that docs/csp.md states', async () => {
    const policy = await policyOf(DIST);
    const pages = listFiles(DIST).filter((f) => f.endsWith('.html') && !f.startsWith('offline/'));
    assert.ok(pages.length >= 5, `only ${pages.length} pages in dist/`);
    for (const name of pages) {
      const html = await readFile(path.join(DIST, name), 'utf8');
      assert.deepEqual(inlineScriptHashes(html), [], `dist/${name} has inline scripts: the policy would need hashes`);
    }
    assert.equal(
      policy,
      "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'",
    );
    const docs = await readFile(path.join(ROOT, 'docs', 'csp.md'), 'utf8');
    assert.ok(docs.includes(`Content-Security-Policy: ${policy}\n`), 'docs/csp.md states another policy');
  });

  test('dist-single/csp.txt lists exactly the inline scripts of the single files', async () => {
    const policy = await policyOf(SINGLE);
    const html = await readFile(path.join(SINGLE, 'model-api-vs-self-hosted.html'), 'utf8');
    const scriptSrc = policy.split('; ').find((d) => d.startsWith('script-src '));
    const hashes = inlineScriptHashes(html);
    assert.equal(hashes.length, 3, 'the start-up watch, the glue and the loader');
    for (const hash of hashes) assert.ok(scriptSrc.includes(hash), `${hash} is missing from the policy`);
    assert.match(policy, /^default-src 'none'; script-src 'wasm-unsafe-eval' /);
  });

  test('the widget runs under its policy, with no violation', async () => {
    const policy = await policyOf(DIST);
    const server = await serve({ root: DIST, prefix: '/secure/', headers: { 'Content-Security-Policy': policy } });
    const { context, page, problems, blocked } = await openWithPolicy(env.browser, server);
    try {
      // The library, then a card.
      await page.goto(server.url);
      await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      await page.goto(`${server.url}model-api-vs-self-hosted.html`);
      await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      assert.equal(await appStarted(page), true);
      // Exercise it a little: a slider, a checkbox, the saved state.
      const slider = page.locator('.dc-factor input[type="range"]').first();
      await slider.focus();
      await page.keyboard.press('End');
      await page.locator('label.dc-check input').first().check();
      await page.locator('[data-testid="save-state"]', { hasText: /Saved/ }).waitFor({ timeout: 10_000 });
      await page.reload();
      await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      assert.equal(await page.locator('.dc-factor input[type="range"]').first().inputValue(), '2');
      // Styles applied under style-src 'self'.
      const border = await page.locator('[data-testid="verdict"]').evaluate((el) => getComputedStyle(el).borderTopWidth);
      assert.equal(border, '6px');
      await screenshot(page, 'csp-ok');
      assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
      assert.deepEqual(problems, []);
      assert.deepEqual(blocked, []);
    } finally {
      await context.close();
      await server.close();
    }
  });

  test("without 'wasm-unsafe-eval' the page says why it cannot start", async () => {
    const policy = (await policyOf(DIST)).replace(" 'wasm-unsafe-eval'", '');
    assert.doesNotMatch(policy, /wasm-unsafe-eval/);
    const server = await serve({ root: DIST, headers: { 'Content-Security-Policy': policy } });
    const { context, page, blocked } = await openWithPolicy(env.browser, server);
    try {
      await page.goto(`${server.url}model-api-vs-self-hosted.html`);
      const failed = page.locator('#dc-boot-failed');
      await failed.waitFor({ state: 'visible', timeout: 20_000 });
      const text = await failed.textContent();
      assert.match(text, /could not start/);
      assert.match(text, /Content-Security-Policy does not allow WebAssembly/);
      assert.match(text, /'wasm-unsafe-eval'/);
      assert.equal(await page.locator('#dc-boot-loading').isVisible(), false);
      // The card still reads: it is in the page, only the app did not start.
      assert.equal(await page.locator('.dc-root h1').isVisible(), true);
      assert.equal(await page.locator(LIVE).count(), 0);
      // What the page can still do: hand the card over as one file, which opens from disk.
      const file = await download(page, page.locator('#dc-offline-get'));
      assert.equal(file.name, 'model-api-vs-self-hosted.html');
      assert.match(file.text, /<html lang="en" data-build="single-file">/);
      // The only violation is the one this test provoked.
      const violations = await page.evaluate(() => window.__cspViolations);
      assert.deepEqual([...new Set(violations)], ['script-src blocked wasm-eval']);
      await screenshot(page, 'csp-no-wasm');
      assert.deepEqual(blocked, []);
    } finally {
      await context.close();
      await server.close();
    }
  });

  test('a policy that refuses the page its scripts leaves it reading only, with no button that could never act', async () => {
    const policy = (await policyOf(DIST)).replace("script-src 'self' 'wasm-unsafe-eval'", "script-src 'none'");
    assert.match(policy, /script-src 'none'/);
    const server = await serve({ root: DIST, headers: { 'Content-Security-Policy': policy } });
    const { context, page, blocked } = await openWithPolicy(env.browser, server);
    try {
      await page.goto(`${server.url}model-api-vs-self-hosted.html`, { waitUntil: 'load' });
      const loading = page.locator('#dc-boot-loading');
      assert.equal(await loading.isVisible(), true, 'the reading-only line shows');
      assert.match(await loading.textContent(), /Reading only/);
      assert.equal(await page.locator('.dc-root h1').isVisible(), true, 'the card reads');
      assert.equal(await page.locator('.dc-root button:visible').count(), 0, 'no button is offered');
      assert.equal(await page.locator('html.dc-js').count(), 0);
      assert.deepEqual(blocked, []);
    } finally {
      await context.close();
      await server.close();
    }
  });

  test('the single-file build runs under dist-single/csp.txt', async () => {
    const policy = await policyOf(SINGLE);
    assert.doesNotMatch(policy, /'self'|unsafe-inline|'unsafe-eval'/);
    const server = await serve({ root: SINGLE, headers: { 'Content-Security-Policy': policy } });
    const { context, page, problems, blocked } = await openWithPolicy(env.browser, server);
    try {
      await page.goto(`${server.url}model-api-vs-self-hosted.html`);
      await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
      assert.equal(await appStarted(page), true);
      assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
      assert.deepEqual(problems, []);
      assert.deepEqual(blocked, []);
    } finally {
      await context.close();
      await server.close();
    }
  });
});
