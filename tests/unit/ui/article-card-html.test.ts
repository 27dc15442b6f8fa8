import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderArticleCard } from '../../../src/lib/article-card-html.ts';

const card = { slug: 'bridge-reopens', title: 'Bridge "reopens" <early>', summary: 'Cars & bikes are back.', date: '2024-03-05', readingMinutes: 2, source: 'NewsTrack' };

describe('article card HTML', () => {
	it('links the headline under the base path and escapes every text and attribute', () => {
		const html = renderArticleCard(card, { base: '/news/' });
		assert.match(html, /^<article class="relative py-4" data-item data-url="\/news\/articles\/bridge-reopens\/" data-title="Bridge &quot;reopens&quot; &lt;early&gt;" data-date="2024-03-05">/);
		assert.match(html, /<h2 class="font-serif font-bold text-xl leading-snug"><a href="\/news\/articles\/bridge-reopens\/" class="headline hover:underline">Bridge &quot;reopens&quot; &lt;early&gt;<\/a><\/h2>/);
		assert.match(html, /<p class="mt-2 text-muted line-clamp-3">Cars &amp; bikes are back.<\/p>/);
		assert.match(html, /<time datetime="2024-03-05">5 March 2024<\/time> · NewsTrack · 2 min read<span class="read-mark"> · Read<\/span><\/p><\/article>$/);
		assert.ok(!html.includes('<early>'));
	});

	it('leaves out what an undated, sourceless or compact card does not show', () => {
		const html = renderArticleCard({ ...card, date: null, source: null }, { base: '/', variant: 'compact', headingLevel: 3 });
		assert.ok(!html.includes('data-date') && !html.includes('<time'));
		assert.ok(!html.includes('Cars'), 'a compact card has no summary');
		assert.match(html, /<h3 class="font-serif font-bold text-lg leading-snug">/);
		assert.match(html, /<p class="mt-2 text-xs text-muted">2 min read/);
	});

	it('sets a lead card large, with its summary in the serif face', () => {
		const html = renderArticleCard(card, { base: '/', variant: 'lead' });
		assert.match(html, /text-3xl leading-tight sm:text-4xl lg:text-5xl/);
		assert.match(html, /<p class="mt-2 text-muted font-serif text-lg leading-relaxed sm:text-xl">/);
	});
});
