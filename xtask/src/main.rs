//! # xtask: the project's tasks
//!
//! - `cargo xtask dev` — install what is missing, build everything in release, load the
//!   demo data into a fresh local D1, and serve the portal and API on
//!   http://127.0.0.1:8787 until Ctrl-C.
//! - `cargo xtask test` — every check CI runs, ending with `N passed, N failed`.
//! - `cargo xtask bench [--sizes 10000,100000,1000000] [--seconds 8]` — the request mix at
//!   province scale; writes `docs/benchmarks.md`.
//! - `cargo xtask audit verify [--state DIR] [--env ENV]` — check each database's audit chain.
//! - `cargo xtask migrate [--env ENV] [--remote]` — migrate every database of a layout.
//! - `cargo xtask token --role … [--subject CODE] [--grant ID] [--agency ID --matter M]
//!   [--provider DEPT] [--ttl 1h]` — a token for the local dev server, signed with the
//!   dev key that only local configuration trusts.
//!
//! Tools are pinned and installed into the project: `.tools/` (cargo-installed binaries)
//! and `node_modules/` (`npm ci` from `package-lock.json`).

mod audit;
mod bench;
mod build;
mod calendar_check;
mod clock;
mod import;
mod migrate;
mod module_graph;
mod process;
mod samples;
mod server;
mod tally;
mod test;
mod token;
mod tools;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Print a progress line for a long step.
pub fn step(message: &str) {
    eprintln!("\x1b[1;34m==>\x1b[0m {message}");
}

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

/// An error for the user: what failed and what to do.
pub type Result<T> = std::result::Result<T, String>;

const USAGE: &str =
    "usage: cargo xtask <dev | test | test-server | token | audit | migrate | import | exchange-samples | bench | demo-sql | relevance>
  dev                      build and serve the portal with demo data on http://127.0.0.1:8787
  test [--today D[,D…]]    run every check and test (fmt, clippy, unit, wasm, API end-to-end, browser),
                           the end-to-end suites on each date (default: today, then a pinned date)
  test-server [--today D]  the server under test alone (pinned clock, fresh D1), to run one suite by hand
  token --role ROLE ...    mint a dev token (roles: subject, authorized, agency, provider, admin)
  audit verify [--state D] [--env E]  check the hash chain of each local database's audit log
  migrate [--env E] [--remote]  apply the migrations to every database of a layout (directory and shards)
  bench [--sizes N,N]      load 10k/100k/1M subjects, measure every request kind, write docs/benchmarks.md
  demo-sql [--subjects N]  write the demo data set as SQL to stdout
  relevance                write tests/data/relevance.toml, the search's relevance set on the demo data
  dev-vars                 write edge/.dev.vars (local token key and report signing key)
  import --provider DEPT [--url URL] [--token T] FILE...
                           import licence/penalty files in the national 双公示 format (CSV, XLSX)
  exchange-samples [--rows N --out F]  write tests/data/exchange/ (or one large penalty file)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("dev") => server::dev(&args[1..]),
        Some("test") => test::run(&args[1..]),
        Some("test-server") => test::serve(&args[1..]),
        Some("token") => token::run(&args[1..]),
        Some("demo-sql") => server::demo_sql(&args[1..]),
        Some("relevance") => server::write_relevance(),
        Some("dev-vars") => server::write_dev_vars(),
        Some("bench") => bench::run_bench(&args[1..]),
        Some("audit") => audit::run(&args[1..]),
        Some("migrate") => migrate::run_migrate(&args[1..]),
        Some("import") => import::run(&args[1..]),
        Some("exchange-samples") => samples::run(&args[1..]),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The value after `--name` in `args`.
pub fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
}
