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

/// A word of a generated name with its pinyin, syllable by syllable, written here by hand
/// so that the relevance set (`crate::relevance`) knows what a person would type without
/// asking the search index's own transliteration.
pub type Word = (&'static str, &'static [&'static str]);

/// Place words at the start of names, by prefecture prefix.
fn place_word(rng: &mut Rng, region: &str) -> Word {
    const GUIYANG: Word = ("贵阳", &["gui", "yang"]);
    const GUIZHOU: Word = ("贵州", &["gui", "zhou"]);
    const QIANZHONG: Word = ("黔中", &["qian", "zhong"]);
    let options: &[Word] = match &region[..4] {
        "5201" => &[GUIYANG, GUIZHOU, GUIYANG, QIANZHONG],
        "5202" => &[("六盘水", &["liu", "pan", "shui"]), GUIZHOU, ("凉都", &["liang", "du"])],
        "5203" => &[("遵义", &["zun", "yi"]), GUIZHOU, ("黔北", &["qian", "bei"])],
        "5204" => &[("安顺", &["an", "shun"]), GUIZHOU, QIANZHONG],
        "5205" => &[("毕节", &["bi", "jie"]), GUIZHOU, ("乌蒙", &["wu", "meng"])],
        "5206" => &[("铜仁", &["tong", "ren"]), GUIZHOU, ("梵净山", &["fan", "jing", "shan"])],
        "5223" => &[("黔西南", &["qian", "xi", "nan"]), GUIZHOU, ("兴义", &["xing", "yi"])],
        "5226" => &[("黔东南", &["qian", "dong", "nan"]), GUIZHOU, ("凯里", &["kai", "li"])],
        _ => &[("黔南", &["qian", "nan"]), GUIZHOU, ("都匀", &["du", "yun"])],
    };
    options[rng.below(options.len())]
}

const BRAND_CHARS: &[Word] = &[
    ("黔", &["qian"]),
    ("信", &["xin"]),
    ("达", &["da"]),
    ("盛", &["sheng"]),
    ("华", &["hua"]),
    ("鑫", &["xin"]),
    ("源", &["yuan"]),
    ("宏", &["hong"]),
    ("泰", &["tai"]),
    ("恒", &["heng"]),
    ("丰", &["feng"]),
    ("瑞", &["rui"]),
    ("兴", &["xing"]),
    ("隆", &["long"]),
    ("通", &["tong"]),
    ("安", &["an"]),
    ("和", &["he"]),
    ("润", &["run"]),
    ("明", &["ming"]),
    ("宇", &["yu"]),
    ("嘉", &["jia"]),
    ("金", &["jin"]),
    ("银", &["yin"]),
    ("山", &["shan"]),
    ("水", &["shui"]),
    ("云", &["yun"]),
    ("峰", &["feng"]),
    ("林", &["lin"]),
    ("森", &["sen"]),
    ("禾", &["he"]),
    ("农", &["nong"]),
    ("茂", &["mao"]),
    ("晟", &["sheng"]),
    ("锦", &["jin"]),
    ("博", &["bo"]),
    ("创", &["chuang"]),
    ("智", &["zhi"]),
    ("远", &["yuan"]),
    ("腾", &["teng"]),
    ("旭", &["xu"]),
    ("辰", &["chen"]),
    ("新", &["xin"]),
    ("正", &["zheng"]),
    ("诚", &["cheng"]),
    ("德", &["de"]),
    ("福", &["fu"]),
    ("康", &["kang"]),
    ("乐", &["le"]),
    ("美", &["mei"]),
    ("佳", &["jia"]),
];

const ENTERPRISE_TRADES: &[Word] = &[
    ("科技", &["ke", "ji"]),
    ("科技", &["ke", "ji"]),
    ("科技", &["ke", "ji"]),
    ("商贸", &["shang", "mao"]),
    ("商贸", &["shang", "mao"]),
    ("建筑工程", &["jian", "zhu", "gong", "cheng"]),
    ("农业开发", &["nong", "ye", "kai", "fa"]),
    ("餐饮管理", &["can", "yin", "guan", "li"]),
    ("物流", &["wu", "liu"]),
    ("医药", &["yi", "yao"]),
    ("文化传媒", &["wen", "hua", "chuan", "mei"]),
    ("旅游开发", &["lv", "you", "kai", "fa"]),
    ("矿业", &["kuang", "ye"]),
    ("茶业", &["cha", "ye"]),
    ("酒业", &["jiu", "ye"]),
    ("大数据", &["da", "shu", "ju"]),
    ("信息技术", &["xin", "xi", "ji", "shu"]),
    ("房地产开发", &["fang", "di", "chan", "kai", "fa"]),
    ("建材", &["jian", "cai"]),
    ("电子商务", &["dian", "zi", "shang", "wu"]),
    ("生态农业", &["sheng", "tai", "nong", "ye"]),
    ("食品", &["shi", "pin"]),
    ("能源", &["neng", "yuan"]),
    ("劳务", &["lao", "wu"]),
    ("装饰工程", &["zhuang", "shi", "gong", "cheng"]),
    ("汽车销售", &["qi", "che", "xiao", "shou"]),
    ("环保科技", &["huan", "bao", "ke", "ji"]),
    ("中药材", &["zhong", "yao", "cai"]),
    ("教育咨询", &["jiao", "yu", "zi", "xun"]),
    ("物业管理", &["wu", "ye", "guan", "li"]),
];

const ENTERPRISE_SUFFIXES: &[Word] = &[
    ("有限公司", &["you", "xian", "gong", "si"]),
    ("有限公司", &["you", "xian", "gong", "si"]),
    ("有限公司", &["you", "xian", "gong", "si"]),
    ("有限责任公司", &["you", "xian", "ze", "ren", "gong", "si"]),
    ("股份有限公司", &["gu", "fen", "you", "xian", "gong", "si"]),
];

const SHOPS: &[&str] =
    &["小吃店", "便利店", "五金店", "理发店", "服装店", "副食店", "餐馆", "茶庄", "农资店", "药店", "酒坊"];

const PRODUCTS: &[&str] =
    &["茶叶", "蔬菜", "中药材", "生猪养殖", "刺梨", "辣椒", "食用菌", "猕猴桃", "蜂蜜", "精品水果"];

const ASSOCIATIONS: &[&str] = &["商会", "行业协会", "餐饮行业协会", "茶产业协会", "个体劳动者协会", "志愿者协会"];

const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "罗", "龙", "吴", "石", "欧阳"];
const GIVEN: &[&str] =
    &["伟", "芳", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "霞", "平", "刚"];

/// Two brand characters, as one word.
fn brand(rng: &mut Rng) -> [Word; 2] {
    [*rng.pick(BRAND_CHARS), *rng.pick(BRAND_CHARS)]
}

fn text(words: &[Word]) -> String {
    words.iter().map(|w| w.0).collect()
}

/// The parts an organisation's name was made of, for the relevance set.
#[derive(Clone, Debug)]
pub enum NameParts {
    /// 毕节 + 丰源 + 汽车销售 + 有限公司.
    Enterprise {
        /// The place word.
        place: Word,
        /// The two brand characters.
        brand: [Word; 2],
        /// The trade.
        trade: Word,
        /// The legal form.
        suffix: Word,
    },
    /// 贵阳 + 商会 + （ + 黔信 + ）.
    SocialOrganization {
        /// The place word.
        place: Word,
        /// The kind of association.
        association: &'static str,
        /// The brand in brackets.
        brand: [Word; 2],
    },
}

/// A generated subject: category, name, region code, and the parts of the name where the
/// relevance set uses them.
pub fn subject(rng: &mut Rng) -> (SubjectCategory, String, String, Option<NameParts>) {
    let (region, county) = *rng.pick(COUNTIES);
    let roll = rng.below(100);
    let (category, name, parts) = if roll < 62 {
        let (place, brand, trade, suffix) =
            (place_word(rng, region), brand(rng), *rng.pick(ENTERPRISE_TRADES), *rng.pick(ENTERPRISE_SUFFIXES));
        let name = format!("{}{}{}{}", place.0, text(&brand), trade.0, suffix.0);
        (SubjectCategory::Enterprise, name, Some(NameParts::Enterprise { place, brand, trade, suffix }))
    } else if roll < 84 {
        let district = county.rsplit('市').next().filter(|s| !s.is_empty()).unwrap_or(county);
        let name = format!("{district}{}{}{}", person_surname(rng), rng.pick(BRAND_CHARS).0, rng.pick(SHOPS));
        (SubjectCategory::IndividualBusiness, name, None)
    } else if roll < 94 {
        let name = format!(
            "{}{}{}种植农民专业合作社",
            county.trim_end_matches(['县', '市']),
            text(&brand(rng)),
            rng.pick(PRODUCTS)
        );
        (SubjectCategory::FarmerCooperative, name.replace("养殖种植", "养殖"), None)
    } else {
        let (place, association) = (place_word(rng, region), *rng.pick(ASSOCIATIONS));
        let brand = brand(rng);
        let name = format!("{}{association}（{}）", place.0, text(&brand));
        (SubjectCategory::SocialOrganization, name, Some(NameParts::SocialOrganization { place, association, brand }))
    };
    (category, name, region.to_string(), parts)
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
