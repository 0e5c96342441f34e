// POST /api/v1/records (Art. 11–13, 31, 32): validated, atomic, idempotent, with provenance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError, token, freshUscc, shanghaiToday, iso, addDays, RUN, d1 } from './lib.mjs';

const provider = () => token('provider', '--provider', '贵阳市市场监督管理局');
const today = shanghaiToday();

function record(code, doc, extra = {}) {
  return {
    subject: { code, name: `贵阳报送测试${doc}有限公司` },
    item_code: 'PEN-GENERAL',
    document_number: doc,
    title: '罚款人民币一千元',
    legal_basis: '《中华人民共和国产品质量法》第四十九条',
    decision_date: iso(addDays(today, -10)),
    act_end_date: iso(addDays(today, -20)),
    penalty_types: ['fine'],
    ...extra,
  };
}

test('a valid batch is written, searchable at once, and idempotent per provider + document number', async () => {
  const code = freshUscc('A');
  const body = { records: [record(code, `INGEST-OK-1-${RUN}`)] };
  const first = await api('/api/v1/records', { token: provider(), method: 'POST', body });
  assert.equal(first.status, 201, first.text);
  assert.deepEqual(first.json, { created: 1, updated: 0, unchanged: 0 });
  const again = await api('/api/v1/records', { token: provider(), method: 'POST', body });
  assert.deepEqual(again.json, { created: 0, updated: 0, unchanged: 1 });
  const changed = await api('/api/v1/records', { token: provider(), method: 'POST',
    body: { records: [record(code, `INGEST-OK-1-${RUN}`, { title: '罚款人民币二千元', change_reason: '更正罚款金额' })] } });
  assert.deepEqual(changed.json, { created: 0, updated: 1, unchanged: 0 });
  const found = await api(`/api/v1/subjects?q=${code}`);
  assert.equal(found.json.items[0].code, code);
  const records = await api(`/api/v1/subjects/${code}/records`);
  assert.equal(records.json.items.length, 1);
  assert.equal(records.json.items[0].title, '罚款人民币二千元');
  const byName = await api(`/api/v1/subjects?q=${encodeURIComponent(`报送测试INGEST-OK-1-${RUN}`)}`);
  assert.equal(byName.json.items[0]?.code, code, 'the name index is maintained at ingest');
});

test('a batch with one invalid record changes nothing and names every problem', async () => {
  const good = freshUscc('B');
  const body = { records: [
    record(good, `INGEST-ATOMIC-1-${RUN}`),
    record('91520102MA6000000X', `INGEST-ATOMIC-2-${RUN}`),
    record(good, `INGEST-ATOMIC-3-${RUN}`, { item_code: 'NOT-IN-CATALOG' }),
    record(good, `INGEST-ATOMIC-4-${RUN}`, { extra_fields: { blood_type: 'A' } }),
    record(good, `INGEST-ATOMIC-5-${RUN}`, { extra_fields: { income: '100000' } }),
  ] };
  const r = await api('/api/v1/records', { token: provider(), method: 'POST', body });
  assertError(r, 400, 'batch_rejected');
  const byIndex = Object.groupBy(r.json.details, (d) => d.index);
  assert.equal(byIndex[1][0].code, 'invalid_identifier');
  assert.equal(byIndex[2][0].field, 'item_code');
  assert.equal(byIndex[3][0].code, 'forbidden_personal_data');
  assert.equal(byIndex[4][0].code, 'consent_required');
  assert.equal(byIndex[0], undefined, 'the valid record has no problem');
  const search = await api(`/api/v1/subjects?q=${good}`);
  assert.deepEqual(search.json.items, [], 'nothing of the batch was written');
});

test('Art. 32 ¶2: restricted personal data is accepted with recorded written consent', async () => {
  const code = freshUscc('C');
  const r = await api('/api/v1/records', { token: provider(), method: 'POST',
    body: { records: [record(code, `INGEST-CONSENT-${RUN}`, { extra_fields: { income: '100000' }, written_consent: true })] } });
  assert.equal(r.status, 201, r.text);
});

test('only data providers may submit', async () => {
  const body = { records: [record(freshUscc('D'), `INGEST-ROLE-${RUN}`)] };
  assertError(await api('/api/v1/records', { method: 'POST', body }), 401, 'invalid_token');
  const subject = token('subject', '--subject', '91520115MA6000008B');
  assertError(await api('/api/v1/records', { token: subject, method: 'POST', body }), 403, 'forbidden');
});

test('malformed bodies get their documented 4xx', async () => {
  const t = provider();
  assertError(await api('/api/v1/records', { token: t, method: 'POST', body: '{"records": [', raw: true }), 400, 'invalid_body');
  assertError(await api('/api/v1/records', { token: t, method: 'POST', body: { records: [], extra: 1 } }), 400, 'invalid_body');
  assertError(await api('/api/v1/records', { token: t, method: 'POST', body: { records: [] } }), 400, 'invalid_parameter');
  assertError(await api('/api/v1/records', { token: t, method: 'POST', body: 'records=1', raw: true,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 415, 'unsupported_media_type');
  const huge = JSON.stringify({ records: [record('x', 'y', { content: '信'.repeat(400_000) })] });
  assertError(await api('/api/v1/records', { token: t, method: 'POST', body: huge, raw: true }), 413, 'body_too_large');
  const unknownField = { records: [{ ...record(freshUscc('E'), `INGEST-UNKNOWN-${RUN}`), religion: 'x' }] };
  assertError(await api('/api/v1/records', { token: t, method: 'POST', body: unknownField }), 400, 'invalid_body');
});

test('a resident ID that also checks as a USCC is stored as a natural person, never as a public code', async () => {
  // 520102197210315978 passes both the GB 11643 and the GB 32100 check (about one Guizhou ID
  // in 31 does): taken for an organisation, the ID number would become the public code.
  const id = '520102197210315978';
  const body = { records: [{ ...record(id, `INGEST-AMBIGUOUS-${RUN}`, { item_code: 'JUD-NONFULFILMENT', penalty_types: [] }), subject: { code: id, name: `测试双码人${RUN}` } }] };
  const r = await api('/api/v1/records', { token: token('provider', '--provider', '贵阳市中级人民法院'), method: 'POST', body });
  assert.ok(r.status === 201 || r.status === 200, r.text);
  const rows = d1(`SELECT code, natural_person FROM subjects WHERE id_number = '${id}' OR code = '${id}'`);
  assert.equal(rows.length, 1);
  // The region of first registration (the ID's first six digits, which its public mask
  // shows too), then a random handle: the code names its shard (issue 14), nothing more.
  assert.match(rows[0].code, /^np-520102-[0-9a-f]{16}$/, 'the public code of a natural person is its region and a random handle');
  assert.equal(rows[0].natural_person, 1);
});
