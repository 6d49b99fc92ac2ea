// Regimes view (#/regimes?regimes=us,eu&programme=russia&as_of=YYYY-MM-DD, #/regimes/subject/ID):
// GET /divergence — the matrix of who lists what, its series over the list versions as a chart,
// third-country companies, and each subject's listings side by side; GET /subjects/{id} — one
// subject's records and the evidence linking them; GET /licences and /licences/check — which
// general licence authorises an activity with a party on a date.

import { request } from './api.js';
import { h, clear, entityLink, versionsBlock, errorBox, words, table } from './dom.js';

const REGIMES = ['us', 'eu', 'uk', 'un'];
const PROGRAMMES = ['', 'russia', 'belarus', 'iran', 'dprk', 'syria', 'terrorism'];
const SUBJECT_LIMIT = 200;
const SVG = 'http://www.w3.org/2000/svg';

// A slow answer must not draw over the view the analyst has moved on to.
function stillOn(hash) {
  return location.hash === hash;
}

export async function renderRegimes(root, params, subjectId) {
  if (subjectId) return renderSubject(root, subjectId);
  const chosen = (params.get('regimes') || REGIMES.join(',')).split(',').filter(Boolean);
  const programme = params.get('programme') || '';
  const asOf = params.get('as_of') || '';
  const form = h(
    'form',
    {
      className: 'filters',
      'data-testid': 'divergence-form',
      onsubmit: (event) => {
        event.preventDefault();
        const data = new FormData(event.target);
        const q = new URLSearchParams();
        q.set('regimes', REGIMES.filter((r) => data.get(`regime-${r}`)).join(','));
        if (data.get('programme')) q.set('programme', data.get('programme'));
        if (data.get('as_of')) q.set('as_of', data.get('as_of'));
        location.hash = `#/regimes?${q}`;
      },
    },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Regimes compared'),
      REGIMES.map((r) =>
        h(
          'label',
          { className: 'inline' },
          h('input', {
            type: 'checkbox',
            name: `regime-${r}`,
            checked: chosen.includes(r),
            'data-testid': `divergence-regime-${r}`,
          }),
          ` ${r.toUpperCase()} `,
        ),
      ),
    ),
    h('label', { for: 'divergence-programme' }, 'Programme'),
    h(
      'select',
      { id: 'divergence-programme', name: 'programme', 'data-testid': 'divergence-programme' },
      PROGRAMMES.map((p) => h('option', { value: p, selected: p === programme }, p || 'any')),
    ),
    h('label', { for: 'divergence-as-of' }, 'As of'),
    h('input', {
      id: 'divergence-as-of',
      name: 'as_of',
      type: 'date',
      value: asOf,
      'data-testid': 'divergence-as-of',
    }),
    h('button', { type: 'submit', className: 'primary', 'data-testid': 'divergence-apply' }, 'Show'),
  );
  const licences = h('section', { 'data-testid': 'licences' });
  clear(root, h('h1', {}, 'Regimes side by side'), form, h('p', { className: 'muted' }, 'Loading…'), licences);
  renderLicences(licences);
  const q = new URLSearchParams({ regimes: chosen.join(','), limit: String(SUBJECT_LIMIT) });
  if (programme) q.set('programme', programme);
  if (asOf) q.set('as_of', asOf);
  const hash = location.hash;
  let body;
  try {
    ({ body } = await request('GET', `/divergence?${q}`));
  } catch (e) {
    if (stillOn(hash)) clear(root, h('h1', {}, 'Regimes side by side'), form, errorBox(e.message), licences);
    return;
  }
  if (!stillOn(hash)) return;
  const matrixRows = Object.entries(body.matrix || {})
    .sort((a, b) => b[1] - a[1])
    .map(([combination, count]) =>
      h(
        'tr',
        { 'data-testid': 'matrix-row', 'data-combination': combination },
        h('th', { scope: 'row' }, combination.toUpperCase().replaceAll('+', ' + ')),
        h('td', { className: 'num' }, count),
      ),
    );
  const third = Object.entries(body.third_country || {})
    .sort((a, b) => b[1] - a[1])
    .map(([country, count]) =>
      h('tr', { 'data-testid': 'third-country-row' }, h('th', { scope: 'row' }, country), h('td', { className: 'num' }, count)),
    );
  clear(
    root,
    h('h1', {}, 'Regimes side by side'),
    form,
    h(
      'p',
      { className: 'muted', 'data-testid': 'divergence-summary' },
      `As of ${body.as_of}: ${body.total} subjects listed or delisted` +
        (programme ? ` under ${programme}` : '') +
        (body.total > (body.subjects || []).length ? `; the first ${body.subjects.length} below.` : '.'),
    ),
    h(
      'div',
      { className: 'columns' },
      table('Subjects by the regimes that list them', ['Listed by', 'Subjects'], matrixRows, {
        'data-testid': 'divergence-matrix',
      }),
      table('Companies listed under a Russia programme, registered outside Russia and Belarus', ['Country', 'Companies'], third, {
        'data-testid': 'third-country',
      }),
    ),
    chart(body.series || []),
    table(
      'Each subject, regime by regime',
      ['Subject', ...chosen.map((r) => r.toUpperCase())],
      (body.subjects || []).map((s) => subjectRow(s, chosen)),
      { className: 'divergence', 'data-testid': 'divergence-subjects' },
    ),
    licences,
    versionsBlock(body.versions),
  );
}

function subjectRow(s, chosen) {
  return h(
    'tr',
    { 'data-testid': 'divergence-subject', 'data-subject': s.subject },
    h(
      'th',
      { scope: 'row' },
      h('a', { href: `#/regimes/subject/${encodeURIComponent(s.subject)}`, 'data-testid': 'subject-link' }, s.caption || s.subject),
      h('div', { className: 'muted' }, `${words(s.schema)} · ${s.entities.length} record${s.entities.length === 1 ? '' : 's'}`),
    ),
    chosen.map((r) => {
      const listing = s.listed?.[r];
      if (listing) {
        return h(
          'td',
          { 'data-regime': r, 'data-state': 'listed', className: 'listed' },
          h('strong', {}, `since ${listing.since || '?'}`),
          h('div', { className: 'muted' }, (listing.programmes || []).join(', ')),
        );
      }
      const delisted = s.delisted?.[r];
      return h(
        'td',
        { 'data-regime': r, 'data-state': delisted ? 'delisted' : 'not_listed' },
        delisted ? `delisted ${delisted}` : '—',
      );
    }),
  );
}

// The matrix over the list versions: one line per combination of regimes (the six largest).
function chart(series) {
  const totals = {};
  for (const point of series) {
    for (const [k, v] of Object.entries(point.matrix)) totals[k] = Math.max(totals[k] || 0, v);
  }
  const keys = Object.keys(totals).sort((a, b) => totals[b] - totals[a]).slice(0, 6);
  if (series.length === 0 || keys.length === 0) {
    return h('p', { className: 'muted', 'data-testid': 'divergence-chart' }, 'No versions to chart.');
  }
  const width = 720, height = 240, left = 56, bottom = 40, top = 12, right = 150;
  const max = Math.max(1, ...keys.map((k) => totals[k]));
  // A log scale: the US list has thousands of entries, the rest tens.
  const y = (v) => top + (height - top - bottom) * (1 - Math.log10(1 + v) / Math.log10(1 + max));
  const x = (i) => left + ((width - left - right) * i) / Math.max(1, series.length - 1);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'Subjects by the regimes that list them, on each list version date');
  svg.setAttribute('data-testid', 'divergence-chart');
  svg.classList.add('chart');
  const el = (tag, attrs, text) => {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    svg.append(e);
    return e;
  };
  el('line', { x1: left, y1: height - bottom, x2: width - right, y2: height - bottom, class: 'axis' });
  series.forEach((point, i) => {
    el('text', { x: x(i), y: height - bottom + 14, 'text-anchor': 'middle', class: 'tick' }, point.date.slice(0, 7));
  });
  for (const v of [1, 10, 100, 1000, 10000].filter((v) => v <= max * 1.5)) {
    el('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, v);
  }
  keys.forEach((key, n) => {
    const points = series.map((p, i) => `${x(i)},${y(p.matrix[key] || 0)}`).join(' ');
    el('polyline', { points, class: `series series-${n}`, 'data-testid': 'chart-series', 'data-combination': key });
    el('text', { x: width - right + 8, y: top + 14 + n * 16, class: `legend series-${n}` }, key.toUpperCase());
  });
  return h('figure', {}, svg, h('figcaption', { className: 'muted' }, 'Subjects listed by each combination of regimes on each list version date (log scale).'));
}

async function renderSubject(root, id) {
  clear(root, h('h1', {}, 'Subject'), h('p', { className: 'muted' }, 'Loading…'));
  const hash = location.hash;
  let body;
  try {
    ({ body } = await request('GET', `/subjects/${encodeURIComponent(id)}`));
  } catch (e) {
    if (stillOn(hash)) clear(root, h('h1', {}, 'Subject'), errorBox(e.message));
    return;
  }
  if (!stillOn(hash)) return;
  clear(
    root,
    h('h1', { 'data-testid': 'subject-title' }, body.caption),
    h('p', { className: 'muted' }, `${body.subject} · ${words(body.schema)}` + (body.un_references?.length ? ` · UN ${body.un_references.join(', ')}` : '')),
    table(
      'Its records on the lists',
      ['Record', 'List'],
      body.entities.map((e) =>
        h('tr', { 'data-testid': 'subject-record' }, h('td', {}, entityLink(e, e)), h('td', {}, e.split(':')[0])),
      ),
      { 'data-testid': 'subject-records' },
    ),
    table(
      'Why they are one subject',
      ['Record', 'Record', 'Evidence', 'Detail'],
      body.links.map((l) =>
        h(
          'tr',
          { 'data-testid': 'subject-link-row', 'data-kind': l.kind },
          h('td', {}, l.from),
          h('td', {}, l.to),
          h('td', {}, words(l.kind)),
          h('td', {}, l.detail),
        ),
      ),
      { 'data-testid': 'subject-links' },
    ),
    h('p', {}, h('a', { href: '#/regimes' }, '← All subjects')),
  );
}

async function renderLicences(section) {
  let body;
  try {
    ({ body } = await request('GET', '/licences'));
  } catch (e) {
    clear(section, h('h2', {}, 'General licences'), errorBox(e.message));
    return;
  }
  const result = h('div', { 'aria-live': 'polite', 'data-testid': 'licence-result' });
  const activities = Object.keys(body.activities || {});
  const form = h(
    'form',
    {
      className: 'filters',
      'data-testid': 'licence-form',
      onsubmit: async (event) => {
        event.preventDefault();
        const data = new FormData(event.target);
        const q = new URLSearchParams({
          regime: data.get('regime'),
          party: data.get('party'),
          activity: data.get('activity'),
        });
        if (data.get('date')) q.set('date', data.get('date'));
        clear(result, h('p', { className: 'muted' }, 'Checking…'));
        try {
          const { body: check } = await request('GET', `/licences/check?${q}`);
          const text = check.authorised
            ? `Authorised on ${check.date} by ${check.licences.join(', ')}.`
            : check.last_licence
              ? `No licence in force on ${check.date}; the last, ${check.last_licence}, ended on ${check.last_ended}.`
              : `No licence in the table authorises it on ${check.date}.`;
          clear(result, h('p', { 'data-authorised': String(check.authorised), className: check.authorised ? 'ok' : 'warn' }, text));
        } catch (e) {
          clear(result, errorBox(e.message));
        }
      },
    },
    h('label', { for: 'licence-regime' }, 'Regime'),
    h('select', { id: 'licence-regime', name: 'regime', 'data-testid': 'licence-regime' }, ['us', 'uk', 'eu'].map((r) => h('option', { value: r }, r.toUpperCase()))),
    h('label', { for: 'licence-party' }, 'Party'),
    h('input', { id: 'licence-party', name: 'party', required: true, 'data-testid': 'licence-party' }),
    h('label', { for: 'licence-activity' }, 'Activity'),
    h('select', { id: 'licence-activity', name: 'activity', 'data-testid': 'licence-activity' }, activities.map((a) => h('option', { value: a, title: body.activities[a] }, words(a)))),
    h('label', { for: 'licence-date' }, 'Date'),
    h('input', { id: 'licence-date', name: 'date', type: 'date', 'data-testid': 'licence-date' }),
    h('button', { type: 'submit', className: 'primary', 'data-testid': 'licence-check' }, 'Check'),
  );
  clear(
    section,
    h('h2', {}, 'General licences'),
    h('p', { className: 'muted' }, `${body.licences.length} licences in cordon's curated table; each field is sourced or marked unverified.`),
    form,
    result,
  );
}
