// Unit tests of the batch page's CSV reading, writing and column mapping (node --test src/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseCsv, toCsv, rowsToRecords, mapColumns } from './csv.js';

test('quoted fields hold commas, quotes and line breaks; CRLF, LF and CR end rows', () => {
  const text = '\ufeffid,name\r\n1,"PUTIN, Vladimir"\r\n2,"say ""hi"""\n3,"two\r\nlines"\r4,plain';
  assert.deepEqual(parseCsv(text), [
    ['id', 'name'],
    ['1', 'PUTIN, Vladimir'],
    ['2', 'say "hi"'],
    ['3', 'two\r\nlines'],
    ['4', 'plain'],
  ]);
});

test('blank lines are skipped, empty fields kept', () => {
  assert.deepEqual(parseCsv('a,b\n\n,\n"",x\n\n'), [
    ['a', 'b'],
    ['', ''],
    ['', 'x'],
  ]);
});

test('an unterminated quote is an error', () => {
  assert.throws(() => parseCsv('a\n"open'), /unterminated/);
});

test('toCsv quotes what needs quoting and parses back', () => {
  const rows = [
    ['id', 'caption'],
    ['x', 'PUTIN, Vladimir "V"'],
    ['y', 'Владимир\nПутин'],
  ];
  const text = toCsv(rows);
  assert.equal(text.split('\r\n')[1], 'x,"PUTIN, Vladimir ""V"""');
  assert.deepEqual(parseCsv(text), rows);
});

test('known columns map to FtM properties, others are ignored', () => {
  const m = mapColumns(['ID', 'Full Name', 'DOB', 'Country', 'IMO', 'Schema', 'branch']);
  assert.equal(m.idColumn, 0);
  assert.equal(m.schemaColumn, 5);
  assert.deepEqual(
    m.columns.map((c) => c.property),
    ['name', 'birthDate', 'country', 'imoNumber'],
  );
  assert.deepEqual(m.ignored, ['branch']);
});

test('the sample customer file becomes queries, bad rows become row errors', () => {
  const sample = readFileSync(new URL('../../data/samples/customers.csv', import.meta.url), 'utf8');
  const { records } = rowsToRecords(parseCsv(sample));
  assert.equal(records.length, 12);
  assert.deepEqual(records[0], {
    row: 1,
    id: 'c01',
    name: 'PUTIN, Vladimir Vladimirovich',
    query: {
      schema: 'Person',
      properties: {
        name: ['PUTIN, Vladimir Vladimirovich'],
        birthDate: ['1952-10-07'],
        nationality: ['RU'],
      },
    },
  });
  assert.deepEqual(records[8].query.properties.imoNumber, ['IMO 1011551']);

  const bad = rowsToRecords(parseCsv('id,name,schema,dob\na,,Person,1970\nb,X,Robot,\nc,Y\n'));
  assert.match(bad.records[0].error, /no name/);
  assert.match(bad.records[1].error, /not a schema/);
  assert.match(bad.records[2].error, /2 fields/);
});
