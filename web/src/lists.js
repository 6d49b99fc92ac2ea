// Lists view (#/lists, #/lists/SOURCE): GET /lists, every source with its versions, and for the
// chosen source GET /lists/{source}/diff, the latest version's delta against its predecessor.

import { request } from './api.js';
import { h, clear, entityLink, versionsBlock, errorBox, words, table } from './dom.js';

const DIFF_LIMIT = 500;

export async function renderLists(root, chosen) {
  clear(root, h('h1', {}, 'Lists'), h('p', { className: 'muted' }, 'Loading…'));
  let body;
  try {
    ({ body } = await request('GET', '/lists'));
  } catch (e) {
    clear(root, h('h1', {}, 'Lists'), errorBox(e.message));
    return;
  }
  const sources = body.sources || [];
  const index = body.index;
  const diff = h('section', { id: 'diff', 'aria-live': 'polite' });
  clear(
    root,
    h('h1', {}, 'Lists'),
    index
      ? h(
          'p',
          { className: 'muted', 'data-testid': 'index-info' },
          `Index of ${index.entities} entities, built ${index.built_at || '—'}` +
            (typeof index.build_seconds === 'number'
              ? ` in ${index.build_seconds.toFixed(1)} s`
              : '') +
            '.',
        )
      : null,
    table(
      'Sources and their current versions',
      [
        'Source',
        'Versions',
        'Current',
        'Format',
        'List date',
        'Retrieved',
        'Entities',
        'Added',
        'Removed',
        'Changed',
        'Warnings',
        'Delta',
      ],
      sources.map((s) => sourceRow(s, s.name === chosen)),
      { className: 'sources', 'data-testid': 'sources' },
    ),
    diff,
    versionsBlock(body.versions),
  );
  if (chosen) {
    const source = sources.find((s) => s.name === chosen);
    if (source) renderDiff(diff, source);
    else diff.append(errorBox(`No source named ${chosen}.`));
  }
}

function sourceRow(s, selected) {
  const versions = s.versions || [];
  const cur = s.current || versions[versions.length - 1] || {};
  const count = s.version_count ?? versions.length;
  return h(
    'tr',
    {
      'data-testid': 'source-row',
      'data-source': s.name,
      'aria-current': selected ? 'true' : null,
    },
    h('th', { scope: 'row' }, h('code', {}, s.name)),
    h('td', { className: 'num', 'data-testid': 'version-count' }, count),
    h('td', { className: 'num' }, cur.version ?? '—'),
    h('td', {}, cur.format || ''),
    h('td', {}, cur.list_date || '—'),
    h('td', {}, cur.retrieved || '—'),
    h('td', { className: 'num' }, cur.entities ?? ''),
    h('td', { className: 'num' }, cur.added ?? ''),
    h('td', { className: 'num' }, cur.removed ?? ''),
    h('td', { className: 'num' }, cur.changed ?? ''),
    h('td', { className: 'num' }, cur.warnings ?? ''),
    h(
      'td',
      {},
      count > 1
        ? h(
            'a',
            { href: `#/lists/${encodeURIComponent(s.name)}`, 'data-testid': 'show-diff' },
            'Latest changes',
          )
        : h('span', { className: 'muted' }, 'first version'),
    ),
  );
}

async function renderDiff(section, source) {
  clear(section, h('p', { className: 'muted' }, `Loading the changes of ${source.name}…`));
  let body;
  try {
    ({ body } = await request(
      'GET',
      `/lists/${encodeURIComponent(source.name)}/diff?limit=${DIFF_LIMIT}`,
    ));
  } catch (e) {
    clear(section, errorBox(e.message));
    return;
  }
  const changes = body.changes || [];
  const counts = body.counts || {
    added: changes.filter((c) => kindOf(c) === 'added').length,
    removed: changes.filter((c) => kindOf(c) === 'removed').length,
    changed: changes.filter((c) => kindOf(c) === 'changed').length,
  };
  clear(
    section,
    h(
      'h2',
      { 'data-testid': 'diff-title' },
      `${body.source || source.name}: version ${body.from_version} → ${body.to_version}`,
    ),
    h(
      'ul',
      { className: 'counts', 'data-testid': 'diff-counts' },
      ['added', 'removed', 'changed'].map((k) =>
        h(
          'li',
          { className: `count-${k}`, 'data-testid': `diff-${k}` },
          h('strong', {}, counts[k] ?? 0),
          ` ${k}`,
        ),
      ),
    ),
    body.truncated
      ? h(
          'p',
          { className: 'muted', 'data-testid': 'diff-truncated' },
          `Showing the first ${changes.length} changes.`,
        )
      : null,
    table(
      'Changes',
      ['Change', 'Entity', 'Caption', 'Fields'],
      changes.map((c) => {
        const id = c.entity_id || c.id;
        const kind = kindOf(c);
        return h(
          'tr',
          { 'data-testid': 'diff-change', 'data-kind': kind },
          h('td', {}, h('span', { className: `change change-${kind}` }, kind)),
          h('td', {}, kind === 'removed' ? h('code', {}, id) : entityLink(id, h('code', {}, id))),
          h('td', {}, c.caption || ''),
          h('td', {}, (c.fields || []).map(words).join(', ')),
        );
      }),
      { className: 'changes', 'data-testid': 'diff-changes' },
    ),
  );
}

function kindOf(c) {
  return c.kind || c.change || '';
}
