//! Art. 32: forbidden and restricted personal data.

use gzcredit_shared::error::ErrorCode;
use gzcredit_shared::personal_data::{classify_field, screen, to_api_error, FieldClass, Forbidden, Restricted};
use gzcredit_shared::ApiError;

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
        "incomes_typo",
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
    assert_eq!(violations[1].code(), ErrorCode::ForbiddenPersonalData);

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
