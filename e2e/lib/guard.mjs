// Request interception for the end-to-end tests: every request from a browser context
// that does not go to one of the allowed origins is aborted and recorded, so a test can
// assert that the widget never reaches another origin (no CDN, web font or analytics),
// and a machine with internet access behaves like one without.

/**
 * Routes every request of `context`: those to `allowed` origins (e.g.
 * 'http://127.0.0.1:1234', or 'file://' for local files) and to data:/blob: URLs go through; everything else is
 * aborted and its URL pushed onto the returned array.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string[]} allowed
 * @returns {Promise<string[]>} the blocked URLs (empty for a well-behaved page)
 */
export async function guardOrigins(context, allowed) {
  const blocked = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isAllowed(url, allowed)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  return blocked;
}

/** Whether `url` stays within `allowed` origins (or in the page, as data:/blob:). */
export function isAllowed(url, allowed) {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  // file:// URLs have no origin of their own ('null'); 'file://' in `allowed` lets them through.
  if (url.startsWith('file:')) return allowed.includes('file://');
  let origin;
  try {
    origin = new URL(url).origin;
  } catch {
    return false;
  }
  return allowed.includes(origin);
}

/** Records Content-Security-Policy violations on every page and frame of `context`. */
export async function recordCspViolations(context) {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}`);
    });
  });
}
