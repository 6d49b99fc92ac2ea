// Small DOM helpers shared by the views. Text always goes in as text nodes: list data is never
// parsed as HTML.

/**
 * h('a', {href: '#/x', 'data-testid': 'y', onclick: fn}, 'text', child, [more children])
 * Attributes named on* become event listeners; false/null/undefined attributes are left out;
 * null/undefined/false children are skipped.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'style' && typeof value === 'object') {
      Object.assign(el.style, value);
    } else if (name === 'className') {
      el.className = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces the children of `el` with `children` (skipping null/undefined/false, as h does). */
export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const REGIME_LABELS = { us: 'US', eu: 'EU', uk: 'UK', un: 'UN' };
const REGIME_TITLES = {
  us: 'Listed under a United States regime',
  eu: 'Listed under a European Union regime',
  uk: 'Listed under a United Kingdom regime',
  un: 'Listed by the UN Security Council',
};

export function regimeBadge(regime) {
  const r = String(regime).toLowerCase();
  return h(
    'span',
    {
      className: `badge badge-${REGIME_LABELS[r] ? r : 'other'}`,
      title: REGIME_TITLES[r] || `Listed under ${regime}`,
      'data-testid': 'regime-badge',
      'data-regime': r,
    },
    REGIME_LABELS[r] || String(regime).toUpperCase(),
  );
}

export function regimeBadges(regimes) {
  const list = regimes || [];
  if (list.length === 0) return h('span', { className: 'muted' }, 'no regime');
  return h('span', { className: 'badges', 'aria-label': 'Regimes' }, list.map(regimeBadge));
}

export function entityLink(id, text, attrs = {}) {
  return h('a', { href: `#/entity/${encodeURIComponent(id)}`, ...attrs }, text ?? id);
}

/** The list versions an answer was computed on. */
export function versionsBlock(versions) {
  if (!versions || versions.length === 0) return null;
  return h(
    'details',
    { className: 'versions', 'data-testid': 'versions' },
    h(
      'summary',
      {},
      `Computed on ${versions.length} list version${versions.length === 1 ? '' : 's'}`,
    ),
    h(
      'ul',
      {},
      versions.map((v) =>
        h(
          'li',
          { 'data-testid': 'version', 'data-source': v.source },
          h('code', {}, `${v.source}@${v.version}`),
          ' list date ',
          v.list_date || '—',
          ', retrieved ',
          v.retrieved || '—',
        ),
      ),
    ),
  );
}

export function errorBox(message, attrs = {}) {
  return h('div', { className: 'error', role: 'alert', 'data-testid': 'error', ...attrs }, message);
}

export function formatScore(score) {
  return typeof score === 'number' ? score.toFixed(3) : '—';
}

/** The writing system a name is mostly written in, for the entity page's names table. */
export function scriptOf(text) {
  const scripts = [
    ['Cyrillic', /\p{Script=Cyrillic}/u],
    ['Arabic', /\p{Script=Arabic}/u],
    ['Han', /\p{Script=Han}/u],
    ['Hangul', /\p{Script=Hangul}/u],
    ['Japanese', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
    ['Greek', /\p{Script=Greek}/u],
    ['Hebrew', /\p{Script=Hebrew}/u],
    ['Georgian', /\p{Script=Georgian}/u],
    ['Armenian', /\p{Script=Armenian}/u],
    ['Thai', /\p{Script=Thai}/u],
    ['Devanagari', /\p{Script=Devanagari}/u],
    ['Latin', /\p{Script=Latin}/u],
  ];
  for (const [name, re] of scripts) if (re.test(text)) return name;
  return '—';
}

/** Readable form of a snake_case or camelCase word ("strong_alias" -> "strong alias"). */
export function words(s) {
  return String(s ?? '')
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

/** A table with a caption, header cells and rows of cells; empty rows give a "none" note. */
export function table(caption, headers, rows, attrs = {}) {
  if (rows.length === 0) {
    return h('p', { className: 'muted', 'data-testid': attrs['data-testid'] }, `${caption}: none`);
  }
  return h(
    'table',
    attrs,
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((x) => h('th', { scope: 'col' }, x)),
      ),
    ),
    h('tbody', {}, rows),
  );
}
