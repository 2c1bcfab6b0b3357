// OWASP's CSV injection rule: a text cell that starts with =, +, -, @, tab or carriage return gets a
// leading ' so a spreadsheet shows it instead of evaluating it; numbers and other texts are untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvField } from '../../../engine/recorders/csvRecorder';

test('formula-like texts are neutralised, then quoted as RFC 4180 requires', () => {
  assert.equal(csvField('=1+2'), "'=1+2");
  assert.equal(csvField('+cmd'), "'+cmd");
  assert.equal(csvField('-2+3'), "'-2+3");
  assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvField('\tx'), "'\tx");
  assert.equal(csvField('\rx'), `"'\rx"`);
  assert.equal(csvField('=HYPERLINK("u","x")'), `"'=HYPERLINK(""u"",""x"")"`);
  assert.equal(csvField('GET /a=b'), 'GET /a=b');
  assert.equal(csvField(-3.5), '-3.5');
});
