// Start-up watch, first in every page's <head>: puts embed mode (`?embed=1`) on <html>
// before the page is drawn, and turns the start-up line into a message saying why when the
// WASM app cannot start. A classic script, so it runs (and can explain) where module scripts
// cannot; loaded without an integrity hash, since Chromium cannot check one on file://,
// which is where it most has to explain itself (docs/embedding.md).
(function () {
  var failed = false;
  var sawWasmBlocked = false;
  // Script runs: the app is on its way, and the reading-only line need not show.
  document.documentElement.classList.add('dc-js');
  // The same rule as the app's `embed::embed_flag`: 1, true or yes.
  var embed = (new URLSearchParams(location.search).get('embed') || '').trim().toLowerCase();
  if (embed === '1' || embed === 'true' || embed === 'yes') {
    document.documentElement.classList.add('dc-embed');
  }
  function byId(id) {
    return document.getElementById(id);
  }
  // The start-up line is in the body, which may not be parsed yet.
  function whenReady(run) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', run);
    } else {
      run();
    }
  }
  function say(id, text) {
    var el = byId(id);
    if (el) el.textContent = text;
  }
  function fail(why, todo, detail) {
    whenReady(function () {
      show(why, todo, detail);
    });
  }
  function show(why, todo, detail) {
    // No block: the app is live, and its own messages take over from here.
    if (failed || !byId('dc-boot')) return;
    // The app stopped while mounting and has said so itself (src/panic.rs).
    if (byId('dc-failure')) {
      byId('dc-boot').hidden = true;
      return;
    }
    failed = true;
    say('dc-boot-why', why);
    say('dc-boot-todo', todo);
    if (detail) {
      say('dc-boot-detail', 'Details: ' + detail);
      byId('dc-boot-detail').hidden = false;
    }
    byId('dc-boot-loading').hidden = true;
    if (byId('dc-boot-slow')) byId('dc-boot-slow').hidden = true;
    byId('dc-boot-failed').hidden = false;
  }
  function explain(detail) {
    var singleFile = document.documentElement.getAttribute('data-build') === 'single-file';
    if (location.protocol === 'file:' && !singleFile) {
      fail(
        'It was opened from a file on disk (file://), and browsers do not let such a page load its program files.',
        'Open it through a web server (any static host, or run "python3 -m http.server" in this folder and open http://localhost:8000/), or use the single-file build (one .html file per card, in offline/), which works from disk.',
        detail
      );
    } else if (sawWasmBlocked || /Content.Security.Policy|unsafe-eval|\bCSP\b/i.test(detail || '')) {
      fail(
        "This page's Content-Security-Policy does not allow WebAssembly.",
        "Ask the site's administrators to add 'wasm-unsafe-eval' to the policy's script-src (the project's docs/csp.md has the whole policy), or open the card from a host that allows it.",
        detail
      );
    } else {
      fail(
        'Something it needs failed to load or run.',
        'Reload the page. If this keeps happening, check that every file of the build was copied to the host, or use a current version of Firefox, Chrome, Edge or Safari.',
        detail
      );
    }
  }
  if (typeof WebAssembly !== 'object' || !('noModule' in document.createElement('script'))) {
    fail(
      'This browser does not support WebAssembly or JavaScript modules.',
      'Open it in a current version of Firefox, Chrome, Edge or Safari.'
    );
    return;
  }
  addEventListener('securitypolicyviolation', function (e) {
    if (e.blockedURI === 'wasm-eval' || /wasm/.test(e.blockedURI || '')) sawWasmBlocked = true;
  });
  // Capture phase: a script element's load error does not bubble.
  addEventListener(
    'error',
    function (e) {
      var target = e.target;
      if (target && target.tagName === 'SCRIPT') {
        explain('could not load ' + (target.src || 'the app loader'));
      } else if (target === window || !target || !target.tagName) {
        explain(e.message || String(e.error || 'unknown error'));
      }
    },
    true
  );
  addEventListener('unhandledrejection', function (e) {
    var reason = e.reason;
    explain(reason && reason.message ? String(reason.message) : String(reason));
  });
})();
