//! `cargo xtask import --provider DEPT [--url URL] [--token T] [--rejected FILE] FILE...`:
//! a department's licence or penalty files in the national format (CSV in UTF-8 or GBK,
//! XLSX), read by `gzcredit-exchange-files`, each row mapped by `shared::exchange` (the
//! mapping of the upload page), posted to `POST /api/v1/records` in batches of 500 with a
//! progress line. For a first load of years of history.
//!
//! Rows the mapping refuses are not sent; a batch the server refuses is sent again without
//! the records it named. Every refused row goes to the rejected file (the file's own
//! columns and an error column), to be corrected and imported again: importing the same
//! file twice changes nothing (records are keyed by department and document number).

use crate::{flag, Result};
use gzcredit_exchange_files::{read, write_csv};
use gzcredit_shared::date::Date;
use gzcredit_shared::exchange::{map_row, read_header, RowError};
use gzcredit_shared::record::SubmittedRecord;
use gzcredit_shared::submission::MAX_BATCH;
use serde_json::{json, Value};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What an import did, summed over its files.
#[derive(Default, Debug)]
pub struct Tally {
    /// Rows read.
    pub rows: usize,
    /// Records created, updated, unchanged by the server.
    pub created: u64,
    /// Updated.
    pub updated: u64,
    /// Unchanged.
    pub unchanged: u64,
    /// Rows refused, by the mapping or the server.
    pub rejected: usize,
}

pub fn run(args: &[String]) -> Result<()> {
    let provider =
        flag(args, "--provider").ok_or("--provider DEPT is required: the department whose records these are")?;
    let url = flag(args, "--url").unwrap_or_else(|| "http://127.0.0.1:8787".into());
    let token = flag(args, "--token")
        .or_else(|| std::env::var("GZCREDIT_TOKEN").ok())
        .unwrap_or_else(|| crate::token::dev_provider_token(&provider));
    let rejected_path = flag(args, "--rejected").map(PathBuf::from);
    let mut files = Vec::new();
    let mut skip = false;
    for arg in args {
        if skip {
            skip = false;
        } else if matches!(arg.as_str(), "--provider" | "--url" | "--token" | "--rejected") {
            skip = true;
        } else {
            files.push(PathBuf::from(arg));
        }
    }
    if files.is_empty() {
        return Err("name the files to import: cargo xtask import --provider DEPT FILE...".into());
    }
    let started = Instant::now();
    let mut tally = Tally::default();
    for file in &files {
        let rejected = rejected_path.clone().unwrap_or_else(|| rejected_file_of(file));
        import_file(&url, &token, file, &rejected, &mut tally)?;
    }
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "imported {} rows in {seconds:.1} s ({:.0} rows/s): {} created, {} updated, {} unchanged, {} rejected",
        tally.rows,
        tally.rows as f64 / seconds.max(1e-9),
        tally.created,
        tally.updated,
        tally.unchanged,
        tally.rejected
    );
    // One line on stdout, for scripts and tests.
    println!(
        "{}",
        json!({"rows": tally.rows, "created": tally.created, "updated": tally.updated, "unchanged": tally.unchanged,
               "rejected": tally.rejected, "seconds": seconds})
    );
    Ok(())
}

/// `x.csv` → `x.rejected.csv`, beside it.
fn rejected_file_of(file: &Path) -> PathBuf {
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    file.with_file_name(format!("{stem}.rejected.csv"))
}

/// The date the server judges by (its pinned clock in tests).
fn server_today(url: &str) -> Result<Date> {
    let health: Value = ureq::get(&format!("{url}/api/v1/health"))
        .call()
        .map_err(|e| format!("{url} does not answer: {e}"))?
        .into_json()
        .map_err(|e| e.to_string())?;
    let today = health["today"].as_str().ok_or("the server's health has no date")?;
    Date::parse(today).map_err(|e| e.to_string())
}

fn import_file(url: &str, token: &str, file: &Path, rejected_path: &Path, tally: &mut Tally) -> Result<()> {
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let (table, format) = read(&bytes).map_err(|e| format!("{}: {}", file.display(), e.message_zh()))?;
    let columns = read_header(&table.header).map_err(|e| format!("{}: {}", file.display(), e.message_zh))?;
    let ignored = columns.ignored();
    eprintln!(
        "{}: {} ({} file, {} generation), {} rows{}",
        file.display(),
        format.name_zh(),
        columns.kind.name_zh(),
        match columns.generation {
            gzcredit_shared::exchange::Generation::Older => "2016",
            gzcredit_shared::exchange::Generation::Newer => "2021",
        },
        table.rows.len(),
        if ignored.is_empty() {
            String::new()
        } else {
            format!("; columns not in the standard, not read: {}", ignored.join(", "))
        }
    );
    let today = server_today(url)?;
    let mut refused: Vec<(usize, String)> = Vec::new();
    let mut valid: Vec<(usize, SubmittedRecord)> = Vec::new();
    for (index, row) in table.rows.iter().enumerate() {
        match map_row(&columns, row.number, &row.cells, today) {
            Ok(record) => valid.push((index, record)),
            Err(errors) => refused.push((index, describe(&errors))),
        }
    }
    tally.rows += table.rows.len();
    let batches = valid.len().div_ceil(MAX_BATCH);
    for (n, batch) in valid.chunks(MAX_BATCH).enumerate() {
        post_batch(url, token, batch, &mut refused, tally)?;
        eprint!(
            "\r  {}/{} batches, {} of {} rows sent",
            n + 1,
            batches,
            ((n + 1) * MAX_BATCH).min(valid.len()),
            valid.len()
        );
        let _ = std::io::stderr().flush();
    }
    if batches > 0 {
        eprintln!();
    }
    tally.rejected += refused.len();
    if refused.is_empty() {
        let _ = std::fs::remove_file(rejected_path);
    } else {
        refused.sort_by_key(|(index, _)| *index);
        let mut header: Vec<&str> = table.header.iter().map(String::as_str).collect();
        header.push("错误 / error");
        let rows: Vec<Vec<String>> = refused
            .iter()
            .map(|(index, why)| {
                let mut cells = table.rows[*index].cells.clone();
                cells.resize(table.header.len(), String::new());
                cells.push(why.clone());
                cells
            })
            .collect();
        std::fs::write(rejected_path, write_csv(&header, &rows)).map_err(|e| e.to_string())?;
        eprintln!("  {} rows refused: {} (correct them and import that file)", refused.len(), rejected_path.display());
    }
    Ok(())
}

/// Row errors as one cell: `列: 原因 / column: reason`, separated by `；`.
fn describe(errors: &[RowError]) -> String {
    errors
        .iter()
        .map(|e| match &e.column {
            Some(column) => format!("{column}: {} / {}", e.message_zh, e.message_en),
            None => format!("{} / {}", e.message_zh, e.message_en),
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// Post one batch; when the server refuses records of it, record them and post the rest
/// again (a refused batch writes nothing).
fn post_batch(
    url: &str,
    token: &str,
    batch: &[(usize, SubmittedRecord)],
    refused: &mut Vec<(usize, String)>,
    tally: &mut Tally,
) -> Result<()> {
    let mut batch: Vec<&(usize, SubmittedRecord)> = batch.iter().collect();
    while !batch.is_empty() {
        let records: Vec<&SubmittedRecord> = batch.iter().map(|(_, r)| r).collect();
        let response = ureq::post(&format!("{url}/api/v1/records"))
            .set("Authorization", &format!("Bearer {token}"))
            .send_json(json!({ "records": records }));
        match response {
            Ok(ok) => {
                let counts: Value = ok.into_json().map_err(|e| e.to_string())?;
                tally.created += counts["created"].as_u64().unwrap_or(0);
                tally.updated += counts["updated"].as_u64().unwrap_or(0);
                tally.unchanged += counts["unchanged"].as_u64().unwrap_or(0);
                return Ok(());
            }
            Err(ureq::Error::Status(status, answer)) => {
                let body: Value = answer.into_json().unwrap_or(Value::Null);
                let details = body["details"].as_array().cloned().unwrap_or_default();
                let named: Vec<usize> =
                    details.iter().filter_map(|d| d["index"].as_u64()).map(|i| i as usize).collect();
                if status >= 500 || named.is_empty() {
                    return Err(format!("the server refused a batch ({status}): {body}"));
                }
                for (index, (row_index, _)) in batch.iter().enumerate() {
                    let why: Vec<String> = details
                        .iter()
                        .filter(|d| d["index"].as_u64() == Some(index as u64))
                        .map(|d| {
                            format!(
                                "{}: {} / {}",
                                d["field"].as_str().unwrap_or(""),
                                d["message_zh"].as_str().unwrap_or(""),
                                d["message_en"].as_str().unwrap_or("")
                            )
                        })
                        .collect();
                    if !why.is_empty() {
                        refused.push((*row_index, why.join("；")));
                    }
                }
                batch = batch.into_iter().enumerate().filter(|(i, _)| !named.contains(i)).map(|(_, r)| r).collect();
            }
            Err(e) => return Err(format!("{url}: {e}")),
        }
    }
    Ok(())
}
