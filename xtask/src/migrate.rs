//! `cargo xtask migrate [--env ENV] [--remote] [--state DIR]`: apply `edge/migrations/` to
//! every database of a layout (the directory and each shard of its `SHARDS` map, issue 14),
//! and give each database its id base (migration `0010_shard_identity.sql`) if it has none.
//!
//! Local databases (`--state`, the dev server's by default) unless `--remote`, which is
//! what a deployment runs: `cargo xtask migrate --env production --remote`.

use crate::server::{dev_state, Layout};
use crate::tools::{self, run};
use crate::{flag, step, Result};

/// `cargo xtask migrate`.
pub fn run_migrate(args: &[String]) -> Result<()> {
    let layout = match flag(args, "--env") {
        Some(env) => Layout::of_env(&env)?,
        None => Layout::single(),
    };
    let remote = args.iter().any(|a| a == "--remote");
    let state = flag(args, "--state").map_or_else(dev_state, std::path::PathBuf::from);
    let persist = state.to_string_lossy().into_owned();
    let target: Vec<&str> = if remote { vec!["--remote"] } else { vec!["--local", "--persist-to", &persist] };
    let tools = tools::ensure()?;
    let bindings = layout.bindings();
    let mut bases: Vec<Option<i64>> = Vec::new();
    for binding in &bindings {
        step(&format!("applying migrations to {binding}"));
        let mut args = vec!["d1", "migrations", "apply", binding];
        args.extend_from_slice(&target);
        run(layout.wrangler(&tools, &args).env("CI", "true"))?;
        bases.push(base_of(&layout, &tools, binding, &target)?);
    }
    // A database keeps the base it was given; a new one takes the smallest number unused.
    // The directory numbers from 0 and needs no row.
    for (index, binding) in bindings.iter().enumerate() {
        if index == 0 || bases[index].is_some() {
            continue;
        }
        let number = (1..).find(|n| !bases.contains(&Some(Layout::id_base(*n)))).unwrap_or(1);
        let base = Layout::id_base(number);
        bases[index] = Some(base);
        step(&format!("{binding}: ids from {base}"));
        let sql = format!("INSERT INTO shard_identity (only, binding, base) VALUES (1, '{binding}', {base})");
        let mut args = vec!["d1", "execute", binding, "--command", &sql];
        args.extend_from_slice(&target);
        run(&mut layout.wrangler(&tools, &args))?;
    }
    println!("migrated {} database(s): {}", bindings.len(), bindings.join(", "));
    Ok(())
}

/// The id base a database was given, if any.
fn base_of(layout: &Layout, tools: &tools::Tools, binding: &str, target: &[&str]) -> Result<Option<i64>> {
    let mut args = vec!["d1", "execute", binding, "--json", "--command", "SELECT base FROM shard_identity"];
    args.extend_from_slice(target);
    let output = layout
        .wrangler(tools, &args)
        .env("WRANGLER_LOG", "log")
        .output()
        .map_err(|e| format!("cannot run wrangler: {e}"))?;
    if !output.status.success() {
        return Err(format!("reading the id base of {binding}: {}", String::from_utf8_lossy(&output.stderr)));
    }
    let value: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("unexpected wrangler output: {e}"))?;
    Ok(value[0]["results"].get(0).and_then(|row| row["base"].as_i64()))
}
