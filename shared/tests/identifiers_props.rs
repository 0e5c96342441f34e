//! Property tests of the Art. 30 identifiers: every generated valid code validates and
//! every single-character substitution is caught — GB 32100 mod 31 and GB 11643 /
//! ISO 7064 MOD 11-2 and MOD 11,10 detect all single substitutions because their
//! moduli are prime and every weight is non-zero — and resident IDs mask to 6 + 4.

use gzcredit_shared::identifiers::{
    classify, RegisteringDepartment, RegistrationNumber, ResidentId, SearchInput, Uscc,
};
use gzcredit_shared::Date;
use proptest::prelude::*;

const USCC_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Every character someone might type instead: the alphabet and the five letters GB
/// 32100 leaves out.
const SUBSTITUTES: &str = "0123456789ABCDEFGHJKLMNPQRTUWXYIOSVZ";
const PROVINCES: [u32; 34] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
    64, 65, 71, 81, 82,
];

fn uscc_parts() -> impl Strategy<Value = (char, char, String, String)> {
    let department = prop::sample::select(RegisteringDepartment::ALL.to_vec());
    let alphabet: Vec<char> = USCC_ALPHABET.chars().collect();
    (department, any::<prop::sample::Index>(), "[0-9]{6}", prop::collection::vec(prop::sample::select(alphabet), 8))
        .prop_map(|(department, index, region, body)| {
            let types = department.subject_types();
            let (type_code, _) = types[index.index(types.len())];
            (department.code(), type_code, region, body.into_iter().collect())
        })
}

fn substitutions(code: &str, alphabet: &str) -> Vec<String> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    for i in 0..chars.len() {
        for c in alphabet.chars().filter(|&c| c != chars[i]) {
            let mut changed = chars.clone();
            changed[i] = c;
            out.push(changed.into_iter().collect());
        }
    }
    out
}

fn resident_id() -> impl Strategy<Value = ResidentId> {
    let birth =
        (1900i32..=2099, 1u32..=12, 1u32..=31).prop_filter_map("real date", |(y, m, d)| Date::from_ymd(y, m, d));
    (prop::sample::select(PROVINCES.to_vec()), "[0-9]{4}", birth, "[0-9]{3}").prop_map(
        |(province, county, birth, seq)| {
            let (y, m, d) = birth.ymd();
            let body = format!("{province:02}{county}{y:04}{m:02}{d:02}{seq}");
            // Exactly one of the eleven check characters completes a valid ID.
            let valid: Vec<ResidentId> =
                "0123456789X".chars().filter_map(|c| ResidentId::parse(&format!("{body}{c}")).ok()).collect();
            assert_eq!(valid.len(), 1, "{body}");
            valid.into_iter().next().unwrap()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// GB 32100-2015 and GB 11714: generated codes validate with both check characters.
    #[test]
    fn gb32100_generated_codes_validate((department, subject_type, region, body) in uscc_parts()) {
        let code = Uscc::from_parts(department, subject_type, &region, &body).unwrap();
        prop_assert_eq!(Uscc::parse(code.as_str()), Ok(code.clone()));
        prop_assert!(code.has_valid_organization_code());
        prop_assert_eq!(code.registering_department().code(), department);
        prop_assert_eq!(code.region_code(), region.as_str());
        prop_assert_eq!(&code.organization_code()[..8], body.as_str());
    }

    /// GB 32100-2015: mod 31 catches every single-character substitution.
    #[test]
    fn gb32100_catches_every_single_substitution((department, subject_type, region, body) in uscc_parts()) {
        let code = Uscc::from_parts(department, subject_type, &region, &body).unwrap();
        for changed in substitutions(code.as_str(), SUBSTITUTES) {
            prop_assert!(Uscc::parse(&changed).is_err(), "{} accepted", changed);
        }
    }

    /// GB 11643-1999: every single substitution is caught.
    #[test]
    fn gb11643_catches_every_single_substitution(id in resident_id()) {
        for changed in substitutions(id.as_str(), "0123456789X") {
            prop_assert!(ResidentId::parse(&changed).is_err(), "{} accepted", changed);
        }
    }

    /// Art. 4, Art. 32: the masked ID shows only its first 6 characters, the region of
    /// issue: not the birth date, the sequence or the check character.
    #[test]
    fn resident_id_masks_to_the_region_of_issue(id in resident_id()) {
        let masked = id.masked();
        prop_assert_eq!(masked.chars().count(), 18);
        prop_assert_eq!(&masked[..6], &id.as_str()[..6]);
        prop_assert_eq!(&masked[6..], "************");
    }

    /// Resident IDs are never taken for anything but an ID or, when every USCC check
    /// holds too, the documented tie-break.
    #[test]
    fn classify_reads_resident_ids_as_ids(id in resident_id()) {
        match classify(id.as_str()) {
            SearchInput::ResidentId(found) => prop_assert_eq!(found, id),
            SearchInput::Uscc(code) => {
                prop_assert!(code.has_valid_organization_code() && code.has_plausible_region());
            }
            other => prop_assert!(false, "{:?}", other),
        }
    }

    /// Codes with a letter in the organization code are never resident IDs.
    #[test]
    fn classify_reads_generated_codes_as_codes((department, subject_type, region, body) in uscc_parts()) {
        let code = Uscc::from_parts(department, subject_type, &region, &body).unwrap();
        if code.as_str()[..17].chars().any(|c| c.is_ascii_alphabetic()) {
            prop_assert_eq!(classify(code.as_str()), SearchInput::Uscc(code));
        }
    }

    /// ISO 7064 MOD 11,10: generated numbers validate and every single substitution is caught.
    #[test]
    fn mod_11_10_catches_every_single_substitution(body in "[0-9]{14}") {
        let number = RegistrationNumber::from_body(&body).unwrap();
        for changed in substitutions(number.as_str(), "0123456789") {
            prop_assert!(RegistrationNumber::parse(&changed).is_err(), "{} accepted", changed);
        }
    }

    /// The search box takes anything without panicking.
    #[test]
    fn classify_never_panics(input in "\\PC{0,40}") {
        let _ = classify(&input);
    }
}
