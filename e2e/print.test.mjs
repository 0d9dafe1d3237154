// Printing: the card, the user's answers, the verdict and the decision record, on light
// paper, without the controls' chrome. Checked in print emulation, then printed to PDF
// (e2e/artifacts/print.pdf) with a screenshot of the print layout (print-preview*.png).

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ARTIFACTS_DIR, openPage, screenshot } from './lib/browser.mjs';
import { HEADLINE, fillCard, openApp } from './lib/a11y.mjs';
import { useBuild } from './lib/setup.mjs';

/** What is shown and hidden in the current (print) media, as the page computes it. */
function printFacts(page) {
  return page.evaluate(() => {
    const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility === 'visible';
    const all = (selector) => [...document.querySelectorAll(selector)];
    const channel = (c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    const lum = (css) => {
      const [r, g, b] = css.match(/\d+(\.\d+)?/g).map(Number);
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const root = document.querySelector('.dc-root');
    return {
      text: root.innerText,
      textLuminance: lum(getComputedStyle(root).color),
      backgroundLuminance: lum(getComputedStyle(root).backgroundColor),
      chromeShown: all('.dc-root button, .dc-root input[type="range"], .dc-root input[type="text"], .dc-root textarea, .dc-root nav, .dc-root .dc-verdict-bar, .dc-root .dc-progress, .dc-root .dc-record-preview')
        .filter(shown)
        .map((el) => el.outerHTML.slice(0, 70)),
      outputsShown: all('.dc-factor output').filter(shown).length,
      outputs: all('.dc-factor output').length,
      selectsShown: all('.dc-root select').filter(shown).map((s) => ({
        text: s.selectedOptions[0]?.textContent,
        border: getComputedStyle(s).borderTopStyle,
        appearance: getComputedStyle(s).appearance,
      })),
      checkboxesShown: all('.dc-main input[type="checkbox"]').filter(shown).length,
      checkboxes: all('.dc-main input[type="checkbox"]').length,
      explanationShown: shown(document.querySelector('.dc-explanation')),
      recordBreak: getComputedStyle(document.querySelector('#dc-record')).breakBefore,
      verdictFirst:
        document.querySelector('.dc-verdict').getBoundingClientRect().top <
        document.querySelector('.dc-main').getBoundingClientRect().top,
    };
  });
}

describe('print', () => {
  const env = useBuild();

  for (const colorScheme of ['light', 'dark']) {
    test(`prints the card, the answers, the verdict and the full record on light paper (${colorScheme} screen)`, async () => {
      // About the width of an A4 page's printable area.
      const { context, page, problems } = await openPage(env.browser, { colorScheme, viewport: { width: 760, height: 1000 } });
      try {
        await openApp(page, env.cardUrl, HEADLINE);
        await fillCard(page);
        const headline = (await page.locator(HEADLINE).textContent()).trim();
        const notes = await page.locator('#dc-questions textarea').evaluateAll((els) => els.map((e) => e.value));
        const evidenceNotes = await page.locator('#dc-evidence input[type="text"]').evaluateAll((els) => els.map((e) => e.value));
        // Both folds closed: printing must not depend on what happens to be open on screen.
        await page.locator('.dc-record-preview').evaluate((d) => (d.open = false));
        await page.locator('.dc-why-details').evaluate((d) => (d.open = false));

        await page.emulateMedia({ media: 'print', colorScheme });
        const facts = await printFacts(page);

        assert.deepEqual(facts.chromeShown, [], 'controls and page chrome are hidden on paper');
        assert.ok(facts.textLuminance < 0.05 && facts.backgroundLuminance > 0.9, `dark text on light paper: ${JSON.stringify(facts)}`);
        // The card.
        for (const heading of ['Model API vs Self-Hosted Model', 'The decision', 'Key factors', 'Evidence needed', 'Questions to ask']) {
          assert.ok(facts.text.includes(heading), `"${heading}" is not printed`);
        }
        // The answers, as values: the slider's words, the chosen importance and status, the notes, the ticks.
        assert.equal(facts.outputsShown, facts.outputs, 'every factor prints its position in words');
        assert.match(facts.text, /Points clearly to Self-Hosted Model/);
        assert.ok(facts.selectsShown.length >= 9, 'importances and evidence statuses print their choice');
        for (const s of facts.selectsShown) {
          assert.equal(s.appearance, 'none', 'a select prints as its chosen value');
          assert.equal(s.border, 'none');
        }
        assert.equal(facts.checkboxesShown, facts.checkboxes, 'ticked and unticked items both print');
        for (const note of [...notes, ...evidenceNotes]) assert.ok(facts.text.includes(note), `note "${note}" is not printed`);
        // The verdict, first, with its explanation even when folded on screen.
        assert.ok(facts.text.includes(headline), 'the verdict headline is printed');
        assert.equal(facts.verdictFirst, true, 'the verdict prints before the card');
        assert.equal(facts.explanationShown, true, 'the verdict explanation prints even when folded');
        // The record, in full, on a page of its own, although its <details> is closed.
        assert.equal(await page.locator('[data-testid="print-record"]').isVisible(), true);
        assert.match(facts.text, /# Decision record: Model API vs Self-Hosted Model/);
        assert.match(facts.text, /## When to revisit/);
        assert.equal(facts.recordBreak, 'page');

        await screenshot(page, `print-preview-${colorScheme}`);
        const pdfPath = path.join(ARTIFACTS_DIR, `print-${colorScheme}.pdf`);
        await mkdir(ARTIFACTS_DIR, { recursive: true });
        await page.pdf({ path: pdfPath, format: 'A4', margin: { top: '14mm', bottom: '14mm', left: '12mm', right: '12mm' } });
        const pdf = await readFile(pdfPath, 'latin1');
        assert.ok(pdf.startsWith('%PDF-'), 'not a PDF');
        const pages = pdf.match(/\/Type\s*\/Page\b/g)?.length ?? 0;
        assert.ok(pages >= 3, `the PDF has ${pages} pages`);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }

  test('an empty card prints blank lines to write on, not placeholders', async () => {
    const { context, page } = await openPage(env.browser, { viewport: { width: 760, height: 1000 } });
    try {
      await openApp(page, env.cardUrl, HEADLINE);
      await page.emulateMedia({ media: 'print' });
      const facts = await printFacts(page);
      assert.deepEqual(facts.chromeShown, []);
      assert.doesNotMatch(facts.text, /Your answer(?!s)|Note: source, owner/, 'placeholders are not printed');
      const lines = await page.locator('.dc-print-value').evaluateAll((els) =>
        els.map((el) => ({ h: el.getBoundingClientRect().height, border: getComputedStyle(el).borderBottomStyle })),
      );
      assert.ok(lines.length >= 8, 'a line for every question and evidence note');
      for (const line of lines) {
        assert.ok(line.h >= 16, `a writing line is ${line.h}px high`);
        assert.notEqual(line.border, 'none');
      }
      await screenshot(page, 'print-preview-empty');
    } finally {
      await context.close();
    }
  });
});
