//! Supervision of the deadlines (Art. 34–36): everything overdue across objections,
//! repairs and revocations, as the administrator's list shows it — and the continuing
//! acts older than their Art. 33 window, which their providers must review.
//!
//! The deadlines themselves are [`crate::objection`]'s and [`crate::repair`]'s; this
//! module only turns late steps into one list, most late first.

use crate::calendar;
use crate::date::Date;
use crate::objection::Objection;
use crate::query_window;
use crate::query_window::Ground;
use crate::record::Record;
use crate::repair::{Withdrawal, WITHDRAWAL_WORKING_DAYS};
use serde::{Deserialize, Serialize};

/// The late steps of one objection on `today`.
pub fn objection_overdue(id: &str, record_id: i64, objection: &Objection, today: Date) -> Vec<OverdueItem> {
    objection
        .overdue(today)
        .into_iter()
        .map(|late| OverdueItem {
            kind: "objection".into(),
            id: id.into(),
            record_id,
            step: serde_json::to_value(late.step).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default(),
            label_zh: late.step.name_zh().into(),
            label_en: late.step.name_en().into(),
            article: late.step.article_clause(objection.channel()).into(),
            due: late.due.value,
            provisional: late.due.provisional || late.working_days_late.provisional,
            working_days_late: late.working_days_late.value,
        })
        .collect()
}

/// The withdrawal, if it is late on `today` (not completed 3 working days after receipt).
pub fn withdrawal_overdue(id: &str, record_id: i64, withdrawal: &Withdrawal, today: Date) -> Option<OverdueItem> {
    if !withdrawal.overdue(today) {
        return None;
    }
    let due = withdrawal.due();
    let late = calendar::working_days_between(due.value, today);
    let (kind, label_zh, label_en) = match withdrawal.ground {
        Ground::Repair => ("repair", "撤销失信信息公示（信用修复）", "Withdraw the publicity (credit repair)"),
        Ground::Revocation => ("revocation", "撤销失信信息公示（行为被撤销）", "Withdraw the publicity (act revoked)"),
    };
    Some(OverdueItem {
        kind: kind.into(),
        id: id.into(),
        record_id,
        step: "withdraw".into(),
        label_zh: format!("{label_zh}：收到之日起 {WITHDRAWAL_WORKING_DAYS} 个工作日内"),
        label_en: format!("{label_en}: within {WITHDRAWAL_WORKING_DAYS} working days of receipt"),
        article: withdrawal.ground.article().into(),
        due: due.value,
        provisional: due.provisional || late.provisional,
        working_days_late: late.value,
    })
}

/// A continuing act (`act_continuing`) that has gone on for longer than its item's
/// window (Art. 33): not an overdue deadline of the procedure, but a record the provider
/// must review — has the act ended? — so that "continuing" never stands in for a missing
/// end date. `None` when the record needs no review on `today`.
pub fn continuing_act_review(record: &Record, today: Date) -> Option<OverdueItem> {
    let item = crate::catalog::item(&record.item_code)?;
    if !query_window::continuing_past_window(item, &record.publicity, today) {
        return None;
    }
    let due = record.publicity.decision_date?.add_years(query_window::DISHONESTY_QUERY_YEARS);
    let late = calendar::working_days_between(due, today);
    Some(OverdueItem {
        kind: "continuing_act".into(),
        id: record.document_number.clone(),
        record_id: record.id,
        step: "review".into(),
        label_zh: format!(
            "“{}”报送为持续中的失信行为，自决定之日起已逾 {} 年：请信息提供单位（{}）确认行为是否已终止并报送终止日期",
            item.name_zh,
            query_window::DISHONESTY_QUERY_YEARS,
            record.provider_department
        ),
        label_en: format!(
            "{} reported as a continuing act more than {} years after its decision: the provider ({}) should confirm whether it has ended and give the date",
            item.name_en,
            query_window::DISHONESTY_QUERY_YEARS,
            record.provider_department
        ),
        article: "第三十三条".into(),
        due,
        provisional: late.provisional,
        working_days_late: late.value,
    })
}

/// Order a list most late first, then by due day and id.
pub fn sort(items: &mut [OverdueItem]) {
    items.sort_by(|a, b| b.working_days_late.cmp(&a.working_days_late).then(a.due.cmp(&b.due)).then(a.id.cmp(&b.id)));
}

/// One late step in the administrator's overdue list.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct OverdueItem {
    /// `objection`, `repair`, `revocation`, or `continuing_act` (a record to review).
    pub kind: String,
    /// Receipt or withdrawal number (for a continuing act, the record's document number).
    pub id: String,
    /// The record concerned.
    pub record_id: i64,
    /// The step not done (`mark`, `forward`, `decide`, `provider_decide`, `withdraw`, `review`).
    pub step: String,
    /// Label, Chinese.
    pub label_zh: String,
    /// Label, English.
    pub label_en: String,
    /// Where the regulation sets the deadline.
    pub article: String,
    /// The last day it was due.
    pub due: Date,
    /// Whether the computation rests on a year without published holidays.
    pub provisional: bool,
    /// Working days late, up to and including today.
    pub working_days_late: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objection::Channel;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn art33_a_continuing_act_older_than_the_window_is_reviewed() {
        let record = Record {
            id: 9,
            subject_code: "91520115MA6000008B".into(),
            subject_is_natural_person: false,
            item_code: "COE-MEASURE".into(),
            document_number: "筑市监强〔2022〕1号".into(),
            title: "查封".into(),
            content: String::new(),
            provider_department: "贵阳市市场监督管理局".into(),
            legal_basis: "L".into(),
            publicity: query_window::PublicityFacts {
                decision_date: Some(d("2022-11-25")),
                act_continuing: true,
                ..Default::default()
            },
            persons: vec![],
            under_objection: false,
        };
        // Decided Friday 2022-11-25: three years on is Tuesday 2025-11-25. On 2025-11-25
        // there is nothing to review; on Friday 2025-11-28 it is 3 working days past
        // (26, 27, 28 November).
        assert!(continuing_act_review(&record, d("2025-11-25")).is_none());
        let item = continuing_act_review(&record, d("2025-11-28")).expect("under review");
        assert_eq!((item.kind.as_str(), item.due, item.working_days_late), ("continuing_act", d("2025-11-25"), 3));
        let mut ended = record.clone();
        ended.publicity.act_continuing = false;
        ended.publicity.act_end_date = Some(d("2023-01-01"));
        assert!(continuing_act_review(&ended, d("2025-11-28")).is_none());
    }

    #[test]
    fn art34_to_36_overdue_across_procedures() {
        let mut o = Objection::receive(Channel::ProvincialPlatform, d("2025-09-30"));
        o.mark(d("2025-09-30")).unwrap();
        // Received Tuesday 30 September; National Day runs 1–8 October, so forwarding is
        // due Friday 10 October. By Monday 13 it is late (Saturday 11 was a make-up
        // working day), while the platform's 5 days run to Tuesday 14.
        let late = objection_overdue("YY1", 7, &o, d("2025-10-13"));
        assert_eq!(late.iter().map(|i| i.step.as_str()).collect::<Vec<_>>(), ["forward"]);
        assert_eq!((late[0].due, late[0].working_days_late), (d("2025-10-10"), 2));
        assert_eq!(late[0].article, "第三十四条第二款第（二）项");
        let w = Withdrawal::revocation(d("2025-09-30"));
        assert!(withdrawal_overdue("CX1", 8, &w, d("2025-10-11")).is_none());
        let item = withdrawal_overdue("CX1", 8, &w, d("2025-10-13")).unwrap();
        assert_eq!((item.kind.as_str(), item.due, item.working_days_late), ("revocation", d("2025-10-11"), 1));
        let mut all = late;
        all.push(item);
        sort(&mut all);
        assert_eq!(all[0].kind, "objection");
    }
}
