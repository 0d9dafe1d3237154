//! Shared plumbing: the repository context, running commands, and reading the few
//! values xtask needs from `Cargo.toml`, `Cargo.lock` and `Trunk.toml` (with the `toml`
//! crate).

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub type Result<T> = std::result::Result<T, String>;

/// Environment variables that `cargo run` sets for xtask itself. They describe the xtask
/// package, so they are removed before starting tools that may run cargo again.
const CARGO_RUN_VARS: &[&str] = &[
    "CARGO_MANIFEST_DIR",
    "CARGO_MANIFEST_PATH",
    "CARGO_CRATE_NAME",
    "CARGO_BIN_NAME",
    "CARGO_PRIMARY_PACKAGE",
];

pub struct Ctx {
    /// The repository root (the workspace root).
    pub root: PathBuf,
    /// PATH for every child: `node_modules/.bin`, then cargo's bin folder, then the caller's PATH.
    path: OsString,
    /// Whether a failed command's error carries what it wrote to stderr (see
    /// [`Ctx::keeping_stderr`]).
    keep_stderr: bool,
}

impl Ctx {
    pub fn new() -> Ctx {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("xtask lives one level below the repository root")
            .to_path_buf();
        let mut dirs = vec![root.join("node_modules").join(".bin")];
        if let Some(bin) = cargo_bin_dir() {
            dirs.push(bin);
        }
        if let Some(old) = std::env::var_os("PATH") {
            dirs.extend(std::env::split_paths(&old));
        }
        let path = std::env::join_paths(dirs).expect("PATH entries contain no separator");
        Ctx { root, path, keep_stderr: false }
    }

    /// The same context, but every command's stderr is also kept, and a failed command's
    /// error ends with it: `cargo xtask serve` shows a failed build's errors in the page,
    /// as well as on the terminal.
    pub fn keeping_stderr(&self) -> Ctx {
        Ctx { root: self.root.clone(), path: self.path.clone(), keep_stderr: true }
    }

    /// A command run in the repository root with the tool PATH.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut cmd = Command::new(program);
        cmd.current_dir(&self.root).env("PATH", &self.path);
        for var in CARGO_RUN_VARS {
            cmd.env_remove(var);
        }
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("CARGO_PKG_") {
                cmd.env_remove(key);
            }
        }
        cmd
    }

    /// The cargo that runs xtask (so the same toolchain is used throughout).
    pub fn cargo(&self) -> Command {
        self.command(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
    }

    /// Runs a command to completion with no stdin; fails unless it exits with status 0.
    pub fn run(&self, cmd: &mut Command) -> Result<()> {
        cmd.stdin(Stdio::null());
        self.run_interactive(cmd)
    }

    /// Like [`Ctx::run`], but keeps the terminal's stdin.
    pub fn run_interactive(&self, cmd: &mut Command) -> Result<()> {
        let shown = show(cmd);
        println!("$ {shown}");
        if self.keep_stderr {
            return run_keeping_stderr(cmd, &shown);
        }
        let status = cmd.status().map_err(|e| format!("could not start `{shown}`: {e}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{shown}` failed ({status})"))
        }
    }

    /// Stdout of a command that exits with status 0, trimmed; `None` if it cannot be run
    /// or fails. Used to detect installed tools.
    pub fn output(&self, program: &str, args: &[&str]) -> Option<String> {
        let out =
            self.command(program).args(args).stdin(Stdio::null()).stderr(Stdio::null()).output().ok()?;
        out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
    }

    /// Stdout of a command that must succeed (its stderr goes to the terminal).
    pub fn output_of(&self, cmd: &mut Command) -> Result<String> {
        let shown = show(cmd);
        println!("$ {shown}");
        let out = cmd
            .stdin(Stdio::null())
            .stderr(Stdio::inherit())
            .output()
            .map_err(|e| format!("could not start `{shown}`: {e}"))?;
        if !out.status.success() {
            return Err(format!("`{shown}` failed ({})", out.status));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    pub fn read(&self, relative: &str) -> Result<String> {
        let path = self.root.join(relative);
        std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    }

    /// The app package's name, from the root `Cargo.toml`.
    pub fn package_name(&self) -> Result<String> {
        toml_value(&self.read("Cargo.toml")?, "package", "name")
            .ok_or_else(|| "no [package] name in Cargo.toml".into())
    }
}

/// Runs `cmd`, passing its stderr through to ours as it comes and keeping a copy for the
/// error, should it fail.
fn run_keeping_stderr(cmd: &mut Command, shown: &str) -> Result<()> {
    let mut child =
        cmd.stderr(Stdio::piped()).spawn().map_err(|e| format!("could not start `{shown}`: {e}"))?;
    let mut pipe = child.stderr.take().expect("stderr is piped");
    let mut kept = Vec::new();
    let mut chunk = [0; 8192];
    loop {
        match pipe.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => {
                // The terminal is only a copy: a closed one must not stop the build.
                let _ = std::io::stderr().write_all(&chunk[..n]);
                kept.extend_from_slice(&chunk[..n]);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(format!("cannot read the output of `{shown}`: {e}")),
        }
    }
    let status = child.wait().map_err(|e| format!("`{shown}` did not finish: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status}):\n{}", String::from_utf8_lossy(&kept).trim_end()))
    }
}

fn cargo_bin_dir() -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    Some(home.join("bin"))
}

/// A command line for display.
fn show(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    if let Some(name) = Path::new(&s).file_name() {
        s = name.to_string_lossy().into_owned();
    }
    for arg in cmd.get_args() {
        let arg = arg.to_string_lossy();
        s.push(' ');
        if arg.is_empty() || arg.contains([' ', '"', '\'']) {
            s.push('"');
            s.push_str(&arg.replace('"', "\\\""));
            s.push('"');
        } else {
            s.push_str(&arg);
        }
    }
    s
}

/// The text of the file at `path`, or what kept it from being read.
pub fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// The bytes of the file at `path`, or what kept it from being read.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Writes `bytes` to the file at `path`, saying which file could not be written.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// A visible section header in the log.
pub fn banner(title: &str) {
    println!();
    println!("==> {title}");
}

/// The string value of `key` in `[section]` of a TOML file (`""`: the top level); `None`
/// when the file is not TOML or has no such string.
pub fn toml_value(text: &str, section: &str, key: &str) -> Option<String> {
    let table: toml::Table = text.parse().ok()?;
    let table = if section.is_empty() { &table } else { table.get(section)?.as_table()? };
    table.get(key)?.as_str().map(str::to_owned)
}

/// The version of `package` in a `Cargo.lock`, if it is locked exactly once.
pub fn locked_version(lock: &str, package: &str) -> Option<String> {
    let lock: toml::Table = lock.parse().ok()?;
    let mut versions = lock
        .get("package")?
        .as_array()?
        .iter()
        .filter(|p| p.get("name").and_then(toml::Value::as_str) == Some(package))
        .filter_map(|p| p.get("version")?.as_str());
    let version = versions.next()?;
    versions.next().is_none().then(|| version.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_values_from_the_right_section() {
        let text = "[build]\nrelease = false\npublic_url = \"./\"\n\n[tools]\n# pinned\nwasm_bindgen = \"0.2.130\"\nwasm_opt = \"version_132\" # comment\n";
        assert_eq!(toml_value(text, "build", "public_url").as_deref(), Some("./"));
        assert_eq!(toml_value(text, "tools", "wasm_opt").as_deref(), Some("version_132"));
        assert_eq!(toml_value(text, "build", "wasm_opt"), None);
        assert_eq!(toml_value(text, "build", "release"), None, "not a string");
        assert_eq!(toml_value("not = [toml", "build", "release"), None);
        assert_eq!(toml_value("id = \"top\"\n[build]\nid = \"no\"", "", "id").as_deref(), Some("top"));
    }

    #[test]
    fn reads_locked_version() {
        let lock = "[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\nsource = \"x\"\n\n[[package]]\nname = \"wasm-bindgen-test\"\nversion = \"0.3.80\"\n";
        assert_eq!(locked_version(lock, "wasm-bindgen").as_deref(), Some("0.2.130"));
        assert_eq!(locked_version(lock, "wasm-bindgen-test").as_deref(), Some("0.3.80"));
        assert_eq!(locked_version(lock, "leptos"), None);
        let twice = format!("{lock}[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.99\"\n");
        assert_eq!(locked_version(&twice, "wasm-bindgen"), None);
    }

    #[test]
    fn shows_commands_readably() {
        let mut cmd = Command::new("/usr/bin/apt-get");
        cmd.args(["install", "-y", "a b"]);
        assert_eq!(show(&cmd), "apt-get install -y \"a b\"");
    }
}
