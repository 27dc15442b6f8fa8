import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cacheKeyOf, withCacheKeys } from '../../../src/lib/page-cache-keys.ts';

describe('page cache keys', () => {
	it('are equal for equal props and differ when a rendered value changes', () => {
		assert.equal(cacheKeyOf({ a: 1, list: ['x'] }), cacheKeyOf({ a: 1, list: ['x'] }));
		assert.notEqual(cacheKeyOf({ a: 1, list: ['x'] }), cacheKeyOf({ a: 1, list: ['y'] }));
	});
	it('leave out related-news scores and entry digests, which no page renders', () => {
		const entry = (score: number, digest: string) => ({ digest, data: { related: [{ slug: 'b', score }] } });
		assert.equal(cacheKeyOf({ entry: entry(1.0794, 'd1') }), cacheKeyOf({ entry: entry(1.0793, 'd2') }));
		assert.notEqual(cacheKeyOf({ entry: entry(1, 'd') }), cacheKeyOf({ entry: { digest: 'd', data: { related: [{ slug: 'c', score: 1 }] } } }));
	});
	it('are added to every path', () => {
		const [path] = withCacheKeys([{ params: { slug: 'a' }, props: { n: 1 } }]);
		assert.equal(path!.cacheKey, cacheKeyOf({ n: 1 }));
	});
});
