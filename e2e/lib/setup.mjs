// The life of a test file: one browser (and, when asked, one static server of the release
// build) for all its tests, checked to exist before the first and closed after the last.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';
import { launchBrowser } from './browser.mjs';
import { CARD } from './card.mjs';
import { DIST } from './paths.mjs';
import { serve } from './server.mjs';

/**
 * Registers `before`/`after` hooks and returns an object whose `browser` (and `server`,
 * when `serveOptions` is given) are set once the tests run.
 *
 * @param {{ serve?: object | false, build?: string }} [options] `serve`: options for
 *   `serve()` (its `root` defaults to dist/); `build`: the folder that must exist.
 */
export function useBuild({ serve: serveOptions = {}, build = DIST } = {}) {
  const env = {
    browser: undefined,
    server: undefined,
    /** The seed card's page (the site's root is the library). */
    get cardUrl() {
      return `${env.server.url}${CARD}.html`;
    },
    /** A card's facilitator page. */
    workshopUrl(card = CARD) {
      return `${env.server.url}${card}.workshop.html`;
    },
  };
  before(async () => {
    const page = path.join(build, 'index.html');
    assert.ok(existsSync(build) && (build !== DIST || existsSync(page)), `${build} is missing: run \`cargo xtask dist\` first`);
    env.browser = await launchBrowser();
    if (serveOptions) env.server = await serve({ root: DIST, ...serveOptions });
  });
  after(async () => {
    await env.server?.close();
    await env.browser?.close();
  });
  return env;
}
