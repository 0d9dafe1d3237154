// Keyboard only: the whole card, from the first Tab to the downloaded decision record,
// with no click and no scripted focus. Every control must be reached in document order
// (which is also reading order), once, with a visible focus indicator, and must not end up
// hidden behind the pinned verdict bar on narrow screens.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openPage, screenshot } from './lib/browser.mjs';
import { HEADLINE, openApp } from './lib/a11y.mjs';
import { reach } from './lib/card.mjs';
import { useBuild } from './lib/setup.mjs';

/**
 * Installs page helpers: a stable key per element, what the focused element is, and the
 * list of elements Tab should reach, in document order. An element's key is where it is in
 * the document (its tag and its place among its parent's elements, from the body down), so
 * a part of the page drawn anew when the reader reaches it (src/components/on_demand.rs)
 * keeps its controls' keys.
 */
async function installProbe(page) {
  await page.evaluate(() => {
    const key = (el) => {
      const steps = [];
      for (let at = el; at && at !== document.body; at = at.parentElement) {
        steps.push(`${at.tagName.toLowerCase()}${[...(at.parentElement?.children ?? [])].indexOf(at)}`);
      }
      return steps.reverse().join('/');
    };
    const visible = (el) => {
      if (el.closest('[inert]')) return false;
      const style = getComputedStyle(el);
      return el.getClientRects().length > 0 && style.visibility === 'visible';
    };
    const TABBABLE =
      'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable="true"]';
    window.__kb = {
      key,
      tabbables() {
        return [...document.querySelectorAll(TABBABLE)]
          .filter((el) => !el.disabled && el.tabIndex >= 0 && visible(el))
          // A summary is focusable only as the first summary of its details.
          .filter((el) => el.tagName !== 'SUMMARY' || el.parentElement?.tagName === 'DETAILS')
          // A group of radio buttons is one Tab stop: its checked button, or its first.
          .filter((el) => {
            if (el.type !== 'radio') return true;
            const group = [...document.querySelectorAll(`input[type="radio"][name="${el.name}"]`)];
            return el.checked || (!group.some((r) => r.checked) && group[0] === el);
          })
          .map(key);
      },
      active() {
        const el = document.activeElement;
        if (!el || el === document.body || el === document.documentElement) return null;
        // A visually hidden control (a file input inside its label) shows focus on its label.
        const own = el.getBoundingClientRect();
        const shown = own.width <= 2 || own.height <= 2 ? (el.labels?.[0] ?? el.parentElement) : el;
        const style = getComputedStyle(shown);
        const r = shown.getBoundingClientRect();
        const cx = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
        const cy = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
        const hit = document.elementFromPoint(cx, cy);
        const label = el.labels?.[0]?.textContent?.trim() ?? el.getAttribute('aria-label') ?? el.textContent.trim();
        return {
          key: key(el),
          tag: el.tagName.toLowerCase(),
          type: el.type ?? '',
          id: el.id,
          testid: el.dataset.testid ?? '',
          label: label.slice(0, 80),
          area: el.closest('#dc-factors, #dc-signals, #dc-evidence, #dc-questions, #dc-cost, #dc-record')?.id ?? '',
          importance: !!el.closest('.dc-importance'),
          open: el.tagName === 'SUMMARY' ? el.parentElement.open : undefined,
          checked: el.type === 'checkbox' ? el.checked : undefined,
          value: 'value' in el ? String(el.value) : '',
          valuetext: el.getAttribute('aria-valuetext') ?? '',
          outline: { style: style.outlineStyle, width: parseFloat(style.outlineWidth) || 0 },
          rect: { top: r.top, bottom: r.bottom, height: r.height },
          inViewport: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
          // The focused control (or its label, or something inside it) is what is on top.
          onTop: !!hit && (hit === shown || shown.contains(hit) || hit.contains(shown) || hit === el.labels?.[0] || !!el.labels?.[0]?.contains(hit)),
          coveredBy: hit && !(hit === shown || shown.contains(hit) || hit.contains(shown)) ? `${hit.tagName.toLowerCase()}.${[...hit.classList].join('.')}` : '',
        };
      },
    };
  });
}

const active = (page) => page.evaluate(() => window.__kb.active());

/** Asserts the focused control shows a clear focus indicator (an outline of 2px or more). */
function assertFocusVisible(stop) {
  assert.ok(
    stop.outline.style !== 'none' && stop.outline.width >= 2,
    `no visible focus indicator on ${stop.tag}#${stop.id} "${stop.label}" (outline ${stop.outline.style} ${stop.outline.width}px)`,
  );
  assert.ok(stop.inViewport, `focused ${stop.tag}#${stop.id} "${stop.label}" is outside the viewport`);
}

describe('keyboard only', () => {
  const env = useBuild();

  test('the whole card is completed and the record downloaded with Tab, arrows, Space and Enter', async () => {
    const { context, page, problems } = await openPage(env.browser, { viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    try {
      await openApp(page, env.cardUrl, HEADLINE);
      // The decide form is live once it comes near the screen, and then follows the verdict
      // (src/components/on_demand.rs), as the rest of the card does once the app is live:
      // the walk starts with the whole card live, as a reader who reads before answering.
      await reach(page, 'decide');
      await page.evaluate(() => scrollTo(0, 0));
      await installProbe(page);

      const visited = [];
      const done = { sliders: 0, importances: 0, statuses: 0, evidenceNotes: 0, questions: 0, signals: 0, pitfalls: 0, triggers: 0 };
      let markdown = null;
      let copied = null;
      let factorIndex = 0;
      let importanceIndex = 0;
      let statusIndex = 0;

      for (let presses = 0; presses < 600; presses += 1) {
        await page.keyboard.press('Tab');
        const stop = await active(page);
        if (!stop) break; // Tab has left the page.
        // A date field's day, month and year are Tab stops of one control.
        if (stop.type === 'date' && visited.at(-1) === stop.key) continue;
        if (visited.includes(stop.key)) break; // wrapped around to the start.
        visited.push(stop.key);
        assertFocusVisible(stop);

        if (stop.type === 'range') {
          const before = stop.valuetext;
          const key = factorIndex === 3 ? 'Home' : 'End';
          await page.keyboard.press(key);
          if (factorIndex === 1) {
            // One step back and forth with the arrows, too.
            await page.keyboard.press('ArrowLeft');
            await page.keyboard.press('ArrowRight');
          }
          const after = await active(page);
          assert.notEqual(after.valuetext, before, `slider ${stop.id} did not move with ${key}`);
          assert.match(after.valuetext, /^[A-Z][a-z]/, `slider ${stop.id} aria-valuetext is not in words: ${after.valuetext}`);
          factorIndex += 1;
          done.sliders += 1;
        } else if (stop.tag === 'select' && stop.importance) {
          const before = stop.value;
          // Arrows move the choice one step on a closed select; go whichever way is open.
          const options = await page.evaluate(() => document.activeElement.options.length);
          const at = Number(before);
          const down = at === 0 || (at < options - 1 && importanceIndex % 2 === 0);
          await page.keyboard.press(down ? 'ArrowDown' : 'ArrowUp');
          const after = await active(page);
          assert.notEqual(after.value, before, `importance ${stop.id} did not change`);
          importanceIndex += 1;
          done.importances += 1;
        } else if (stop.tag === 'select' && stop.area === 'dc-evidence') {
          await page.keyboard.press(statusIndex % 2 === 0 ? 'End' : 'ArrowDown');
          const after = await active(page);
          assert.notEqual(after.value, stop.value, `evidence status ${stop.id} did not change`);
          statusIndex += 1;
          done.statuses += 1;
        } else if (stop.tag === 'input' && stop.type === 'text' && stop.area === 'dc-evidence') {
          done.evidenceNotes += 1;
          await page.keyboard.type(`Evidence note ${done.evidenceNotes}`);
        } else if (stop.tag === 'textarea' && stop.area === 'dc-questions') {
          done.questions += 1;
          await page.keyboard.type(`Answer to question ${done.questions}`);
        } else if (stop.type === 'checkbox' && ['dc-signals', 'dc-cost'].includes(stop.area)) {
          assert.equal(stop.checked, false);
          await page.keyboard.press('Space');
          assert.equal((await active(page)).checked, true, `Space did not tick "${stop.label}"`);
          if (stop.area === 'dc-cost') done.triggers += 1;
          else if (await page.evaluate(() => !!document.activeElement.closest('.dc-pitfalls'))) done.pitfalls += 1;
          else done.signals += 1;
        } else if (stop.tag === 'button' && /^Copy Markdown$/.test(stop.label)) {
          await page.keyboard.press('Enter');
          await page.locator('#dc-record [role="status"]').filter({ hasText: /Cop/ }).waitFor({ timeout: 5_000 });
          copied = await page.evaluate(() => navigator.clipboard.readText());
        } else if (stop.testid === 'download-record') {
          const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
          markdown = await readFile(await download.path(), 'utf8');
        } else if (stop.tag === 'summary' && stop.area === 'dc-record' && !stop.open) {
          await page.keyboard.press('Enter');
          assert.equal((await active(page)).open, true, 'Enter did not open the record');
        }
      }

      // Every control was reached, once, in document order, and nothing else was.
      const expected = await page.evaluate(() => window.__kb.tabbables());
      assert.deepEqual(visited, expected, 'Tab order differs from document order (or missed controls)');

      // Everything the card asks was answered from the keyboard.
      const counts = await page.evaluate(() => ({
        sliders: document.querySelectorAll('#dc-factors input[type="range"]').length,
        importances: document.querySelectorAll('#dc-factors .dc-importance select').length,
        statuses: document.querySelectorAll('#dc-evidence select').length,
        evidenceNotes: document.querySelectorAll('#dc-evidence input[type="text"]').length,
        questions: document.querySelectorAll('#dc-questions textarea').length,
        signals: document.querySelectorAll('#dc-signals input[type="checkbox"]').length - document.querySelectorAll('#dc-signals .dc-pitfalls input[type="checkbox"]').length,
        pitfalls: document.querySelectorAll('#dc-signals .dc-pitfalls input[type="checkbox"]').length,
        triggers: document.querySelectorAll('#dc-cost input[type="checkbox"]').length,
      }));
      assert.deepEqual(done, counts);
      assert.ok(counts.sliders >= 5 && counts.questions >= 4 && counts.triggers >= 3, JSON.stringify(counts));

      // The record holds every answer.
      assert.ok(markdown, 'the record was not downloaded');
      assert.match(markdown, /^# Decision record: Model API vs Self-Hosted Model/);
      for (let i = 1; i <= counts.questions; i += 1) assert.match(markdown, new RegExp(`Answer to question ${i}\\b`));
      for (let i = 1; i <= counts.evidenceNotes; i += 1) assert.match(markdown, new RegExp(`\\| Evidence note ${i} \\|`));
      assert.match(markdown, /- Privacy: Points clearly to Self-Hosted Model \(importance \w+\)/);
      assert.match(markdown, /- Latency: Points clearly to Model API/);
      assert.match(markdown, /Signals observed:/);
      assert.match(markdown, /### Warnings: reasons that were set aside/);
      assert.doesNotMatch(markdown, /- \[ \]/, 'a re-look trigger is not marked');
      assert.match(markdown, /\| Gathered \|/);
      assert.match(markdown, /\| In progress \|/);

      // The copy button put the same record on the clipboard.
      assert.equal(copied, markdown);
      await screenshot(page, 'keyboard-complete');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('Shift+Tab walks the same controls backwards', async () => {
    const { context, page, problems } = await openPage(env.browser, { viewport: { width: 1280, height: 800 } });
    try {
      await openApp(page, env.cardUrl, HEADLINE);
      // As above: the whole card live, the decide form following the verdict.
      await reach(page, 'decide');
      await page.evaluate(() => scrollTo(0, 0));
      await installProbe(page);
      const forward = [];
      for (let i = 0; i < 600; i += 1) {
        await page.keyboard.press('Tab');
        const stop = await active(page);
        if (!stop || forward.includes(stop.key)) break;
        forward.push(stop.key);
      }
      // Past the last control focus leaves the page (or wraps to the first); Shift+Tab
      // comes back to the last control and then walks every control in reverse.
      const backward = [];
      for (let i = 0; i < 600; i += 1) {
        await page.keyboard.press('Shift+Tab');
        const stop = await active(page);
        if (!stop || backward.includes(stop.key)) break;
        backward.push(stop.key);
        if (stop.key === forward[0]) break;
      }
      assert.deepEqual(backward, [...forward].reverse());
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('reset asks first, with focus on the safe choice, and gives focus back', async () => {
    const { context, page, problems } = await openPage(env.browser, { viewport: { width: 1280, height: 800 } });
    try {
      await openApp(page, env.cardUrl, HEADLINE);
      await installProbe(page);
      // Set a factor, then go back up to the reset button in the header.
      for (let i = 0; i < 100 && (await active(page))?.id !== 'dc-f-privacy'; i += 1) await page.keyboard.press('Tab');
      await page.keyboard.press('End');
      for (let i = 0; i < 100 && (await active(page))?.label !== 'Reset answers…'; i += 1) await page.keyboard.press('Shift+Tab');
      let stop = await active(page);
      assert.equal(stop.label, 'Reset answers…');

      await page.keyboard.press('Enter');
      stop = await active(page);
      assert.equal(stop?.label, 'Cancel', 'focus moves to Cancel when reset asks');
      assertFocusVisible(stop);
      await page.keyboard.press('Enter');
      stop = await active(page);
      assert.equal(stop?.label, 'Reset answers…', 'Cancel gives focus back to the reset button');
      assert.equal(await page.locator('#dc-f-privacy').inputValue(), '2', 'Cancel kept the answers');

      await page.keyboard.press('Enter');
      await page.keyboard.press('Shift+Tab');
      assert.equal((await active(page)).label, 'Yes, clear all');
      await page.keyboard.press('Enter');
      assert.equal((await active(page))?.label, 'Reset answers…', 'focus returns after clearing');
      assert.equal(await page.locator('#dc-f-privacy').inputValue(), '0', 'the answers were cleared');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  for (const viewport of [
    { width: 390, height: 700 },
    { width: 320, height: 568 },
  ]) {
    test(`at ${viewport.width} px every focused control stays in view, not hidden by the pinned verdict`, async () => {
      const { context, page, problems } = await openPage(env.browser, { viewport });
      try {
        await openApp(page, env.cardUrl, HEADLINE);
        await installProbe(page);
        const seen = [];
        for (let i = 0; i < 600; i += 1) {
          await page.keyboard.press('Tab');
          const stop = await active(page);
          if (!stop || seen.includes(stop.key)) break;
          seen.push(stop.key);
          // Move every factor, so the pinned headline grows to its longest (the gate's).
          if (stop.type === 'range') await page.keyboard.press(stop.id === 'dc-f-ops-maturity' ? 'Home' : 'End');
          assertFocusVisible(stop);
          assert.ok(
            stop.onTop,
            `focused ${stop.tag}#${stop.id} "${stop.label}" is covered by ${stop.coveredBy} (top ${Math.round(stop.rect.top)}, bottom ${Math.round(stop.rect.bottom)})`,
          );
        }
        assert.ok(seen.length > 30, `only ${seen.length} controls reached`);
        assert.match(await page.locator(HEADLINE).textContent(), /capability .* is missing/);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }
});
