//! Identifiers of credit subjects (Art. 30: real-name registration built on the citizen
//! identity number and the unified social credit code).
//!
//! - [`Uscc`]: the unified social credit code of legal persons and other organisations,
//!   GB 32100-2015, whose characters 9–17 are a GB 11714 organization code.
//! - [`ResidentId`]: the citizen identity number, GB 11643-1999.
//! - [`RegistrationNumber`]: the legacy 15-digit business registration number
//!   (工商注册号), checked with ISO 7064 MOD 11,10 (GB/T 17710).
//!
//! One search box accepts all of them as well as names and pinyin: [`classify`] decides
//! which one a user typed, and when a code is wrong says precisely what is wrong.

use crate::date::Date;
use crate::error::{ApiError, ErrorCode};
use crate::masking::mask_id_number;
use core::fmt;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Fold an identifier as typed into its canonical form: full-width ASCII
/// (U+FF01–U+FF5E) becomes half-width, every whitespace character (including the
/// ideographic space U+3000) is removed, and ASCII letters are upper-cased.
///
/// Meant for codes only: people paste codes from Word documents and PDF files with
/// full-width digits and stray spaces. Names are normalised by `search_terms`.
pub fn normalize(input: &str) -> String {
    input.chars().map(fold_width).filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_uppercase()).collect()
}

/// Full-width ASCII to half-width; the ideographic space to an ASCII space.
fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Which kind of identifier an error is about.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentifierKind {
    /// 统一社会信用代码 (GB 32100-2015).
    Uscc,
    /// 居民身份证号码 (GB 11643-1999).
    ResidentId,
    /// 工商注册号, the legacy 15-digit business registration number.
    RegistrationNumber,
}

impl IdentifierKind {
    /// Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            IdentifierKind::Uscc => "统一社会信用代码",
            IdentifierKind::ResidentId => "居民身份证号码",
            IdentifierKind::RegistrationNumber => "工商注册号",
        }
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            IdentifierKind::Uscc => "unified social credit code",
            IdentifierKind::ResidentId => "resident ID number",
            IdentifierKind::RegistrationNumber => "registration number",
        }
    }
}

/// What exactly is wrong with an identifier. Positions count from 1, as people do.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum IdentifierErrorKind {
    /// The identifier has the wrong number of characters.
    WrongLength {
        /// Characters the identifier has.
        expected: usize,
        /// Characters given.
        found: usize,
    },
    /// A character that may not stand at this position.
    InvalidCharacter {
        /// 1-based position.
        position: usize,
        /// The character found there.
        character: char,
    },
    /// The check character does not match the rest.
    CheckCharacter {
        /// The check character the rest of the identifier calls for.
        expected: char,
        /// The check character given.
        found: char,
    },
    /// The first character of a USCC is no registering department of GB 32100.
    UnknownRegisteringDepartment {
        /// The character found.
        character: char,
    },
    /// The second character of a USCC is no subject type of its registering department.
    UnknownSubjectType {
        /// The registering department.
        department: RegisteringDepartment,
        /// The character found.
        character: char,
    },
    /// Characters 7–14 of a resident ID are no date between 1900-01-01 and 2099-12-31.
    InvalidBirthDate {
        /// The eight digits found.
        digits: String,
    },
    /// The first two digits of a resident ID are no province-level region.
    UnknownRegion {
        /// The two digits found.
        code: String,
    },
}

/// An identifier that fails its standard, with what was typed (normalised).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct IdentifierError {
    /// Which identifier it was read as.
    pub identifier: IdentifierKind,
    /// What is wrong.
    pub kind: IdentifierErrorKind,
    /// The input after [`normalize`].
    pub input: String,
}

impl IdentifierError {
    fn new(identifier: IdentifierKind, kind: IdentifierErrorKind, input: &str) -> Self {
        IdentifierError { identifier, kind, input: input.to_string() }
    }

    /// The input as it may be echoed: a resident ID is shown masked (Art. 32), other
    /// codes in full so the user can find the typo.
    fn shown_input(&self) -> String {
        if self.identifier == IdentifierKind::ResidentId {
            mask_id_number(&self.input)
        } else {
            self.input.clone()
        }
    }

    /// English message, e.g. `invalid unified social credit code 91520100MA6DXXXX71:
    /// check character should be 3`.
    pub fn message_en(&self) -> String {
        let what = match &self.kind {
            IdentifierErrorKind::WrongLength { expected, found } => {
                format!("should have {expected} characters, not {found}")
            }
            IdentifierErrorKind::InvalidCharacter { position, character } => {
                format!("character {position} ({character:?}) is not allowed there")
            }
            IdentifierErrorKind::CheckCharacter { expected, .. } => {
                format!("check character should be {expected}")
            }
            IdentifierErrorKind::UnknownRegisteringDepartment { character } => {
                format!("{character:?} is no registering department code")
            }
            IdentifierErrorKind::UnknownSubjectType { department, character } => format!(
                "{character:?} is no subject type of registering department {} ({})",
                department.code(),
                department.name_en()
            ),
            IdentifierErrorKind::InvalidBirthDate { digits } => {
                format!("birth date {digits} is not a date between 1900 and 2099")
            }
            IdentifierErrorKind::UnknownRegion { code } => format!("{code} is no province code"),
        };
        format!("invalid {} {}: {what}", self.identifier.name_en(), self.shown_input())
    }

    /// Chinese message, e.g. `统一社会信用代码 91520100MA6DXXXX71 校验码错误，应为 3`.
    pub fn message_zh(&self) -> String {
        let what = match &self.kind {
            IdentifierErrorKind::WrongLength { expected, found } => {
                format!("位数错误，应为 {expected} 位，实为 {found} 位")
            }
            IdentifierErrorKind::InvalidCharacter { position, character } => {
                format!("第 {position} 位字符“{character}”无效")
            }
            IdentifierErrorKind::CheckCharacter { expected, .. } => {
                format!("校验码错误，应为 {expected}")
            }
            IdentifierErrorKind::UnknownRegisteringDepartment { character } => {
                format!("登记管理部门代码“{character}”不存在")
            }
            IdentifierErrorKind::UnknownSubjectType { department, character } => format!(
                "机构类别代码“{character}”不属于登记管理部门“{}”（{}）",
                department.code(),
                department.name_zh()
            ),
            IdentifierErrorKind::InvalidBirthDate { digits } => {
                format!("出生日期 {digits} 无效（应为 1900 年至 2099 年间的真实日期）")
            }
            IdentifierErrorKind::UnknownRegion { code } => {
                format!("省级行政区划代码 {code} 不存在")
            }
        };
        format!("{} {} {what}", self.identifier.name_zh(), self.shown_input())
    }
}

impl fmt::Display for IdentifierError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}

impl std::error::Error for IdentifierError {}

impl From<IdentifierError> for ApiError {
    fn from(error: IdentifierError) -> ApiError {
        ApiError::new(ErrorCode::InvalidIdentifier, error.message_zh(), error.message_en())
    }
}

// ---------------------------------------------------------------------------------------
// Unified social credit code, GB 32100-2015
// ---------------------------------------------------------------------------------------

/// The 31 characters of GB 32100: digits and capital letters without I, O, S, V, Z
/// (which are too easily mistaken for 1, 0, 5, U, 2).
const USCC_ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// GB 32100 weights 3^(i) mod 31 for positions 1–17.
const USCC_WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/// GB 11714 weights for the 8 body characters of an organization code.
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

fn uscc_value(c: char) -> Option<u32> {
    USCC_ALPHABET.iter().position(|&b| b as char == c).map(|p| p as u32)
}

/// The GB 32100 check character for the first 17 characters (all in the alphabet).
fn uscc_check(body: &[char]) -> char {
    let sum: u32 = body.iter().zip(USCC_WEIGHTS).map(|(&c, w)| uscc_value(c).unwrap_or(0) * w).sum();
    USCC_ALPHABET[((31 - sum % 31) % 31) as usize] as char
}

/// GB 11714 value of a body character: digits 0–9, letters A=10 … Z=35.
fn org_value(c: char) -> u32 {
    c.to_digit(36).unwrap_or(0)
}

/// The GB 11714 check character of an 8-character organization code body.
fn org_check(body: &[char]) -> char {
    let sum: u32 = body.iter().zip(ORG_WEIGHTS).map(|(&c, w)| org_value(c) * w).sum();
    match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        c => char::from_digit(c, 10).unwrap_or('0'),
    }
}

/// The registering department (登记管理部门), character 1 of a USCC.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegisteringDepartment {
    /// 1 机构编制
    InstitutionalEstablishment,
    /// 2 外交
    ForeignAffairs,
    /// 3 司法行政
    JusticeAdministration,
    /// 4 文化
    Culture,
    /// 5 民政
    CivilAffairs,
    /// 6 旅游
    Tourism,
    /// 7 宗教
    ReligiousAffairs,
    /// 8 工会
    TradeUnion,
    /// 9 工商（市场监管）
    MarketRegulation,
    /// A 中央军委改革和编制办公室
    MilitaryEstablishment,
    /// N 农业
    Agriculture,
    /// Y 其他
    Other,
}

impl RegisteringDepartment {
    /// All departments in code order.
    pub const ALL: [RegisteringDepartment; 12] = [
        RegisteringDepartment::InstitutionalEstablishment,
        RegisteringDepartment::ForeignAffairs,
        RegisteringDepartment::JusticeAdministration,
        RegisteringDepartment::Culture,
        RegisteringDepartment::CivilAffairs,
        RegisteringDepartment::Tourism,
        RegisteringDepartment::ReligiousAffairs,
        RegisteringDepartment::TradeUnion,
        RegisteringDepartment::MarketRegulation,
        RegisteringDepartment::MilitaryEstablishment,
        RegisteringDepartment::Agriculture,
        RegisteringDepartment::Other,
    ];

    /// The department for its code character.
    pub fn from_code(code: char) -> Option<RegisteringDepartment> {
        RegisteringDepartment::ALL.into_iter().find(|d| d.code() == code)
    }

    /// The code character.
    pub fn code(self) -> char {
        match self {
            RegisteringDepartment::InstitutionalEstablishment => '1',
            RegisteringDepartment::ForeignAffairs => '2',
            RegisteringDepartment::JusticeAdministration => '3',
            RegisteringDepartment::Culture => '4',
            RegisteringDepartment::CivilAffairs => '5',
            RegisteringDepartment::Tourism => '6',
            RegisteringDepartment::ReligiousAffairs => '7',
            RegisteringDepartment::TradeUnion => '8',
            RegisteringDepartment::MarketRegulation => '9',
            RegisteringDepartment::MilitaryEstablishment => 'A',
            RegisteringDepartment::Agriculture => 'N',
            RegisteringDepartment::Other => 'Y',
        }
    }

    /// Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            RegisteringDepartment::InstitutionalEstablishment => "机构编制",
            RegisteringDepartment::ForeignAffairs => "外交",
            RegisteringDepartment::JusticeAdministration => "司法行政",
            RegisteringDepartment::Culture => "文化",
            RegisteringDepartment::CivilAffairs => "民政",
            RegisteringDepartment::Tourism => "旅游",
            RegisteringDepartment::ReligiousAffairs => "宗教",
            RegisteringDepartment::TradeUnion => "工会",
            RegisteringDepartment::MarketRegulation => "工商（市场监管）",
            RegisteringDepartment::MilitaryEstablishment => "中央军委改革和编制办公室",
            RegisteringDepartment::Agriculture => "农业",
            RegisteringDepartment::Other => "其他",
        }
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            RegisteringDepartment::InstitutionalEstablishment => "institutional establishment",
            RegisteringDepartment::ForeignAffairs => "foreign affairs",
            RegisteringDepartment::JusticeAdministration => "justice administration",
            RegisteringDepartment::Culture => "culture",
            RegisteringDepartment::CivilAffairs => "civil affairs",
            RegisteringDepartment::Tourism => "tourism",
            RegisteringDepartment::ReligiousAffairs => "religious affairs",
            RegisteringDepartment::TradeUnion => "trade union",
            RegisteringDepartment::MarketRegulation => "market regulation",
            RegisteringDepartment::MilitaryEstablishment => {
                "Reform and Organization Office of the Central Military Commission"
            }
            RegisteringDepartment::Agriculture => "agriculture",
            RegisteringDepartment::Other => "other",
        }
    }

    /// The subject types this department registers, with their code characters
    /// (GB 32100-2015 table of 机构类别代码, with the later A and N departments).
    pub fn subject_types(self) -> &'static [(char, SubjectType)] {
        use SubjectType as T;
        match self {
            RegisteringDepartment::InstitutionalEstablishment => {
                &[('1', T::Organ), ('2', T::PublicInstitution), ('3', T::MassOrganization), ('9', T::Other)]
            }
            RegisteringDepartment::ForeignAffairs => &[('1', T::ForeignPressOrganization), ('9', T::Other)],
            RegisteringDepartment::JusticeAdministration => &[
                ('1', T::LawFirm),
                ('2', T::NotaryOffice),
                ('3', T::GrassrootsLegalServiceOffice),
                ('4', T::JudicialExpertiseInstitution),
                ('5', T::ArbitrationCommission),
                ('9', T::Other),
            ],
            RegisteringDepartment::Culture => &[('1', T::ForeignCulturalCentre), ('9', T::Other)],
            RegisteringDepartment::CivilAffairs => &[
                ('1', T::SocialOrganization),
                ('2', T::PrivateNonEnterpriseUnit),
                ('3', T::Foundation),
                ('9', T::Other),
            ],
            RegisteringDepartment::Tourism => {
                &[('1', T::ForeignTourismOffice), ('2', T::HongKongMacaoTaiwanTourismOffice), ('9', T::Other)]
            }
            RegisteringDepartment::ReligiousAffairs => {
                &[('1', T::ReligiousVenue), ('2', T::ReligiousSchool), ('9', T::Other)]
            }
            RegisteringDepartment::TradeUnion => &[('1', T::GrassrootsTradeUnion), ('9', T::Other)],
            RegisteringDepartment::MarketRegulation => {
                &[('1', T::Enterprise), ('2', T::IndividualBusiness), ('3', T::FarmerCooperative)]
            }
            RegisteringDepartment::MilitaryEstablishment => &[('1', T::MilitaryPublicInstitution), ('9', T::Other)],
            RegisteringDepartment::Agriculture => &[
                ('1', T::GroupCollectiveEconomicOrganization),
                ('2', T::VillageCollectiveEconomicOrganization),
                ('3', T::TownshipCollectiveEconomicOrganization),
                ('9', T::Other),
            ],
            // GB 32100: department Y is not divided into types and always uses 1.
            RegisteringDepartment::Other => &[('1', T::Other)],
        }
    }

    /// The subject type for a code character, if this department has it.
    pub fn subject_type(self, code: char) -> Option<SubjectType> {
        self.subject_types().iter().find(|(c, _)| *c == code).map(|(_, t)| *t)
    }
}

/// The subject type (机构类别), character 2 of a USCC, read under its department.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectType {
    /// 机关
    Organ,
    /// 事业单位
    PublicInstitution,
    /// 中央编办直接管理机构编制的群众团体
    MassOrganization,
    /// 外国常驻新闻机构
    ForeignPressOrganization,
    /// 律师执业机构
    LawFirm,
    /// 公证处
    NotaryOffice,
    /// 基层法律服务所
    GrassrootsLegalServiceOffice,
    /// 司法鉴定机构
    JudicialExpertiseInstitution,
    /// 仲裁委员会
    ArbitrationCommission,
    /// 外国在华文化中心
    ForeignCulturalCentre,
    /// 社会团体
    SocialOrganization,
    /// 民办非企业单位
    PrivateNonEnterpriseUnit,
    /// 基金会
    Foundation,
    /// 外国旅游部门常驻代表机构
    ForeignTourismOffice,
    /// 港澳台地区旅游部门常驻内地（大陆）代表机构
    HongKongMacaoTaiwanTourismOffice,
    /// 宗教活动场所
    ReligiousVenue,
    /// 宗教院校
    ReligiousSchool,
    /// 基层工会
    GrassrootsTradeUnion,
    /// 企业
    Enterprise,
    /// 个体工商户
    IndividualBusiness,
    /// 农民专业合作社
    FarmerCooperative,
    /// 军队事业单位
    MilitaryPublicInstitution,
    /// 组级集体经济组织
    GroupCollectiveEconomicOrganization,
    /// 村级集体经济组织
    VillageCollectiveEconomicOrganization,
    /// 乡镇级集体经济组织
    TownshipCollectiveEconomicOrganization,
    /// 其他
    Other,
}

impl SubjectType {
    /// Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            SubjectType::Organ => "机关",
            SubjectType::PublicInstitution => "事业单位",
            SubjectType::MassOrganization => "中央编办直接管理机构编制的群众团体",
            SubjectType::ForeignPressOrganization => "外国常驻新闻机构",
            SubjectType::LawFirm => "律师执业机构",
            SubjectType::NotaryOffice => "公证处",
            SubjectType::GrassrootsLegalServiceOffice => "基层法律服务所",
            SubjectType::JudicialExpertiseInstitution => "司法鉴定机构",
            SubjectType::ArbitrationCommission => "仲裁委员会",
            SubjectType::ForeignCulturalCentre => "外国在华文化中心",
            SubjectType::SocialOrganization => "社会团体",
            SubjectType::PrivateNonEnterpriseUnit => "民办非企业单位",
            SubjectType::Foundation => "基金会",
            SubjectType::ForeignTourismOffice => "外国旅游部门常驻代表机构",
            SubjectType::HongKongMacaoTaiwanTourismOffice => "港澳台地区旅游部门常驻内地（大陆）代表机构",
            SubjectType::ReligiousVenue => "宗教活动场所",
            SubjectType::ReligiousSchool => "宗教院校",
            SubjectType::GrassrootsTradeUnion => "基层工会",
            SubjectType::Enterprise => "企业",
            SubjectType::IndividualBusiness => "个体工商户",
            SubjectType::FarmerCooperative => "农民专业合作社",
            SubjectType::MilitaryPublicInstitution => "军队事业单位",
            SubjectType::GroupCollectiveEconomicOrganization => "组级集体经济组织",
            SubjectType::VillageCollectiveEconomicOrganization => "村级集体经济组织",
            SubjectType::TownshipCollectiveEconomicOrganization => "乡镇级集体经济组织",
            SubjectType::Other => "其他",
        }
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            SubjectType::Organ => "government organ",
            SubjectType::PublicInstitution => "public institution",
            SubjectType::MassOrganization => "mass organization",
            SubjectType::ForeignPressOrganization => "resident office of a foreign news organization",
            SubjectType::LawFirm => "law firm",
            SubjectType::NotaryOffice => "notary office",
            SubjectType::GrassrootsLegalServiceOffice => "grassroots legal service office",
            SubjectType::JudicialExpertiseInstitution => "judicial expertise institution",
            SubjectType::ArbitrationCommission => "arbitration commission",
            SubjectType::ForeignCulturalCentre => "foreign cultural centre in China",
            SubjectType::SocialOrganization => "social organization",
            SubjectType::PrivateNonEnterpriseUnit => "private non-enterprise unit",
            SubjectType::Foundation => "foundation",
            SubjectType::ForeignTourismOffice => "resident office of a foreign tourism authority",
            SubjectType::HongKongMacaoTaiwanTourismOffice => {
                "resident office of a Hong Kong, Macao or Taiwan tourism authority"
            }
            SubjectType::ReligiousVenue => "venue for religious activities",
            SubjectType::ReligiousSchool => "religious school",
            SubjectType::GrassrootsTradeUnion => "grassroots trade union",
            SubjectType::Enterprise => "enterprise",
            SubjectType::IndividualBusiness => "individual business",
            SubjectType::FarmerCooperative => "farmer cooperative",
            SubjectType::MilitaryPublicInstitution => "military public institution",
            SubjectType::GroupCollectiveEconomicOrganization => "group-level collective economic organization",
            SubjectType::VillageCollectiveEconomicOrganization => "village-level collective economic organization",
            SubjectType::TownshipCollectiveEconomicOrganization => "township-level collective economic organization",
            SubjectType::Other => "other",
        }
    }
}

/// A unified social credit code (统一社会信用代码, GB 32100-2015) that passed its checks:
/// 18 characters of the GB 32100 alphabet, a registering department and subject type
/// that exist together, six digits of region code, and the mod-31 check character.
///
/// Characters 9–17 are a GB 11714 organization code with its own check character;
/// [`Uscc::parse`] does not require it to be right, because codes converted from
/// pre-2015 registrations with a wrong organization code are still valid identifiers
/// in use. See [`Uscc::has_valid_organization_code`].
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Uscc(String);

impl Uscc {
    /// Parse a code as typed (see [`normalize`]).
    pub fn parse(input: &str) -> Result<Uscc, IdentifierError> {
        let code = normalize(input);
        let err = |kind| IdentifierError::new(IdentifierKind::Uscc, kind, &code);
        let chars: Vec<char> = code.chars().collect();
        if chars.len() != 18 {
            return Err(err(IdentifierErrorKind::WrongLength { expected: 18, found: chars.len() }));
        }
        for (i, &c) in chars.iter().enumerate() {
            let allowed = if (2..8).contains(&i) { c.is_ascii_digit() } else { uscc_value(c).is_some() };
            if !allowed {
                return Err(err(IdentifierErrorKind::InvalidCharacter { position: i + 1, character: c }));
            }
        }
        let department = RegisteringDepartment::from_code(chars[0])
            .ok_or_else(|| err(IdentifierErrorKind::UnknownRegisteringDepartment { character: chars[0] }))?;
        if department.subject_type(chars[1]).is_none() {
            return Err(err(IdentifierErrorKind::UnknownSubjectType { department, character: chars[1] }));
        }
        let expected = uscc_check(&chars[..17]);
        if chars[17] != expected {
            return Err(err(IdentifierErrorKind::CheckCharacter { expected, found: chars[17] }));
        }
        Ok(Uscc(code))
    }

    /// Build a code from its parts, computing the GB 11714 check character of the
    /// organization code and the GB 32100 check character (for the data generator and
    /// tests). `region6` is six digits; `org_body8` eight characters of the GB 32100
    /// alphabet.
    pub fn from_parts(
        department: char,
        subject_type: char,
        region6: &str,
        org_body8: &str,
    ) -> Result<Uscc, IdentifierError> {
        let body: Vec<char> = normalize(org_body8).chars().collect();
        let mut code = String::with_capacity(18);
        code.push(department.to_ascii_uppercase());
        code.push(subject_type.to_ascii_uppercase());
        code.push_str(&normalize(region6));
        code.extend(body.iter());
        let err = |kind| IdentifierError::new(IdentifierKind::Uscc, kind, &code);
        if body.len() != 8 || code.chars().count() != 16 {
            return Err(err(IdentifierErrorKind::WrongLength { expected: 18, found: code.chars().count() + 2 }));
        }
        code.push(org_check(&body));
        let chars: Vec<char> = code.chars().collect();
        code.push(uscc_check(&chars));
        Uscc::parse(&code)
    }

    /// The code, 18 characters.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn char_at(&self, index: usize) -> char {
        self.0.as_bytes()[index] as char
    }

    /// Character 1: the registering department.
    pub fn registering_department(&self) -> RegisteringDepartment {
        RegisteringDepartment::from_code(self.char_at(0)).unwrap_or(RegisteringDepartment::Other)
    }

    /// Character 2, read under the registering department.
    pub fn subject_type(&self) -> SubjectType {
        self.registering_department().subject_type(self.char_at(1)).unwrap_or(SubjectType::Other)
    }

    /// Characters 3–8: the GB/T 2260 region code of the registering authority.
    pub fn region_code(&self) -> &str {
        &self.0[2..8]
    }

    /// Characters 3–6: province and prefecture (e.g. `5201` Guiyang).
    pub fn prefecture_code(&self) -> &str {
        &self.0[2..6]
    }

    /// Characters 9–17: the GB 11714 organization code (主体标识码).
    pub fn organization_code(&self) -> &str {
        &self.0[8..17]
    }

    /// Whether the region code starts like a GB/T 2260 code a registering authority can
    /// have: a province-level code, `10` (national registrations, `100000`) or `66`
    /// (Xinjiang Production and Construction Corps). Not required by [`Uscc::parse`]
    /// (there is no complete list to check against); [`classify`] uses it to tell
    /// resident IDs from codes.
    pub fn has_plausible_region(&self) -> bool {
        let province: u32 = self.0[2..4].parse().unwrap_or(0);
        is_province_code(province) || province == 10 || province == 66
    }

    /// Whether the organization code's own check character (its 9th) is right. Every
    /// code issued since GB 32100-2015 has it right; some converted older ones do not.
    pub fn has_valid_organization_code(&self) -> bool {
        let org: Vec<char> = self.organization_code().chars().collect();
        org_check(&org[..8]) == org[8]
    }
}

impl fmt::Display for Uscc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl core::str::FromStr for Uscc {
    type Err = IdentifierError;
    fn from_str(s: &str) -> Result<Uscc, IdentifierError> {
        Uscc::parse(s)
    }
}

// ---------------------------------------------------------------------------------------
// Resident ID, GB 11643-1999
// ---------------------------------------------------------------------------------------

/// GB 11643 weights 2^(17−i) mod 11 for positions 1–17.
const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// Province-level codes of GB/T 2260 that start resident IDs.
fn is_province_code(code: u32) -> bool {
    matches!(code, 11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81 | 82)
}

/// GB 11643 check character (ISO 7064 MOD 11-2) of 17 digits.
fn resident_id_check(body: &[char]) -> char {
    let sum: u32 = body.iter().zip(ID_WEIGHTS).map(|(&c, w)| c.to_digit(10).unwrap_or(0) * w).sum();
    match (12 - sum % 11) % 11 {
        10 => 'X',
        c => char::from_digit(c, 10).unwrap_or('0'),
    }
}

/// A citizen identity number (居民身份证号码, GB 11643-1999): 17 digits and a check
/// character (digit or X), with a real province code and a birth date between
/// 1900-01-01 and 2099-12-31.
///
/// Personal data (Art. 32): serialises in full for the authorised parties that need
/// it; show people [`ResidentId::masked`].
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ResidentId(String);

impl ResidentId {
    /// Parse an ID as typed (see [`normalize`]).
    pub fn parse(input: &str) -> Result<ResidentId, IdentifierError> {
        let id = normalize(input);
        let err = |kind| IdentifierError::new(IdentifierKind::ResidentId, kind, &id);
        let chars: Vec<char> = id.chars().collect();
        if chars.len() != 18 {
            return Err(err(IdentifierErrorKind::WrongLength { expected: 18, found: chars.len() }));
        }
        for (i, &c) in chars.iter().enumerate() {
            if !(c.is_ascii_digit() || (i == 17 && c == 'X')) {
                return Err(err(IdentifierErrorKind::InvalidCharacter { position: i + 1, character: c }));
            }
        }
        let province: u32 = id[0..2].parse().unwrap_or(0);
        if !is_province_code(province) {
            return Err(err(IdentifierErrorKind::UnknownRegion { code: id[0..2].to_string() }));
        }
        if birth_date(&id).is_none() {
            return Err(err(IdentifierErrorKind::InvalidBirthDate { digits: id[6..14].to_string() }));
        }
        let expected = resident_id_check(&chars[..17]);
        if chars[17] != expected {
            return Err(err(IdentifierErrorKind::CheckCharacter { expected, found: chars[17] }));
        }
        Ok(ResidentId(id))
    }

    /// The ID, 18 characters.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The birth date, characters 7–14.
    pub fn birth_date(&self) -> Date {
        birth_date(&self.0).unwrap_or_else(|| Date::from_days_since_epoch(0))
    }

    /// Characters 1–6: the GB/T 2260 region code of first registration.
    pub fn region_code(&self) -> &str {
        &self.0[0..6]
    }

    /// As public views show it ([`mask_id_number`], Art. 4): `520102************`.
    pub fn masked(&self) -> String {
        mask_id_number(&self.0)
    }
}

/// Characters 7–14 as a date in 1900–2099 (the ID standard has no clock to compare
/// with, and neither do we).
fn birth_date(id: &str) -> Option<Date> {
    let year: i32 = id.get(6..10)?.parse().ok()?;
    let month: u32 = id.get(10..12)?.parse().ok()?;
    let day: u32 = id.get(12..14)?.parse().ok()?;
    if !(1900..=2099).contains(&year) {
        return None;
    }
    Date::from_ymd(year, month, day)
}

impl fmt::Debug for ResidentId {
    // Debug output ends up in logs: keep the birth date out of them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ResidentId({})", self.masked())
    }
}

impl core::str::FromStr for ResidentId {
    type Err = IdentifierError;
    fn from_str(s: &str) -> Result<ResidentId, IdentifierError> {
        ResidentId::parse(s)
    }
}

// ---------------------------------------------------------------------------------------
// Legacy registration number
// ---------------------------------------------------------------------------------------

/// ISO 7064 MOD 11,10 check digit of the digits given (GB/T 17710).
fn mod_11_10_check(body: &[char]) -> char {
    let mut p = 10;
    for c in body {
        let mut s = (p + c.to_digit(10).unwrap_or(0)) % 10;
        if s == 0 {
            s = 10;
        }
        p = (2 * s) % 11;
    }
    char::from_digit((11 - p) % 10, 10).unwrap_or('0')
}

/// The legacy 15-digit business registration number (工商注册号) that enterprises had
/// before the unified social credit code; its last digit is an ISO 7064 MOD 11,10 check.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct RegistrationNumber(String);

impl RegistrationNumber {
    /// Parse a number as typed (see [`normalize`]).
    pub fn parse(input: &str) -> Result<RegistrationNumber, IdentifierError> {
        let number = normalize(input);
        let err = |kind| IdentifierError::new(IdentifierKind::RegistrationNumber, kind, &number);
        let chars: Vec<char> = number.chars().collect();
        if chars.len() != 15 {
            return Err(err(IdentifierErrorKind::WrongLength { expected: 15, found: chars.len() }));
        }
        if let Some((i, &c)) = chars.iter().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
            return Err(err(IdentifierErrorKind::InvalidCharacter { position: i + 1, character: c }));
        }
        let expected = mod_11_10_check(&chars[..14]);
        if chars[14] != expected {
            return Err(err(IdentifierErrorKind::CheckCharacter { expected, found: chars[14] }));
        }
        Ok(RegistrationNumber(number))
    }

    /// Build a number from its first 14 digits, appending the check digit.
    pub fn from_body(body14: &str) -> Result<RegistrationNumber, IdentifierError> {
        let body: Vec<char> = normalize(body14).chars().collect();
        let mut number: String = body.iter().collect();
        if body.len() == 14 && body.iter().all(char::is_ascii_digit) {
            number.push(mod_11_10_check(&body));
        }
        RegistrationNumber::parse(&number)
    }

    /// The number, 15 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Digits 1–6: the region code of the registering authority.
    pub fn region_code(&self) -> &str {
        &self.0[0..6]
    }
}

impl fmt::Display for RegistrationNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl core::str::FromStr for RegistrationNumber {
    type Err = IdentifierError;
    fn from_str(s: &str) -> Result<RegistrationNumber, IdentifierError> {
        RegistrationNumber::parse(s)
    }
}

// Codes travel over the API as plain strings and are checked again on the way in.
macro_rules! string_serde {
    ($type:ty) => {
        impl Serialize for $type {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                <$type>::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}
string_serde!(Uscc);
string_serde!(ResidentId);
string_serde!(RegistrationNumber);

// ---------------------------------------------------------------------------------------
// The search box
// ---------------------------------------------------------------------------------------

/// What a user typed into the one search box.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "value")]
pub enum SearchInput {
    /// A valid unified social credit code.
    Uscc(Uscc),
    /// A valid resident ID number.
    ResidentId(ResidentId),
    /// A valid legacy registration number.
    RegistrationNumber(RegistrationNumber),
    /// Looks like a code but fails its checks; the error says what to fix.
    InvalidCode(IdentifierError),
    /// Latin letters only: pinyin, lower-cased, without spaces and apostrophes.
    Pinyin(String),
    /// A name (or anything else): trimmed, full-width ASCII folded to half-width.
    Name(String),
}

/// Decide what a search input is.
///
/// After [`normalize`]:
///
/// 1. **Code-shaped** = only ASCII letters and digits, at least one digit, 14–20
///    characters long (shorter inputs with digits, like `3M`, are names).
///    - 15 characters → a [`RegistrationNumber`] (or `InvalidCode` with its error).
///    - 18 characters → both readings are tried:
///      - *resident-ID structure*: 17 digits and a digit or X, a province code and a
///        real birth date; *USCC structure*: GB 32100 alphabet, a registering
///        department and a subject type that exist together, digits at 3–8.
///      - Checksums alone cannot decide: about 1 in 31 resident IDs also passes the
///        GB 32100 check (e.g. `362322198709086409`), so a reading only counts if its
///        structure holds too (`36…` is no USCC: department 3 has no type 6).
///      - Only one reading valid → that one.
///      - Both valid (possible for IDs starting with department-type pairs such as
///        Guizhou's `52`, which is also 民政/民办非企业单位) → the USCC only if its
///        region (characters 3–8) starts with a province code, `10` (national) or `66`
///        (Xinjiang Production and Construction Corps) *and* its GB 11714 organization
///        code check holds (true of every code issued since 2015; a random resident ID
///        passes both about 1 time in 11 or less); otherwise the resident ID. So
///        `520102198709080025` and `520102198709080201` are resident IDs (their USCC
///        region `010219` is no region).
///      - Neither valid → `InvalidCode` with the resident-ID error if the input looks
///        like an ID (17 digits + digit/X, a province code and a birth year starting
///        19 or 20: the typo is in the date or check digit), else the USCC error if
///        only the USCC check character is wrong, else the resident-ID error for
///        17 digits + digit/X, else the USCC error.
///    - other lengths → `InvalidCode` (wrong length): as a USCC if it has letters;
///      all digits: as a registration number when shorter than 15, as a resident ID
///      when it starts like one (province code, birth year 19xx/20xx), else as a USCC.
/// 2. **Pinyin** = only ASCII letters and apostrophes (spaces were removed) →
///    lower-cased, apostrophes dropped.
/// 3. Anything else (CJK, punctuation, short alphanumerics) → **Name**: the input
///    trimmed, with full-width ASCII folded to half-width.
pub fn classify(input: &str) -> SearchInput {
    let code = normalize(input);
    let len = code.chars().count();
    let code_shaped = code.chars().all(|c| c.is_ascii_alphanumeric())
        && code.chars().any(|c| c.is_ascii_digit())
        && (14..=20).contains(&len);
    if code_shaped {
        return classify_code(&code);
    }
    let pinyin = !code.is_empty()
        && code.chars().any(|c| c.is_ascii_alphabetic())
        && code.chars().all(|c| c.is_ascii_alphabetic() || is_apostrophe(c));
    if pinyin {
        return SearchInput::Pinyin(
            code.chars().filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_lowercase()).collect(),
        );
    }
    SearchInput::Name(input.chars().map(fold_width).collect::<String>().trim().to_string())
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}')
}

/// Digits starting with a province code and, at 7–8, a birth century (19 or 20).
fn looks_like_resident_id(code: &str) -> bool {
    code.len() >= 8
        && code.bytes().take(17).all(|b| b.is_ascii_digit())
        && is_province_code(code[0..2].parse().unwrap_or(0))
        && matches!(&code[6..8], "19" | "20")
}

fn classify_code(code: &str) -> SearchInput {
    let len = code.len();
    if len == 15 {
        return match RegistrationNumber::parse(code) {
            Ok(number) => SearchInput::RegistrationNumber(number),
            Err(e) => SearchInput::InvalidCode(e),
        };
    }
    if len != 18 {
        let error = if code.chars().any(|c| c.is_ascii_alphabetic()) {
            Uscc::parse(code).err()
        } else if len < 15 {
            RegistrationNumber::parse(code).err()
        } else if looks_like_resident_id(code) {
            ResidentId::parse(code).err()
        } else {
            Uscc::parse(code).err()
        };
        return match error {
            Some(e) => SearchInput::InvalidCode(e),
            None => SearchInput::Name(code.to_string()),
        };
    }
    match (ResidentId::parse(code), Uscc::parse(code)) {
        (Ok(id), Ok(uscc)) => {
            if uscc.has_plausible_region() && uscc.has_valid_organization_code() {
                SearchInput::Uscc(uscc)
            } else {
                SearchInput::ResidentId(id)
            }
        }
        (Ok(id), Err(_)) => SearchInput::ResidentId(id),
        (Err(_), Ok(uscc)) => SearchInput::Uscc(uscc),
        (Err(id_error), Err(uscc_error)) => {
            let chars: Vec<char> = code.chars().collect();
            let id_shaped =
                chars[..17].iter().all(char::is_ascii_digit) && (chars[17].is_ascii_digit() || chars[17] == 'X');
            let id_plausible = id_shaped && looks_like_resident_id(code);
            let uscc_structure = matches!(uscc_error.kind, IdentifierErrorKind::CheckCharacter { .. });
            let error = if id_plausible || (id_shaped && !uscc_structure) { id_error } else { uscc_error };
            SearchInput::InvalidCode(error)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb32100_and_gb11714_check_characters_of_a_published_code() {
        // 贵州茅台酒股份有限公司, as printed on its business licence.
        let code = Uscc::from_parts('9', '1', "520000", "21443414").unwrap();
        assert_eq!(code.as_str(), "91520000214434146R");
        assert_eq!(code.organization_code(), "214434146");
        assert!(code.has_valid_organization_code());
    }

    #[test]
    fn gb11714_check_maps_10_to_x_and_11_to_0() {
        let check = |body: &str| org_check(&body.chars().collect::<Vec<_>>());
        // Σ = 0: 11 − 0 = 11 → '0'.
        assert_eq!(check("00000000"), '0');
        // Σ = 1·2 = 2: 11 − 2 = 9.
        assert_eq!(check("00000001"), '9');
        // Σ = 6·2 = 12 ≡ 1: 11 − 1 = 10 → 'X'.
        assert_eq!(check("00000006"), 'X');
    }

    #[test]
    fn gb11643_example_from_the_standard() {
        // GB 11643-1999 gives 11010519491231002X as its example.
        let id = ResidentId::parse("11010519491231002X").unwrap();
        assert_eq!(id.birth_date(), Date::from_ymd(1949, 12, 31).unwrap());
        assert_eq!(id.masked(), "110105************");
    }

    #[test]
    fn iso7064_mod_11_10_check_digit() {
        // GB/T 17710: 11010800000001 → check digit 6.
        assert_eq!(RegistrationNumber::from_body("11010800000001").unwrap().as_str(), "110108000000016");
    }
}
