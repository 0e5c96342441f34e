//! The prefecture-level divisions of Guizhou (region codes of GB/T 2260), with their
//! Chinese and English names.
//!
//! A subject's six-digit region code (from its USCC or resident ID number) starts with the
//! four digits of its prefecture: the search's `region=` filter takes those four digits,
//! and the portal names a subject's region after them. One table for the edge and the
//! front end, so the filter offers exactly the prefectures the data is coded with.

/// The nine prefecture-level divisions of Guizhou: code prefix (GB/T 2260), Chinese name,
/// English name; the six prefecture-level cities first, then the three autonomous
/// prefectures, in code order.
pub const PREFECTURES: [(&str, &str, &str); 9] = [
    ("5201", "贵阳市", "Guiyang"),
    ("5202", "六盘水市", "Liupanshui"),
    ("5203", "遵义市", "Zunyi"),
    ("5204", "安顺市", "Anshun"),
    ("5205", "毕节市", "Bijie"),
    ("5206", "铜仁市", "Tongren"),
    ("5223", "黔西南布依族苗族自治州", "Qianxinan"),
    ("5226", "黔东南苗族侗族自治州", "Qiandongnan"),
    ("5227", "黔南布依族苗族自治州", "Qiannan"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefectures_are_guizhou_codes_in_order() {
        // Guizhou's province code is 52; the filter compares the first four digits.
        for (code, zh, en) in PREFECTURES {
            assert!(code.len() == 4 && code.starts_with("52") && code.bytes().all(|b| b.is_ascii_digit()), "{code}");
            assert!(!zh.is_empty() && !en.is_empty(), "{code}");
        }
        assert!(PREFECTURES.windows(2).all(|w| w[0].0 < w[1].0), "sorted, no duplicates");
    }
}
