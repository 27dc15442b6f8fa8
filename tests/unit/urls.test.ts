import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { articleUrl, searchUrl, withBase } from '../../src/lib/urls.ts';
import { resolveBasePath } from '../../src/lib/site-config.ts';

describe('urls', () => {
	it('puts every path under the base', () => {
		assert.equal(articleUrl('a-b', '/'), '/articles/a-b/');
		assert.equal(articleUrl('a-b', '/news/'), '/news/articles/a-b/');
		assert.equal(withBase('/rss.xml', '/news'), '/news/rss.xml');
	});
	it('encodes search queries', () => {
		assert.equal(searchUrl("Hezbollah's Role: What & Why", '/'), "/search/?q=Hezbollah's%20Role%3A%20What%20%26%20Why");
		assert.equal(searchUrl(undefined, '/x/'), '/x/search/');
	});
	it('normalises BASE_PATH', () => {
		assert.equal(resolveBasePath({ BASE_PATH: 'news' }), '/news/');
		assert.equal(resolveBasePath({ BASE_PATH: '/news/' }), '/news/');
		assert.equal(resolveBasePath({}), '/');
	});
});
