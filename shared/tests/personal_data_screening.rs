//! Art. 32: forbidden (¶3) and restricted (¶2) personal data, in `extra_fields` keys and in
//! the text of records — title, content, `persons` and `extra_fields` values.
//!
//! Expected values are written by hand; the last tests loop over
//! `data/personal_data_terms.toml` itself.

use gzcredit_shared::api::SubmittedRecord;
use gzcredit_shared::catalog::{self, Class};
use gzcredit_shared::error::ErrorCode;
use gzcredit_shared::personal_data::{
    classify_field, exceptions, fold_key, screen, screen_record, screen_text, terms, to_api_error, FieldClass,
    Forbidden, FoundIn, PersonalDataViolation, Restricted, Scope,
};
use gzcredit_shared::ApiError;

// --- extra_fields keys -------------------------------------------------------------------

#[test]
fn art32_3_every_forbidden_category_by_key_and_chinese_name() {
    for category in Forbidden::ALL {
        assert_eq!(classify_field(category.key()), FieldClass::Forbidden(category), "{}", category.key());
        assert_eq!(classify_field(category.name_zh()), FieldClass::Forbidden(category), "{}", category.name_zh());
        assert_eq!(classify_field(&category.key().to_uppercase()), FieldClass::Forbidden(category));
    }
    assert_eq!(classify_field("宗教信仰"), FieldClass::Forbidden(Forbidden::Religion));
    assert_eq!(classify_field("疾病和病史"), FieldClass::Forbidden(Forbidden::Disease));
}

#[test]
fn art32_2_every_restricted_category_by_key_and_chinese_name() {
    for category in Restricted::ALL {
        assert_eq!(classify_field(category.key()), FieldClass::Restricted(category), "{}", category.key());
        assert_eq!(classify_field(category.name_zh()), FieldClass::Restricted(category), "{}", category.name_zh());
    }
}

#[test]
fn keys_match_across_case_width_separators_and_compounds() {
    for key in ["Blood_Type", "bloodType", "blood-type", "ＢＬＯＯＤ＿ＴＹＰＥ", "applicant_blood_type", "血型"]
    {
        assert_eq!(classify_field(key), FieldClass::Forbidden(Forbidden::BloodType), "{key}");
    }
    for key in ["spouse_income", "monthlyIncome", "家庭月收入", "ＩＮＣＯＭＥ"] {
        assert_eq!(classify_field(key), FieldClass::Restricted(Restricted::Income), "{key}");
    }
    assert_eq!(classify_field("real_estate_value"), FieldClass::Restricted(Restricted::RealEstate));
    assert_eq!(classify_field("Tax Amount"), FieldClass::Restricted(Restricted::TaxAmount));
}

#[test]
fn art32_keys_are_screened_against_the_synonyms_of_the_list() {
    assert_eq!(classify_field("信教情况"), FieldClass::Forbidden(Forbidden::Religion));
    assert_eq!(classify_field("是否HIV阳性"), FieldClass::Forbidden(Forbidden::Disease));
    assert_eq!(classify_field("既往史"), FieldClass::Forbidden(Forbidden::MedicalHistory));
    assert_eq!(classify_field("dna_sample"), FieldClass::Forbidden(Forbidden::Genes));
    assert_eq!(classify_field("银行流水"), FieldClass::Restricted(Restricted::Deposits));
    assert_eq!(classify_field("保单号"), FieldClass::Restricted(Restricted::CommercialInsurance));
    assert_eq!(classify_field("个税"), FieldClass::Restricted(Restricted::TaxAmount));
    // Key-only terms: too common as words of free text.
    assert_eq!(classify_field("taxes"), FieldClass::Restricted(Restricted::TaxAmount));
    assert_eq!(classify_field("belief"), FieldClass::Forbidden(Forbidden::Religion));
    // Exceptions apply to keys as well.
    assert_eq!(classify_field("农民工工资保证金"), FieldClass::Ordinary);
    assert_eq!(classify_field("转基因标识"), FieldClass::Ordinary);
}

#[test]
fn ordinary_fields_pass() {
    for key in [
        "name",
        "uscc",
        "legal_representative",
        "address",
        "tax_id",
        "registered_capital",
        "统一社会信用代码",
        "",
        // Latin terms are whole words: `incomes` is not listed, so this key is not `income`.
        "incomes_typo",
        "纳税信用等级",
        "社会保险费欠缴月数",
    ] {
        assert_eq!(classify_field(key), FieldClass::Ordinary, "{key}");
    }
}

#[test]
fn art32_screening_with_and_without_written_consent() {
    assert_eq!(screen(["name", "address"], false), Ok(()));
    assert_eq!(screen(["name", "deposits"], true), Ok(()));

    let violations = screen(["name", "deposits", "religion"], false).unwrap_err();
    assert_eq!(violations.len(), 2);
    assert_eq!((violations[0].index, violations[0].field.as_str()), (1, "deposits"));
    assert_eq!(violations[0].code(), ErrorCode::ConsentRequired);
    assert_eq!(violations[0].found_in, FoundIn::Key);
    assert_eq!(violations[1].code(), ErrorCode::ForbiddenPersonalData);
    assert_eq!(violations[1].term, "religion");

    // Consent never admits forbidden data.
    let violations = screen(["指纹", "income"], true).unwrap_err();
    assert_eq!(violations.len(), 1);
    assert_eq!(violations[0].class, FieldClass::Forbidden(Forbidden::Fingerprint));
}

#[test]
fn violations_reach_users_naming_field_and_article() {
    let violations = screen(["deposits"], false).unwrap_err();
    let error = ApiError::from(violations[0].clone());
    assert_eq!(error.code, ErrorCode::ConsentRequired);
    assert!(error.message_zh.contains("deposits") && error.message_zh.contains("第三十二条第二款"));
    assert!(error.message_en.contains("Art. 32"));

    let violations = screen(["income", "blood_type"], false).unwrap_err();
    let error = to_api_error(&violations);
    assert_eq!(error.code, ErrorCode::ForbiddenPersonalData, "forbidden outranks consent");
    assert_eq!(error.details.len(), 2);
    assert_eq!(error.details[1].field.as_deref(), Some("blood_type"));
    assert_eq!(error.details[0].code, ErrorCode::ConsentRequired);
    assert_eq!(error.http_status(), 422);
}

// --- records ------------------------------------------------------------------------------

const ENTERPRISE: bool = false;
const NATURAL_PERSON: bool = true;

/// A record of `item_code` with `title`; other fields set by `more` (JSON, as submitted).
fn record(subject_name: &str, title: &str, more: serde_json::Value) -> SubmittedRecord {
    let mut json = serde_json::json!({
        "subject": { "code": "91520102MA6DXXXX1B", "name": subject_name },
        "item_code": "PEN-GENERAL",
        "document_number": "筑市监罚〔2026〕1号",
        "title": title,
        "legal_basis": "《中华人民共和国产品质量法》第四十九条",
        "decision_date": "2026-03-02",
    });
    if let (Some(json), serde_json::Value::Object(more)) = (json.as_object_mut(), more) {
        json.extend(more);
    }
    serde_json::from_value(json).expect("a valid record")
}

fn titled(title: &str) -> SubmittedRecord {
    record("贵阳市某某商贸有限公司", title, serde_json::json!({}))
}

fn with(more: serde_json::Value) -> SubmittedRecord {
    record("贵阳市某某商贸有限公司", "罚款人民币5000元", more)
}

/// (field, category, term) of each violation.
fn found(record: &SubmittedRecord, natural_person: bool) -> Vec<(String, FieldClass, String)> {
    match screen_record(record, natural_person) {
        Ok(()) => Vec::new(),
        Err(violations) => violations.into_iter().map(|v| (v.field, v.class, v.term)).collect(),
    }
}

fn one(field: &str, class: FieldClass, term: &str) -> Vec<(String, FieldClass, String)> {
    vec![(field.to_string(), class, term.to_string())]
}

use FieldClass::{Forbidden as F, Restricted as R};

#[test]
fn art32_3_religion_in_title_content_persons_and_values() {
    let c = F(Forbidden::Religion);
    assert_eq!(found(&titled("法定代表人张三系基督徒"), ENTERPRISE), one("title", c, "基督徒"));
    let r = with(serde_json::json!({ "content": "当事人信仰宗教，多次参加宗教活动。" }));
    assert_eq!(found(&r, NATURAL_PERSON), one("content", c, "信仰宗教"));
    let r = with(serde_json::json!({ "persons": [{ "role": "legal_representative", "name": "李四（穆斯林）" }] }));
    assert_eq!(found(&r, ENTERPRISE), one("persons[0].name", c, "穆斯林"));
    let r = with(serde_json::json!({ "extra_fields": { "备注": "Religion: Buddhist" } }));
    assert_eq!(found(&r, NATURAL_PERSON), one("extra_fields.备注", c, "religion"));
    let r = with(serde_json::json!({ "content": "The legal representative's religious belief was recorded." }));
    assert_eq!(found(&r, ENTERPRISE), one("content", c, "religious belief"));
}

#[test]
fn art32_3_genes_in_title_content_persons_and_values() {
    let c = F(Forbidden::Genes);
    assert_eq!(found(&titled("违规留存员工基因信息"), ENTERPRISE), one("title", c, "基因信息"));
    let r = with(serde_json::json!({ "content": "当事人基因检测结果显示携带致病突变。" }));
    assert_eq!(found(&r, NATURAL_PERSON), one("content", c, "基因检测"));
    let r = with(
        serde_json::json!({ "persons": [{ "role": "responsible_person", "name": "王五（遗传信息：携带致病基因）" }] }),
    );
    assert_eq!(found(&r, ENTERPRISE), one("persons[0].name", c, "遗传信息"));
    let r = with(serde_json::json!({ "extra_fields": { "sample": "DNA sample taken on 3 March" } }));
    assert_eq!(found(&r, NATURAL_PERSON), one("extra_fields.sample", c, "DNA"));
    let r = with(serde_json::json!({ "content": "Genetic data of employees were kept." }));
    assert_eq!(found(&r, ENTERPRISE), one("content", c, "genetic data"));
}

#[test]
fn art32_3_fingerprints_in_title_content_persons_and_values() {
    let c = F(Forbidden::Fingerprint);
    assert_eq!(found(&titled("采集法定代表人指纹信息"), ENTERPRISE), one("title", c, "指纹信息"));
    let r = with(serde_json::json!({ "content": "当事人指纹特征已比对。" }));
    assert_eq!(found(&r, NATURAL_PERSON), one("content", c, "指纹特征"));
    let r = with(serde_json::json!({ "persons": [{ "role": "directly_responsible", "name": "赵六（指纹已录入）" }] }));
    assert_eq!(found(&r, ENTERPRISE), one("persons[0].name", c, "指纹"));
    let r = with(serde_json::json!({ "extra_fields": { "note": "Fingerprints on file" } }));
    assert_eq!(found(&r, ENTERPRISE), one("extra_fields.note", c, "fingerprints"));
}

#[test]
fn art32_3_blood_type_in_title_content_persons_and_values() {
    let c = F(Forbidden::BloodType);
    let r = with(serde_json::json!({ "content": "法定代表人血型为O型。" }));
    assert_eq!(found(&r, ENTERPRISE), one("content", c, "血型"));
    assert_eq!(found(&titled("张三，AB型血"), NATURAL_PERSON), one("title", c, "AB型血"));
    let r =
        with(serde_json::json!({ "persons": [{ "role": "legal_representative", "name": "钱七（Rh阴性，熊猫血）" }] }));
    assert_eq!(found(&r, ENTERPRISE), one("persons[0].name", c, "Rh阴性"));
    let r = with(serde_json::json!({ "extra_fields": { "说明": "Blood group: AB" } }));
    assert_eq!(found(&r, ENTERPRISE), one("extra_fields.说明", c, "blood group"));
}

#[test]
fn art32_3_disease_in_title_content_persons_and_values() {
    let c = F(Forbidden::Disease);
    let r = with(serde_json::json!({ "persons": [{ "role": "legal_representative", "name": "张三（艾滋病患者）" }] }));
    assert_eq!(found(&r, ENTERPRISE), one("persons[0].name", c, "艾滋病患者"));
    let r = with(serde_json::json!({ "content": "经查，法定代表人患有精神病，长期未到岗。" }));
    assert_eq!(found(&r, ENTERPRISE), one("content", c, "患有"));
    assert_eq!(found(&titled("当事人确诊为抑郁症"), NATURAL_PERSON), one("title", c, "确诊为"));
    assert_eq!(found(&titled("当事人患糖尿病多年"), NATURAL_PERSON), one("title", c, "糖尿病"));
    let r = with(serde_json::json!({ "extra_fields": { "备注": "HIV阳性" } }));
    assert_eq!(found(&r, ENTERPRISE), one("extra_fields.备注", c, "HIV阳性"));
    let r = with(serde_json::json!({ "extra_fields": { "remark": "Diagnosed with cancer in 2024" } }));
    assert_eq!(found(&r, ENTERPRISE), one("extra_fields.remark", c, "diagnosed with"));
}

#[test]
fn art32_3_medical_history_in_title_content_persons_and_values() {
    let c = F(Forbidden::MedicalHistory);
    let r = with(serde_json::json!({ "content": "附法定代表人既往病史材料。" }));
    assert_eq!(found(&r, ENTERPRISE), one("content", c, "既往病史"));
    let r = with(serde_json::json!({ "persons": [{ "role": "responsible_person", "name": "孙八（有手术史）" }] }));
    assert_eq!(found(&r, ENTERPRISE), one("persons[0].name", c, "手术史"));
    let r = with(serde_json::json!({ "extra_fields": { "附件": "住院记录三份" } }));
    assert_eq!(found(&r, NATURAL_PERSON), one("extra_fields.附件", c, "住院记录"));
    assert_eq!(found(&titled("Medical history attached"), ENTERPRISE), one("title", c, "medical history"));
    // The key and the value of one field are two findings, named alike.
    let r = with(serde_json::json!({ "extra_fields": { "病历摘要": "门诊记录两份" } }));
    let violations = screen_record(&r, NATURAL_PERSON).unwrap_err();
    let seen: Vec<(&str, FoundIn, &str)> =
        violations.iter().map(|v| (v.field.as_str(), v.found_in, v.term.as_str())).collect();
    assert_eq!(
        seen,
        [("extra_fields.病历摘要", FoundIn::Key, "病历"), ("extra_fields.病历摘要", FoundIn::Text, "门诊记录")]
    );
}

#[test]
fn art32_3_forbidden_terms_are_refused_even_with_written_consent() {
    let r = with(serde_json::json!({
        "written_consent": true,
        "persons": [{ "role": "legal_representative", "name": "张三（乙肝携带者）" }],
        "content": "当事人血型为A型。",
    }));
    let violations = screen_record(&r, NATURAL_PERSON).unwrap_err();
    let seen: Vec<(&str, ErrorCode)> = violations.iter().map(|v| (v.field.as_str(), v.code())).collect();
    assert_eq!(
        seen,
        [("content", ErrorCode::ForbiddenPersonalData), ("persons[0].name", ErrorCode::ForbiddenPersonalData)]
    );
    assert_eq!(screen_text("title", "HIV感染者", ENTERPRISE, true).unwrap_err()[0].class, F(Forbidden::Disease));
}

#[test]
fn art32_2_restricted_terms_of_a_natural_person_need_written_consent() {
    let cases: [(&str, Restricted, &str); 18] = [
        ("月收入8000元", Restricted::Income, "月收入"),
        ("工资每月5000元", Restricted::Income, "工资"),
        ("Annual income: 120000 yuan", Restricted::Income, "annual income"),
        ("银行存款20万元", Restricted::Deposits, "银行存款"),
        ("账户余额3000元", Restricted::Deposits, "账户余额"),
        ("savings of 30000 yuan", Restricted::Deposits, "savings"),
        ("持有股票10万股", Restricted::Securities, "股票"),
        ("基金份额5万份", Restricted::Securities, "基金份额"),
        ("holds stocks and bonds", Restricted::Securities, "stocks"),
        ("购买商业保险两份", Restricted::CommercialInsurance, "商业保险"),
        ("重疾险保单一份", Restricted::CommercialInsurance, "重疾险"),
        ("life insurance of 1 million", Restricted::CommercialInsurance, "life insurance"),
        ("名下房产两套", Restricted::RealEstate, "房产"),
        ("土地使用权一宗", Restricted::RealEstate, "土地使用权"),
        ("owns real estate in Guiyang", Restricted::RealEstate, "real estate"),
        ("2023年个人所得税12000元", Restricted::TaxAmount, "个人所得税"),
        ("年纳税数额5万元", Restricted::TaxAmount, "纳税数额"),
        ("tax paid: 8000 yuan", Restricted::TaxAmount, "tax paid"),
    ];
    for (title, category, term) in cases {
        let without = titled(title);
        assert_eq!(found(&without, NATURAL_PERSON), one("title", R(category), term), "{title}");
        assert_eq!(screen_record(&without, NATURAL_PERSON).unwrap_err()[0].code(), ErrorCode::ConsentRequired);
        let mut consented = without.clone();
        consented.written_consent = true;
        assert_eq!(screen_record(&consented, NATURAL_PERSON), Ok(()), "{title}: consent admits ¶2 data");
        // ¶2 protects natural persons: an enterprise's own figures are not ¶2 data.
        assert_eq!(screen_record(&without, ENTERPRISE), Ok(()), "{title}: an enterprise's title");
    }
}

#[test]
fn art32_2_persons_are_natural_persons_whoever_the_subject() {
    let r = with(serde_json::json!({ "persons": [{ "role": "legal_representative", "name": "张三（年薪50万元）" }] }));
    assert_eq!(found(&r, ENTERPRISE), one("persons[0].name", R(Restricted::Income), "年薪"));
    let mut consented = r.clone();
    consented.written_consent = true;
    assert_eq!(screen_record(&consented, ENTERPRISE), Ok(()));
    // A natural-person subject's own name is screened too.
    let r = record("张三（名下房产三套）", "拒不履行给付义务5000元", serde_json::json!({}));
    assert_eq!(found(&r, NATURAL_PERSON), one("subject.name", R(Restricted::RealEstate), "房产"));
}

#[test]
fn art32_2_an_enterprise_record_may_state_its_own_figures() {
    for title in [
        "欠缴增值税5000元",
        "未按规定缴纳税款",
        "2023年度营业收入5000万元，纳税额300万元",
        "违规发行债券",
        "未按规定缴纳员工商业保险",
        "名下房产被依法查封",
    ] {
        assert_eq!(screen_record(&titled(title), ENTERPRISE), Ok(()), "{title}");
    }
    // extra_fields values of an enterprise are its data; a key naming ¶2 data is refused
    // whoever the subject (a field of that name collects it).
    let r = with(serde_json::json!({ "extra_fields": { "备注": "年营业收入200万元" } }));
    assert_eq!(screen_record(&r, ENTERPRISE), Ok(()));
    let r = with(serde_json::json!({ "extra_fields": { "income": "100000" } }));
    assert_eq!(found(&r, ENTERPRISE), one("extra_fields.income", R(Restricted::Income), "income"));
}

/// Ordinary credit text, as county bureaus write it: nothing of Art. 32.
const ENTERPRISE_TEXT: [&str; 30] = [
    "未按规定缴纳税款",
    "欠缴增值税5000元",
    "销售不合格产品，罚款人民币5000元",
    "血液制品经营许可",
    "药品经营许可证",
    "医疗机构执业许可证",
    "房地产开发企业资质（二级）",
    "生产基因测序仪器未取得医疗器械注册证",
    "保险代理机构未按规定报送监管信息",
    "社会保险费欠缴信息：欠缴社会保险费12000元",
    "发布保健食品广告宣称可治疗糖尿病、高血压等疾病",
    "保健食品广告涉及疾病预防、治疗功能",
    "销售未按规定标注转基因标识的食用植物油",
    "销售不合格指纹锁",
    "销售YE660A型血压计未取得注册证",
    "经营未经注册的ABO血型定型试剂",
    "安排患有有碍食品安全疾病的人员从事接触直接入口食品的工作",
    "经营患病动物产品",
    "列入严重失信主体名单",
    "组织员工开展诚信教育活动",
    "拖欠农民工工资30万元",
    "当事人签字并按指纹确认",
    "因重大安全生产责任事故列入严重失信主体名单",
    "纳税信用A级纳税人",
    "未组织职业病危害因素检测",
    "医院病历书写不规范",
    "销售未经注册的体外诊断试剂",
    "民族宗教事务局责令整改",
    "Failed to act in good faith; sold counterfeit Christian Dior perfume",
    "Sold fingerprint locks below the national standard",
];

#[test]
fn ordinary_enterprise_text_is_accepted() {
    for text in ENTERPRISE_TEXT {
        assert_eq!(screen_text("content", text, ENTERPRISE, false), Ok(()), "{text}");
    }
}

/// Ordinary text about natural persons: judgment debtors, penalties, honours.
const NATURAL_PERSON_TEXT: [&str; 24] = [
    "拒不履行给付义务5000元",
    "尚欠余额3000元未履行",
    "拖欠农民工工资，拒不支付劳动报酬",
    "欠缴个人所得税2000元",
    "这个税务机关已送达催告书",
    "非法吸收公众存款",
    "通过中国邮政储蓄银行转账",
    "货物未经验收入库",
    "荣获传染病防治先进个人",
    "房产中介从业人员未备案",
    "为他人借款提供担保，担保单位未履行代偿义务",
    "欠缴社会保险费",
    "驾驶未投保交强险的机动车",
    "没收违法收入3000元",
    "列入失信被执行人名单，失信主体应履行义务",
    "在大药房产品柜台销售假药",
    "荣获无偿献血奉献奖",
    "违法建设房屋，责令限期拆除",
    "在贵州省肿瘤医院工作期间收受回扣",
    "擅自开展疾病诊疗活动",
    "销售未标注转基因标识的大豆油",
    "unpaid wages owed to 12 workers",
    "archive of the decision and natural persons concerned",
    "acted faithfully in good faith",
];

#[test]
fn ordinary_natural_person_text_is_accepted() {
    for text in NATURAL_PERSON_TEXT {
        assert_eq!(screen_text("content", text, NATURAL_PERSON, false), Ok(()), "{text}");
    }
}

#[test]
fn the_catalog_and_the_sample_records_are_ordinary_text() {
    // Records' content starts with the catalog item's name (datagen: "欠缴税款公告信息：欠缴增值税5000元。").
    for class in Class::ALL {
        for item in catalog::items_of(class) {
            for text in [item.name_zh, item.name_en] {
                for natural_person in [ENTERPRISE, NATURAL_PERSON] {
                    assert_eq!(screen_text("content", text, natural_person, false), Ok(()), "{}: {text}", item.code);
                }
            }
        }
    }
    for title in [
        "设立登记",
        "食品经营许可证",
        "道路运输经营许可证",
        "虚假宣传，罚款人民币38000元",
        "未落实安全生产责任，罚款人民币5000元",
        "查封、扣押涉案财物",
        "建筑业企业资质（三级）",
        "“双随机”抽查：责令整改",
        "稳岗补贴",
        "贵州省诚信示范企业",
        "志愿服务先进集体",
        "信用承诺书（告知承诺制审批）",
        "未履行政府采购合同约定",
        "未履行信用承诺（即将到期）",
    ] {
        for natural_person in [ENTERPRISE, NATURAL_PERSON] {
            assert_eq!(screen_text("title", title, natural_person, false), Ok(()), "{title}");
        }
    }
}

#[test]
fn an_organisation_name_is_public_registration_information() {
    // Its own record may repeat its name; another subject's record names it as text.
    let r = record(
        "贵阳穆斯林餐饮有限公司",
        "未按规定公示年度报告",
        serde_json::json!({ "content": "贵阳穆斯林餐饮有限公司未按规定公示年度报告。" }),
    );
    assert_eq!(screen_record(&r, ENTERPRISE), Ok(()));
    let other = record("贵阳某某商贸有限公司", "未按规定公示年度报告", serde_json::json!({ "content": r.content }));
    assert_eq!(found(&other, ENTERPRISE), one("content", F(Forbidden::Religion), "穆斯林"));
    // The excuse is the name, not the whole field.
    let r = record(
        "贵阳穆斯林餐饮有限公司",
        "未按规定公示年度报告",
        serde_json::json!({ "content": "贵阳穆斯林餐饮有限公司法定代表人系穆斯林。" }),
    );
    assert_eq!(found(&r, ENTERPRISE), one("content", F(Forbidden::Religion), "穆斯林"));
}

#[test]
fn full_width_mixed_case_spaced_and_zero_width_variants_are_caught() {
    let cases: [(&str, bool, FieldClass); 9] = [
        ("当事人ＤＮＡ比对结果", NATURAL_PERSON, F(Forbidden::Genes)),
        ("Ｂｌｏｏｄ Ｔｙｐｅ: O", ENTERPRISE, F(Forbidden::BloodType)),
        ("血　型：B", ENTERPRISE, F(Forbidden::BloodType)),
        ("hIv PoSiTiVe", ENTERPRISE, F(Forbidden::Disease)),
        ("ｈｉｖ阳性", ENTERPRISE, F(Forbidden::Disease)),
        ("ＡＢ型血", ENTERPRISE, F(Forbidden::BloodType)),
        ("指\u{200B}纹", ENTERPRISE, F(Forbidden::Fingerprint)),
        ("月 收 入5000元", NATURAL_PERSON, R(Restricted::Income)),
        ("Real-Estate held", NATURAL_PERSON, R(Restricted::RealEstate)),
    ];
    for (text, natural_person, class) in cases {
        let violations = screen_text("title", text, natural_person, false).unwrap_err();
        assert_eq!(violations.len(), 1, "{text}");
        assert_eq!(violations[0].class, class, "{text}");
    }
}

#[test]
fn latin_terms_are_whole_words() {
    for text in ["and natural persons", "archived", "Genesis Ltd", "incomes", "faithfully", "properly"] {
        assert_eq!(screen_text("content", text, NATURAL_PERSON, false), Ok(()), "{text}");
    }
    // Key-only terms are not looked for in text.
    assert_eq!(screen_text("content", "unpaid taxes", NATURAL_PERSON, false), Ok(()));
}

#[test]
fn one_violation_per_field_and_category_in_order_of_position() {
    let violations =
        screen_text("content", "张三血型为A型血，患有乙肝，月收入5000元，另患有高血压", NATURAL_PERSON, false)
            .unwrap_err();
    let seen: Vec<(FieldClass, &str)> = violations.iter().map(|v| (v.class, v.term.as_str())).collect();
    assert_eq!(
        seen,
        [(F(Forbidden::BloodType), "血型"), (F(Forbidden::Disease), "患有"), (R(Restricted::Income), "月收入")]
    );
}

#[test]
fn violations_tell_the_provider_field_category_term_and_article() {
    let r = with(serde_json::json!({
        "persons": [{ "role": "legal_representative", "name": "张三（艾滋病患者）" }],
        "extra_fields": { "备注": "月收入8000元" },
    }));
    let violations = screen_record(&r, NATURAL_PERSON).unwrap_err();
    assert_eq!(violations.len(), 2);

    let forbidden: &PersonalDataViolation = &violations[0];
    assert_eq!(forbidden.field, "persons[0].name");
    assert_eq!(forbidden.found_in, FoundIn::Text);
    let zh = forbidden.message_zh();
    assert!(zh.contains("persons[0].name") && zh.contains("艾滋病患者") && zh.contains("疾病"), "{zh}");
    assert!(zh.contains("第三十二条第三款") && zh.contains("请删除"), "{zh}");
    let en = forbidden.message_en();
    assert!(en.contains("persons[0].name") && en.contains("disease") && en.contains("Art. 32 ¶3"), "{en}");

    let restricted = &violations[1];
    assert_eq!(restricted.field, "extra_fields.备注");
    let zh = restricted.message_zh();
    assert!(zh.contains("月收入") && zh.contains("收入") && zh.contains("第三十二条第二款"), "{zh}");
    assert!(zh.contains("written_consent"), "{zh}");
    assert!(restricted.message_en().contains("Art. 32 ¶2"));

    let error = to_api_error(&violations);
    assert_eq!(error.code, ErrorCode::ForbiddenPersonalData);
    assert_eq!(error.http_status(), 422);
    let details: Vec<(Option<&str>, ErrorCode)> = error.details.iter().map(|d| (d.field.as_deref(), d.code)).collect();
    assert_eq!(
        details,
        [
            (Some("persons[0].name"), ErrorCode::ForbiddenPersonalData),
            (Some("extra_fields.备注"), ErrorCode::ConsentRequired),
        ]
    );
    // As the edge forwards each violation into its batch error.
    let api = ApiError::from(restricted.clone());
    assert_eq!(api.code, ErrorCode::ConsentRequired);
    assert_eq!(api.message_zh, restricted.message_zh());
}

// --- the data file ------------------------------------------------------------------------

struct Listed {
    category: FieldClass,
    paragraph: i64,
    terms: Vec<(String, Scope)>,
    exceptions: Vec<String>,
}

fn category_of(key: &str) -> FieldClass {
    Forbidden::ALL
        .into_iter()
        .find(|f| f.key() == key)
        .map(FieldClass::Forbidden)
        .or_else(|| Restricted::ALL.into_iter().find(|r| r.key() == key).map(FieldClass::Restricted))
        .unwrap_or_else(|| panic!("unknown category {key}"))
}

/// `data/personal_data_terms.toml`, read as the test's own copy.
fn listed() -> Vec<Listed> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/personal_data_terms.toml");
    let text = std::fs::read_to_string(path).expect("the data file");
    let doc: toml::Table = toml::from_str(&text).expect("valid TOML");
    let strings = |category: &toml::Table, list: &str, field: &str| -> Vec<String> {
        category
            .get(list)
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
            .map(|e| {
                assert!(e.get("why").and_then(|w| w.as_str()).is_some_and(|w| !w.trim().is_empty()), "{e}: why");
                e.get(field).and_then(|t| t.as_str()).expect("a term").to_string()
            })
            .collect()
    };
    doc["category"]
        .as_array()
        .expect("[[category]]")
        .iter()
        .map(|c| {
            let c = c.as_table().expect("a table");
            let paragraph = c["paragraph"].as_integer().expect("paragraph");
            let text_scope = if paragraph == 3 { Scope::Always } else { Scope::NaturalPerson };
            let mut terms: Vec<(String, Scope)> = Vec::new();
            terms.extend(strings(c, "terms", "term").into_iter().map(|t| (t, text_scope)));
            terms.extend(strings(c, "natural_person_terms", "term").into_iter().map(|t| (t, Scope::NaturalPerson)));
            terms.extend(strings(c, "key_terms", "term").into_iter().map(|t| (t, Scope::KeyOnly)));
            Listed {
                category: category_of(c["category"].as_str().expect("category")),
                paragraph,
                terms,
                exceptions: strings(c, "exceptions", "phrase"),
            }
        })
        .collect()
}

/// A term or phrase embedded in a sentence of a record.
fn sentence(term: &str) -> String {
    format!("经核查：{term}。特此记录。")
}

#[test]
fn the_compiled_list_is_the_data_file() {
    let listed = listed();
    let from_file: Vec<(FieldClass, &str, Scope)> =
        listed.iter().flat_map(|c| c.terms.iter().map(move |(t, scope)| (c.category, t.as_str(), *scope))).collect();
    let compiled: Vec<(FieldClass, &str, Scope)> = terms().iter().map(|t| (t.category, t.term, t.scope)).collect();
    assert_eq!(compiled, from_file);
    let from_file: Vec<(FieldClass, &str)> =
        listed.iter().flat_map(|c| c.exceptions.iter().map(move |e| (c.category, e.as_str()))).collect();
    let compiled: Vec<(FieldClass, &str)> = exceptions().iter().map(|e| (e.category, e.phrase)).collect();
    assert_eq!(compiled, from_file);
    // Terms are folded as text is.
    for term in terms() {
        assert_eq!(term.folded(), fold_key(term.term), "{}", term.term);
        assert_eq!(term.is_latin(), term.term.is_ascii(), "{}", term.term);
    }
    for exception in exceptions() {
        assert_eq!(exception.folded(), fold_key(exception.phrase), "{}", exception.phrase);
    }
}

#[test]
fn every_category_is_listed_with_its_paragraph_in_both_languages() {
    let listed = listed();
    assert_eq!(listed.len(), Forbidden::ALL.len() + Restricted::ALL.len());
    for c in &listed {
        let expected = if matches!(c.category, FieldClass::Forbidden(_)) { 3 } else { 2 };
        assert_eq!(c.paragraph, expected, "{:?}", c.category);
        let text: Vec<&str> = c.terms.iter().filter(|(_, s)| *s != Scope::KeyOnly).map(|(t, _)| t.as_str()).collect();
        assert!(text.iter().filter(|t| !t.is_ascii()).count() >= 2, "{:?}: two Chinese terms", c.category);
        assert!(text.iter().any(|t| t.is_ascii()), "{:?}: an English term", c.category);
        // The regulation's own word is listed.
        let own = c.category.name_zh();
        assert!(c.terms.iter().any(|(t, _)| t == own), "{:?}: {own}", c.category);
    }
}

#[test]
fn every_listed_term_is_caught_in_a_sentence() {
    for c in listed() {
        for (term, scope) in &c.terms {
            let text = sentence(term);
            let of_category = |natural_person: bool| -> Vec<PersonalDataViolation> {
                match screen_text("content", &text, natural_person, false) {
                    Ok(()) => Vec::new(),
                    Err(v) => v.into_iter().filter(|v| v.class == c.category).collect(),
                }
            };
            match scope {
                Scope::KeyOnly => {
                    assert!(of_category(NATURAL_PERSON).is_empty(), "{term}: key-only, not in text");
                }
                _ => {
                    let caught = of_category(NATURAL_PERSON);
                    assert_eq!(caught.len(), 1, "{term}: about a natural person");
                    assert_eq!(&caught[0].term, term, "{term}: the term itself is named");
                    assert_eq!(caught[0].found_in, FoundIn::Text);
                    let in_enterprise_text = !of_category(ENTERPRISE).is_empty();
                    assert_eq!(in_enterprise_text, *scope == Scope::Always, "{term}: in an enterprise's text");
                    // Written consent admits ¶2 terms, never ¶3.
                    let consented = screen_text("content", &text, NATURAL_PERSON, true).err().unwrap_or_default();
                    let still = consented.iter().any(|v| v.class == c.category);
                    assert_eq!(still, c.paragraph == 3, "{term}: with written consent");
                }
            }
            // Every term names its category as a key, too.
            assert_eq!(classify_field(term), c.category, "{term}: as a key");
        }
    }
}

#[test]
fn every_listed_exception_is_accepted() {
    for c in listed() {
        for phrase in &c.exceptions {
            let text = sentence(phrase);
            for natural_person in [ENTERPRISE, NATURAL_PERSON] {
                let violations = screen_text("content", &text, natural_person, false).err().unwrap_or_default();
                assert!(
                    violations.iter().all(|v| v.class != c.category),
                    "{phrase}: excused ({natural_person}), found {violations:?}"
                );
            }
            assert_ne!(classify_field(phrase), c.category, "{phrase}: as a key");
        }
    }
}
