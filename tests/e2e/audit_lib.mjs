// The audit files' common ground (workflows_audit*.test.mjs): an organisation with records,
// refused queries that make fresh entries to tamper with, and the append-only triggers in
// place after each file. The tamper tests are split over two files: each walks the whole
// chain several times, and a file has the runner's per-test time limit.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError, token, d1 } from './lib.mjs';
import { submit, freshOrg, RUN, daysAgo, triggerSql } from './workflows_lib.mjs';

export const ORG = freshOrg('A', '审计');
export const DEPT = '审计测试市场监管局';
export const sql = (v) => (v === null ? 'NULL' : `'${String(v).replaceAll("'", "''")}'`);
export const insertRow = (row) => {
  const columns = Object.keys(row);
  return `INSERT INTO audit_log (${columns.join(', ')}) VALUES (${columns.map((c) => sql(row[c])).join(', ')})`;
};

/** Registers the file's setup (ORG and its records) and its check that the log is append-only again. */
export function auditFile() {
  before(async () => {
    await submit(DEPT, ORG, [
      { item_code: 'LIC-PERMIT', document_number: `AUD-${RUN}-1`, title: '许可', decision_date: daysAgo(30) },
      { item_code: 'PEN-GENERAL', document_number: `AUD-${RUN}-2`, title: '罚款', decision_date: daysAgo(30), act_end_date: daysAgo(31), penalty_types: ['fine'] },
    ]);
  });
  after(() => {
    // Whatever happened above, the next files run with the log append-only.
    for (const name of ['audit_log_no_update', 'audit_log_no_delete']) assert.ok(triggerSql(name), `${name} in place after the file`);
  });
}

/** A refused agency query of ORG by a staff member of its own: one new `refused` entry. */
export async function refusedEntry(staff) {
  const agency = token('agency', '--agency', `审计测试局${RUN}`, '--matter', 'administrative_licensing', '--staff', staff);
  assertError(await api(`/api/v1/subjects/${ORG.code}?matter=land_transfer`, { token: agency }), 403, 'forbidden');
  const [entry] = d1(`SELECT * FROM audit_log WHERE viewer = '${staff}'`);
  assert.ok(entry, `the refusal of ${staff} is logged`);
  return entry;
}
