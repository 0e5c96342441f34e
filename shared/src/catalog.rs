//! The public credit information catalog — 公共信用信息目录 (Art. 10, 12).
//!
//! Art. 10 puts public credit information under catalog management: only what the
//! published catalog lists is collected and served. The catalog is a versioned data
//! document, `shared/data/catalog.toml`, turned into the statics below at compile time.
//! Every record refers to one item by its stable code, and the item decides the record's
//! class, polarity, disclosure level (Art. 14, 16) and query window (Art. 33).

use crate::matter::Matter;
use serde::{Deserialize, Serialize};

/// The classes of public credit information of Art. 12 and the lists of Art. 23, 25, 46, 49.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// 登记类信息 — Art. 12 (1).
    Registration,
    /// 行政许可 — Art. 12 (2).
    AdministrativeLicensing,
    /// 行政处罚 — Art. 12 (2).
    AdministrativePenalty,
    /// 行政强制 — Art. 12 (2).
    AdministrativeCoercion,
    /// 行政确认 — Art. 12 (2).
    AdministrativeConfirmation,
    /// 行政检查 — Art. 12 (2).
    AdministrativeInspection,
    /// 行政征收 — Art. 12 (2).
    AdministrativeLevy,
    /// 行政奖励 — Art. 12 (2).
    AdministrativeReward,
    /// 行政给付 — Art. 12 (2).
    AdministrativeBenefit,
    /// 拒不履行生效法律文书 — Art. 12 (3).
    NonFulfilment,
    /// 表彰奖励、社会公益、志愿服务 — Art. 12 (4).
    Honours,
    /// 信用承诺 — Art. 49.
    CreditCommitment,
    /// 严重失信主体名单 — Art. 25.
    SeriousDishonestyList,
    /// 守信激励对象名单（红名单） — Art. 23.
    RedList,
    /// 政务诚信 — Art. 46.
    GovernmentIntegrity,
}

impl Class {
    /// Every class, in the order the profile shows them.
    pub const ALL: [Class; 15] = [
        Class::Registration,
        Class::AdministrativeLicensing,
        Class::AdministrativePenalty,
        Class::AdministrativeCoercion,
        Class::AdministrativeConfirmation,
        Class::AdministrativeInspection,
        Class::AdministrativeLevy,
        Class::AdministrativeReward,
        Class::AdministrativeBenefit,
        Class::NonFulfilment,
        Class::Honours,
        Class::CreditCommitment,
        Class::SeriousDishonestyList,
        Class::RedList,
        Class::GovernmentIntegrity,
    ];

    /// The wire name (`administrative_penalty`).
    pub fn as_str(self) -> &'static str {
        self.names().0
    }

    /// The Chinese name.
    pub fn name_zh(self) -> &'static str {
        self.names().1
    }

    /// The English name.
    pub fn name_en(self) -> &'static str {
        self.names().2
    }

    fn names(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Class::Registration => ("registration", "登记信息", "Registration"),
            Class::AdministrativeLicensing => ("administrative_licensing", "行政许可", "Administrative licensing"),
            Class::AdministrativePenalty => ("administrative_penalty", "行政处罚", "Administrative penalties"),
            Class::AdministrativeCoercion => ("administrative_coercion", "行政强制", "Administrative coercion"),
            Class::AdministrativeConfirmation => {
                ("administrative_confirmation", "行政确认", "Administrative confirmation")
            }
            Class::AdministrativeInspection => ("administrative_inspection", "行政检查", "Administrative inspection"),
            Class::AdministrativeLevy => ("administrative_levy", "行政征收", "Administrative levies"),
            Class::AdministrativeReward => ("administrative_reward", "行政奖励", "Administrative rewards"),
            Class::AdministrativeBenefit => ("administrative_benefit", "行政给付", "Administrative benefits"),
            Class::NonFulfilment => ("non_fulfilment", "拒不履行生效法律文书", "Non-fulfilment of court judgments"),
            Class::Honours => ("honours", "表彰奖励与公益志愿", "Honours, public welfare and volunteering"),
            Class::CreditCommitment => ("credit_commitment", "信用承诺", "Credit commitments"),
            Class::SeriousDishonestyList => ("serious_dishonesty_list", "严重失信主体名单", "Serious dishonesty list"),
            Class::RedList => ("red_list", "守信激励（红名单）", "Red list (trustworthiness)"),
            Class::GovernmentIntegrity => ("government_integrity", "政务诚信", "Government integrity"),
        }
    }

    /// The class with this wire name.
    pub fn from_wire(name: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// Whether an item speaks for or against the subject's credit.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// 守信信息: rewards, honours, red list.
    Positive,
    /// Neither: registration, licences.
    Neutral,
    /// 失信信息: subject to the query window of Art. 33, repair (Art. 35) and revocation (Art. 36).
    Dishonesty,
}

/// Who may query an item (Art. 14, 16).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum DisclosureLevel {
    /// 社会公开: anyone may query and use it (Art. 14 ¶1).
    Public,
    /// 授权查询: non-public; the subject, holders of its written authorization, agencies for
    /// the matters the item is published for, and its provider (Art. 16).
    Authorized,
    /// 政务共享: shared among government bodies for their duties (Art. 15); the subject sees
    /// its own (Art. 31), nobody else outside government does.
    Government,
}

/// How long a record of an item is served (Art. 33 and the national publicity rules).
/// See [`crate::query_window`] for what each rule means in days.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "rule")]
pub enum QueryWindowRule {
    /// No limit: neutral information served while it is held.
    None,
    /// Art. 33: not provided once `years` have passed since the dishonest act or event ended.
    ActEnd {
        /// The period, 3 unless a law sets another.
        years: u32,
    },
    /// Administrative penalties: published for `max_years` from the decision; repair may end
    /// the publicity early, but not before `min_months` have passed.
    PenaltyPublicity {
        /// Minimum publicity, in months (3; 12 for special equipment, work and fire safety).
        min_months: u32,
        /// Maximum publicity, in years (3).
        max_years: u32,
    },
    /// Served until the record's own end of validity, or `years` after its decision if it has none.
    Validity {
        /// Default validity in years.
        years: u32,
    },
    /// Served while the subject is on the list: until its removal date, or `years` after inclusion;
    /// for a dishonesty list also no longer than the Art. 33 window of the act it rests on.
    ListMembership {
        /// Default listing period in years.
        years: u32,
    },
    /// Dishonest judgment debtors: served until the obligation is performed, or until the
    /// end of the inclusion period (the SPC rule on the list, Art. 10, which Art. 33 defers to).
    UntilPerformed,
}

/// For which Art. 17 matters agencies may query an item (Art. 16 ¶2: each agency publishes
/// the query items linked to its matters).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AgencyMatters {
    /// Every matter.
    All,
    /// Only these.
    Only(&'static [Matter]),
}

impl AgencyMatters {
    /// Whether an agency querying for `matter` may see the item.
    pub fn allows(self, matter: Matter) -> bool {
        match self {
            AgencyMatters::All => true,
            AgencyMatters::Only(list) => list.contains(&matter),
        }
    }
}

impl Serialize for AgencyMatters {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        match self {
            AgencyMatters::All => serializer.collect_seq(["*"]),
            AgencyMatters::Only(list) => {
                let mut seq = serializer.serialize_seq(Some(list.len()))?;
                for matter in *list {
                    seq.serialize_element(matter)?;
                }
                seq.end()
            }
        }
    }
}

/// What Art. 25 ¶3 requires to be published with a list: how one gets on it, how one gets
/// off it, and the remedy.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
pub struct ListTerms {
    /// 列入条件.
    pub inclusion_conditions_zh: &'static str,
    /// Inclusion conditions.
    pub inclusion_conditions_en: &'static str,
    /// 移出条件.
    pub removal_conditions_zh: &'static str,
    /// Removal conditions.
    pub removal_conditions_en: &'static str,
    /// 救济途径.
    pub remedy_zh: &'static str,
    /// Remedy channel.
    pub remedy_en: &'static str,
}

/// One item of the catalog.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
pub struct CatalogItem {
    /// Stable code, e.g. `PEN-GENERAL`.
    pub code: &'static str,
    /// Chinese name.
    pub name_zh: &'static str,
    /// English name.
    pub name_en: &'static str,
    /// Art. 12 class.
    pub class: Class,
    /// Positive, neutral or dishonesty information.
    pub polarity: Polarity,
    /// Who may query it.
    pub disclosure: DisclosureLevel,
    /// How long it is served.
    pub window: QueryWindowRule,
    /// For which matters agencies may query it.
    pub agency_matters: AgencyMatters,
    /// The law or article it rests on.
    pub legal_basis: &'static str,
    /// For lists: inclusion and removal conditions and remedy (Art. 25 ¶3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list_terms: Option<ListTerms>,
}

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// The item with this code.
pub fn item(code: &str) -> Option<&'static CatalogItem> {
    ITEMS.iter().find(|item| item.code == code)
}

/// The items of one class.
pub fn items_of(class: Class) -> impl Iterator<Item = &'static CatalogItem> {
    ITEMS.iter().filter(move |item| item.class == class)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn art12_every_class_has_an_item() {
        for class in Class::ALL {
            assert!(items_of(class).next().is_some(), "no catalog item for {class:?}");
        }
    }

    #[test]
    fn art25_lists_publish_their_terms() {
        for item in ITEMS {
            let is_list = matches!(item.class, Class::SeriousDishonestyList | Class::RedList);
            assert_eq!(is_list, item.list_terms.is_some(), "{}", item.code);
        }
    }

    #[test]
    fn art33_dishonesty_items_have_a_limited_window() {
        for item in ITEMS.iter().filter(|i| i.polarity == Polarity::Dishonesty) {
            assert_ne!(item.window, QueryWindowRule::None, "{} would be served forever", item.code);
        }
    }

    #[test]
    fn codes_are_unique_and_wire_names_round_trip() {
        let mut codes: Vec<_> = ITEMS.iter().map(|i| i.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), ITEMS.len());
        for class in Class::ALL {
            assert_eq!(Class::from_wire(class.as_str()), Some(class));
        }
    }

    #[test]
    fn catalog_has_non_public_items_to_protect() {
        assert!(ITEMS.iter().any(|i| i.disclosure == DisclosureLevel::Authorized));
        assert!(ITEMS.iter().any(|i| i.disclosure == DisclosureLevel::Government));
    }
}
