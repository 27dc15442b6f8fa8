import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachWord } from '../../../src/lib/related/tokenize-text.ts';
import { WordIds } from '../../../src/lib/related/word-ids.ts';

test('WordIds reads the same words as forEachWord, one id per distinct lower-cased word', () => {
	const text = "Iran's O’Neill said: “U.S. 6,000 Zürich — CAFÉ's café's 'quoted' IRAN's words-here ÉLAN élan";
	const expected: string[] = [];
	forEachWord(text, (w) => expected.push(w));
	const names: string[] = [];
	const table = new WordIds((word) => {
		names.push(word);
		return names.length - 1;
	});
	const seen: string[] = [];
	assert.equal(table.scan(text, Infinity, (id) => seen.push(names[id]!)), expected.length);
	assert.deepEqual(seen, expected);
	assert.equal(names.length, new Set(expected).size);
	// Growing the table keeps every id.
	for (let i = 0; i < 5000; i++) table.scan(`word${i}`, Infinity, () => {});
	const again: string[] = [];
	table.scan(text, Infinity, (id) => again.push(names[id]!));
	assert.deepEqual(again, expected);
	assert.equal(table.scan('one two three', 2, () => {}), 2);
});
