import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { feedItems, topicFeeds, topicSlugs } from '../../../src/lib/feeds.ts';
import { formatDate, labelFromSlug, topicLabel } from '../../../src/lib/labels.ts';
import { clampDescription, documentTitle, jsonForScript, newsArticleJsonLd, pageMeta } from '../../../src/lib/page-metadata.ts';

const article = { title: 'Bridge reopens', summary: 'The bridge reopened on Monday.', date: '2024-03-05', author: null, source: 'NewsTrack', wordCount: 120, topics: ['transport'] };

describe('page metadata', () => {
	it('titles pages "Headline · Site"', () => {
		assert.equal(documentTitle('Bridge', 'Broadsheet'), 'Bridge · Broadsheet');
		assert.equal(documentTitle(undefined, 'Broadsheet'), 'Broadsheet');
	});
	it('cuts long descriptions at a word', () => {
		const text = 'word '.repeat(60);
		const out = clampDescription(text, 50);
		assert.ok(out.length <= 50 && out.endsWith('…') && !out.includes('  '), out);
		assert.equal(clampDescription(' short\n text '), 'short text');
	});
	it('gives Open Graph and Twitter tags, article ones only on articles', () => {
		const site = pageMeta({ title: 'Search', url: 'https://x.org/search/', siteTitle: 'B', description: 'd' });
		assert.ok(site.some((t) => t.property === 'og:type' && t.content === 'website'));
		assert.ok(!site.some((t) => t.property?.startsWith('article:')));
		const art = pageMeta({ title: 'T', url: 'https://x.org/a/', siteTitle: 'B', type: 'article', published: '2024-03-05', tags: ['Transport'] });
		assert.deepEqual(art.filter((t) => t.property?.startsWith('article:')).map((t) => t.content), ['2024-03-05', 'Transport']);
		assert.ok(art.some((t) => t.name === 'twitter:card' && t.content === 'summary'));
		const withImage = pageMeta({ url: 'https://x.org/', siteTitle: 'B', image: 'https://x.org/icon-512.png' });
		assert.deepEqual(withImage.filter((t) => t.property?.startsWith('og:image')).map((t) => t.content), ['https://x.org/icon-512.png', 'B']);
	});
	it('builds a NewsArticle that states only what is known', () => {
		const ld = newsArticleJsonLd({ article, url: 'https://x.org/a/', siteTitle: 'B' });
		assert.equal(ld['@type'], 'NewsArticle');
		assert.equal(ld.datePublished, '2024-03-05');
		assert.deepEqual(ld.author, { '@type': 'Organization', name: 'NewsTrack' });
		const undated = newsArticleJsonLd({ article: { ...article, date: null, source: null }, url: 'https://x.org/a/', siteTitle: 'B' });
		assert.ok(!('datePublished' in undated) && !('author' in undated) && !('isBasedOn' in undated));
	});
	it('names the original of an imported article, and only an http(s) one', () => {
		const imported = newsArticleJsonLd({ article: { ...article, sourceUrl: 'https://ledger.example/news/bridge' }, url: 'https://x.org/a/', siteTitle: 'B' });
		assert.equal(imported.isBasedOn, 'https://ledger.example/news/bridge');
		assert.equal(imported.url, 'https://x.org/a/');
		for (const sourceUrl of [null, 'javascript:alert(1)', 'not a url']) {
			assert.ok(!('isBasedOn' in newsArticleJsonLd({ article: { ...article, sourceUrl }, url: 'https://x.org/a/', siteTitle: 'B' })), String(sourceUrl));
		}
	});
	it('escapes JSON so it cannot close its script element', () => {
		const json = jsonForScript({ headline: '</script><script>alert(1)</script>' });
		assert.ok(!json.includes('<'));
		assert.deepEqual(JSON.parse(json), { headline: '</script><script>alert(1)</script>' });
	});
});

describe('labels and feeds', () => {
	it('formats dates and slugs for people', () => {
		assert.equal(formatDate('2024-03-05'), '5 March 2024');
		assert.equal(formatDate('sometime'), 'sometime');
		assert.equal(labelFromSlug('climate-change'), 'Climate change');
		const names = new Map([['transport', 'transport'], ['iphone', 'iPhone']]);
		assert.deepEqual(['transport', 'iphone', 'no-name'].map((s) => topicLabel(s, names)), ['Transport', 'iPhone', 'No name']);
	});
	it('makes topic feeds of the newest articles with that topic', () => {
		const list = [
			{ slug: 'a', title: 'A', summary: 's', date: '2024-01-01', topics: ['t'], author: null, file: 'a.txt' },
			{ slug: 'b', title: 'B', summary: 's', date: '2024-02-01', topics: ['t', 'u'], author: null, file: 'b.txt' },
			{ slug: 'c', title: 'C', summary: 's', date: null, topics: [], author: null, file: 'c.txt' },
		];
		assert.deepEqual(feedItems(list, { topic: 't', base: '/news/' }).map((i) => i.link), ['/news/articles/b/', '/news/articles/a/']);
		assert.equal(feedItems(list).length, 3);
		assert.deepEqual(topicSlugs(list), ['t', 'u']);
		const feeds = topicFeeds(list, { base: '/' });
		assert.deepEqual([...feeds.keys()], ['t', 'u']);
		assert.deepEqual(feeds.get('t')!.map((i) => i.link), ['/articles/b/', '/articles/a/']);
	});
});
