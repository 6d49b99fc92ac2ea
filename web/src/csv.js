// CSV reading and writing for the batch page, and the mapping of a customer file's columns to
// FollowTheMoney (FtM) query properties as POST /match reads them.
//
// parseCsv follows RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; rows end
// with CRLF, LF or CR; a UTF-8 byte order mark is skipped; blank lines are skipped. An
// unterminated quoted field is an error (the rest of the file could not be read reliably).

/** Splits CSV text into rows of fields. Throws Error on an unterminated quoted field. */
export function parseCsv(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows = [];
  let row = [];
  let field = '';
  let i = 0;
  let quoted = false; // inside a quoted field
  let fieldStarted = false; // the current row has at least one field (blank-line detection)
  const n = text.length;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    // A row made of one empty field is a blank line.
    if (!(row.length === 1 && row[0] === '' && !fieldStarted)) rows.push(row);
    row = [];
    fieldStarted = false;
  };
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      field += c;
      i += 1;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      fieldStarted = true;
      i += 1;
    } else if (c === ',') {
      fieldStarted = true;
      endField();
      i += 1;
    } else if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      fieldStarted = true;
      i += 1;
    }
  }
  if (quoted) throw new Error('unterminated quoted field at the end of the file');
  if (field !== '' || row.length > 0 || fieldStarted) endRow();
  return rows;
}

/** Quotes one CSV field when it needs it. */
export function csvField(value) {
  const s = value === undefined || value === null ? '' : String(value);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows (arrays of values) to CSV text with CRLF line ends. */
export function toCsv(rows) {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

// Column names (lower case, spaces and '-' as '_') to FtM properties. "id" and "schema" are
// not properties: they name the row and the query's schema.
const COLUMN_PROPERTIES = {
  name: 'name',
  full_name: 'name',
  fullname: 'name',
  alias: 'alias',
  aliases: 'alias',
  weak_alias: 'weakAlias',
  weakalias: 'weakAlias',
  previous_name: 'previousName',
  previousname: 'previousName',
  first_name: 'firstName',
  firstname: 'firstName',
  given_name: 'firstName',
  middle_name: 'middleName',
  middlename: 'middleName',
  last_name: 'lastName',
  lastname: 'lastName',
  family_name: 'lastName',
  surname: 'lastName',
  father_name: 'fatherName',
  fathername: 'fatherName',
  patronymic: 'fatherName',
  date_of_birth: 'birthDate',
  dob: 'birthDate',
  birth_date: 'birthDate',
  birthdate: 'birthDate',
  nationality: 'nationality',
  citizenship: 'citizenship',
  country: 'country',
  jurisdiction: 'jurisdiction',
  flag: 'flag',
  imo: 'imoNumber',
  imo_number: 'imoNumber',
  imonumber: 'imoNumber',
  mmsi: 'mmsi',
  lei: 'leiCode',
  lei_code: 'leiCode',
  leicode: 'leiCode',
  inn: 'innCode',
  inn_code: 'innCode',
  inncode: 'innCode',
  ogrn: 'ogrnCode',
  ogrn_code: 'ogrnCode',
  ogrncode: 'ogrnCode',
  bic: 'swiftBic',
  swift: 'swiftBic',
  swift_bic: 'swiftBic',
  swiftbic: 'swiftBic',
  passport: 'passportNumber',
  passport_number: 'passportNumber',
  passportnumber: 'passportNumber',
  national_id: 'idNumber',
  id_number: 'idNumber',
  idnumber: 'idNumber',
  tax_id: 'taxNumber',
  tax_number: 'taxNumber',
  taxnumber: 'taxNumber',
  registration_number: 'registrationNumber',
  registrationnumber: 'registrationNumber',
};

// Properties whose cells may list several values separated by ';' (names never do: a name may
// hold a ';').
const MULTI_VALUED = new Set(['birthDate', 'nationality', 'citizenship', 'country']);

const SCHEMAS = {
  person: 'Person',
  individual: 'Person',
  company: 'Company',
  organization: 'Organization',
  organisation: 'Organization',
  legalentity: 'LegalEntity',
  legal_entity: 'LegalEntity',
  entity: 'LegalEntity',
  vessel: 'Vessel',
  aircraft: 'Aircraft',
};

function normalizeHeader(h) {
  return h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/**
 * Reads a header row: which column is the id, which the schema, which FtM property each other
 * known column fills, and which columns are ignored.
 */
export function mapColumns(header) {
  const columns = [];
  const ignored = [];
  let idColumn = -1;
  let schemaColumn = -1;
  header.forEach((raw, index) => {
    const key = normalizeHeader(raw);
    if (key === 'id' && idColumn < 0) {
      idColumn = index;
    } else if ((key === 'schema' || key === 'type') && schemaColumn < 0) {
      schemaColumn = index;
    } else if (COLUMN_PROPERTIES[key]) {
      columns.push({ index, header: raw, property: COLUMN_PROPERTIES[key] });
    } else {
      ignored.push(raw);
    }
  });
  return { idColumn, schemaColumn, columns, ignored };
}

/**
 * Builds one record per data row: {row, id, name, query} where query is the FtM query for
 * POST /match, or {row, id, name, error} when the row cannot be screened.
 */
export function rowsToRecords(rows) {
  if (rows.length === 0) throw new Error('the file is empty');
  const mapping = mapColumns(rows[0]);
  if (!mapping.columns.some((c) => !MULTI_VALUED.has(c.property))) {
    throw new Error('the header names no name or identifier column (name, full_name, imo...)');
  }
  const width = rows[0].length;
  const records = rows.slice(1).map((cells, i) => {
    const row = i + 1;
    const id = mapping.idColumn >= 0 ? (cells[mapping.idColumn] ?? '').trim() : String(row);
    const properties = {};
    for (const { index, property } of mapping.columns) {
      const cell = (cells[index] ?? '').trim();
      if (!cell) continue;
      const values = MULTI_VALUED.has(property)
        ? cell
            .split(';')
            .map((v) => v.trim())
            .filter(Boolean)
        : [cell];
      (properties[property] ??= []).push(...values);
    }
    const name =
      properties.name?.[0] ??
      ['firstName', 'middleName', 'lastName']
        .map((p) => properties[p]?.[0])
        .filter(Boolean)
        .join(' ');
    const record = { row, id: id || String(row), name };
    if (cells.length !== width) {
      return { ...record, error: `has ${cells.length} fields, the header has ${width}` };
    }
    const identifying = Object.keys(properties).filter((p) => !MULTI_VALUED.has(p));
    if (identifying.length === 0) return { ...record, error: 'no name and no identifier' };
    const query = { properties };
    if (mapping.schemaColumn >= 0) {
      const rawSchema = (cells[mapping.schemaColumn] ?? '').trim();
      if (rawSchema) {
        const schema = SCHEMAS[normalizeHeader(rawSchema)];
        if (!schema) return { ...record, error: `'${rawSchema}' is not a schema` };
        query.schema = schema;
      }
    }
    return { ...record, query };
  });
  return { mapping, records };
}
