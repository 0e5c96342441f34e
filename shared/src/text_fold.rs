//! Folding of text for comparison, shared by the crate (`personal_data`) and its build
//! script (which checks and sorts the term list with the same folding): full-width ASCII
//! to half-width; spaces, separators and zero-width marks dropped. No other crate item is
//! used here, so `build.rs` can include this file as it is.

/// Full-width ASCII to half-width.
pub fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Dropped by folding: spaces (the ideographic space too), separators and zero-width marks.
pub fn removed(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '_' | '-' | '.' | '·' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}')
}
