//! Art. 30 identifiers against the vectors in `data/identifiers_vectors.toml`:
//! GB 32100-2015 (USCC), GB 11714 (organization code), GB 11643-1999 (resident ID),
//! ISO 7064 MOD 11,10 (legacy registration number), and the search-box classifier.

use gzcredit_shared::error::{ApiError, ErrorCode};
use gzcredit_shared::identifiers::{
    classify, normalize, IdentifierErrorKind, IdentifierKind, RegisteringDepartment, RegistrationNumber, ResidentId,
    SearchInput, SubjectType, Uscc,
};
use gzcredit_shared::Date;
use serde::Deserialize;

#[derive(Deserialize)]
struct Vectors {
    valid: Vec<Valid>,
    invalid: Vec<Invalid>,
    classify: Vec<Classify>,
}

#[derive(Deserialize)]
struct Valid {
    input: String,
    identifier: IdentifierKind,
    canonical: String,
    region: String,
    department: Option<RegisteringDepartment>,
    subject_type: Option<SubjectType>,
    valid_organization_code: Option<bool>,
    birth_date: Option<Date>,
    masked: Option<String>,
}

#[derive(Deserialize)]
struct Invalid {
    input: String,
    identifier: IdentifierKind,
    error: IdentifierErrorKind,
    message_en: Option<String>,
    message_zh: Option<String>,
}

#[derive(Deserialize)]
struct Classify {
    input: String,
    expect: String,
    value: Option<String>,
    identifier: Option<IdentifierKind>,
    error: Option<String>,
}

fn vectors() -> Vectors {
    toml::from_str(include_str!("data/identifiers_vectors.toml")).expect("identifiers_vectors.toml")
}

#[test]
fn valid_vectors_parse_with_their_parts() {
    let vectors = vectors();
    assert!(vectors.valid.len() >= 15);
    for v in vectors.valid {
        match v.identifier {
            IdentifierKind::Uscc => {
                let code = Uscc::parse(&v.input).unwrap_or_else(|e| panic!("{}: {e}", v.input));
                assert_eq!(code.as_str(), v.canonical);
                assert_eq!(code.region_code(), v.region);
                assert_eq!(code.prefecture_code(), &v.region[..4]);
                assert_eq!(code.organization_code(), &v.canonical[8..17]);
                assert_eq!(Some(code.registering_department()), v.department, "{}", v.input);
                assert_eq!(Some(code.subject_type()), v.subject_type, "{}", v.input);
                assert_eq!(Some(code.has_valid_organization_code()), v.valid_organization_code, "{}", v.input);
            }
            IdentifierKind::ResidentId => {
                let id = ResidentId::parse(&v.input).unwrap_or_else(|e| panic!("{}: {e}", v.input));
                assert_eq!(id.as_str(), v.canonical);
                assert_eq!(id.region_code(), v.region);
                assert_eq!(Some(id.birth_date()), v.birth_date);
                assert_eq!(Some(id.masked()), v.masked);
            }
            IdentifierKind::RegistrationNumber => {
                let number = RegistrationNumber::parse(&v.input).unwrap_or_else(|e| panic!("{}: {e}", v.input));
                assert_eq!(number.as_str(), v.canonical);
                assert_eq!(number.region_code(), v.region);
            }
        }
    }
}

#[test]
fn invalid_vectors_report_the_expected_error() {
    for v in vectors().invalid {
        let error = match v.identifier {
            IdentifierKind::Uscc => Uscc::parse(&v.input).err(),
            IdentifierKind::ResidentId => ResidentId::parse(&v.input).err(),
            IdentifierKind::RegistrationNumber => RegistrationNumber::parse(&v.input).err(),
        }
        .unwrap_or_else(|| panic!("{} should be invalid", v.input));
        assert_eq!(error.identifier, v.identifier, "{}", v.input);
        assert_eq!(error.kind, v.error, "{}", v.input);
        assert_eq!(error.input, normalize(&v.input));
        if let Some(en) = v.message_en {
            assert_eq!(error.message_en(), en);
            assert_eq!(error.to_string(), en);
        }
        if let Some(zh) = v.message_zh {
            assert_eq!(error.message_zh(), zh);
        }
        let api = ApiError::from(error.clone());
        assert_eq!(api.code, ErrorCode::InvalidIdentifier);
        assert_eq!(api.message_en, error.message_en());
    }
}

#[test]
fn search_box_classifies_every_vector() {
    for v in vectors().classify {
        let got = classify(&v.input);
        let ok = match (v.expect.as_str(), &got) {
            ("uscc", SearchInput::Uscc(code)) => Some(code.as_str()) == v.value.as_deref(),
            ("resident_id", SearchInput::ResidentId(id)) => Some(id.as_str()) == v.value.as_deref(),
            ("registration_number", SearchInput::RegistrationNumber(n)) => Some(n.as_str()) == v.value.as_deref(),
            ("pinyin", SearchInput::Pinyin(p)) | ("name", SearchInput::Name(p)) => {
                Some(p.as_str()) == v.value.as_deref()
            }
            ("invalid_code", SearchInput::InvalidCode(e)) => {
                let kind = serde_json::to_value(&e.kind).unwrap()["kind"].as_str().unwrap().to_string();
                Some(e.identifier) == v.identifier && Some(kind) == v.error
            }
            _ => false,
        };
        assert!(ok, "{:?}: expected {} {:?}, got {got:?}", v.input, v.expect, v.value);
    }
}

#[test]
fn gb32100_from_parts_computes_both_check_characters() {
    let code = Uscc::from_parts('9', '1', "520000", "21443414").unwrap();
    assert_eq!(code.as_str(), "91520000214434146R");
    let error = Uscc::from_parts('9', '4', "520000", "21443414").unwrap_err();
    assert!(matches!(error.kind, IdentifierErrorKind::UnknownSubjectType { .. }));
    assert!(Uscc::from_parts('9', '1', "5200", "21443414").is_err());
    assert!(Uscc::from_parts('9', '1', "520000", "2144341").is_err());
}

#[test]
fn gb32100_every_department_names_its_types() {
    for department in RegisteringDepartment::ALL {
        assert_eq!(RegisteringDepartment::from_code(department.code()), Some(department));
        assert!(!department.name_zh().is_empty() && !department.name_en().is_empty());
        for (code, subject_type) in department.subject_types() {
            assert_eq!(department.subject_type(*code), Some(*subject_type));
            assert!(!subject_type.name_zh().is_empty() && !subject_type.name_en().is_empty());
        }
    }
    assert_eq!(RegisteringDepartment::MarketRegulation.subject_type('9'), None);
    assert_eq!(RegisteringDepartment::Other.subject_type('9'), None);
}

#[test]
fn codes_travel_as_checked_strings() {
    let code = Uscc::parse("91520000214434146R").unwrap();
    assert_eq!(serde_json::to_string(&code).unwrap(), "\"91520000214434146R\"");
    assert_eq!(serde_json::from_str::<Uscc>("\"91520000214434146R\"").unwrap(), code);
    assert!(serde_json::from_str::<Uscc>("\"91520000214434146X\"").is_err());
    assert!(serde_json::from_str::<ResidentId>("\"110105194912310021\"").is_err());
    let input = classify("91520000214434146X");
    let json = serde_json::to_string(&input).unwrap();
    assert_eq!(serde_json::from_str::<SearchInput>(&json).unwrap(), input);
}

#[test]
fn art4_resident_id_debug_output_is_masked() {
    let id = ResidentId::parse("11010519491231002X").unwrap();
    assert_eq!(format!("{id:?}"), "ResidentId(110105************)");
}

#[test]
fn normalize_folds_width_space_and_case() {
    assert_eq!(normalize("ｍａ６ｄ\u{3000}x x\t"), "MA6DXX");
    assert_eq!(normalize("９１５２"), "9152");
}
