//! Credit reports (信用信息报告, Art. 31 and Art. 40): the personal report and its free
//! quota, the enterprise report, what a report contains, and the canonical form the
//! platform signs.
//!
//! - **Free personal reports** (Art. 31 ¶2): "自然人有权每年从采集、归集其社会信用信息的
//!   机构免费获取两次本人的信用信息报告" — twice per calendar year (Asia/Shanghai). The
//!   regulation grants two free reports; it does not limit how many a person may have. So a
//!   third (or later) request in a year is not refused: the report is issued and marked
//!   [`BEYOND_FREE_QUOTA_MARK_ZH`] in its signed content, so the mark cannot be stripped
//!   without breaking the signature ([`charge`], [`Charge`]). The quota year starts again on
//!   1 January ([`next_free_report_on`]). [`ErrorCode::ReportQuotaExceeded`] stays defined
//!   (error codes are never removed) but no report request returns it any more.
//!
//!   [`ErrorCode::ReportQuotaExceeded`]: crate::error::ErrorCode::ReportQuotaExceeded
//! - **Enterprise reports** (Art. 40): for government procurement, bidding, funding and
//!   the like; Art. 31 ¶2's free reports concern natural persons only ([`Charge::NotApplicable`]).
//! - **Contents** (Art. 31): the subject's registration information; every record the
//!   subject itself may see (live and ended), each with its source — "信息来源": providing
//!   department, document number, decision date, legal basis — and its changes — "变动理由":
//!   when, by whom and why each change was made, from the record's history (the newest
//!   [`MAX_REPORT_CHANGES_PER_RECORD`], the report saying when earlier ones are left out);
//!   and, as Art. 31 ¶2 requires, "信用信息的使用、查询情况": who queried it, when and for
//!   what ([`CreditReport`]).
//! - **Verifiability**: the platform signs [`signing_input`] — a fixed prefix and the
//!   report's [`canonical_json`] — with its Ed25519 key (the adapter holds the key).
//!   Canonical JSON sorts object keys and has no insignificant whitespace, so a report
//!   presented as JSON verifies whatever order its fields were re-serialised in, and any
//!   change to any value — the beyond-quota mark and the changes included — breaks it.

use crate::audit::QueryView;
use crate::catalog::Class;
use crate::date::Date;
use crate::disclosure::Viewer;
use crate::views::{RecordView, SubjectInfo};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Free personal reports per calendar year (Art. 31 ¶2).
pub const FREE_PERSONAL_REPORTS_PER_YEAR: u32 = 2;

/// The format tag of a report and of its signing input.
pub const REPORT_FORMAT: &str = "gzcredit-credit-report/1";

/// Most query-history entries a report lists (the newest; the total is given).
pub const MAX_REPORT_QUERIES: u32 = 200;

/// Most changes a report lists per record (the newest; it says when older ones are left
/// out). Bounds the history rows a report reads: at most this many, plus one to tell
/// whether any were left out, per record.
pub const MAX_REPORT_CHANGES_PER_RECORD: u32 = 20;

/// The mark of a personal report beyond the year's free ones, Chinese (Art. 31 ¶2).
pub const BEYOND_FREE_QUOTA_MARK_ZH: &str = "超出本年度免费次数（第三十一条第二款）";

/// The mark of a personal report beyond the year's free ones, English.
pub const BEYOND_FREE_QUOTA_MARK_EN: &str = "Beyond this year's free reports (Art. 31 ¶2)";

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

/// Whether a report is one of the year's free personal reports (Art. 31 ¶2). Stated in
/// the signed report (`charge`) and in the API answer.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Charge {
    /// One of the year's two free personal reports.
    Free {
        /// Free personal reports left in the year after this one.
        remaining_after: u32,
    },
    /// A personal report beyond the year's free ones: issued all the same, and marked
    /// [`BEYOND_FREE_QUOTA_MARK_ZH`].
    BeyondFreeQuota,
    /// An enterprise report: Art. 31 ¶2's free reports concern natural persons only.
    NotApplicable,
}

impl Charge {
    /// Whether the report is beyond the year's free ones.
    pub fn is_beyond_free_quota(self) -> bool {
        self == Charge::BeyondFreeQuota
    }
}

/// The calendar year whose free reports a request on `today` (Asia/Shanghai) counts
/// against.
pub fn quota_year(today: Date) -> i32 {
    today.year()
}

/// The day the next free personal report is available after the year's are used up.
pub fn next_free_report_on(today: Date) -> Date {
    Date::from_ymd(today.year() + 1, 1, 1).expect("1 January exists")
}

/// Whether a report of `kind` is free, for a subject that has had `issued_this_year`
/// personal reports (free or not) in the [`quota_year`] of the request. Never a refusal:
/// Art. 31 ¶2 grants two free reports a year, it limits nothing.
pub fn charge(kind: ReportKind, issued_this_year: u32) -> Charge {
    match kind {
        ReportKind::Enterprise => Charge::NotApplicable,
        ReportKind::Personal if issued_this_year < FREE_PERSONAL_REPORTS_PER_YEAR => {
            Charge::Free { remaining_after: FREE_PERSONAL_REPORTS_PER_YEAR - issued_this_year - 1 }
        }
        ReportKind::Personal => Charge::BeyondFreeQuota,
    }
}

/// What a charge means for the subject, Chinese and English, for a report issued on
/// `today`; `None` for an enterprise report.
pub fn charge_notice(charge: Charge, today: Date) -> Option<(String, String)> {
    let year = today.year();
    let next = next_free_report_on(today);
    let (y, m, d) = next.ymd();
    match charge {
        Charge::NotApplicable => None,
        Charge::Free { remaining_after: 0 } => Some((
            format!(
                "本报告为本年度（{year}年）免费获取的个人信用信息报告，本年度的 {FREE_PERSONAL_REPORTS_PER_YEAR} 次免费次数\
                 已经用完；下一次免费报告自 {y}年{m}月{d}日 起可以获取（第三十一条第二款）。"
            ),
            format!(
                "This is one of this year's ({year}) {FREE_PERSONAL_REPORTS_PER_YEAR} free personal credit reports; \
                 none is left this year. The next free report is available from {next} (Art. 31 ¶2)."
            ),
        )),
        Charge::Free { remaining_after } => Some((
            format!(
                "本报告为本年度（{year}年）免费获取的个人信用信息报告，本年度还可免费获取 {remaining_after} 次\
                 （第三十一条第二款）。"
            ),
            format!(
                "This is one of this year's ({year}) {FREE_PERSONAL_REPORTS_PER_YEAR} free personal credit reports; \
                 {remaining_after} more free this year (Art. 31 ¶2)."
            ),
        )),
        Charge::BeyondFreeQuota => Some((
            format!(
                "本年度（{year}年）的 {FREE_PERSONAL_REPORTS_PER_YEAR} 次免费个人信用信息报告已经用完，本报告照常出具，\
                 并标注“{BEYOND_FREE_QUOTA_MARK_ZH}”。下一次免费报告自 {y}年{m}月{d}日 起可以获取。"
            ),
            format!(
                "This year's ({year}) {FREE_PERSONAL_REPORTS_PER_YEAR} free personal credit reports are used up: this \
                 report is issued all the same and marked \"{BEYOND_FREE_QUOTA_MARK_EN}\". The next free report is \
                 available from {next}."
            ),
        )),
    }
}

/// One change of a record, as a report lists it (Art. 31 ¶1, "变动理由"): when, by whom
/// and why — the record's history without the snapshots (the report states the record as
/// it is now; the snapshots stay on the subject's history page).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct RecordChange {
    /// When (ISO 8601, UTC).
    pub changed_at: String,
    /// Who changed it: `provider` (the providing department) or `platform`.
    pub actor_role: String,
    /// The department, the platform staff member, or the procedure (`objection`).
    pub actor: String,
    /// Why.
    pub reason: String,
}

/// A record in a report, with whether it is still served and its changes.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct ReportRecord {
    /// `live` (served within its window) or `ended` (past its window or withdrawn).
    pub status: String,
    /// The record as the subject sees it, with its source: providing department, document
    /// number, decision date, legal basis.
    #[serde(flatten)]
    pub record: RecordView,
    /// Its changes with their reasons, oldest first (the newest
    /// [`MAX_REPORT_CHANGES_PER_RECORD`]).
    #[serde(default)]
    pub changes: Vec<RecordChange>,
    /// Whether older changes were left out (the history page lists them all).
    #[serde(default)]
    pub earlier_changes_left_out: bool,
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
    /// Whether it is one of the year's free personal reports (Art. 31 ¶2); absent from
    /// reports issued before reports stated it.
    #[serde(default)]
    pub charge: Option<Charge>,
    /// [`BEYOND_FREE_QUOTA_MARK_ZH`] on a personal report beyond the year's free ones.
    #[serde(default)]
    pub quota_mark_zh: Option<String>,
    /// [`BEYOND_FREE_QUOTA_MARK_EN`] on a personal report beyond the year's free ones.
    #[serde(default)]
    pub quota_mark_en: Option<String>,
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
    /// The changes of those records by record id, oldest first: the newest
    /// [`MAX_REPORT_CHANGES_PER_RECORD`] and, if there are more, one older (which tells
    /// that some are left out, and is itself left out).
    pub changes: BTreeMap<i64, Vec<RecordChange>>,
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
    /// Free or not ([`charge`]).
    pub charge: Charge,
}

/// Build the report.
pub fn build(mut input: ReportInput) -> CreditReport {
    let kind = ReportKind::for_subject(input.subject.natural_person);
    let cap = MAX_REPORT_CHANGES_PER_RECORD as usize;
    let records = input
        .records
        .into_iter()
        .map(|record| {
            let mut changes = input.changes.remove(&record.id).unwrap_or_default();
            let left_out = changes.len().saturating_sub(cap);
            changes.drain(..left_out);
            ReportRecord {
                status: if record.publicity.is_live() { "live" } else { "ended" }.to_string(),
                record,
                changes,
                earlier_changes_left_out: left_out > 0,
            }
        })
        .collect();
    let beyond = input.charge.is_beyond_free_quota();
    let mut notes_zh: Vec<String> = vec![
        "本报告载明每条信用信息的来源（提供单位、文书号、决定日期）及其每次变动的时间、变动方和变动理由，以及信用信息的使用、\
         查询情况（第三十一条）。"
            .into(),
        format!(
            "每条记录列出最近 {MAX_REPORT_CHANGES_PER_RECORD} 次变动；更早的变动未列出的，该记录注明，信用主体可在本人的\
             “来源与变更记录”中查看全部。"
        ),
        "“已结束”的记录已超过查询期限或已撤销公示，不再向社会提供（第三十三条、第三十五条、第三十六条）。".into(),
        "本报告经平台数字签名，可在 /api/v1/reports/{报告编号}/verify 核验真伪。".into(),
    ];
    let mut notes_en: Vec<String> = vec![
        "This report states the source of each record (department, document, decision date), when, by whom and why \
         each record was changed, and how the information was used and queried (Art. 31)."
            .into(),
        format!(
            "Each record lists its newest {MAX_REPORT_CHANGES_PER_RECORD} changes; a record says when older ones are \
             left out, and the subject sees them all on the record's history page."
        ),
        "Records marked \"ended\" are past their query window or withdrawn and no longer provided to the public \
         (Art. 33, 35, 36)."
            .into(),
        "The report is signed by the platform; verify it at /api/v1/reports/{number}/verify.".into(),
    ];
    if let Some((zh, en)) = charge_notice(input.charge, input.as_of_date) {
        notes_zh.insert(0, zh);
        notes_en.insert(0, en);
    }
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
        charge: Some(input.charge),
        quota_mark_zh: beyond.then(|| BEYOND_FREE_QUOTA_MARK_ZH.to_string()),
        quota_mark_en: beyond.then(|| BEYOND_FREE_QUOTA_MARK_EN.to_string()),
        subject: input.subject,
        records,
        queries: input.queries,
        queries_total: input.queries_total,
        notes_zh,
        notes_en,
    }
}

/// The charge a presented or stored report states, and the day it was issued for.
pub fn charge_of(report: &serde_json::Value) -> Option<(Charge, Date)> {
    let charge = serde_json::from_value(report.get("charge")?.clone()).ok()?;
    let date = report.get("as_of_date")?.as_str().and_then(|d| Date::parse(d).ok())?;
    Some((charge, date))
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

/// The change that stores a signed report (Art. 31). A free report was counted as one of
/// `issued_this_year` before it: a report issued meanwhile makes that count, and so this
/// report's charge, stale, and the act is planned again. A report beyond the quota stays
/// beyond it whatever else is issued.
pub fn issue_change(
    report: crate::change::NewReport,
    charge: Charge,
    issued_this_year: u32,
    items: Vec<String>,
) -> crate::change::Change {
    use crate::change::{Change, Guard, Step};
    let audit = crate::audit::AuditAct::new("report", Some(&report.subject_code), items);
    let mut change = Change::new(Some(audit));
    if matches!(charge, Charge::Free { .. }) {
        change.push(Step::Guard(Guard::ReportsIssued {
            subject_code: report.subject_code.clone(),
            year: report.year,
            count: issued_this_year,
        }));
    }
    change.push(Step::InsertReport(report));
    change
}

/// Whether `viewer` may read a stored report of `subject_code`: the subject itself (Art.
/// 31 ¶2), and platform staff whose own permissions cover every class (Art. 19 (二)) — a
/// report holds all of the subject's information and is signed whole, so it cannot be cut
/// down to a staff member's classes. Anyone else is answered as for a number never issued.
pub fn may_read(viewer: &Viewer, subject_code: &str) -> bool {
    match viewer {
        Viewer::Subject { code } => code == subject_code,
        Viewer::Admin { .. } => Class::ALL.into_iter().all(|class| viewer.may_query_class(class)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_report_is_read_by_its_subject_and_by_staff_who_may_query_every_class() {
        use crate::permissions::StaffPermissions;
        let own = Viewer::Subject { code: "np-a".into() };
        assert!(may_read(&own, "np-a"), "Art. 31 ¶2: the subject's own");
        assert!(!may_read(&own, "np-b"), "not another subject's");
        let staff = |classes: Option<Vec<Class>>| Viewer::Admin {
            staff: "s".into(),
            permissions: StaffPermissions { actions: None, classes },
        };
        assert!(may_read(&staff(None), "np-a"));
        // Art. 19 (二): a clerk limited to registration information may not read a report
        // that holds every class.
        assert!(!may_read(&staff(Some(vec![Class::Registration])), "np-a"));
        assert!(!may_read(&Viewer::Provider { department: "d".into() }, "np-a"));
    }

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    /// Hand-worked: a person with reports on 2026-03-01 and 2026-12-30 asks again at
    /// 23:59:59 on 2026-12-31 (Beijing time, 15:59:59 UTC) and one second later, at
    /// 00:00:00 on 2027-01-01 (16:00:00 UTC).
    #[test]
    fn art31_the_third_report_in_a_year_is_issued_beyond_the_free_quota() {
        assert_eq!(charge(ReportKind::Personal, 0), Charge::Free { remaining_after: 1 });
        assert_eq!(charge(ReportKind::Personal, 1), Charge::Free { remaining_after: 0 });
        assert_eq!(charge(ReportKind::Personal, 2), Charge::BeyondFreeQuota);
        assert_eq!(charge(ReportKind::Personal, 7), Charge::BeyondFreeQuota);
        assert!(charge(ReportKind::Personal, 2).is_beyond_free_quota());
        assert!(!charge(ReportKind::Personal, 1).is_beyond_free_quota());

        let issued = [d("2026-03-01"), d("2026-12-30")];
        let count_in = |today: Date| issued.iter().filter(|i| i.year() == quota_year(today)).count() as u32;
        let last_second = Date::shanghai_from_unix_millis(1_798_732_799_000);
        assert_eq!(last_second, d("2026-12-31"));
        assert_eq!(count_in(last_second), 2);
        assert_eq!(charge(ReportKind::Personal, count_in(last_second)), Charge::BeyondFreeQuota);
        let new_year = Date::shanghai_from_unix_millis(1_798_732_800_000);
        assert_eq!(new_year, d("2027-01-01"));
        assert_eq!(count_in(new_year), 0);
        assert_eq!(charge(ReportKind::Personal, count_in(new_year)), Charge::Free { remaining_after: 1 });
        assert_eq!(next_free_report_on(d("2026-12-31")), d("2027-01-01"));
        assert_eq!(next_free_report_on(d("2026-01-01")), d("2027-01-01"));

        let (zh, en) = charge_notice(Charge::BeyondFreeQuota, d("2026-12-31")).unwrap();
        assert_eq!(
            zh,
            "本年度（2026年）的 2 次免费个人信用信息报告已经用完，本报告照常出具，并标注“超出本年度免费次数（第三十一条第二款）”。\
             下一次免费报告自 2027年1月1日 起可以获取。"
        );
        assert!(en.contains("\"Beyond this year's free reports (Art. 31 ¶2)\""), "{en}");
        assert!(en.contains("2027-01-01"), "{en}");
        let (zh, _) = charge_notice(Charge::Free { remaining_after: 1 }, d("2027-01-01")).unwrap();
        assert_eq!(
            zh,
            "本报告为本年度（2027年）免费获取的个人信用信息报告，本年度还可免费获取 1 次（第三十一条第二款）。"
        );
        let (zh, _) = charge_notice(Charge::Free { remaining_after: 0 }, d("2026-12-31")).unwrap();
        assert!(zh.contains("已经用完；下一次免费报告自 2027年1月1日 起可以获取"), "{zh}");
    }

    #[test]
    fn art40_enterprise_reports_have_no_quota() {
        assert_eq!(charge(ReportKind::Enterprise, 0), Charge::NotApplicable);
        assert_eq!(charge(ReportKind::Enterprise, 50), Charge::NotApplicable);
        assert_eq!(charge_notice(Charge::NotApplicable, d("2026-01-01")), None);
    }

    #[test]
    fn charges_on_the_wire() {
        let wire = |c: Charge| serde_json::to_string(&c).unwrap();
        assert_eq!(wire(Charge::Free { remaining_after: 1 }), r#"{"kind":"free","remaining_after":1}"#);
        assert_eq!(wire(Charge::BeyondFreeQuota), r#"{"kind":"beyond_free_quota"}"#);
        assert_eq!(wire(Charge::NotApplicable), r#"{"kind":"not_applicable"}"#);
        let back: Charge = serde_json::from_str(r#"{"kind":"beyond_free_quota"}"#).unwrap();
        assert_eq!(back, Charge::BeyondFreeQuota);
    }

    fn person() -> SubjectInfo {
        SubjectInfo {
            code: "np-test".into(),
            name: "张三".into(),
            subject_type: "natural_person".into(),
            natural_person: true,
            registration_number: None,
            region: "520102".into(),
            legal_representative: None,
            id_number: Some("520102199001011234".into()),
            established: None,
            address: None,
            registration_authority: None,
        }
    }

    fn record(id: i64) -> RecordView {
        use crate::catalog::{Class, DisclosureLevel, Polarity};
        RecordView {
            id,
            item_code: "JUD-NONFULFILMENT".into(),
            item_name_zh: "拒不履行".into(),
            item_name_en: "Non-fulfilment".into(),
            class: Class::AdministrativePenalty,
            polarity: Polarity::Dishonesty,
            disclosure: DisclosureLevel::Public,
            document_number: format!("（2026）黔0102执{id}号"),
            title: "拒不履行生效判决".into(),
            content: "".into(),
            provider_department: "贵阳市云岩区人民法院".into(),
            legal_basis: "《测试法》第一条".into(),
            decision_date: Some(d("2026-06-01")),
            act_end_date: None,
            act_continuing: true,
            publicity_last_day: None,
            publicity: crate::query_window::Publicity::Live { last_day: None },
            persons: Vec::new(),
            under_objection: false,
            masked: false,
        }
    }

    fn change(n: u32) -> RecordChange {
        RecordChange {
            changed_at: format!("2026-06-{:02}T02:00:00.000Z", n % 28 + 1),
            actor_role: "provider".into(),
            actor: "贵阳市云岩区人民法院".into(),
            reason: format!("第 {n} 次报送"),
        }
    }

    fn input(charge: Charge, changes: BTreeMap<i64, Vec<RecordChange>>) -> ReportInput {
        ReportInput {
            number: "BG20261231ABCDEF0123".into(),
            subject: person(),
            records: vec![record(7), record(8)],
            changes,
            queries: Vec::new(),
            queries_total: 0,
            as_of: "2026-12-31T04:00:00.000Z".into(),
            as_of_date: d("2026-12-31"),
            purpose: None,
            charge,
        }
    }

    #[test]
    fn art31_a_report_beyond_the_quota_carries_its_mark_in_the_signed_content() {
        let report = build(input(Charge::BeyondFreeQuota, BTreeMap::new()));
        assert_eq!(report.charge, Some(Charge::BeyondFreeQuota));
        assert_eq!(report.quota_mark_zh.as_deref(), Some("超出本年度免费次数（第三十一条第二款）"));
        assert_eq!(report.quota_mark_en.as_deref(), Some("Beyond this year's free reports (Art. 31 ¶2)"));
        assert!(
            report.notes_zh[0].starts_with("本年度（2026年）的 2 次免费个人信用信息报告已经用完"),
            "{}",
            report.notes_zh[0]
        );
        let value = serde_json::to_value(&report).unwrap();
        let canonical = canonical_json(&value);
        assert!(canonical.contains(r#""quota_mark_zh":"超出本年度免费次数（第三十一条第二款）""#), "{canonical}");
        assert!(canonical.contains(r#""charge":{"kind":"beyond_free_quota"}"#), "{canonical}");
        assert_eq!(charge_of(&value), Some((Charge::BeyondFreeQuota, d("2026-12-31"))));
        // Stripping the mark changes what was signed.
        let mut stripped = value.clone();
        stripped["quota_mark_zh"] = serde_json::Value::Null;
        assert_ne!(content_hash(&stripped), content_hash(&value));

        let free = build(input(Charge::Free { remaining_after: 1 }, BTreeMap::new()));
        assert_eq!(free.quota_mark_zh, None);
        assert_eq!(free.charge, Some(Charge::Free { remaining_after: 1 }));
        // The report decodes back from its JSON (as the front end reads it).
        let back: CreditReport = serde_json::from_value(value).unwrap();
        assert_eq!(back, report);
    }

    #[test]
    fn art31_each_record_carries_its_changes_newest_kept_oldest_first() {
        let cap = MAX_REPORT_CHANGES_PER_RECORD;
        let mut changes = BTreeMap::new();
        changes.insert(7, vec![change(1), change(2)]);
        // As storage reads them: the newest `cap` and one older.
        changes.insert(8, (100..=100 + cap).map(change).collect::<Vec<_>>());
        let report = build(input(Charge::Free { remaining_after: 0 }, changes));
        let seven = &report.records[0];
        assert_eq!(seven.record.id, 7);
        assert_eq!(seven.changes, vec![change(1), change(2)]);
        assert!(!seven.earlier_changes_left_out);
        let eight = &report.records[1];
        assert_eq!(eight.changes.len(), cap as usize);
        assert_eq!(eight.changes[0].reason, "第 101 次报送", "the oldest one is left out");
        assert_eq!(eight.changes.last().unwrap().reason, format!("第 {} 次报送", 100 + cap));
        assert!(eight.earlier_changes_left_out);
        let value = serde_json::to_value(&report).unwrap();
        let first = &value["records"][0];
        assert_eq!(first["provider_department"], "贵阳市云岩区人民法院", "the source, next to the changes");
        assert_eq!(first["document_number"], "（2026）黔0102执7号");
        assert_eq!(first["decision_date"], "2026-06-01");
        assert_eq!(first["changes"][1]["reason"], "第 2 次报送");
        assert_eq!(first["changes"][1]["actor_role"], "provider");
        // Changing a reason breaks the signature's content.
        let mut altered = value.clone();
        altered["records"][0]["changes"][1]["reason"] = "改过的理由".into();
        assert_ne!(content_hash(&altered), content_hash(&value));
        // A record without history has none.
        let bare = build(input(Charge::NotApplicable, BTreeMap::new()));
        assert!(bare.records.iter().all(|r| r.changes.is_empty() && !r.earlier_changes_left_out));
    }

    #[test]
    fn reports_issued_before_charges_and_changes_still_decode() {
        let mut value =
            serde_json::to_value(build(input(Charge::Free { remaining_after: 1 }, BTreeMap::new()))).unwrap();
        let object = value.as_object_mut().unwrap();
        for key in ["charge", "quota_mark_zh", "quota_mark_en"] {
            object.remove(key);
        }
        for record in object["records"].as_array_mut().unwrap() {
            let record = record.as_object_mut().unwrap();
            record.remove("changes");
            record.remove("earlier_changes_left_out");
        }
        let old: CreditReport = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(old.charge, None);
        assert!(old.records[0].changes.is_empty());
        assert_eq!(charge_of(&value), None);
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
