// Entity view (#/entity/ID): GET /entities/{id}, everything the lists say about one entity.

import { request, entityPath } from './api.js';
import {
  h,
  clear,
  regimeBadges,
  regimeBadge,
  entityLink,
  versionsBlock,
  errorBox,
  scriptOf,
  words,
  table,
} from './dom.js';

function dateText(d) {
  if (!d) return '';
  if (typeof d === 'string') return d;
  let s = d.date || d.text || '';
  if (d.until) s += ` to ${d.until}`;
  if (d.approximate) s = `about ${s}`;
  return s;
}

export async function renderEntity(root, id) {
  clear(root, h('p', { className: 'muted' }, `Loading ${id}…`));
  let body;
  try {
    ({ body } = await request('GET', entityPath(id)));
  } catch (e) {
    clear(
      root,
      h('h1', {}, id),
      errorBox(e.status === 404 ? `No current list version holds ${id}.` : e.message),
    );
    return;
  }
  const e = body.entity || {};
  const names = e.names || [];
  const sanctions = e.sanctions || [];
  const prov = e.provenance || {};
  const facts = [
    ['Schema', body.schema || e.schema],
    ['Source', [prov.source, prov.record_id].filter(Boolean).join(' record ')],
    ['Datasets', (body.datasets || []).join(', ')],
    ['Birth dates', (e.birth_dates || []).map(dateText).join('; ')],
    ['Birth places', (e.birth_places || []).join('; ')],
    ['Incorporated', (e.incorporation_dates || []).map(dateText).join('; ')],
    ['Gender', e.gender],
    ['Titles', (e.titles || []).join('; ')],
    ['Positions', (e.positions || []).join('; ')],
  ].filter(([, v]) => v);

  clear(
    root,
    h(
      'header',
      { className: 'entity-head' },
      h('h1', { 'data-testid': 'entity-caption' }, body.caption || id),
      regimeBadges(body.regimes),
      h('p', { className: 'muted' }, h('code', { 'data-testid': 'entity-id' }, body.id || id)),
    ),
    h(
      'dl',
      { className: 'facts', 'data-testid': 'entity-facts' },
      facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
    ),
    table(
      'Names',
      ['Name', 'Kind', 'Script', 'Parts'],
      names.map((n) =>
        h(
          'tr',
          { 'data-testid': 'entity-name', 'data-kind': n.kind },
          h('td', { lang: n.lang || null }, n.full),
          h('td', {}, words(n.kind)),
          h('td', {}, scriptOf(n.full || '')),
          h(
            'td',
            { className: 'muted' },
            [
              ['title', n.title],
              ['given', n.given],
              ['middle', n.middle],
              ['patronymic', n.patronymic],
              ['family', n.family],
            ]
              .filter(([, v]) => v)
              .map(([k, v]) => `${k}: ${v}`)
              .join('; '),
          ),
        ),
      ),
      { 'data-testid': 'entity-names' },
    ),
    table(
      'Sanctions and programmes',
      ['Regime', 'Authority', 'Programme', 'List', 'Listed on', 'Modified on', 'Reference'],
      sanctions.map((s) =>
        h(
          'tr',
          { 'data-testid': 'entity-sanction', 'data-regime': s.regime },
          h('td', {}, regimeBadge(s.regime)),
          h('td', {}, s.authority || ''),
          h('td', {}, s.program || ''),
          h('td', {}, s.list || ''),
          h('td', {}, s.listed_on || '—'),
          h('td', {}, s.modified_on || ''),
          h('td', {}, s.reference || ''),
        ),
      ),
      { 'data-testid': 'entity-sanctions' },
    ),
    sanctions.some((s) => s.reason)
      ? h(
          'div',
          { className: 'reasons' },
          sanctions
            .filter((s) => s.reason)
            .map((s) => h('p', {}, h('strong', {}, `${s.program || s.regime}: `), s.reason)),
        )
      : null,
    table(
      'Identifiers',
      ['Type', 'Value', 'Country', 'Label', 'Note'],
      (e.identifiers || []).map((i) =>
        h(
          'tr',
          { 'data-testid': 'entity-identifier' },
          h('td', {}, words(i.type)),
          h('td', {}, h('code', {}, i.value)),
          h('td', {}, i.country || ''),
          h('td', {}, i.label || ''),
          h('td', {}, i.note || ''),
        ),
      ),
      { 'data-testid': 'entity-identifiers' },
    ),
    table(
      'Countries',
      ['Role', 'Country'],
      (e.countries || []).map((c) =>
        h(
          'tr',
          { 'data-testid': 'entity-country' },
          h('td', {}, words(c.role)),
          h('td', {}, [c.code, c.text].filter(Boolean).join(' — ')),
        ),
      ),
      { 'data-testid': 'entity-countries' },
    ),
    table(
      'Addresses',
      ['Address', 'Country', 'Note'],
      (e.addresses || []).map((a) =>
        h(
          'tr',
          { 'data-testid': 'entity-address' },
          h(
            'td',
            {},
            a.full || [a.street, a.postal_code, a.city, a.region].filter(Boolean).join(', '),
          ),
          h('td', {}, [a.country_code, a.country_text].filter(Boolean).join(' — ')),
          h('td', {}, a.note || ''),
        ),
      ),
      { 'data-testid': 'entity-addresses' },
    ),
    table(
      'History',
      ['Version', 'List date', 'Change', 'Fields'],
      (body.history || []).map((v) =>
        h(
          'tr',
          { 'data-testid': 'entity-history', 'data-change': v.change },
          h('td', { className: 'num' }, v.version),
          h('td', {}, v.list_date || (v.retrieved ? `retrieved ${v.retrieved}` : '—')),
          h('td', {}, v.change),
          h('td', {}, (v.fields || []).map(words).join(', ')),
        ),
      ),
      { 'data-testid': 'entity-history-table' },
    ),
    table(
      'Relationships',
      ['Direction', 'Kind', 'Entity', 'Share', 'Interest', 'Period', 'Note'],
      (body.relationships || []).map((r) =>
        h(
          'tr',
          { 'data-testid': 'entity-relationship' },
          h('td', {}, r.direction === 'incoming' ? '← from' : '→ to'),
          h('td', {}, words(r.kind)),
          h(
            'td',
            {},
            r.id
              ? entityLink(r.id, r.caption || r.id, { 'data-testid': 'relationship-link' })
              : r.caption || '—',
          ),
          h('td', {}, r.share ? `${r.share} %` : ''),
          h('td', {}, r.interest || ''),
          h('td', {}, [r.start, r.end].some(Boolean) ? `${r.start || '…'} – ${r.end || '…'}` : ''),
          h('td', {}, r.note || ''),
        ),
      ),
      { 'data-testid': 'entity-relationships' },
    ),
    e.remarks
      ? h('section', {}, h('h2', {}, 'Remarks'), h('p', { className: 'remarks' }, e.remarks))
      : null,
    contactList(e),
    versionsBlock(body.versions),
  );
  document.title = `${body.caption || id} — cordon`;
}

function contactList(e) {
  const rows = [
    ['Emails', e.emails],
    ['Phones', e.phones],
    ['Websites', e.websites],
  ].filter(([, v]) => v && v.length);
  if (rows.length === 0) return null;
  return h(
    'dl',
    { className: 'facts' },
    rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v.join('; '))]),
  );
}
