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
//! ## Administrative penalties
//! Portals apply the national rule for penalty publicity: at least 3 months and at most
//! 3 years from the decision; at least 1 year for special-equipment, work-safety and
//! fire-safety penalties (a separate catalog item); where one decision carries several
//! penalty types the longest minimum applies; a repaired penalty stops being published
//! after the minimum, not before. Art. 33's limit from the end of the act applies as well,
//! whichever comes first: the stricter rule protects the subject.
//!
//! ## Repair and revocation
//! From the day the platform receives the provider's written proof of repair (Art. 35) or
//! written notice of revocation (Art. 36), the record is no longer served to the public,
//! even though the platform has 3 working days to complete the withdrawal: the deadline is
//! the platform's outer limit, not a grace period for publication. A revoked act is
//! withdrawn at once whatever its minimum publicity (the decision no longer exists).
//!
//! ## What the subject sees
//! Art. 31 gives the subject the right to know what is held about it, so the subject
//! itself still sees its ended records, marked with the day they stopped being provided
//! and why. Nobody else does: see [`crate::disclosure`].

use crate::catalog::{CatalogItem, QueryWindowRule};
use crate::date::Date;
use crate::repair::Ground;
use serde::{Deserialize, Serialize};

/// Default period of Art. 33, in years.
pub const DISHONESTY_QUERY_YEARS: i32 = 3;

/// Types of administrative penalty (《行政处罚法》第九条), each with the minimum publicity
/// that portals apply before a repair may end it.
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

impl PenaltyType {
    /// Minimum publicity in months before a repair may end it.
    pub fn minimum_publicity_months(self) -> u32 {
        match self {
            PenaltyType::Warning | PenaltyType::Other => 3,
            PenaltyType::Fine | PenaltyType::Confiscation => 6,
            PenaltyType::LicenceAction | PenaltyType::BusinessRestriction | PenaltyType::Detention => 12,
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
    /// End of validity (licence, award) or removal from a list, when known.
    pub valid_until: Option<Date>,
    /// Penalty types of a penalty decision.
    pub penalty_types: Vec<PenaltyType>,
    /// Repair or revocation received, and on which day.
    pub withdrawal: Option<(Ground, Date)>,
}

/// Why a record is no longer served.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
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

/// The last day on which the record is served by its window alone (no withdrawal), and
/// why it ends then. `None`: no end known yet.
pub fn window_end(item: &CatalogItem, facts: &PublicityFacts) -> Option<(Date, EndReason)> {
    let act_end_limit = facts.act_end_date.map(|end| end.add_years(DISHONESTY_QUERY_YEARS));
    match item.window {
        QueryWindowRule::None => None,
        QueryWindowRule::ActEnd { years } => {
            facts.act_end_date.map(|end| (end.add_years(years as i32), EndReason::Expired))
        }
        QueryWindowRule::PenaltyPublicity { max_years, .. } => {
            let publicity_end = facts.decision_date.map(|d| d.add_years(max_years as i32));
            earliest(publicity_end, act_end_limit).map(|day| (day, EndReason::Expired))
        }
        QueryWindowRule::Validity { years } => facts
            .valid_until
            .or_else(|| facts.decision_date.map(|d| d.add_years(years as i32)))
            .map(|day| (day, EndReason::Lapsed)),
        QueryWindowRule::ListMembership { years } => {
            let listed_until = facts.valid_until.or_else(|| facts.decision_date.map(|d| d.add_years(years as i32)));
            listed_until.map(|day| (day, EndReason::Lapsed))
        }
    }
}

/// The first day on which a received withdrawal stops publication.
///
/// A repaired penalty stays published until its minimum publicity has passed (the longest
/// minimum of its penalty types and of its item); anything else stops on the day the
/// proof or notice is received.
pub fn withdrawal_effective_from(item: &CatalogItem, facts: &PublicityFacts) -> Option<(Date, EndReason)> {
    let (ground, received) = facts.withdrawal?;
    match ground {
        Ground::Revocation => Some((received, EndReason::Revoked)),
        Ground::Repair => {
            let from = match (item.window, facts.decision_date) {
                (QueryWindowRule::PenaltyPublicity { min_months, .. }, Some(decided)) => {
                    let months =
                        facts.penalty_types.iter().map(|t| t.minimum_publicity_months()).fold(min_months, u32::max);
                    // The minimum period's last day is decided + months; it ends the day after.
                    received.max(decided.add_months(months as i32).add_days(1))
                }
                _ => received,
            };
            Some((from, EndReason::Repaired))
        }
    }
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

    #[test]
    fn art33_counts_three_years_from_the_end_of_the_act_not_the_decision() {
        let item = catalog::item("JUD-NONFULFILMENT").unwrap();
        // Decided 2020, but the debtor only paid on 2023-03-15.
        let f = facts("2020-06-01", Some("2023-03-15"));
        assert!(publicity(item, &f, d("2026-03-14")).is_live());
        assert!(publicity(item, &f, d("2026-03-15")).is_live(), "the last day is still served");
        assert_eq!(
            publicity(item, &f, d("2026-03-16")),
            Publicity::Ended { since: d("2026-03-16"), reason: EndReason::Expired }
        );
    }

    #[test]
    fn art33_an_act_that_has_not_ended_has_not_started_its_window() {
        let item = catalog::item("JUD-NONFULFILMENT").unwrap();
        let f = facts("2015-06-01", None);
        assert_eq!(publicity(item, &f, d("2026-11-28")), Publicity::Live { last_day: None });
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
    fn repaired_penalty_stays_published_for_its_minimum() {
        let item = catalog::item("PEN-GENERAL").unwrap();
        let mut f = facts("2026-01-10", Some("2026-01-05"));
        f.penalty_types = vec![PenaltyType::Warning];
        f.withdrawal = Some((Ground::Repair, d("2026-02-01")));
        // Three months: last day 2026-04-10, off from 2026-04-11.
        assert!(publicity(item, &f, d("2026-04-10")).is_live());
        assert_eq!(
            publicity(item, &f, d("2026-04-11")),
            Publicity::Ended { since: d("2026-04-11"), reason: EndReason::Repaired }
        );
    }

    #[test]
    fn several_penalty_types_take_the_longest_minimum() {
        let item = catalog::item("PEN-GENERAL").unwrap();
        let mut f = facts("2026-01-10", None);
        f.penalty_types = vec![PenaltyType::Warning, PenaltyType::LicenceAction, PenaltyType::Fine];
        f.withdrawal = Some((Ground::Repair, d("2026-02-01")));
        assert_eq!(withdrawal_effective_from(item, &f), Some((d("2027-01-11"), EndReason::Repaired)));
    }

    #[test]
    fn safety_penalties_keep_at_least_a_year() {
        let item = catalog::item("PEN-SAFETY").unwrap();
        let mut f = facts("2026-01-10", None);
        f.penalty_types = vec![PenaltyType::Warning];
        f.withdrawal = Some((Ground::Repair, d("2026-03-01")));
        assert_eq!(withdrawal_effective_from(item, &f), Some((d("2027-01-11"), EndReason::Repaired)));
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
    fn neutral_information_has_no_window() {
        let item = catalog::item("REG-BASIC").unwrap();
        assert_eq!(publicity(item, &facts("2001-01-01", None), d("2026-11-28")), Publicity::Live { last_day: None });
    }

    #[test]
    fn lists_end_at_removal_or_after_their_period() {
        let item = catalog::item("LST-SERIOUS").unwrap();
        let f = facts("2024-02-29", None);
        assert_eq!(window_end(item, &f), Some((d("2027-02-28"), EndReason::Lapsed)));
        let mut removed = f.clone();
        removed.valid_until = Some(d("2025-01-01"));
        assert!(!publicity(item, &removed, d("2025-01-02")).is_live());
    }
}
