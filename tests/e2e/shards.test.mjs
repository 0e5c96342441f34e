// Province scale (issue 14): the same worker on one database or on one per region. These
// tests hold in both layouts; `cargo xtask test` runs them on one database and again on
// three shards (`[env.shards]` in edge/wrangler.toml: Guiyang 5201 with the directory in
// `DB`, Zunyi 5203 in `DB_ZUNYI`, every other region in `DB_REST`). With shards, they also
// look behind the worker's back at which database holds what.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, token, d1, uscc, RUN, NEEDS_STATE } from './lib.mjs';
import { daysAgo } from './workflows_lib.mjs';

const SHARDED = Boolean(process.env.SHARDED);
const DEPT = `分库测试市场监督管理局${RUN}`;
const provider = token('provider', '--provider', DEPT);
const admin = token('admin');

/** A fresh organisation of this run registered in `region` (GB/T 2260). */
const org = (tag, region, place) => ({ code: uscc('9', '1', region, `${tag}${RUN}`), name: `${place}分库${tag}${RUN}商贸有限公司` });

const GUIYANG = org('A', '520102', '贵阳');
const ZUNYI = org('B', '520302', '遵义');
const ANSHUN = org('C', '520402', '安顺');

const penalty = (subject, doc) => ({
  subject, item_code: 'PEN-GENERAL', document_number: doc, title: '警告', legal_basis: '《测试法》第一条',
  decision_date: daysAgo(10), act_end_date: daysAgo(12), penalty_types: ['warning'],
});

const DATABASES = SHARDED ? ['DB', 'DB_ZUNYI', 'DB_REST'] : ['DB'];

/** Where subjects are: for each code, the databases that hold it (one query per database). */
function holders(codes) {
  const found = Object.fromEntries(codes.map((code) => [code, []]));
  for (const database of DATABASES) {
    const list = codes.map((c) => `'${c}'`).join(',');
    for (const { code } of d1(`SELECT code FROM subjects WHERE code IN (${list})`, { database })) found[code].push(database);
  }
  return found;
}

test('a batch naming subjects of three prefectures is written whole, each subject in the database of its region', async () => {
  const docs = ['A', 'B', 'C'].map((t) => `SH-${RUN}-${t}`);
  const r = await api('/api/v1/records', { token: provider, method: 'POST', body: { records: [
    penalty(GUIYANG, docs[0]), penalty(ZUNYI, docs[1]), penalty(ANSHUN, docs[2]),
  ] } });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json, { created: 3, updated: 0, unchanged: 0 });

  // Each profile is read from its own database, with its own record.
  const ids = [];
  for (const [subject, doc] of [[GUIYANG, docs[0]], [ZUNYI, docs[1]], [ANSHUN, docs[2]]]) {
    const records = await api(`/api/v1/subjects/${subject.code}/records?class=administrative_penalty`, { token: admin });
    assert.equal(records.status, 200, records.text);
    assert.deepEqual(records.json.items.map((x) => x.document_number), [doc], subject.name);
    ids.push(records.json.items[0].id);
  }
  // Record ids name one record in the whole province: objections and withdrawals use them.
  assert.equal(new Set(ids).size, 3, `record ids are unique across databases: ${ids}`);

  if (!NEEDS_STATE && SHARDED) {
    assert.deepEqual(holders([GUIYANG.code, ZUNYI.code, ANSHUN.code]),
      { [GUIYANG.code]: ['DB'], [ZUNYI.code]: ['DB_ZUNYI'], [ANSHUN.code]: ['DB_REST'] });
  }
});

test('a name search asks every database and merges; a region filter asks only its own', async () => {
  // The three names share the run's tag: one query finds them wherever they are.
  const all = await api(`/api/v1/subjects?q=${encodeURIComponent(`分库 ${RUN}`)}`);
  assert.equal(all.status, 200, all.text);
  assert.deepEqual(all.json.items.map((x) => x.code).sort(), [GUIYANG.code, ZUNYI.code, ANSHUN.code].sort());
  assert.equal(all.json.total, 3);
  const zunyi = await api(`/api/v1/subjects?q=${encodeURIComponent(`分库 ${RUN}`)}&region=5203`);
  assert.equal(zunyi.status, 200, zunyi.text);
  assert.deepEqual(zunyi.json.items.map((x) => x.code), [ZUNYI.code]);
  const byCode = await api(`/api/v1/subjects?q=${ANSHUN.code}`);
  assert.deepEqual(byCode.json.items.map((x) => x.code), [ANSHUN.code]);
  if (SHARDED) {
    // A filtered search read one database; the unfiltered one read all three.
    assert.ok(Number(zunyi.headers.get('x-d1-round-trips')) < Number(all.headers.get('x-d1-round-trips')),
      `round trips: region ${zunyi.headers.get('x-d1-round-trips')}, all ${all.headers.get('x-d1-round-trips')}`);
  }
});

test('a place name held mostly by one database pages through the whole window, reading at most 300 rows', async () => {
  // 遵义 is in the names of Zunyi's enterprises, nearly all in DB_ZUNYI when sharded. The
  // search still pages its first 90 matches (MAX_RESULT_WINDOW), each once: each database
  // is asked for keys in proportion to the names it holds, not an equal share that would
  // stop the merge at Zunyi's 31st (issue 14: at most 300 rows over all shards).
  const seen = new Set();
  for (let page = 1; page <= 5; page++) {
    const r = await api(`/api/v1/subjects?q=${encodeURIComponent('遵义')}&page=${page}&page_size=18`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.total, 90, `page ${page}: total ${r.json.total}`);
    assert.equal(r.json.total_is_estimate, true);
    assert.equal(r.json.items.length, 18, `page ${page}`);
    for (const item of r.json.items) {
      assert.ok(item.name.includes('遵义'), item.name);
      assert.ok(!seen.has(item.code), `${item.code} twice`);
      seen.add(item.code);
    }
    const rows = Number(r.headers.get('x-d1-rows-read'));
    assert.ok(rows <= 300, `page ${page}: ${rows} rows read`);
  }
  assert.equal(seen.size, 90);
});

test('a batch that fails in its last database is completed by sending it again, and nothing is written twice', async () => {
  const first = org('D', '520103', '贵阳');
  const second = org('E', '520303', '遵义');
  const docs = [`SH-${RUN}-D`, `SH-${RUN}-E`];
  const batch = { records: [penalty(first, docs[0]), penalty(second, docs[1])] };
  // The injected failure hits the last part's first statement (a test-only header).
  const failed = await api('/api/v1/records', { token: provider, method: 'POST', body: batch,
    headers: { 'X-Test-Fault-Statement': '1' } });
  assert.equal(failed.status, 500, failed.text);
  assert.equal(failed.json.code, 'internal');
  const profile = async (s) => (await api(`/api/v1/subjects/${s.code}`, { token: admin })).status;
  // One database: the batch was one transaction, and nothing is written. Shards: the
  // Guiyang part was written before the Zunyi part failed.
  assert.equal(await profile(first), SHARDED ? 200 : 404);
  assert.equal(await profile(second), 404);

  const retried = await api('/api/v1/records', { token: provider, method: 'POST', body: batch });
  assert.equal(retried.status, 201, retried.text);
  assert.deepEqual(retried.json, SHARDED ? { created: 1, updated: 0, unchanged: 1 } : { created: 2, updated: 0, unchanged: 0 });
  for (const [subject, doc] of [[first, docs[0]], [second, docs[1]]]) {
    const records = await api(`/api/v1/subjects/${subject.code}/records`, { token: admin });
    assert.deepEqual(records.json.items.map((x) => x.document_number), [doc]);
  }
  if (!NEEDS_STATE) {
    const held = DATABASES.flatMap((database) => d1(`SELECT document_number AS doc FROM records
      WHERE provider = '${DEPT}' AND document_number IN ('${docs[0]}', '${docs[1]}')`, { database }).map((r) => r.doc));
    assert.deepEqual(held.sort(), docs, 'each number is held once in the province');
  }
});

test('after a shard split, a database numbers its new rows above the floor the split left', {
  skip: NEEDS_STATE,
}, async () => {
  // A split moved Zunyi's newest subjects out and deleted them here; their ids must not be
  // given again, since the new shard holds them (migration 0011_id_floor.sql). The split
  // writes the largest id given as the floor, which may be above every id left. (One
  // database has no id base: it numbers from 0, and takes a floor the same way.)
  const database = SHARDED ? 'DB_ZUNYI' : 'DB';
  const [{ base }] = d1('SELECT coalesce(max(base), 0) AS base FROM shard_identity', { database });
  const [{ largest }] = d1(`SELECT coalesce(max(id), ${base}) AS largest FROM records WHERE id > ${base}`, { database });
  const floor = largest + 1_000_000;
  d1(`INSERT INTO shard_identity (only, binding, base, floor) VALUES (1, '${database}', ${base}, ${floor})
    ON CONFLICT (only) DO UPDATE SET floor = excluded.floor`, { database });
  // The local D1 drops the first write after its file was changed by another process (a
  // closed connection, not an answer): a read lets it pick the change up first.
  assert.equal((await api(`/api/v1/subjects/${ZUNYI.code}`, { token: admin })).status, 200);
  const subject = org('H', '520303', '遵义');
  const r = await api('/api/v1/records', { token: provider, method: 'POST', body: { records: [
    penalty(subject, `SH-${RUN}-H`)] } });
  assert.equal(r.status, 201, r.text);
  const records = await api(`/api/v1/subjects/${subject.code}/records`, { token: admin });
  const id = records.json.items[0].id;
  assert.ok(id > floor && id < base + 2 ** 28, `record id ${id} is above the floor ${floor}, within the range`);
  const [held] = d1(`SELECT id FROM subjects WHERE code = '${subject.code}'`, { database });
  assert.ok(held.id > floor, `subject id ${held.id} is above the floor`);
});

test('an objection to a record of another database is filed, marked and followed there', async () => {
  const records = await api(`/api/v1/subjects/${ZUNYI.code}/records`, { token: admin });
  const record = records.json.items[0];
  const subject = token('subject', '--subject', ZUNYI.code);
  const filed = await api('/api/v1/objections', { token: subject, method: 'POST', body: {
    record_id: record.id, objector: { name: '遵义某公司', contact: '0851-00000000' }, reason: '处罚决定已被复议撤销，应更正。' } });
  assert.equal(filed.status, 201, filed.text);
  const status = await api(`/api/v1/objections/${filed.json.id}`, { token: subject });
  assert.equal(status.status, 200, status.text);
  assert.equal(status.json.record_id, record.id);
  const after = await api(`/api/v1/subjects/${ZUNYI.code}/records`, { token: admin });
  assert.equal(after.json.items[0].under_objection, true, 'the record shows the mark at once');
  if (!NEEDS_STATE && SHARDED) {
    const held = d1(`SELECT count(*) AS n FROM objections WHERE id = '${filed.json.id}'`, { database: 'DB_ZUNYI' });
    assert.deepEqual(held, [{ n: 1 }], 'the objection is kept with its record');
  }
});

test('a record moves only to a subject of the same database; otherwise it is withdrawn and filed again', async () => {
  const doc = `SH-${RUN}-F`;
  const wrong = org('F', '520102', '贵阳');
  await api('/api/v1/records', { token: provider, method: 'POST', body: { records: [penalty(wrong, doc)] } });
  const records = await api(`/api/v1/subjects/${wrong.code}/records`, { token: admin });
  const record = records.json.items[0];
  const moved = await api(`/api/v1/records/${record.id}/subject`, { token: provider, method: 'POST', body: {
    subject: ANSHUN, reason: '误将安顺企业的处罚记录报送至贵阳企业名下。' } });
  if (SHARDED) {
    assert.equal(moved.status, 409, moved.text);
    assert.equal(moved.json.code, 'conflict');
    assert.match(moved.json.message_en, /withdraw/);
  } else {
    assert.equal(moved.status, 200, moved.text);
  }
});

test('a batch refused in one database writes nothing in the others, and names the record by its place in the batch', async () => {
  // The Zunyi record reuses a number this department holds for the Guiyang subject of the
  // first test: refused (the number is the department's once in the province), and the new
  // Guiyang subject of the same batch is not written either, although its part was fine.
  const fresh = org('G', '520111', '贵阳');
  const r = await api('/api/v1/records', { token: provider, method: 'POST', body: { records: [
    penalty(fresh, `SH-${RUN}-G`), penalty(ZUNYI, `SH-${RUN}-A`),
  ] } });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.code, 'document_number_in_use');
  assert.deepEqual(r.json.details.map((d) => d.index), [1], 'the second record of the batch');
  assert.equal((await api(`/api/v1/subjects/${fresh.code}`, { token: admin })).status, 404, 'nothing of the batch was written');
});

test("another department's record is not found, whatever subject it is to be moved to", async () => {
  const records = await api(`/api/v1/subjects/${GUIYANG.code}/records`, { token: admin });
  const record = records.json.items[0];
  const other = token('provider', '--provider', `另一部门${RUN}`);
  for (const subject of [ZUNYI, GUIYANG]) {
    const moved = await api(`/api/v1/records/${record.id}/subject`, { token: other, method: 'POST', body: {
      subject, reason: '试图改挂他人记录。' } });
    assert.equal(moved.status, 404, moved.text);
  }
});
