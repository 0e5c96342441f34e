//! Credit reports (信用信息报告, Art. 31 ¶2 and Art. 40): the free personal report, the
//! enterprise report, what a report contains, and the canonical form the platform signs.
//!
//! - **Free personal reports** (Art. 31 ¶2): "自然人有权每年从采集、归集其社会信用信息的
//!   机构免费获取两次本人的信用信息报告" — twice per calendar year (Asia/Shanghai). The third
//!   request in a year is refused with [`ErrorCode::ReportQuotaExceeded`] and the day the
//!   next free one is available: 1 January of the next year ([`check_quota`]).
//! - **Enterprise reports** (Art. 40): for government procurement, bidding, funding and
//!   the like; Art. 31's quota concerns natural persons only.
//! - **Contents** (Art. 31): the subject's registration information, every record the
//!   subject itself may see (live and ended, each with its source department and dates),
//!   and — as Art. 31 ¶2 requires — "信用信息的使用、查询情况": who queried it, when and
//!   for what ([`CreditReport`]).
//! - **Verifiability**: the platform signs [`signing_input`] — a fixed prefix and the
//!   report's [`canonical_json`] — with its Ed25519 key (the adapter holds the key).
//!   Canonical JSON sorts object keys and has no insignificant whitespace, so a report
//!   presented as JSON verifies whatever order its fields were re-serialised in, and any
//!   change to any value breaks it.

use crate::api::{QueryView, RecordView, SubjectInfo};
use crate::date::Date;
use crate::error::{ApiError, ErrorCode};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Free personal reports per calendar year (Art. 31 ¶2).
pub const FREE_PERSONAL_REPORTS_PER_YEAR: u32 = 2;

/// The format tag of a report and of its signing input.
pub const REPORT_FORMAT: &str = "gzcredit-credit-report/1";

/// Most query-history entries a report lists (the newest; the total is given).
pub const MAX_REPORT_QUERIES: u32 = 200;

/// Personal or enterprise report.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// 个人信用信息报告: a natural person's own report (Art. 31 ¶2).
    Personal,
    /// 企业信用信息报告: for procurement, bidding and the like (Art. 40).
    Enterprise,
}

impl ReportKind {
    /// The kind for a subject.
    pub fn for_subject(natural_person: bool) -> ReportKind {
        if natural_person {
            ReportKind::Personal
        } else {
            ReportKind::Enterprise
        }
    }

    /// Wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::Personal => "personal",
            ReportKind::Enterprise => "enterprise",
        }
    }

    /// Title, Chinese.
    pub fn title_zh(self) -> &'static str {
        match self {
            ReportKind::Personal => "个人信用信息报告",
            ReportKind::Enterprise => "企业信用信息报告（适用于政府采购、招标投标等）",
        }
    }

    /// Title, English.
    pub fn title_en(self) -> &'static str {
        match self {
            ReportKind::Personal => "Personal credit report",
            ReportKind::Enterprise => "Enterprise credit report (for government procurement, bidding and the like)",
        }
    }
}

/// The day the next free personal report is available after the year's are used up.
pub fn next_free_report_on(today: Date) -> Date {
    Date::from_ymd(today.year() + 1, 1, 1).expect("1 January exists")
}

/// Whether a subject may have a report on `today`, having had `issued_this_year` free
/// personal reports in `today`'s calendar year.
pub fn check_quota(kind: ReportKind, issued_this_year: u32, today: Date) -> Result<(), ApiError> {
    if kind == ReportKind::Enterprise || issued_this_year < FREE_PERSONAL_REPORTS_PER_YEAR {
        return Ok(());
    }
    let next = next_free_report_on(today);
    let (y, m, d) = next.ymd();
    Err(ApiError::new(
        ErrorCode::ReportQuotaExceeded,
        format!(
            "您今年（{}年）的 {FREE_PERSONAL_REPORTS_PER_YEAR} 次免费个人信用信息报告已经用完（第三十一条）。\
             下一次免费报告自 {y}年{m}月{d}日 起可以获取。",
            today.year()
        ),
        format!(
            "You have used this year's ({}) {FREE_PERSONAL_REPORTS_PER_YEAR} free personal credit reports (Art. 31). \
             The next free report is available from {next}.",
            today.year()
        ),
    ))
}

/// A record in a report, with whether it is still served.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct ReportRecord {
    /// `live` (served within its window) or `ended` (past its window or withdrawn).
    pub status: String,
    /// The record as the subject sees it, with source department and dates.
    #[serde(flatten)]
    pub record: RecordView,
}

/// A credit report (Art. 31, 40).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct CreditReport {
    /// [`REPORT_FORMAT`].
    pub format: String,
    /// Report number.
    pub number: String,
    /// Personal or enterprise.
    pub kind: ReportKind,
    /// Title, Chinese.
    pub title_zh: String,
    /// Title, English.
    pub title_en: String,
    /// Issuing platform.
    pub issuer: String,
    /// The moment the contents are as of (ISO 8601, UTC).
    pub as_of: String,
    /// The day the contents are as of (Asia/Shanghai).
    pub as_of_date: Date,
    /// What the report is for, as stated.
    pub purpose: Option<String>,
    /// Registration information.
    pub subject: SubjectInfo,
    /// Every record the subject sees, newest first.
    pub records: Vec<ReportRecord>,
    /// How the information was used and queried (Art. 31 ¶2), newest first.
    pub queries: Vec<QueryView>,
    /// Queries in total (the report lists at most [`MAX_REPORT_QUERIES`]).
    pub queries_total: u32,
    /// Notes for the reader, Chinese.
    pub notes_zh: Vec<String>,
    /// Notes for the reader, English.
    pub notes_en: Vec<String>,
}

/// Everything a report is built from.
pub struct ReportInput {
    /// Report number.
    pub number: String,
    /// The subject's registration information (unmasked: it is the subject's own).
    pub subject: SubjectInfo,
    /// The records the subject sees.
    pub records: Vec<RecordView>,
    /// The query history, newest first.
    pub queries: Vec<QueryView>,
    /// Queries in total.
    pub queries_total: u32,
    /// As-of moment, ISO 8601 UTC.
    pub as_of: String,
    /// As-of day, Asia/Shanghai.
    pub as_of_date: Date,
    /// Stated purpose.
    pub purpose: Option<String>,
}

/// Build the report.
pub fn build(input: ReportInput) -> CreditReport {
    let kind = ReportKind::for_subject(input.subject.natural_person);
    let records = input
        .records
        .into_iter()
        .map(|record| ReportRecord {
            status: if record.publicity.is_live() { "live" } else { "ended" }.to_string(),
            record,
        })
        .collect();
    CreditReport {
        format: REPORT_FORMAT.to_string(),
        number: input.number,
        kind,
        title_zh: kind.title_zh().to_string(),
        title_en: kind.title_en().to_string(),
        issuer: "信用中国（贵州）· 贵州省信用信息共享平台".to_string(),
        as_of: input.as_of,
        as_of_date: input.as_of_date,
        purpose: input.purpose,
        subject: input.subject,
        records,
        queries: input.queries,
        queries_total: input.queries_total,
        notes_zh: vec![
            "本报告载明信用信息的来源（提供单位、文书号）及使用、查询情况（第三十一条）。".into(),
            "“已结束”的记录已超过查询期限或已撤销公示，不再向社会提供（第三十三条、第三十五条、第三十六条）。".into(),
            "本报告经平台数字签名，可在 /api/v1/reports/{报告编号}/verify 核验真伪。".into(),
        ],
        notes_en: vec![
            "This report states the source of each record (department, document) and how the information was \
             used and queried (Art. 31)."
                .into(),
            "Records marked \"ended\" are past their query window or withdrawn and no longer provided to the public \
             (Art. 33, 35, 36)."
                .into(),
            "The report is signed by the platform; verify it at /api/v1/reports/{number}/verify.".into(),
        ],
    }
}

/// Canonical JSON: object keys sorted by their UTF-8 bytes, no insignificant whitespace,
/// strings escaped as `serde_json` escapes them, numbers as `serde_json` prints them.
pub fn canonical_json(value: &serde_json::Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(&map[key], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// The bytes the platform signs: the format tag, a newline, the canonical JSON.
pub fn signing_input(report: &serde_json::Value) -> Vec<u8> {
    let mut bytes = format!("{REPORT_FORMAT}\n").into_bytes();
    bytes.extend_from_slice(canonical_json(report).as_bytes());
    bytes
}

/// SHA-256 of the canonical JSON, lower-case hex: the report's fingerprint on record.
pub fn content_hash(report: &serde_json::Value) -> String {
    Sha256::digest(canonical_json(report).as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The report number a presented report states.
pub fn number_of(report: &serde_json::Value) -> Option<&str> {
    report.get("number").and_then(|n| n.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn art31_two_free_personal_reports_a_year() {
        let today = d("2026-11-28");
        assert!(check_quota(ReportKind::Personal, 0, today).is_ok());
        assert!(check_quota(ReportKind::Personal, 1, today).is_ok());
        let e = check_quota(ReportKind::Personal, 2, today).unwrap_err();
        assert_eq!(e.code, ErrorCode::ReportQuotaExceeded);
        assert_eq!(e.http_status(), 429);
        assert!(e.message_zh.contains("2027年1月1日"), "{}", e.message_zh);
        assert!(e.message_en.contains("2027-01-01"), "{}", e.message_en);
        assert_eq!(next_free_report_on(d("2026-12-31")), d("2027-01-01"));
    }

    #[test]
    fn art40_enterprise_reports_have_no_quota() {
        assert!(check_quota(ReportKind::Enterprise, 50, d("2026-01-01")).is_ok());
    }

    #[test]
    fn canonical_json_ignores_key_order_and_whitespace() {
        let a: serde_json::Value = serde_json::from_str(r#"{"b":1,"a":{"y":[1,"二"],"x":null}}"#).unwrap();
        let b: serde_json::Value = serde_json::from_str(r#"{ "a" : { "x":null, "y":[1, "二"] }, "b":1 }"#).unwrap();
        assert_eq!(canonical_json(&a), r#"{"a":{"x":null,"y":[1,"二"]},"b":1}"#);
        assert_eq!(canonical_json(&a), canonical_json(&b));
        assert_eq!(content_hash(&a), content_hash(&b));
        let c: serde_json::Value = serde_json::from_str(r#"{"b":2,"a":{"y":[1,"二"],"x":null}}"#).unwrap();
        assert_ne!(content_hash(&a), content_hash(&c));
        assert!(signing_input(&a).starts_with(b"gzcredit-credit-report/1\n"));
    }
}
