import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { articleEntryKey, cacheKeyOf, RENDER_ONLY_THREAD, withCacheKeys } from '../../../src/lib/page-cache-keys.ts';

describe('page cache keys', () => {
	it('are equal for equal props and differ when a rendered value changes', () => {
		assert.equal(cacheKeyOf({ a: 1, list: ['x'] }), cacheKeyOf({ a: 1, list: ['x'] }));
		assert.notEqual(cacheKeyOf({ a: 1, list: ['x'] }), cacheKeyOf({ a: 1, list: ['y'] }));
	});
	it('leave out an article entry\'s related-news scores and digest, which no page shows', () => {
		const entry = (slug: string, score: number, digest: string, html = '<p>x</p>') => ({ id: 'a', digest, data: { title: 'T', related: [{ slug, score }] }, rendered: { html } });
		assert.equal(cacheKeyOf(articleEntryKey(entry('b', 1.0794, 'd1'))), cacheKeyOf(articleEntryKey(entry('b', 1.0793, 'd2'))));
		assert.notEqual(cacheKeyOf(articleEntryKey(entry('b', 1, 'd'))), cacheKeyOf(articleEntryKey(entry('c', 1, 'd'))));
		assert.notEqual(cacheKeyOf(articleEntryKey(entry('b', 1, 'd'))), cacheKeyOf(articleEntryKey(entry('b', 1, 'd', '<p>y</p>'))));
	});
	it('are added to every path, from the props or what stands for them', () => {
		const [path] = withCacheKeys([{ params: { slug: 'a' }, props: { n: 1 } }]);
		assert.equal(path!.cacheKey, cacheKeyOf({ n: 1 }));
		const [keyed] = withCacheKeys([{ params: { slug: 'a' }, props: { n: 1, hidden: 2 } }], ({ n }) => ({ n }));
		assert.equal(keyed!.cacheKey, cacheKeyOf({ n: 1 }));
	});
	it('are left empty in a thread that only renders (no digest of props nobody records)', () => {
		const marks = globalThis as Record<symbol, unknown>;
		marks[RENDER_ONLY_THREAD] = true;
		try {
			const [path] = withCacheKeys([{ params: { slug: 'a' }, props: { n: 1 } }], () => assert.fail('props read for a key'));
			assert.deepEqual(path, { params: { slug: 'a' }, props: { n: 1 }, cacheKey: '' });
		} finally {
			delete marks[RENDER_ONLY_THREAD];
		}
	});
});
