// Shared steps of the accessibility, keyboard and print tests: start the app, fill the
// whole card, run axe-core, measure horizontal overflow.

import { HEADLINE, LIVE } from './card.mjs';
import { AXE_PATH, DIST } from './paths.mjs';

export { AXE_PATH, DIST, HEADLINE };

/** The WCAG 2.2 A/AA rule sets every scan runs. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Opens `url` and waits until the app has taken the page over and `ready` shows. */
export async function openApp(page, url, ready = '.dc-root') {
  await page.goto(url);
  await page.locator(LIVE).waitFor({ state: 'attached', timeout: 20_000 });
  await page.locator(ready).first().waitFor({ state: 'visible', timeout: 20_000 });
}

/**
 * Answers every question of the card, the quick way (this is not the keyboard test):
 * a position for every factor and a non-default importance, every signal, bad reason,
 * anti-pattern and re-look trigger ticked, every evidence item given a status and a note,
 * every question a note, and the record opened. Leaves every warning of the verdict in view.
 */
export async function fillCard(page) {
  const sliders = page.locator('input[type="range"]');
  const count = await sliders.count();
  for (let i = 0; i < count; i += 1) {
    await sliders.nth(i).focus();
    await page.keyboard.press(i % 4 === 3 ? 'Home' : 'End');
  }
  const importances = page.locator('.dc-importance select');
  for (let i = 0; i < (await importances.count()); i += 1) {
    await importances.nth(i).selectOption({ index: i % 2 === 0 ? 3 : 1 });
  }
  const boxes = page.locator('.dc-main input[type="checkbox"]');
  for (let i = 0; i < (await boxes.count()); i += 1) await boxes.nth(i).check();
  const statuses = page.locator('.dc-evidence select');
  for (let i = 0; i < (await statuses.count()); i += 1) {
    await statuses.nth(i).selectOption({ index: 1 + (i % 2) });
  }
  const notes = page.locator('.dc-evidence input[type="text"]');
  for (let i = 0; i < (await notes.count()); i += 1) {
    await notes.nth(i).fill(`Evidence note ${i + 1}: owner, source and what it showed`);
  }
  const questions = page.locator('.dc-question textarea');
  for (let i = 0; i < (await questions.count()); i += 1) {
    await questions.nth(i).fill(`Answer ${i + 1}: a full sentence, long enough to wrap on a narrow screen.`);
  }
  const record = page.locator('.dc-record-preview');
  if ((await record.count()) > 0) await record.evaluate((d) => (d.open = true));
}

/**
 * Runs axe-core on the page for the WCAG 2.2 A/AA tags (or `tags`) and returns the
 * violations, each with the selectors and the first failure line of its nodes.
 */
export async function axeViolations(page, tags = WCAG_TAGS, rules = undefined) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: AXE_PATH });
  }
  const options = rules
    ? { runOnly: { type: 'rule', values: rules }, resultTypes: ['violations'] }
    : { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] };
  const result = await page.evaluate((opts) => window.axe.run(document, opts), options);
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')} — ${(n.failureSummary ?? '').split('\n').slice(1).join(' ').trim()}`),
  }));
}

/** Formats violations for an assertion message. */
export function describeViolations(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 8).join('\n  ')}`)
    .join('\n');
}

/** How far the page scrolls sideways, and the widest elements sticking out of the viewport. */
export function horizontalOverflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const excess = document.documentElement.scrollWidth - width;
    const culprits = [];
    if (excess > 0) {
      for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > width + 1) {
          culprits.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(r.right)}`);
        }
      }
    }
    return { width, excess, culprits: culprits.slice(0, 10) };
  });
}
