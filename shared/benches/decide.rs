//! Criterion benchmark of the disclosure decision (written below).
fn main() {}
