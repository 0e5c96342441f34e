//! Word lists for realistic Guizhou names. Common words are common on purpose (贵州, 贵阳,
//! 科技, 有限公司, 合作社…): the search must stay fast when a query matches half the
//! province.

use crate::Rng;
use gzcredit_shared::api::SubjectCategory;
use gzcredit_shared::catalog::{CatalogItem, Class};

/// County-level divisions: (region code, place name used in names, prefecture seat).
const COUNTIES: &[(&str, &str)] = &[
    ("520102", "贵阳市南明区"),
    ("520103", "贵阳市云岩区"),
    ("520111", "贵阳市花溪区"),
    ("520112", "贵阳市乌当区"),
    ("520113", "贵阳市白云区"),
    ("520115", "贵阳市观山湖区"),
    ("520181", "清镇市"),
    ("520201", "六盘水市钟山区"),
    ("520221", "水城县"),
    ("520281", "盘州市"),
    ("520302", "遵义市红花岗区"),
    ("520303", "遵义市汇川区"),
    ("520382", "仁怀市"),
    ("520381", "赤水市"),
    ("520402", "安顺市西秀区"),
    ("520422", "普定县"),
    ("520502", "毕节市七星关区"),
    ("520521", "大方县"),
    ("520524", "织金县"),
    ("520602", "铜仁市碧江区"),
    ("520622", "玉屏侗族自治县"),
    ("522301", "兴义市"),
    ("522325", "贞丰县"),
    ("522601", "凯里市"),
    ("522623", "施秉县"),
    ("522701", "都匀市"),
    ("522722", "荔波县"),
];

/// Place words at the start of names, by prefecture prefix.
fn place_word(rng: &mut Rng, region: &str) -> &'static str {
    let options: &[&str] = match &region[..4] {
        "5201" => &["贵阳", "贵州", "贵阳", "黔中"],
        "5202" => &["六盘水", "贵州", "凉都"],
        "5203" => &["遵义", "贵州", "黔北"],
        "5204" => &["安顺", "贵州", "黔中"],
        "5205" => &["毕节", "贵州", "乌蒙"],
        "5206" => &["铜仁", "贵州", "梵净山"],
        "5223" => &["黔西南", "贵州", "兴义"],
        "5226" => &["黔东南", "贵州", "凯里"],
        _ => &["黔南", "贵州", "都匀"],
    };
    options[rng.below(options.len())]
}

const BRAND_CHARS: &[&str] = &[
    "黔", "信", "达", "盛", "华", "鑫", "源", "宏", "泰", "恒", "丰", "瑞", "兴", "隆", "通", "安", "和", "润", "明",
    "宇", "嘉", "金", "银", "山", "水", "云", "峰", "林", "森", "禾", "农", "茂", "晟", "锦", "博", "创", "智", "远",
    "腾", "旭", "辰", "新", "正", "诚", "德", "福", "康", "乐", "美", "佳",
];

const ENTERPRISE_TRADES: &[&str] = &[
    "科技",
    "科技",
    "科技",
    "商贸",
    "商贸",
    "建筑工程",
    "农业开发",
    "餐饮管理",
    "物流",
    "医药",
    "文化传媒",
    "旅游开发",
    "矿业",
    "茶业",
    "酒业",
    "大数据",
    "信息技术",
    "房地产开发",
    "建材",
    "电子商务",
    "生态农业",
    "食品",
    "能源",
    "劳务",
    "装饰工程",
    "汽车销售",
    "环保科技",
    "中药材",
    "教育咨询",
    "物业管理",
];

const ENTERPRISE_SUFFIXES: &[&str] = &["有限公司", "有限公司", "有限公司", "有限责任公司", "股份有限公司"];

const SHOPS: &[&str] =
    &["小吃店", "便利店", "五金店", "理发店", "服装店", "副食店", "餐馆", "茶庄", "农资店", "药店", "酒坊"];

const PRODUCTS: &[&str] =
    &["茶叶", "蔬菜", "中药材", "生猪养殖", "刺梨", "辣椒", "食用菌", "猕猴桃", "蜂蜜", "精品水果"];

const ASSOCIATIONS: &[&str] = &["商会", "行业协会", "餐饮行业协会", "茶产业协会", "个体劳动者协会", "志愿者协会"];

const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "罗", "龙", "吴", "石", "欧阳"];
const GIVEN: &[&str] =
    &["伟", "芳", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "霞", "平", "刚"];

fn brand(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(BRAND_CHARS), rng.pick(BRAND_CHARS))
}

/// A generated subject: category, name, region code.
pub fn subject(rng: &mut Rng) -> (SubjectCategory, String, String) {
    let (region, county) = *rng.pick(COUNTIES);
    let roll = rng.below(100);
    let (category, name) = if roll < 62 {
        let name = format!(
            "{}{}{}{}",
            place_word(rng, region),
            brand(rng),
            rng.pick(ENTERPRISE_TRADES),
            rng.pick(ENTERPRISE_SUFFIXES)
        );
        (SubjectCategory::Enterprise, name)
    } else if roll < 84 {
        let district = county.rsplit('市').next().filter(|s| !s.is_empty()).unwrap_or(county);
        let name = format!("{district}{}{}{}", person_surname(rng), rng.pick(BRAND_CHARS), rng.pick(SHOPS));
        (SubjectCategory::IndividualBusiness, name)
    } else if roll < 94 {
        let name =
            format!("{}{}{}种植农民专业合作社", county.trim_end_matches(['县', '市']), brand(rng), rng.pick(PRODUCTS));
        (SubjectCategory::FarmerCooperative, name.replace("养殖种植", "养殖"))
    } else {
        let name = format!("{}{}", place_word(rng, region), rng.pick(ASSOCIATIONS));
        (SubjectCategory::SocialOrganization, format!("{name}（{}）", brand(rng)))
    };
    (category, name, region.to_string())
}

fn person_surname(rng: &mut Rng) -> &'static str {
    SURNAMES[rng.below(SURNAMES.len())]
}

/// A person's name.
pub fn person_name(rng: &mut Rng) -> String {
    let surname = person_surname(rng);
    if rng.chance(60) {
        format!("{surname}{}{}", rng.pick(GIVEN), rng.pick(GIVEN))
    } else {
        format!("{surname}{}", rng.pick(GIVEN))
    }
}

fn county_name(region: &str) -> &'static str {
    COUNTIES.iter().find(|(code, _)| *code == region).map_or("贵州省", |(_, name)| name)
}

/// A registered address.
pub fn address(rng: &mut Rng, region: &str) -> String {
    const ROADS: &[&str] = &["中华北路", "延安中路", "瑞金南路", "人民大道", "北京路", "解放路", "迎宾大道", "民族路"];
    format!("贵州省{}{}{}号", county_name(region), rng.pick(ROADS), 1 + rng.below(300))
}

/// The registering authority.
pub fn authority(category: SubjectCategory, region: &str) -> String {
    let place = county_name(region);
    match category {
        SubjectCategory::SocialOrganization => format!("{place}民政局"),
        SubjectCategory::PublicInstitution => "贵州省委机构编制委员会办公室".into(),
        _ => format!("{place}市场监督管理局"),
    }
}

/// The providing department and its document-number prefix for a record class.
pub fn provider_for(class: Class, region: &str) -> (String, &'static str) {
    let place = county_name(region);
    match class {
        Class::Registration => (format!("{place}市场监督管理局"), "登记"),
        Class::AdministrativeLicensing => (format!("{place}行政审批局"), "许可"),
        Class::AdministrativePenalty => (format!("{place}市场监督管理局"), "市监罚"),
        Class::AdministrativeCoercion => (format!("{place}市场监督管理局"), "强制"),
        Class::AdministrativeConfirmation => ("贵州省住房和城乡建设厅".into(), "黔建资"),
        Class::AdministrativeInspection => (format!("{place}市场监督管理局"), "检查"),
        Class::AdministrativeLevy => ("国家税务总局贵州省税务局".into(), "黔税"),
        Class::AdministrativeReward => ("贵州省人民政府".into(), "黔府奖"),
        Class::AdministrativeBenefit => (format!("{place}人力资源和社会保障局"), "人社给"),
        Class::NonFulfilment => ("贵阳市中级人民法院".into(), "筑执"),
        Class::Honours => ("贵州省文明办".into(), "黔文明"),
        Class::CreditCommitment => ("贵州省发展和改革委员会".into(), "黔发改承诺"),
        Class::SeriousDishonestyList => ("贵州省应急管理厅".into(), "黔应急失信"),
        Class::RedList => ("国家税务总局贵州省税务局".into(), "黔税红"),
        Class::GovernmentIntegrity => ("贵州省发展和改革委员会".into(), "黔发改政信"),
    }
}

/// Title and content of a record.
pub fn record_text(rng: &mut Rng, item: &CatalogItem, _category: SubjectCategory) -> (String, String) {
    let amount = (1 + rng.below(50)) * 1000;
    let title = match item.class {
        Class::Registration => "设立登记".to_string(),
        Class::AdministrativeLicensing => {
            rng.pick(&["食品经营许可证", "建筑施工许可证", "道路运输经营许可证", "排污许可证"]).to_string()
        }
        Class::AdministrativePenalty => format!(
            "{}，罚款人民币{amount}元",
            rng.pick(&["未按规定公示年度报告", "销售不合格产品", "虚假宣传", "未落实安全生产责任"])
        ),
        Class::AdministrativeCoercion => "查封、扣押涉案财物".to_string(),
        Class::AdministrativeConfirmation => "建筑业企业资质（三级）".to_string(),
        Class::AdministrativeInspection => {
            rng.pick(&["“双随机”抽查：未发现问题", "“双随机”抽查：责令整改"]).to_string()
        }
        Class::AdministrativeLevy => format!("欠缴增值税{amount}元"),
        Class::AdministrativeReward => "贵州省优秀民营企业".to_string(),
        Class::AdministrativeBenefit => "稳岗补贴".to_string(),
        Class::NonFulfilment => format!("拒不履行给付义务{amount}元"),
        Class::Honours => rng.pick(&["贵州省诚信示范企业", "志愿服务先进集体"]).to_string(),
        Class::CreditCommitment => "信用承诺书（告知承诺制审批）".to_string(),
        Class::SeriousDishonestyList => "列入严重失信主体名单".to_string(),
        Class::RedList => "纳税信用A级纳税人".to_string(),
        Class::GovernmentIntegrity => "未履行政府采购合同约定".to_string(),
    };
    let content = format!("{}：{}。", item.name_zh, title);
    (title, content)
}
