//! The files of the national 双公示 exchange (issue 15) as tables of text cells.
//!
//! A department's case-handling system, or Excel on a Chinese Windows, saves its licences and
//! penalties as CSV in UTF-8 (often with a byte-order mark), as CSV in GBK/GB18030 (Excel's
//! "CSV (逗号分隔)" on a zh-CN system), as Unicode text (UTF-16 with tabs), or as an XLSX
//! workbook. [`read`] takes any of them to a [`Table`]; [`write_csv`] writes the platform's
//! own exports, UTF-8 with a byte-order mark so that Excel opens them right.
//!
//! What a column means, and whether a cell is valid, is `gzcredit_shared::exchange`'s to
//! say: this crate only reads and writes cells. It builds for the browser (the upload page's
//! own wasm module), for `cargo xtask import`, and, without XLSX, for the worker's exports.

use std::fmt;

/// One row of a file: its number as the department sees it (the header is row 1) and its
/// cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// 1-based row number in the file (a spreadsheet's row, a CSV's record).
    pub number: usize,
    /// The cells, as text.
    pub cells: Vec<String>,
}

/// A file read: its header row and the rows under it that hold anything.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Table {
    /// The first row: column codes (`CF_WSH`) or Chinese labels (`行政处罚决定书文号`).
    pub header: Vec<String>,
    /// The rows under the header; rows with every cell blank are left out.
    pub rows: Vec<Row>,
}

/// How a file was stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// CSV in UTF-8.
    CsvUtf8,
    /// CSV in UTF-8 with a byte-order mark.
    CsvUtf8Bom,
    /// CSV in GBK or GB18030.
    CsvGb18030,
    /// Tab-separated text in UTF-16 (Excel's "Unicode text").
    TextUtf16,
    /// An Excel workbook: its first sheet.
    Xlsx,
}

impl Format {
    /// How the format is named to a user.
    pub fn name_zh(self) -> &'static str {
        match self {
            Format::CsvUtf8 => "CSV（UTF-8）",
            Format::CsvUtf8Bom => "CSV（UTF-8，带 BOM）",
            Format::CsvGb18030 => "CSV（GBK/GB18030）",
            Format::TextUtf16 => "Unicode 文本（UTF-16）",
            Format::Xlsx => "Excel 工作簿（XLSX）",
        }
    }

    /// The format's English name.
    pub fn name_en(self) -> &'static str {
        match self {
            Format::CsvUtf8 => "CSV (UTF-8)",
            Format::CsvUtf8Bom => "CSV (UTF-8 with BOM)",
            Format::CsvGb18030 => "CSV (GBK/GB18030)",
            Format::TextUtf16 => "Unicode text (UTF-16)",
            Format::Xlsx => "Excel workbook (XLSX)",
        }
    }
}

/// Why a file cannot be read, with what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    /// No rows at all.
    Empty,
    /// Neither UTF-8 nor GBK/GB18030 text.
    Encoding,
    /// A CSV that does not parse (an unclosed quote, say).
    Csv(String),
    /// An XLSX that does not open, or the build has no XLSX reader.
    Xlsx(String),
}

impl FileError {
    /// A stable code for the API and the page.
    pub fn code(&self) -> &'static str {
        match self {
            FileError::Empty => "file_empty",
            FileError::Encoding => "file_encoding",
            FileError::Csv(_) => "file_csv",
            FileError::Xlsx(_) => "file_xlsx",
        }
    }

    /// What is wrong and what to do, in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            FileError::Empty => "文件中没有数据：第一行应为表头（字段代码或中文名称），其下每行一条记录。".into(),
            FileError::Encoding => "无法识别文件编码：请另存为 UTF-8 或 GBK 编码的 CSV，或 XLSX 工作簿。".into(),
            FileError::Csv(why) => format!("CSV 格式有误（{why}）：请检查引号是否成对，或用 Excel 重新另存。"),
            FileError::Xlsx(why) => format!("无法读取 XLSX 工作簿（{why}）：请用 Excel 重新另存，或另存为 CSV。"),
        }
    }

    /// What is wrong and what to do, in English.
    pub fn message_en(&self) -> String {
        match self {
            FileError::Empty => {
                "the file holds no data: the first row must be the header (field codes or Chinese labels), one record per row below it".into()
            }
            FileError::Encoding => {
                "the file's encoding is not recognised: save it as CSV in UTF-8 or GBK, or as an XLSX workbook".into()
            }
            FileError::Csv(why) => format!("the CSV is malformed ({why}): check that quotes are paired, or save it again from Excel"),
            FileError::Xlsx(why) => format!("the XLSX workbook cannot be read ({why}): save it again from Excel, or as CSV"),
        }
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}

impl std::error::Error for FileError {}

/// The ZIP signature every XLSX starts with.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16LE_BOM: &[u8] = b"\xFF\xFE";

/// Read a file whatever its format, told by its first bytes (never by its name: a
/// department's `.csv` may well be GBK, and its `.xls` a renamed CSV).
pub fn read(bytes: &[u8]) -> Result<(Table, Format), FileError> {
    if bytes.starts_with(ZIP_MAGIC) {
        return Ok((read_xlsx(bytes)?, Format::Xlsx));
    }
    let (text, format) = decode(bytes)?;
    let delimiter = if format == Format::TextUtf16 { b'\t' } else { sniff_delimiter(&text) };
    Ok((read_delimited(&text, delimiter)?, format))
}

/// The text of a CSV file and its encoding: UTF-8 after a BOM or when it is valid UTF-8,
/// UTF-16 after its BOM, else GB18030 (a superset of GBK and GB2312).
pub fn decode(bytes: &[u8]) -> Result<(String, Format), FileError> {
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        return std::str::from_utf8(rest).map(|t| (t.to_string(), Format::CsvUtf8Bom)).map_err(|_| FileError::Encoding);
    }
    if bytes.starts_with(UTF16LE_BOM) {
        let (text, _, had_errors) = encoding_rs::UTF_16LE.decode(bytes);
        return if had_errors { Err(FileError::Encoding) } else { Ok((text.into_owned(), Format::TextUtf16)) };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), Format::CsvUtf8));
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(FileError::Encoding);
    }
    Ok((text.into_owned(), Format::CsvGb18030))
}

/// A tab when the header row has tabs and no commas, else a comma.
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    if header.contains('\t') && !header.contains(',') {
        b'\t'
    } else {
        b','
    }
}

/// Rows of delimited text; the first non-blank row is the header.
fn read_delimited(text: &str, delimiter: u8) -> Result<Table, FileError> {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| FileError::Csv(format!("第 {} 行 / row {}: {e}", index + 1, index + 1)))?;
        rows.push(Row { number: index + 1, cells: record.iter().map(str::to_string).collect() });
    }
    table(rows)
}

/// The header (the first row with anything in it) and the rows under it with anything in
/// them.
fn table(rows: Vec<Row>) -> Result<Table, FileError> {
    let blank = |row: &Row| row.cells.iter().all(|c| c.trim().is_empty());
    let mut rows = rows.into_iter().filter(|row| !blank(row));
    let header = rows.next().ok_or(FileError::Empty)?.cells.iter().map(|c| c.trim().to_string()).collect();
    Ok(Table { header, rows: rows.collect() })
}

/// The first sheet of an XLSX workbook. Dates become `YYYY-MM-DD`, whole numbers lose
/// their `.0` (a document number typed as a number stays as typed).
#[cfg(feature = "xlsx")]
pub fn read_xlsx(bytes: &[u8]) -> Result<Table, FileError> {
    use calamine::{Data, Reader, Xlsx};
    let mut workbook: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| FileError::Xlsx(e.to_string()))?;
    let range = match workbook.worksheet_range_at(0) {
        Some(range) => range.map_err(|e| FileError::Xlsx(e.to_string()))?,
        None => return Err(FileError::Empty),
    };
    let (first_row, _) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .enumerate()
        .map(|(index, cells)| Row {
            number: first_row as usize + index + 1,
            cells: cells
                .iter()
                .map(|cell| match cell {
                    Data::Empty => String::new(),
                    Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
                    Data::Int(i) => i.to_string(),
                    Data::Float(f) => number_text(*f),
                    Data::Bool(b) => b.to_string(),
                    Data::DateTime(dt) => excel_date(dt.as_f64()),
                    Data::Error(e) => format!("#{e:?}"),
                })
                .collect(),
        })
        .collect();
    table(rows)
}

/// Without the `xlsx` feature: a clear refusal.
#[cfg(not(feature = "xlsx"))]
pub fn read_xlsx(_bytes: &[u8]) -> Result<Table, FileError> {
    Err(FileError::Xlsx("this build reads CSV only".into()))
}

/// A number as typed: `12` for 12.0, else its shortest form.
#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// An Excel serial date (days since 1899-12-30, the 1900 system) as `YYYY-MM-DD`; the time
/// of day is dropped (the standard's dates are days).
#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
fn excel_date(serial: f64) -> String {
    // The serial of 1970-01-01 is 25569.
    gzcredit_shared::date::Date::from_days_since_epoch(serial.floor() as i32 - 25569).to_string()
}

/// A CSV file in UTF-8 with a byte-order mark (so that Excel on a Chinese Windows reads it
/// as UTF-8), fields quoted only when they must be, rows ended by CRLF (RFC 4180). The
/// same table always gives the same bytes.
pub fn write_csv(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = UTF8_BOM.to_vec();
    out.extend(csv_rows(std::iter::once(header.iter().map(|h| h.to_string()).collect()).chain(rows.iter().cloned())));
    out
}

/// Rows as CSV lines (no byte-order mark): for a file written a page at a time.
pub fn csv_rows(rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).flexible(true).from_writer(Vec::new());
    for row in rows {
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(&row);
    }
    writer.into_inner().unwrap_or_default()
}

/// The byte-order mark that starts a UTF-8 export.
pub const BOM: &[u8] = UTF8_BOM;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom_and_gbk_read_the_same() {
        // "文号,名称\nA-1,贵州某某公司\n" in UTF-8, and in GBK: 文 = CE C4, 号 = BA C5, 名 = C3 FB,
        // 称 = B3 C6, 贵 = B9 F3, 州 = D6 DD, 某 = C4 B3, 公 = B9 AB, 司 = CB BE (GB 2312 table).
        let utf8 = "文号,名称\nA-1,贵州某某公司\n".as_bytes().to_vec();
        let mut bom = UTF8_BOM.to_vec();
        bom.extend(&utf8);
        let gbk: Vec<u8> = [
            &[0xCE, 0xC4, 0xBA, 0xC5][..],
            b",",
            &[0xC3, 0xFB, 0xB3, 0xC6],
            b"\nA-1,",
            &[0xB9, 0xF3, 0xD6, 0xDD, 0xC4, 0xB3, 0xC4, 0xB3, 0xB9, 0xAB, 0xCB, 0xBE],
            b"\n",
        ]
        .concat();
        let expected = Table {
            header: vec!["文号".into(), "名称".into()],
            rows: vec![Row { number: 2, cells: vec!["A-1".into(), "贵州某某公司".into()] }],
        };
        assert_eq!(read(&utf8).unwrap(), (expected.clone(), Format::CsvUtf8));
        assert_eq!(read(&bom).unwrap(), (expected.clone(), Format::CsvUtf8Bom));
        assert_eq!(read(&gbk).unwrap(), (expected, Format::CsvGb18030));
    }

    #[test]
    fn blank_rows_are_skipped_but_numbers_stay_those_of_the_file() {
        let (table, _) = read(b"a,b\n,\nx,\"y,z\"\n\n1,2").unwrap();
        assert_eq!(table.rows.iter().map(|r| r.number).collect::<Vec<_>>(), [3, 4]);
        assert_eq!(table.rows[0].cells, ["x", "y,z"]);
    }

    #[test]
    fn unicode_text_is_tab_separated_utf16() {
        let mut bytes = UTF16LE_BOM.to_vec();
        for unit in "文号\t名称\r\nA\t乙\r\n".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let (table, format) = read(&bytes).unwrap();
        assert_eq!(format, Format::TextUtf16);
        assert_eq!(table.header, ["文号", "名称"]);
        assert_eq!(table.rows[0].cells, ["A", "乙"]);
    }

    #[test]
    fn what_cannot_be_read_says_what_to_do() {
        assert_eq!(read(b"").unwrap_err(), FileError::Empty);
        assert_eq!(read(b"\n,,\n").unwrap_err(), FileError::Empty);
        // 0xFF is neither UTF-8 nor a GB18030 byte (0x80 would be: GB18030 reads it as €).
        assert_eq!(read(&[b'a', 0xFF, b'\n']).unwrap_err(), FileError::Encoding);
        assert!(matches!(read(b"PK\x03\x04junk"), Err(FileError::Xlsx(_))));
        assert!(FileError::Encoding.message_zh().contains("UTF-8"));
    }

    #[test]
    fn an_export_opens_in_excel_and_reads_back() {
        let bytes = write_csv(&["CF_WSH", "CF_NR"], &[vec!["黔市监罚〔2026〕1号".into(), "罚款，五千元".into()]]);
        assert!(bytes.starts_with(UTF8_BOM));
        assert_eq!(std::str::from_utf8(&bytes[3..]).unwrap(), "CF_WSH,CF_NR\r\n黔市监罚〔2026〕1号,罚款，五千元\r\n");
        let (table, format) = read(&bytes).unwrap();
        assert_eq!(format, Format::CsvUtf8Bom);
        assert_eq!(table.rows[0].cells, ["黔市监罚〔2026〕1号", "罚款，五千元"]);
    }

    #[test]
    fn excel_serial_dates_are_days() {
        // 45292 is 2024-01-01 in Excel's 1900 system (2024-01-01 − 1899-12-30 = 45292 days);
        // 25569 is 1970-01-01; a time of day (.75) is dropped.
        assert_eq!(excel_date(45292.0), "2024-01-01");
        assert_eq!(excel_date(25569.75), "1970-01-01");
        assert_eq!(excel_date(45351.0), "2024-02-29");
        assert_eq!(number_text(12.0), "12");
        assert_eq!(number_text(0.5), "0.5");
    }
}
