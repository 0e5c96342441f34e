//! The counts `cargo xtask test` reports, and how they are read from the test runners.
//!
//! The summary is what CI and every closing note rely on, so it errs on the side of
//! failure: a suite that runs no tests, a test binary that ends without its result line,
//! a cancelled or timed-out test, a skip without a reason, and a runner that exits with
//! failure but reports none are all failures. Checks (fmt, clippy, builds) are counted
//! apart from tests.
//!
//! - `cargo test` is read from the test binaries' standard output: one `running N tests`
//!   block per binary, closed by libtest's `test result:` line, whose counts must add up
//!   to N. What a failing test printed (libtest's `---- name stdout ----` sections) is
//!   skipped, so a test that prints `test result: ok. 7 passed` adds nothing.
//! - Node's test runner is read from the JSON that `tests/summary-reporter.mjs` writes,
//!   never from the test output.

use serde_json::Value;

/// What one suite reported.
#[derive(Default, Debug, PartialEq)]
pub struct SuiteCounts {
    /// Tests that passed.
    pub passed: u64,
    /// Tests that failed, were cancelled or timed out.
    pub failed: u64,
    /// Tests skipped (with their reasons in `skips`).
    pub skipped: u64,
    /// One line per failure.
    pub failures: Vec<String>,
    /// One line per skipped test: its name and the reason.
    pub skips: Vec<String>,
}

impl SuiteCounts {
    /// Tests that ran or were skipped.
    pub fn total(&self) -> u64 {
        self.passed + self.failed + self.skipped
    }

    fn fail(&mut self, why: String) {
        self.failed += 1;
        self.failures.push(why);
    }
}

/// Read `cargo test`'s standard output.
pub fn parse_cargo(stdout: &str) -> SuiteCounts {
    let mut counts = SuiteCounts::default();
    let mut block: Option<Block> = None;
    let mut binaries = 0;
    let mut in_captured_output = false;
    for line in stdout.lines() {
        if in_captured_output {
            // libtest prints the captured output of failed tests, then `failures:` again.
            in_captured_output = line != "failures:";
            continue;
        }
        if let Some(expected) = running_line(line) {
            if let Some(open) = block.take() {
                open.close(&mut counts);
            }
            binaries += 1;
            block = Some(Block { number: binaries, expected, result: None });
        } else if let Some(open) = block.as_mut() {
            if line.starts_with("---- ") && line.ends_with(" ----") {
                in_captured_output = true;
            } else if let Some(rest) = line.strip_prefix("test result: ") {
                open.result = parse_result(rest);
            }
        }
    }
    if let Some(open) = block.take() {
        open.close(&mut counts);
    }
    counts
}

struct Block {
    number: u32,
    expected: u64,
    result: Option<(u64, u64, u64)>,
}

impl Block {
    fn close(self, counts: &mut SuiteCounts) {
        match self.result {
            None => counts.fail(format!(
                "test binary #{} started {} tests and ended without a result line (crashed or was killed)",
                self.number, self.expected
            )),
            Some((passed, failed, ignored)) => {
                counts.passed += passed;
                counts.failed += failed;
                counts.skipped += ignored;
                if ignored > 0 {
                    counts.skips.push(format!("test binary #{}: {ignored} test(s) marked #[ignore]", self.number));
                }
                if passed + failed + ignored != self.expected {
                    counts.fail(format!(
                        "test binary #{} started {} tests but reported {}",
                        self.number,
                        self.expected,
                        passed + failed + ignored
                    ));
                }
            }
        }
    }
}

/// `running 12 tests` → 12.
fn running_line(line: &str) -> Option<u64> {
    let rest = line.strip_prefix("running ")?;
    let number = rest.strip_suffix(" tests").or_else(|| rest.strip_suffix(" test"))?;
    number.parse().ok()
}

/// `ok. 3 passed; 1 failed; 2 ignored; 0 measured; 0 filtered out; finished in 0.01s`.
fn parse_result(rest: &str) -> Option<(u64, u64, u64)> {
    let (_, counts) = rest.split_once(". ")?;
    let mut found = (None, None, None);
    for part in counts.split(';') {
        let words: Vec<&str> = part.split_whitespace().collect();
        match words.as_slice() {
            [n, "passed"] => found.0 = n.parse().ok(),
            [n, "failed"] => found.1 = n.parse().ok(),
            [n, "ignored"] => found.2 = n.parse().ok(),
            _ => {}
        }
    }
    Some((found.0?, found.1?, found.2?))
}

/// Read the JSON summary of `tests/summary-reporter.mjs`; `files` are the test files the
/// runner was given, each of which must have run at least one test.
pub fn parse_node_summary(json: &str, files: &[String]) -> SuiteCounts {
    let mut counts = SuiteCounts::default();
    let summary: Value = match serde_json::from_str(json) {
        Ok(value) => value,
        Err(e) => {
            counts.fail(format!("the test runner's summary is not readable JSON ({e}): did it finish?"));
            return counts;
        }
    };
    let number = |value: &Value, key: &str| value.get(key).and_then(Value::as_u64).unwrap_or(0);
    let text = |value: &Value, key: &str| value.get(key).and_then(Value::as_str).unwrap_or("").to_string();
    counts.passed = number(&summary, "passed");
    for failure in summary.get("failures").and_then(Value::as_array).into_iter().flatten() {
        counts.fail(format!(
            "{} — {} [{}]: {}",
            short(&text(failure, "file")),
            text(failure, "name"),
            text(failure, "kind"),
            text(failure, "message")
        ));
    }
    for skip in summary.get("skips").and_then(Value::as_array).into_iter().flatten() {
        let reason = text(skip, "reason");
        let name = format!("{} — {}", short(&text(skip, "file")), text(skip, "name"));
        if reason.trim().is_empty() {
            counts.fail(format!("{name}: skipped without a reason (give `skip` a message saying why)"));
        } else {
            counts.skipped += 1;
            counts.skips.push(format!("{name}: {reason}"));
        }
    }
    let per_file = summary.get("files").cloned().unwrap_or(Value::Null);
    for file in files {
        let ran = per_file.get(file.as_str()).and_then(Value::as_u64).unwrap_or(0);
        if ran == 0 {
            counts.fail(format!("{}: ran no tests", short(file)));
        }
    }
    counts
}

/// A path from the workspace root, for messages.
fn short(path: &str) -> String {
    let root = crate::root();
    let root = root.to_string_lossy();
    path.strip_prefix(root.as_ref()).map_or(path, |p| p.trim_start_matches('/')).to_string()
}

/// The counts of a whole `cargo xtask test` run.
#[derive(Default)]
pub struct Tally {
    /// Checks (fmt, clippy, builds) that passed.
    pub checks_passed: u64,
    /// Checks that failed.
    pub checks_failed: u64,
    /// Tests that passed.
    pub passed: u64,
    /// Tests that failed, were cancelled or timed out, and suites that failed to run.
    pub failed: u64,
    /// Tests skipped with a reason.
    pub skipped: u64,
    /// Every failure, one line each.
    pub failures: Vec<String>,
    /// Every skip, with its reason.
    pub skips: Vec<String>,
}

impl Tally {
    /// Count a check.
    pub fn check(&mut self, name: &str, result: Result<(), String>) {
        match result {
            Ok(()) => self.checks_passed += 1,
            Err(e) => {
                self.checks_failed += 1;
                self.failures.push(format!("check {name}: {e}"));
            }
        }
    }

    /// Count a whole suite as one failure (it could not run).
    pub fn suite_not_run(&mut self, name: &str, why: &str) {
        self.failed += 1;
        self.failures.push(format!("{name}: {why}"));
    }

    /// Add what a suite reported. `runner_failure` is how the runner itself ended badly,
    /// if it did: a failing runner that reports no failed test is one failure more.
    pub fn suite(&mut self, name: &str, counts: SuiteCounts, runner_failure: Option<String>) {
        self.passed += counts.passed;
        self.failed += counts.failed;
        self.skipped += counts.skipped;
        self.failures.extend(counts.failures.iter().map(|f| format!("{name}: {f}")));
        self.skips.extend(counts.skips.iter().map(|s| format!("{name}: {s}")));
        if counts.total() == 0 && counts.failed == 0 {
            self.suite_not_run(name, "ran no tests");
        } else if let Some(why) = runner_failure {
            if counts.failed == 0 {
                self.suite_not_run(name, &why);
            }
        }
    }

    /// Whether anything failed.
    pub fn ok(&self) -> bool {
        self.failed == 0 && self.checks_failed == 0
    }

    /// The closing lines: skips and failures, then the two summary lines.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for skip in &self.skips {
            out.push_str(&format!("SKIPPED: {skip}\n"));
        }
        for failure in &self.failures {
            out.push_str(&format!("FAILED: {failure}\n"));
        }
        out.push_str(&format!("checks: {} passed, {} failed\n", self.checks_passed, self.checks_failed));
        out.push_str(&format!("{} passed, {} failed, {} skipped\n", self.passed, self.failed, self.skipped));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_BINARIES: &str = "\nrunning 2 tests\ntest a ... ok\ntest b ... ok\n\ntest result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\n\n\nrunning 0 tests\n\ntest result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\n\n";

    #[test]
    fn cargo_counts_add_up_per_binary() {
        let counts = parse_cargo(TWO_BINARIES);
        assert_eq!((counts.passed, counts.failed, counts.skipped), (2, 0, 0));
        assert!(counts.failures.is_empty());
    }

    #[test]
    fn a_test_that_prints_a_result_line_adds_nothing() {
        // Test `b` fails after printing lines that look like libtest's own.
        let output = "running 2 tests\ntest a ... ok\ntest b ... FAILED\n\nfailures:\n\n---- b stdout ----\ntest result: ok. 7 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\nrunning 9 tests\n# pass 7\n\nfailures:\n    b\n\ntest result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\n";
        let counts = parse_cargo(output);
        assert_eq!((counts.passed, counts.failed), (1, 1), "{counts:?}");
    }

    #[test]
    fn a_binary_that_dies_before_its_result_is_a_failure() {
        let output = "running 3 tests\ntest a ... ok\n";
        let counts = parse_cargo(&format!("{TWO_BINARIES}{output}"));
        assert_eq!((counts.passed, counts.failed), (2, 1));
        assert!(counts.failures[0].contains("without a result line"), "{:?}", counts.failures);
    }

    #[test]
    fn counts_that_do_not_add_up_are_a_failure() {
        let output = "running 3 tests\ntest result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\n";
        assert_eq!(parse_cargo(output).failed, 1);
    }

    #[test]
    fn ignored_tests_are_skips() {
        let output = "running 2 tests\ntest result: ok. 1 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.00s\n";
        let counts = parse_cargo(output);
        assert_eq!((counts.passed, counts.failed, counts.skipped), (1, 0, 1));
    }

    fn files() -> Vec<String> {
        vec!["/w/tests/e2e/a.test.mjs".into(), "/w/tests/e2e/b.test.mjs".into()]
    }

    #[test]
    fn node_summary_counts_passes_failures_and_explained_skips() {
        let json = r#"{"passed": 5, "files": {"/w/tests/e2e/a.test.mjs": 4, "/w/tests/e2e/b.test.mjs": 3},
            "failures": [{"file": "/w/tests/e2e/b.test.mjs", "name": "t", "kind": "testTimeoutFailure", "message": "timed out"}],
            "skips": [{"file": "/w/tests/e2e/a.test.mjs", "name": "s", "reason": "needs STATE_DIR"}]}"#;
        let counts = parse_node_summary(json, &files());
        assert_eq!((counts.passed, counts.failed, counts.skipped), (5, 1, 1));
        assert!(counts.failures[0].contains("testTimeoutFailure"));
        assert!(counts.skips[0].contains("needs STATE_DIR"));
    }

    #[test]
    fn a_file_that_runs_no_test_is_a_failure() {
        let json = r#"{"passed": 4, "files": {"/w/tests/e2e/a.test.mjs": 4}, "failures": [], "skips": []}"#;
        let counts = parse_node_summary(json, &files());
        assert_eq!(counts.failed, 1);
        assert!(counts.failures[0].contains("b.test.mjs: ran no tests"), "{:?}", counts.failures);
    }

    #[test]
    fn a_skip_without_a_reason_is_a_failure() {
        let json = r#"{"passed": 1, "files": {"/w/tests/e2e/a.test.mjs": 1, "/w/tests/e2e/b.test.mjs": 1},
            "failures": [], "skips": [{"file": "/w/tests/e2e/b.test.mjs", "name": "s", "reason": ""}]}"#;
        let counts = parse_node_summary(json, &files());
        assert_eq!((counts.failed, counts.skipped), (1, 0));
    }

    #[test]
    fn a_missing_or_broken_summary_is_a_failure() {
        assert_eq!(parse_node_summary("", &files()).failed, 1);
        assert_eq!(parse_node_summary("{\"passed\": 3", &files()).failed, 1);
    }

    #[test]
    fn a_suite_with_no_tests_or_a_silent_failing_runner_fails() {
        let mut tally = Tally::default();
        tally.suite("empty", SuiteCounts::default(), None);
        assert_eq!(tally.failed, 1);
        tally.suite("silent", SuiteCounts { passed: 3, ..SuiteCounts::default() }, Some("exit status 1".into()));
        assert_eq!((tally.passed, tally.failed), (3, 2));
        tally.check("fmt", Ok(()));
        tally.check("clippy", Err("warnings".into()));
        assert_eq!((tally.checks_passed, tally.checks_failed), (1, 1));
        assert!(!tally.ok());
        assert!(tally.report().ends_with("checks: 1 passed, 1 failed\n3 passed, 2 failed, 0 skipped\n"));
    }
}
