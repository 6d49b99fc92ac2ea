// parseShipments reads what analysts paste: JSON lines, an array, {"shipments": [...]}, one object.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseShipments } from './trade.js';

test('JSON lines, an array, a wrapper object and a single shipment', () => {
  assert.deepEqual(parseShipments('{"id": "a"}\n\n{"id": "b"}\n').map((s) => s.id), ['a', 'b']);
  assert.deepEqual(parseShipments('[{"id": "a"}, {"id": "b"}]').map((s) => s.id), ['a', 'b']);
  assert.deepEqual(parseShipments('{"shipments": [{"id": "c"}]}').map((s) => s.id), ['c']);
  assert.deepEqual(parseShipments('{"id": "d", "goods": []}').map((s) => s.id), ['d']);
  assert.deepEqual(parseShipments('   '), []);
});

test('a line that is not JSON is named', () => {
  assert.throws(() => parseShipments('{"id": "a"}\nnot json\n'), /line 2 is not JSON/);
});
