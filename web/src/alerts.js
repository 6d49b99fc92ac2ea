// Alerts view (#/alerts?book=&status=&kind=&since=, #/alerts/ID?...): the monitoring inbox.
// GET /books for the books panel and the book filter, GET /alerts for the table (newest first),
// GET /alerts/{id} for one alert: the customer's record and the listed entity side by side with
// the explanation and the versions, and POST /alerts/{id}/decision for the two decisions.
// A customer file uploaded in the books panel goes to POST /books as the book's next version.
//
// The filters live in the hash (bookmarkable, Back returns to them); the alert under review is
// put in the hash with history.replaceState, so opening one does not re-render the inbox.

import { request } from './api.js';
import { h, clear, regimeBadges, entityLink, errorBox, formatScore, words, table } from './dom.js';
import { explanation } from './search.js';

export const STATUSES = [
  ['open', 'Open'],
  ['decided', 'Decided'],
  ['all', 'All'],
];
export const KINDS = [
  ['', 'Any kind'],
  ['new_match', 'New match'],
  ['changed_match', 'Changed match'],
  ['cleared_match', 'Cleared match'],
  ['licence_expiring', 'Licence expiring'],
];
export const DECISIONS = { false_positive: 'False positive', true_match: 'True match' };
const LIMIT = 500;
const BOOK_NAME = /^[A-Za-z0-9._-]+$/;

/** The filters from the hash's query, normalised: unknown values fall back to the defaults. */
export function parseFilters(params) {
  const get = (k) => (params.get(k) || '').trim();
  const status = get('status');
  const kind = get('kind');
  const since = get('since');
  return {
    book: get('book'),
    status: STATUSES.some(([v]) => v === status) ? status : 'open',
    kind: KINDS.some(([v]) => v === kind) ? kind : '',
    since: /^\d{4}-\d{2}-\d{2}$/.test(since) ? since : '',
  };
}

function filterParams(f) {
  const q = new URLSearchParams();
  if (f.book) q.set('book', f.book);
  if (f.status && f.status !== 'all') q.set('status', f.status);
  if (f.kind) q.set('kind', f.kind);
  if (f.since) q.set('since', f.since);
  return q;
}

/** The GET /alerts path for the filters ("all" sends no status). */
export function alertsQuery(f, limit = LIMIT) {
  const q = filterParams(f);
  q.set('limit', String(limit));
  return `/alerts?${q}`;
}

/** The page's hash for the filters and, optionally, the alert under review. */
export function alertsHash(f, id = '') {
  const q = filterParams(f);
  // "open" is the default: "all" must be said to be kept.
  if (f.status === 'all') q.set('status', 'all');
  else if (f.status === 'open') q.delete('status');
  const s = q.toString();
  return `#/alerts${id !== '' && id !== null && id !== undefined ? `/${encodeURIComponent(id)}` : ''}${s ? `?${s}` : ''}`;
}

export function kindLabel(kind) {
  return new Map(KINDS).get(kind) || words(kind) || '—';
}

/** "2026-12-07T05:21:40Z" -> "2026-12-07 05:21 UTC"; anything else as it is. */
export function formatInstant(s) {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?Z$/.exec(s || '');
  return m ? `${m[1]} ${m[2]} UTC` : s || '—';
}

/** The customer column: the book record's id and the name that matched, when known. */
export function customerLabel(alert) {
  const name = alert?.explanation?.match?.explanation?.query_name || '';
  return { id: alert?.customer_id || '', name };
}

/** The listed entity's caption, or its id when the alert carries no match. */
export function entityCaption(alert) {
  return alert?.explanation?.match?.caption || alert?.entity_id || '';
}

/** "False positive", by whom, when and why. */
export function decisionText(d) {
  if (!d) return '';
  const as = DECISIONS[d.as] || words(d.as);
  const who = [d.by ? `by ${d.by}` : '', d.at ? formatInstant(d.at) : ''].filter(Boolean).join(', ');
  return `${as}${who ? ` (${who})` : ''}${d.reason ? `: ${d.reason}` : ''}`;
}

/** "src@1,other@2" -> Map(src -> "1", other -> "2"). */
export function parseListVersions(s) {
  const out = new Map();
  for (const part of String(s || '').split(',')) {
    const t = part.trim();
    if (!t) continue;
    const at = t.lastIndexOf('@');
    if (at <= 0) out.set(t, '');
    else out.set(t.slice(0, at), t.slice(at + 1));
  }
  return out;
}

/** The sources whose version differs between the two strings: [{source, before, after}]. */
export function listChanges(before, after) {
  const b = parseListVersions(before);
  const a = parseListVersions(after);
  const sources = [...new Set([...b.keys(), ...a.keys()])].sort();
  return sources
    .filter((s) => b.get(s) !== a.get(s))
    .map((s) => ({ source: s, before: b.get(s) ?? '', after: a.get(s) ?? '' }));
}

/** The alert's versions as one sentence: the book's version and the lists that changed. */
export function versionsSentence(v) {
  const x = v || {};
  const book = `Book version ${x.book_before || 'none'} → ${x.book_after ?? '—'}.`;
  if (!x.lists_before) {
    const n = parseListVersions(x.lists_after).size;
    return `${book} First screening of the book, on ${n} list version${n === 1 ? '' : 's'}.`;
  }
  const changes = listChanges(x.lists_before, x.lists_after);
  if (changes.length === 0) return `${book} Lists unchanged.`;
  return `${book} Lists changed: ${changes
    .map((c) => `${c.source} ${c.before || 'none'} → ${c.after || 'none'}`)
    .join(', ')}.`;
}

const upper = (v) => String(v).toUpperCase();
const uniq = (list) => [...new Set(list.filter((x) => x !== '' && x !== null && x !== undefined))];

// Listed identifiers, by FtM property, with the label the customer file's column would use.
const ENTITY_IDENTIFIERS = [
  ['imoNumber', 'imo'],
  ['mmsi', 'mmsi'],
  ['callSign', 'call sign'],
  ['leiCode', 'lei'],
  ['swiftBic', 'bic'],
  ['passportNumber', 'passport'],
  ['idNumber', 'id'],
  ['taxNumber', 'tax'],
  ['innCode', 'inn'],
  ['ogrnCode', 'ogrn'],
  ['registrationNumber', 'registration'],
  ['vatCode', 'vat'],
];

/**
 * The customer's record and the listed entity as rows of a comparison: [{field, customer,
 * entity}] where customer and entity are lists of strings. Rows neither side has are left out.
 */
export function comparisonRows(customer, match) {
  const c = customer || {};
  const m = match || {};
  const p = m.properties || {};
  const prop = (...keys) => keys.flatMap((k) => p[k] || []);
  const customerIds = (c.identifiers || []).map((pair) =>
    Array.isArray(pair) ? pair.filter(Boolean).join(': ') : String(pair),
  );
  const entityIds = ENTITY_IDENTIFIERS.flatMap(([key, label]) =>
    (p[key] || []).map((v) => `${label}: ${v}`),
  );
  const ownership = Object.entries(m.ownership || {}).map(([r, s]) => `${upper(r)} ${words(s)}`);
  const programmes = uniq(
    (m.sanctions || []).map((s) => [s.authority, s.program, s.list].filter(Boolean).join(' ')),
  );
  const rows = [
    ['Id', [c.id], [m.id || m.entity_id]],
    ['Type', [c.schema], [m.schema]],
    ['Names', c.names, prop('name')],
    ['Other names', c.aliases, prop('alias', 'weakAlias', 'previousName')],
    ['Birth dates', c.birth_dates, prop('birthDate')],
    ['Birth place', c.birth_places, prop('birthPlace')],
    ['Countries', (c.countries || []).map(upper), prop('nationality', 'citizenship', 'country', 'birthCountry', 'flag', 'jurisdiction').map(upper)],
    ['Identifiers', customerIds, entityIds],
    ['Addresses', c.addresses, prop('address')],
    ['Programmes', [], programmes],
    ['Ownership status', [], ownership],
  ];
  return rows
    .map(([field, cv, ev]) => ({ field, customer: uniq(cv || []).map(String), entity: uniq(ev || []).map(String) }))
    .filter((r) => r.customer.length || r.entity.length);
}

/** The content type of an uploaded customer file: CSV, or JSON lines (FtM entities). */
export function bookContentType(fileName, text) {
  const name = String(fileName || '').toLowerCase();
  if (name.endsWith('.csv')) return 'text/csv';
  if (/\.(jsonl|ndjson|json)$/.test(name)) return 'application/x-ndjson';
  return String(text || '').trimStart().startsWith('{') ? 'application/x-ndjson' : 'text/csv';
}

/** The upload's result as one sentence. */
export function uploadSummary(body) {
  const b = body.book || {};
  const v = body.version || {};
  const a = body.alerts || {};
  const n = (x) => Number(x || 0);
  const changes = v.unchanged
    ? 'unchanged'
    : `${n(v.added)} added, ${n(v.changed)} changed, ${n(v.removed)} removed`;
  return (
    `Book ${b.name} version ${v.version ?? b.version}: ${n(v.customers ?? b.customers)} customers (${changes}). ` +
    `Alerts raised: ${n(a.new)} new, ${n(a.changed)} changed, ${n(a.cleared)} cleared.`
  );
}

// ---- the page ----

let generation = 0; // the current render; answers for an older one are dropped

export function renderAlerts(root, params, selectedId = '') {
  const gen = ++generation;
  const filters = parseFilters(params);
  const state = { filters, alerts: [], selected: selectedId || '', books: [] };
  const live = () => gen === generation && root.isConnected;

  // Books panel.
  const booksOut = h('div', { 'data-testid': 'books', 'aria-live': 'polite' });
  const uploadOut = h('div', { 'aria-live': 'polite', 'data-testid': 'book-upload-out' });
  const bookName = h('input', {
    id: 'book-name',
    type: 'text',
    required: true,
    pattern: '[A-Za-z0-9._\\-]+',
    placeholder: 'customers',
    autocomplete: 'off',
    'data-testid': 'book-name',
    'aria-describedby': 'book-name-hint',
  });
  const bookThreshold = h('input', {
    id: 'book-threshold',
    type: 'number',
    min: 0,
    max: 1,
    step: 0.05,
    placeholder: '0.80',
    'data-testid': 'book-threshold',
  });
  const bookFile = h('input', {
    id: 'book-file',
    type: 'file',
    required: true,
    accept: '.csv,.jsonl,.ndjson,.json,text/csv,application/json',
    'data-testid': 'book-file',
    'aria-describedby': 'book-file-hint',
  });
  const uploadButton = h(
    'button',
    { type: 'submit', className: 'primary', 'data-testid': 'book-upload' },
    'Load book',
  );
  const uploadForm = h(
    'form',
    {
      className: 'panel-form',
      'data-testid': 'book-form',
      onsubmit: async (event) => {
        event.preventDefault();
        const name = bookName.value.trim();
        const file = bookFile.files && bookFile.files[0];
        if (!BOOK_NAME.test(name)) {
          clear(uploadOut, errorBox('A book name holds letters, digits, "-", "_" and "." only.'));
          bookName.focus();
          return;
        }
        if (!file) {
          clear(uploadOut, errorBox('Choose a customer file first.'));
          bookFile.focus();
          return;
        }
        uploadButton.disabled = true;
        clear(uploadOut, h('p', { className: 'muted' }, `Loading ${file.name} as ${name}…`));
        try {
          const text = await file.text();
          const q = new URLSearchParams({ name });
          if (bookThreshold.value) q.set('threshold', String(Number(bookThreshold.value)));
          const { body } = await request('POST', `/books?${q}`, text, bookContentType(file.name, text));
          if (!live()) return;
          clear(
            uploadOut,
            h('p', { className: 'notice', 'data-testid': 'book-upload-result' }, uploadSummary(body)),
          );
          loadBooks();
          loadAlerts();
        } catch (e) {
          if (live()) clear(uploadOut, errorBox(e.message));
        } finally {
          uploadButton.disabled = false;
        }
      },
    },
    h(
      'div',
      { className: 'fields' },
      h(
        'div',
        { className: 'field' },
        h('label', { for: 'book-name' }, 'Book name'),
        bookName,
        h('small', { id: 'book-name-hint', className: 'hint' }, 'An existing name stores a new version of that book'),
      ),
      h(
        'div',
        { className: 'field wide' },
        h('label', { for: 'book-file' }, 'Customer file'),
        bookFile,
        h(
          'small',
          { id: 'book-file-hint', className: 'hint' },
          'CSV (id, name, date_of_birth, nationality, schema, imo, …) or FtM JSON lines, as cordon screen reads',
        ),
      ),
      h('div', { className: 'field' }, h('label', { for: 'book-threshold' }, 'Alert threshold'), bookThreshold),
    ),
    uploadButton,
  );

  // Filters.
  const bookSelect = h(
    'select',
    { id: 'alerts-book', name: 'book', 'data-testid': 'alerts-book' },
    h('option', { value: '' }, 'All books'),
    filters.book ? h('option', { value: filters.book, selected: true }, filters.book) : null,
  );
  const statusSelect = h(
    'select',
    { id: 'alerts-status', name: 'status', 'data-testid': 'alerts-status' },
    STATUSES.map(([v, label]) => h('option', { value: v, selected: v === filters.status }, label)),
  );
  const kindSelect = h(
    'select',
    { id: 'alerts-kind', name: 'kind', 'data-testid': 'alerts-kind' },
    KINDS.map(([v, label]) => h('option', { value: v, selected: v === filters.kind }, label)),
  );
  const sinceInput = h('input', {
    id: 'alerts-since',
    name: 'since',
    type: 'date',
    value: filters.since,
    'data-testid': 'alerts-since',
  });
  const filterForm = h(
    'form',
    {
      className: 'search-form',
      'data-testid': 'alerts-filters',
      onsubmit: (event) => {
        event.preventDefault();
        const hash = alertsHash({
          book: bookSelect.value,
          status: statusSelect.value,
          kind: kindSelect.value,
          since: sinceInput.value,
        });
        if (location.hash === hash) loadAlerts();
        else location.hash = hash;
      },
    },
    h(
      'div',
      { className: 'fields' },
      h('div', { className: 'field' }, h('label', { for: 'alerts-book' }, 'Book'), bookSelect),
      h('div', { className: 'field' }, h('label', { for: 'alerts-status' }, 'Status'), statusSelect),
      h('div', { className: 'field' }, h('label', { for: 'alerts-kind' }, 'Kind'), kindSelect),
      h('div', { className: 'field' }, h('label', { for: 'alerts-since' }, 'Raised since'), sinceInput),
    ),
    h('button', { type: 'submit', className: 'primary', 'data-testid': 'alerts-apply' }, 'Show alerts'),
  );

  const inbox = h('section', { id: 'alerts-inbox', 'aria-live': 'polite', 'aria-busy': 'false' });
  const detail = h('section', {
    id: 'alert-detail',
    className: 'alert-detail',
    tabindex: '-1',
    'aria-live': 'polite',
    'data-testid': 'alert-detail',
  });

  clear(
    root,
    h('h1', {}, 'Alerts'),
    h(
      'p',
      { className: 'muted' },
      'Monitoring: every book is re-screened when a list or the book changes; each new, changed or cleared match is an alert for an analyst to decide.',
    ),
    filterForm,
    inbox,
    detail,
    h(
      'section',
      { className: 'books-panel', 'aria-labelledby': 'books-title', 'data-testid': 'books-panel' },
      h('h2', { id: 'books-title' }, 'Books'),
      booksOut,
      h('h3', {}, 'Load a customer file as a book'),
      uploadForm,
      uploadOut,
    ),
  );

  async function loadBooks() {
    clear(booksOut, h('p', { className: 'muted' }, 'Loading books…'));
    try {
      const { body } = await request('GET', '/books');
      if (!live()) return;
      state.books = body.books || [];
      renderBooks();
    } catch (e) {
      if (live()) clear(booksOut, errorBox(e.message));
    }
  }

  function renderBooks() {
    const names = uniq([...state.books.map((b) => b.name), filters.book]).sort();
    const chosen = bookSelect.value;
    clear(
      bookSelect,
      h('option', { value: '' }, 'All books'),
      names.map((n) => h('option', { value: n, selected: n === chosen }, n)),
    );
    clear(
      booksOut,
      state.books.length === 0
        ? h('p', { className: 'muted', 'data-testid': 'books-empty' }, 'No books yet: load a customer file below.')
        : table(
            'Customer books under monitoring',
            ['Book', 'Version', 'Customers', 'Added', 'Changed', 'Removed', 'Threshold', 'Matches', 'Open alerts', 'Decided', 'Screened'],
            state.books.map((b) =>
              h(
                'tr',
                { 'data-testid': 'book-row', 'data-book': b.name },
                h(
                  'th',
                  { scope: 'row' },
                  h('a', { href: alertsHash({ ...filters, book: b.name }), 'data-testid': 'book-link' }, b.name),
                ),
                h('td', { className: 'num' }, b.version ?? '—'),
                h('td', { className: 'num', 'data-testid': 'book-customers' }, b.customers ?? '—'),
                h('td', { className: 'num' }, b.added ?? 0),
                h('td', { className: 'num' }, b.changed ?? 0),
                h('td', { className: 'num' }, b.removed ?? 0),
                h('td', { className: 'num' }, formatScore(b.threshold)),
                h('td', { className: 'num' }, b.matches ?? '—'),
                h('td', { className: 'num', 'data-testid': 'book-open' }, b.open_alerts ?? 0),
                h('td', { className: 'num', 'data-testid': 'book-decided' }, b.decided_alerts ?? 0),
                h(
                  'td',
                  { title: b.screened_lists || '' },
                  b.screened_at ? formatInstant(b.screened_at) : 'not yet',
                ),
              ),
            ),
            { className: 'books', 'data-testid': 'books-table' },
          ),
    );
  }

  async function loadAlerts() {
    inbox.setAttribute('aria-busy', 'true');
    clear(inbox, h('p', { className: 'muted', 'data-testid': 'alerts-loading' }, 'Loading alerts…'));
    try {
      const { body } = await request('GET', alertsQuery(filters));
      if (!live()) return;
      state.alerts = body.alerts || [];
      renderInbox();
      if (state.selected) openAlert(state.selected, false);
    } catch (e) {
      if (live()) clear(inbox, errorBox(e.message));
    } finally {
      inbox.setAttribute('aria-busy', 'false');
    }
  }

  function summaryLine() {
    const n = state.alerts.length;
    const what = [
      filters.status === 'all' ? '' : filters.status,
      filters.kind ? kindLabel(filters.kind).toLowerCase() : '',
      n === 1 ? 'alert' : 'alerts',
    ]
      .filter(Boolean)
      .join(' ');
    const where = [filters.book ? `in ${filters.book}` : '', filters.since ? `raised since ${filters.since}` : '']
      .filter(Boolean)
      .join(', ');
    return `${n === LIMIT ? `The newest ${n}` : n} ${what}${where ? ` ${where}` : ''}, newest first.`;
  }

  function renderInbox() {
    clear(
      inbox,
      h('p', { className: 'summary', 'data-testid': 'alerts-summary' }, summaryLine()),
      state.alerts.length === 0
        ? h('p', { className: 'muted', 'data-testid': 'alerts-empty' }, 'No alerts.')
        : h(
            'table',
            { className: 'alerts', 'data-testid': 'alerts-table' },
            h('caption', {}, 'Alerts'),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['Id', 'Book', 'Kind', 'Customer', 'Listed entity', 'Score', 'Previous', 'Raised', 'Status'].map(
                  (x) => h('th', { scope: 'col' }, x),
                ),
              ),
            ),
            h('tbody', {}, state.alerts.map(alertRow)),
          ),
    );
  }

  function alertRow(a) {
    const c = customerLabel(a);
    return h(
      'tr',
      {
        'data-testid': 'alert-row',
        'data-alert-id': a.id,
        'data-status': a.status,
        'data-kind': a.kind,
        className: `alert-${a.status}`,
        'aria-current': String(a.id) === String(state.selected) ? 'true' : null,
      },
      h(
        'td',
        { className: 'num' },
        h(
          'button',
          {
            type: 'button',
            className: 'linkish',
            'data-testid': 'alert-open',
            'aria-label': `Review alert ${a.id}`,
            onclick: () => openAlert(a.id, true),
          },
          `#${a.id}`,
        ),
      ),
      h('td', {}, a.book),
      h('td', {}, h('span', { className: `kind kind-${a.kind}`, 'data-testid': 'alert-kind' }, kindLabel(a.kind))),
      h(
        'td',
        { 'data-testid': 'alert-customer' },
        h('code', {}, c.id),
        c.name ? h('div', { className: 'muted' }, c.name) : null,
      ),
      h('td', {}, entityLink(a.entity_id, entityCaption(a), { 'data-testid': 'alert-entity' })),
      h('td', { className: 'num', 'data-testid': 'alert-score' }, formatScore(a.score)),
      h('td', { className: 'num', 'data-testid': 'alert-previous' }, formatScore(a.previous_score)),
      h('td', {}, formatInstant(a.raised_at)),
      h(
        'td',
        { 'data-testid': 'alert-status' },
        a.decision
          ? h(
              'span',
              { className: `decision decision-${a.decision.as}`, title: decisionText(a.decision) },
              DECISIONS[a.decision.as] || words(a.decision.as),
            )
          : h('span', { className: 'status-open' }, words(a.status)),
      ),
    );
  }

  function replaceRow(a) {
    const i = state.alerts.findIndex((x) => String(x.id) === String(a.id));
    if (i >= 0) state.alerts[i] = a;
    const old = inbox.querySelector(`tr[data-alert-id="${CSS.escape(String(a.id))}"]`);
    if (old) old.replaceWith(alertRow(a));
  }

  function markSelected() {
    for (const tr of inbox.querySelectorAll('tr[data-testid="alert-row"]')) {
      if (tr.dataset.alertId === String(state.selected)) tr.setAttribute('aria-current', 'true');
      else tr.removeAttribute('aria-current');
    }
  }

  async function openAlert(id, fromClick) {
    state.selected = String(id);
    markSelected();
    history.replaceState(null, '', alertsHash(filters, id));
    clear(detail, h('p', { className: 'muted' }, `Loading alert ${id}…`));
    if (fromClick) detail.scrollIntoView({ block: 'start' });
    try {
      const { body } = await request('GET', `/alerts/${encodeURIComponent(id)}`);
      if (!live() || state.selected !== String(id)) return;
      if (body.alert) replaceRow(body.alert);
      renderDetail(body.alert || {}, body.customer || {});
      if (fromClick) detail.focus({ preventScroll: true });
    } catch (e) {
      if (live() && state.selected === String(id))
        clear(detail, errorBox(e.status === 404 ? `No alert ${id}.` : e.message));
    }
  }

  function renderDetail(a, customer) {
    const m = a.explanation?.match || {};
    const v = a.versions || {};
    const rows = comparisonRows(customer, m);
    clear(
      detail,
      h(
        'header',
        { className: 'alert-head' },
        h('h2', { 'data-testid': 'alert-title' }, `Alert #${a.id}: ${kindLabel(a.kind)}`),
        h(
          'p',
          { className: 'muted' },
          `Book ${a.book}, customer `,
          h('code', {}, a.customer_id),
          `, raised ${formatInstant(a.raised_at)}. Score ${formatScore(a.score)}`,
          typeof a.previous_score === 'number' ? ` (was ${formatScore(a.previous_score)})` : '',
          '.',
        ),
      ),
      h(
        'table',
        { className: 'compare', 'data-testid': 'alert-compare' },
        h('caption', {}, 'The customer’s record and the listed entity'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, ''),
            h('th', { scope: 'col', 'data-testid': 'compare-customer' }, 'Customer ', h('code', {}, customer.id || a.customer_id)),
            h(
              'th',
              { scope: 'col', 'data-testid': 'compare-entity' },
              entityLink(a.entity_id, entityCaption(a), { 'data-testid': 'alert-entity-link' }),
              ' ',
              regimeBadges(m.regimes),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map((r) =>
            h(
              'tr',
              { 'data-testid': 'compare-row', 'data-field': r.field },
              h('th', { scope: 'row' }, r.field),
              h('td', { 'data-testid': 'compare-customer-value' }, r.customer.length ? r.customer.join('; ') : '—'),
              h('td', { 'data-testid': 'compare-entity-value' }, r.entity.length ? r.entity.join('; ') : '—'),
            ),
          ),
        ),
      ),
      h(
        'p',
        { className: 'alert-summary', 'data-testid': 'alert-summary' },
        h('strong', {}, 'Explanation: '),
        a.explanation?.summary || 'none given',
      ),
      m.explanation ? explanation(m.explanation, m.features) : null,
      h(
        'div',
        { className: 'alert-versions', 'data-testid': 'alert-versions' },
        h('h3', {}, 'Versions'),
        h('p', { 'data-testid': 'alert-versions-text' }, versionsSentence(v)),
        h(
          'details',
          { className: 'versions' },
          h('summary', {}, 'List versions before and after'),
          h(
            'dl',
            { className: 'facts' },
            h('dt', {}, 'Before'),
            h('dd', {}, h('code', {}, v.lists_before || 'none')),
            h('dt', {}, 'After'),
            h('dd', {}, h('code', {}, v.lists_after || 'none')),
          ),
        ),
      ),
      a.decision ? decidedBlock(a.decision) : decisionForm(a),
    );
  }

  function decidedBlock(d) {
    return h(
      'div',
      { className: `decided decision-${d.as}`, 'data-testid': 'alert-decision', 'data-decision': d.as },
      h('h3', {}, 'Decision'),
      h('p', {}, decisionText(d)),
    );
  }

  function decisionForm(a) {
    const reason = h('textarea', {
      id: 'decision-reason',
      rows: 3,
      required: true,
      'data-testid': 'decision-reason',
      placeholder: 'Why: e.g. different date of birth and nationality',
    });
    const by = h('input', {
      id: 'decision-by',
      type: 'text',
      autocomplete: 'name',
      placeholder: 'the API key’s name',
      'data-testid': 'decision-by',
    });
    const out = h('div', { 'aria-live': 'polite' });
    const buttons = [
      h('button', { type: 'submit', value: 'false_positive', className: 'primary', 'data-testid': 'decide-false-positive' }, 'False positive'),
      h('button', { type: 'submit', value: 'true_match', className: 'danger', 'data-testid': 'decide-true-match' }, 'True match'),
    ];
    return h(
      'form',
      {
        className: 'panel-form decision-form',
        'data-testid': 'decision-form',
        onsubmit: async (event) => {
          event.preventDefault();
          const as = event.submitter?.value;
          if (!DECISIONS[as]) return;
          const text = reason.value.trim();
          if (!text) {
            clear(out, errorBox('A decision needs a reason.'));
            reason.focus();
            return;
          }
          const payload = { as, reason: text };
          if (by.value.trim()) payload.by = by.value.trim();
          for (const b of buttons) b.disabled = true;
          clear(out, h('p', { className: 'muted' }, 'Recording the decision…'));
          try {
            const { body } = await request('POST', `/alerts/${encodeURIComponent(a.id)}/decision`, payload);
            if (!live()) return;
            const decided = body.alert || body;
            replaceRow(decided);
            if (state.selected === String(a.id)) {
              const formEl = detail.querySelector('[data-testid="decision-form"]');
              if (formEl) formEl.replaceWith(decidedBlock(decided.decision || { ...payload }));
            }
            loadBooks();
          } catch (e) {
            if (!live()) return;
            if (e.status === 409) {
              // Decided meanwhile (elsewhere): show the decision that stands.
              await openAlert(a.id, false);
              if (state.selected === String(a.id)) detail.prepend(errorBox(e.message));
              return;
            }
            for (const b of buttons) b.disabled = false;
            clear(out, errorBox(e.message));
          }
        },
      },
      h('h3', {}, 'Decide'),
      h(
        'div',
        { className: 'fields' },
        h('div', { className: 'field wide' }, h('label', { for: 'decision-reason' }, 'Reason (required)'), reason),
        h('div', { className: 'field' }, h('label', { for: 'decision-by' }, 'By (optional)'), by),
      ),
      h('div', { className: 'actions' }, buttons),
      out,
    );
  }

  loadBooks();
  loadAlerts();
}
