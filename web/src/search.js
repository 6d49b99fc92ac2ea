// Search view (#/search?name=...&dob=...&country=...&schema=...&dataset=...&threshold=...):
// one query to POST /match/{dataset}, each result with its score, regimes and explanation.
// The form's values live in the hash so a result page can be bookmarked and Back returns to it.

import { request, ApiError } from './api.js';
import {
  h,
  clear,
  regimeBadges,
  entityLink,
  versionsBlock,
  errorBox,
  formatScore,
  words,
  table,
} from './dom.js';

const SCHEMAS = [
  ['', 'Any'],
  ['Person', 'Person'],
  ['Company', 'Company'],
  ['Organization', 'Organization'],
  ['Vessel', 'Vessel'],
  ['Aircraft', 'Aircraft'],
];
const DATASETS = [
  ['default', 'Every list'],
  ['us', 'US regimes'],
  ['eu', 'EU regimes'],
  ['uk', 'UK regimes'],
  ['un', 'UN Security Council'],
];

function field(label, input, hint) {
  const id = input.id;
  return h(
    'div',
    { className: 'field' },
    h('label', { for: id }, label),
    input,
    hint ? h('small', { id: `${id}-hint`, className: 'hint' }, hint) : null,
  );
}

function select(id, options, value, testid) {
  return h(
    'select',
    { id, name: id, 'data-testid': testid },
    options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)),
  );
}

export function renderSearch(root, params) {
  const p = {
    name: params.get('name') || '',
    dob: params.get('dob') || '',
    country: params.get('country') || '',
    schema: params.get('schema') || '',
    dataset: params.get('dataset') || 'default',
    threshold: params.get('threshold') || '0.70',
  };
  const nameInput = h('input', {
    id: 'search-name',
    name: 'name',
    type: 'search',
    required: true,
    autocomplete: 'off',
    value: p.name,
    'data-testid': 'search-name',
    'aria-describedby': 'search-name-hint',
  });
  const dobInput = h('input', {
    id: 'search-dob',
    name: 'dob',
    type: 'text',
    inputmode: 'numeric',
    placeholder: 'YYYY-MM-DD',
    pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?',
    value: p.dob,
    'data-testid': 'search-dob',
    'aria-describedby': 'search-dob-hint',
  });
  const countryInput = h('input', {
    id: 'search-country',
    name: 'country',
    type: 'text',
    maxlength: 2,
    size: 3,
    placeholder: 'RU',
    pattern: '[A-Za-z]{2}',
    value: p.country,
    'data-testid': 'search-country',
    'aria-describedby': 'search-country-hint',
  });
  const schemaSelect = select('search-schema', SCHEMAS, p.schema, 'search-schema');
  const datasetSelect = select('search-dataset', DATASETS, p.dataset, 'search-dataset');
  const thresholdInput = h('input', {
    id: 'search-threshold',
    name: 'threshold',
    type: 'number',
    min: 0,
    max: 1,
    step: 0.05,
    value: p.threshold,
    'data-testid': 'search-threshold',
  });
  const results = h('section', { id: 'results', 'aria-live': 'polite', 'aria-busy': 'false' });

  const form = h(
    'form',
    {
      className: 'search-form',
      role: 'search',
      'data-testid': 'search-form',
      onsubmit: (event) => {
        event.preventDefault();
        const q = new URLSearchParams();
        q.set('name', nameInput.value.trim());
        if (dobInput.value.trim()) q.set('dob', dobInput.value.trim());
        if (countryInput.value.trim()) q.set('country', countryInput.value.trim().toUpperCase());
        if (schemaSelect.value) q.set('schema', schemaSelect.value);
        if (datasetSelect.value !== 'default') q.set('dataset', datasetSelect.value);
        if (thresholdInput.value && thresholdInput.value !== '0.70')
          q.set('threshold', thresholdInput.value);
        const hash = `#/search?${q}`;
        // Same hash (search again): the router sees no change, so run it here.
        if (location.hash === hash) runSearch(results, Object.fromEntries(q));
        else location.hash = hash;
      },
    },
    h(
      'div',
      { className: 'fields' },
      field('Name', nameInput, 'In any script: Latin, Cyrillic, Arabic, Chinese…'),
      field('Date of birth', dobInput, 'YYYY, YYYY-MM or YYYY-MM-DD'),
      field('Country', countryInput, 'ISO 3166 alpha-2'),
      field('Type', schemaSelect),
      field('Lists', datasetSelect),
      field('Threshold', thresholdInput),
    ),
    h('button', { type: 'submit', className: 'primary', 'data-testid': 'search-submit' }, 'Screen'),
  );

  clear(root, h('h1', {}, 'Screen a name'), form, results);
  if (p.name) runSearch(results, p);
  else nameInput.focus();
}

async function runSearch(results, p) {
  const properties = { name: [p.name] };
  if (p.dob) properties.birthDate = [p.dob];
  if (p.country) properties.nationality = [p.country.toLowerCase()];
  const query = { properties };
  // "Any" sends no schema: the matcher then compares against every kind of entity.
  if (p.schema) query.schema = p.schema;
  const dataset = p.dataset || 'default';
  const threshold = Number(p.threshold || '0.70');
  results.setAttribute('aria-busy', 'true');
  clear(results, h('p', { className: 'muted', 'data-testid': 'searching' }, 'Screening…'));
  try {
    const { body } = await request('POST', `/match/${encodeURIComponent(dataset)}`, {
      queries: { q1: query },
      threshold,
      limit: 10,
    });
    const response = body.responses && body.responses.q1;
    clear(results);
    if (!response)
      throw new ApiError(0, 'bad_response', 'the answer has no response for the query');
    if (response.status && response.status !== 200) {
      results.append(errorBox(response.error || `query failed (${response.status})`));
      return;
    }
    const hits = response.results || [];
    const where = dataset === 'default' ? 'every list' : new Map(DATASETS).get(dataset) || dataset;
    clear(
      results,
      h(
        'p',
        { className: 'summary', 'data-testid': 'results-summary' },
        hits.length === 0
          ? `No match at or above ${formatScore(body.threshold ?? threshold)} in ${where}.`
          : `${hits.length} match${hits.length === 1 ? '' : 'es'} at or above ${formatScore(
              body.threshold ?? threshold,
            )} in ${where}${body.algorithm ? ` (algorithm ${body.algorithm})` : ''}.`,
      ),
      h('ol', { className: 'results', 'data-testid': 'results' }, hits.map(resultItem)),
      versionsBlock(body.versions),
    );
  } catch (e) {
    clear(results, errorBox(e.message));
  } finally {
    results.setAttribute('aria-busy', 'false');
  }
}

function scoreBar(score) {
  const pct = Math.max(0, Math.min(1, Number(score) || 0)) * 100;
  return h(
    'div',
    {
      className: 'scorebar',
      role: 'meter',
      'aria-valuemin': 0,
      'aria-valuemax': 1,
      'aria-valuenow': score,
      'aria-label': `Score ${formatScore(score)}`,
      'data-testid': 'score-bar',
    },
    h('div', {
      className: 'scorebar-fill',
      style: { width: `${pct}%` },
      'data-testid': 'score-fill',
    }),
  );
}

function resultItem(r) {
  const x = r.explanation || {};
  const sourceId = r.source_id || (r.id || '').split(':').slice(1).join(':');
  const source = (r.datasets && r.datasets[0]) || (r.id || '').split(':')[0];
  return h(
    'li',
    { className: 'result', 'data-testid': 'result', 'data-entity-id': r.id },
    h(
      'div',
      { className: 'result-head' },
      h(
        'h2',
        {},
        entityLink(r.id, r.caption || r.id, { 'data-testid': 'result-caption' }),
        ' ',
        h('span', { className: 'schema' }, r.schema || ''),
      ),
      regimeBadges(r.regimes),
    ),
    h(
      'div',
      { className: 'score-row' },
      scoreBar(r.score),
      h(
        'span',
        { className: `score ${r.match ? 'is-match' : ''}`, 'data-testid': 'score' },
        formatScore(r.score),
      ),
    ),
    h(
      'p',
      { className: 'provenance' },
      'Source ',
      h('code', { 'data-testid': 'result-source' }, source),
      ', record ',
      h('code', {}, sourceId),
      ', id ',
      h('code', { 'data-testid': 'result-id' }, r.id),
      sanctionsLine(r.sanctions),
    ),
    ownershipLine(r.ownership),
    licencesLine(r.licences),
    explanation(x, r.features),
  );
}

export const TEST_NAMES = {
  us: 'US (OFAC)',
  eu: 'EU',
  uk: 'UK',
  us_bis: 'US export controls (BIS Affiliates Rule)',
};

/** The ownership tests under which the entity is anything but clear: "US (OFAC) blocked". */
export function ownershipSummary(ownership) {
  if (!ownership) return [];
  return Object.entries(ownership)
    .filter(
      ([test, status]) => test in TEST_NAMES && typeof status === 'string' && status !== 'clear',
    )
    .map(([test, status]) => `${TEST_NAMES[test]} ${status}`);
}

function ownershipLine(ownership) {
  const parts = ownershipSummary(ownership);
  if (parts.length === 0) return null;
  return h(
    'p',
    { className: 'ownership', 'data-testid': 'result-ownership' },
    'Ownership and control: ',
    parts.join(' · '),
  );
}

function licencesLine(licences) {
  if (!licences || licences.length === 0) return null;
  return h(
    'p',
    { className: 'licences', 'data-testid': 'result-licences' },
    'General licences in force for it: ',
    licences.map((l) => (l.expires ? `${l.number} (expires ${l.expires})` : l.number)).join('; '),
  );
}

function sanctionsLine(sanctions) {
  if (!sanctions || sanctions.length === 0) return null;
  return h(
    'span',
    { className: 'programs' },
    '. Programmes: ',
    sanctions
      .map(
        (s) =>
          [s.authority, s.program, s.list].filter(Boolean).join(' ') +
          (s.listed_on ? ` (listed ${s.listed_on})` : ''),
      )
      .join('; '),
  );
}

export function explanation(x, features) {
  const pairs = x.pairs || [];
  const contributions =
    x.contributions && x.contributions.length
      ? x.contributions
      : Object.entries(features || {}).map(([feature, delta]) => ({ feature, delta, detail: '' }));
  return h(
    'details',
    { className: 'explanation', open: true, 'data-testid': 'explanation' },
    h('summary', {}, 'Why this matched'),
    h(
      'p',
      { 'data-testid': 'explanation-names' },
      'Query name ',
      h('q', { 'data-testid': 'query-name' }, x.query_name || '—'),
      ' matched listed name ',
      h('q', { 'data-testid': 'entity-name' }, x.entity_name || '—'),
      x.name_kind ? ` (${words(x.name_kind)})` : '',
      typeof x.name_score === 'number' ? `, name score ${formatScore(x.name_score)}` : '',
      x.legal_form ? `; legal form ${x.legal_form}` : '',
      '.',
    ),
    table(
      'Word pairs',
      ['Query word', 'Listed word', 'How', 'Similarity'],
      pairs.map((pair) =>
        h(
          'tr',
          { 'data-testid': 'pair' },
          h('td', {}, pair.query),
          h('td', {}, pair.entity),
          h('td', {}, pair.how),
          h('td', { className: 'num' }, formatScore(pair.similarity)),
        ),
      ),
      { className: 'pairs', 'data-testid': 'pairs' },
    ),
    unmatched('Query words without a match', x.unmatched_query, 'unmatched-query'),
    unmatched('Listed words without a match', x.unmatched_entity, 'unmatched-entity'),
    table(
      'Contributions',
      ['Feature', 'Change', 'Detail'],
      contributions.map((c) =>
        h(
          'tr',
          { 'data-testid': 'contribution', 'data-feature': c.feature },
          h('td', {}, words(c.feature)),
          h('td', { className: 'num' }, `${c.delta >= 0 ? '+' : ''}${formatScore(c.delta)}`),
          h('td', {}, c.detail || ''),
        ),
      ),
      { className: 'contributions', 'data-testid': 'contributions' },
    ),
  );
}

function unmatched(label, list, testid) {
  if (!list || list.length === 0) return null;
  return h(
    'p',
    { 'data-testid': testid },
    `${label}: `,
    list.map((w, i) => [i ? ', ' : '', h('span', { className: 'word' }, w)]),
  );
}
