//! `cargo xtask test`: every check CI runs, in order of cost, with one summary line.
//!
//! Steps: `cargo fmt --check`, `cargo clippy -D warnings` (native and wasm32), unit tests
//! of every crate, the release builds, then the API end-to-end tests and the browser tests
//! against the real worker under wrangler/workerd with a fresh local D1.

use crate::server::{load_database, Server};
use crate::tools::{self, run as run_command};
use crate::{build, root, step, Result};
use std::process::Command;

/// Port of the server under test (the dev server may be running on 8787).
const TEST_PORT: u16 = 8788;
/// Subjects in the test data set.
const TEST_SUBJECTS: usize = 1500;

#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
    failures: Vec<String>,
}

impl Tally {
    fn check(&mut self, name: &str, result: Result<()>) {
        match result {
            Ok(()) => self.passed += 1,
            Err(e) => {
                self.failed += 1;
                self.failures.push(format!("{name}: {e}"));
            }
        }
    }

    /// Add the counts a test runner printed; a runner that failed without counts is one failure.
    fn runner(&mut self, name: &str, output: &str, success: bool) {
        let (passed, failed) = count(output);
        self.passed += passed;
        self.failed += failed;
        if !success {
            if failed == 0 {
                self.failed += 1;
            }
            self.failures.push(format!("{name} failed"));
        }
    }
}

/// Sum the counts of cargo test (`test result: ok. N passed; M failed`) and node's test
/// runner (`# pass N`, `# fail M`).
fn count(output: &str) -> (u64, u64) {
    let (mut passed, mut failed) = (0, 0);
    for line in output.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("test result: ") {
            for part in rest.split([';', '.']) {
                let words: Vec<&str> = part.split_whitespace().collect();
                if let [n, what] = words.as_slice() {
                    match *what {
                        "passed" => passed += n.parse::<u64>().unwrap_or(0),
                        "failed" => failed += n.parse::<u64>().unwrap_or(0),
                        _ => {}
                    }
                }
            }
        } else if let Some(n) = line.strip_prefix("# pass ") {
            passed += n.trim().parse::<u64>().unwrap_or(0);
        } else if let Some(n) = line.strip_prefix("# fail ") {
            failed += n.trim().parse::<u64>().unwrap_or(0);
        }
    }
    (passed, failed)
}

/// Run a command, echoing its output, and return (output, success).
fn capture(command: &mut Command) -> (String, bool) {
    match command.output() {
        Ok(output) => {
            let text =
                format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
            eprint!("{text}");
            (text, output.status.success())
        }
        Err(e) => (format!("cannot start {command:?}: {e}"), false),
    }
}

fn cargo(args: &[&str]) -> Command {
    let mut command = Command::new("cargo");
    command.args(args).current_dir(root());
    command
}

/// `cargo xtask test`.
pub fn run(_args: &[String]) -> Result<()> {
    let mut tally = Tally::default();
    let tools = tools::ensure()?;

    step("cargo fmt --check");
    tally.check("fmt", run_command(&mut cargo(&["fmt", "--all", "--check"])));
    step("cargo clippy (native: shared, datagen, xtask, edge)");
    tally.check(
        "clippy",
        run_command(&mut cargo(&[
            "clippy",
            "--workspace",
            "--exclude",
            "gzcredit-frontend",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])),
    );
    step("cargo clippy (wasm32: edge, frontend portal and widget; proves shared builds for wasm32)");
    tally.check(
        "clippy wasm32",
        run_command(&mut cargo(&[
            "clippy",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "gzcredit-shared",
            "-p",
            "gzcredit-edge",
            "--",
            "-D",
            "warnings",
        ])),
    );
    for feature in ["portal", "widget"] {
        tally.check(
            &format!("clippy frontend {feature}"),
            run_command(&mut cargo(&[
                "clippy",
                "--target",
                "wasm32-unknown-unknown",
                "-p",
                "gzcredit-frontend",
                "--features",
                feature,
                "--",
                "-D",
                "warnings",
            ])),
        );
    }
    step("unit tests (native)");
    let (output, ok) = capture(&mut cargo(&["test", "--workspace", "--exclude", "gzcredit-frontend"]));
    tally.runner("unit tests", &output, ok);

    // The API tests need only the worker; the browser tests need the front end too.
    let frontend = build::frontend(&tools);
    let frontend_built = frontend.is_ok();
    tally.check("front-end release build", frontend);
    let worker = build::worker(&tools);
    let worker_built = worker.is_ok();
    tally.check("worker release build", worker);
    if worker_built {
        end_to_end(&tools, &mut tally, frontend_built)?;
    }

    for failure in &tally.failures {
        eprintln!("FAILED: {failure}");
    }
    println!("{} passed, {} failed", tally.passed, tally.failed);
    if tally.failed == 0 {
        Ok(())
    } else {
        Err(format!("{} check(s) failed", tally.failed))
    }
}

fn end_to_end(tools: &tools::Tools, tally: &mut Tally, browser: bool) -> Result<()> {
    let state = root().join(".state/test");
    load_database(tools, &state, TEST_SUBJECTS)?;
    std::fs::create_dir_all(root().join("tests/output")).map_err(|e| e.to_string())?;
    step(&format!("starting the worker under test on port {TEST_PORT}"));
    let server = Server::start(tools, &state, TEST_PORT, Some(&root().join("tests/output/wrangler.log")), true)?;
    let xtask = std::env::current_exe().map_err(|e| e.to_string())?;
    let chromium = tools::ensure_chromium()?;
    let node_test = |dir: &str| {
        let mut command = Command::new(&tools.node);
        command
            .current_dir(root())
            .args(["--test", "--test-reporter=tap", "--test-concurrency=1"])
            .arg(format!("{dir}*.test.mjs"))
            .env("BASE_URL", &server.url)
            .env("XTASK_BIN", &xtask)
            .env("STATE_DIR", &state)
            .env("CHROMIUM", &chromium)
            .env("SCREENSHOT_DIR", root().join("tests/screenshots"));
        command
    };
    step("API end-to-end tests (tests/e2e)");
    let (output, ok) = capture(&mut node_test("tests/e2e/"));
    tally.runner("API end-to-end tests", &output, ok);
    if browser && root().join("tests/browser").exists() {
        step("browser tests in headless Chromium (tests/browser)");
        let (output, ok) = capture(&mut node_test("tests/browser/"));
        tally.runner("browser tests", &output, ok);
    }
    drop(server);
    Ok(())
}
