//! Release builds: the front end (portal and widget) and the worker.

use crate::tools::{run, Tools};
use crate::{root, step, Result};
use std::path::Path;
use std::process::Command;

/// Flags binaryen needs for what rustc emits for wasm32 today.
const WASM_OPT_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(|e| format!("cannot copy {}: {e}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// One shape of the front end: `portal` or `widget`.
fn frontend_shape(tools: &Tools, feature: &str, out_dir: &str, out_name: &str) -> Result<()> {
    wasm_module(tools, "gzcredit-frontend", &["--features", feature], out_dir, out_name)
}

/// One wasm module of `frontend/dist/{out_dir}`: `package`'s cdylib, bound for the web and
/// optimised for size.
fn wasm_module(tools: &Tools, package: &str, features: &[&str], out_dir: &str, out_name: &str) -> Result<()> {
    step(&format!("building {out_name} ({package} {}, release, wasm32)", features.join(" ")));
    run(Command::new("cargo")
        .current_dir(root())
        .args(["rustc", "-p", package, "--lib", "--profile", "wasm-frontend", "--target", "wasm32-unknown-unknown"])
        .args(["--crate-type", "cdylib"])
        .args(features))?;
    let wasm =
        root().join("target/wasm32-unknown-unknown/wasm-frontend").join(format!("{}.wasm", package.replace('-', "_")));
    let out = root().join("frontend/dist").join(out_dir);
    run(Command::new(&tools.wasm_bindgen)
        .args(["--target", "web", "--no-typescript", "--out-name", out_name, "--out-dir"])
        .arg(&out)
        .arg(&wasm))?;
    let bg = out.join(format!("{out_name}_bg.wasm"));
    run(Command::new(&tools.wasm_opt).args(["-Oz", "--converge"]).args(WASM_OPT_FEATURES).arg("-o").arg(&bg).arg(&bg))
}

/// Build `frontend/dist`: static files, the portal, the widget and the portal with the
/// upload page.
pub fn frontend(tools: &Tools) -> Result<()> {
    let dist = root().join("frontend/dist");
    let _ = std::fs::remove_dir_all(&dist);
    // The static files first: the worker's asset directory must exist even if a wasm build fails.
    copy_dir(&root().join("frontend/static"), &dist)?;
    frontend_shape(tools, "portal", "app", "gzcredit_portal")?;
    frontend_shape(tools, "widget", "widget", "gzcredit_widget")?;
    // The portal with the upload page and its file readers, loaded on `/provider/…` only
    // (static/boot.js; issue 15).
    frontend_shape(tools, "upload", "upload", "gzcredit_upload")
}

/// Build the worker into `edge/build` with worker-build, pointed at local tools.
pub fn worker(tools: &Tools) -> Result<()> {
    step("building the worker (release, wasm32, worker-build)");
    run(Command::new(&tools.worker_build)
        .current_dir(root().join("edge"))
        .arg("--release")
        .env("WASM_BINDGEN_BIN", &tools.wasm_bindgen)
        .env("WASM_OPT_BIN", &tools.wasm_opt)
        .env("ESBUILD_BIN", &tools.esbuild))
}
