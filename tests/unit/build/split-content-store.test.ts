import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { astroDistUrl } from '../../../src/integrations/astro-internals.ts';
import { splitStoreLiteral } from '../../../src/integrations/split-content-store.ts';

/** The module Astro generates for a single-file content store. */
const astroModule = (store: unknown): string => `export default JSON.parse(${JSON.stringify(JSON.stringify(store))})`;

/** What a module's default export evaluates to. */
const evaluate = (code: string): unknown => new Function(code.replace(/^export default /, 'return '))();

const store = [
	['Map', 1, 2],
	'articles',
	{ title: 'Say "hello" \\ goodbye', html: '<p>Café — naïve 😀 “quoted”\u2028line\ttab</p>', path: 'C:\\news\\a.txt', empty: '', n: 42 },
	'ÄÖÜ 日本語 🇬🇧 emoji at the end 😀',
];

describe('splitStoreLiteral', () => {
	it('exports the same value for every piece length, however the pieces fall on escapes and surrogate pairs', () => {
		const code = astroModule(store);
		const expected = evaluate(code);
		for (let pieceLength = 1; pieceLength <= 40; pieceLength++) {
			const split = splitStoreLiteral(code, pieceLength);
			assert.ok(split, `piece length ${pieceLength}`);
			assert.deepEqual(evaluate(split), expected, `piece length ${pieceLength}`);
			// A lone surrogate half would not survive being written as UTF-8.
			assert.ok(split.isWellFormed(), `piece length ${pieceLength}: no lone surrogate`);
		}
	});

	it('never cuts inside a \\u escape', () => {
		const text = 'a\u0001b\u001fc\ud800d'.repeat(5);
		const code = `export default JSON.parse(${JSON.stringify(text)})`;
		assert.match(code, /\\u0001/);
		for (let pieceLength = 1; pieceLength <= 20; pieceLength++) {
			const split = splitStoreLiteral(code, pieceLength)!;
			// With JSON.parse as the identity, the module's value is the joined text itself.
			const joined = new Function('JSON', split.replace(/^export default /, 'return '))({ parse: (s: string) => s });
			assert.equal(joined, text, `piece length ${pieceLength}`);
		}
	});

	it('cuts the literal into pieces of about the given length', () => {
		const code = astroModule(Array.from({ length: 2000 }, (_, i) => `article ${i} "quoted"`));
		const split = splitStoreLiteral(code, 1000)!;
		const pieces = split.split('\n').slice(1, -1);
		assert.ok(pieces.length >= 40 && pieces.length <= 80, `${pieces.length} pieces`);
		for (const piece of pieces) assert.ok(piece.length <= 1000 + 10, `${piece.length} characters`);
	});

	it('leaves other modules alone: a short store, an empty one, a chunked one', () => {
		assert.equal(splitStoreLiteral(astroModule(['Map']), 1000), undefined);
		assert.equal(splitStoreLiteral('export default new Map()'), undefined);
		assert.equal(splitStoreLiteral('export default{"articles":[(await import("astro:data-layer-content-chunk:a.txt"))]}', 4), undefined);
	});

	it("matches the module Astro's content plugin writes (an Astro upgrade that changes it fails here)", () => {
		const plugin = readFileSync(new URL('content/vite-plugin-content-virtual-mod.js', astroDistUrl()), 'utf8');
		assert.match(plugin, /code: `export default JSON\.parse\(\$\{JSON\.stringify\(jsonData\)\}\)`/);
	});
});
