// Trade view (#/trade): shipments pasted or uploaded (JSON lines, a JSON array, or
// {"shipments": [...]}) screened with POST /trade/screen, each with its risk and findings and
// the evidence behind them; and trade flows ranked (the server's with GET /trade/flows, or an
// uploaded CSV with POST /trade/flows) with a chart of the top rows.

import { request } from './api.js';
import { h, clear, versionsBlock, errorBox, entityLink, formatScore, table } from './dom.js';

const MAX_SHIPMENTS = 1000; // the API's limit per request

/** Shipments from pasted or uploaded text: JSON lines, an array, or {"shipments": [...]}. */
export function parseShipments(text) {
  const trimmed = text.trim();
  if (!trimmed) return [];
  try {
    const whole = JSON.parse(trimmed);
    if (Array.isArray(whole)) return whole;
    if (whole && Array.isArray(whole.shipments)) return whole.shipments;
    if (whole && typeof whole === 'object') return [whole];
  } catch {
    // JSON lines: each line on its own.
  }
  return trimmed
    .split(/\r?\n/)
    .map((line, i) => [line.trim(), i + 1])
    .filter(([line]) => line)
    .map(([line, number]) => {
      try {
        return JSON.parse(line);
      } catch {
        throw new Error(`line ${number} is not JSON`);
      }
    });
}

function levelBadge(level) {
  return h('span', { className: `level level-${level}`, 'data-testid': 'trade-level' }, level);
}

// The evidence of one finding, as a reviewer reads it.
function evidenceOf(f) {
  const items = [];
  if (f.entity_id) {
    items.push(
      h(
        'li',
        {},
        `${f.party}: “${f.name}” matches `,
        entityLink(f.entity_id, f.caption),
        ` at ${formatScore(f.score)}`,
        f.sources ? ` (${f.sources.join(', ')}${f.programmes?.length ? `; ${f.programmes.join(', ')}` : ''})` : '',
      ),
    );
    if (f.ownership) {
      items.push(
        h('li', {}, 'Ownership: ', Object.entries(f.ownership).map(([r, s]) => `${s} under ${r}`).join(', ')),
      );
    }
    if (f.explanation) items.push(h('li', { className: 'muted' }, f.explanation));
  }
  if (f.tier) items.push(h('li', {}, `HS ${f.hs} → HS-6 ${f.hs6}, Tier ${f.tier} (CHPL of ${f.chpl_version})`));
  if (f.hubs) items.push(h('li', {}, `Hubs: ${f.hubs.join(', ')}; tiers ${(f.tiers || []).join(', ')}`));
  if (f.where) items.push(h('li', {}, f.where.join('; ')));
  if (f.annexes) items.push(h('li', {}, `Annex ${f.annexes.join(', ')} to ${f.destination}`));
  return items.length ? h('ul', { className: 'evidence' }, items) : null;
}

function shipmentResult(r) {
  return h(
    'article',
    { className: `shipment level-${r.level}`, 'data-testid': 'trade-result', 'data-id': r.id },
    h(
      'header',
      {},
      h('h3', {}, r.id || '(no id)'),
      levelBadge(r.level),
      h('span', { className: 'risk', 'data-testid': 'trade-risk' }, `risk ${r.risk}`),
    ),
    r.findings.length === 0
      ? h('p', { className: 'muted' }, 'No findings.')
      : h(
          'ol',
          { className: 'findings' },
          r.findings.map((f) =>
            h(
              'li',
              { 'data-testid': 'trade-finding', 'data-code': f.code },
              h('code', {}, f.code),
              ' ',
              f.detail,
              evidenceOf(f),
            ),
          ),
        ),
    r.because?.length ? h('p', { className: 'muted' }, `Because: ${r.because.join('; ')}`) : null,
    r.warnings?.length ? h('ul', { className: 'warnings' }, r.warnings.map((w) => h('li', {}, w))) : null,
  );
}

const money = (v) =>
  typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 0 }) : '—';

// Horizontal bars of the excess (USD) of the top rows: SVG, no library.
function flowsChart(rows) {
  const top = rows.slice(0, 10);
  if (top.length === 0) return null;
  const max = Math.max(...top.map((r) => r.excess), 1);
  const barHeight = 22;
  const labelWidth = 130;
  const width = 640;
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${top.length * barHeight + 10}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'Excess flow of the top hub and HS-6 pairs, US dollars');
  svg.setAttribute('data-testid', 'flows-chart');
  svg.classList.add('chart');
  top.forEach((r, i) => {
    const y = i * barHeight + 5;
    const label = document.createElementNS(svgNs, 'text');
    label.setAttribute('x', '0');
    label.setAttribute('y', String(y + 15));
    label.textContent = `${r.hub} ${r.hs6} (T${r.tier})`;
    const bar = document.createElementNS(svgNs, 'rect');
    bar.setAttribute('x', String(labelWidth));
    bar.setAttribute('y', String(y + 3));
    bar.setAttribute('height', String(barHeight - 8));
    bar.setAttribute('width', String(Math.max(1, ((width - labelWidth - 110) * r.excess) / max)));
    bar.setAttribute('data-testid', 'flows-bar');
    const value = document.createElementNS(svgNs, 'text');
    value.setAttribute('x', String(labelWidth + 5 + ((width - labelWidth - 110) * r.excess) / max));
    value.setAttribute('y', String(y + 15));
    value.textContent = `$${(r.excess / 1e6).toFixed(1)} M`;
    svg.append(label, bar, value);
  });
  return svg;
}

function flowsReport(report) {
  const rows = report.ranked.map((r) =>
    h(
      'tr',
      { 'data-testid': 'flows-row' },
      h('td', {}, String(r.rank)),
      h('td', {}, `${r.hub_name || r.hub} (${r.hub})`),
      h('td', {}, h('code', {}, r.hs6)),
      h('td', {}, r.tier),
      h('td', { className: 'num' }, money(r.imports_from_controllers.latest)),
      h('td', { className: 'num' }, `${r.imports_from_controllers.growth}×`),
      h('td', { className: 'num' }, money(r.exports_to_russia.latest)),
      h('td', { className: 'num' }, `${r.exports_to_russia.growth}×`),
      h('td', { className: 'num' }, `${money(r.mirror_gap.gap)} (${Math.round(r.mirror_gap.share * 100)} %)`),
      h('td', { className: 'num' }, money(r.excess)),
    ),
  );
  return h(
    'div',
    { 'data-testid': 'flows-report' },
    h(
      'p',
      {},
      `${report.latest_year} against ${report.baseline_year}: ${report.rows.toLocaleString('en-US')} rows, ${report.rows_used.toLocaleString('en-US')} about a hub and a CHPL code` +
        (report.rows_invalid ? `, ${report.rows_invalid} unreadable` : ''),
    ),
    flowsChart(report.ranked),
    table(
      'Hubs and CHPL codes, ranked by excess (USD): growth of imports from controlling countries and of exports to Russia and Belarus, plus the mirror gap',
      ['#', 'Hub', 'HS-6', 'Tier', `Imports ${report.latest_year}`, 'Growth', `To RU/BY ${report.latest_year}`, 'Growth', 'Mirror gap', 'Excess'],
      rows,
      { 'data-testid': 'flows-table' },
    ),
    report.warnings?.length ? h('ul', { className: 'warnings' }, report.warnings.map((w) => h('li', {}, w))) : null,
  );
}

export function renderTrade(root) {
  const text = h('textarea', {
    id: 'trade-input',
    rows: 8,
    spellcheck: 'false',
    'data-testid': 'trade-input',
    placeholder: '{"id": "S-1", "exporter": {"name": "...", "country": "DE"}, "consignee": {...}, "route": ["DE", "TR", "KG"], "goods": [{"hs": "8542.31", "origin": "US"}]}',
  });
  const file = h('input', {
    id: 'trade-file',
    type: 'file',
    accept: '.jsonl,.json,.ndjson,application/json',
    'data-testid': 'trade-file',
    onchange: async () => {
      if (file.files?.[0]) text.value = await file.files[0].text();
    },
  });
  const threshold = h('input', {
    id: 'trade-threshold',
    type: 'number',
    min: 0,
    max: 1,
    step: 0.05,
    value: '0.80',
    'data-testid': 'trade-threshold',
  });
  const results = h('section', { id: 'trade-results', 'aria-live': 'polite', 'data-testid': 'trade-results' });
  const form = h(
    'form',
    {
      className: 'trade-form',
      'data-testid': 'trade-form',
      onsubmit: async (event) => {
        event.preventDefault();
        let shipments;
        try {
          shipments = parseShipments(text.value);
        } catch (e) {
          clear(results, errorBox(`The shipments do not read: ${e.message}.`));
          return;
        }
        if (shipments.length === 0) {
          clear(results, errorBox('Paste or upload shipments first.'));
          return;
        }
        if (shipments.length > MAX_SHIPMENTS) {
          clear(results, errorBox(`At most ${MAX_SHIPMENTS} shipments at a time.`));
          return;
        }
        clear(results, h('p', { className: 'muted' }, `Screening ${shipments.length} shipments…`));
        try {
          const t = Number(threshold.value || '0.80');
          const { body } = await request('POST', `/trade/screen?threshold=${t}`, { shipments });
          const counts = { high: 0, medium: 0, low: 0 };
          for (const r of body.results) counts[r.level] += 1;
          clear(
            results,
            h(
              'p',
              { 'data-testid': 'trade-summary' },
              `${body.results.length} shipments: ${counts.high} high, ${counts.medium} medium, ${counts.low} low risk.`,
            ),
            body.results.map(shipmentResult),
            versionsBlock(body.versions),
          );
        } catch (e) {
          clear(results, errorBox(e.message));
        }
      },
    },
    h(
      'div',
      { className: 'fields' },
      h('div', { className: 'field wide' }, h('label', { for: 'trade-input' }, 'Shipments (JSON lines, or a JSON array)'), text),
      h('div', { className: 'field' }, h('label', { for: 'trade-file' }, 'Or a file'), file),
      h('div', { className: 'field' }, h('label', { for: 'trade-threshold' }, 'Party match threshold'), threshold),
    ),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary', 'data-testid': 'trade-screen' }, 'Screen shipments')),
  );

  const flowsOut = h('section', { id: 'flows-results', 'aria-live': 'polite', 'data-testid': 'flows-results' });
  const baseline = h('input', { id: 'flows-baseline', type: 'number', min: 1990, max: 2100, value: '2021', 'data-testid': 'flows-baseline' });
  const flowsFile = h('input', { id: 'flows-file', type: 'file', accept: '.csv,text/csv', 'data-testid': 'flows-file' });
  const rank = async () => {
    clear(flowsOut, h('p', { className: 'muted' }, 'Ranking…'));
    try {
      const query = `/trade/flows?top=25&baseline=${Number(baseline.value || '2021')}`;
      const upload = flowsFile.files?.[0];
      const { body } = upload
        ? await request('POST', query, await upload.text(), 'text/csv')
        : await request('GET', query);
      clear(flowsOut, flowsReport(body));
    } catch (e) {
      clear(flowsOut, errorBox(e.message));
    }
  };
  const flowsForm = h(
    'form',
    {
      className: 'flows-form',
      'data-testid': 'flows-form',
      onsubmit: (event) => {
        event.preventDefault();
        rank();
      },
    },
    h(
      'div',
      { className: 'fields' },
      h('div', { className: 'field' }, h('label', { for: 'flows-file' }, 'Flows CSV (none: the server’s)'), flowsFile),
      h('div', { className: 'field' }, h('label', { for: 'flows-baseline' }, 'Baseline year'), baseline),
    ),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary', 'data-testid': 'flows-rank' }, 'Rank flows')),
  );

  clear(
    root,
    h('h1', {}, 'Trade'),
    h(
      'p',
      { className: 'muted' },
      'Shipments screened for Common High Priority List goods reaching Russia through third countries: listed and owned parties, hubs, new companies, forwarders as end users, third-party payers, the no-Russia clause, routes.',
    ),
    h('h2', {}, 'Shipments'),
    form,
    results,
    h('h2', {}, 'Trade flows'),
    flowsForm,
    flowsOut,
  );
}
