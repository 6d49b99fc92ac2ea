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
});
