//! Joint rewards and punishments (Art. 21–29): the query matters of Art. 17, the
//! published list of measures (Art. 22), and which measures apply to a subject in a
//! matter.
//!
//! - Art. 23: rewards (守信激励) for trustworthy subjects on a red list.
//! - Art. 28: general punishments (一般失信惩戒) for dishonest subjects, "就相关联的事项".
//! - Art. 29: serious punishments (严重失信惩戒) for subjects on a serious-dishonesty
//!   list (Art. 25); Art. 26 extends some of them to the legal representative,
//!   principal person in charge and other directly responsible persons of a unit.
//! - Art. 27: every measure must be proportionate, within the law, and told with its
//!   basis and reason; a measure that was not published may not be taken — so
//!   [`measures_for`] returns only measures of the list, each with basis and reason.
//!
//! The list is data (`data/measures.toml`, compiled by `build/measures.rs`).

use core::fmt;
use core::str::FromStr;
use serde::{Deserialize, Serialize};

include!(concat!(env!("OUT_DIR"), "/measures.rs"));

/// The matters in which administrative organs query credit information (Art. 17).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Matter {
    /// 实施行政许可 (Art. 17 (一)).
    AdministrativeLicensing,
    /// 行政检查、监督抽验和大额行政处罚裁量 (Art. 17 (一)).
    AdministrativeInspection,
    /// 政府采购 (Art. 17 (二)).
    GovernmentProcurement,
    /// 招标投标 (Art. 17 (二)).
    BiddingAndTendering,
    /// 资金和项目支持 (Art. 17 (二)).
    FundingSupport,
    /// 国有土地使用权出让 (Art. 17 (二)).
    LandTransfer,
    /// 科研管理 (Art. 17 (二)).
    ResearchManagement,
    /// 居住证管理、落户管理和居民身份证异地受理 (Art. 17 (三)).
    ResidenceManagement,
    /// 国家工作人员招录、职务任用、职务晋升 (Art. 17 (四)).
    PublicServantRecruitment,
    /// 表彰奖励 (Art. 17 (五)).
    CommendationAndAward,
    /// 其他日常管理工作 (Art. 17 (六)).
    DailyManagement,
}

impl Matter {
    /// All matters in the order of Art. 17.
    pub const ALL: [Matter; 11] = [
        Matter::AdministrativeLicensing,
        Matter::AdministrativeInspection,
        Matter::GovernmentProcurement,
        Matter::BiddingAndTendering,
        Matter::FundingSupport,
        Matter::LandTransfer,
        Matter::ResearchManagement,
        Matter::ResidenceManagement,
        Matter::PublicServantRecruitment,
        Matter::CommendationAndAward,
        Matter::DailyManagement,
    ];

    /// The snake_case name used on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Matter::AdministrativeLicensing => "administrative_licensing",
            Matter::AdministrativeInspection => "administrative_inspection",
            Matter::GovernmentProcurement => "government_procurement",
            Matter::BiddingAndTendering => "bidding_and_tendering",
            Matter::FundingSupport => "funding_support",
            Matter::LandTransfer => "land_transfer",
            Matter::ResearchManagement => "research_management",
            Matter::ResidenceManagement => "residence_management",
            Matter::PublicServantRecruitment => "public_servant_recruitment",
            Matter::CommendationAndAward => "commendation_and_award",
            Matter::DailyManagement => "daily_management",
        }
    }

    /// Chinese name as Art. 17 words it.
    pub fn name_zh(self) -> &'static str {
        match self {
            Matter::AdministrativeLicensing => "实施行政许可",
            Matter::AdministrativeInspection => "行政检查、监督抽验和大额行政处罚裁量",
            Matter::GovernmentProcurement => "政府采购",
            Matter::BiddingAndTendering => "招标投标",
            Matter::FundingSupport => "资金和项目支持",
            Matter::LandTransfer => "国有土地使用权出让",
            Matter::ResearchManagement => "科研管理",
            Matter::ResidenceManagement => "居住证管理、落户管理和居民身份证异地受理",
            Matter::PublicServantRecruitment => "国家工作人员招录、职务任用、职务晋升",
            Matter::CommendationAndAward => "表彰奖励",
            Matter::DailyManagement => "其他日常管理工作",
        }
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            Matter::AdministrativeLicensing => "administrative licensing",
            Matter::AdministrativeInspection => {
                "administrative inspection, supervisory sampling and discretion over large fines"
            }
            Matter::GovernmentProcurement => "government procurement",
            Matter::BiddingAndTendering => "bidding and tendering",
            Matter::FundingSupport => "funding and project support",
            Matter::LandTransfer => "transfer of state-owned land use rights",
            Matter::ResearchManagement => "research management",
            Matter::ResidenceManagement => {
                "residence permits, household registration and out-of-area ID card applications"
            }
            Matter::PublicServantRecruitment => "recruitment, appointment and promotion of state functionaries",
            Matter::CommendationAndAward => "commendations and awards",
            Matter::DailyManagement => "other routine administration",
        }
    }

    /// The clause of Art. 17 that names it, e.g. 第十七条第（一）项.
    pub fn article_clause(self) -> &'static str {
        match self {
            Matter::AdministrativeLicensing | Matter::AdministrativeInspection => "第十七条第（一）项",
            Matter::GovernmentProcurement
            | Matter::BiddingAndTendering
            | Matter::FundingSupport
            | Matter::LandTransfer
            | Matter::ResearchManagement => "第十七条第（二）项",
            Matter::ResidenceManagement => "第十七条第（三）项",
            Matter::PublicServantRecruitment => "第十七条第（四）项",
            Matter::CommendationAndAward => "第十七条第（五）项",
            Matter::DailyManagement => "第十七条第（六）项",
        }
    }
}

impl fmt::Display for Matter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that is no [`Matter`] name.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct UnknownMatter(pub String);

impl fmt::Display for UnknownMatter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown matter {:?}", self.0)
    }
}

impl std::error::Error for UnknownMatter {}

impl FromStr for Matter {
    type Err = UnknownMatter;
    fn from_str(s: &str) -> Result<Matter, UnknownMatter> {
        Matter::ALL.into_iter().find(|m| m.as_str() == s).ok_or_else(|| UnknownMatter(s.to_string()))
    }
}

/// The kind of a measure, by the article that provides it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    /// 守信激励措施 (Art. 23).
    Reward,
    /// 一般失信惩戒措施 (Art. 28).
    GeneralPunishment,
    /// 严重失信惩戒措施 (Art. 29).
    SeriousPunishment,
}

impl MeasureKind {
    /// The article number.
    pub fn article(self) -> u8 {
        match self {
            MeasureKind::Reward => 23,
            MeasureKind::GeneralPunishment => 28,
            MeasureKind::SeriousPunishment => 29,
        }
    }

    /// Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            MeasureKind::Reward => "守信激励措施",
            MeasureKind::GeneralPunishment => "一般失信惩戒措施",
            MeasureKind::SeriousPunishment => "严重失信惩戒措施",
        }
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            MeasureKind::Reward => "reward for trustworthiness",
            MeasureKind::GeneralPunishment => "general punishment for dishonesty",
            MeasureKind::SeriousPunishment => "punishment for serious dishonesty",
        }
    }
}

/// Whom a measure is taken against (实施对象).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// 守信主体 on a red list (Art. 23).
    RedListSubject,
    /// 失信主体: has dishonesty records within the query window (Art. 28).
    DishonestSubject,
    /// 严重失信主体: on a serious-dishonesty list (Art. 25, 29).
    SeriouslyDishonestSubject,
}

impl Target {
    /// Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            Target::RedListSubject => "守信主体（守信红名单）",
            Target::DishonestSubject => "失信主体",
            Target::SeriouslyDishonestSubject => "严重失信主体（严重失信名单）",
        }
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            Target::RedListSubject => "trustworthy subject on a red list",
            Target::DishonestSubject => "dishonest subject",
            Target::SeriouslyDishonestSubject => "subject on a serious-dishonesty list",
        }
    }
}

/// One measure of the published list (Art. 22: matter, target, measure, implementing
/// body, legal basis).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
pub struct Measure {
    /// Stable id, e.g. `s29-8-public-resource-trading`.
    pub id: &'static str,
    /// Reward, general or serious punishment.
    pub kind: MeasureKind,
    /// The item of its article, 1 = （一）.
    pub clause: u8,
    /// The Art. 17 matters it is taken in.
    pub matters: &'static [Matter],
    /// Whom it is taken against.
    pub target: Target,
    /// Art. 26: also taken against the legal representative, principal person in charge
    /// and other directly responsible persons of a seriously dishonest unit.
    pub extends_to_responsible_persons: bool,
    /// The measure (实施手段), in Chinese.
    pub measure_zh: &'static str,
    /// The measure, in English.
    pub measure_en: &'static str,
    /// Who takes it (实施主体), in Chinese.
    pub implementing_body_zh: &'static str,
    /// Who takes it, in English.
    pub implementing_body_en: &'static str,
    /// Legal basis (实施依据), in Chinese.
    pub legal_basis_zh: &'static str,
    /// Legal basis, in English.
    pub legal_basis_en: &'static str,
}

impl Measure {
    /// The provision of the regulation, e.g. 第二十九条第（八）项.
    pub fn article_clause(&self) -> String {
        let article = match self.kind {
            MeasureKind::Reward => "二十三",
            MeasureKind::GeneralPunishment => "二十八",
            MeasureKind::SeriousPunishment => "二十九",
        };
        format!("第{article}条第（{}）项", chinese_number(self.clause))
    }

    /// Whether it is taken in `matter`.
    pub fn applies_in(&self, matter: Matter) -> bool {
        self.matters.contains(&matter)
    }
}

fn chinese_number(n: u8) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n as usize].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[(n - 10) as usize]),
        _ => n.to_string(),
    }
}

/// The published list of measures (Art. 22), for the catalog page.
pub static MEASURES: &[Measure] = LIST;

/// The version of the list in `data/measures.toml`.
pub const MEASURES_VERSION: &str = LIST_VERSION;

/// A subject's standing for the measures.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default, Serialize, Deserialize)]
pub struct SubjectStanding {
    /// On a red list of trustworthy subjects.
    pub red_list: bool,
    /// Has live dishonesty records: within their query window (Art. 33) and not
    /// withdrawn (Art. 35, 36).
    pub dishonest: bool,
    /// On a live serious-dishonesty list (Art. 25).
    pub seriously_dishonest: bool,
}

impl SubjectStanding {
    /// Whether measures of `target` concern this subject.
    ///
    /// - Rewards only for a red-list subject with no live dishonesty at all: a red list
    ///   rewards 守信, which live dishonesty contradicts.
    /// - General punishments for dishonest subjects, including every seriously
    ///   dishonest one (serious dishonesty is dishonesty).
    /// - Serious punishments only for subjects on a serious-dishonesty list.
    pub fn is_target(&self, target: Target) -> bool {
        match target {
            Target::RedListSubject => self.red_list && !self.dishonest && !self.seriously_dishonest,
            Target::DishonestSubject => self.dishonest || self.seriously_dishonest,
            Target::SeriouslyDishonestSubject => self.seriously_dishonest,
        }
    }
}

/// A measure that applies, with the reason the subject must be told (Art. 27).
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
pub struct ApplicableMeasure {
    /// The measure, with its legal basis.
    pub measure: &'static Measure,
    /// Why it applies, in Chinese.
    pub reason_zh: String,
    /// Why it applies, in English.
    pub reason_en: String,
}

/// The measures of the published list that apply to a subject of this standing in
/// `matter`: serious punishments first, then general ones, then rewards, each in list
/// order. Nothing that is not on the list (Art. 27 ¶2); nothing for a clean subject that
/// is not on a red list.
pub fn measures_for(standing: SubjectStanding, matter: Matter) -> Vec<ApplicableMeasure> {
    let mut applicable: Vec<&'static Measure> =
        MEASURES.iter().filter(|m| m.applies_in(matter) && standing.is_target(m.target)).collect();
    applicable.sort_by_key(|m| core::cmp::Reverse(m.kind));
    applicable
        .into_iter()
        .map(|measure| {
            let (why_zh, why_en) = match measure.target {
                Target::RedListSubject => (
                    "该信用主体列入守信红名单且无有效失信记录",
                    "the subject is on a red list and has no live dishonesty records",
                ),
                Target::DishonestSubject if !standing.dishonest => (
                    "该信用主体列入严重失信名单，亦属失信主体",
                    "the subject is on a serious-dishonesty list and so is also a dishonest subject",
                ),
                Target::DishonestSubject => (
                    "该信用主体在失信信息查询期限内有失信记录",
                    "the subject has dishonesty records within their query window",
                ),
                Target::SeriouslyDishonestSubject => {
                    ("该信用主体列入严重失信名单", "the subject is on a serious-dishonesty list")
                }
            };
            let clause = measure.article_clause();
            ApplicableMeasure {
                measure,
                reason_zh: format!(
                    "{why_zh}，在{}中依照《贵州省社会信用条例》{clause}采取本项{}；实施依据：{}。",
                    matter.name_zh(),
                    measure.kind.name_zh(),
                    measure.legal_basis_zh
                ),
                reason_en: format!(
                    "{}, so in {} this {} applies under Art. {} item {} of the Guizhou Social Credit \
                     Regulation; basis: {}.",
                    capitalize(why_en),
                    matter.name_en(),
                    measure.kind.name_en(),
                    measure.kind.article(),
                    measure.clause,
                    measure.legal_basis_en
                ),
            }
        })
        .collect()
}

/// A subject's standing from the records a viewer may see today, and the ids of the
/// records it rests on: a live red-list entry (Art. 23), live dishonesty records within
/// their query window (Art. 28, 33), a live serious-dishonesty list entry (Art. 25, 29).
/// Ended or withdrawn records (Art. 33, 35, 36) do not count.
pub fn standing_from(records: &[crate::api::RecordView]) -> (SubjectStanding, Vec<i64>) {
    use crate::catalog::{Class, Polarity};
    let mut standing = SubjectStanding::default();
    let mut basis = Vec::new();
    for record in records.iter().filter(|r| r.publicity.is_live()) {
        let counts = match (record.class, record.polarity) {
            (Class::RedList, _) => {
                standing.red_list = true;
                true
            }
            (Class::SeriousDishonestyList, _) => {
                standing.seriously_dishonest = true;
                true
            }
            (_, Polarity::Dishonesty) => {
                standing.dishonest = true;
                true
            }
            _ => false,
        };
        if counts {
            basis.push(record.id);
        }
    }
    (standing, basis)
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn art17_matters_round_trip_their_names() {
        for matter in Matter::ALL {
            assert_eq!(matter.as_str().parse::<Matter>(), Ok(matter));
            assert_eq!(serde_json::to_string(&matter).unwrap(), format!("\"{matter}\""));
        }
        assert_eq!(Matter::LandTransfer.article_clause(), "第十七条第（二）项");
    }

    #[test]
    fn art29_clause_numbers_in_chinese() {
        assert_eq!(chinese_number(11), "十一");
        assert_eq!(chinese_number(10), "十");
        let m = MEASURES.iter().find(|m| m.kind == MeasureKind::SeriousPunishment && m.clause == 11).unwrap();
        assert_eq!(m.article_clause(), "第二十九条第（十一）项");
    }
}
