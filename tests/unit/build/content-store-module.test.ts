import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { astroDistUrl } from '../../../src/integrations/astro-internals.ts';
import { CONTENT_DATA_META, CONTENT_STORE_MODULE_ID, contentStorePlugin, readStoreAtRunTime, splitStoreLiteral } from '../../../src/integrations/content-store-module.ts';

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
		// A build's store is `data-store.json` in the cache folder, the file the run-time module reads.
		const paths = readFileSync(new URL('content/paths.js', astroDistUrl()), 'utf8');
		assert.match(paths, /new URL\(DATA_STORE_FILE, isDev \? settings\.dotAstroDir : settings\.config\.cacheDir\)/);
		assert.match(readFileSync(new URL('content/consts.js', astroDistUrl()), 'utf8'), /DATA_STORE_FILE = "data-store\.json"/);
	});
});

describe('readStoreAtRunTime', () => {
	it('exports what the embedded store would, read from the file when the module runs', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-store-'));
		try {
			const file = path.join(dir, 'data store "quoted".json');
			writeFileSync(file, JSON.stringify(store));
			const moduleFile = path.join(dir, 'store.mjs');
			writeFileSync(moduleFile, readStoreAtRunTime(file));
			const { default: value } = (await import(moduleFile)) as { default: unknown };
			assert.deepEqual(value, evaluate(astroModule(store)));
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('contentStorePlugin', () => {
	const withStore = (run: (storeFile: string) => void) => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-store-'));
		try {
			const storeFile = path.join(dir, 'data-store.json');
			writeFileSync(storeFile, JSON.stringify(store));
			run(storeFile);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	};

	it("loads the store module itself in a static build, ahead of Astro's loader, with Astro's metadata", () => {
		withStore((storeFile) => {
			const { load } = contentStorePlugin(storeFile, false);
			assert.equal(load.order, 'pre');
			assert.ok(load.filter.id.test(CONTENT_STORE_MODULE_ID));
			assert.ok(!load.filter.id.test('\0astro:data-layer-content-chunk:a.txt'));
			const loaded = load.handler(CONTENT_STORE_MODULE_ID);
			assert.equal(loaded?.code, readStoreAtRunTime(storeFile));
			assert.deepEqual(loaded?.meta, CONTENT_DATA_META);
		});
	});

	it('leaves the module to Astro without a store file, with chunked storage, or for another id', () => {
		withStore((storeFile) => {
			assert.equal(contentStorePlugin(undefined, false).load.handler(CONTENT_STORE_MODULE_ID), undefined);
			assert.equal(contentStorePlugin(storeFile, true).load.handler(CONTENT_STORE_MODULE_ID), undefined);
			assert.equal(contentStorePlugin(`${storeFile}.missing`, false).load.handler(CONTENT_STORE_MODULE_ID), undefined);
			assert.equal(contentStorePlugin(storeFile, false).load.handler('\0astro:content'), undefined);
		});
	});

	it("gives the module the metadata Astro's loader gives it (an Astro upgrade that changes it fails here)", async () => {
		const plugin = readFileSync(new URL('content/vite-plugin-content-virtual-mod.js', astroDistUrl()), 'utf8');
		// The store module Astro loads carries this metadata, and Astro's plugin is ordered `pre` at plugin level only.
		assert.match(plugin, /code: `export default JSON\.parse\(\$\{JSON\.stringify\(jsonData\)\}\)`,\s*map: \{ mappings: "" \},\s*meta: createContentDataIncrementalMetadata\(\)/);
		assert.match(plugin, /enforce: "pre"/);
		assert.doesNotMatch(plugin, /order: "pre"/);
		const { createContentDataIncrementalMetadata } = (await import(new URL('core/build/incremental-metadata.js', astroDistUrl()).href)) as { createContentDataIncrementalMetadata: () => unknown };
		assert.deepEqual(createContentDataIncrementalMetadata(), CONTENT_DATA_META);
	});
});
