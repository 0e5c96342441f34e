//! The upload page's module (`/provider/upload`, issue 15): its parsers (CSV, GBK tables,
//! XLSX) are the bulk of it, so it is its own wasm, fetched only when a department opens the
//! page; the public pages never load it.
//!
//! The page hands it the file's bytes ([`Upload::new`]) and asks for the mapped rows a chunk
//! at a time ([`Upload::next_chunk`]), yielding to the browser in between, so that a file of
//! 100,000 rows never freezes the page. Every answer is JSON text, read by the page with
//! the same `shared` types.

use gzcredit_exchange_files::{read, write_csv, Format, Table};
use gzcredit_shared::date::Date;
use gzcredit_shared::exchange::{map_row, read_header, Columns, Generation, RowError};
use gzcredit_shared::record::SubmittedRecord;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// A file being read.
#[wasm_bindgen]
pub struct Upload {
    table: Table,
    format: Format,
    columns: Columns,
    today: Date,
    next: usize,
    /// The rows that map, in file order: what the batches are made of.
    valid: Vec<SubmittedRecord>,
}

/// What the page shows before the rows: the file's kind, generation and format.
#[derive(Serialize)]
struct Summary<'a> {
    kind: gzcredit_shared::exchange::Kind,
    generation: Generation,
    format_zh: &'static str,
    format_en: &'static str,
    rows: usize,
    header: &'a [String],
    ignored: Vec<&'a str>,
}

/// One chunk of rows.
#[derive(Serialize)]
struct Chunk {
    /// The file row of each record that maps, in order (the page sends them by their index
    /// among these, [`Upload::batch`]).
    rows: Vec<usize>,
    errors: Vec<RowError>,
    /// Rows read so far.
    read: usize,
    done: bool,
}

/// A refused row, for the file of refused rows.
#[derive(Deserialize)]
struct Refused {
    row: usize,
    reason: String,
}

/// `{code, message_zh, message_en}` as the API writes its errors.
fn error_json(code: &str, zh: &str, en: &str) -> JsValue {
    JsValue::from_str(&serde_json::json!({ "code": code, "message_zh": zh, "message_en": en }).to_string())
}

#[wasm_bindgen]
impl Upload {
    /// Read a file; `today` (`YYYY-MM-DD`, the server's) is the day rows are checked on.
    /// Throws the error as JSON text.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: &[u8], today: &str) -> Result<Upload, JsValue> {
        let today = Date::parse(today).map_err(|e| error_json("invalid_parameter", &e.to_string(), &e.to_string()))?;
        let (table, format) = read(bytes).map_err(|e| error_json(e.code(), &e.message_zh(), &e.message_en()))?;
        let columns =
            read_header(&table.header).map_err(|e| error_json("invalid_parameter", &e.message_zh, &e.message_en))?;
        Ok(Upload { table, format, columns, today, next: 0, valid: Vec::new() })
    }

    /// The file's summary, JSON.
    pub fn summary(&self) -> String {
        let summary = Summary {
            kind: self.columns.kind,
            generation: self.columns.generation,
            format_zh: self.format.name_zh(),
            format_en: self.format.name_en(),
            rows: self.table.rows.len(),
            header: &self.table.header,
            ignored: self.columns.ignored(),
        };
        serde_json::to_string(&summary).unwrap_or_default()
    }

    /// The next `n` rows, mapped: JSON of the records and the errors.
    pub fn next_chunk(&mut self, n: usize) -> String {
        let end = (self.next + n).min(self.table.rows.len());
        let mut chunk = Chunk { rows: Vec::new(), errors: Vec::new(), read: end, done: end == self.table.rows.len() };
        for row in &self.table.rows[self.next..end] {
            match map_row(&self.columns, row.number, &row.cells, self.today) {
                Ok(record) => {
                    chunk.rows.push(row.number);
                    self.valid.push(record);
                }
                Err(errors) => chunk.errors.extend(errors),
            }
        }
        self.next = end;
        serde_json::to_string(&chunk).unwrap_or_default()
    }

    /// The body of `POST /api/v1/records` for the valid records at these indices (among all
    /// the valid records, in file order), JSON.
    pub fn batch(&self, indices: &[u32]) -> String {
        let records: Vec<&SubmittedRecord> = indices.iter().filter_map(|i| self.valid.get(*i as usize)).collect();
        serde_json::json!({ "records": records }).to_string()
    }

    /// The first `n` rows' cells as in the file, JSON: the preview.
    pub fn preview(&self, n: usize) -> String {
        let rows: Vec<(usize, &Vec<String>)> = self.table.rows.iter().take(n).map(|r| (r.number, &r.cells)).collect();
        serde_json::to_string(&rows).unwrap_or_default()
    }

    /// The refused rows (`[{row, reason}]`, JSON) as a CSV file: the file's own columns and
    /// an error column, UTF-8 with BOM, for the department to correct and upload again.
    pub fn rejected_csv(&self, refused: &str) -> Vec<u8> {
        let refused: Vec<Refused> = serde_json::from_str(refused).unwrap_or_default();
        let mut header: Vec<&str> = self.table.header.iter().map(String::as_str).collect();
        header.push("错误 / error");
        let rows: Vec<Vec<String>> = refused
            .iter()
            .filter_map(|r| {
                let row = self.table.rows.iter().find(|row| row.number == r.row)?;
                let mut cells = row.cells.clone();
                cells.resize(self.table.header.len(), String::new());
                cells.push(r.reason.clone());
                Some(cells)
            })
            .collect();
        write_csv(&header, &rows)
    }
}
