// Unit tests of the alerts page's pure parts: filters <-> query and hash, the side-by-side rows of
// a customer and a listed entity, list version changes, decisions and uploads as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseFilters,
  alertsQuery,
  alertsHash,
  formatInstant,
  customerLabel,
  entityCaption,
  decisionText,
  parseListVersions,
  listChanges,
  versionsSentence,
  comparisonRows,
  bookContentType,
  uploadSummary,
  kindLabel,
} from './alerts.js';

test('filters: defaults, normalisation, and unknown values dropped', () => {
  assert.deepEqual(parseFilters(new URLSearchParams('')), { book: '', status: 'open', kind: '', since: '' });
  assert.deepEqual(
    parseFilters(new URLSearchParams('book=demo&status=decided&kind=cleared_match&since=2026-12-01')),
    { book: 'demo', status: 'decided', kind: 'cleared_match', since: '2026-12-01' },
  );
  assert.deepEqual(
    parseFilters(new URLSearchParams('status=bogus&kind=maybe&since=yesterday&book=%20b%20')),
    { book: 'b', status: 'open', kind: '', since: '' },
  );
  assert.equal(parseFilters(new URLSearchParams('status=all')).status, 'all');
});

test('the GET /alerts query: only the filters set, "all" sends no status, values encoded', () => {
  assert.equal(alertsQuery({ book: '', status: 'open', kind: '', since: '' }), '/alerts?status=open&limit=500');
  assert.equal(alertsQuery({ book: '', status: 'all', kind: '', since: '' }, 0), '/alerts?limit=0');
  assert.equal(
    alertsQuery({ book: 'a&b c', status: 'decided', kind: 'new_match', since: '2026-01-02' }, 10),
    '/alerts?book=a%26b+c&status=decided&kind=new_match&since=2026-01-02&limit=10',
  );
});

test('the hash: open is the default, all is kept, the alert id is a path segment', () => {
  assert.equal(alertsHash({ book: '', status: 'open', kind: '', since: '' }), '#/alerts');
  assert.equal(alertsHash({ book: 'demo', status: 'all', kind: '', since: '' }), '#/alerts?book=demo&status=all');
  assert.equal(alertsHash({ book: 'demo', status: 'decided', kind: '', since: '' }, 7), '#/alerts/7?book=demo&status=decided');
  assert.equal(alertsHash({ book: '', status: 'open', kind: '', since: '' }, 0), '#/alerts/0');
  // Round trip through the router's parsing.
  const f = { book: 'x.y', status: 'all', kind: 'changed_match', since: '2026-12-07' };
  const query = alertsHash(f, 3).split('?')[1];
  assert.deepEqual(parseFilters(new URLSearchParams(query)), f);
});

test('instants, kinds, customers, captions and decisions as text', () => {
  assert.equal(formatInstant('2026-12-07T05:21:40Z'), '2026-12-07 05:21 UTC');
  assert.equal(formatInstant('2026-12-07T05:21:40.123Z'), '2026-12-07 05:21 UTC');
  assert.equal(formatInstant('2026-12-07'), '2026-12-07');
  assert.equal(formatInstant(''), '—');
  assert.equal(kindLabel('changed_match'), 'Changed match');
  assert.equal(kindLabel('other_kind'), 'other kind');

  const alert = {
    customer_id: 'c01',
    entity_id: 'us_ofac_sdn:35096',
    explanation: { match: { caption: 'PUTIN, Vladimir Vladimirovich', explanation: { query_name: 'Vladimir Putin' } } },
  };
  assert.deepEqual(customerLabel(alert), { id: 'c01', name: 'Vladimir Putin' });
  assert.equal(entityCaption(alert), 'PUTIN, Vladimir Vladimirovich');
  assert.equal(entityCaption({ entity_id: 'x:1', explanation: { summary: '' } }), 'x:1');
  assert.deepEqual(customerLabel({ customer_id: 'c9' }), { id: 'c9', name: '' });

  assert.equal(
    decisionText({ as: 'false_positive', reason: 'other birth date', by: 'ana', at: '2026-12-07T05:30:00Z' }),
    'False positive (by ana, 2026-12-07 05:30 UTC): other birth date',
  );
  assert.equal(decisionText({ as: 'true_match', reason: 'same IMO' }), 'True match: same IMO');
  assert.equal(decisionText(undefined), '');
});

test('list versions: parsed, and only the sources that changed', () => {
  assert.deepEqual([...parseListVersions('a@1, b@2,,c')], [['a', '1'], ['b', '2'], ['c', '']]);
  assert.deepEqual(listChanges('eu_fsf@1,us_ofac_sdn@1', 'eu_fsf@1,us_ofac_sdn@2,un_sc@1'), [
    { source: 'un_sc', before: '', after: '1' },
    { source: 'us_ofac_sdn', before: '1', after: '2' },
  ]);
  assert.deepEqual(listChanges('a@1', 'a@1'), []);
  assert.deepEqual(listChanges('', ''), []);
});

test('versions as a sentence: first screening, list changes, book change only', () => {
  assert.equal(
    versionsSentence({ lists_before: '', lists_after: 'a@1,b@2', book_before: 0, book_after: 1 }),
    'Book version none → 1. First screening of the book, on 2 list versions.',
  );
  assert.equal(
    versionsSentence({ lists_before: 'a@1,b@1', lists_after: 'a@1,b@2', book_before: 1, book_after: 1 }),
    'Book version 1 → 1. Lists changed: b 1 → 2.',
  );
  assert.equal(
    versionsSentence({ lists_before: 'a@1', lists_after: 'a@1', book_before: 1, book_after: 2 }),
    'Book version 1 → 2. Lists unchanged.',
  );
  assert.equal(versionsSentence(undefined), 'Book version none → —. First screening of the book, on 0 list versions.');
});

test('the customer and the listed entity side by side', () => {
  const customer = {
    id: 'c09',
    schema: 'Vessel',
    names: ['Graceful'],
    countries: ['ru'],
    identifiers: [['imo', 'IMO 1011551']],
  };
  const match = {
    id: 'us_ofac_sdn:37444',
    caption: 'GRACEFUL',
    schema: 'Vessel',
    properties: { name: ['GRACEFUL'], flag: ['ru'], callSign: ['UBGV8'], imoNumber: ['1011551'], topics: ['sanction'] },
    sanctions: [
      { regime: 'us', authority: 'OFAC', program: 'RUSSIA-EO14024', list: 'SDN' },
      { regime: 'us', authority: 'OFAC', program: 'RUSSIA-EO14024', list: 'SDN' },
    ],
    ownership: { us: 'listed', eu: 'clear' },
  };
  const rows = Object.fromEntries(comparisonRows(customer, match).map((r) => [r.field, [r.customer, r.entity]]));
  assert.deepEqual(Object.keys(rows), ['Id', 'Type', 'Names', 'Countries', 'Identifiers', 'Programmes', 'Ownership status']);
  assert.deepEqual(rows.Id, [['c09'], ['us_ofac_sdn:37444']]);
  assert.deepEqual(rows.Names, [['Graceful'], ['GRACEFUL']]);
  assert.deepEqual(rows.Countries, [['RU'], ['RU']]);
  assert.deepEqual(rows.Identifiers, [['imo: IMO 1011551'], ['imo: 1011551', 'call sign: UBGV8']]);
  assert.deepEqual(rows.Programmes, [[], ['OFAC RUSSIA-EO14024 SDN']]);
  assert.deepEqual(rows['Ownership status'], [[], ['US listed', 'EU clear']]);

  const person = comparisonRows(
    { id: 'c01', schema: 'Person', names: ['PUTIN, Vladimir'], birth_dates: ['1952-10-07'] },
    { id: 'e', schema: 'Person', properties: { name: ['PUTIN'], alias: ['V. Putin'], birthDate: ['1952-10-07'], nationality: ['ru'] } },
  );
  assert.deepEqual(
    person.map((r) => r.field),
    ['Id', 'Type', 'Names', 'Other names', 'Birth dates', 'Countries'],
  );
  assert.deepEqual(person.find((r) => r.field === 'Countries'), { field: 'Countries', customer: [], entity: ['RU'] });
  // Nothing known on either side: no rows, no crash.
  assert.deepEqual(comparisonRows(undefined, undefined), []);
});

test('an uploaded file goes as CSV or JSON lines', () => {
  assert.equal(bookContentType('customers.csv', '{"id": 1}'), 'text/csv');
  assert.equal(bookContentType('customers.JSONL', 'id,name'), 'application/x-ndjson');
  assert.equal(bookContentType('book.ndjson', ''), 'application/x-ndjson');
  assert.equal(bookContentType('book.txt', '  {"id":"a"}'), 'application/x-ndjson');
  assert.equal(bookContentType('book', 'id,name\n'), 'text/csv');
});

test('an upload summarised', () => {
  assert.equal(
    uploadSummary({
      book: { name: 'demo', version: 1, customers: 12 },
      version: { version: 1, unchanged: false, customers: 12, added: 12, changed: 0, removed: 0 },
      alerts: { new: 23, changed: 0, cleared: 0, ids: [] },
    }),
    'Book demo version 1: 12 customers (12 added, 0 changed, 0 removed). Alerts raised: 23 new, 0 changed, 0 cleared.',
  );
  assert.match(
    uploadSummary({ book: { name: 'demo', version: 1, customers: 12 }, version: { version: 1, unchanged: true }, alerts: {} }),
    /version 1: 12 customers \(unchanged\)\. Alerts raised: 0 new/,
  );
});
