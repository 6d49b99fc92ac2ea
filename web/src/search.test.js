// Unit tests of the search page's pure helpers (node --test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ownershipSummary } from './search.js';

test('ownershipSummary names each test that is not clear, the Affiliates Rule included', () => {
  assert.deepEqual(
    ownershipSummary({ us: 'blocked', eu: 'clear', uk: 'review', us_bis: 'restricted', owns: [] }),
    ['US (OFAC) blocked', 'UK review', 'US export controls (BIS Affiliates Rule) restricted'],
  );
  assert.deepEqual(ownershipSummary({ us: 'clear', eu: 'clear', uk: 'clear', us_bis: 'clear' }), []);
  assert.deepEqual(ownershipSummary(undefined), []);
});
