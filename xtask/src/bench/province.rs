//! `cargo xtask bench --shards [--subjects N] [--seconds S]`: the request mix at the
//! province's size, over one local D1 per prefecture (issue 14).
//!
//! The layout is `[env.province]` of `edge/wrangler.toml`: the directory `DB`, one database
//! per prefecture, and Guiyang's Nanming and Yunyan districts split off as county shards. The data set
//! is the demo generator's at `N` subjects (default 5 million, three records each on
//! average), spread over the counties of the generator (Guiyang and Zunyi the largest),
//! written straight into each database's SQLite file by one `sqlite3` per shard, all at
//! once. A shard that finished loading is kept (its marker file) and a resumed run writes
//! only the others. Then the worker runs with every binding, and the mix is measured as in
//! `cargo xtask bench`, with the same searches asked of one shard (`region=5203`) to show
//! that the fan-out runs in parallel. Writes `docs/benchmarks-province.md`. `--load-only`
//! stops after loading; `--quick` measures rows read and latency at concurrency 1 only;
//! `--no-build` measures the worker already in `edge/build`.

use super::{
    ensure_apt, interleaved, long_history_sql, mix_of, rows_read, size_tables, sqlite_query, worker_cpu, wrk, Kind,
    Measure, Row, BENCH_PORT, CPU_BUDGET_MS, DATA_VERSION, POINT_RATIO_BUDGET, POINT_READ, PROFILE_ROWS_BUDGET,
    RECORDS_PER_SUBJECT, SEED,
};
use crate::server::{Layout, Server};
use crate::tools::{self, run, Tools};
use crate::{build, flag, root, step, Result};
use gzcredit_datagen::{write_sql_split, Config};
use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Rows read per kind at the province's size, which `cargo xtask bench` adds to its growth
/// table.
pub const PROVINCE_GROWTH: &str = "docs/benchmarks-province.json";
/// The wrangler environment of the province layout.
const PROVINCE_ENV: &str = "province";
/// Issue 14's budgets for a sharded deployment.
const UNFILTERED_ROWS_BUDGET: u64 = 300;
const FILTERED_ROWS_BUDGET: u64 = 200;
const FAN_OUT_RATIO_BUDGET: f64 = 1.5;
/// The region filter that sends a search to one shard (Zunyi).
const ONE_SHARD: &str = "5203";
/// CPU profiles per kind, of so many requests: fewer than `cargo xtask bench`'s (its figures
/// at 10,000 subjects are the reference), so that the province's twice as many kinds are
/// profiled in minutes.
const PROFILES: usize = 3;
const SAMPLES: u32 = 100;
/// The local runtime's D1 rows-read counter stops counting past this database size.
const ROWS_READ_COUNTER_LIMIT: u64 = 4 << 30;

/// The SQLite file of each binding of `layout` under `state`, found by the binding name
/// each database holds in `shard_identity` (the file names are hashes).
fn shard_files(layout: &Layout, state: &Path) -> Result<Vec<(String, PathBuf)>> {
    let dir = state.join("v3/d1/miniflare-D1DatabaseObject");
    let files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sqlite") && !p.ends_with("metadata.sqlite"))
        .collect();
    layout
        .bindings()
        .into_iter()
        .map(|binding| {
            files
                .iter()
                .find(|file| sqlite_query(file, "SELECT binding FROM shard_identity").is_ok_and(|b| b == binding))
                .map(|file| (binding.to_string(), file.clone()))
                .ok_or_else(|| format!("no local database holds the binding {binding} under {}", dir.display()))
        })
        .collect()
}

/// Load `subjects` over the databases of `layout` under `state`, reusing every shard whose
/// marker says it holds this data set already.
fn load(tools: &Tools, state: &Path, layout: &Layout, subjects: usize) -> Result<Vec<(String, PathBuf)>> {
    let bindings = layout.bindings();
    // The layout is part of the data set: a shard loaded for another map holds other
    // regions, or another id base. The schema is not: a later migration is applied to the
    // loaded shards below, as to a deployed database (reloading 5 million subjects for an
    // added column took 75 minutes).
    let marker = format!(
        "subjects={subjects} records_per_subject={RECORDS_PER_SUBJECT} seed={SEED} data={DATA_VERSION} databases={}",
        bindings.join(",")
    );
    let marker_of = |binding: &str| state.join(format!("loaded-{binding}"));
    let done: Vec<bool> =
        bindings.iter().map(|b| std::fs::read_to_string(marker_of(b)).is_ok_and(|m| m == marker)).collect();
    if !done.iter().any(|d| *d) {
        let _ = std::fs::remove_dir_all(state);
    }
    std::fs::create_dir_all(state).map_err(|e| e.to_string())?;
    let persist = state.to_string_lossy().into_owned();
    // Migrations are incremental: a loaded shard gets only those it lacks.
    for binding in &bindings {
        run(&mut layout.wrangler(tools, &["d1", "migrations", "apply", binding, "--local", "--persist-to", &persist]))?;
    }
    if done.iter().all(|d| *d) {
        step(&format!("reusing the loaded shards of {subjects} subjects ({})", state.display()));
        return shard_files(layout, state);
    }
    // Every database says which binding it is (and its id base), so that its file is found.
    for (index, binding) in bindings.iter().enumerate() {
        if done[index] {
            continue;
        }
        let sql = format!(
            "DELETE FROM shard_identity; INSERT INTO shard_identity (only, binding, base) VALUES (1, '{binding}', {})",
            Layout::id_base(index)
        );
        run(&mut layout
            .wrangler(tools, &["d1", "execute", binding, "--local", "--persist-to", &persist, "--command", &sql]))?;
    }
    let files = shard_files(layout, state)?;
    step(&format!(
        "loading {subjects} subjects (~{} records) into {} databases, {} of them already loaded",
        subjects * RECORDS_PER_SUBJECT,
        bindings.len(),
        done.iter().filter(|d| **d).count()
    ));
    let started = Instant::now();
    // One sqlite3 per shard still to load, all fed at once from one pass of the generator;
    // a shard already loaded gets nothing (its rows are generated and dropped).
    let mut children: Vec<Option<Child>> = Vec::new();
    let mut outs: Vec<Box<dyn Write>> = Vec::new();
    for (index, (_, file)) in files.iter().enumerate() {
        if done[index] {
            children.push(None);
            outs.push(Box::new(std::io::sink()));
            continue;
        }
        let mut child = Command::new("sqlite3")
            .arg(file)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start sqlite3: {e}"))?;
        let mut out = BufWriter::with_capacity(1 << 20, child.stdin.take().expect("piped"));
        writeln!(out, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-200000; BEGIN;")
            .map_err(|e| e.to_string())?;
        children.push(Some(child));
        outs.push(Box::new(out));
    }
    let bases: Vec<i64> = (0..bindings.len()).map(Layout::id_base).collect();
    let config =
        Config { subjects, records_per_subject: RECORDS_PER_SUBJECT, seed: SEED, today: crate::server::today() };
    let mut last = Instant::now();
    write_sql_split(
        &config,
        &mut outs,
        &bases,
        |s| layout.database_of(s),
        |n| {
            if last.elapsed() > Duration::from_secs(30) || n == subjects {
                eprintln!("    {n}/{subjects} subjects, {:.0} s", started.elapsed().as_secs_f64());
                last = Instant::now();
            }
        },
    )
    .map_err(|e| format!("loading failed: {e}"))?;
    // The subject with a long licence history lives in the largest shard, Guiyang's.
    let guiyang = layout.database_of_region("520115");
    for (index, out) in outs.iter_mut().enumerate() {
        if done[index] {
            continue;
        }
        if index == guiyang {
            writeln!(out, "{}", long_history_sql()).map_err(|e| e.to_string())?;
        }
        writeln!(out, "COMMIT; PRAGMA analysis_limit=1000; ANALYZE;").map_err(|e| e.to_string())?;
        out.flush().map_err(|e| e.to_string())?;
    }
    drop(outs);
    for (index, child) in children.into_iter().enumerate() {
        let Some(mut child) = child else { continue };
        let status = child.wait().map_err(|e| e.to_string())?;
        if !status.success() {
            return Err(format!("sqlite3 failed while loading {} ({status})", bindings[index]));
        }
        std::fs::write(marker_of(bindings[index]), &marker).map_err(|e| e.to_string())?;
    }
    eprintln!("    loaded in {:.0} s", started.elapsed().as_secs_f64());
    Ok(files)
}

/// The sizes of each shard: subjects, records and bytes on disk.
fn shard_sizes(files: &[(String, PathBuf)]) -> Vec<(String, u64, u64, u64)> {
    files
        .iter()
        .map(|(binding, file)| {
            let count = |table: &str| {
                sqlite_query(file, &format!("SELECT count(*) FROM {table}"))
                    .ok()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0)
            };
            let bytes = std::fs::metadata(file).map_or(0, |m| m.len());
            (binding.clone(), count("subjects"), count("records"), bytes)
        })
        .collect()
}

/// `cargo xtask bench --shards`.
pub fn run_province(args: &[String]) -> Result<()> {
    let subjects: usize =
        flag(args, "--subjects").map_or(Ok(5_000_000), |s| s.parse().map_err(|_| "--subjects takes a number"))?;
    let seconds: u32 = flag(args, "--seconds").map_or(Ok(8), |s| s.parse().map_err(|_| "--seconds takes a number"))?;
    let layout = Layout::of_env(PROVINCE_ENV)?;
    let tools = tools::ensure()?;
    ensure_apt("wrk", "wrk")?;
    ensure_apt("sqlite3", "sqlite3")?;
    let state = root().join(format!(".state/province-{subjects}"));
    let load_started = Instant::now();
    let files = load(&tools, &state, &layout, subjects)?;
    let load_seconds = load_started.elapsed().as_secs_f64();
    // `--load-only`: generate the shards now (in the background of other work, say) and
    // measure in a later run on an idle machine, which reuses them.
    if args.iter().any(|a| a == "--load-only") {
        std::fs::write(state.join("load-seconds"), format!("{load_seconds:.0}")).map_err(|e| e.to_string())?;
        println!("loaded {subjects} subjects into {} databases in {load_seconds:.0} s", files.len());
        return Ok(());
    }
    let load_seconds = std::fs::read_to_string(state.join("load-seconds"))
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(load_seconds);
    // `--no-build`: measure the worker already built (edge/build), e.g. by the test run.
    if !(args.iter().any(|a| a == "--no-build") && root().join("edge/build/index.js").exists()) {
        build::worker(&tools)?;
    }
    let sizes = shard_sizes(&files);
    let guiyang = &files[layout.database_of_region("520115")].1;
    // The relevance queries come from the first 100,000 subjects (the generator is the same
    // stream at every size), so that the whole province is not held in memory to pick them.
    // Its grams are counted in a small shard (Qiannan's): which are common is the same
    // everywhere, and a pass over Guiyang's postings takes minutes.
    let qiannan = &files[layout.database_of_region("522701")].1;
    let mut kinds = mix_of(qiannan, guiyang, subjects.min(100_000))?;
    // The same searches asked of one shard: the fan-out's cost over one database's.
    let mut one_shard = Vec::new();
    for kind in &kinds {
        let fans_out = kind.path.starts_with("/api/v1/subjects?q=") && !kind.path.contains("region=");
        let by_code = kind.name == POINT_READ;
        if fans_out && !by_code && kind.name != "search no match (suggestions)" {
            one_shard.push(Kind {
                name: format!("{}, one shard", kind.name),
                path: format!("{}&region={ONE_SHARD}", kind.path),
            });
        }
    }
    kinds.extend(one_shard);
    step(&format!("benchmarking {subjects} subjects over {} databases", files.len()));
    let log = root().join(format!(".state/province-{subjects}.log"));
    let server = Server::start_with(&tools, &state, BENCH_PORT, Some(&log), true, &layout, &[])?;
    let target = server.direct_url().unwrap_or_else(|| server.url.clone());
    // `--quick`: rows read and latency at concurrency 1 only (no CPU profiles, no wrk).
    let quick = args.iter().any(|a| a == "--quick");
    let cpu = if quick {
        vec![None; kinds.len()]
    } else {
        step(&format!("profiling the worker's CPU time ({PROFILES} profiles of {SAMPLES} requests per kind)"));
        worker_cpu(&tools, &target, &server.inspector, &kinds, (PROFILES, SAMPLES)).unwrap_or_else(|e| {
            eprintln!("warning: {e}");
            vec![None; kinds.len()]
        })
    };
    let script = root().join(".state/bench-wrk.lua");
    std::fs::write(
        &script,
        "math.randomseed(os.time())\nrequest = function()\n  local ip = \"198.18.\" .. math.random(0, 255) .. \".\" .. math.random(1, 254)\n  return wrk.format(\"GET\", nil, { [\"CF-Connecting-IP\"] = ip })\nend\n",
    )
    .map_err(|e| e.to_string())?;
    let mut rows: Vec<Row> = Vec::new();
    for (kind, cpu) in kinds.iter().zip(cpu) {
        let url = format!("{target}{}", kind.path);
        let mut read = None;
        for _ in 0..3 {
            let (status, head) = super::get(&url)?;
            if status != 200 {
                return Err(format!("{} answered {status}", kind.path));
            }
            read = rows_read(&head);
        }
        let unmeasured = Measure { p50_ms: f64::NAN, p99_ms: f64::NAN, rps: f64::NAN, process_cpu_ms: f64::NAN };
        let sixteen = if quick { unmeasured } else { wrk(&url, 16, seconds, &script)? };
        eprintln!(
            "    {:<40} rows {:>4}  c16 p99 {:>7.2} ms",
            kind.name,
            read.map_or("-".into(), |r| r.to_string()),
            sixteen.p99_ms
        );
        let one = Measure { p50_ms: f64::NAN, p99_ms: f64::NAN, rps: f64::NAN, process_cpu_ms: f64::NAN };
        rows.push(Row { name: kind.name.clone(), rows_read: read, one, sixteen, cpu });
    }
    for (row, one) in rows.iter_mut().zip(interleaved(&target, &kinds, seconds)?) {
        eprintln!("    {:<40} p50 {:>6.2} ms  p99 {:>7.2} ms", row.name, one.p50_ms, one.p99_ms);
        row.one = one;
    }
    drop(server);

    let mut doc = String::new();
    writeln!(doc, "# Benchmarks at the province's size (issue 14)\n").unwrap();
    writeln!(
        doc,
        "Written by `cargo xtask bench --shards --subjects {subjects} --seconds {seconds}{}`{} on {}. {subjects} subjects with about {} records, over {} local D1 databases (`[env.province]` of `edge/wrangler.toml`: the directory `DB`, one database per prefecture, Nanming and Yunyan districts split off Guiyang). Generated and loaded in {load_seconds:.0} s. Requests go to the worker's own workerd; the method is `docs/benchmarks.md`'s.\n",
        if quick { " --quick" } else { "" },
        if quick { " (no CPU profiles and no concurrency 16: the Worker CPU figures are `cargo xtask bench`'s)" } else { "" },
        crate::server::today(),
        subjects * RECORDS_PER_SUBJECT,
        files.len()
    )
    .unwrap();
    doc.push_str(&budgets(&rows, &sizes));
    writeln!(doc, "\n## Shards\n\n| binding | subjects | records | size on disk | under the 4 GiB rows-read counter |\n|---|---:|---:|---:|---|").unwrap();
    for (binding, subjects, records, bytes) in &sizes {
        writeln!(
            doc,
            "| {binding} | {subjects} | {records} | {:.2} GB | {} |",
            *bytes as f64 / 1e9,
            if *bytes < ROWS_READ_COUNTER_LIMIT { "yes" } else { "**no**" }
        )
        .unwrap();
    }
    doc.push_str(&size_tables(subjects, &rows));
    std::fs::write(root().join("docs/benchmarks-province.md"), doc).map_err(|e| e.to_string())?;
    // The rows read per kind, for the growth table of `cargo xtask bench` (its last column).
    let rows_read: serde_json::Map<String, serde_json::Value> =
        rows.iter().map(|r| (r.name.clone(), r.rows_read.map_or(serde_json::Value::Null, Into::into))).collect();
    let growth = serde_json::json!({ "subjects": subjects, "databases": files.len(), "rows_read": rows_read });
    std::fs::write(root().join(PROVINCE_GROWTH), format!("{growth:#}\n")).map_err(|e| e.to_string())?;
    step("wrote docs/benchmarks-province.md");
    Ok(())
}

/// The budgets of a sharded deployment (issue 14), judged on the rows.
fn budgets(rows: &[Row], sizes: &[(String, u64, u64, u64)]) -> String {
    let verdict = |ok: bool| if ok { "met" } else { "**not met**" };
    let mut out = String::from("## Budgets\n\n| budget | measured | verdict |\n|---|---|---|\n");
    let searches = || rows.iter().filter(|r| r.name.starts_with("search"));
    let most = |filtered: bool| {
        searches()
            .filter(|r| (r.name.ends_with("one shard") || r.name.contains("filter")) == filtered)
            .filter_map(|r| r.rows_read.map(|n| (n, r.name.as_str())))
            .max()
    };
    if let Some((n, name)) = most(false) {
        let ok = n <= UNFILTERED_ROWS_BUDGET;
        writeln!(out, "| an unfiltered search reads ≤ {UNFILTERED_ROWS_BUDGET} rows over all shards | at most {n} ({name}) | {} |", verdict(ok)).unwrap();
    }
    if let Some((n, name)) = most(true) {
        let ok = n <= FILTERED_ROWS_BUDGET;
        writeln!(
            out,
            "| a region-filtered search reads ≤ {FILTERED_ROWS_BUDGET} rows | at most {n} ({name}) | {} |",
            verdict(ok)
        )
        .unwrap();
    }
    let profile = rows
        .iter()
        .filter(|r| r.name.starts_with("profile"))
        .filter_map(|r| r.rows_read.map(|n| (n, r.name.as_str())))
        .max();
    if let Some((n, name)) = profile {
        writeln!(
            out,
            "| a profile reads ≤ {PROFILE_ROWS_BUDGET} rows | at most {n} ({name}) | {} |",
            verdict(n <= PROFILE_ROWS_BUDGET)
        )
        .unwrap();
    }
    if let Some(point) = rows.iter().find(|r| r.name == POINT_READ) {
        for (what, of) in [("p50", (|m: &Measure| m.p50_ms) as fn(&Measure) -> f64), ("p99", |m: &Measure| m.p99_ms)] {
            let worst = searches()
                .filter(|r| r.name != POINT_READ)
                .map(|r| (of(&r.one) / of(&point.one), r))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((ratio, row)) = worst {
                writeln!(out, "| every search's {what} at c=1 ≤ {POINT_RATIO_BUDGET}× the point read's ({:.2} ms) | at most {ratio:.2}× ({}: {:.2} ms) | {} |", of(&point.one), row.name, of(&row.one), verdict(ratio <= POINT_RATIO_BUDGET)).unwrap();
            }
        }
    }
    let fan_out = rows
        .iter()
        .filter_map(|r| {
            let single = rows.iter().find(|s| s.name == format!("{}, one shard", r.name))?;
            Some((r.one.p50_ms / single.one.p50_ms, r))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((ratio, row)) = fan_out {
        writeln!(out, "| an unfiltered search's p50 ≤ {FAN_OUT_RATIO_BUDGET}× the same search on one shard | at most {ratio:.2}× ({}) | {} |", row.name, verdict(ratio <= FAN_OUT_RATIO_BUDGET)).unwrap();
    }
    let p99 = rows.iter().filter_map(|r| r.cpu.map(|c| (c.p99_ms, r.name.as_str()))).max_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((ms, name)) = p99 {
        writeln!(out, "| Worker CPU p99 ≤ {CPU_BUDGET_MS} ms for every kind (median of {PROFILES} profiles of {SAMPLES}) | at most {ms:.2} ms ({name}) | {} |", verdict(ms <= CPU_BUDGET_MS)).unwrap();
    }
    let largest = sizes.iter().map(|s| s.3).max().unwrap_or(0);
    writeln!(
        out,
        "| every shard under the local rows-read counter's 4 GiB | largest {:.2} GB | {} |",
        largest as f64 / 1e9,
        verdict(largest < ROWS_READ_COUNTER_LIMIT)
    )
    .unwrap();
    out
}
