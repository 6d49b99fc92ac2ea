// End-to-end test of the analyst page against a running `cordon serve` (scripts/web-test.sh
// starts one on a freshly loaded store). Environment: CORDON_URL (the server's base URL) and
// CORDON_KEY (an API key it accepts). Drives Debian's chromium through playwright-core; no
// browser is ever downloaded.
//
// The steps share one page and run in order: the key entered in the first is the one the
// later ones use.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { parseCsv } from '../src/csv.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = path.join(here, 'artifacts');
const FIXTURE = path.join(here, 'fixtures', 'customers.csv');
// The sample customer book; scripts/web-test.sh loads it through the API as CORDON_BOOK.
const SAMPLE_BOOK = path.join(here, '..', '..', 'data', 'samples', 'customers.csv');
const BOOK = process.env.CORDON_BOOK || '';
const BASE = (process.env.CORDON_URL || '').replace(/\/+$/, '');
const KEY = process.env.CORDON_KEY || '';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const PUTIN = 'us_ofac_sdn:35096';
const PUTIN_CAPTION = 'PUTIN, Vladimir Vladimirovich';
const TIMEOUT = 30_000;

let browser;
let context;
let page;

before(async () => {
  assert.ok(BASE, 'CORDON_URL must name the server, e.g. http://127.0.0.1:8080');
  assert.ok(KEY, 'CORDON_KEY must hold an API key the server accepts');
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
});

after(async () => {
  await browser?.close();
});

// A test step; when it fails, the page as it was is saved to artifacts/failure-N.png.
let steps = 0;
function step(name, fn) {
  const n = ++steps;
  it(name, async () => {
    try {
      await fn();
    } catch (e) {
      await page
        ?.screenshot({ path: path.join(ARTIFACTS, `failure-${n}.png`), fullPage: true })
        .catch(() => {});
      throw e;
    }
  });
}

async function search(name, dob = '') {
  await page.getByTestId('search-name').fill(name);
  await page.getByTestId('search-dob').fill(dob);
  await page.getByTestId('search-submit').click();
}

// Waits for the result list of a search for `name` and returns its first result.
async function firstResultFor(name) {
  await page.getByTestId('query-name').first().filter({ hasText: name }).waitFor();
  return page.getByTestId('result').first();
}

async function checkPutinResult(result, queryName) {
  assert.equal(await result.getAttribute('data-entity-id'), PUTIN);
  assert.equal((await result.getByTestId('result-caption').textContent()).trim(), PUTIN_CAPTION);
  const badges = await result.getByTestId('regime-badge').allTextContents();
  assert.ok(badges.includes('US'), `badges ${badges}`);
  assert.equal(await result.getByTestId('result-id').textContent(), PUTIN);
  assert.equal(await result.getByTestId('result-source').textContent(), 'us_ofac_sdn');
  const explanation = result.getByTestId('explanation');
  assert.equal(await explanation.getByTestId('query-name').textContent(), queryName);
  assert.equal(await explanation.getByTestId('entity-name').textContent(), PUTIN_CAPTION);
  // The word pairs name the listed words the query's words matched.
  const pairs = (await explanation.getByTestId('pair').allTextContents()).join(' | ').toLowerCase();
  assert.match(pairs, /putin/);
  assert.match(pairs, /vladimir/);
  const score = Number(await result.getByTestId('score').textContent());
  assert.ok(score >= 0.7 && score <= 1, `score ${score}`);
  return score;
}

// "rgb(29, 78, 216)" -> [29, 78, 216]
function rgb(css) {
  const m = css.match(/rgba?\((\d+),\s*(\d+),\s*(\d+)/);
  assert.ok(m, `not an rgb colour: ${css}`);
  return m.slice(1, 4).map(Number);
}

describe('cordon analyst page', () => {
  step(
    'asks for the API key, retries with it, and finds Putin by name and birth date',
    async () => {
      await page.goto(`${BASE}/#/search`);
      await search('Vladimir Putin', '1952-10-07');

      // No key yet: the server answers 401 and the page asks. A wrong key is refused and asked again.
      const keyInput = page.getByTestId('api-key-input');
      await keyInput.waitFor({ state: 'visible' });
      await keyInput.fill('not-a-key');
      await page.getByTestId('api-key-submit').click();
      await page.getByTestId('key-reason').filter({ hasText: 'did not accept' }).waitFor();
      await keyInput.fill(KEY);
      await page.getByTestId('api-key-submit').click();
      await page.getByTestId('key-dialog').waitFor({ state: 'hidden' });
      assert.equal(await page.evaluate(() => localStorage.getItem('cordon.apiKey')), KEY);

      const result = await firstResultFor('Vladimir Putin');
      await checkPutinResult(result, 'Vladimir Putin');
      // The birth date counted.
      const features = await result
        .getByTestId('contribution')
        .evaluateAll((rows) => rows.map((r) => r.dataset.feature));
      assert.ok(features.includes('birth_date'), `contributions ${features}`);
      // The list versions the answer was computed on.
      const versions = await page
        .getByTestId('version')
        .evaluateAll((li) => li.map((x) => x.textContent));
      assert.ok(
        versions.some((v) => v.includes('us_ofac_sdn@2')),
        `versions ${versions.join('; ')}`,
      );
    },
  );

  step(
    'draws the score bar: the screenshot has the fill colour where the first bar is',
    async () => {
      const result = page.getByTestId('result').first();
      const fill = result.getByTestId('score-fill');
      const bar = result.getByTestId('score-bar');
      await fill.scrollIntoViewIfNeeded();
      const colour = rgb(await fill.evaluate((el) => getComputedStyle(el).backgroundColor));
      const track = rgb(await bar.evaluate((el) => getComputedStyle(el).backgroundColor));
      const score = Number(await result.getByTestId('score').textContent());
      const fillBox = await fill.boundingBox();
      const barBox = await bar.boundingBox();
      assert.ok(fillBox && barBox, 'the score bar is laid out');
      // The width is the score.
      assert.ok(
        Math.abs(fillBox.width - barBox.width * score) <= 2,
        `fill ${fillBox.width}px of ${barBox.width}px for score ${score}`,
      );

      const file = path.join(ARTIFACTS, 'search.png');
      await page.screenshot({ path: file });
      const png = PNG.sync.read(readFileSync(file));
      const at = (x, y) => {
        const i = (Math.round(y) * png.width + Math.round(x)) * 4;
        return [png.data[i], png.data[i + 1], png.data[i + 2]];
      };
      const near = (a, b, tol = 8) => a.every((v, i) => Math.abs(v - b[i]) <= tol);

      // Inside the fill (inset from the edges, which are anti-aliased): the fill colour.
      let inside = 0;
      let total = 0;
      for (let x = fillBox.x + 3; x < fillBox.x + fillBox.width - 3; x += 2) {
        for (let y = fillBox.y + 3; y < fillBox.y + fillBox.height - 3; y += 2) {
          total += 1;
          if (near(at(x, y), colour)) inside += 1;
        }
      }
      assert.ok(total > 20, `the fill is too small to sample (${total} points)`);
      assert.ok(
        inside / total > 0.95,
        `only ${inside} of ${total} points have the fill colour ${colour}`,
      );
      // Right of the fill, inside the bar: the track, unless the score is 1.
      if (barBox.width - fillBox.width > 8) {
        const p = at(barBox.x + barBox.width - 3, barBox.y + barBox.height / 2);
        assert.ok(near(p, track), `track pixel ${p}, expected ${track}`);
        assert.ok(!near(p, colour), 'the track is not drawn in the fill colour');
      }

      // The page is not blank: plenty of non-white pixels, and many colours.
      let ink = 0;
      const colours = new Set();
      for (let i = 0; i < png.data.length; i += 4 * 7) {
        const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
        if (r < 235 || g < 235 || b < 235) ink += 1;
        colours.add((r << 16) | (g << 8) | b);
      }
      const sampled = png.data.length / (4 * 7);
      assert.ok(
        ink / sampled > 0.03,
        `only ${((100 * ink) / sampled).toFixed(1)} % of the page is not white`,
      );
      assert.ok(colours.size > 50, `only ${colours.size} colours on the page`);
    },
  );

  step('finds the same entity from the Cyrillic name', async () => {
    await search('Владимир Путин');
    const result = await firstResultFor('Владимир Путин');
    await checkPutinResult(result, 'Владимир Путин');
    // No second key prompt: the stored key is used.
    assert.equal(await page.getByTestId('key-dialog').isVisible(), false);
  });

  step('opens the entity page with its names and sanctions', async () => {
    await page.getByTestId('result').first().getByTestId('result-caption').click();
    await page.waitForURL(/#\/entity\/us_ofac_sdn(:|%3A)35096$/);
    await page.getByTestId('entity-caption').filter({ hasText: PUTIN_CAPTION }).waitFor();
    assert.equal(await page.getByTestId('entity-id').textContent(), PUTIN);
    const names = await page.getByTestId('entity-name').allTextContents();
    assert.ok(
      names.some((n) => n.includes(PUTIN_CAPTION) && n.includes('primary')),
      `names ${names}`,
    );
    const sanctions = page.getByTestId('entity-sanction');
    assert.ok((await sanctions.count()) >= 1);
    const first = await sanctions.first().textContent();
    assert.match(first, /OFAC/);
    assert.match(first, /RUSSIA-EO14024/);
    assert.equal(await sanctions.first().getAttribute('data-regime'), 'us');
    const history = await page.getByTestId('entity-history').allTextContents();
    assert.ok(history.length >= 1, 'the entity has a history');
    // Back returns to the search results.
    await page.goBack();
    await firstResultFor('Владимир Путин');
  });

  step('lists the sources, and us_ofac_sdn has 2 versions and a delta', async () => {
    await page.getByTestId('nav-lists').click();
    const row = page.locator('[data-testid="source-row"][data-source="us_ofac_sdn"]');
    await row.waitFor();
    assert.equal((await row.getByTestId('version-count').textContent()).trim(), '2');
    const cells = await row.locator('td').allTextContents();
    await row.getByTestId('show-diff').click();
    await page.waitForURL(/#\/lists\/us_ofac_sdn$/);
    const title = page.getByTestId('diff-title');
    await title.waitFor();
    assert.match(await title.textContent(), /us_ofac_sdn: version 1 → 2/);
    const count = async (k) =>
      Number((await page.getByTestId(`diff-${k}`).locator('strong').textContent()).trim());
    const [added, removed, changed] = [
      await count('added'),
      await count('removed'),
      await count('changed'),
    ];
    assert.ok(added > 0 && removed > 0 && changed > 0, `counts ${added}/${removed}/${changed}`);
    // The delta agrees with the version's own counts in the sources table
    // (columns: versions, current, format, list date, retrieved, entities, added, removed, changed).
    assert.deepEqual(
      [added, removed, changed],
      [Number(cells[6]), Number(cells[7]), Number(cells[8])],
    );
    const kinds = new Set(
      await page.getByTestId('diff-change').evaluateAll((rows) => rows.map((r) => r.dataset.kind)),
    );
    assert.ok(kinds.has('changed'), `change kinds ${[...kinds]}`);
    const changedRow = page.locator('[data-testid="diff-change"][data-kind="changed"]').first();
    assert.notEqual(
      (await changedRow.locator('td').nth(3).textContent()).trim(),
      '',
      'changed fields listed',
    );
  });

  step('compares the regimes: matrix, chart, subjects side by side, a subject, a licence', async () => {
    await page.getByTestId('nav-regimes').click();
    await page.waitForURL(/#\/regimes$/);
    const matrix = page.getByTestId('matrix-row');
    // The server resolves the subjects of every list once per set of versions, in the
    // background from its start: seconds, and more under the sanitizers.
    await matrix.first().waitFor({ timeout: 120_000 });
    const combinations = await matrix.evaluateAll((rows) => rows.map((r) => r.dataset.combination));
    assert.ok(combinations.includes('us'), `combinations ${combinations}`);
    assert.ok(combinations.includes('uk+un'), `combinations ${combinations}`);
    // One line per combination over the list versions.
    assert.ok((await page.getByTestId('chart-series').count()) >= 3);
    const points = await page
      .getByTestId('chart-series')
      .first()
      .evaluate((p) => p.getAttribute('points').split(' ').length);
    assert.ok(points >= 5, `${points} points`);
    // Russia only, UK and UN: Akhund is not, but the Russia designations of the UK are.
    await page.getByTestId('divergence-programme').selectOption('russia');
    await page.getByTestId('divergence-regime-us').uncheck();
    await page.getByTestId('divergence-apply').click();
    await page.waitForURL(/#\/regimes\?regimes=eu%2Cuk%2Cun&programme=russia$/);
    await page.getByTestId('divergence-summary').filter({ hasText: 'under russia' }).waitFor();
    const row = page.getByTestId('divergence-subject').filter({ hasText: 'ROMANOVA' });
    await row.waitFor();
    assert.equal(await row.locator('td[data-regime="uk"]').getAttribute('data-state'), 'listed');
    assert.match(await row.locator('td[data-regime="uk"]').textContent(), /since 2025-05-20/);
    assert.equal(await row.locator('td[data-regime="eu"]').getAttribute('data-state'), 'not_listed');
    await page.screenshot({ path: path.join(ARTIFACTS, 'regimes.png'), fullPage: true });

    // A UN-listed subject and the evidence that joins its records.
    await page.goto(`${BASE}/#/regimes/subject/gb_fcdo:AFG0006`);
    await page.getByTestId('subject-title').waitFor();
    const link = page.locator('[data-testid="subject-link-row"][data-kind="un_reference"]');
    await link.waitFor();
    assert.match(await link.textContent(), /TAi\.002/);

    // The energy-payments licence chain ended on 12 March 2025.
    await page.goto(`${BASE}/#/regimes`);
    await page.getByTestId('matrix-row').first().waitFor({ timeout: 120_000 });
    await page.getByTestId('licence-party').fill('Sberbank of Russia');
    await page.getByTestId('licence-activity').selectOption('energy');
    await page.getByTestId('licence-date').fill('2025-03-11');
    await page.getByTestId('licence-check').click();
    const yes = page.getByTestId('licence-result').locator('p[data-authorised="true"]');
    await yes.waitFor();
    assert.match(await yes.textContent(), /us-ofac-gl-8l/);
    await page.getByTestId('licence-date').fill('2025-03-12');
    await page.getByTestId('licence-check').click();
    const no = page.getByTestId('licence-result').locator('p[data-authorised="false"]');
    await no.waitFor();
    assert.match(await no.textContent(), /ended on 2025-03-12/);
  });

  step('screens a CSV file in the batch page and downloads the results', async () => {
    await page.getByTestId('nav-batch').click();
    await page.getByTestId('batch-file').setInputFiles(FIXTURE);
    await page.getByTestId('batch-start').click();
    await page.getByTestId('batch-progress-text').filter({ hasText: '100 %' }).waitFor();
    assert.match(await page.getByTestId('batch-progress-text').textContent(), /\(6 \/ 6\)/);
    const n = async (k) =>
      Number(await page.getByTestId(`batch-count-${k}`).locator('strong').textContent());
    assert.equal(await n('error'), 1, 'the row with an unknown schema is an error');
    assert.ok((await n('match')) >= 4, `rows with matches: ${await n('match')}`);
    assert.equal(await page.getByTestId('row-error').count(), 1);
    assert.match(await page.getByTestId('row-error').textContent(), /Robot/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('batch-download').click(),
    ]);
    assert.equal(download.suggestedFilename(), 'customers-screening.csv');
    const saved = path.join(ARTIFACTS, 'batch-results.csv');
    await download.saveAs(saved);
    const rows = parseCsv(readFileSync(saved, 'utf8'));
    const header = rows[0];
    assert.deepEqual(header.slice(0, 8), [
      'input_id',
      'input_name',
      'row',
      'status',
      'rank',
      'match_id',
      'caption',
      'schema',
    ]);
    const col = Object.fromEntries(header.map((h, i) => [h, i]));
    const of = (id) => rows.slice(1).filter((r) => r[col.input_id] === id);

    const c01 = of('c01');
    assert.equal(c01[0][col.rank], '1');
    assert.equal(c01[0][col.match_id], PUTIN);
    assert.equal(c01[0][col.caption], PUTIN_CAPTION);
    assert.equal(c01[0][col.input_name], PUTIN_CAPTION, 'a quoted name with a comma survives');
    assert.ok(Number(c01[0][col.score]) >= 0.99);
    assert.match(c01[0][col.regimes], /\bus\b/);
    assert.equal(of('c02')[0][col.match_id], PUTIN, 'the Cyrillic row matches Putin too');
    assert.ok(of('c03').length >= 2, 'Eric Badege is on several lists');
    assert.ok(
      of('c03').every((r) => Number(r[col.score]) >= 0.7),
      'only matches above the threshold',
    );
    assert.deepEqual(
      of('c04').map((r) => r[col.status]),
      ['clear'],
    );
    assert.equal(of('c05')[0][col.schema], 'Vessel');
    assert.deepEqual(
      of('c06').map((r) => r[col.status]),
      ['error'],
    );
    assert.match(of('c06')[0][col.error], /Robot/);
  });
  step('screens shipments and ranks trade flows on the trade page', async () => {
    await page.getByTestId('nav-trade').click();
    const shipments = [
      {
        id: 'S-EL',
        date: '2024-05-10',
        exporter: { name: 'Pacific Coast Semiconductor Inc.', country: 'US' },
        consignee: { name: 'Biznest Limited', country: 'HK' },
        route: ['US', 'HK'],
        declared_destination: 'HK',
        goods: [{ hs: '8542.31', origin: 'US', value: 50000 }],
      },
      {
        id: 'S-OK',
        date: '2024-05-10',
        exporter: { name: 'Milano Tessile', country: 'IT' },
        consignee: { name: 'Istanbul Tekstil Sanayi', country: 'TR', registered_on: '2001-01-01' },
        route: ['IT', 'TR'],
        declared_destination: 'TR',
        goods: [{ hs: '6109.10', origin: 'IT' }],
      },
    ];
    await page.getByTestId('trade-input').fill(shipments.map((s) => JSON.stringify(s)).join('\n'));
    await page.getByTestId('trade-screen').click();
    await page.getByTestId('trade-summary').waitFor();
    const listed = page.locator('[data-testid="trade-result"][data-id="S-EL"]');
    assert.equal(await listed.getByTestId('trade-level').textContent(), 'high');
    const codes = await listed.getByTestId('trade-finding').evaluateAll((els) => els.map((e) => e.dataset.code));
    assert.equal(codes[0], 'listed_party');
    assert.ok(codes.includes('chpl') && codes.includes('transshipment_hub'), codes.join());
    assert.match(await listed.textContent(), /Biznest, LTD/);
    const benign = page.locator('[data-testid="trade-result"][data-id="S-OK"]');
    assert.equal(await benign.getByTestId('trade-level').textContent(), 'low');

    await page.getByTestId('flows-rank').click();
    await page.getByTestId('flows-report').waitFor();
    assert.ok((await page.getByTestId('flows-row').count()) > 10);
    assert.ok((await page.getByTestId('flows-bar').count()) >= 5);
    assert.match(await page.getByTestId('flows-row').first().textContent(), /Kyrgyzstan|Armenia/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'trade.png'), fullPage: true });
  });

  step('loads a book on the alerts page, reviews an alert and decides it', async () => {
    await page.getByTestId('nav-alerts').click();
    await page.waitForURL(/#\/alerts$/);

    // The book the script loaded through the API is listed with its counts.
    if (BOOK) {
      const row = page.locator(`[data-testid="book-row"][data-book="${BOOK}"]`);
      await row.waitFor();
      assert.equal((await row.getByTestId('book-customers').textContent()).trim(), '12');
      assert.ok(Number(await row.getByTestId('book-open').textContent()) > 0, 'the book has open alerts');
    }

    // A customer file loaded as a book through the page.
    const book = 'e2e-upload';
    await page.getByTestId('book-name').fill(book);
    await page.getByTestId('book-file').setInputFiles(SAMPLE_BOOK);
    await page.getByTestId('book-upload').click();
    const uploaded = page.getByTestId('book-upload-result');
    await uploaded.waitFor();
    assert.match(await uploaded.textContent(), new RegExp(`Book ${book} version 1: 12 customers \\(12 added`));
    const newAlerts = Number((await uploaded.textContent()).match(/Alerts raised: (\d+) new/)[1]);
    assert.ok(newAlerts > 0, 'the sample customers raise alerts');
    const bookRow = page.locator(`[data-testid="book-row"][data-book="${book}"]`);
    await bookRow.waitFor();
    assert.equal(Number(await bookRow.getByTestId('book-open').textContent()), newAlerts);

    // Only that book's open alerts, newest first.
    await page.getByTestId('alerts-book').selectOption(book);
    await page.getByTestId('alerts-status').selectOption('open');
    await page.getByTestId('alerts-apply').click();
    await page.waitForURL(new RegExp(`#/alerts\\?book=${book}$`));
    await page.getByTestId('alerts-summary').filter({ hasText: `in ${book}` }).waitFor();
    const rows = page.getByTestId('alert-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), newAlerts);
    const ids = (await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.alertId))));
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
    const statuses = new Set(await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.status)));
    assert.deepEqual([...statuses], ['open']);

    // The alert for c01, the Putin record: customer and entity side by side.
    const row = rows.filter({ has: page.locator('[data-testid="alert-customer"]', { hasText: 'c01' }) }).first();
    const entity = row.getByTestId('alert-entity');
    assert.equal((await entity.textContent()).trim(), PUTIN_CAPTION);
    assert.match(await entity.getAttribute('href'), /^#\/entity\/us_ofac_sdn(:|%3A)35096$/);
    assert.equal((await row.getByTestId('alert-kind').textContent()).trim(), 'New match');
    const id = await row.getAttribute('data-alert-id');
    await row.getByTestId('alert-open').click();
    // The alert under review goes in the hash (history.replaceState: no re-render).
    await page.waitForFunction((want) => location.hash === want, `#/alerts/${id}?book=${book}`);
    const detail = page.getByTestId('alert-detail');
    await detail.getByTestId('alert-title').filter({ hasText: `Alert #${id}` }).waitFor();
    const compare = async (field) =>
      detail
        .locator(`[data-testid="compare-row"][data-field="${field}"] td`)
        .allTextContents();
    assert.deepEqual(await compare('Names'), [PUTIN_CAPTION, PUTIN_CAPTION]);
    assert.deepEqual(await compare('Birth dates'), ['1952-10-07', '1952-10-07']);
    assert.match((await compare('Countries'))[1], /RU/);
    assert.match(await detail.getByTestId('alert-summary').textContent(), /putin=putin/i);
    assert.match(
      await detail.getByTestId('alert-versions-text').textContent(),
      /^Book version none → 1\. First screening of the book, on \d+ list versions\.$/,
    );
    assert.equal(
      await detail.getByTestId('alert-entity-link').getAttribute('href'),
      await entity.getAttribute('href'),
    );

    // No reason, no decision: the form does not go.
    await detail.getByTestId('decide-false-positive').click();
    assert.equal(await row.getAttribute('data-status'), 'open');

    // False positive with a reason (markup in it stays text).
    const reason = 'e2e: <b>not</b> the listed person';
    await detail.getByTestId('decision-reason').fill(reason);
    await detail.getByTestId('decision-by').fill('web-test');
    await detail.getByTestId('decide-false-positive').click();
    const decided = page.locator(`[data-testid="alert-row"][data-alert-id="${id}"][data-status="decided"]`);
    await decided.waitFor();
    assert.equal((await decided.getByTestId('alert-status').textContent()).trim(), 'False positive');
    const decision = detail.getByTestId('alert-decision');
    assert.equal(await decision.getAttribute('data-decision'), 'false_positive');
    assert.match(await decision.textContent(), /False positive \(by web-test, .*\): e2e: <b>not<\/b> the listed person/);
    assert.equal(await decision.locator('b').count(), 0, 'the reason is text, not markup');
    await bookRow.getByTestId('book-decided').filter({ hasText: '1' }).waitFor();
    assert.equal(Number(await bookRow.getByTestId('book-open').textContent()), newAlerts - 1);

    // The server kept it: the decided filter shows it, with the decision.
    await page.getByTestId('alerts-status').selectOption('decided');
    await page.getByTestId('alerts-apply').click();
    await page.waitForURL(new RegExp(`#/alerts\\?book=${book}&status=decided$`));
    await page.getByTestId('alerts-summary').filter({ hasText: 'decided' }).waitFor();
    assert.deepEqual(
      await page.getByTestId('alert-row').evaluateAll((trs) => trs.map((tr) => tr.dataset.alertId)),
      [id],
    );
    assert.equal(
      (await page.getByTestId('alert-row').first().getByTestId('alert-status').textContent()).trim(),
      'False positive',
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'alerts.png'), fullPage: true });
  });
});
