// The working-day oracle of the deadline tests (./working_days.mjs) against examples worked
// out by hand from the calendar, one for each date the suites are run on and for the
// holidays in reach of their deadlines. No server is needed: this checks the oracle, so
// that the exact due dates the other suites assert are not the oracle's guesses.
//
// "n working days from receipt": the day of receipt is not counted; the deadline is the
// n-th working day after it (Art. 34: 收到异议材料之日起的一个/两个/五个工作日内; Art. 35–36:
// 三个工作日内). Provisional: some day in (receipt, due] is not covered by a published
// arrangement, i.e. is on or after 2026-12-26 (the 2027 arrangement is not in the data).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addWorkingDays, workingDaysBetween, isWorkingDay, isCovered } from './working_days.mjs';

// [receipt, n, due, provisional, how]
const EXAMPLES = [
  // The pinned dates of `cargo xtask test`.
  ['2026-12-31', 1, '2027-01-04', true, 'Thu; Fri 2027-01-01 元旦 off, Sat 2, Sun 3; Mon 4 is the 1st'],
  ['2026-12-31', 2, '2027-01-05', true, 'Mon 4, Tue 5'],
  ['2026-12-31', 3, '2027-01-06', true, 'Mon 4, Tue 5, Wed 6'],
  ['2026-12-31', 5, '2027-01-08', true, '元旦 and the weekend off: Mon 4 to Fri 8'],
  ['2027-01-04', 1, '2027-01-05', true, 'Mon; Tue 5'],
  ['2027-01-04', 3, '2027-01-07', true, 'Tue 5, Wed 6, Thu 7'],
  ['2027-01-04', 5, '2027-01-11', true, 'Tue 5 to Fri 8 (4), Sat 9 and Sun 10 off, Mon 11'],
  ['2028-02-29', 1, '2028-03-01', true, 'Tue (leap day); Wed 1 March'],
  ['2028-02-29', 2, '2028-03-02', true, 'Wed 1, Thu 2'],
  ['2028-02-29', 3, '2028-03-03', true, 'Wed 1, Thu 2, Fri 3'],
  ['2028-02-29', 5, '2028-03-07', true, 'Wed 1 to Fri 3 (3), weekend, Mon 6, Tue 7'],
  ['2026-02-18', 1, '2026-02-24', false, 'Wed, inside 春节 (15–23 Feb off); Tue 24 is the 1st'],
  ['2026-02-18', 2, '2026-02-25', false, 'Tue 24, Wed 25'],
  ['2026-02-18', 3, '2026-02-26', false, 'Tue 24, Wed 25, Thu 26'],
  ['2026-02-18', 5, '2026-02-28', false, 'Tue 24 to Fri 27 (4), Sat 28 is a make-up working day (5)'],
  ['2026-12-03', 1, '2026-12-04', false, 'Thu; Fri 4'],
  ['2026-12-03', 2, '2026-12-07', false, 'Fri 4, weekend, Mon 7'],
  ['2026-12-03', 5, '2026-12-10', false, 'Fri 4, Mon 7, Tue 8, Wed 9, Thu 10'],
  // The edge of the data: from 26 December 2026 on, no date is covered.
  ['2026-12-22', 3, '2026-12-25', false, 'Wed 23, Thu 24, Fri 25: all covered'],
  ['2026-12-22', 5, '2026-12-29', true, 'Wed 23, Thu 24, Fri 25, Mon 28, Tue 29: 28 and 29 are not covered'],
  ['2026-12-25', 1, '2026-12-28', true, 'Fri; Sat 26, Sun 27 not covered; Mon 28'],
  // Published arrangements: make-up working days and holidays joined with weekends.
  ['2025-09-30', 1, '2025-10-09', false, '国庆节、中秋节 1–8 Oct off; Thu 9'],
  ['2025-09-30', 2, '2025-10-10', false, 'Thu 9, Fri 10'],
  ['2025-09-30', 3, '2025-10-11', false, 'Thu 9, Fri 10, Sat 11 (make-up)'],
  ['2025-09-30', 5, '2025-10-14', false, 'Thu 9, Fri 10, Sat 11 (make-up), Mon 13, Tue 14'],
  ['2025-12-31', 1, '2026-01-04', false, 'Wed; 元旦 1–3 Jan off; Sun 4 is a make-up working day; covered by the 2026 arrangement'],
  ['2026-02-12', 5, '2026-02-26', false, 'Fri 13, Sat 14 (make-up), 春节 15–23 off, Tue 24, Wed 25, Thu 26'],
  ['2026-09-30', 3, '2026-10-10', false, 'Wed; 国庆节 1–7 Oct off; Thu 8, Fri 9, Sat 10 (make-up)'],
  // The fallback of 2027–2028: statutory holidays and weekends only, no make-up days, no 补假.
  ['2027-02-04', 1, '2027-02-09', true, 'Thu; 春节 除夕 Fri 5 to 初三 Mon 8 off (Sat 6, Sun 7 in it); Tue 9'],
  ['2027-04-02', 1, '2027-04-06', true, 'Fri; weekend, Mon 5 清明节 off; Tue 6'],
  ['2027-04-30', 1, '2027-05-03', true, 'Fri; 劳动节 Sat 1, Sun 2: Mon 3 works (no 补假 until the notice)'],
  ['2027-06-08', 1, '2027-06-10', true, 'Tue; Wed 9 端午节 off; Thu 10'],
  ['2027-09-14', 1, '2027-09-16', true, 'Tue; Wed 15 中秋节 off; Thu 16'],
  ['2027-09-30', 1, '2027-10-04', true, 'Thu; 国庆节 Fri 1 to Sun 3 off; Mon 4'],
  ['2027-12-31', 1, '2028-01-03', true, 'Fri; 元旦 Sat 1, Sun 2; Mon 3'],
  ['2028-01-24', 2, '2028-02-01', true, 'Mon; 春节 除夕 Tue 25 to 初三 Fri 28 off, weekend; Mon 31, Tue 1 Feb'],
  ['2028-04-03', 1, '2028-04-05', true, 'Mon; Tue 4 清明节 off; Wed 5'],
  ['2028-04-28', 1, '2028-05-03', true, 'Fri; weekend, 劳动节 Mon 1 and Tue 2 off; Wed 3'],
  ['2028-05-26', 1, '2028-05-29', true, 'Fri; 端午节 is Sun 28 (a weekend day anyway); Mon 29'],
  ['2028-09-29', 1, '2028-10-04', true, 'Fri; weekend 30 Sep and 1 Oct, Mon 2 and Tue 3 (国庆节, 3 Oct also 中秋节) off; Wed 4'],
];

test('the oracle gives the hand-worked due dates and provisional flags', () => {
  assert.ok(EXAMPLES.length > 0);
  for (const [receipt, n, due, provisional, how] of EXAMPLES) {
    assert.deepEqual(addWorkingDays(receipt, n), { due, provisional }, `${receipt} + ${n}: ${how}`);
  }
  // Zero days: the day itself.
  assert.deepEqual(addWorkingDays('2026-12-31', 0), { due: '2026-12-31', provisional: false });
});

test('the oracle counts working days between two dates, provisional past the data', () => {
  // (2025-10-14, 2025-10-17]: Wed 15, Thu 16, Fri 17.
  assert.deepEqual(workingDaysBetween('2025-10-14', '2025-10-17'), { count: 3, provisional: false });
  // (2026-12-24, 2027-01-04]: Fri 25, Mon 28 to Thu 31 (4), 元旦 off, Mon 4: 6; 26 Dec on not covered.
  assert.deepEqual(workingDaysBetween('2026-12-24', '2027-01-04'), { count: 6, provisional: true });
  // (2026-02-13, 2026-02-28]: Sat 14 (make-up), 春节 15–23, Tue 24 to Fri 27, Sat 28 (make-up): 6.
  assert.deepEqual(workingDaysBetween('2026-02-13', '2026-02-28'), { count: 6, provisional: false });
  assert.deepEqual(workingDaysBetween('2026-02-28', '2026-02-28'), { count: 0, provisional: false });
});

test('the oracle knows the covered dates and refuses years it was not given', () => {
  assert.equal(isCovered('2026-12-25'), true);
  assert.equal(isCovered('2026-12-26'), false, 'the 2027 arrangement could reach back');
  assert.equal(isCovered('2025-12-31'), true, 'the 2026 arrangement is in the data');
  assert.equal(isCovered('2027-06-01'), false);
  assert.equal(isWorkingDay('2026-01-04'), true, 'Sunday, make-up working day');
  assert.equal(isWorkingDay('2026-10-07'), false, '国庆节 2026: 1–7 October');
  assert.equal(isWorkingDay('2026-10-08'), true, 'Thursday after 国庆节');
  assert.equal(isWorkingDay('2027-05-03'), true, 'no 补假 in the fallback');
  assert.throws(() => isWorkingDay('2029-01-02'), /2029 added by hand/);
  assert.throws(() => addWorkingDays('2024-12-31', 1), /2024 added by hand/);
});
