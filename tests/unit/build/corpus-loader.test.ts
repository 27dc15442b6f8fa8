import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it, mock } from 'node:test';
import { astroDistUrl } from '../../../src/integrations/astro-internals.ts';
import { postponeStoreSave, STORE_TOUCH_MS, withoutBodyCopies } from '../../../src/loaders/corpus-loader.ts';

describe('postponeStoreSave', () => {
	it('touches the metadata at once and then more often than Astro saves, until stopped', () => {
		mock.timers.enable({ apis: ['setInterval'] });
		try {
			const sets: [string, string][] = [];
			const saving = postponeStoreSave({ set: (key, value) => sets.push([key, value]) });
			assert.equal(sets.length, 1);
			mock.timers.tick(STORE_TOUCH_MS * 5);
			assert.equal(sets.length, 6);
			// Always the same value: the stored metadata does not change from build to build.
			assert.equal(new Set(sets.map((s) => s.join('='))).size, 1);
			saving.stop();
			mock.timers.tick(STORE_TOUCH_MS * 5);
			assert.equal(sets.length, 6);
		} finally {
			mock.timers.reset();
		}
	});

	it("restarts a delay Astro still has: its store save waits 500 ms after the last change (an Astro upgrade that changes it fails here)", () => {
		const store = readFileSync(new URL('content/mutable-data-store.js', astroDistUrl()), 'utf8');
		const debounce = Number(/const SAVE_DEBOUNCE_MS = (\d+);/.exec(store)?.[1]);
		assert.ok(debounce > STORE_TOUCH_MS * 2, `Astro's debounce ${debounce} ms`);
		// A metadata set goes through set(), whose own body restarts the debounced save.
		assert.match(store, /set: \(key, data\) => this\.set\(collectionKey, key, data\)/);
		const body = /\n  set\(collectionName, key, value\) \{\n([^]*?)\n  \}/.exec(store)?.[1];
		assert.ok(body?.includes('this.#saveToDiskDebounced();'), `set(): ${body}`);
	});
});

describe('withoutBodyCopies', () => {
	it('drops the paragraphs and the HTML, keeps the rest', () => {
		const article = { slug: 'a', paragraphs: ['One.'], html: '<p>One.</p>', title: 'A' };
		assert.deepEqual(withoutBodyCopies(article), { slug: 'a', paragraphs: [], html: '', title: 'A' });
	});
});
