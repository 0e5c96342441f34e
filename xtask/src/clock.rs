//! What time it is for xtask: the wall clock, or the pinned clock of a test run.
//!
//! `cargo xtask test` pins "today" for the server under test (`TEST_CLOCK`, see
//! [`gzcredit_shared::date::PinnedClock`]) and passes the same value to the suites, which
//! mint their tokens with `cargo xtask token`: so the token minter reads it too.

use gzcredit_shared::date::PinnedClock;
use gzcredit_shared::Date;

/// The environment variable that carries a pinned clock.
pub const TEST_CLOCK: &str = "TEST_CLOCK";

/// The wall clock, Unix milliseconds.
pub fn real_millis() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

/// The pinned clock of this process's environment, if one is set and well formed.
pub fn pinned() -> Option<PinnedClock> {
    PinnedClock::parse(&std::env::var(TEST_CLOCK).ok()?).ok()
}

/// Now, Unix milliseconds: pinned if a test run pinned it.
pub fn now_millis() -> i64 {
    let real = real_millis();
    pinned().map_or(real, |clock| clock.now_millis(real))
}

/// Today in Asia/Shanghai (xtask is an adapter; it may read the clock).
pub fn today() -> Date {
    Date::shanghai_from_unix_millis(now_millis())
}
