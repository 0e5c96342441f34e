//! 办理事项: the matters in which administrative organs query credit information
//! (Art. 17). An agency's token names one matter; the catalog says which items each
//! agency may query in which matters, and the measures list which matters a measure is
//! taken in (Art. 22, 27).
//!
//! Art. 17: 「各级行政机关根据履行职责的需要，在以下工作中应当查询信用信息或购买信用服务：
//! （一）实施行政许可、行政检查、监督抽验和大额行政处罚裁量；（二）政府采购、招标投标、资金和
//! 项目支持、国有土地使用权出让、科研管理等；（三）居住证管理、落户管理和居民身份证异地受理；
//! （四）国家工作人员招录、职务任用、职务晋升；（五）表彰奖励；（六）其他日常管理工作。」

use core::fmt;
use core::str::FromStr;
use serde::{Deserialize, Serialize};

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
