// Batch view (#/batch): a customer CSV read in the browser, screened in chunks of at most 100
// queries (the API's limit) with POST /match/{dataset}, progress shown as chunks come back,
// and the results offered as a CSV download. A row that cannot be read or screened is an error
// on that row only; a chunk the server refuses marks its rows and the run goes on.
//
// The run lives in this module, so leaving the page and coming back shows it still going.

import { request } from './api.js';
import { parseCsv, rowsToRecords, toCsv } from './csv.js';
import { h, clear, regimeBadges, entityLink, versionsBlock, errorBox, formatScore } from './dom.js';

const CHUNK = 100;
const RESULTS_PER_ROW = 10;

let job = null; // {file, dataset, threshold, mapping, records, done, running, error, versions}
let view = null; // the elements of the rendered page, while it is shown

export function renderBatch(root) {
  const fileInput = h('input', {
    id: 'batch-file',
    type: 'file',
    accept: '.csv,text/csv',
    'data-testid': 'batch-file',
    'aria-describedby': 'batch-file-hint',
  });
  const datasetSelect = h(
    'select',
    { id: 'batch-dataset', 'data-testid': 'batch-dataset' },
    [
      ['default', 'Every list'],
      ['us', 'US regimes'],
      ['eu', 'EU regimes'],
      ['uk', 'UK regimes'],
      ['un', 'UN Security Council'],
    ].map(([v, label]) => h('option', { value: v }, label)),
  );
  const thresholdInput = h('input', {
    id: 'batch-threshold',
    type: 'number',
    min: 0,
    max: 1,
    step: 0.05,
    value: '0.70',
    'data-testid': 'batch-threshold',
  });
  const startButton = h(
    'button',
    { type: 'submit', className: 'primary', 'data-testid': 'batch-start' },
    'Screen file',
  );
  const status = h('section', { id: 'batch-status', 'aria-live': 'polite' });
  const form = h(
    'form',
    {
      className: 'batch-form',
      'data-testid': 'batch-form',
      onsubmit: async (event) => {
        event.preventDefault();
        if (job && job.running) return;
        const file = fileInput.files && fileInput.files[0];
        if (!file) {
          clear(status, errorBox('Choose a CSV file first.'));
          fileInput.focus();
          return;
        }
        await startJob(file, datasetSelect.value, Number(thresholdInput.value || '0.70'));
      },
    },
    h(
      'div',
      { className: 'fields' },
      h(
        'div',
        { className: 'field wide' },
        h('label', { for: 'batch-file' }, 'Customer file (CSV)'),
        fileInput,
        h(
          'small',
          { id: 'batch-file-hint', className: 'hint' },
          'Header row; columns such as id, name, schema, date_of_birth (dob, birth_date), nationality or country, imo, mmsi, lei, passport. Other columns are ignored.',
        ),
      ),
      h(
        'div',
        { className: 'field' },
        h('label', { for: 'batch-dataset' }, 'Lists'),
        datasetSelect,
      ),
      h(
        'div',
        { className: 'field' },
        h('label', { for: 'batch-threshold' }, 'Threshold'),
        thresholdInput,
      ),
    ),
    startButton,
  );
  clear(root, h('h1', {}, 'Screen a file'), form, status);
  view = { root, status, startButton };
  update();
}

async function startJob(file, dataset, threshold) {
  let parsed;
  try {
    parsed = rowsToRecords(parseCsv(await file.text()));
  } catch (e) {
    job = null;
    if (view) clear(view.status).append(errorBox(`${file.name}: ${e.message}`));
    return;
  }
  job = {
    file: file.name,
    dataset,
    threshold,
    mapping: parsed.mapping,
    records: parsed.records,
    done: 0,
    running: true,
    error: '',
    versions: null,
  };
  for (const r of job.records) if (r.error) r.status = 'error';
  job.done = job.records.filter((r) => r.error).length;
  update();
  const pending = job.records.filter((r) => !r.error);
  for (let i = 0; i < pending.length; i += CHUNK) {
    const chunk = pending.slice(i, i + CHUNK);
    const queries = {};
    for (const r of chunk) queries[`r${r.row}`] = r.query;
    try {
      const { body } = await request('POST', `/match/${encodeURIComponent(dataset)}`, {
        queries,
        threshold,
        limit: RESULTS_PER_ROW,
      });
      job.versions = body.versions || job.versions;
      for (const r of chunk) {
        const response = body.responses && body.responses[`r${r.row}`];
        if (!response) {
          r.status = 'error';
          r.error = 'no answer for this row';
        } else if (response.status && response.status !== 200) {
          r.status = 'error';
          r.error = response.error || `status ${response.status}`;
        } else {
          r.results = response.results || [];
          r.status = r.results.length ? 'match' : 'clear';
        }
      }
    } catch (e) {
      for (const r of chunk) {
        r.status = 'error';
        r.error = e.message;
      }
    }
    job.done += chunk.length;
    update();
  }
  job.running = false;
  update();
}

function update() {
  if (!view || !view.root.isConnected) return;
  const { status, startButton } = view;
  startButton.disabled = Boolean(job && job.running);
  if (!job) return;
  const total = job.records.length;
  const pct = total === 0 ? 100 : Math.floor((job.done / total) * 100);
  const counts = { match: 0, clear: 0, error: 0 };
  for (const r of job.records) if (r.status) counts[r.status] += 1;
  const m = job.mapping;
  clear(
    status,
    h(
      'p',
      { className: 'muted', 'data-testid': 'batch-mapping' },
      `${job.file}: ${total} row${total === 1 ? '' : 's'}. Columns read: ` +
        [
          m.idColumn >= 0 ? 'id' : null,
          m.schemaColumn >= 0 ? 'schema' : null,
          ...m.columns.map((c) => `${c.header} → ${c.property}`),
        ]
          .filter(Boolean)
          .join(', ') +
        (m.ignored.length ? `. Ignored: ${m.ignored.join(', ')}` : '') +
        '.',
    ),
    h(
      'div',
      { className: 'progress-row' },
      h('label', { for: 'batch-progress' }, 'Progress'),
      h('progress', {
        id: 'batch-progress',
        max: total || 1,
        value: job.done,
        'data-testid': 'batch-progress',
      }),
      h('span', { 'data-testid': 'batch-progress-text' }, `${pct} % (${job.done} / ${total})`),
    ),
    h(
      'ul',
      { className: 'counts', 'data-testid': 'batch-counts' },
      h(
        'li',
        { 'data-testid': 'batch-count-match' },
        h('strong', {}, counts.match),
        ' with matches',
      ),
      h('li', { 'data-testid': 'batch-count-clear' }, h('strong', {}, counts.clear), ' clear'),
      h('li', { 'data-testid': 'batch-count-error' }, h('strong', {}, counts.error), ' errors'),
    ),
    job.running
      ? null
      : h(
          'button',
          {
            type: 'button',
            className: 'primary',
            'data-testid': 'batch-download',
            onclick: download,
          },
          'Download results (CSV)',
        ),
    resultsTable(job.records),
    versionsBlock(job.versions),
  );
}

function resultsTable(records) {
  return h(
    'table',
    { className: 'batch-results', 'data-testid': 'batch-results' },
    h('caption', {}, 'Rows and their best match'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Row', 'Id', 'Name', 'Best match', 'Score', 'Regimes', 'Matches'].map((x) =>
          h('th', { scope: 'col' }, x),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      records.map((r) => {
        const best = r.results && r.results[0];
        return h(
          'tr',
          {
            'data-testid': 'batch-row',
            'data-status': r.status || 'pending',
            className: `row-${r.status || 'pending'}`,
          },
          h('td', { className: 'num' }, r.row),
          h('td', {}, r.id),
          h('td', {}, r.name),
          r.status === 'error'
            ? h(
                'td',
                { colspan: 4, 'data-testid': 'batch-row-error' },
                errorBox(r.error, { 'data-testid': 'row-error', role: null }),
              )
            : [
                h(
                  'td',
                  {},
                  best ? entityLink(best.id, best.caption || best.id) : r.status ? 'no match' : '…',
                ),
                h('td', { className: 'num' }, best ? formatScore(best.score) : ''),
                h('td', {}, best ? regimeBadges(best.regimes) : ''),
                h('td', { className: 'num' }, r.results ? r.results.length : ''),
              ],
        );
      }),
    ),
  );
}

export const RESULT_COLUMNS = [
  'input_id',
  'input_name',
  'row',
  'status',
  'rank',
  'match_id',
  'caption',
  'schema',
  'score',
  'regimes',
  'datasets',
  'error',
];

/** One line per match at or above the threshold (rank 1 is the best), one for a clear or failed row. */
export function resultRows(records) {
  const rows = [RESULT_COLUMNS];
  for (const r of records) {
    const base = [r.id, r.name, r.row];
    if (r.status === 'error') {
      rows.push([...base, 'error', '', '', '', '', '', '', '', r.error]);
    } else if (!r.results || r.results.length === 0) {
      rows.push([...base, r.status || 'pending', '', '', '', '', '', '', '', '']);
    } else {
      r.results.forEach((m, i) => {
        rows.push([
          ...base,
          'match',
          i + 1,
          m.id,
          m.caption,
          m.schema,
          formatScore(m.score),
          (m.regimes || []).join(';'),
          (m.datasets || []).join(';'),
          '',
        ]);
      });
    }
  }
  return rows;
}

function download() {
  if (!job) return;
  const blob = new Blob([toCsv(resultRows(job.records))], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const stem = job.file.replace(/\.[^.]*$/, '') || 'customers';
  const a = h('a', { href: url, download: `${stem}-screening.csv`, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
