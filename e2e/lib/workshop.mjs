// Workshop helpers: a participant answering the card in a browser of their own, and what the
// facilitator's page shows.

import assert from 'node:assert/strict';
import { openPage } from './browser.mjs';
import { HEADLINE, LIVE } from './card.mjs';

/** One participant in their own browser: answers the card, returns their share link. */
export async function participant(browser, url, { name, answer }) {
  const { context, page, problems } = await openPage(browser);
  try {
    await page.goto(url);
    await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
    await answer(page);
    await page.locator('[data-testid="share-open"]').click();
    if (name) await page.locator('#dc-share-name').fill(name);
    const link = await page.locator('[data-testid="share-link"]').inputValue();
    const verdict = (await page.locator(HEADLINE).textContent()).trim();
    assert.deepEqual(problems, []);
    return { link, verdict };
  } finally {
    await context.close();
  }
}

/** "3 participants", as the facilitator's page counts them. */
export async function count(page) {
  return (await page.locator('[data-testid="ws-count"]').textContent()).trim();
}

/** Pastes `text` into the facilitator's box and adds it. */
export async function paste(page, text) {
  await page.locator('[data-testid="ws-links"]').fill(text);
  await page.locator('[data-testid="ws-add"]').click();
}

/** The names in the participants' list, as typed or taken (empty when none). */
export function names(page) {
  return page.locator('[data-testid="ws-participant"] input.dc-ws-name').evaluateAll((inputs) => inputs.map((i) => i.value));
}
