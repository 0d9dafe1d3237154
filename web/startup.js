// Start-up watch, the first script in every page's <head>: puts `dc-js` and embed mode
// (`?embed=1`) on <html>, and turns the start-up line into a message saying why when the
// WASM app cannot start. It blocks the parse on purpose: over a real network the browser
// paints the part of the page it has parsed, and a page painted before these classes are on
// it shows the reading-only line, no buttons and, in a frame, the page chrome, and then
// jumps (docs/performance.md, "The start-up watch before the first paint again"). Running
// first, it is listening before anything of the app can fail. A classic script, so it runs
// (and can explain) where module scripts cannot; loaded without an integrity hash, since
// Chromium cannot check one on file://, which is where it most has to explain itself
// (docs/embedding.md).
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
  // The words of the start-up line and of the failure notice, in the page's language: the
  // prerender writes them into the page (`#dc-failure-words`, src/platform/failure.rs), after
  // the app element, so they are read only once the body is there (`whenReady`).
  var words = null;
  function word(name, values) {
    if (!words) {
      try {
        words = JSON.parse(byId('dc-failure-words').textContent);
      } catch (e) {
        // A page without its words (not built by `cargo xtask`): nothing better to say.
        return '';
      }
    }
    return fill(words[name] || '', values || {});
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
    // The app stopped while mounting, and the failure notice says so.
    if (byId('dc-failure')) {
      byId('dc-boot').hidden = true;
      return;
    }
    failed = true;
    say('dc-boot-why', word(why));
    say('dc-boot-todo', word(todo));
    if (detail) {
      say('dc-boot-detail', word('bootDetails', { detail: detail }));
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
        'bootFileProtocol',
        'bootFileProtocolTodo',
        detail
      );
    } else if (sawWasmBlocked || /Content.Security.Policy|unsafe-eval|\bCSP\b/i.test(detail || '')) {
      fail(
        'bootCsp',
        'bootCspTodo',
        detail
      );
    } else {
      fail(
        'bootLoadFailed',
        'bootLoadFailedTodo',
        detail
      );
    }
  }
  // --- The failure notice (docs/reliability.md, case 11) -------------------------------
  // The release WASM aborts on a panic without running any Rust code (`panic=immediate-abort`):
  // the module traps, and the trap reaches this page as a `WebAssembly.RuntimeError` in an
  // `error` or `unhandledrejection` event. From then on the module is dead and is never called
  // again: the notice is built here, with text nodes only, from the words the page carries
  // (`#dc-failure-words`, written by the prerender step from `src/platform/failure.rs`), the
  // progress saved in localStorage, and the answers the app had not saved yet, which it keeps
  // in `window.dcUnsaved` (src/storage/saver.rs). Downloads are `blob:` links made here.
  var KEY_PREFIX = 'decision-cards/';
  function isTrap(error) {
    return typeof WebAssembly === 'object' && typeof WebAssembly.RuntimeError === 'function' &&
      error instanceof WebAssembly.RuntimeError;
  }
  function node(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (text) el.textContent = text;
    return el;
  }
  // The same rule as `src/platform/failure.rs`' `file_stem`: a card id from a storage key,
  // which anything on this origin could have written, as a file name part.
  function fileStem(id) {
    return id.replace(/[^a-z0-9-]/g, '').slice(0, 80) || 'decision-card';
  }
  // `{name}` in a sentence of the page's words, replaced in one pass (a card id holding
  // braces stays as it is).
  function fill(sentence, values) {
    return String(sentence).replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all;
    });
  }
  function savedProgress() {
    var found = [];
    try {
      var storage = window.localStorage;
      for (var i = 0; i < storage.length; i++) {
        var key = storage.key(i);
        if (!key || key.indexOf(KEY_PREFIX) !== 0) continue;
        var id = key.slice(KEY_PREFIX.length);
        if (!id || id.indexOf('/') >= 0 || id.charAt(0) === '.') continue;
        var text = storage.getItem(key);
        if (text !== null) found.push([id, text]);
      }
    } catch (e) {
      // Blocked storage: nothing saved to offer.
    }
    return found.sort(function (a, b) {
      return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
    });
  }
  function unsavedDocuments() {
    var found = [];
    var all = window.dcUnsaved;
    if (!all || typeof all !== 'object') return found;
    for (var key in all) {
      if (Object.prototype.hasOwnProperty.call(all, key) && typeof all[key] === 'string') found.push([key, all[key]]);
    }
    return found.sort();
  }
  function addDownload(actions, name, text, label, testid) {
    try {
      var url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      var link = node('a', 'dc-failure-download', label);
      link.setAttribute('href', url);
      link.setAttribute('download', name);
      link.setAttribute('data-testid', testid);
      actions.appendChild(link);
    } catch (e) {
      // No Blob or object URLs: the notice still says what happened.
    }
  }
  function failure(detail) {
    if (byId('dc-failure')) return;
    // A page without the words (not built by `cargo xtask`): the general message.
    if (!word('title')) {
      explain(detail);
      return;
    }
    try {
      console.error('Decision Cards stopped after an internal error:', detail);
    } catch (e) {}
    var overlay = node('div', 'dc-root dc-failure');
    overlay.id = 'dc-failure';
    overlay.setAttribute('role', 'alert');
    overlay.setAttribute('data-testid', 'failure');
    var box = node('div', 'dc-failure-box');
    box.setAttribute('tabindex', '-1');
    overlay.appendChild(box);
    box.appendChild(node('h2', '', word('title')));
    box.appendChild(node('p', '', word('lead')));
    // On screen first; everything after this is best-effort.
    (document.body || document.documentElement).appendChild(overlay);
    try {
      box.focus();
    } catch (e) {}
    if (byId('dc-boot')) byId('dc-boot').hidden = true;
    var actions = node('div', 'dc-failure-actions');
    var unsaved = unsavedDocuments();
    if (unsaved.length > 0) {
      box.appendChild(node('p', '', word('unsaved')));
      unsaved.forEach(function (doc) {
        var rest = doc[0].indexOf(KEY_PREFIX) === 0 ? doc[0].slice(KEY_PREFIX.length) : doc[0];
        var workshop = /\/workshop$/.test(rest);
        var card = workshop ? rest.slice(0, -'/workshop'.length) : rest;
        var what = workshop ? 'workshop' : 'answers';
        var label = word(workshop ? 'unsavedWorkshop' : 'unsavedAnswers', { card: card });
        addDownload(actions, fileStem(card) + '-unsaved-' + what + '.json', doc[1], label, 'failure-unsaved');
      });
    }
    var saved = savedProgress();
    if (saved.length > 0) {
      box.appendChild(node('p', '', word('saved')));
      saved.forEach(function (doc) {
        addDownload(actions, fileStem(doc[0]) + '-saved-progress.json', doc[1], word('savedLabel', { card: doc[0] }), 'failure-saved');
      });
    } else if (unsaved.length === 0) {
      box.appendChild(node('p', '', word('nothing')));
    }
    var reload = node('a', '', word('reload'));
    reload.setAttribute('href', location.href);
    actions.appendChild(reload);
    box.appendChild(actions);
    var details = node('details');
    details.appendChild(node('summary', '', word('details')));
    details.appendChild(node('pre', '', detail));
    box.appendChild(details);
  }
  function trapped(error) {
    whenReady(function () {
      failure(String((error && error.stack) || error));
    });
  }

  // --- The page as one file (`#dc-offline`, below the app) -------------------------------
  // The single-file build of this very page (xtask/src/single.rs), made here when asked, so
  // that a host keeps one offline template per app instead of a copy of the WASM per card.
  // The template (the app's stylesheet, scripts and glue inline) gets, in its slots, this
  // page's title and language, the content of the elements that differ from page to page
  // (`@@dc-slot:#id@@`: markup, data, words), and the WASM as base64. Every file is
  // fetched with its integrity hash, which the build wrote on the line with the template's
  // address. The markup is the page as served, not as the app has changed it since: the app
  // takes it over again when the file is opened. Needs no WebAssembly: it is offered too
  // where a policy keeps the app from starting.
  var SLOT = /@@dc-slot:(#?[\w-]+)@@/g;
  function fetched(url, integrity, bytes) {
    return fetch(url, integrity ? { integrity: integrity } : {}).then(function (response) {
      if (!response.ok) throw new Error(url + ': ' + response.status + ' ' + response.statusText);
      return bytes ? response.arrayBuffer() : response.text();
    });
  }
  function base64(buffer) {
    var bytes = new Uint8Array(buffer);
    var chunks = [];
    for (var i = 0; i < bytes.length; i += 0x8000) {
      chunks.push(String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000)));
    }
    return btoa(chunks.join(''));
  }
  function escapeText(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  }
  // One pass, so that a slot's name written in the card's own text is never filled.
  function fillSlots(template, value) {
    var filled = {};
    return template.replace(SLOT, function (all, name) {
      if (filled[name]) throw new Error('the offline template is not one this page can fill');
      filled[name] = true;
      return value(name);
    });
  }
  function singleFile(page) {
    var doc = new DOMParser().parseFromString(page[0], 'text/html');
    var title = doc.querySelector('title');
    if (!title || !doc.getElementById('dc-app')) throw new Error('the page as served has no card in it');
    return fillSlots(page[1], function (name) {
      if (name === 'title') return escapeText(title.textContent);
      if (name === 'lang') return escapeText(doc.documentElement.lang).replace(/"/g, '&quot;');
      if (name === 'wasm') return base64(page[2]);
      var element = name.charAt(0) === '#' && doc.getElementById(name.slice(1));
      if (!element) throw new Error('the page as served has no ' + name);
      return element.innerHTML;
    });
  }
  function offerOneFile() {
    var line = byId('dc-offline');
    var button = byId('dc-offline-get');
    var status = byId('dc-offline-status');
    var attr = function (name) {
      return line.getAttribute('data-' + name);
    };
    if (!line || !button || !status || !attr('template') || !/^https?:$/.test(location.protocol)) return;
    if (typeof fetch !== 'function' || typeof DOMParser !== 'function' || typeof Blob !== 'function') return;
    line.hidden = false;
    button.addEventListener('click', function () {
      button.disabled = true;
      status.textContent = 'oneFileMaking';
      Promise.all([
        fetched(location.href.split('#')[0]),
        fetched(attr('template'), attr('template-integrity')),
        fetched(attr('wasm'), attr('wasm-integrity'), true)
      ])
        .then(function (parts) {
          var html = singleFile(parts);
          var url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
          var link = node('a');
          link.href = url;
          link.download = attr('file');
          document.body.appendChild(link);
          link.click();
          link.remove();
          setTimeout(function () {
            URL.revokeObjectURL(url);
          }, 60000);
          status.textContent = word('oneFileDone', { file: attr('file') });
        })
        .catch(function (e) {
          status.textContent = word('oneFileFailed', { why: (e && e.message) || e });
        })
        .then(function () {
          button.disabled = false;
        });
    });
  }
  whenReady(offerOneFile);

  if (typeof WebAssembly !== 'object' || !('noModule' in document.createElement('script'))) {
    fail(
      'bootNoWasm',
      'bootNoWasmTodo'
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
      if (isTrap(e.error)) {
        trapped(e.error);
      } else if (target && target.tagName === 'SCRIPT') {
        explain('could not load ' + (target.src || 'the app loader'));
      } else if (target === window || !target || !target.tagName) {
        explain(e.message || String(e.error || 'unknown error'));
      }
    },
    true
  );
  addEventListener('unhandledrejection', function (e) {
    var reason = e.reason;
    if (isTrap(reason)) {
      trapped(reason);
      return;
    }
    explain(reason && reason.message ? String(reason.message) : String(reason));
  });
})();
