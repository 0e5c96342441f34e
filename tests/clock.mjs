// The clock of the server under test, for every suite. `cargo xtask test` pins the
// server's clock with TEST_CLOCK = `YYYY-MM-DD@ANCHOR`: 10:00 in Asia/Shanghai on that date
// was the real instant ANCHOR (Unix ms), and time runs on from there (the same rule as
// shared::date::PinnedClock). Without TEST_CLOCK (a suite run by hand against a dev
// server) it is the wall clock.

/** Now, in Unix milliseconds, as the server under test sees it. */
export function nowMillis() {
  const pinned = process.env.TEST_CLOCK;
  if (!pinned) return Date.now();
  const match = /^(\d{4})-(\d{2})-(\d{2})@(\d+)$/.exec(pinned);
  if (!match) throw new Error(`TEST_CLOCK=${pinned}: expected YYYY-MM-DD@ANCHOR_MILLIS`);
  const [, y, m, d, anchor] = match;
  const start = Date.UTC(Number(y), Number(m) - 1, Number(d), 2, 0, 0); // 10:00 at +08:00
  return start + (Date.now() - Number(anchor));
}

/** Today in Asia/Shanghai as a Date at UTC midnight of that calendar day. */
export function shanghaiToday() {
  const now = new Date(nowMillis() + 8 * 3600 * 1000);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
