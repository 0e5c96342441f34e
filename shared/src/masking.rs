//! Masking of personal identifiers — 个人信息保护 (Art. 4, 32).
//!
//! Art. 4 forbids making natural persons' credit information public unlawfully. Where a
//! public view must name a person (a natural person on a public list; the legal
//! representative and responsible persons recorded with a seriously dishonest
//! organisation, Art. 26) it shows only what identifies the record, never the person:
//! the surname followed by `*`, and the resident ID number as its first 6 characters (the
//! region of issue) followed by twelve `*`.
//!
//! Why no more of the ID: it is 6 region digits, 8 of birth date, 3 of sequence and a
//! check character (GB 11643-1999). Shown with its last 4, only the birth date is hidden —
//! some 30,000 dates, of which the check character rules out 10 in 11 — and an exact-ID
//! search that answers "exists" recovers the whole number in about 2,300 queries. Hiding
//! the birth date, the sequence and the check character leaves some 30 million candidates.

/// Two-character surnames (复姓) that keep both characters.
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕",
    "令狐", "端木", "独孤", "南宫", "西门", "百里", "呼延", "澹台", "公羊", "万俟", "闻人", "赫连", "申屠", "拓跋",
];

/// A person's name as public views show it: surname + `*` (`张三丰` → `张*`).
///
/// Non-Chinese names keep their first letter (`Smith` → `S*`). An empty name stays empty.
pub fn mask_name(name: &str) -> String {
    let name = name.trim();
    let Some(first) = name.chars().next() else {
        return String::new();
    };
    let surname: String = COMPOUND_SURNAMES
        .iter()
        .find(|s| name.starts_with(**s) && name.chars().count() > 2)
        .map(|s| (*s).to_string())
        .unwrap_or_else(|| first.to_string());
    surname + "*"
}

/// A resident ID number as public views show it: first 6 + `************`
/// (`520102198709086415` → `520102************`).
///
/// Anything that is not 18 characters long is masked entirely: a malformed number is not
/// evidence that the rest is safe to show.
pub fn mask_id_number(id: &str) -> String {
    let chars: Vec<char> = id.trim().chars().collect();
    if chars.len() != 18 {
        return "*".repeat(chars.len().max(8));
    }
    let head: String = chars[..6].iter().collect();
    format!("{head}************")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn art4_names_keep_only_the_surname() {
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("张三丰"), "张*");
        assert_eq!(mask_name("欧阳修"), "欧阳*");
        assert_eq!(mask_name("欧阳"), "欧*", "a two-character name is surname + given name");
        assert_eq!(mask_name(" 李四 "), "李*");
        assert_eq!(mask_name(""), "");
    }

    #[test]
    fn art4_id_numbers_keep_only_the_region_of_issue() {
        assert_eq!(mask_id_number("520102198709086415"), "520102************");
        assert_eq!(mask_id_number("52010219900307002X"), "520102************", "nor the check character");
        assert_eq!(mask_id_number("52010219870908641"), "*****************");
    }

    proptest! {
        #[test]
        fn masked_names_reveal_at_most_two_characters(name in "\\PC{0,12}") {
            let masked = mask_name(&name);
            let revealed: Vec<char> = masked.chars().filter(|c| *c != '*').collect();
            prop_assert!(revealed.len() <= 2);
            let original: Vec<char> = name.trim().chars().collect();
            prop_assert!(revealed.iter().zip(&original).all(|(a, b)| a == b));
        }

        #[test]
        fn masked_ids_reveal_at_most_the_six_region_digits(id in "[0-9X]{0,24}") {
            let masked = mask_id_number(&id);
            prop_assert!(masked.chars().filter(|c| *c != '*').count() <= 6);
            if id.len() == 18 {
                prop_assert_eq!(&masked[..6], &id[..6]);
                prop_assert_eq!(&masked[6..], "************");
            }
        }
    }
}
