// Accessibility of the release build in dist/: axe-core finds no WCAG 2.2 A/AA violation in
// the normal page, embed mode and the workshop view, in light and dark, with the card empty
// and fully filled; the landmarks, headings, labels, slider words and live regions are what
// a screen reader user needs; the layout reflows without sideways scrolling at 320 px and at
// 200% zoom; text is large enough for a projector; targets are at least 24 px.
//
// Screenshots land in e2e/artifacts/a11y-*.png for a person to look at.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot } from './lib/browser.mjs';
import { useBuild } from './lib/setup.mjs';
import { CARD } from './lib/card.mjs';
import { HEADLINE, axeViolations, describeViolations, fillCard, horizontalOverflow, openApp } from './lib/a11y.mjs';

/** The three ways the widget is shown; `present` tells whether this build has the mode. */
const MODES = [
  { name: 'page', url: (env) => env.cardUrl, present: () => true },
  {
    name: 'embed',
    url: (env) => `${env.cardUrl}?embed=1`,
    present: (page) => page.locator('html.dc-embed .dc-root').count().then((n) => n > 0),
  },
  {
    name: 'workshop',
    url: (env) => env.workshopUrl(),
    present: (page) => page.locator('.dc-root.dc-workshop').count().then((n) => n > 0),
  },
];

/**
 * Fills what the mode shows: the whole card on the page and in embed mode; in the workshop,
 * three participants' answers (made on the card page, brought in as share links).
 */
async function fill(page, mode, browser, server) {
  if (mode.name !== 'workshop') {
    await fillCard(page);
    return;
  }
  const links = await participantLinks(browser, server);
  await addParticipants(page, links);
}

/** Share links of three participants who answered differently (made once per run). */
let linksMade;
function participantLinks(browser, server) {
  linksMade ??= makeParticipantLinks(browser, server);
  return linksMade;
}

async function makeParticipantLinks(browser, server) {
  const links = [];
  for (let p = 0; p < 3; p += 1) {
    const { context, page } = await openPage(browser);
    try {
      await openApp(page, `${server.url}${CARD}.html`, HEADLINE);
      if (p === 0) await fillCard(page);
      else {
        const sliders = page.locator('input[type="range"]');
        for (let i = 0; i < (await sliders.count()); i += 1) {
          await sliders.nth(i).focus();
          await page.keyboard.press((i + p) % 2 === 0 ? 'Home' : 'End');
        }
      }
      links.push(await shareLink(page));
    } finally {
      await context.close();
    }
  }
  return links;
}

/** The share link of the answers on `page`, as the page itself makes it. */
async function shareLink(page) {
  const field = page.locator('[data-testid="share-link"]');
  if ((await field.count()) === 0) await page.locator('[data-testid="share-open"]').click();
  const value = await field.inputValue();
  assert.match(value, /#a=/, 'the share link carries no answers');
  return value;
}

/** Adds participants' links in the workshop view. */
async function addParticipants(page, links) {
  await page.locator('[data-testid="ws-links"]').fill(links.join('\n'));
  await page.locator('[data-testid="ws-add"]').click();
  await page.locator('[data-testid="ws-participant"]').nth(links.length - 1).waitFor({ timeout: 10_000 });
}

describe('accessibility', () => {
  const env = useBuild();

  for (const mode of MODES) {
    for (const colorScheme of ['light', 'dark']) {
      for (const filled of [false, true]) {
        const state = filled ? 'filled' : 'empty';
        test(`axe: no WCAG 2.2 A/AA violations, text at 7:1 — ${mode.name}, ${colorScheme}, ${state}`, async (t) => {
          const { context, page, problems } = await openPage(env.browser, {
            colorScheme,
            viewport: { width: 1280, height: 900 },
          });
          try {
            await openApp(page, mode.url(env));
            if (!(await mode.present(page))) {
              t.skip(`${mode.name} mode is not built yet`);
              return;
            }
            if (filled) await fill(page, mode, env.browser, env.server);
            const violations = await axeViolations(page);
            await screenshot(page, `a11y-${mode.name}-${colorScheme}-${state}`);
            assert.deepEqual(violations, [], describeViolations(violations));
            // Beyond AA, for washed-out projectors: text contrast of 7:1 (WCAG 1.4.6, AAA).
            const faint = await axeViolations(page, undefined, ['color-contrast-enhanced']);
            assert.deepEqual(faint, [], describeViolations(faint));
            assert.deepEqual(problems, []);
          } finally {
            await context.close();
          }
        });
      }
    }
  }

  for (const mode of MODES) {
    test(`landmarks, headings, labels and groups are in order — ${mode.name}, filled`, async (t) => {
      const { context, page } = await openPage(env.browser);
      try {
        await openApp(page, mode.url(env));
        if (!(await mode.present(page))) {
          t.skip(`${mode.name} mode is not built yet`);
          return;
        }
        await fill(page, mode, env.browser, env.server);
        const facts = await page.evaluate(() => {
          const root = document.querySelector('.dc-root');
          const headings = [...root.querySelectorAll('h1, h2, h3, h4, h5, h6')]
            .filter((h) => h.getClientRects().length > 0)
            .map((h) => Number(h.tagName[1]));
          const name = (el) => {
            const by = el.getAttribute('aria-labelledby');
            return (by ? document.getElementById(by)?.textContent : el.getAttribute('aria-label'))?.trim() ?? '';
          };
          return {
            mains: document.querySelectorAll('main, [role="main"]').length,
            banners: [...document.querySelectorAll('header')].filter((h) => !h.closest('main, aside, article, section, nav')).length,
            asides: [...document.querySelectorAll('aside')].map(name),
            navs: [...document.querySelectorAll('nav')].map(name),
            headings,
            skipped: headings.some((level, i) => i > 0 && level > headings[i - 1] + 1),
            h1: headings.filter((l) => l === 1).length,
            fieldsetsWithoutLegend: [...root.querySelectorAll('fieldset')].filter(
              (f) => !f.firstElementChild || f.firstElementChild.tagName !== 'LEGEND' || !f.firstElementChild.textContent.trim(),
            ).length,
            unlabelled: [...root.querySelectorAll('input, select, textarea')]
              .filter((el) => el.type !== 'hidden' && el.labels.length === 0 && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
              .map((el) => el.outerHTML.slice(0, 80)),
            sectionsUnnamed: [...root.querySelectorAll('section')].filter((s) => !name(s)).length,
            lang: document.documentElement.lang,
            title: document.title,
          };
        });
        assert.equal(facts.mains, 1, 'exactly one <main>');
        assert.equal(facts.banners, 1, 'exactly one banner <header>');
        if (mode.name !== 'workshop') {
          assert.deepEqual(facts.asides, ['Verdict'], 'the verdict is the one complementary landmark, named "Verdict"');
        }
        assert.ok(facts.navs.every((n) => n), 'every <nav> has a name');
        assert.equal(facts.h1, 1, 'exactly one <h1>');
        assert.equal(facts.skipped, false, `heading levels skip: ${facts.headings.join(' ')}`);
        assert.equal(facts.fieldsetsWithoutLegend, 0, 'every fieldset starts with a legend');
        assert.deepEqual(facts.unlabelled, [], 'every field has a label');
        assert.equal(facts.sectionsUnnamed, 0, 'every <section> is named by its heading');
        assert.equal(facts.lang, 'en');
        assert.ok(facts.title);
      } finally {
        await context.close();
      }
    });
  }

  test('sliders are native range inputs that speak in words; toggles expose their state', async () => {
    const { context, page } = await openPage(env.browser);
    try {
      await openApp(page, env.cardUrl, HEADLINE);
      const sliders = page.locator('.dc-factor input');
      const count = await sliders.count();
      assert.ok(count >= 5);
      for (let i = 0; i < count; i += 1) {
        const slider = sliders.nth(i);
        assert.equal(await slider.getAttribute('type'), 'range');
        const id = await slider.getAttribute('id');
        // The visible words are an <output> tied to the slider, and are the slider's value text.
        const output = page.locator(`output[for="${id}"]`);
        assert.equal(await output.count(), 1, `no <output for="${id}">`);
        const words = new Set();
        await slider.focus();
        await page.keyboard.press('Home');
        for (let step = 0; step < 5; step += 1) {
          const text = await slider.getAttribute('aria-valuetext');
          assert.match(text, /^[A-Z][a-z]+( [A-Za-z-]+)*$/, `aria-valuetext is not words: ${text}`);
          assert.equal((await output.textContent()).trim(), text);
          words.add(text);
          await page.keyboard.press('ArrowRight');
        }
        assert.equal(words.size, 5, `the five steps of ${id} need five different words`);
        await page.keyboard.press('Home');
      }
      // Checkboxes are native, so their state is the platform's own; the accessibility tree says so.
      const box = page.locator('label.dc-check', { hasText: 'Serving capability exists' }).locator('input');
      await box.check();
      const tree = await page.locator('#dc-signals').ariaSnapshot();
      assert.match(tree, /checkbox "Serving capability exists" \[checked\]/);
      assert.match(tree, /checkbox "Speed matters"(?! \[checked\])/);
      // A ticked bad reason is explained, and the explanation is tied to its checkbox.
      const pitfall = page.locator('.dc-pitfalls input').first();
      await pitfall.check();
      const describedBy = await pitfall.getAttribute('aria-describedby');
      assert.ok(await page.locator(`#${describedBy}`).isVisible());
    } finally {
      await context.close();
    }
  });

  test('the verdict announces changes politely, and typing a note does not touch any live region', async () => {
    const { context, page } = await openPage(env.browser);
    try {
      await openApp(page, env.cardUrl, HEADLINE);
      const liveRegions = () =>
        page.evaluate(() =>
          [
            ...document.querySelectorAll(
              '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"], [role="timer"], [role="marquee"], output:not([aria-live="off"])',
            ),
          ].map((el) => `${el.getAttribute('role') ?? el.tagName.toLowerCase()}[${el.getAttribute('aria-live') ?? ''}]: ${el.textContent.trim()}`),
        );
      const verdictLive = page.locator('[data-testid="verdict"] [aria-live="polite"]');
      assert.equal(await verdictLive.count(), 1, 'the verdict has one polite live region');
      assert.equal(await verdictLive.getAttribute('aria-atomic'), 'true');
      assert.ok(await verdictLive.locator(HEADLINE).count(), 'the headline is in the live region');

      const before = await liveRegions();
      await page.locator('#dc-questions textarea').first().click();
      await page.keyboard.type('We gain residency for the EU tenant', { delay: 15 });
      await page.locator('#dc-evidence input[type="text"]').first().click();
      await page.keyboard.type('Finance sheet', { delay: 15 });
      // Past the save debounce, too.
      await page.waitForTimeout(1_500);
      assert.deepEqual(await liveRegions(), before, 'typing in a note changed a live region');

      // A change of outcome does reach the live region.
      const first = await verdictLive.textContent();
      for (const id of ['privacy', 'control', 'economics']) {
        await page.locator(`#dc-f-${id}`).focus();
        await page.keyboard.press('End');
      }
      assert.notEqual(await verdictLive.textContent(), first);
    } finally {
      await context.close();
    }
  });

  test('dark mode follows prefers-color-scheme', async () => {
    const luminance = async (colorScheme) => {
      const { context, page } = await openPage(env.browser, { colorScheme });
      try {
        await openApp(page, env.cardUrl, HEADLINE);
        return await page.evaluate(() => {
          const channel = (c) => {
            const s = c / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          };
          const lum = (css) => {
            const [r, g, b] = css.match(/\d+(\.\d+)?/g).map(Number);
            return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
          };
          const root = getComputedStyle(document.querySelector('.dc-root'));
          return { bg: lum(root.backgroundColor), text: lum(root.color), scheme: root.colorScheme };
        });
      } finally {
        await context.close();
      }
    };
    const light = await luminance('light');
    const dark = await luminance('dark');
    assert.ok(light.bg > 0.8 && light.text < 0.05, JSON.stringify(light));
    assert.ok(dark.bg < 0.05 && dark.text > 0.7, JSON.stringify(dark));
    assert.equal(dark.scheme, 'dark', 'form controls follow the dark scheme too');
  });

  for (const colorScheme of ['light', 'dark']) {
    test(`field outlines and the focus ring stand out at 3:1 or more (WCAG 1.4.11) — ${colorScheme}`, async () => {
      const { context, page } = await openPage(env.browser, { colorScheme });
      try {
        await openApp(page, env.cardUrl, HEADLINE);
        const low = await page.evaluate(() => {
          const channel = (c) => {
            const s = c / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          };
          const rgba = (css) => css.match(/[\d.]+/g).map(Number);
          const lum = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
          const ratio = (a, b) => {
            const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
            return (x + 0.05) / (y + 0.05);
          };
          // The colour behind an element: the nearest opaque background.
          const behind = (el) => {
            for (let e = el.parentElement; e; e = e.parentElement) {
              const c = rgba(getComputedStyle(e).backgroundColor);
              if (c.length < 4 || c[3] > 0) return c;
            }
            return [255, 255, 255];
          };
          const out = [];
          const fields = document.querySelectorAll('.dc-root :is(select, input[type="text"], textarea)');
          for (const el of fields) {
            if (el.getClientRects().length === 0) continue;
            const r = ratio(rgba(getComputedStyle(el).borderTopColor), behind(el));
            if (r < 3) out.push(`${el.tagName.toLowerCase()}#${el.id} border ${r.toFixed(2)}:1`);
          }
          // The focus ring, from the stylesheet's own :focus-visible colour.
          const probe = document.querySelector('.dc-main select');
          probe.focus();
          const ring = rgba(getComputedStyle(probe).outlineColor);
          for (const el of [probe.closest('.dc-section'), document.querySelector('.dc-root')]) {
            const bg = rgba(getComputedStyle(el).backgroundColor);
            const r = ratio(ring, bg);
            if (r < 3) out.push(`focus ring on ${el.className} ${r.toFixed(2)}:1`);
          }
          return out;
        });
        assert.deepEqual(low, []);
      } finally {
        await context.close();
      }
    });
  }

  test('prefers-reduced-motion: nothing moves', async () => {
    const { context, page } = await openPage(env.browser, { reducedMotion: 'reduce' });
    try {
      await openApp(page, env.cardUrl, HEADLINE);
      await fillCard(page);
      const moving = await page.evaluate(() =>
        [...document.querySelectorAll('.dc-root, .dc-root *')]
          .filter((el) => {
            const s = getComputedStyle(el);
            const seconds = (v) => Math.max(...v.split(',').map((x) => parseFloat(x) || 0));
            return seconds(s.transitionDuration) > 0 || (s.animationName !== 'none' && seconds(s.animationDuration) > 0) || s.scrollBehavior === 'smooth';
          })
          .map((el) => el.className),
      );
      assert.deepEqual(moving, []);
      assert.deepEqual(await page.evaluate(() => document.getAnimations().length), 0);
    } finally {
      await context.close();
    }
  });

  // 320 CSS px is WCAG 1.4.10's reflow width; 640 px is a 1280 px window at 200% zoom.
  for (const width of [320, 640]) {
    for (const mode of MODES) {
      test(`no horizontal scrolling at ${width} px — ${mode.name}, empty and filled`, async (t) => {
        const { context, page, problems } = await openPage(env.browser, { viewport: { width, height: 800 } });
        try {
          await openApp(page, mode.url(env));
          if (!(await mode.present(page))) {
            t.skip(`${mode.name} mode is not built yet`);
            return;
          }
          const empty = await horizontalOverflow(page);
          assert.equal(empty.excess, 0, `scrolls sideways by ${empty.excess} px: ${empty.culprits.join(', ')}`);
          await fill(page, mode, env.browser, env.server);
          const filled = await horizontalOverflow(page);
          assert.equal(filled.excess, 0, `scrolls sideways by ${filled.excess} px when filled: ${filled.culprits.join(', ')}`);
          await screenshot(page, `a11y-${mode.name}-${width}px`);
          assert.deepEqual(problems, []);
        } finally {
          await context.close();
        }
      });
    }
  }

  test('wider text spacing (WCAG 1.4.12) loses nothing at 320 px', async () => {
    const { context, page, problems } = await openPage(env.browser, { viewport: { width: 320, height: 800 } });
    try {
      await openApp(page, env.cardUrl, HEADLINE);
      await fillCard(page);
      await page.addStyleTag({
        content: `.dc-root * { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
                  .dc-root p { margin-bottom: 2em !important; }`,
      });
      const overflow = await horizontalOverflow(page);
      assert.equal(overflow.excess, 0, `scrolls sideways by ${overflow.excess} px: ${overflow.culprits.join(', ')}`);
      const clipped = await page.evaluate(() =>
        [...document.querySelectorAll('.dc-root *')]
          .filter((el) => {
            const s = getComputedStyle(el);
            const hides = (v) => v === 'hidden' || v === 'clip';
            return (
              el.getClientRects().length > 0 &&
              // Fields scroll their own value, as they do at any spacing.
              !el.matches('input, textarea, select') &&
              !el.closest('svg, .dc-sr') &&
              ((hides(s.overflowX) && el.scrollWidth > el.clientWidth + 1) || (hides(s.overflowY) && el.scrollHeight > el.clientHeight + 1))
            );
          })
          .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`),
      );
      assert.deepEqual(clipped, [], 'text is cut off');
      await screenshot(page, 'a11y-page-text-spacing-320px');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  for (const mode of MODES) {
    test(`legible on a projector: body text at least 16 px, nothing under 14 px — ${mode.name}, filled`, async (t) => {
      const { context, page } = await openPage(env.browser, { viewport: { width: 1280, height: 900 } });
      try {
        await openApp(page, mode.url(env));
        if (!(await mode.present(page))) {
          t.skip(`${mode.name} mode is not built yet`);
          return;
        }
        await fill(page, mode, env.browser, env.server);
        const sizes = await page.evaluate(() => {
          const ownText = (el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
          const small = [];
          const body = [];
          for (const el of document.querySelectorAll('.dc-root *')) {
            // Text inside SVG figures scales with the figure; its words are repeated as text beside it.
            if (!ownText(el) || el.closest('svg') || el.getClientRects().length === 0) continue;
            const size = parseFloat(getComputedStyle(el).fontSize);
            const what = `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (${size}px): ${el.textContent.trim().slice(0, 40)}`;
            if (size < 14) small.push(what);
            // The card's text and the answers: paragraphs, list items, labels, legends, fields.
            const isBody = el.matches(
              '.dc-main p:not(.dc-blurb, .dc-option-letter), .dc-main li, .dc-main label, .dc-main legend, .dc-main :is(input, select, textarea), .dc-headline, .dc-explanation p, .dc-explanation li',
            );
            if (isBody && size < 16) body.push(what);
          }
          return { root: parseFloat(getComputedStyle(document.querySelector('.dc-root')).fontSize), small, body };
        });
        assert.ok(sizes.root >= 16, `root font size ${sizes.root}px`);
        // The workshop is a facilitator's dashboard of counts and plots; its floor is 14 px.
        if (mode.name !== 'workshop') assert.deepEqual(sizes.body, [], 'body text under 16 px');
        assert.deepEqual(sizes.small, [], 'text under 14 px');
      } finally {
        await context.close();
      }
    });
  }

  for (const mode of MODES) {
    test(`every control offers a target of at least 24 × 24 px — ${mode.name}`, async (t) => {
      for (const width of [1280, 320]) {
        const { context, page } = await openPage(env.browser, { viewport: { width, height: 900 } });
        try {
          await openApp(page, mode.url(env));
          if (!(await mode.present(page))) {
            t.skip(`${mode.name} mode is not built yet`);
            return;
          }
          await fill(page, mode, env.browser, env.server);
          const small = await page.evaluate(() =>
            [...document.querySelectorAll('.dc-root :is(a[href], button, input, select, textarea, summary)')]
              .filter((el) => el.getClientRects().length > 0)
              // A wrapping label is part of its control's target; a link inside a sentence is exempt.
              .map((el) => ({ el, box: (el.closest('label') ?? el).getBoundingClientRect() }))
              .filter(({ el }) => !(el.tagName === 'A' && el.closest('p, li')))
              .filter(({ box }) => box.width < 24 || box.height < 24)
              .map(
                ({ el, box }) =>
                  `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || el.id).trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`,
              ),
          );
          assert.deepEqual(small, [], `at ${width} px`);
        } finally {
          await context.close();
        }
      }
    });
  }

});
