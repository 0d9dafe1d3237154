// What a user does on a card page, as the end-to-end tests do it: the selectors of the
// page, opening it, moving sliders and ticking boxes by keyboard, sharing, and what the
// browser stored.

import { readFile } from 'node:fs/promises';

/** The seed card, and the key its progress is stored under. */
export const CARD = 'model-api-vs-self-hosted';
export const KEY = `decision-cards/${CARD}`;
export const SEED_TITLE = 'Model API vs Self-Hosted Model';
export const SECOND_CARD = 'build-vs-buy';

/** On <html> once the app has taken the page over (the markup is there before: prerendered). */
export const LIVE = 'html.dc-live';
export const VERDICT = '[data-testid="verdict"]';
export const HEADLINE = '[data-testid="verdict-headline"]';
export const SAVE_STATE = '[data-testid="save-state"]';
export const EXPORT = '[data-testid="export-answers"]';

/** Opens `url` and waits until the app is live. */
export async function start(page, url) {
  await page.goto(url);
  await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
}

/**
 * Reloads the page and waits until the app is live again. The verdict's headline is no sign
 * of that: it is in the prerendered page before the app has read saved progress.
 */
export async function reload(page) {
  await page.reload();
  await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
}

/**
 * Brings a part of the page that is drawn when the reader comes near it or reaches for it
 * (`decide`, `share`: src/components/on_demand.rs) into view, and waits until it is live.
 */
export async function reach(page, part) {
  await page.locator(`[data-part="${part}"]`).scrollIntoViewIfNeeded();
  await page.locator(`[data-part="${part}"][data-live]`).waitFor({ state: 'attached', timeout: 10_000 });
}

/** The verdict's headline. */
export async function headline(page) {
  return (await page.locator(HEADLINE).textContent()).trim();
}

/** Sets a factor's slider by keyboard: Home = clearly A, End = clearly B, arrows one step. */
export async function setFactor(page, id, key) {
  await page.locator(`#dc-f-${id}`).focus();
  await page.keyboard.press(key);
}

/** Ticks (or unticks) the checkbox labelled `labelText`, by keyboard. */
export async function tick(page, labelText) {
  await page.locator('label.dc-check', { hasText: labelText }).locator('input').focus();
  await page.keyboard.press('Space');
}

/** What the browser stores under `key` (the seed card's progress by default). */
export function stored(page, key = KEY) {
  return page.evaluate((k) => localStorage.getItem(k), key);
}

/** Waits until the debounced save has written, and returns what is stored. */
export async function saved(page, key = KEY) {
  await page.locator(SAVE_STATE, { hasText: 'Saved' }).waitFor({ timeout: 5_000 });
  return stored(page, key);
}

/** Clicks `locator` and returns the name and text of the file it downloads. */
export async function download(page, locator) {
  const [file] = await Promise.all([page.waitForEvent('download'), locator.click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

/** Opens the share panel (by keyboard), types a name if given, and returns the link. */
export async function shareLink(page, name) {
  await page.locator('[data-testid="share-open"]').focus();
  await page.keyboard.press('Enter');
  if (name) {
    await page.locator('#dc-share-name').fill(name);
  }
  return page.locator('[data-testid="share-link"]').inputValue();
}
