// An independent working-day oracle for the deadlines of Art. 34–36 (「收到异议材料之日起的
// 五个工作日内」, 「收到该书面证明之日起的三个工作日内」): the suites compute the exact due
// dates with it instead of asking the implementation (shared/src/calendar.rs). Written by
// hand; it must be changed by hand when the State Council publishes a new arrangement or
// when the suites run in a year it does not know (it throws for such a date, so that a
// deadline is never checked against a guess).
//
// What a working day is: Monday to Friday, unless the day is a holiday; plus the Saturdays
// and Sundays declared make-up working days (调休上班).
//
// 2025 and 2026: the published arrangements, 国务院办公厅关于2025年部分节假日安排的通知
// (2024-11-12, https://www.gov.cn/zhengce/content/202411/content_6986382.htm) and
// 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04,
// https://www.gov.cn/zhengce/content/202511/content_7047090.htm), transcribed by hand from
// the 2025 and 2026 entries of shared/data/holidays.toml (itself taken from the notices).
//
// 2027 and 2028: no arrangement is published yet, so the implementation falls back to the
// statutory holidays of 《全国年节及纪念日放假办法》 (国务院令第795号) Article 2 — 元旦 1 day,
// 春节 4 days (除夕 and 正月初一至初三), 清明 1, 劳动节 2 (5月1日、2日), 端午 1, 中秋 1,
// 国庆 3 (10月1日至3日) — and weekends, with no make-up working days and no 补假, and marks
// every answer that touches such a year "provisional". The lunar dates below are hard-coded
// by hand and were checked when written against the new moons (Meeus, Astronomical
// Algorithms ch. 49, Beijing time) and the sun's longitude for 清明 (15°):
//   2027: 正月初一 = new moon of 2027-02-06 23:56 (+08:00), so 除夕 is Fri 02-05 and 春节
//         is 02-05..02-08 (ICU's Chinese calendar says 02-07: wrong by four minutes);
//         清明 Mon 04-05 (15° at 08:17); 端午 (五月初五; 五月 from the new moon of 06-05)
//         Wed 06-09; 中秋 (八月十五; 八月 from 09-01) Wed 09-15.
//   2028: 正月初一 = new moon of 2028-01-26 23:12, so 春节 is Tue 01-25..Fri 01-28;
//         清明 Tue 04-04 (15° at 14:04); 端午 (五月 from 05-24; 闰五月 follows) Sun 05-28;
//         中秋 (八月 from 09-19) Tue 10-03, the same day as 国庆's third day.
//
// Provisional (shared/src/calendar.rs, module docs): a date is covered when its year's
// arrangement is in the data and — from 26 December on — the next year's too (an
// arrangement can reach back into the last days of the year before). The data covers 2018
// to 2026, so every date from 2026-12-26 on is not covered. "n working days after D" is
// provisional when any day in (D, due] is not covered; a count of working days over
// (from, to] likewise.

/** Holiday periods (first and last day off, weekends joined included) and make-up days. */
const ARRANGEMENTS = {
  2025: {
    holidays: [
      ['2025-01-01', '2025-01-01'], // 元旦
      ['2025-01-28', '2025-02-04'], // 春节
      ['2025-04-04', '2025-04-06'], // 清明节
      ['2025-05-01', '2025-05-05'], // 劳动节
      ['2025-05-31', '2025-06-02'], // 端午节
      ['2025-10-01', '2025-10-08'], // 国庆节、中秋节
    ],
    makeUp: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    holidays: [
      ['2026-01-01', '2026-01-03'], // 元旦
      ['2026-02-15', '2026-02-23'], // 春节
      ['2026-04-04', '2026-04-06'], // 清明节
      ['2026-05-01', '2026-05-05'], // 劳动节
      ['2026-06-19', '2026-06-21'], // 端午节
      ['2026-09-25', '2026-09-27'], // 中秋节
      ['2026-10-01', '2026-10-07'], // 国庆节
    ],
    makeUp: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

/** The statutory days off of years without an arrangement (see above), weekends aside. */
const STATUTORY = {
  2027: [
    '2027-01-01', // 元旦 (Fri)
    '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', // 春节: 除夕 (Fri) to 初三 (Mon)
    '2027-04-05', // 清明节 (Mon)
    '2027-05-01', '2027-05-02', // 劳动节 (Sat, Sun: no 补假 in the fallback)
    '2027-06-09', // 端午节 (Wed)
    '2027-09-15', // 中秋节 (Wed)
    '2027-10-01', '2027-10-02', '2027-10-03', // 国庆节 (Fri to Sun)
  ],
  2028: [
    '2028-01-01', // 元旦 (Sat)
    '2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28', // 春节: 除夕 (Tue) to 初三 (Fri)
    '2028-04-04', // 清明节 (Tue)
    '2028-05-01', '2028-05-02', // 劳动节 (Mon, Tue)
    '2028-05-28', // 端午节 (Sun)
    '2028-10-01', '2028-10-02', '2028-10-03', // 国庆节 (Sun to Tue); 中秋节 is 10-03 too
  ],
};

/** The last year whose arrangement is in shared/data/holidays.toml. */
const LAST_ARRANGED_YEAR = 2026;

const DAY = 86400000;
const toDate = (d) => (d instanceof Date ? d : new Date(`${d}T00:00:00Z`));
const toIso = (d) => d.toISOString().slice(0, 10);

function known(iso) {
  const year = Number(iso.slice(0, 4));
  if (!ARRANGEMENTS[year] && !STATUTORY[year]) {
    throw new Error(`working_days.mjs knows 2025–2028 only; ${iso} needs ${year} added by hand`);
  }
  return year;
}

/** Whether the published arrangements settle `date` (see the rule above). */
export function isCovered(date) {
  const iso = toIso(toDate(date));
  const year = known(iso);
  const lateDecember = iso.slice(5) >= '12-26';
  return year <= LAST_ARRANGED_YEAR && (!lateDecember || year + 1 <= LAST_ARRANGED_YEAR);
}

/** Whether `date` is a working day. */
export function isWorkingDay(date) {
  const d = toDate(date);
  const iso = toIso(d);
  const year = known(iso);
  const arrangement = ARRANGEMENTS[year];
  const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
  if (arrangement) {
    if (arrangement.makeUp.includes(iso)) return true;
    if (arrangement.holidays.some(([first, last]) => first <= iso && iso <= last)) return false;
    return !weekend;
  }
  return !weekend && !STATUTORY[year].includes(iso);
}

/** The `n`-th working day after `start` (the day of receipt not counted): `{ due, provisional }`. */
export function addWorkingDays(start, n) {
  let d = toDate(start);
  known(toIso(d));
  let provisional = false;
  for (let left = n; left > 0;) {
    d = new Date(d.getTime() + DAY);
    if (!isCovered(d)) provisional = true;
    if (isWorkingDay(d)) left--;
  }
  return { due: toIso(d), provisional };
}

/** The working days in (`from`, `to`]: `{ count, provisional }`. */
export function workingDaysBetween(from, to) {
  let d = toDate(from);
  const end = toDate(to);
  known(toIso(d));
  known(toIso(end));
  let count = 0;
  let provisional = false;
  while (d < end) {
    d = new Date(d.getTime() + DAY);
    if (!isCovered(d)) provisional = true;
    if (isWorkingDay(d)) count++;
  }
  return { count, provisional };
}
