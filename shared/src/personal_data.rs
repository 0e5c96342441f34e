//! Screening of personal data before it is collected (Art. 32, 个人隐私保护).
//!
//! 《贵州省社会信用条例》第三十二条：
//!
//! > 采集市场信用信息，涉及个人信息的，应当经本人同意并约定用途，未经本人同意，不得采集。
//! > 但依法公开的信息除外。
//! >
//! > 不得采集自然人的收入、存款、有价证券、商业保险、不动产的信息和纳税数额信息。但是明确告知
//! > 信用主体提供该信息可能产生的不利后果并取得其书面同意的除外。
//! >
//! > 信用服务机构、行业协会商会、其他企业事业单位和组织不得归集自然人的宗教信仰、基因、指纹、
//! > 血型、疾病和病史信息以及法律、法规规定禁止采集的其他个人信息。
//!
//! - **Forbidden** (¶3, [`Forbidden`]): religious belief, genes, fingerprints, blood type,
//!   disease and medical history. Never accepted, whoever the subject and whatever the
//!   consent: a natural person's disease written into an enterprise's record is still a
//!   natural person's disease.
//! - **Restricted** (¶2, [`Restricted`]): income, deposits, securities, commercial insurance,
//!   real estate and tax amounts *of natural persons*. Accepted only when the subject was
//!   clearly told of the adverse consequences that providing it may have and gave written
//!   consent, and that consent is on record (`written_consent`). An enterprise's 欠缴增值税
//!   is its public credit information (catalog item `LEVY-TAX-ARREARS`), not ¶2 data.
//! - Everything else is **ordinary** (¶1 still requires consent and an agreed purpose for
//!   market credit information; that is checked where records are submitted, not here).
//!
//! What is screened: the names of `extra_fields` keys ([`screen`], [`classify_field`]) and
//! free text ([`screen_text`]); [`screen_record`] applies both to a submitted record —
//! `title`, `content`, `change_reason`, the keys and values of `extra_fields`, each
//! `persons[k].name` (persons are natural persons) and, for a natural-person subject,
//! `subject.name`. `legal_basis` is not screened: it names laws (《传染病防治法》).
//!
//! The words are data: `data/personal_data_terms.toml`, a curated list of Chinese and
//! English terms for each category with the exceptions that contain a term but are not the
//! data (转基因, 农民工工资, 诚信教育), compiled into statics by `build/personal_data.rs`.
//! Its header states the rules of matching: text and terms folded alike ([`fold_key`]);
//! Chinese terms found anywhere, Latin terms as whole words; a match overlapping an
//! exception excused. Some ¶3 words are also ordinary words of business records (a health
//! food advertised as curing 糖尿病, a seller of 基因测序仪): those are looked for only in
//! text about a natural person ([`Scope::NaturalPerson`]), while words that say a person
//! has the data (患有, 血型, 指纹) are looked for everywhere ([`Scope::Always`]).
//!
//! "Other information laws forbid" has no list in the regulation: when a law names one,
//! add it to [`Forbidden`] and to the data file.

use crate::error::{ApiError, ErrorCode, ErrorDetail};
use crate::record::SubmittedRecord;
use crate::text_fold::{half_width, removed};
use core::fmt;
use serde::{Deserialize, Serialize};

include!(concat!(env!("OUT_DIR"), "/personal_data.rs"));

/// Personal data that may never be collected (Art. 32 ¶3).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Forbidden {
    /// 宗教信仰
    Religion,
    /// 基因
    Genes,
    /// 指纹
    Fingerprint,
    /// 血型
    BloodType,
    /// 疾病
    Disease,
    /// 病史
    MedicalHistory,
}

/// Personal data that needs recorded written consent (Art. 32 ¶2).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Restricted {
    /// 收入
    Income,
    /// 存款
    Deposits,
    /// 有价证券
    Securities,
    /// 商业保险
    CommercialInsurance,
    /// 不动产
    RealEstate,
    /// 纳税数额
    TaxAmount,
}

/// How a field is treated.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "class", content = "category")]
pub enum FieldClass {
    /// Never collected.
    Forbidden(Forbidden),
    /// Collected only with recorded written consent.
    Restricted(Restricted),
    /// Neither.
    Ordinary,
}

impl Forbidden {
    /// All forbidden categories.
    pub const ALL: [Forbidden; 6] = [
        Forbidden::Religion,
        Forbidden::Genes,
        Forbidden::Fingerprint,
        Forbidden::BloodType,
        Forbidden::Disease,
        Forbidden::MedicalHistory,
    ];

    /// The stable English key.
    pub fn key(self) -> &'static str {
        match self {
            Forbidden::Religion => "religion",
            Forbidden::Genes => "genes",
            Forbidden::Fingerprint => "fingerprint",
            Forbidden::BloodType => "blood_type",
            Forbidden::Disease => "disease",
            Forbidden::MedicalHistory => "medical_history",
        }
    }

    /// Chinese name as the regulation words it.
    pub fn name_zh(self) -> &'static str {
        match self {
            Forbidden::Religion => "宗教信仰",
            Forbidden::Genes => "基因",
            Forbidden::Fingerprint => "指纹",
            Forbidden::BloodType => "血型",
            Forbidden::Disease => "疾病",
            Forbidden::MedicalHistory => "病史",
        }
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            Forbidden::Religion => "religious belief",
            Forbidden::Genes => "genes",
            Forbidden::Fingerprint => "fingerprints",
            Forbidden::BloodType => "blood type",
            Forbidden::Disease => "disease",
            Forbidden::MedicalHistory => "medical history",
        }
    }
}

impl Restricted {
    /// All restricted categories.
    pub const ALL: [Restricted; 6] = [
        Restricted::Income,
        Restricted::Deposits,
        Restricted::Securities,
        Restricted::CommercialInsurance,
        Restricted::RealEstate,
        Restricted::TaxAmount,
    ];

    /// The stable English key.
    pub fn key(self) -> &'static str {
        match self {
            Restricted::Income => "income",
            Restricted::Deposits => "deposits",
            Restricted::Securities => "securities",
            Restricted::CommercialInsurance => "commercial_insurance",
            Restricted::RealEstate => "real_estate",
            Restricted::TaxAmount => "tax_amount",
        }
    }

    /// Chinese name as the regulation words it.
    pub fn name_zh(self) -> &'static str {
        match self {
            Restricted::Income => "收入",
            Restricted::Deposits => "存款",
            Restricted::Securities => "有价证券",
            Restricted::CommercialInsurance => "商业保险",
            Restricted::RealEstate => "不动产",
            Restricted::TaxAmount => "纳税数额",
        }
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            Restricted::Income => "income",
            Restricted::Deposits => "deposits",
            Restricted::Securities => "securities",
            Restricted::CommercialInsurance => "commercial insurance",
            Restricted::RealEstate => "real estate",
            Restricted::TaxAmount => "tax amount",
        }
    }
}

impl FieldClass {
    /// The category's Chinese name, as the regulation words it (empty for ordinary).
    pub fn name_zh(self) -> &'static str {
        match self {
            FieldClass::Forbidden(f) => f.name_zh(),
            FieldClass::Restricted(r) => r.name_zh(),
            FieldClass::Ordinary => "",
        }
    }

    /// The category's English name (empty for ordinary).
    pub fn name_en(self) -> &'static str {
        match self {
            FieldClass::Forbidden(f) => f.name_en(),
            FieldClass::Restricted(r) => r.name_en(),
            FieldClass::Ordinary => "",
        }
    }

    /// Order of precedence: forbidden before restricted, each in its `ALL` order.
    fn rank(self) -> usize {
        match self {
            FieldClass::Forbidden(f) => Forbidden::ALL.iter().position(|x| *x == f).unwrap_or(0),
            FieldClass::Restricted(r) => {
                Forbidden::ALL.len() + Restricted::ALL.iter().position(|x| *x == r).unwrap_or(0)
            }
            FieldClass::Ordinary => usize::MAX,
        }
    }
}

/// Where a term of the list is looked for.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// In every text and key: words that say a person has ¶3 data (患有, 血型, 指纹).
    Always,
    /// In text about a natural person (the subject is one, or the text is a `persons[k]`
    /// value) and in keys: all ¶2 terms, and ¶3 words that are also ordinary words of
    /// business records (糖尿病 in a health-food advert penalty, 基因 of 基因测序仪).
    NaturalPerson,
    /// Only as the name of an `extra_fields` key ("taxes", "belief").
    KeyOnly,
}

/// A term of `data/personal_data_terms.toml`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Term {
    /// As listed.
    pub term: &'static str,
    /// The category it marks.
    pub category: FieldClass,
    /// Where it is looked for.
    pub scope: Scope,
    folded: &'static str,
    latin: bool,
}

impl Term {
    /// As matched: [`fold_key`] of the term.
    pub fn folded(&self) -> &'static str {
        self.folded
    }

    /// Latin letters only: matched as whole words, not anywhere.
    pub fn is_latin(&self) -> bool {
        self.latin
    }
}

/// An exception of `data/personal_data_terms.toml`: a phrase that contains (or runs on from)
/// a term of its category but is not personal data of it (转基因, 农民工工资, 型血压 after
/// A型血); a match of the term overlapping a match of the phrase is excused.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Exception {
    /// As listed.
    pub phrase: &'static str,
    /// The category whose terms it excuses.
    pub category: FieldClass,
    folded: &'static str,
    latin: bool,
}

impl Exception {
    /// As matched: [`fold_key`] of the phrase.
    pub fn folded(&self) -> &'static str {
        self.folded
    }

    /// Latin letters only: matched as whole words, not anywhere.
    pub fn is_latin(&self) -> bool {
        self.latin
    }
}

/// An entry of the sorted pattern indexes.
#[derive(Clone, Copy)]
enum Pattern {
    Term(u16),
    Exception(u16),
}

/// The terms of the list, in the file's order.
pub fn terms() -> &'static [Term] {
    TERMS
}

/// The exceptions of the list, in the file's order.
pub fn exceptions() -> &'static [Exception] {
    EXCEPTIONS
}

/// Fold a key or text for comparison: full-width ASCII to half-width, lower case, and
/// spaces, separators (`_`, `-`, `.`, `·`) and zero-width characters removed, so
/// `blood_type`, `BloodType`, `blood-type` and `ＢＬＯＯＤ＿ＴＹＰＥ` are the same key and
/// "血　型" is 血型.
pub fn fold_key(key: &str) -> String {
    key.chars().map(half_width).filter(|c| !removed(*c)).flat_map(char::to_lowercase).collect()
}

/// A text folded by [`fold_key`], with the byte spans (in the folded text) of its Latin
/// words: runs of ASCII letters and digits, also split where a lower-case letter is
/// followed by an upper-case one (`spouseMonthlyIncome` → spouse, monthly, income).
struct Folded {
    text: String,
    words: Vec<(usize, usize)>,
}

impl Folded {
    fn new(source: &str) -> Folded {
        let mut text = String::with_capacity(source.len());
        let mut words: Vec<(usize, usize)> = Vec::new();
        let mut in_word = false;
        let mut previous_lower = false;
        for c in source.chars().map(half_width) {
            if removed(c) {
                in_word = false;
                continue;
            }
            if c.is_ascii_alphanumeric() {
                let at = text.len();
                if in_word && !(previous_lower && c.is_ascii_uppercase()) {
                    if let Some(word) = words.last_mut() {
                        word.1 = at + 1;
                    }
                } else {
                    words.push((at, at + 1));
                }
                in_word = true;
                previous_lower = c.is_ascii_lowercase();
                text.push(c.to_ascii_lowercase());
            } else {
                in_word = false;
                text.extend(c.to_lowercase());
            }
        }
        Folded { text, words }
    }

    /// Every match of a term or exception: (start, end, pattern), byte spans in the folded text.
    fn matches(&self) -> Vec<(usize, usize, Pattern)> {
        let mut found = Vec::new();
        for (at, c) in self.text.char_indices() {
            let rest = &self.text[at..];
            let head = &rest[..c.len_utf8()];
            let from = CJK_PATTERNS.partition_point(|(p, _)| *p < head);
            for (folded, pattern) in CJK_PATTERNS[from..].iter().take_while(|(p, _)| p.starts_with(head)) {
                if rest.starts_with(folded) {
                    found.push((at, at + folded.len(), *pattern));
                }
            }
        }
        let mut joined = String::new();
        for (i, &(start, _)) in self.words.iter().enumerate() {
            joined.clear();
            for (j, &(word_start, word_end)) in self.words.iter().enumerate().skip(i) {
                // Consecutive words with nothing but separators between them.
                if j > i && word_start != self.words[j - 1].1 {
                    break;
                }
                joined.push_str(&self.text[word_start..word_end]);
                if joined.len() > LATIN_MAX_LEN {
                    break;
                }
                let from = LATIN_PATTERNS.partition_point(|(p, _)| *p < joined.as_str());
                for (_, pattern) in LATIN_PATTERNS[from..].iter().take_while(|(p, _)| *p == joined.as_str()) {
                    found.push((start, word_end, *pattern));
                }
            }
        }
        found
    }

    /// The terms found, each once per category: the leftmost (then longest) match of the
    /// category among the terms `looked_for` admits, not overlapping an exception of its
    /// category nor lying inside an occurrence of `excused` (already folded). In order of
    /// position.
    fn findings(&self, looked_for: impl Fn(&Term) -> bool, excused: Option<&str>) -> Vec<&'static Term> {
        let matches = self.matches();
        let exceptions: Vec<(usize, usize, FieldClass)> = matches
            .iter()
            .filter_map(|&(s, e, p)| match p {
                Pattern::Exception(i) => Some((s, e, EXCEPTIONS[usize::from(i)].category)),
                Pattern::Term(_) => None,
            })
            .collect();
        let excused: Vec<(usize, usize)> = match excused {
            Some(phrase) if !phrase.is_empty() => {
                self.text.match_indices(phrase).map(|(at, _)| (at, at + phrase.len())).collect()
            }
            _ => Vec::new(),
        };
        let mut best: Vec<(usize, usize, &'static Term)> = Vec::new();
        for &(s, e, p) in &matches {
            let Pattern::Term(i) = p else { continue };
            let term = &TERMS[usize::from(i)];
            if !looked_for(term)
                || exceptions.iter().any(|&(xs, xe, c)| c == term.category && xs < e && s < xe)
                || excused.iter().any(|&(xs, xe)| xs <= s && e <= xe)
            {
                continue;
            }
            match best.iter_mut().find(|(_, _, t)| t.category == term.category) {
                Some(held) if (s, usize::MAX - e) < (held.0, usize::MAX - held.1) => *held = (s, e, term),
                Some(_) => {}
                None => best.push((s, e, term)),
            }
        }
        best.sort_by_key(|&(s, e, t)| (s, usize::MAX - e, t.category.rank()));
        best.into_iter().map(|(_, _, t)| t).collect()
    }
}

/// The category a key names and the term that says so: forbidden before restricted, each
/// in its `ALL` order.
fn classify_key(key: &str) -> Option<&'static Term> {
    Folded::new(key).findings(|_| true, None).into_iter().min_by_key(|t| t.category.rank())
}

/// How a field key is treated (Art. 32).
///
/// A key is forbidden or restricted when it names one of the categories: it holds a term
/// of `data/personal_data_terms.toml` of any scope, outside the category's exceptions —
/// a Chinese term anywhere (`配偶收入`, `血型`), a Latin term as whole words, whatever the
/// case, width and separators (`Blood-Type`, `applicant_blood_type`, `spouseIncome`).
/// Forbidden wins over restricted.
pub fn classify_field(key: &str) -> FieldClass {
    classify_key(key).map_or(FieldClass::Ordinary, |t| t.category)
}

/// Where a violation was found.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FoundIn {
    /// The name of the field (an `extra_fields` key) names the data.
    Key,
    /// The text of the field holds the data.
    Text,
}

/// Data that may not be collected as submitted.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct PersonalDataViolation {
    /// Position of the key among the keys screened ([`screen`]); 0 for text and for
    /// [`screen_record`] (the caller knows the record's position in its batch).
    pub index: usize,
    /// The key as submitted ([`screen`]), or the path of the field (`title`,
    /// `persons[0].name`, `extra_fields.备注`).
    pub field: String,
    /// Why: forbidden, or restricted without consent.
    pub class: FieldClass,
    /// The term of the list that was found, as listed.
    pub term: String,
    /// In the field's name or in its text.
    pub found_in: FoundIn,
}

impl PersonalDataViolation {
    fn new(index: usize, field: String, term: &Term, found_in: FoundIn) -> Self {
        PersonalDataViolation { index, field, class: term.category, term: term.term.to_string(), found_in }
    }

    /// [`ErrorCode::ForbiddenPersonalData`] or [`ErrorCode::ConsentRequired`].
    pub fn code(&self) -> ErrorCode {
        match self.class {
            FieldClass::Forbidden(_) => ErrorCode::ForbiddenPersonalData,
            _ => ErrorCode::ConsentRequired,
        }
    }

    /// Chinese message naming the field, the term, the category and the article, and what to do.
    pub fn message_zh(&self) -> String {
        let (field, term, category) = (&self.field, &self.term, self.class.name_zh());
        const CONSENT: &str = "须明确告知信用主体提供该信息可能产生的不利后果并取得其书面同意后方可采集";
        match (self.class, self.found_in) {
            (FieldClass::Forbidden(_), FoundIn::Key) => format!(
                "字段“{field}”属于{category}信息（“{term}”），依照《贵州省社会信用条例》第三十二条第三款不得采集、归集，\
                 取得书面同意也不例外：请删除该字段后重新提交。"
            ),
            (FieldClass::Forbidden(_), FoundIn::Text) => format!(
                "{field}中的“{term}”属于{category}信息，依照《贵州省社会信用条例》第三十二条第三款不得采集、归集，\
                 取得书面同意也不例外：请删除该内容后重新提交。"
            ),
            (FieldClass::Restricted(_), FoundIn::Key) => format!(
                "字段“{field}”属于自然人的{category}信息（“{term}”），依照《贵州省社会信用条例》第三十二条第二款，\
                 {CONSENT}：已取得并留存书面同意的，请将 written_consent 设为 true；否则请删除该字段。"
            ),
            (FieldClass::Restricted(_), FoundIn::Text) => format!(
                "{field}中的“{term}”属于自然人的{category}信息，依照《贵州省社会信用条例》第三十二条第二款，\
                 {CONSENT}：已取得并留存书面同意的，请将 written_consent 设为 true；否则请删除该内容。"
            ),
            (FieldClass::Ordinary, _) => format!("字段“{field}”可以采集。"),
        }
    }

    /// English message naming the field, the term, the category and the article, and what to do.
    pub fn message_en(&self) -> String {
        let (field, term, category) = (&self.field, &self.term, self.class.name_en());
        const CONSENT: &str = "collected only with the subject's recorded written consent after being told of the \
                               possible adverse consequences";
        match (self.class, self.found_in) {
            (FieldClass::Forbidden(_), FoundIn::Key) => format!(
                "Field {field:?} is {category} information ({term:?}), which may not be collected, consent or not \
                 (Art. 32 ¶3). Remove the field and resubmit."
            ),
            (FieldClass::Forbidden(_), FoundIn::Text) => format!(
                "{field} contains {term:?}, {category} information, which may not be collected, consent or not \
                 (Art. 32 ¶3). Remove it and resubmit."
            ),
            (FieldClass::Restricted(_), FoundIn::Key) => format!(
                "Field {field:?} is a natural person's {category} information ({term:?}), {CONSENT} (Art. 32 ¶2). \
                 If that consent is on file, set written_consent to true; otherwise remove the field."
            ),
            (FieldClass::Restricted(_), FoundIn::Text) => format!(
                "{field} contains {term:?}, a natural person's {category} information, {CONSENT} (Art. 32 ¶2). \
                 If that consent is on file, set written_consent to true; otherwise remove it."
            ),
            (FieldClass::Ordinary, _) => format!("Field {field:?} may be collected."),
        }
    }
}

impl fmt::Display for PersonalDataViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}

impl std::error::Error for PersonalDataViolation {}

impl From<PersonalDataViolation> for ApiError {
    fn from(violation: PersonalDataViolation) -> ApiError {
        ApiError::new(violation.code(), violation.message_zh(), violation.message_en())
    }
}

/// One error for all violations of a submission: `forbidden_personal_data` if any field
/// is forbidden (consent cannot cure it), else `consent_required`; each violation in
/// `details`.
pub fn to_api_error(violations: &[PersonalDataViolation]) -> ApiError {
    let Some(first) = violations.iter().find(|v| v.code() == ErrorCode::ForbiddenPersonalData).or(violations.first())
    else {
        return ApiError::new(ErrorCode::InvalidParameter, "没有违规字段。", "No violations.");
    };
    let mut fields: Vec<&str> = Vec::new();
    for v in violations {
        if !fields.contains(&v.field.as_str()) {
            fields.push(&v.field);
        }
    }
    let mut error = ApiError::from(first.clone());
    if violations.len() > 1 {
        error.message_zh = format!("{}个字段不得按提交的方式采集：{}。", fields.len(), fields.join("、"));
        error.message_en =
            format!("{} fields may not be collected as submitted: {} (Art. 32).", fields.len(), fields.join(", "));
    }
    error.with_details(
        violations
            .iter()
            .map(|v| ErrorDetail {
                index: v.index,
                field: Some(v.field.clone()),
                code: v.code(),
                message_zh: v.message_zh(),
                message_en: v.message_en(),
            })
            .collect(),
    )
}

/// Whether a key violation stands: forbidden always, restricted without consent.
fn key_violates(term: &Term, written_consent: bool) -> bool {
    match term.category {
        FieldClass::Forbidden(_) => true,
        FieldClass::Restricted(_) => !written_consent,
        FieldClass::Ordinary => false,
    }
}

/// Screen the keys of a submission (`extra_fields`). `written_consent` = the subject was
/// clearly told of the possible adverse consequences and gave written consent, and the
/// consent is on record (Art. 32 ¶2); it admits restricted fields, never forbidden ones.
/// A key naming ¶2 data is refused whoever the subject: a field of that name collects it.
pub fn screen<'a>(
    field_keys: impl IntoIterator<Item = &'a str>,
    written_consent: bool,
) -> Result<(), Vec<PersonalDataViolation>> {
    let violations: Vec<PersonalDataViolation> = field_keys
        .into_iter()
        .enumerate()
        .filter_map(|(index, key)| {
            let term = classify_key(key).filter(|t| key_violates(t, written_consent))?;
            Some(PersonalDataViolation::new(index, key.to_string(), term, FoundIn::Key))
        })
        .collect();
    if violations.is_empty() {
        Ok(())
    } else {
        Err(violations)
    }
}

fn text_violations(
    field: &str,
    text: &str,
    natural_person_data: bool,
    written_consent: bool,
    excused: Option<&str>,
) -> Vec<PersonalDataViolation> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    let looked_for = |t: &Term| match (t.scope, t.category) {
        (Scope::KeyOnly, _) | (_, FieldClass::Ordinary) => false,
        (Scope::Always, FieldClass::Forbidden(_)) => true,
        (_, FieldClass::Forbidden(_)) => natural_person_data,
        (_, FieldClass::Restricted(_)) => natural_person_data && !written_consent,
    };
    Folded::new(text)
        .findings(looked_for, excused)
        .into_iter()
        .map(|term| PersonalDataViolation::new(0, field.to_string(), term, FoundIn::Text))
        .collect()
}

/// Screen free text (Art. 32). `field` names it in the violations (`title`,
/// `persons[0].name`). `natural_person_data` = the text is about a natural person (the
/// record's subject is one, or it is a `persons[k]` value): only then are ¶2 terms and the
/// ¶3 terms of [`Scope::NaturalPerson`] looked for. `written_consent` admits ¶2 data,
/// never ¶3. One violation per category found, in order of position.
pub fn screen_text(
    field: &str,
    text: &str,
    natural_person_data: bool,
    written_consent: bool,
) -> Result<(), Vec<PersonalDataViolation>> {
    let violations = text_violations(field, text, natural_person_data, written_consent, None);
    if violations.is_empty() {
        Ok(())
    } else {
        Err(violations)
    }
}

/// Screen a submitted record (Art. 32): the names of its `extra_fields` as [`screen`]
/// does, and as [`screen_text`] does its `title`, `content`, `change_reason` and the
/// values of `extra_fields` (about a natural person when `subject_is_natural_person`),
/// each `persons[k].name` (always about a natural person) and, for a natural-person
/// subject, `subject.name`. An organisation's own name (public registration information)
/// is excused wherever it appears: 某某基因科技有限公司 in its own record is not genes.
///
/// Fields are named by their path: `title`, `content`, `change_reason`, `subject.name`,
/// `persons[0].name`, `extra_fields.备注` (key or value: see [`PersonalDataViolation::found_in`]).
pub fn screen_record(
    record: &SubmittedRecord,
    subject_is_natural_person: bool,
) -> Result<(), Vec<PersonalDataViolation>> {
    let natural_person = subject_is_natural_person;
    let consent = record.written_consent;
    let own_name = (!natural_person).then(|| fold_key(record.subject.name.trim())).filter(|n| n.chars().count() >= 2);
    let excused = own_name.as_deref();
    let mut violations = Vec::new();
    if natural_person {
        violations.extend(text_violations("subject.name", &record.subject.name, true, consent, None));
    }
    violations.extend(text_violations("title", &record.title, natural_person, consent, excused));
    violations.extend(text_violations("content", &record.content, natural_person, consent, excused));
    for (k, person) in record.persons.iter().enumerate() {
        violations.extend(text_violations(&format!("persons[{k}].name"), &person.name, true, consent, None));
    }
    for (key, value) in &record.extra_fields {
        let field = format!("extra_fields.{key}");
        if let Some(term) = classify_key(key).filter(|t| key_violates(t, consent)) {
            violations.push(PersonalDataViolation::new(0, field.clone(), term, FoundIn::Key));
        }
        violations.extend(text_violations(&field, value, natural_person, consent, excused));
    }
    if let Some(reason) = &record.change_reason {
        violations.extend(text_violations("change_reason", reason, natural_person, consent, excused));
    }
    if violations.is_empty() {
        Ok(())
    } else {
        Err(violations)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn art32_keys_in_both_languages_and_widths() {
        assert_eq!(classify_field("blood_type"), FieldClass::Forbidden(Forbidden::BloodType));
        assert_eq!(classify_field("ＢｌｏｏｄＴｙｐｅ"), FieldClass::Forbidden(Forbidden::BloodType));
        assert_eq!(classify_field("配偶收入"), FieldClass::Restricted(Restricted::Income));
        assert_eq!(classify_field("spouseIncome"), FieldClass::Restricted(Restricted::Income));
        assert_eq!(classify_field("legal_representative"), FieldClass::Ordinary);
    }

    #[test]
    fn latin_words_are_split_at_separators_case_changes_and_chinese() {
        let folded = Folded::new("患有HIV，spouse_MonthlyIncome ｄｎａ");
        let words: Vec<&str> = folded.words.iter().map(|&(s, e)| &folded.text[s..e]).collect();
        assert_eq!(words, ["hiv", "spouse", "monthly", "income", "dna"]);
        assert_eq!(folded.text, "患有hiv,spousemonthlyincomedna");
        assert_eq!(folded.text, fold_key("患有HIV，spouse_MonthlyIncome ｄｎａ"));
    }

    #[test]
    fn pattern_indexes_are_sorted_for_lookup() {
        assert!(CJK_PATTERNS.windows(2).all(|w| w[0].0 <= w[1].0));
        assert!(LATIN_PATTERNS.windows(2).all(|w| w[0].0 <= w[1].0));
        assert!(LATIN_PATTERNS.iter().all(|(p, _)| p.len() <= LATIN_MAX_LEN));
    }
}
