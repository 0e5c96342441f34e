//! The query window — 失信信息查询期限 (Art. 33), and the publicity periods of the
//! catalog items (Art. 35, 36 end them early).
//!
//! Art. 33: dishonesty information is not provided once three years have passed since the
//! dishonest act or event *ended* — not since the decision — unless a law, administrative
//! regulation or national rule sets another period. The catalog item of a record says
//! which rule applies ([`QueryWindowRule`]).
//!
//! ## How days are counted
//! A period "of N years from day D" begins the day after D and ends at the end of the day
//! with the same date N years later (the Civil Code's rule, 民法典 第二百零一条、第二百零三条;
//! 29 February falls back to 28 February). So the *last day served* is `D + N years`, and
//! from the next day on the record is not provided. An act that has not ended (a judgment
//! debtor who still refuses to pay) has no end date yet, and its window has not started.
//!
//! ## The end of the act: a date, or "continuing"
//! Items counted from the end of the act ([`needs_act_status`]) are served only while the
//! provider has said which it is: the act ended on a date (`act_end_date`), or it is
//! continuing (`act_continuing`). Ingest refuses a record that says neither
//! ([`check_act_status`]); a continuing act older than the window is put on the
//! supervision list for review (`crate::supervision`), not served forever unexamined.
//! A stored record that says neither (data from before this rule) is counted from its
//! decision date: the act cannot have ended later than the provider knew of it, and the
//! shorter window errs on the side of the subject.
//!
//! ## The serious dishonesty list (Art. 25, 33)
//! A listing is dishonesty information: it is shown while the subject is on the list
//! (its term) *and* the Art. 33 window of the act it rests on is open, whichever ends
//! first.
//!
//! ## Dishonest judgment debtors (失信被执行人)
//! Art. 33 yields to "国家另有规定": the Supreme People's Court's rule on the list,
//! 《最高人民法院关于公布失信被执行人名单信息的若干规定》（法释〔2017〕7号）第十条:
//! 「具有下列情形之一的，人民法院应当在三个工作日内删除失信信息：（一）被执行人已履行生效
//! 法律文书确定的义务或人民法院已执行完毕的；（二）当事人达成执行和解协议且已履行完毕的；
//! …（七）人民法院依法裁定终结执行的。有纳入期限的，不适用前款规定。纳入期限届满后三个
//! 工作日内，人民法院应当删除失信信息。」 So the record is served while the obligation is
//! unperformed, and not from the day of performance (`act_end_date`) on; a listing with an
//! inclusion period (`valid_until`) ends with it ([`QueryWindowRule::UntilPerformed`]).
//!
//! ## Administrative penalties
//! Portals apply the national rule for penalty publicity, 《失信行为纠正后的信用信息修复管理
//! 办法（试行）》（国家发展改革委令第58号）: 「最短公示期为三个月，最长公示期为三年。最短公示
//! 期届满后，方可按规定申请提前终止公示。」「对于特种设备、安全生产、消防领域的行政处罚信息，
//! 最短公示期为一年。」「同一行政处罚决定涉及多种处罚类型的，其公示期限以期限最长的类型为准。
//! 行政处罚信息的公示期限起点以行政处罚作出时间为准。」 (as published with the order by the
//! provincial credit sites). The minimum is the item's (`PEN-GENERAL` 3 months, `PEN-SAFETY`
//! 12); no minimum per penalty type is applied, because no published rule sets one. Art. 33's
//! limit from the end of the act applies as well, whichever comes first: the stricter rule
//! protects the subject.
//!
//! ## Repair and revocation
//! Art. 35: 「省级信用信息共享平台应当在收到该书面证明之日起的三个工作日内撤销该失信信息的
//! 公示」. Read with the minimum publicity above, one design satisfies both: a repair proof
//! for a penalty is *accepted* only once the minimum has passed — one received earlier is
//! refused with the first day on which it can be ([`earliest_repair`]) — and an accepted
//! proof, like a revocation notice (Art. 36), ends the publicity on the day it is received.
//! The record is no longer served to the public from that day, and the platform's 3 working
//! days are the outer limit for completing the withdrawal in every system that holds it,
//! never a period during which the public still sees it.
//!
//! ## What the subject sees
//! Art. 31 gives the subject the right to know what is held about it, so the subject
//! itself still sees its ended records, marked with the day they stopped being provided
//! and why. Nobody else does: see [`crate::disclosure`].

use crate::catalog::{CatalogItem, Polarity, QueryWindowRule};
use crate::date::Date;
use crate::error::ApiError;
use serde::{Deserialize, Serialize};

/// Default period of Art. 33, in years.
pub const DISHONESTY_QUERY_YEARS: i32 = 3;

/// Types of administrative penalty (《行政处罚法》第九条), as a penalty decision records them.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PenaltyType {
    /// 警告、通报批评.
    Warning,
    /// 罚款.
    Fine,
    /// 没收违法所得、没收非法财物.
    Confiscation,
    /// 暂扣许可证件、降低资质等级、吊销许可证件.
    LicenceAction,
    /// 限制开展生产经营活动、责令停产停业、责令关闭、限制从业.
    BusinessRestriction,
    /// 行政拘留.
    Detention,
    /// 其他.
    Other,
}

/// Why the publicity is withdrawn before the window ends: repair (Art. 35) or revocation
/// of the underlying act (Art. 36). The rules of each are in [`crate::repair`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ground {
    /// 信用修复 (Art. 35): written proof of repair from the providing unit.
    Repair,
    /// 失信信息公示撤销 (Art. 36): written notice that the underlying act was revoked.
    Revocation,
}

impl Ground {
    /// Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            Ground::Repair => "信用修复",
            Ground::Revocation => "失信行为被撤销",
        }
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            Ground::Repair => "credit repair",
            Ground::Revocation => "revocation of the underlying act",
        }
    }

    /// The article, e.g. 第三十五条.
    pub fn article(self) -> &'static str {
        match self {
            Ground::Repair => "第三十五条",
            Ground::Revocation => "第三十六条",
        }
    }

    /// What the platform received.
    pub fn document_zh(self) -> &'static str {
        match self {
            Ground::Repair => "信用修复记录的书面证明",
            Ground::Revocation => "撤销情况的书面告知",
        }
    }
}

/// The dates of a record that decide its window.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct PublicityFacts {
    /// Date of the decision (penalty decision, listing, award…).
    pub decision_date: Option<Date>,
    /// Date the dishonest act or event ended; `None` while it goes on.
    pub act_end_date: Option<Date>,
    /// The provider says the act goes on (no end date yet). See [`needs_act_status`].
    #[serde(default)]
    pub act_continuing: bool,
    /// For a red-list entry: the first day it is not served because the subject became
    /// dishonest during its term (catalog: 「发生失信行为、被列入严重失信主体名单的，立即移出」).
    /// Derived from the subject's other records by `disclosure::red_list_removals` and kept
    /// current at every write to the subject.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_removed_on: Option<Date>,
    /// End of validity (licence, award) or removal from a list, when known.
    pub valid_until: Option<Date>,
    /// Penalty types of a penalty decision.
    pub penalty_types: Vec<PenaltyType>,
    /// Repair or revocation received, and on which day.
    pub withdrawal: Option<(Ground, Date)>,
}

/// Why a record is no longer served.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    /// Its window ran out (Art. 33 or the item's publicity period).
    Expired,
    /// Repaired (Art. 35).
    Repaired,
    /// The act was revoked (Art. 36).
    Revoked,
    /// Removed from the list, or its validity ended.
    Lapsed,
    /// The judgment debtor performed the obligation (SPC rule on the list, Art. 10).
    Performed,
    /// A red-list entry removed because the subject became dishonest during its term.
    RemovedForDishonesty,
}

impl EndReason {
    /// Every reason.
    pub const ALL: [EndReason; 6] = [
        EndReason::Expired,
        EndReason::Repaired,
        EndReason::Revoked,
        EndReason::Lapsed,
        EndReason::Performed,
        EndReason::RemovedForDishonesty,
    ];

    /// The wire name (as serialised).
    pub fn as_str(self) -> &'static str {
        match self {
            EndReason::Expired => "expired",
            EndReason::Repaired => "repaired",
            EndReason::Revoked => "revoked",
            EndReason::Lapsed => "lapsed",
            EndReason::Performed => "performed",
            EndReason::RemovedForDishonesty => "removed_for_dishonesty",
        }
    }
}

// Decoded from its wire name by hand: the derived visitor (bytes, str, index and enum
// forms) costs the widget's wasm about 2 KB, which its size budget does not have.
impl<'de> Deserialize<'de> for EndReason {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<EndReason, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        EndReason::ALL.into_iter().find(|r| r.as_str() == text).ok_or_else(|| {
            serde::de::Error::unknown_variant(
                &text,
                &["expired", "repaired", "revoked", "lapsed", "performed", "removed_for_dishonesty"],
            )
        })
    }
}

/// Whether a record is served today.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum Publicity {
    /// Served; `last_day` is the last day it will be, when already known.
    Live {
        /// Last day served, if the window has an end yet.
        last_day: Option<Date>,
    },
    /// Not served since `since` (the first day it was not).
    Ended {
        /// First day not served.
        since: Date,
        /// Why.
        reason: EndReason,
    },
}

impl Publicity {
    /// Whether it is served.
    pub fn is_live(self) -> bool {
        matches!(self, Publicity::Live { .. })
    }

    /// The last day served, if known (for a live record) or the day before it ended.
    pub fn last_day(self) -> Option<Date> {
        match self {
            Publicity::Live { last_day } => last_day,
            Publicity::Ended { since, .. } => Some(since.add_days(-1)),
        }
    }
}

/// Whether records of `item` must say how the act stands: ended on a date, or continuing.
/// These are the items whose window is counted from the end of the act (Art. 33), the
/// serious dishonesty list (a listing rests on an act), and judgment debtors (served until
/// performance).
pub fn needs_act_status(item: &CatalogItem) -> bool {
    match item.window {
        QueryWindowRule::ActEnd { .. } | QueryWindowRule::UntilPerformed => true,
        QueryWindowRule::ListMembership { .. } => item.polarity == Polarity::Dishonesty,
        QueryWindowRule::None | QueryWindowRule::Validity { .. } | QueryWindowRule::PenaltyPublicity { .. } => false,
    }
}

/// Check at ingest that a record of `item` says how its act stands (see [`needs_act_status`]):
/// an end date or the continuing flag, not both, and an end date not after `today`. The
/// error names the field to correct.
pub fn check_act_status(
    item: &CatalogItem,
    facts: &PublicityFacts,
    today: Date,
) -> Result<(), (&'static str, ApiError)> {
    if facts.act_continuing && facts.act_end_date.is_some() {
        return Err((
            "act_continuing",
            ApiError::invalid_parameter(
                "act_continuing",
                "与 act_end_date 不能同时给出：行为已终止（给出终止日期）或仍在持续，二者选一",
                "cannot be given with act_end_date: the act has ended (give the date) or goes on, not both",
            ),
        ));
    }
    if facts.act_end_date.is_some_and(|end| end > today) {
        return Err((
            "act_end_date",
            ApiError::invalid_parameter("act_end_date", "不能晚于今天", "cannot be after today"),
        ));
    }
    if needs_act_status(item) && facts.act_end_date.is_none() && !facts.act_continuing {
        return Err((
            "act_end_date",
            ApiError::invalid_parameter(
                "act_end_date",
                format!(
                    "“{}”的查询期限自失信行为或者事件终止之日起计算（第三十三条）：请给出终止日期 act_end_date，\
                 行为仍在持续的请给出 act_continuing: true",
                    item.name_zh
                ),
                format!(
                    "{}: the query window runs from the end of the act (Art. 33): give act_end_date, \
                 or act_continuing: true if the act goes on",
                    item.name_en
                ),
            ),
        ));
    }
    Ok(())
}

/// The last day of the Art. 33 window of the act: `years` after it ended; `None` while it
/// goes on; from the decision for a record that never said (see the module docs).
fn act_window_last_day(facts: &PublicityFacts, years: u32) -> Option<Date> {
    match (facts.act_end_date, facts.act_continuing) {
        (Some(end), _) => Some(end.add_years(years as i32)),
        (None, true) => None,
        (None, false) => facts.decision_date.map(|d| d.add_years(years as i32)),
    }
}

/// Whether a continuing act has gone on for longer than its item's window, counted from
/// the decision: the provider should say whether it has ended (the supervision list).
pub fn continuing_past_window(item: &CatalogItem, facts: &PublicityFacts, today: Date) -> bool {
    let years = match item.window {
        QueryWindowRule::ActEnd { years } => years,
        _ if needs_act_status(item) => DISHONESTY_QUERY_YEARS as u32,
        _ => return false,
    };
    facts.act_continuing && facts.decision_date.is_some_and(|d| today > d.add_years(years as i32))
}

/// The last day on which the record is served by its window alone (no withdrawal), and
/// why it ends then. `None`: no end known yet.
pub fn window_end(item: &CatalogItem, facts: &PublicityFacts) -> Option<(Date, EndReason)> {
    let expired = |day: Date| (day, EndReason::Expired);
    match item.window {
        QueryWindowRule::None => None,
        QueryWindowRule::ActEnd { years } => act_window_last_day(facts, years).map(expired),
        QueryWindowRule::PenaltyPublicity { max_years, .. } => {
            let publicity_end = facts.decision_date.map(|d| d.add_years(max_years as i32));
            let act_end_limit = facts.act_end_date.map(|end| end.add_years(DISHONESTY_QUERY_YEARS));
            earliest(publicity_end, act_end_limit).map(expired)
        }
        QueryWindowRule::Validity { years } => facts
            .valid_until
            .or_else(|| facts.decision_date.map(|d| d.add_years(years as i32)))
            .map(|day| (day, EndReason::Lapsed)),
        QueryWindowRule::ListMembership { years } => {
            let listed = facts.valid_until.or_else(|| facts.decision_date.map(|d| d.add_years(years as i32)));
            let listed = listed.map(|day| (day, EndReason::Lapsed));
            if item.polarity != Polarity::Dishonesty {
                let removed = facts.list_removed_on.map(|day| (day.add_days(-1), EndReason::RemovedForDishonesty));
                return [listed, removed].into_iter().flatten().min_by_key(|(day, _)| *day);
            }
            // Dishonesty: also the Art. 33 window of the act the listing rests on.
            let act = act_window_last_day(facts, DISHONESTY_QUERY_YEARS as u32).map(expired);
            match (listed, act) {
                (Some(l), Some(a)) => Some(if a.0 < l.0 { a } else { l }),
                (l, a) => l.or(a),
            }
        }
        QueryWindowRule::UntilPerformed => {
            let performed = facts.act_end_date.map(|day| (day.add_days(-1), EndReason::Performed));
            let period = facts.valid_until.map(|day| (day, EndReason::Lapsed));
            // A record that never said how the act stands: counted as the Art. 33 default.
            let unknown = (!facts.act_continuing && facts.act_end_date.is_none())
                .then(|| act_window_last_day(facts, DISHONESTY_QUERY_YEARS as u32).map(expired))
                .flatten();
            [performed, period, unknown].into_iter().flatten().min_by_key(|(day, _)| *day)
        }
    }
}

/// The days on which a record counts as dishonesty on file, from its decision to the
/// first day it is no longer served (`None`: not yet known), for the red list's removal
/// rule; `None` for a record that never counts: not dishonesty information, or an act
/// that was revoked (Art. 36: it never justified the dishonest status).
pub fn dishonest_span(item: &CatalogItem, facts: &PublicityFacts) -> Option<(Date, Option<Date>)> {
    if item.polarity != Polarity::Dishonesty || matches!(facts.withdrawal, Some((Ground::Revocation, _))) {
        return None;
    }
    let start = facts.decision_date?;
    let window = window_end(item, facts).map(|(last, _)| last.add_days(1));
    let withdrawn = withdrawal_effective_from(item, facts).map(|(from, _)| from);
    Some((start, earliest(window, withdrawn)))
}

/// The first day on which a received repair proof can be accepted for a record of `item`:
/// the day after its minimum publicity (58号令; the item's `min_months` from the decision).
/// `None`: no minimum applies (not a penalty, or no decision date).
pub fn earliest_repair(item: &CatalogItem, facts: &PublicityFacts) -> Option<Date> {
    match (item.window, facts.decision_date) {
        (QueryWindowRule::PenaltyPublicity { min_months, .. }, Some(decided)) => {
            Some(decided.add_months(min_months as i32).add_days(1))
        }
        _ => None,
    }
}

/// The first day on which a received withdrawal stops publication: the day the proof
/// (Art. 35) or notice (Art. 36) was received. A repair proof is only accepted once the
/// minimum publicity has passed ([`earliest_repair`], checked by `repair::check_request`).
pub fn withdrawal_effective_from(_item: &CatalogItem, facts: &PublicityFacts) -> Option<(Date, EndReason)> {
    let (ground, received) = facts.withdrawal?;
    Some(match ground {
        Ground::Revocation => (received, EndReason::Revoked),
        Ground::Repair => (received, EndReason::Repaired),
    })
}

/// Whether the record is served on `today`.
pub fn publicity(item: &CatalogItem, facts: &PublicityFacts, today: Date) -> Publicity {
    let window = window_end(item, facts);
    let withdrawal = withdrawal_effective_from(item, facts);
    // The earliest end wins.
    let end = match (window.map(|(last, r)| (last.add_days(1), r)), withdrawal) {
        (Some(a), Some(b)) => Some(if b.0 <= a.0 { b } else { a }),
        (a, b) => a.or(b),
    };
    match end {
        Some((since, reason)) if today >= since => Publicity::Ended { since, reason },
        Some((since, _)) => Publicity::Live { last_day: Some(since.add_days(-1)) },
        None => Publicity::Live { last_day: None },
    }
}

fn earliest(a: Option<Date>, b: Option<Date>) -> Option<Date> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn facts(decided: &str, act_end: Option<&str>) -> PublicityFacts {
        PublicityFacts { decision_date: Some(d(decided)), act_end_date: act_end.map(d), ..PublicityFacts::default() }
    }

    fn continuing(decided: &str) -> PublicityFacts {
        PublicityFacts { decision_date: Some(d(decided)), act_continuing: true, ..PublicityFacts::default() }
    }

    #[test]
    fn art33_counts_three_years_from_the_end_of_the_act_not_the_decision() {
        let item = catalog::item("COE-MEASURE").unwrap();
        // Decided 2020, but the coercive measure only ended on 2023-03-15: the last day
        // served is 2026-03-15 (same date three years on), off from 2026-03-16.
        let f = facts("2020-06-01", Some("2023-03-15"));
        assert!(publicity(item, &f, d("2026-03-14")).is_live());
        assert!(publicity(item, &f, d("2026-03-15")).is_live(), "the last day is still served");
        assert_eq!(
            publicity(item, &f, d("2026-03-16")),
            Publicity::Ended { since: d("2026-03-16"), reason: EndReason::Expired }
        );
    }

    #[test]
    fn art33_a_continuing_act_has_not_started_its_window_and_goes_to_supervision() {
        let item = catalog::item("COE-MEASURE").unwrap();
        let f = continuing("2011-06-01");
        assert_eq!(publicity(item, &f, d("2026-11-28")), Publicity::Live { last_day: None });
        // Decided 2011-06-01; three years on is 2014-06-01: past it, the provider must say
        // whether the act has ended (the supervision list).
        assert!(!continuing_past_window(item, &f, d("2014-06-01")));
        assert!(continuing_past_window(item, &f, d("2014-06-02")));
        assert!(!continuing_past_window(item, &facts("2011-06-01", Some("2012-01-01")), d("2026-11-28")));
    }

    #[test]
    fn art33_no_act_end_date_is_not_forever() {
        // A 行政强制 decided 2011-06-01 that never said how the act stands is counted from
        // its decision: last day 2014-06-01, not public in 2026.
        let item = catalog::item("COE-MEASURE").unwrap();
        let f = facts("2011-06-01", None);
        assert_eq!(
            publicity(item, &f, d("2026-11-28")),
            Publicity::Ended { since: d("2014-06-02"), reason: EndReason::Expired }
        );
    }

    #[test]
    fn art33_ingest_requires_an_end_date_or_the_continuing_flag() {
        let today = d("2026-11-28");
        let coercion = catalog::item("COE-MEASURE").unwrap();
        let e = check_act_status(coercion, &facts("2011-06-01", None), today).unwrap_err();
        assert_eq!(e.0, "act_end_date");
        assert!(check_act_status(coercion, &continuing("2011-06-01"), today).is_ok());
        assert!(check_act_status(coercion, &facts("2011-06-01", Some("2012-01-01")), today).is_ok());
        let mut both = facts("2011-06-01", Some("2012-01-01"));
        both.act_continuing = true;
        assert_eq!(check_act_status(coercion, &both, today).unwrap_err().0, "act_continuing");
        assert!(check_act_status(coercion, &facts("2026-11-01", Some("2026-11-29")), today).is_err(), "future end");
        // Items not counted from the end of the act need neither.
        for code in ["PEN-GENERAL", "LIC-PERMIT", "LST-RED", "REG-BASIC"] {
            assert!(
                check_act_status(catalog::item(code).unwrap(), &facts("2026-01-01", None), today).is_ok(),
                "{code}"
            );
        }
        for code in ["LST-SERIOUS", "JUD-NONFULFILMENT", "CMT-BREACH", "LEVY-TAX-ARREARS", "GOV-INTEGRITY"] {
            assert!(
                check_act_status(catalog::item(code).unwrap(), &facts("2026-01-01", None), today).is_err(),
                "{code}"
            );
        }
    }

    #[test]
    fn art25_art33_a_listing_for_an_act_that_ended_five_years_ago_is_not_served() {
        let item = catalog::item("LST-SERIOUS").unwrap();
        // Listed on 2026-10-28 (term to 2029-10-28) for an act that ended on 2021-11-01:
        // Art. 33's last day was 2024-11-01, so the listing is not served at all.
        let f = facts("2026-10-28", Some("2021-11-01"));
        assert_eq!(
            publicity(item, &f, d("2026-11-28")),
            Publicity::Ended { since: d("2024-11-02"), reason: EndReason::Expired }
        );
        // An act that ended on 2026-09-30: the term (2029-10-28) outlasts Art. 33's window
        // (2029-09-30), so the listing is served to 2029-09-30.
        let recent = facts("2026-10-28", Some("2026-09-30"));
        assert_eq!(window_end(item, &recent), Some((d("2029-09-30"), EndReason::Expired)));
        // A continuing act: the term alone.
        assert_eq!(window_end(item, &continuing("2026-10-28")), Some((d("2029-10-28"), EndReason::Lapsed)));
    }

    #[test]
    fn spc_rule_art10_a_judgment_debtor_is_not_served_once_the_obligation_is_performed() {
        let item = catalog::item("JUD-NONFULFILMENT").unwrap();
        // Listed 2020-06-01; paid in full on 2023-03-15: served to 2023-03-14, not after —
        // not three years after payment.
        let f = facts("2020-06-01", Some("2023-03-15"));
        assert!(publicity(item, &f, d("2023-03-14")).is_live());
        assert_eq!(
            publicity(item, &f, d("2023-03-15")),
            Publicity::Ended { since: d("2023-03-15"), reason: EndReason::Performed }
        );
        // Still refusing since 2015: served.
        assert_eq!(publicity(item, &continuing("2015-06-01"), d("2026-11-28")), Publicity::Live { last_day: None });
        // Included for two years (SPC rule Art. 2) from 2024-05-31: served to 2026-05-31.
        let mut period = continuing("2024-05-31");
        period.valid_until = Some(d("2026-05-31"));
        assert_eq!(window_end(item, &period), Some((d("2026-05-31"), EndReason::Lapsed)));
    }

    #[test]
    fn penalty_publicity_ends_three_years_after_decision_or_art33_whichever_first() {
        let item = catalog::item("PEN-GENERAL").unwrap();
        let f = facts("2023-05-10", Some("2023-05-01"));
        assert_eq!(window_end(item, &f), Some((d("2026-05-01"), EndReason::Expired)));
        let ongoing = facts("2023-05-10", None);
        assert_eq!(window_end(item, &ongoing), Some((d("2026-05-10"), EndReason::Expired)));
    }

    #[test]
    fn order58_repair_is_accepted_only_after_the_minimum_publicity() {
        // PEN-GENERAL: three months from the decision on 2026-01-10, the last day of the
        // minimum is 2026-04-10; a proof is accepted from 2026-04-11.
        let general = catalog::item("PEN-GENERAL").unwrap();
        assert_eq!(earliest_repair(general, &facts("2026-01-10", None)), Some(d("2026-04-11")));
        // PEN-SAFETY: one year — from 2027-01-11. Several penalty types change nothing:
        // no published rule sets a minimum per type.
        let safety = catalog::item("PEN-SAFETY").unwrap();
        let mut f = facts("2026-01-10", None);
        f.penalty_types = vec![PenaltyType::Warning, PenaltyType::LicenceAction, PenaltyType::Fine];
        assert_eq!(earliest_repair(safety, &f), Some(d("2027-01-11")));
        assert_eq!(earliest_repair(general, &f), Some(d("2026-04-11")));
        // Not penalties: no minimum.
        assert_eq!(earliest_repair(catalog::item("CMT-BREACH").unwrap(), &f), None);
    }

    #[test]
    fn art35_an_accepted_repair_ends_publicity_on_the_day_of_receipt() {
        let item = catalog::item("PEN-GENERAL").unwrap();
        let mut f = facts("2026-01-10", Some("2026-01-05"));
        f.withdrawal = Some((Ground::Repair, d("2026-04-11")));
        assert!(publicity(item, &f, d("2026-04-10")).is_live());
        assert_eq!(
            publicity(item, &f, d("2026-04-11")),
            Publicity::Ended { since: d("2026-04-11"), reason: EndReason::Repaired }
        );
    }

    #[test]
    fn art36_revocation_withdraws_at_once() {
        let item = catalog::item("PEN-SAFETY").unwrap();
        let mut f = facts("2026-01-10", None);
        f.withdrawal = Some((Ground::Revocation, d("2026-03-01")));
        assert!(publicity(item, &f, d("2026-02-28")).is_live());
        assert_eq!(
            publicity(item, &f, d("2026-03-01")),
            Publicity::Ended { since: d("2026-03-01"), reason: EndReason::Revoked }
        );
    }

    #[test]
    fn art35_repair_of_other_dishonesty_withdraws_on_receipt() {
        let item = catalog::item("CMT-BREACH").unwrap();
        let mut f = facts("2025-01-10", Some("2025-01-01"));
        f.withdrawal = Some((Ground::Repair, d("2025-06-01")));
        assert!(!publicity(item, &f, d("2025-06-01")).is_live());
        assert!(publicity(item, &f, d("2025-05-31")).is_live());
    }

    #[test]
    fn end_reasons_round_trip_by_their_wire_names() {
        for reason in EndReason::ALL {
            let wire = serde_json::to_string(&reason).unwrap();
            assert_eq!(wire, format!("\"{}\"", reason.as_str()));
            assert_eq!(serde_json::from_str::<EndReason>(&wire).unwrap(), reason);
        }
        assert!(serde_json::from_str::<EndReason>("\"forgotten\"").is_err());
        let ended: Publicity =
            serde_json::from_str(r#"{"state":"ended","since":"2026-01-02","reason":"performed"}"#).unwrap();
        assert_eq!(ended, Publicity::Ended { since: d("2026-01-02"), reason: EndReason::Performed });
    }

    #[test]
    fn neutral_information_has_no_window() {
        let item = catalog::item("REG-BASIC").unwrap();
        assert_eq!(publicity(item, &facts("2001-01-01", None), d("2026-11-28")), Publicity::Live { last_day: None });
    }

    #[test]
    fn lists_end_at_removal_or_after_their_period() {
        let item = catalog::item("LST-RED").unwrap();
        let f = facts("2024-02-29", None);
        assert_eq!(window_end(item, &f), Some((d("2027-02-28"), EndReason::Lapsed)));
        let mut removed = f.clone();
        removed.valid_until = Some(d("2025-01-01"));
        assert!(!publicity(item, &removed, d("2025-01-02")).is_live());
        let serious = catalog::item("LST-SERIOUS").unwrap();
        assert_eq!(window_end(serious, &continuing("2024-02-29")), Some((d("2027-02-28"), EndReason::Lapsed)));
    }
}
