//! Supervision of the deadlines (Art. 34–36): everything overdue across objections,
//! repairs and revocations, as the administrator's list shows it.
//!
//! The deadlines themselves are [`crate::objection`]'s and [`crate::repair`]'s; this
//! module only turns late steps into one list, most late first.

use crate::api::OverdueItem;
use crate::calendar;
use crate::date::Date;
use crate::objection::Objection;
use crate::repair::{Ground, Withdrawal, WITHDRAWAL_WORKING_DAYS};

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

/// Order a list most late first, then by due day and id.
pub fn sort(items: &mut [OverdueItem]) {
    items.sort_by(|a, b| b.working_days_late.cmp(&a.working_days_late).then(a.due.cmp(&b.due)).then(a.id.cmp(&b.id)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objection::Channel;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
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
