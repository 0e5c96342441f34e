//! Screening of personal data fields before they are collected (Art. 32, 个人隐私保护).
//!
//! - **Forbidden** (Art. 32 ¶3): religious belief (宗教信仰), genes (基因), fingerprints
//!   (指纹), blood type (血型), disease and medical history (疾病和病史), and other personal
//!   information that laws and regulations forbid collecting. Never accepted.
//! - **Restricted** (Art. 32 ¶2): income (收入), deposits (存款), securities (有价证券),
//!   commercial insurance (商业保险), real estate (不动产) and tax amounts (纳税数额).
//!   Accepted only when the subject was clearly told of the adverse consequences that
//!   providing it may have and gave written consent, and that consent is on record.
//! - Everything else is **ordinary** (Art. 32 ¶1 still requires consent and an agreed
//!   purpose for market credit information; that is checked where records are
//!   submitted, not per field).
//!
//! Field keys are recognised in English (stable snake_case keys) and in Chinese,
//! insensitive to case, width and separators; see [`classify_field`].
//!
//! "Other information laws forbid" has no list in the regulation: when a law names
//! one, add it to [`Forbidden`] with its keys.

use crate::error::{ApiError, ErrorCode, ErrorDetail};
use core::fmt;
use serde::{Deserialize, Serialize};

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

    /// Keys recognised besides [`Forbidden::key`], already folded (see [`fold_key`]).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Forbidden::Religion => &["religion", "religious", "religiousbelief", "belief", "宗教信仰", "宗教"],
            Forbidden::Genes => &["genes", "gene", "genetic", "genetics", "dna", "基因"],
            Forbidden::Fingerprint => &["fingerprint", "fingerprints", "指纹"],
            Forbidden::BloodType => &["bloodtype", "bloodgroup", "血型"],
            Forbidden::Disease => &["disease", "diseases", "illness", "diagnosis", "疾病", "病情"],
            Forbidden::MedicalHistory => &["medicalhistory", "medicalrecord", "medicalrecords", "病史", "病历"],
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

    fn aliases(self) -> &'static [&'static str] {
        match self {
            Restricted::Income => &["income", "salary", "wage", "wages", "收入", "工资", "薪酬"],
            Restricted::Deposits => &["deposits", "deposit", "savings", "存款"],
            Restricted::Securities => &["securities", "stocks", "bonds", "有价证券", "股票", "债券"],
            Restricted::CommercialInsurance => &["commercialinsurance", "insurancepolicy", "商业保险"],
            Restricted::RealEstate => &["realestate", "不动产", "房产"],
            Restricted::TaxAmount => &["taxamount", "taxpaid", "taxes", "纳税数额", "纳税额", "纳税金额", "缴税金额"],
        }
    }
}

/// Fold a key for comparison: full-width ASCII to half-width, lower case, and
/// separators (`_`, `-`, `.`, spaces) removed, so `blood_type`, `BloodType`,
/// `blood-type` and `ＢＬＯＯＤ＿ＴＹＰＥ` are the same key.
pub fn fold_key(key: &str) -> String {
    key.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !(c.is_whitespace() || matches!(c, '_' | '-' | '.' | '·')))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of a key: split at separators and lower-to-upper case changes
/// (`spouseMonthlyIncome` → spouse, monthly, income).
fn words(key: &str) -> Vec<String> {
    let mut words = vec![String::new()];
    let mut previous_lower = false;
    for c in key.chars().map(|c| match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }) {
        if c.is_whitespace() || matches!(c, '_' | '-' | '.' | '·') {
            words.push(String::new());
            previous_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && previous_lower {
            words.push(String::new());
        }
        previous_lower = c.is_ascii_lowercase();
        if let Some(word) = words.last_mut() {
            word.extend(c.to_lowercase());
        }
    }
    words.retain(|w| !w.is_empty());
    words
}

/// Whether `key` names `alias`: the whole folded key, a run of consecutive words of the
/// key (`spouse_income`, `blood_type_code`), or — for Chinese aliases — a substring
/// (`家庭月收入`), since Chinese keys have no separators.
fn names(key: &str, folded: &str, alias: &str) -> bool {
    if folded == alias {
        return true;
    }
    if !alias.is_ascii() {
        return folded.contains(alias);
    }
    let words = words(key);
    (0..words.len()).any(|start| {
        let mut joined = String::new();
        words[start..].iter().any(|w| {
            joined.push_str(w);
            joined == alias
        })
    })
}

/// How a field key is treated (Art. 32).
///
/// A key is forbidden or restricted when it names one of the categories: equal to a
/// category key or alias after [`fold_key`] (`Blood-Type`, `血型`), or containing it as
/// consecutive words (`applicant_blood_type`, `spouseIncome`) or, in Chinese, as a
/// substring (`配偶收入`). Forbidden wins over restricted.
pub fn classify_field(key: &str) -> FieldClass {
    let folded = fold_key(key);
    if folded.is_empty() {
        return FieldClass::Ordinary;
    }
    if let Some(category) = Forbidden::ALL.into_iter().find(|f| f.aliases().iter().any(|a| names(key, &folded, a))) {
        return FieldClass::Forbidden(category);
    }
    if let Some(category) = Restricted::ALL.into_iter().find(|r| r.aliases().iter().any(|a| names(key, &folded, a))) {
        return FieldClass::Restricted(category);
    }
    FieldClass::Ordinary
}

/// A field that may not be collected as submitted.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct PersonalDataViolation {
    /// Position of the field among the keys screened.
    pub index: usize,
    /// The key as submitted.
    pub field: String,
    /// Why: forbidden, or restricted without consent.
    pub class: FieldClass,
}

impl PersonalDataViolation {
    /// [`ErrorCode::ForbiddenPersonalData`] or [`ErrorCode::ConsentRequired`].
    pub fn code(&self) -> ErrorCode {
        match self.class {
            FieldClass::Forbidden(_) => ErrorCode::ForbiddenPersonalData,
            _ => ErrorCode::ConsentRequired,
        }
    }

    /// Chinese message naming the field and the article.
    pub fn message_zh(&self) -> String {
        match self.class {
            FieldClass::Forbidden(f) => format!(
                "字段“{}”属于{}信息，依照《贵州省社会信用条例》第三十二条第三款不得采集、归集。",
                self.field,
                f.name_zh()
            ),
            FieldClass::Restricted(r) => format!(
                "字段“{}”属于{}信息，依照第三十二条第二款，须明确告知信用主体提供该信息可能产生的不利后果并取得其书面同意后方可采集。",
                self.field,
                r.name_zh()
            ),
            FieldClass::Ordinary => format!("字段“{}”可以采集。", self.field),
        }
    }

    /// English message naming the field and the article.
    pub fn message_en(&self) -> String {
        match self.class {
            FieldClass::Forbidden(f) => format!(
                "Field {:?} is {} information, which may not be collected (Art. 32 ¶3).",
                self.field,
                f.name_en()
            ),
            FieldClass::Restricted(r) => format!(
                "Field {:?} is {} information, collected only with the subject's recorded written consent \
                 after being told of possible adverse consequences (Art. 32 ¶2).",
                self.field,
                r.name_en()
            ),
            FieldClass::Ordinary => format!("Field {:?} may be collected.", self.field),
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
/// is forbidden (consent cannot cure it), else `consent_required`; each field in
/// `details`.
pub fn to_api_error(violations: &[PersonalDataViolation]) -> ApiError {
    let Some(first) = violations.iter().find(|v| v.code() == ErrorCode::ForbiddenPersonalData).or(violations.first())
    else {
        return ApiError::new(ErrorCode::InvalidParameter, "没有违规字段。", "No violations.");
    };
    let fields: Vec<&str> = violations.iter().map(|v| v.field.as_str()).collect();
    let mut error = ApiError::from(first.clone());
    if violations.len() > 1 {
        error.message_zh = format!("{}个字段不得按提交的方式采集：{}。", violations.len(), fields.join("、"));
        error.message_en =
            format!("{} fields may not be collected as submitted: {} (Art. 32).", violations.len(), fields.join(", "));
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

/// Screen the keys of a submission. `written_consent` = the subject was clearly told of
/// the possible adverse consequences and gave written consent, and the consent is on
/// record (Art. 32 ¶2); it admits restricted fields, never forbidden ones.
pub fn screen<'a>(
    field_keys: impl IntoIterator<Item = &'a str>,
    written_consent: bool,
) -> Result<(), Vec<PersonalDataViolation>> {
    let violations: Vec<PersonalDataViolation> = field_keys
        .into_iter()
        .enumerate()
        .filter_map(|(index, key)| {
            let class = classify_field(key);
            let violates = match class {
                FieldClass::Forbidden(_) => true,
                FieldClass::Restricted(_) => !written_consent,
                FieldClass::Ordinary => false,
            };
            violates.then(|| PersonalDataViolation { index, field: key.to_string(), class })
        })
        .collect();
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
}
