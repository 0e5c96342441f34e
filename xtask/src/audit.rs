//! `cargo xtask audit verify [--state DIR] [--env ENV]`: walk the hash-chained audit log of
//! each local D1 of a layout (the dev server's by default; every shard keeps its own chain) and report the first broken link, with the same
//! verification the admin endpoint uses (`gzcredit_shared::audit`).

use crate::server::{dev_state, Layout};
use crate::tools::{self, Tools};
use crate::{flag, Result};
use gzcredit_shared::audit::{ChainHead, ChainVerifier, ChainedEntry};
use std::path::Path;

const PAGE: i64 = 1000;

fn query(tools: &Tools, state: &Path, layout: &Layout, binding: &str, sql: &str) -> Result<Vec<serde_json::Value>> {
    let persist = state.to_string_lossy().into_owned();
    let output = layout
        .wrangler(tools, &["d1", "execute", binding, "--local", "--persist-to", &persist, "--json", "--command", sql])
        // The JSON result is printed at the info level.
        .env("WRANGLER_LOG", "log")
        .output()
        .map_err(|e| format!("cannot run wrangler: {e}"))?;
    if !output.status.success() {
        return Err(format!("wrangler d1 execute failed: {}", String::from_utf8_lossy(&output.stderr)));
    }
    let value: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("unexpected wrangler output: {e}"))?;
    Ok(value[0]["results"].as_array().cloned().unwrap_or_default())
}

/// `cargo xtask audit verify [--state DIR]`.
pub fn run(args: &[String]) -> Result<()> {
    if args.first().map(String::as_str) != Some("verify") {
        return Err("usage: cargo xtask audit verify [--state DIR] [--env ENV]".into());
    }
    // wrangler runs in edge/: make the folder absolute first.
    let state = match flag(args, "--state") {
        Some(dir) => std::fs::canonicalize(&dir).map_err(|e| format!("--state {dir}: {e}"))?,
        None => dev_state(),
    };
    let tools = tools::ensure()?;
    let layout = match flag(args, "--env") {
        Some(env) => Layout::of_env(&env)?,
        None => Layout::single(),
    };
    for binding in layout.bindings() {
        let (count, head) = verify(&tools, &state, &layout, binding)?;
        println!("audit log of {binding} intact: {count} entries, head {} at seq {}", head.hash, head.seq);
    }
    Ok(())
}

/// Walk the audit chain of the local D1 in `state`: its length and head, or the first
/// broken link.
pub fn verify(tools: &Tools, state: &Path, layout: &Layout, binding: &str) -> Result<(u64, ChainHead)> {
    let head = query(tools, state, layout, binding, "SELECT seq, hash FROM audit_head WHERE id = 1")?
        .into_iter()
        .next()
        .map(|row| serde_json::from_value::<ChainHead>(row).map_err(|e| format!("bad audit_head row: {e}")))
        .transpose()?;
    let mut verifier = ChainVerifier::new();
    let mut after = 0i64;
    loop {
        let rows = query(
            tools,
            state,
            layout,
            binding,
            &format!(
                "SELECT seq, at, viewer_role, viewer, token_id, action, subject_code, items, matter, purpose, outcome, \
                 organisation, prev_hash, hash FROM audit_log WHERE seq > {after} ORDER BY seq LIMIT {PAGE}"
            ),
        )?;
        let done = (rows.len() as i64) < PAGE;
        for row in rows {
            let entry: ChainedEntry = serde_json::from_value(row).map_err(|e| format!("bad audit_log row: {e}"))?;
            after = entry.entry.seq;
            if let Err(broken) = verifier.push(&entry) {
                return Err(format!("audit log broken at entry {}: {}", broken.seq, broken.message_en()));
            }
        }
        if done {
            break;
        }
    }
    match verifier.finish(head.as_ref()) {
        Ok(found) => Ok(found),
        Err(broken) => Err(format!("audit log broken at entry {}: {}", broken.seq, broken.message_en())),
    }
}
