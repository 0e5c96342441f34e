//! Joint rewards and punishments (Art. 21–29): the query matters of Art. 17, the list of
//! measures (Art. 22), and, for a subject in a matter, the status of every measure of the
//! list taken in that matter — applicable, with basis and reason, or not applicable, with
//! the reason why not.
//!
//! What the regulation says, and how it is encoded:
//!
//! - Art. 22: 「省级社会信用体系建设相关部门应当依照法律、法规和国家有关规定，编制信用奖惩措施
//!   清单，明确联合激励和联合惩戒的具体事项、实施对象、实施手段、实施主体、实施依据等内容。」
//!   A [`Measure`] carries the matters, target, measure, implementing body and legal basis,
//!   and where the list was published ([`Measure::published`]).
//! - Art. 27 ¶2: 「未经公布的信用惩戒措施，不得实施。」 A measure without a publication
//!   source, or published after the day of the query, is [`MeasureStatus::NotPublished`]
//!   whatever the subject's records: never applicable, and never shown as a measure to take
//!   ("不适用：措施清单未经公布（第二十七条第二款）"). The list in `data/measures.toml` is a
//!   draft of gzcredit that no authority has published, so today no measure applies.
//!   Rewards: Art. 27 ¶2 speaks of punishments (惩戒措施), but a reward too is only offered
//!   from a published list — Art. 22 makes the published list what fixes a reward's target
//!   and basis, and a reward such as bonus points in public resource trading is a
//!   disadvantage to the other bidders. Its status is the same `not_published`; its label
//!   cites Art. 22 instead of Art. 27 ¶2 ([`MeasureStatus::label_zh`]).
//! - Art. 27 ¶1: 「……并告知实施的依据和理由。」 Every status comes with a reason in both
//!   languages; an applicable measure's names the provision, the legal basis, the
//!   publication and the classes of the records it rests on.
//! - Art. 23: 「对遵守法定业务和约定义务的守信主体，行政机关在法定权限范围内可以采取以下激励
//!   措施」 — rewards for a subject on a live red list with no live dishonesty record (live
//!   dishonesty contradicts 守信): [`MeasureStatus::NotOnRedList`] otherwise.
//! - Art. 28: 「对违反法定义务和约定义务的失信主体，行政机关在法定权限范围内就相关联的事项可以
//!   采取以下惩戒措施」 — a general punishment applies when the subject has a live dishonesty
//!   record whose catalog class the measure relates to ([`Measure::related_classes`], with
//!   the reason in [`Measure::relation_zh`]), not for any dishonesty record:
//!   [`MeasureStatus::NoRelatedRecord`]; [`MeasureStatus::NoDishonestyRecord`] without any
//!   live dishonesty record. The classes are those of the live dishonesty records the viewer
//!   may see ([`standing_from`]), the serious-dishonesty list included.
//! - Art. 29: 「对被纳入严重失信名单的信用主体，行政机关应当严格依照法律、法规的规定，就相关联的
//!   事项采取以下惩戒措施」 — serious punishments for a subject on a live serious-dishonesty
//!   list (Art. 25, item LST-SERIOUS): [`MeasureStatus::NotOnSeriousList`] otherwise. Their
//!   relation is carried by the matters each measure is taken in and by the listing decision
//!   itself (the catalog has one class for every listing, so no finer class relation can be
//!   drawn from the records).
//! - Measures written for 失信被执行人 — s29-3 (office qualification: Company Law Art. 178
//!   bars persons "listed by a people's court as dishonest judgment debtors"), s29-9 (the
//!   SPC provisions restrict the high consumption of 被执行人) and s29-10 (exit restricted by
//!   a court's decision in enforcement) — target [`Target::JudgmentDebtor`]: a subject with
//!   a live JUD-NONFULFILMENT record (catalog class `non_fulfilment`), i.e. on the courts'
//!   list of dishonest judgment debtors. That list is itself a serious-dishonesty list of
//!   Art. 25 ¶1 (「县级以上国家机关……可以建立本级本行业严重失信名单」), so LST-SERIOUS is not
//!   also required; and a subject on LST-SERIOUS that is no judgment debtor gets
//!   [`MeasureStatus::NotAJudgmentDebtor`], never these measures.
//! - Art. 26: some serious punishments also reach the legal representative, principal
//!   person in charge and other directly responsible persons of a unit
//!   ([`Measure::extends_to_responsible_persons`]).
//!
//! The checks run in this order and the first that fails gives the status: publication,
//! then the target (red list, dishonesty, serious list, judgment debtor), then the relation.
//! [`evaluate`] takes any list (the tests pass a published copy); [`measures_for`]
//! evaluates the list of `data/measures.toml` (compiled by `build/measures.rs`).

use crate::catalog::Class;
use crate::matter::Matter;
use crate::Date;
use core::fmt;
use serde::{Deserialize, Serialize};

include!(concat!(env!("OUT_DIR"), "/measures.rs"));

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
    /// 失信被执行人: on the courts' list of dishonest judgment debtors, a live record of
    /// [`JUDGMENT_DEBTOR_ITEM`] (Art. 25 ¶1, 29).
    JudgmentDebtor,
}

impl Target {
    /// Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            Target::RedListSubject => "守信主体（守信红名单）",
            Target::DishonestSubject => "失信主体",
            Target::SeriouslyDishonestSubject => "严重失信主体（严重失信名单）",
            Target::JudgmentDebtor => "失信被执行人（失信被执行人名单）",
        }
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            Target::RedListSubject => "trustworthy subject on a red list",
            Target::DishonestSubject => "dishonest subject",
            Target::SeriouslyDishonestSubject => "subject on a serious-dishonesty list",
            Target::JudgmentDebtor => "dishonest judgment debtor on the courts' list",
        }
    }
}

/// The catalog item of the list of dishonest judgment debtors (失信被执行人): a live record
/// of it makes the subject a [`Target::JudgmentDebtor`].
pub const JUDGMENT_DEBTOR_ITEM: &str = "JUD-NONFULFILMENT";

/// Where a measure was published (Art. 22, 27 ¶2).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
pub struct Publication {
    /// Title of the published list or notice, Chinese.
    pub title_zh: &'static str,
    /// Title, English.
    pub title_en: &'static str,
    /// Date of publication: the measure applies from this day.
    pub date: Date,
    /// Address of the publication.
    pub url: &'static str,
}

/// One measure of the list (Art. 22: matter, target, measure, implementing body, legal
/// basis), with its publication (Art. 27 ¶2) and, for a general punishment, the record
/// classes it relates to (Art. 28).
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
    /// Where it was published; `None` for an unpublished draft, which may not be taken
    /// (Art. 27 ¶2).
    pub published: Option<Publication>,
    /// General punishments: the classes of dishonesty records it relates to (Art. 28
    /// 「就相关联的事项」); empty for the other kinds.
    pub related_classes: &'static [Class],
    /// Why those classes relate, in Chinese (empty for the other kinds).
    pub relation_zh: &'static str,
    /// Why those classes relate, in English.
    pub relation_en: &'static str,
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

    /// Whether it was published on or before `today` (Art. 27 ¶2).
    pub fn is_published(&self, today: Date) -> bool {
        self.published.is_some_and(|p| p.date <= today)
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

/// The list of measures of `data/measures.toml` (Art. 22), for the catalog page. A draft:
/// see [`Measure::published`] before taking any.
pub static MEASURES: &[Measure] = LIST;

/// The version of the list in `data/measures.toml`.
pub const MEASURES_VERSION: &str = LIST_VERSION;

/// A subject's standing for the measures, from the records a viewer may see today.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Default, Serialize, Deserialize)]
pub struct SubjectStanding {
    /// On a red list of trustworthy subjects.
    pub red_list: bool,
    /// Has live dishonesty records other than a serious-dishonesty listing: within their
    /// query window (Art. 33) and not withdrawn (Art. 35, 36).
    pub dishonest: bool,
    /// On a live serious-dishonesty list (Art. 25).
    pub seriously_dishonest: bool,
    /// On the list of dishonest judgment debtors: a live [`JUDGMENT_DEBTOR_ITEM`] record.
    #[serde(default)]
    pub judgment_debtor: bool,
    /// The classes of the live dishonesty records, the serious-dishonesty list included,
    /// in catalog order without repeats: what Art. 28's relation is checked against.
    #[serde(default)]
    pub dishonesty_classes: Vec<Class>,
}

impl SubjectStanding {
    /// Whether any live dishonesty is on file (which rules out rewards, Art. 23).
    pub fn has_live_dishonesty(&self) -> bool {
        self.dishonest || self.seriously_dishonest || self.judgment_debtor || !self.dishonesty_classes.is_empty()
    }

    /// The classes of its live dishonesty records that `measure` relates to, in the
    /// measure's order.
    pub fn related_classes(&self, measure: &Measure) -> Vec<Class> {
        measure.related_classes.iter().copied().filter(|c| self.dishonesty_classes.contains(c)).collect()
    }
}

/// Whether a measure applies, and if not, why not.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureStatus {
    /// Applies: published, the subject is its target and, for a general punishment, has a
    /// related record.
    Applicable,
    /// Not published (Art. 27 ¶2; for rewards Art. 22): never applicable.
    NotPublished,
    /// A reward, and the subject is not on a live red list or has live dishonesty (Art. 23).
    NotOnRedList,
    /// A general punishment, and the subject has no live dishonesty record (Art. 28).
    NoDishonestyRecord,
    /// A general punishment, and none of the subject's live dishonesty records is of a
    /// class the measure relates to (Art. 28 「就相关联的事项」).
    NoRelatedRecord,
    /// A serious punishment, and the subject is on no live serious-dishonesty list (Art. 29).
    NotOnSeriousList,
    /// A measure for dishonest judgment debtors, and the subject is none (Art. 29).
    NotAJudgmentDebtor,
}

impl MeasureStatus {
    /// Every status.
    pub const ALL: [MeasureStatus; 7] = [
        MeasureStatus::Applicable,
        MeasureStatus::NotPublished,
        MeasureStatus::NotOnRedList,
        MeasureStatus::NoDishonestyRecord,
        MeasureStatus::NoRelatedRecord,
        MeasureStatus::NotOnSeriousList,
        MeasureStatus::NotAJudgmentDebtor,
    ];

    /// Whether the measure may be taken.
    pub fn is_applicable(self) -> bool {
        self == MeasureStatus::Applicable
    }

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            MeasureStatus::Applicable => "applicable",
            MeasureStatus::NotPublished => "not_published",
            MeasureStatus::NotOnRedList => "not_on_red_list",
            MeasureStatus::NoDishonestyRecord => "no_dishonesty_record",
            MeasureStatus::NoRelatedRecord => "no_related_record",
            MeasureStatus::NotOnSeriousList => "not_on_serious_list",
            MeasureStatus::NotAJudgmentDebtor => "not_a_judgment_debtor",
        }
    }

    /// The label shown with a measure of `kind`, Chinese: 适用, or 不适用 and why, with
    /// the article. An unpublished punishment: 「不适用：措施清单未经公布（第二十七条第二款）」;
    /// an unpublished reward cites Art. 22 (Art. 27 ¶2 speaks of punishments).
    pub fn label_zh(self, kind: MeasureKind) -> &'static str {
        match self {
            MeasureStatus::Applicable => "适用",
            MeasureStatus::NotPublished if kind == MeasureKind::Reward => "不适用：措施清单未经公布（第二十二条）",
            MeasureStatus::NotPublished => "不适用：措施清单未经公布（第二十七条第二款）",
            MeasureStatus::NotOnRedList => "不适用：非守信红名单主体或有有效失信记录（第二十三条）",
            MeasureStatus::NoDishonestyRecord => "不适用：无有效失信记录（第二十八条）",
            MeasureStatus::NoRelatedRecord => "不适用：无与本事项相关联的失信记录（第二十八条）",
            MeasureStatus::NotOnSeriousList => "不适用：未列入严重失信名单（第二十九条）",
            MeasureStatus::NotAJudgmentDebtor => "不适用：非失信被执行人（第二十九条）",
        }
    }

    /// The label, English.
    pub fn label_en(self, kind: MeasureKind) -> &'static str {
        match self {
            MeasureStatus::Applicable => "Applicable",
            MeasureStatus::NotPublished if kind == MeasureKind::Reward => {
                "Not applicable: the list of measures has not been published (Art. 22)"
            }
            MeasureStatus::NotPublished => "Not applicable: the list of measures has not been published (Art. 27 ¶2)",
            MeasureStatus::NotOnRedList => "Not applicable: not on a red list, or live dishonesty records (Art. 23)",
            MeasureStatus::NoDishonestyRecord => "Not applicable: no live dishonesty record (Art. 28)",
            MeasureStatus::NoRelatedRecord => "Not applicable: no dishonesty record related to the matter (Art. 28)",
            MeasureStatus::NotOnSeriousList => "Not applicable: not on a serious-dishonesty list (Art. 29)",
            MeasureStatus::NotAJudgmentDebtor => "Not applicable: not a dishonest judgment debtor (Art. 29)",
        }
    }
}

impl fmt::Display for MeasureStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A measure of the list with its status for one subject in one matter, and the reason the
/// subject and the agency are told (Art. 27 ¶1).
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
pub struct MeasureEvaluation<'a> {
    /// The measure, with its legal basis.
    pub measure: &'a Measure,
    /// Applicable, or why not.
    pub status: MeasureStatus,
    /// An applicable general punishment: the subject's record classes it relates to.
    pub related: Vec<Class>,
    /// Why it applies or not, in Chinese.
    pub reason_zh: String,
    /// Why it applies or not, in English.
    pub reason_en: String,
}

impl MeasureEvaluation<'_> {
    /// Whether the measure may be taken.
    pub fn is_applicable(&self) -> bool {
        self.status.is_applicable()
    }
}

/// Every measure of `list` taken in `matter`, with its status for a subject of this
/// standing on `today`: serious punishments first, then general ones, then rewards, each
/// in list order. Nothing outside the list; nothing applicable that was not published by
/// `today` (Art. 27 ¶2); see the module docs for the order of the checks.
pub fn evaluate<'a>(
    list: &'a [Measure],
    standing: &SubjectStanding,
    matter: Matter,
    today: Date,
) -> Vec<MeasureEvaluation<'a>> {
    let mut relevant: Vec<&'a Measure> = list.iter().filter(|m| m.applies_in(matter)).collect();
    relevant.sort_by_key(|m| core::cmp::Reverse(m.kind));
    relevant.into_iter().map(|measure| evaluate_one(measure, standing, matter, today)).collect()
}

/// [`evaluate`] on the list of `data/measures.toml`.
pub fn measures_for(standing: &SubjectStanding, matter: Matter, today: Date) -> Vec<MeasureEvaluation<'static>> {
    evaluate(MEASURES, standing, matter, today)
}

fn status_of(measure: &Measure, standing: &SubjectStanding, today: Date) -> (MeasureStatus, Vec<Class>) {
    if !measure.is_published(today) {
        return (MeasureStatus::NotPublished, Vec::new());
    }
    let status = match measure.target {
        Target::RedListSubject if standing.red_list && !standing.has_live_dishonesty() => MeasureStatus::Applicable,
        Target::RedListSubject => MeasureStatus::NotOnRedList,
        Target::DishonestSubject if !standing.has_live_dishonesty() => MeasureStatus::NoDishonestyRecord,
        Target::DishonestSubject => {
            let related = standing.related_classes(measure);
            if related.is_empty() {
                return (MeasureStatus::NoRelatedRecord, related);
            }
            return (MeasureStatus::Applicable, related);
        }
        Target::SeriouslyDishonestSubject if standing.seriously_dishonest => MeasureStatus::Applicable,
        Target::SeriouslyDishonestSubject => MeasureStatus::NotOnSeriousList,
        Target::JudgmentDebtor if standing.judgment_debtor => MeasureStatus::Applicable,
        Target::JudgmentDebtor => MeasureStatus::NotAJudgmentDebtor,
    };
    (status, Vec::new())
}

fn class_names(classes: &[Class], zh: bool) -> String {
    let names: Vec<&str> = classes.iter().map(|c| if zh { c.name_zh() } else { c.name_en() }).collect();
    names.join(if zh { "、" } else { ", " })
}

fn evaluate_one<'a>(
    measure: &'a Measure,
    standing: &SubjectStanding,
    matter: Matter,
    today: Date,
) -> MeasureEvaluation<'a> {
    let (status, related) = status_of(measure, standing, today);
    let clause = measure.article_clause();
    let kind = measure.kind;
    let (reason_zh, reason_en) = match status {
        MeasureStatus::Applicable => {
            let (why_zh, why_en) = match measure.target {
                Target::RedListSubject => (
                    "该信用主体列入守信红名单且无有效失信记录".to_string(),
                    "the subject is on a red list and has no live dishonesty records".to_string(),
                ),
                Target::DishonestSubject => (
                    format!(
                        "该信用主体在失信信息查询期限内有与本措施相关联的失信记录（{}）：{}",
                        class_names(&related, true),
                        measure.relation_zh
                    ),
                    format!(
                        "the subject has dishonesty records within their query window that relate to this \
                         measure ({}): {}",
                        class_names(&related, false),
                        measure.relation_en
                    ),
                ),
                Target::SeriouslyDishonestSubject => (
                    "该信用主体列入严重失信名单".to_string(),
                    "the subject is on a serious-dishonesty list".to_string(),
                ),
                Target::JudgmentDebtor => (
                    "该信用主体列入失信被执行人名单（有效的拒不履行生效法律文书信息）".to_string(),
                    "the subject is on the list of dishonest judgment debtors (a live record of non-fulfilment \
                     of court judgments)"
                        .to_string(),
                ),
            };
            let publication = measure.published.expect("an applicable measure is published");
            (
                format!(
                    "{why_zh}，在{}中依照《贵州省社会信用条例》{clause}采取本项{}；实施依据：{}；\
                     措施清单：{}公布的《{}》。",
                    matter.name_zh(),
                    kind.name_zh(),
                    measure.legal_basis_zh,
                    publication.date,
                    publication.title_zh
                ),
                format!(
                    "{}, so in {} this {} applies under Art. {} item {} of the Guizhou Social Credit \
                     Regulation; basis: {}; list: {}, published {}.",
                    capitalize(&why_en),
                    matter.name_en(),
                    kind.name_en(),
                    kind.article(),
                    measure.clause,
                    measure.legal_basis_en,
                    publication.title_en,
                    publication.date
                ),
            )
        }
        MeasureStatus::NotPublished => {
            let (when_zh, when_en) = match measure.published {
                Some(p) => (
                    format!("本措施载于{}公布的《{}》，查询日（{today}）尚未公布", p.date, p.title_zh),
                    format!(
                        "the measure is in {}, published {}, which is after the day of the query ({today})",
                        p.title_en, p.date
                    ),
                ),
                None => (
                    "本措施所在的信用奖惩措施清单为草案，未经省级社会信用体系建设相关部门公布（第二十二条）"
                        .to_string(),
                    "the list of measures it is on is a draft that the provincial departments have not \
                     published (Art. 22)"
                        .to_string(),
                ),
            };
            if kind == MeasureKind::Reward {
                (
                    format!(
                        "{when_zh}；守信激励措施的实施对象和实施依据由公布的信用奖惩措施清单明确（第二十二条），\
                         本项{clause}守信激励措施不予采取。"
                    ),
                    format!(
                        "{}; the target and basis of a reward are fixed by the published list (Art. 22), so \
                         this reward under Art. 23 item {} is not taken.",
                        capitalize(&when_en),
                        measure.clause
                    ),
                )
            } else {
                (
                    format!(
                        "{when_zh}；依照《贵州省社会信用条例》第二十七条第二款「未经公布的信用惩戒措施，不得实施」，\
                         本项{}不得实施。",
                        kind.name_zh()
                    ),
                    format!(
                        "{}; under Art. 27 ¶2 of the Guizhou Social Credit Regulation a punishment that was not \
                         published may not be taken, so this {} may not be taken.",
                        capitalize(&when_en),
                        kind.name_en()
                    ),
                )
            }
        }
        MeasureStatus::NotOnRedList if standing.red_list => (
            "该信用主体虽列入守信红名单，但有有效失信记录，不属第二十三条所称遵守法定义务和约定义务的守信主体，\
             本项守信激励措施不适用。"
                .to_string(),
            "The subject is on a red list but has live dishonesty records, so it is no trustworthy subject \
             within Art. 23 and this reward does not apply."
                .to_string(),
        ),
        MeasureStatus::NotOnRedList => (
            "该信用主体未列入有效的守信红名单，本项守信激励措施不适用（第二十三条）。".to_string(),
            "The subject is on no live red list, so this reward does not apply (Art. 23).".to_string(),
        ),
        MeasureStatus::NoDishonestyRecord => (
            "该信用主体在失信信息查询期限内无有效失信记录，本项一般失信惩戒措施不适用（第二十八条）。".to_string(),
            "The subject has no live dishonesty record within the query window, so this general punishment \
             does not apply (Art. 28)."
                .to_string(),
        ),
        MeasureStatus::NoRelatedRecord => (
            format!(
                "该信用主体的有效失信记录（{}）与本措施不相关联，本措施相关联的记录类别为{}；第二十八条规定行政机关\
                 「就相关联的事项」采取惩戒措施，本项不适用。",
                class_names(&standing.dishonesty_classes, true),
                class_names(measure.related_classes, true)
            ),
            format!(
                "The subject's live dishonesty records ({}) do not relate to this measure, which relates to {}; \
                 Art. 28 allows punishments only in related matters, so it does not apply.",
                class_names(&standing.dishonesty_classes, false),
                class_names(measure.related_classes, false)
            ),
        ),
        MeasureStatus::NotOnSeriousList => (
            "该信用主体未列入有效的严重失信名单，本项严重失信惩戒措施不适用（第二十五条、第二十九条）。".to_string(),
            "The subject is on no live serious-dishonesty list, so this punishment does not apply (Art. 25, 29)."
                .to_string(),
        ),
        MeasureStatus::NotAJudgmentDebtor => (
            format!(
                "本项措施的实施对象为失信被执行人；该信用主体{}无有效的失信被执行人信息（拒不履行生效法律文书信息），\
                 本项不适用（第二十九条）。",
                if standing.seriously_dishonest { "虽列入严重失信名单，但" } else { "" }
            ),
            format!(
                "This measure is taken against dishonest judgment debtors; the subject{} has no live record on \
                 the list of dishonest judgment debtors, so it does not apply (Art. 29).",
                if standing.seriously_dishonest { ", though on a serious-dishonesty list," } else { "" }
            ),
        ),
    };
    MeasureEvaluation { measure, status, related, reason_zh, reason_en }
}

/// Whether a live record grounds measures of `target`: a red-list entry (Art. 23), a
/// dishonesty record (Art. 28), a serious-dishonesty listing (Art. 25, 29), a record of
/// the list of dishonest judgment debtors.
fn grounds(record: &crate::views::RecordView, target: Target) -> bool {
    use crate::catalog::Polarity;
    if !record.publicity.is_live() {
        return false;
    }
    match target {
        Target::RedListSubject => record.class == Class::RedList,
        Target::DishonestSubject => record.polarity == Polarity::Dishonesty,
        Target::SeriouslyDishonestSubject => record.class == Class::SeriousDishonestyList,
        Target::JudgmentDebtor => record.item_code == JUDGMENT_DEBTOR_ITEM,
    }
}

/// A subject's standing from the records a viewer may see today, and the ids of the
/// records it rests on: a live red-list entry (Art. 23), live dishonesty records within
/// their query window (Art. 28, 33) — whose classes Art. 28's relation is checked against
/// — a live serious-dishonesty list entry (Art. 25, 29) and a live record of the list of
/// dishonest judgment debtors ([`JUDGMENT_DEBTOR_ITEM`]). Ended or withdrawn records
/// (Art. 33, 35, 36) do not count.
pub fn standing_from(records: &[crate::views::RecordView]) -> (SubjectStanding, Vec<i64>) {
    let mut standing = SubjectStanding::default();
    let mut basis = Vec::new();
    for record in records {
        let red = grounds(record, Target::RedListSubject);
        let listed = grounds(record, Target::SeriouslyDishonestSubject);
        let dishonesty = grounds(record, Target::DishonestSubject);
        standing.red_list |= red;
        standing.seriously_dishonest |= listed;
        standing.dishonest |= dishonesty && !listed;
        standing.judgment_debtor |= grounds(record, Target::JudgmentDebtor);
        if dishonesty && !standing.dishonesty_classes.contains(&record.class) {
            standing.dishonesty_classes.push(record.class);
        }
        if red || listed || dishonesty {
            basis.push(record.id);
        }
    }
    standing.dishonesty_classes.sort();
    (standing, basis)
}

/// What measures may rest on for `viewer` on `today`: the records of the subject it may see
/// ([`crate::disclosure::present_record`]), the standing [`standing_from`] finds in them,
/// and the ids of the records that standing rests on.
///
/// Measures are told with their basis (Art. 27 ¶1), so they reveal the records they rest
/// on: they rest only on records the viewer may see — in an agency's matter (Art. 16 ¶2)
/// and within its staff member's own permissions (Art. 19 (二), 20 (一)); a listing of a
/// class beyond them grounds no measure for that staff member.
pub fn standing_for(
    viewer: &crate::disclosure::Viewer,
    records: &[crate::record::Record],
    today: Date,
) -> (Vec<crate::views::RecordView>, SubjectStanding, Vec<i64>) {
    let visible: Vec<_> =
        records.iter().filter_map(|record| crate::disclosure::present_record(viewer, record, today)).collect();
    let (standing, basis) = standing_from(&visible);
    (visible, standing, basis)
}

/// The ids of the records among `records` that `measure` rests on for this subject: the
/// live red-list entries of a reward, the live dishonesty records of a related class of a
/// general punishment, the live listings of a serious punishment, the live records of the
/// list of dishonest judgment debtors of a measure for judgment debtors. Meaningful for an
/// applicable measure (told with it, Art. 27 ¶1).
pub fn basis_of(measure: &Measure, records: &[crate::views::RecordView]) -> Vec<i64> {
    records
        .iter()
        .filter(|r| {
            grounds(r, measure.target)
                && (measure.target != Target::DishonestSubject || measure.related_classes.contains(&r.class))
        })
        .map(|r| r.id)
        .collect()
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disclosure::Viewer;
    use crate::permissions::StaffPermissions;
    use crate::query_window::PublicityFacts;
    use crate::record::Record;

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    /// A live record of an enterprise: decided on `decided`, the act ended on `act_end`.
    fn record(id: i64, item: &str, decided: &str, act_end: &str, valid_until: Option<&str>) -> Record {
        Record {
            id,
            subject_code: "91520115MA6000008B".into(),
            subject_is_natural_person: false,
            item_code: item.into(),
            document_number: format!("D-{id}"),
            title: "t".into(),
            content: "c".into(),
            provider_department: "p".into(),
            legal_basis: "b".into(),
            publicity: PublicityFacts {
                decision_date: Some(day(decided)),
                act_end_date: Some(day(act_end)),
                valid_until: valid_until.map(day),
                ..PublicityFacts::default()
            },
            persons: vec![],
            under_objection: false,
        }
    }

    fn agent(classes: Option<Vec<Class>>) -> Viewer {
        Viewer::Agency {
            agency: "贵阳市公共资源交易中心".into(),
            matter: Matter::GovernmentProcurement,
            permissions: StaffPermissions { actions: None, classes },
        }
    }

    #[test]
    fn art19_art29_no_measure_rests_on_a_listing_beyond_the_staff_members_classes() {
        // Listed seriously dishonest on 2026-01-01 through 2027-01-01 (Art. 25; the act ended
        // 2025-12-20), and fined on 2026-03-01 (act ended 2026-02-20): both live on 2026-06-01.
        let today = day("2026-06-01");
        let records = [
            record(1, "LST-SERIOUS", "2026-01-01", "2025-12-20", Some("2027-01-01")),
            record(2, "PEN-GENERAL", "2026-03-01", "2026-02-20", None),
        ];
        let serious = MEASURES
            .iter()
            .find(|m| m.target == Target::SeriouslyDishonestSubject && m.applies_in(Matter::GovernmentProcurement))
            .expect("the list has a serious punishment in government procurement");
        let published = Measure {
            published: Some(Publication { title_zh: "测试", title_en: "test", date: day("2026-01-01"), url: "" }),
            ..*serious
        };

        // Unrestricted, the agency's staff member sees both: the listing grounds the serious
        // punishment (Art. 29), which applies and rests on record 1 (told with it, Art. 27 ¶1).
        let (_, standing, basis) = standing_for(&agent(None), &records, today);
        assert!(standing.seriously_dishonest && standing.dishonest);
        assert_eq!(basis, vec![1, 2]);
        let evaluated = evaluate(std::slice::from_ref(&published), &standing, Matter::GovernmentProcurement, today);
        assert_eq!(evaluated[0].status, MeasureStatus::Applicable);

        // Allowed only penalties (Art. 19 (二)), the staff member may not query the listing
        // (Art. 20 (一)): the standing knows only the fine, the serious punishment does not
        // apply, and nothing of the listing is told.
        let (visible, standing, basis) =
            standing_for(&agent(Some(vec![Class::AdministrativePenalty])), &records, today);
        assert_eq!(visible.iter().map(|r| r.id).collect::<Vec<_>>(), vec![2]);
        assert!(!standing.seriously_dishonest && standing.dishonest);
        assert_eq!(standing.dishonesty_classes, vec![Class::AdministrativePenalty]);
        assert_eq!(basis, vec![2]);
        let evaluated = evaluate(std::slice::from_ref(&published), &standing, Matter::GovernmentProcurement, today);
        assert_eq!(evaluated[0].status, MeasureStatus::NotOnSeriousList);
        assert!(basis_of(&published, &visible).is_empty());
    }

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

    #[test]
    fn statuses_serialize_by_their_wire_names() {
        for status in MeasureStatus::ALL {
            assert_eq!(serde_json::to_string(&status).unwrap(), format!("\"{status}\""));
        }
    }

    #[test]
    fn art28_related_classes_are_dishonesty_classes_of_the_catalog() {
        use crate::catalog::{Polarity, ITEMS};
        for m in MEASURES {
            for class in m.related_classes {
                assert!(
                    ITEMS.iter().any(|i| i.class == *class && i.polarity == Polarity::Dishonesty),
                    "{}: {class:?} has no dishonesty item",
                    m.id
                );
            }
        }
        let item = crate::catalog::item(JUDGMENT_DEBTOR_ITEM).expect("the judgment-debtor item is in the catalog");
        assert_eq!((item.class, item.polarity), (Class::NonFulfilment, Polarity::Dishonesty));
    }
}
