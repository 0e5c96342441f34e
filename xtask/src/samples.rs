//! `cargo xtask exchange-samples [--rows N --out FILE]`: the national-format files of
//! `tests/data/exchange/`, built from the field lists (`shared/data/national_exchange.toml`)
//! and invented subjects, never from a department's data (issue 15).
//!
//! One file per generation and encoding, headers as codes or as Chinese labels, good rows
//! and rows with one known problem each (the tests count them), and an XLSX. With `--rows`,
//! one large valid penalty file instead, for timing an import.

use crate::{flag, root, Result};
use gzcredit_exchange_files::write_csv;
use gzcredit_shared::exchange::{Kind, FIELDS};
use gzcredit_shared::identifiers::Uscc;
use std::path::Path;

/// An invented enterprise of Guiyang's Guanshanhu district, numbered `n`.
fn enterprise(n: usize) -> (String, String) {
    let code =
        Uscc::from_parts('9', '1', "520115", &format!("MA{n:06}")).map(|c| c.as_str().to_string()).unwrap_or_default();
    (code, format!("贵阳观山湖样例{n}号商贸有限公司"))
}

/// The 2021 generation's value of one penalty column for the good row `n`.
fn penalty_2021(code: &str, n: usize) -> String {
    let (uscc, name) = enterprise(n);
    let value = match code {
        "CF_XDR_MC" => name,
        "CF_XDR_LB" => "法人及非法人组织".into(),
        "CF_XDR_SHXYM" => uscc,
        "CF_WSH" => format!("筑观市监罚〔2026〕{n}号"),
        "CF_WFXW" => "虚假宣传".into(),
        "CF_SY" => "在网店发布与实际不符的商品宣传".into(),
        "CF_YJ" => "《中华人民共和国反不正当竞争法》第二十条".into(),
        "CF_CFLB" => if n.is_multiple_of(3) { "警告;罚款" } else { "罚款" }.into(),
        "CF_NR" => format!("罚款人民币{}元", 1000 + n % 50 * 100),
        "CF_NR_FK" => format!("{}", (1000 + n % 50 * 100) as f64 / 10_000.0),
        // Decided in December 2025: published on every date the suites run on (the
        // pinned dates run from 2026-02-18 to 2028-02-29, within three years).
        "CF_JDRQ" => format!("2025/12/{:02}", 1 + n % 28),
        "CF_CFJG" | "CF_SJLY" => "贵阳市观山湖区市场监督管理局".into(),
        _ => String::new(),
    };
    value
}

/// The columns of `kind` of one generation, codes or labels.
fn header(kind: Kind, newer: bool, labels: bool) -> Vec<String> {
    FIELDS
        .iter()
        .filter(|f| f.kind == kind && if newer { f.in_2021 } else { f.in_2016 })
        .map(|f| if labels { f.label } else { f.code }.to_string())
        .collect()
}

fn codes(kind: Kind, newer: bool) -> Vec<&'static str> {
    FIELDS.iter().filter(|f| f.kind == kind && if newer { f.in_2021 } else { f.in_2016 }).map(|f| f.code).collect()
}

/// Good rows 1..=good, then one row per known problem.
fn penalty_rows_2021(good: usize) -> Vec<Vec<String>> {
    let cols = codes(Kind::Penalties, true);
    let row = |n: usize, change: &dyn Fn(&str) -> Option<String>| -> Vec<String> {
        cols.iter().map(|c| change(c).unwrap_or_else(|| penalty_2021(c, n))).collect()
    };
    let mut rows: Vec<Vec<String>> = (1..=good).map(|n| row(n, &|_| None)).collect();
    // Known problems, one each: a check character off by one, a day that does not exist, a
    // category the law does not know, no document number, a passport-holding person.
    let mut wrong_check = enterprise(good + 1).0;
    let check = wrong_check.pop();
    wrong_check.push(if check == Some('0') { '1' } else { '0' });
    rows.push(row(good + 1, &|c| (c == "CF_XDR_SHXYM").then(|| wrong_check.clone())));
    rows.push(row(good + 2, &|c| (c == "CF_JDRQ").then(|| "2026/02/30".into())));
    rows.push(row(good + 3, &|c| (c == "CF_CFLB").then(|| "罚金".into())));
    rows.push(row(good + 4, &|c| (c == "CF_WSH").then(String::new)));
    rows.push(row(good + 5, &|c| match c {
        "CF_XDR_LB" => Some("自然人".into()),
        "CF_XDR_SHXYM" => Some(String::new()),
        "CF_XDR_ZJLX" => Some("护照".into()),
        "CF_XDR_ZJHM" => Some("E12345678".into()),
        _ => None,
    }));
    rows
}

/// The older generation: title and result columns, `CF_CFLB1`, status.
fn penalty_rows_2016(good: usize) -> Vec<Vec<String>> {
    let cols = codes(Kind::Penalties, false);
    let row = |n: usize, status: &str| -> Vec<String> {
        let (uscc, name) = enterprise(500 + n);
        cols.iter()
            .map(|c| match *c {
                "CF_WSH" => format!("黔安监罚〔2017〕{n}号"),
                "CF_CFMC" => "安全生产行政处罚".into(),
                "CF_CFLB1" => "罚款".into(),
                "CF_SY" => "未按规定开展安全生产教育培训".into(),
                "CF_YJ" => "《中华人民共和国安全生产法》第九十四条".into(),
                "CF_XDR_MC" => name.clone(),
                "CF_XDR_SHXYM" => uscc.clone(),
                "CF_JG" => "罚款人民币二万元".into(),
                "CF_JDRQ" => format!("2025/11/{:02}", 1 + n % 28),
                "CF_XZJG" => "贵州省应急管理厅".into(),
                "CF_ZT" => status.into(),
                "DFBM" => "520000".into(),
                "SJC" => "2025/12/01 09:00:00".into(),
                _ => String::new(),
            })
            .collect()
    };
    let mut rows: Vec<Vec<String>> = (1..=good).map(|n| row(n, "0")).collect();
    rows.push(row(good + 1, "1")); // 1 = 撤销: refused.
    rows
}

fn licence_rows(good: usize) -> Vec<Vec<String>> {
    let cols = codes(Kind::Licences, true);
    (1..=good + 1)
        .map(|n| {
            let (uscc, name) = enterprise(800 + n);
            cols.iter()
                .map(|c| match *c {
                    "XK_XDR_MC" => name.clone(),
                    "XK_XDR_LB" => "法人及非法人组织".into(),
                    "XK_XDR_SHXYM" => uscc.clone(),
                    "XK_XKWS" => "食品经营许可决定书".into(),
                    "XK_WSH" => format!("JY1520115{n:07}"),
                    // The last row: a category the standard does not list.
                    "XK_XKLB" => if n <= good { "普通" } else { "一般" }.into(),
                    "XK_XKZS" => "食品经营许可证".into(),
                    "XK_XKBH" => format!("JY1520115{n:07}"),
                    "XK_NR" => "预包装食品（含冷藏冷冻食品）销售".into(),
                    "XK_JDRQ" | "XK_YXQZ" => format!("2025/12/{:02}", 1 + n % 28),
                    "XK_YXQZI" => {
                        if n.is_multiple_of(2) {
                            "2099/12/31".to_string()
                        } else {
                            format!("2030/12/{:02}", n % 28)
                        }
                    }
                    "XK_XKJG" | "XK_LYDW" => "贵阳市观山湖区市场监督管理局".into(),
                    "XK_ZT" => "1".into(),
                    _ => String::new(),
                })
                .collect()
        })
        .collect()
}

fn refs(header: &[String]) -> Vec<&str> {
    header.iter().map(String::as_str).collect()
}

fn gbk(text: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(text.strip_prefix(gzcredit_exchange_files::BOM).unwrap_or(text)).unwrap_or("");
    encoding_rs::GBK.encode(text).0.into_owned()
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("wrote {}", path.display());
    Ok(())
}

fn write_xlsx(path: &Path, header: &[String], rows: &[Vec<String>]) -> Result<()> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, h).map_err(|e| e.to_string())?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, cell).map_err(|e| e.to_string())?;
        }
    }
    book.save(path).map_err(|e| e.to_string())?;
    println!("wrote {}", path.display());
    Ok(())
}

pub fn run(args: &[String]) -> Result<()> {
    if let Some(rows) = flag(args, "--rows") {
        let rows: usize = rows.parse().map_err(|_| "--rows takes a number")?;
        let out = flag(args, "--out").ok_or("--rows needs --out FILE")?;
        let cols = codes(Kind::Penalties, true);
        let body: Vec<Vec<String>> =
            (1..=rows).map(|n| cols.iter().map(|c| penalty_2021(c, 100_000 + n)).collect()).collect();
        let header: Vec<&str> = cols.clone();
        return write(Path::new(&out), &write_csv(&header, &body));
    }
    let dir = root().join("tests/data/exchange");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    // 2021 penalties, codes, UTF-8 with BOM: 20 good rows and 5 bad.
    let codes_header = header(Kind::Penalties, true, false);
    let rows = penalty_rows_2021(20);
    write(&dir.join("penalties-2021-codes-utf8-bom.csv"), &write_csv(&refs(&codes_header), &rows))?;
    // The same rows under Chinese labels, saved as GBK (Excel on a Chinese Windows).
    let labels_header = header(Kind::Penalties, true, true);
    write(&dir.join("penalties-2021-labels-gbk.csv"), &gbk(&write_csv(&refs(&labels_header), &rows)))?;
    // 2016 penalties, codes, UTF-8 without BOM: 10 good rows and one revoked.
    let older = header(Kind::Penalties, false, false);
    let mut older_csv = write_csv(&refs(&older), &penalty_rows_2016(10));
    older_csv.drain(..gzcredit_exchange_files::BOM.len());
    write(&dir.join("penalties-2016-codes-utf8.csv"), &older_csv)?;
    // 2021 licences under Chinese labels, as an Excel workbook: 12 good rows and one bad.
    write_xlsx(&dir.join("licences-2021-labels.xlsx"), &header(Kind::Licences, true, true), &licence_rows(12))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use gzcredit_exchange_files::{read, Format};
    use gzcredit_shared::date::Date;
    use gzcredit_shared::exchange::{map_row, read_header, Generation, Kind};

    /// Rows mapped and refused of a sample file, and the columns of the refusals.
    fn outcome(name: &str) -> (Format, Kind, Generation, usize, Vec<Vec<String>>) {
        let bytes = std::fs::read(crate::root().join("tests/data/exchange").join(name))
            .expect("run cargo xtask exchange-samples");
        let (table, format) = read(&bytes).unwrap();
        let columns = read_header(&table.header).unwrap();
        let today = Date::parse("2026-12-08").unwrap();
        let mut good = 0;
        let mut refused = Vec::new();
        for row in &table.rows {
            match map_row(&columns, row.number, &row.cells, today) {
                Ok(_) => good += 1,
                Err(errors) => refused.push(errors.into_iter().filter_map(|e| e.column).collect()),
            }
        }
        (format, columns.kind, columns.generation, good, refused)
    }

    #[test]
    fn the_sample_files_hold_the_rows_they_were_written_with() {
        // 20 good rows, then a wrong check character, 30 February, 罚金, no document number
        // and a passport-holding person (samples::penalty_rows_2021).
        let expected_2021 = vec![
            vec!["CF_XDR_SHXYM".to_string()],
            vec!["CF_JDRQ".to_string()],
            vec!["CF_CFLB".to_string()],
            vec!["CF_WSH".to_string()],
            vec!["CF_XDR_ZJLX".to_string()],
        ];
        let codes = outcome("penalties-2021-codes-utf8-bom.csv");
        assert_eq!((codes.0, codes.1, codes.2, codes.3), (Format::CsvUtf8Bom, Kind::Penalties, Generation::Newer, 20));
        assert_eq!(codes.4, expected_2021);
        // The same rows under Chinese labels in GBK: the same outcome, told by label.
        let labels = outcome("penalties-2021-labels-gbk.csv");
        assert_eq!((labels.0, labels.3), (Format::CsvGb18030, 20));
        assert_eq!(
            labels.4,
            [
                ["行政相对人代码_1(统一社会信用代码)"],
                ["处罚决定日期"],
                ["处罚类别"],
                ["行政处罚决定书文号"],
                ["证件类型"]
            ]
        );
        let older = outcome("penalties-2016-codes-utf8.csv");
        assert_eq!((older.0, older.2, older.3), (Format::CsvUtf8, Generation::Older, 10));
        assert_eq!(older.4, [["CF_ZT"]], "the revoked decision");
        let licences = outcome("licences-2021-labels.xlsx");
        assert_eq!((licences.0, licences.1, licences.3), (Format::Xlsx, Kind::Licences, 12));
        assert_eq!(licences.4, [["许可类别"]]);
    }
}
