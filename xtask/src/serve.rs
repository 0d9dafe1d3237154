//! `cargo xtask serve`: the authoring loop. Builds the site in the dev profile into
//! `target/serve/` (the steps [`dist::apps`], [`dist::pages`], [`dist::assemble`]), serves it at `http://127.0.0.1:8080/`, and
//! on every saved change builds again and reloads the open pages:
//!
//! - a change under `content/` only renders the pages again ([`dist::pages`], about a
//!   second): the WASM reads its card from the page, so it stays as it is;
//! - any other watched change ([`WATCHED`]: the app's and the core's Rust, the style, the
//!   shells, `web/`, the manifests) builds both apps with Trunk first ([`dist::apps`]).
//!
//! A failed build (a card with errors, Rust that does not compile) does not stop the server:
//! its errors stream to the terminal, and every page is served as an error page listing them
//! until a change builds again; then the pages come back by themselves.
//!
//! The server is a small one of its own (the standard library's `TcpListener`, one thread
//! per connection), because the pages are prerendered after Trunk has built the apps, which
//! `trunk serve` knows nothing of (docs/architecture.md says why in full). Each HTML page it
//! serves gains one `<script src="/_dev/reload.js">`: a file, not inline code, so nothing is
//! added that the pages' Content-Security-Policy would have to allow. The script listens to
//! `/_dev/events` (Server-Sent Events), where the server announces each finished build; the
//! files on disk, like `dist/`, never hold it.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::{mpsc, Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use notify::{Event, EventKind, RecursiveMode, Watcher};

use crate::dist::{self, rel, Profile};
use crate::setup;
use crate::util::{banner, Ctx, Result};

/// Where the dev build goes, so that `dist/` keeps the release build.
const OUT: &str = "target/serve";
const DEFAULT_PORT: u16 = 8080;
/// What is watched, relative to the repository root: folders (with everything in them) and
/// files. Anything else (`target/`, `node_modules/`, test output) never starts a build.
const WATCHED: &[&str] = &[
    "content",
    "src",
    "crates",
    "style",
    "web",
    "index.html",
    "workshop.html",
    "library.html",
    "Cargo.toml",
    "Trunk.toml",
];
/// The folder whose changes need the pages rendered again, and nothing else.
const CONTENT: &str = "content";
/// How long a change waits for the saves that come with it to settle (an editor may write a
/// file in several steps; a checkout writes many files).
const SETTLE: Duration = Duration::from_millis(150);
/// How often an idle event stream says it is still there: a tab that has gone is noticed
/// (the write fails) and its thread ends.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// The reload script, served as `/_dev/reload.js`.
const RELOAD_JS: &str = "\
// cargo xtask serve: reloads this page when a build has finished (never part of dist/).
// The server says which build each page was served from; any other build means reload.
(() => {
  const served = document.currentScript.dataset.build;
  const events = new EventSource('/_dev/events');
  events.onmessage = (event) => {
    if (event.data !== served) location.reload();
  };
})();
";

/// What a change needs rebuilt; the larger includes the smaller.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Rebuild {
    /// The pages only: the prerender step.
    Pages,
    /// Both apps with Trunk, then the pages.
    Apps,
}

/// The last build, as the server and the event streams see it.
struct Status {
    /// Names the build the pages come from: unique per run of `serve` and per build, so a
    /// page from before a restart reloads too.
    build: String,
    /// The failed build's errors, shown instead of every page until a build succeeds.
    errors: Option<String>,
}

struct Shared {
    status: Mutex<Status>,
    /// Notified when `status` changes.
    changed: Condvar,
}

impl Shared {
    fn new(build: String) -> Shared {
        Shared { status: Mutex::new(Status { build, errors: None }), changed: Condvar::new() }
    }

    fn status(&self) -> MutexGuard<'_, Status> {
        self.status.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A build has finished: the pages reload, to the site or to its errors.
    fn finished(&self, build: String, errors: Option<String>) {
        *self.status() = Status { build, errors };
        self.changed.notify_all();
    }
}

pub fn run(ctx: &Ctx, args: &[String]) -> Result<()> {
    let port = parse_args(args)?;
    setup::base(ctx)?;
    let ctx = ctx.keeping_stderr();
    let out = ctx.root.join(OUT);
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e} (another port: --port N)"))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let run_id = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or(0);
    let shared = Arc::new(Shared::new(format!("{run_id:x}-0")));

    // Watching starts before the first build, so that nothing saved during it is missed.
    let root = ctx.root.canonicalize().map_err(|e| format!("{}: {e}", ctx.root.display()))?;
    let (tx, changes) = mpsc::channel::<notify::Result<Event>>();
    let mut watcher = notify::recommended_watcher(tx).map_err(|e| format!("cannot watch files: {e}"))?;
    // Files are watched through their folder (the root): an editor that saves by writing a
    // new file and renaming it over the old one would end a watch on the file itself.
    let mut watch = |path: &Path, mode| {
        watcher.watch(path, mode).map_err(|e| format!("cannot watch {}: {e}", path.display()))
    };
    watch(&root, RecursiveMode::NonRecursive)?;
    for name in WATCHED {
        let path = root.join(name);
        if path.is_dir() {
            watch(&path, RecursiveMode::Recursive)?;
        }
    }

    let serving = Arc::clone(&shared);
    let served = out.clone();
    std::thread::spawn(move || accept(&listener, &served, &serving));
    let url = format!("http://{address}/");
    let watched: Vec<String> = WATCHED
        .iter()
        .map(|w| if root.join(w).is_dir() { format!("{w}/") } else { (*w).to_owned() })
        .collect();
    println!("\nserving {} at {url}", rel(&ctx.root, &out));
    println!("watching {}", watched.join(", "));
    println!("a change under content/ renders the pages again; any other builds the apps first");

    let mut need = Rebuild::Apps;
    let mut apps_built = false;
    for count in 1u64.. {
        // Pages alone need shells to render into: after a failed app build, the apps first.
        let what = if apps_built { need } else { Rebuild::Apps };
        let started = Instant::now();
        banner(match what {
            Rebuild::Pages => "content changed: rendering the pages (the apps stay as they are)",
            Rebuild::Apps => "building the apps (dev profile) and rendering the pages",
        });
        let result = build(&ctx, what, &out, &mut apps_built);
        let seconds = started.elapsed().as_secs_f64();
        match &result {
            Ok(()) => println!("\nbuilt in {seconds:.1}s; open pages reload: {url}"),
            Err(_) => println!(
                "\nbuild failed after {seconds:.1}s (the errors are above, and in the page); \
                 waiting for a change"
            ),
        }
        shared.finished(format!("{run_id:x}-{count}"), result.err());
        need = next_change(&changes, &root)?;
    }
    Ok(())
}

fn parse_args(args: &[String]) -> Result<u16> {
    match args {
        [] => Ok(DEFAULT_PORT),
        [flag, port] if flag == "--port" => port.parse().map_err(|_| format!("not a port: {port}")),
        _ => Err(format!("serve takes only --port N, not: {}", args.join(" "))),
    }
}

/// The steps of the site's build that `what` needs, in the dev profile.
fn build(ctx: &Ctx, what: Rebuild, out: &Path, apps_built: &mut bool) -> Result<()> {
    if what == Rebuild::Apps {
        *apps_built = false;
        dist::apps(ctx, Profile::Dev)?;
        *apps_built = true;
    }
    dist::pages(ctx, &ctx.root.join(CONTENT))?;
    dist::assemble(ctx, out)
}

/// Waits for the next change that needs a build, then for the changes that come with it to
/// settle, and says what they need. Changes saved during the last build are waiting already,
/// and go into this one.
fn next_change(changes: &mpsc::Receiver<notify::Result<Event>>, root: &Path) -> Result<Rebuild> {
    let mut changed = Vec::new();
    let mut need = loop {
        let event = changes.recv().map_err(|_| "the file watcher stopped")?;
        if let Some(what) = needs(event, root, &mut changed) {
            break what;
        }
    };
    while let Ok(event) = changes.recv_timeout(SETTLE) {
        need = need.max(needs(event, root, &mut changed).unwrap_or(need));
    }
    println!("\nchanged: {}", changed.join(", "));
    Ok(need)
}

/// What one event from the watcher needs, if anything; the paths that need it go to `changed`.
fn needs(event: notify::Result<Event>, root: &Path, changed: &mut Vec<String>) -> Option<Rebuild> {
    let event = match event {
        Ok(event) => event,
        // Changes were lost (the system's queue overflowed): build everything.
        Err(e) => {
            changed.push(format!("unknown (the file watcher missed changes: {e})"));
            return Some(Rebuild::Apps);
        }
    };
    // Reading a file is no change: the build itself opens every source, and the watcher
    // reports each open.
    if !matches!(event.kind, EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)) {
        return None;
    }
    let what = rebuild_for(root, &event.paths)?;
    for path in &event.paths {
        let path = rel(root, path);
        if !changed.contains(&path) {
            changed.push(path);
        }
    }
    Some(what)
}

/// What the changed `paths` (absolute, under `root`) need; `None` when nothing watched
/// changed. Hidden files and editor backups (`.x.swp`, `x~`) are not changes.
fn rebuild_for(root: &Path, paths: &[PathBuf]) -> Option<Rebuild> {
    let mut need = None;
    for path in paths {
        let Ok(relative) = path.strip_prefix(root) else { continue };
        let name = relative.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.is_empty() || name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        let Some(Component::Normal(first)) = relative.components().next() else { continue };
        let Some(first) = first.to_str().filter(|f| WATCHED.contains(f)) else { continue };
        need = need.max(Some(if first == CONTENT { Rebuild::Pages } else { Rebuild::Apps }));
    }
    need
}

/// Serves each connection on a thread of its own, for as long as the process runs.
fn accept(listener: &TcpListener, out: &Path, shared: &Arc<Shared>) {
    for stream in listener.incoming().flatten() {
        let (out, shared) = (out.to_path_buf(), Arc::clone(shared));
        std::thread::spawn(move || {
            // A browser that goes away mid-answer is no error of the site's.
            let _ = respond(stream, &out, &shared);
        });
    }
}

/// Answers one request: a file of `out`, an HTML page with the reload script, the error
/// page, the reload script, or the event stream.
fn respond(stream: TcpStream, out: &Path, shared: &Shared) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim_end().is_empty() {
            break;
        }
    }
    let mut parts = request.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let mut stream = stream;
    if method != "GET" && method != "HEAD" {
        return send(&mut stream, "405 Method Not Allowed", "text/plain", b"GET or HEAD only\n", false);
    }
    let head = method == "HEAD";
    let path = target.split(['?', '#']).next().unwrap_or("/");
    match path {
        "/_dev/reload.js" => send(&mut stream, "200 OK", "text/javascript", RELOAD_JS.as_bytes(), head),
        "/_dev/events" => events(stream, shared),
        _ => {
            let (code, kind, body) = page(out, path, &shared.status());
            send(&mut stream, code, kind, &body, head)
        }
    }
}

/// The answer to a request for `path` in `out`: status line, content type, body.
fn page(out: &Path, path: &str, status: &Status) -> (&'static str, &'static str, Vec<u8>) {
    let Some(mut file) = decode(path).and_then(|p| inside(out, &p)) else {
        return ("404 Not Found", "text/plain", b"not found\n".to_vec());
    };
    if file.is_dir() {
        file = file.join("index.html");
    }
    let kind = mime(&file);
    let html = kind.starts_with("text/html");
    if html {
        if let Some(errors) = &status.errors {
            return ("500 Internal Server Error", kind, error_page(errors, &status.build).into_bytes());
        }
    }
    match std::fs::read(&file) {
        Ok(body) if html => {
            ("200 OK", kind, with_reload(&String::from_utf8_lossy(&body), &status.build).into_bytes())
        }
        Ok(body) => ("200 OK", kind, body),
        // A page that is not there (a card renamed) comes back once a build makes it.
        Err(_) if html => (
            "404 Not Found",
            kind,
            with_reload(
                "<!doctype html><title>Not found</title><p>No such page in this build.</p>",
                &status.build,
            )
            .into_bytes(),
        ),
        Err(_) => ("404 Not Found", "text/plain", b"not found\n".to_vec()),
    }
}

fn send(stream: &mut TcpStream, code: &str, kind: &str, body: &[u8], head: bool) -> std::io::Result<()> {
    let header = format!(
        "HTTP/1.1 {code}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// The event stream of one open page: the current build at once, then each next one.
fn events(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\r\n",
    )?;
    let mut told = String::new();
    loop {
        let build = {
            let status = shared.status();
            let (status, _) = shared
                .changed
                .wait_timeout_while(status, KEEPALIVE, |s| s.build == told)
                .unwrap_or_else(PoisonError::into_inner);
            status.build.clone()
        };
        if build == told {
            stream.write_all(b": still serving\n\n")?;
        } else {
            stream.write_all(format!("data: {build}\n\n").as_bytes())?;
            told = build;
        }
        stream.flush()?;
    }
}

/// `html` with the reload script, told which build it is from, at the end of its head.
fn with_reload(html: &str, build: &str) -> String {
    let script = format!("<script src=\"/_dev/reload.js\" data-build=\"{build}\"></script>");
    match html.find("</head>") {
        Some(at) => format!("{}{script}{}", &html[..at], &html[at..]),
        None => format!("{html}{script}"),
    }
}

/// The page served instead of every page while the last build has failed.
fn error_page(errors: &str, build: &str) -> String {
    let escaped = errors.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    with_reload(
        &format!(
            "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>Build failed \u{b7} cargo xtask serve</title>\n</head>\n<body>\n\
             <h1>The build failed</h1>\n<p>Nothing is served until it builds again: fix what \
             is below and save, and this page reloads by itself. The terminal running \
             <code>cargo xtask serve</code> shows the same.</p>\n<pre id=\"dc-build-errors\">{escaped}</pre>\n\
             </body>\n</html>\n"
        ),
        build,
    )
}

/// A URL path with its `%XX` escapes decoded; `None` when they do not decode to UTF-8.
fn decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The file a decoded URL path names in `out`; `None` for anything that would leave it.
fn inside(out: &Path, path: &str) -> Option<PathBuf> {
    let relative = Path::new(path.trim_start_matches('/'));
    relative.components().all(|c| matches!(c, Component::Normal(_))).then(|| out.join(relative))
}

fn mime(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" | "toml" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn content_alone_renders_the_pages_and_anything_else_builds_the_apps() {
        let root = Path::new("/repo");
        let need =
            |paths: &[&str]| rebuild_for(root, &paths.iter().map(|p| root.join(p)).collect::<Vec<_>>());
        assert_eq!(need(&["content/build-vs-buy.toml"]), Some(Rebuild::Pages));
        assert_eq!(need(&["content/a.toml", "content/b.toml"]), Some(Rebuild::Pages));
        for app in [
            "src/lib.rs",
            "crates/core/src/engine.rs",
            "style/main.css",
            "web/startup.js",
            "index.html",
            "Cargo.toml",
        ] {
            assert_eq!(need(&["content/a.toml", app]), Some(Rebuild::Apps), "{app}");
        }
        for ignored in [
            "target/serve/index.html",
            "node_modules/x.js",
            "Cargo.lock",
            "e2e/x.mjs",
            "content/.a.toml.swp",
            "src/lib.rs~",
            "README.md",
        ] {
            assert_eq!(need(&[ignored]), None, "{ignored}");
        }
        assert_eq!(rebuild_for(root, &[PathBuf::from("/elsewhere/content/a.toml")]), None);
    }

    #[test]
    fn reads_are_no_change_and_the_saves_of_one_edit_make_one_build() {
        use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, ModifyKind, RemoveKind};
        let root = Path::new("/repo");
        let (tx, rx) = mpsc::channel();
        let send = |kind, path: &str| tx.send(Ok(Event::new(kind).add_path(root.join(path)))).unwrap();
        let saved = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        send(EventKind::Access(AccessKind::Open(AccessMode::Any)), "src/lib.rs");
        send(EventKind::Access(AccessKind::Close(AccessMode::Read)), "style/main.css");
        send(saved, "content/a.toml");
        send(EventKind::Create(CreateKind::File), "target/serve/a.html");
        assert_eq!(next_change(&rx, root).unwrap(), Rebuild::Pages);
        send(saved, "content/a.toml");
        send(EventKind::Remove(RemoveKind::File), "src/old.rs");
        assert_eq!(next_change(&rx, root).unwrap(), Rebuild::Apps);
        send(saved, "content/a.toml");
        tx.send(Err(notify::Error::generic("queue overflow"))).unwrap();
        assert_eq!(next_change(&rx, root).unwrap(), Rebuild::Apps, "lost changes build everything");
        drop(tx);
        assert!(next_change(&rx, root).is_err(), "a watcher that stopped ends the loop");
    }

    #[test]
    fn pages_gain_the_reload_script_at_the_end_of_their_head() {
        assert_eq!(
            with_reload("<html><head><title>t</title></head><body></body></html>", "b1"),
            "<html><head><title>t</title><script src=\"/_dev/reload.js\" data-build=\"b1\"></script></head><body></body></html>"
        );
        assert!(with_reload("<p>no head", "b2").ends_with("data-build=\"b2\"></script>"));
    }

    #[test]
    fn the_error_page_shows_the_errors_as_text() {
        let page = error_page("content/a.toml: factor <b> & \"c\" is missing", "b3");
        assert!(page.contains("content/a.toml: factor &lt;b&gt; &amp; \"c\" is missing"), "{page}");
        assert!(page.contains("data-build=\"b3\""));
        assert!(!page.contains("<b>"));
    }

    #[test]
    fn serves_only_files_inside_its_folder() {
        let out = Path::new("/srv");
        assert_eq!(decode("/a%20b.html").as_deref(), Some("/a b.html"));
        assert_eq!(decode("/bad%zz"), None);
        assert_eq!(decode("/cut%2"), None);
        assert_eq!(inside(out, "/a.html"), Some(PathBuf::from("/srv/a.html")));
        assert_eq!(inside(out, "/"), Some(PathBuf::from("/srv/")));
        for bad in ["/../etc/passwd", "/a/../../b", "/./a"] {
            assert_eq!(inside(out, bad), None, "{bad}");
        }
    }

    /// A request to the server, and the whole answer.
    fn get(address: std::net::SocketAddr, path: &str) -> String {
        let mut stream = TcpStream::connect(address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
    }

    #[test]
    fn serves_pages_with_the_reload_script_the_errors_and_each_build_on_the_event_stream() {
        let out = std::env::temp_dir().join(format!("xtask-serve-{}", std::process::id()));
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("index.html"), "<head><title>Library</title></head>").unwrap();
        std::fs::write(out.join("app.wasm"), b"\0asm").unwrap();
        let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap();
        let address = listener.local_addr().unwrap();
        let shared = Arc::new(Shared::new("b0".into()));
        let (served, serving) = (out.clone(), Arc::clone(&shared));
        std::thread::spawn(move || accept(&listener, &served, &serving));

        let library = get(address, "/");
        assert!(library.starts_with("HTTP/1.1 200 OK\r\n"), "{library}");
        assert!(library.contains("Content-Type: text/html"), "{library}");
        assert!(library.ends_with(
            "<title>Library</title><script src=\"/_dev/reload.js\" data-build=\"b0\"></script></head>"
        ));
        let wasm = get(address, "/app.wasm");
        assert!(wasm.contains("Content-Type: application/wasm") && wasm.ends_with("\0asm"), "{wasm}");
        assert!(get(address, "/gone.html").starts_with("HTTP/1.1 404"));
        assert!(get(address, "/%2e%2e/secret").starts_with("HTTP/1.1 404"));
        assert!(get(address, "/_dev/reload.js").contains("new EventSource('/_dev/events')"));

        let mut stream = TcpStream::connect(address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(stream, "GET /_dev/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        let mut events = BufReader::new(stream);
        let mut next_data = || loop {
            let mut line = String::new();
            assert_ne!(events.read_line(&mut line).unwrap(), 0, "the stream ended");
            if let Some(data) = line.strip_prefix("data: ") {
                return data.trim_end().to_owned();
            }
        };
        assert_eq!(next_data(), "b0");
        shared.finished("b1".into(), Some("content/a.toml: <no title>".into()));
        assert_eq!(next_data(), "b1");
        let failed = get(address, "/");
        assert!(failed.starts_with("HTTP/1.1 500"), "{failed}");
        assert!(failed.contains("content/a.toml: &lt;no title&gt;") && failed.contains("data-build=\"b1\""));
        assert!(get(address, "/app.wasm").ends_with("\0asm"), "the apps' files stay served");
        shared.finished("b2".into(), None);
        assert_eq!(next_data(), "b2");
        assert!(get(address, "/index.html").contains("<title>Library</title>"));
        std::fs::remove_dir_all(&out).unwrap();
    }
}
