/**
 * Issue 13: saved pages, feeds and web archives in the content folder. Fixtures are
 * hand-written (`tests/fixtures/import/`); archives are written here with warcio from
 * them, and damaged on purpose (cut off, gzip garbage, a lying Content-Length).
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { serializePage, writeWarc } from '../../../scripts/support/write-warc.ts';
import { decodeMarkupBytes } from '../../../src/lib/ingest/decode-markup.ts';
import { NotAnArticleError } from '../../../src/lib/ingest/errors.ts';
import { extractHtmlArticle } from '../../../src/lib/ingest/extract-html.ts';
import { ExtractQueue } from '../../../src/lib/ingest/extract-queue.ts';
import { importArchive } from '../../../src/lib/ingest/import-archive.ts';
import { importFeed } from '../../../src/lib/ingest/import-feed.ts';
import { ingestDirectory } from '../../../src/lib/ingest/ingest-directory.ts';
import { type CachedItem, ParseCache } from '../../../src/lib/ingest/parse-cache.ts';
import { parseFeedItems } from '../../../src/lib/ingest/parse-feed.ts';
import { FeedSplitter } from '../../../src/lib/ingest/split-feed.ts';

const fixtures = new URL('../../fixtures/import/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, fixtures));
const PAGE_URL = 'https://ledger.example/news/2024/03/harbour-bridge-reopens';
/** Markup that must never reach a reader: anything that runs, fetches, styles or links. */
const HOSTILE = /<(?:script|style|img|iframe|svg|object|embed|video|audio|source|picture|form|input|link|meta|base|a)\b|\son\w+\s*=|\b(?:href|src|style|srcset)\s*=|javascript:/i;

function refusal(run: () => unknown): NotAnArticleError {
	try {
		run();
	} catch (error) {
		assert.ok(error instanceof NotAnArticleError, `expected a named refusal, got ${(error as Error).message}`);
		return error;
	}
	assert.fail('expected the page to be refused');
}

describe('saved pages', () => {
	const article = extractHtmlArticle(read('news-page.html').toString('utf8'));

	it('reads headline, byline, date, canonical URL, site name and tags from the page', () => {
		assert.equal(article.title, 'Harbour bridge reopens after storm repairs');
		assert.equal(article.author, 'Mara Quell');
		assert.equal(article.date, '2024-03-14'); // the publisher's own day, not shifted to UTC
		assert.equal(article.sourceUrl, PAGE_URL);
		assert.equal(article.source, 'The Coastal Ledger');
		assert.deepEqual(article.tags, ['Local', 'Transport', 'Storms']);
		assert.equal(article.format, 'html');
	});

	it('keeps the body with its subheading, list and quote, and none of the furniture', () => {
		const text = article.paragraphs.join('\n');
		assert.match(text, /^The Northgate harbour bridge reopened/);
		assert.ok(article.paragraphs.includes('Six weeks of detours'));
		assert.match(article.bodyHtml!, /<h2>Six weeks of detours<\/h2>/);
		assert.match(article.bodyHtml!, /<ul><li>new drainage channels/);
		assert.match(article.bodyHtml!, /<blockquote><p>This bridge is the only quick way/);
		for (const furniture of ['Advertisement', 'newsletter', 'Share', 'Print', 'Photo: Ledger staff', 'Read more', 'harbourfan', 'Copyright', 'Sport', 'Related stories']) {
			assert.ok(!text.includes(furniture), `furniture "${furniture}" leaked into the body`);
		}
	});

	it('lets nothing hostile through and reduces links to their text', () => {
		assert.doesNotMatch(article.bodyHtml!, HOSTILE);
		assert.match(article.bodyHtml!, /published on the council website next month/);
	});

	it("keeps the page's related-story links apart from the body", () => {
		assert.deepEqual(article.sourceRelated, ['Storm surge closes harbour bridge indefinitely', 'Ferry adds extra crossings for stranded commuters']);
		assert.deepEqual(article.relatedUrls, ['https://ledger.example/news/2024/02/storm-closes-harbour-bridge', 'https://ledger.example/news/2024/02/ferry-extra-crossings']);
	});

	it('refuses pages that hold no article, with a named reason', () => {
		assert.match(refusal(() => extractHtmlArticle(read('section-front.html').toString())).message, /section front/);
		assert.match(refusal(() => extractHtmlArticle(read('login-wall.html').toString())).message, /sign-in wall/);
		assert.equal(refusal(() => extractHtmlArticle(read('news-page.html').toString(), { status: 404 })).kind, 'not-an-article');
		assert.equal(refusal(() => extractHtmlArticle('<html><head><title>Page not found</title></head><body><p>Sorry, we could not find that page.</p></body></html>')).kind, 'not-an-article');
		assert.equal(refusal(() => extractHtmlArticle('<html><body><script>x()</script></body></html>')).kind, 'empty');
		assert.equal(refusal(() => extractHtmlArticle('   ')).kind, 'empty');
		const home = read('news-page.html').toString().replace(PAGE_URL, 'https://ledger.example/');
		// Some sites give every article the home page as canonical URL: an article's JSON-LD, or a WARC target URI that is not home, keeps it.
		assert.equal(extractHtmlArticle(home).title, 'Harbour bridge reopens after storm repairs');
		const noLd = home.replace(/<script type="application\/ld\+json">[^<]*<\/script>/, '');
		assert.match(refusal(() => extractHtmlArticle(noLd)).message, /home page/);
		assert.equal(extractHtmlArticle(noLd, { url: PAGE_URL }).sourceUrl, 'https://ledger.example/');
	});

	it('never invents a date', () => {
		const undated = read('news-page.html')
			.toString()
			.replace(/<meta property="article:published_time"[^>]*>/, '')
			.replace(/"datePublished":"[^"]*",/, '')
			.replace(/<time[^>]*>[^<]*<\/time>/, '');
		assert.equal(extractHtmlArticle(undated).date, null);
	});

	it('strips hostile markup of every kind', () => {
		const hostile = `<html><head><title>Storm damage bill grows</title><base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example"></head><body><article><h1>Storm damage bill grows</h1>
			${'<p style="color:red" onclick="x()">The council said on Friday that the final bill for storm repairs along the harbour front would be higher than first thought, after engineers found more damage under the esplanade. <a href="javascript:alert(1)">Details</a> <svg onload="alert(1)"><circle/></svg><object data="x.swf"></object><embed src="y.swf"><img srcset="a.png 1x"></p>'.repeat(3)}
			<p><video src="v.mp4" autoplay></video><audio src="a.mp3"></audio><picture><source srcset="p.webp"></picture><math><mi>x</mi></math>A final paragraph of text closes the report, with no markup of its own but plenty of words to count.</p>
			</article></body></html>`;
		const result = extractHtmlArticle(hostile);
		assert.doesNotMatch(result.bodyHtml!, HOSTILE);
		assert.match(result.bodyHtml!, /Details/);
	});
});

describe('body cleaning', () => {
	it('drops bare time stamps but keeps numbers, and dates in tables and lists', async () => {
		const { cleanHtmlBody } = await import('../../../src/lib/ingest/clean-html-body.ts');
		const body = cleanHtmlBody('<p>22 Dec, 2016 10:43 AM</p><p>87</p><table><tr><td>April 2014</td><td>4.2.3</td></tr></table><ul><li>March 2015</li></ul><p>Read more</p><p>Advertisement</p>');
		assert.deepEqual(body.paragraphs, ['87', 'April 2014 | 4.2.3', 'March 2015']);
		assert.equal(body.html, '<p>87</p>\n<table><tbody><tr><td>April 2014</td><td>4.2.3</td></tr></tbody></table>\n<ul><li>March 2015</li></ul>');
	});

	it("uses the page's JSON-LD articleBody when Readability finds clearly less", () => {
		const text = Array.from({ length: 6 }, (_, i) => `Paragraph ${i + 1} of the publisher's own statement of the article text, long enough to count as a real paragraph of news.`).join('\n\n');
		const html = `<html><head><title>Short page</title><script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Short page', articleBody: text })}</script></head>
			<body><article><h1>Short page</h1><p>${'Only the opening paragraph of the article is in the markup of this page, the rest loads later. '.repeat(3)}</p></article></body></html>`;
		const result = extractHtmlArticle(html);
		assert.equal(result.paragraphs.length, 6);
		assert.match(result.paragraphs[5]!, /^Paragraph 6/);
	});
});

describe('charsets', () => {
	const page = (meta: string, text: string) => `<html><head>${meta}<title>Café</title></head><body><p>${text}</p></body></html>`;
	it('honours <meta charset>', () => {
		const bytes = new Uint8Array(Buffer.from(page('<meta charset="windows-1252">', 'caf\u00e9'), 'latin1'));
		assert.match(decodeMarkupBytes(bytes).text, /café/);
	});
	it('lets the HTTP header win over the page', () => {
		const bytes = new Uint8Array(Buffer.from(page('<meta charset="utf-8">', 'caf\u00e9'), 'latin1'));
		const decoded = decodeMarkupBytes(bytes, 'text/html; charset=ISO-8859-1');
		assert.match(decoded.text, /café/);
	});
	it('reads a stale Latin-1 declaration over UTF-8 bytes as UTF-8, with a warning', () => {
		const decoded = decodeMarkupBytes(new TextEncoder().encode(page('<meta charset="iso-8859-1">', 'café')));
		assert.match(decoded.text, /café/);
		assert.match(decoded.warning!, /bytes are UTF-8/);
	});
	it('sniffs a page with no declaration, and warns when it is not UTF-8', () => {
		assert.equal(decodeMarkupBytes(new TextEncoder().encode(page('', 'café'))).warning, undefined);
		assert.match(decodeMarkupBytes(new Uint8Array(Buffer.from(page('', 'caf\u00e9'), 'latin1'))).warning!, /Windows-1252/);
	});
	it('refuses binary and inflates a gzipped feed', () => {
		assert.throws(() => decodeMarkupBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])), NotAnArticleError);
		assert.match(decodeMarkupBytes(gzipSync(read('feed.xml'))).text, /<rss/);
	});
});

describe('feeds', () => {
	const feed = parseFeedItems(read('feed.xml').toString());

	it('makes one outcome per item: full content, summary-only, and a named failure', () => {
		assert.equal(feed.items.length, 3);
		const [first, second, third] = feed.items;
		assert.ok(first && 'article' in first && second && 'article' in second && third && 'error' in third);
		assert.equal(first.article.summaryOnly, true);
		assert.equal(first.article.sourceUrl, `${PAGE_URL}?utm_source=rss`);
		assert.equal(second.article.summaryOnly, false);
		assert.equal(second.article.author, 'Owen Pike');
		assert.equal(second.article.date, '2024-03-15');
		assert.deepEqual(second.article.tags, ['Education', 'Local']);
		assert.equal(second.article.source, 'The Coastal Ledger');
		assert.equal(third.error.kind, 'title-only');
		assert.equal(feed.malformed, undefined);
	});

	it('sanitises item content', () => {
		const second = feed.items[1]!;
		assert.ok('article' in second);
		assert.doesNotMatch(second.article.bodyHtml!, HOSTILE);
		assert.match(second.article.bodyHtml!, /covered by two new part-time posts/);
		assert.ok(!second.article.paragraphs.join(' ').includes('alert'));
	});

	it('names a page that is not a feed, XML that is not a feed, and a cut-off feed', () => {
		assert.equal(refusal(() => parseFeedItems(read('news-page.html').toString())).kind, 'not-a-feed');
		assert.equal(refusal(() => parseFeedItems('<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>')).kind, 'not-a-feed');
		assert.equal(refusal(() => parseFeedItems('')).kind, 'empty');
		const text = read('feed.xml').toString();
		const cut = parseFeedItems(text.slice(0, text.indexOf('<item>', text.indexOf('<item>') + 1) + 200));
		assert.match(cut.malformed!, /not well-formed XML/);
		assert.ok(cut.items.length >= 1);
	});
});

describe('streamed feeds', () => {
	let dir: string;
	const open = () => ParseCache.open(undefined, 'test');
	const xml = () => read('feed.xml').toString();
	/** A feed of `n` generated items, each with a short body of its own. */
	const manyItems = (n: number, from = 1) =>
		Array.from({ length: n }, (_, k) => {
			const i = from + k;
			return `<item><title>Tide report ${i}</title><link>https://ledger.example/tides/${i}</link><pubDate>Mon, 18 Mar 2024 09:00:00 GMT</pubDate>
			<content:encoded><![CDATA[<p>High water at Northgate on day ${i} came at ${i % 12} o'clock, ${i % 7} centimetres above the seasonal mark, the harbour office said.</p><p>Boats moored in the outer basin were told to check their lines before the evening tide number ${i}.</p>]]></content:encoded></item>`;
		}).join('\n');
	const feedOf = (items: string) => xml().replace(/<item>[\s\S]*<\/item>/, items);
	const titles = (items: { outcome: CachedItem['outcome'] }[]) => items.map(({ outcome }) => (outcome.ok ? outcome.article.title : `(${outcome.kind})`));

	before(() => {
		dir = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-feeds-'));
	});
	after(() => rmSync(dir, { recursive: true, force: true }));

	it('gives the same items as reading the feed whole, whatever the chunk size', () => {
		const whole = parseFeedItems(xml());
		const bytes = read('feed.xml');
		for (const size of [1, 7, 64, bytes.length]) {
			const splitter = new FeedSplitter();
			const documents: Uint8Array[] = [];
			for (let at = 0; at < bytes.length; at += size) for (const piece of splitter.write(bytes.subarray(at, at + size))) if ('body' in piece) documents.push(splitter.document(piece.body));
			for (const piece of splitter.end()) if ('body' in piece) documents.push(splitter.document(piece.body));
			assert.equal(splitter.damage(), undefined);
			const one = documents.map((d) => parseFeedItems(Buffer.from(d).toString('utf8')).items);
			assert.ok(one.every((items) => items.length === 1), `chunks of ${size}`);
			assert.deepEqual(one.map((items) => items[0]!.label), whole.items.map((i) => i.label.replace(/^item \d+/, 'item 1')));
			assert.deepEqual(
				one.map((items) => ('article' in items[0]! ? items[0].article : items[0]!.error.kind)),
				whole.items.map((i) => ('article' in i ? i.article : i.error.kind)),
				`chunks of ${size}`,
			);
		}
	});

	it('holds one item at a time, not the file', () => {
		const splitter = new FeedSplitter();
		const head = Buffer.from(feedOf(''));
		const cut = head.indexOf('</channel>');
		splitter.write(head.subarray(0, cut));
		let most = 0;
		let items = 0;
		const item = manyItems(1);
		for (let i = 0; i < 5000; i++) {
			items += splitter.write(Buffer.from(item.replaceAll('1', String(i)))).length;
			most = Math.max(most, splitter.retainedBytes);
		}
		items += splitter.write(head.subarray(cut)).length + splitter.end().length;
		assert.equal(items, 5000);
		assert.ok(most <= item.length * 2, `kept ${most} bytes for items of ${item.length}`);
	});

	it('reads a feed file as a stream: plain, gzipped, with a byte-order mark, UTF-16, Latin-1', async () => {
		const files: [string, Uint8Array][] = [
			['plain.xml', read('feed.xml')],
			['gzipped.rss', gzipSync(read('feed.xml'))],
			['bom.xml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), read('feed.xml')])],
			['utf16.xml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml().replace('encoding="UTF-8"', 'encoding="UTF-16"').replace('Owen Pike', 'Zoë Pike'), 'utf16le')])],
		];
		for (const [name, bytes] of files) {
			writeFileSync(path.join(dir, name), bytes);
			const result = await importFeed(path.join(dir, name), { cache: await open(), parseOptions: {}, workers: 0 });
			assert.deepEqual(titles(result.items), ['Harbour bridge reopens after storm repairs', 'Library extends opening hours for exam season', '(title-only)'], name);
			assert.deepEqual(result.problems, [], name);
			assert.equal(result.items[2]!.label, 'item 3 (https://ledger.example/news/2024/03/ferry-timetable)');
		}
		const utf16 = await importFeed(path.join(dir, 'utf16.xml'), { cache: await open(), parseOptions: {}, workers: 0 });
		assert.equal(utf16.items[1]!.outcome.ok === true && utf16.items[1]!.outcome.article.author, 'Zoë Pike');
		// Latin-1 bytes with no declaration: read as Windows-1252, said once for the file, not once per item.
		const latin = path.join(dir, 'latin.xml');
		writeFileSync(latin, Buffer.from(feedOf(manyItems(3)).replace(' encoding="UTF-8"', '').replaceAll('Tide report', 'Marée'), 'latin1'));
		const read1252 = await importFeed(latin, { cache: await open(), parseOptions: {}, workers: 0 });
		assert.deepEqual(titles(read1252.items), ['Marée 1', 'Marée 2', 'Marée 3']);
		assert.deepEqual(read1252.problems.map((p) => p.kind), ['encoding']);
	});

	it('keeps the items before a cut or damage and names it', async () => {
		const text = feedOf(manyItems(4));
		const cutFile = path.join(dir, 'cut.xml');
		writeFileSync(cutFile, text.slice(0, text.indexOf('Tide report 3') + 40));
		const cut = await importFeed(cutFile, { cache: await open(), parseOptions: {}, workers: 0 });
		assert.deepEqual(titles(cut.items), ['Tide report 1', 'Tide report 2']);
		assert.equal(cut.problems.length, 1);
		assert.equal(cut.problems[0]!.kind, 'broken-feed');
		assert.match(cut.problems[0]!.message, /not well-formed XML: it is cut off inside item 3, which was not imported; the 2 items before it were/);
		// A flaw inside an item: that item and the ones after it are still read.
		const flawed = path.join(dir, 'flawed.xml');
		writeFileSync(flawed, text.replace('<title>Tide report 2</title>', '<title>Tide report 2 & more</titel>'));
		const read2 = await importFeed(flawed, { cache: await open(), parseOptions: {}, workers: 0 });
		assert.equal(read2.items.filter((i) => i.outcome.ok === true).length, 4);
		assert.match(read2.problems.find((p) => p.kind === 'broken-feed')!.message, /not well-formed XML \(line \d+: .*\); the 4 items that could be read were imported/);
		// Gzip cut off after some items: those are kept.
		const gz = gzipSync(Buffer.from(feedOf(manyItems(400))));
		const gzFile = path.join(dir, 'cut.xml');
		writeFileSync(gzFile, gz.subarray(0, Math.floor(gz.length * 0.6)));
		const gzCut = await importFeed(gzFile, { cache: await open(), parseOptions: {}, workers: 0 });
		assert.ok(gzCut.items.length > 10 && gzCut.items.length < 400, String(gzCut.items.length));
		assert.ok(gzCut.problems.some((p) => p.kind === 'broken-feed' && p.severity === 'warning'), JSON.stringify(gzCut.problems));
	});

	it('names a file that is not a feed, and an item over the size limit', async () => {
		const cases: [string, string | Uint8Array, string][] = [
			['page.xml', read('news-page.html'), 'not-a-feed'],
			['sitemap.xml', '<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>', 'not-a-feed'],
			['channel-less.rss', '<rss version="2.0"><item><title>A</title><description>Some text here.</description></item></rss>', 'not-a-feed'],
			['empty.xml', '', 'empty'],
			['no-items.xml', feedOf(''), 'empty'],
			['garbage.xml', Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from('not gzip at all '.repeat(50))]), 'binary'],
			['image.xml', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'binary'],
			['text.xml', 'Just a note, no XML here.\n'.repeat(20), 'not-a-feed'],
		];
		for (const [name, body, kind] of cases) {
			writeFileSync(path.join(dir, name), body);
			const result = await importFeed(path.join(dir, name), { cache: await open(), parseOptions: {}, workers: 0 });
			assert.deepEqual([result.items.length, result.problems.map((p) => `${p.severity} ${p.kind}`)], [0, [`error ${kind}`]], `${name}: ${JSON.stringify(result.problems)}`);
		}
		const big = path.join(dir, 'big-item.xml');
		writeFileSync(big, feedOf(manyItems(1) + `<item><title>Huge</title><description>${'word '.repeat(2000)}</description></item>` + manyItems(1, 3)));
		const result = await importFeed(big, { cache: await open(), parseOptions: {}, workers: 0, maxItemBytes: 4096 });
		assert.deepEqual(titles(result.items), ['Tide report 1', '(too-large)', 'Tide report 3']);
		assert.match(result.items[1]!.outcome.ok === false ? result.items[1]!.outcome.message : '', /is 0 MB, over the .* MB limit for one item/);
	});

	it('caches items by digest, so a feed that grew at the top extracts only its new item', async () => {
		const file = path.join(dir, 'growing.xml');
		const cacheDir = path.join(dir, 'cache');
		const first = await ParseCache.open(cacheDir, 'test');
		writeFileSync(file, feedOf(manyItems(5, 2)));
		await importFeed(file, { cache: first, parseOptions: {}, workers: 0 });
		await first.save();
		const cache = await ParseCache.open(cacheDir, 'test');
		writeFileSync(file, feedOf(manyItems(6, 1)));
		let extracted = 0;
		const queue = new ExtractQueue({ cache, parseOptions: {}, workers: 0 });
		const add = queue.add.bind(queue);
		queue.add = (...args) => (extracted++, add(...args));
		const grown = await importFeed(file, { cache, parseOptions: {}, queue });
		await queue.finish();
		assert.equal(extracted, 1);
		assert.deepEqual(titles(grown.items), [1, 2, 3, 4, 5, 6].map((i) => `Tide report ${i}`));
		assert.equal(grown.items[4]!.label, 'item 5 (https://ledger.example/tides/5)');
	});

	it('extracts a large feed on workers with the same result as in-thread', async () => {
		const file = path.join(dir, 'large.xml');
		writeFileSync(file, feedOf(manyItems(150)));
		const inThread = await importFeed(file, { cache: await open(), parseOptions: {}, workers: 0 });
		const onWorkers = await importFeed(file, { cache: await open(), parseOptions: {}, workers: 2 });
		assert.equal(onWorkers.items.length, 150);
		assert.deepEqual(titles(onWorkers.items), titles(inThread.items));
		assert.deepEqual(onWorkers.items.map((i) => i.label), inThread.items.map((i) => i.label));
	});
});

describe('web archives', () => {
	let dir: string;
	const page = () => ({ url: PAGE_URL, body: read('news-page.html') });
	const image = { url: 'https://ledger.example/logo.png', body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), contentType: 'image/png' };
	const other = () => ({ url: 'https://ledger.example/news/2024/03/library-hours', body: read('news-page.html').toString().replaceAll('harbour bridge', 'town library').replace(PAGE_URL, 'https://ledger.example/news/2024/03/library-hours') });
	const open = () => ParseCache.open(undefined, 'test');

	before(() => {
		dir = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-warc-'));
	});
	after(() => rmSync(dir, { recursive: true, force: true }));

	for (const gzip of [false, true]) {
		it(`imports the HTML responses of ${gzip ? 'a gzipped' : 'an uncompressed'} archive and counts the rest`, async () => {
			const file = path.join(dir, `plain.warc${gzip ? '.gz' : ''}`);
			await writeWarc(file, [page(), image, { ...other(), statusline: 'HTTP/1.1 404 Not Found' }, { url: 'https://ledger.example/old', body: '', statusline: 'HTTP/1.1 301 Moved Permanently' }], gzip);
			const result = await importArchive(file, { cache: await open(), parseOptions: {}, workers: 0 });
			assert.equal(result.items.length, 1);
			const [item] = result.items;
			assert.equal(item!.item, 2);
			assert.ok(item!.outcome.ok === true);
			assert.equal(item!.outcome.article.format, 'warc');
			assert.equal(item!.outcome.article.sourceUrl, PAGE_URL);
			assert.deepEqual(result.problems.map((p) => p.kind), ['skipped-records']);
			assert.match(result.problems[0]!.message, /7 of its 8 records .*1 error-status, 1 non-HTML, 1 redirect, 4 request/);
		});
	}

	it('keeps the records before a cut and names the cut', async () => {
		const file = path.join(dir, 'cut.warc.gz');
		await writeWarc(file, [page(), other()], true);
		truncateSync(file, statSync(file).size - 400);
		const result = await importArchive(file, { cache: await open(), parseOptions: {}, workers: 0 });
		assert.equal(result.items.filter((i) => i.outcome.ok === true).length, 1);
		assert.ok(result.problems.some((p) => p.kind === 'broken-archive' && p.severity === 'error' && /cut off|could not be read/.test(p.message)), JSON.stringify(result.problems));
	});

	it('keeps the records before gzip garbage and names the damage', async () => {
		const file = path.join(dir, 'garbage.warc.gz');
		await writeWarc(file, [page()], true);
		appendFileSync(file, Buffer.from('this is not gzip at all \u0000\u0001\u0002 and not a WARC record either\r\n\r\n'.repeat(20)));
		const result = await importArchive(file, { cache: await open(), parseOptions: {}, workers: 0 });
		assert.equal(result.items.filter((i) => i.outcome.ok === true).length, 1);
		assert.ok(result.problems.some((p) => p.kind === 'broken-archive'), JSON.stringify(result.problems));
	});

	it('names a record whose Content-Length is too small', async () => {
		const records = [...(await serializePage(page(), false)), ...(await serializePage(other(), false))];
		const text = Buffer.concat(records).toString('latin1');
		// Shrink the first response's Content-Length by 10: its last bytes spill before the next record.
		const at = text.indexOf('WARC-Type: response');
		const lengthAt = text.indexOf('Content-Length: ', at);
		const end = text.indexOf('\r\n', lengthAt);
		const length = Number(text.slice(lengthAt + 16, end));
		const file = path.join(dir, 'short.warc');
		writeFileSync(file, Buffer.from(text.slice(0, lengthAt + 16) + String(length - 10) + text.slice(end), 'latin1'));
		const result = await importArchive(file, { cache: await open(), parseOptions: {}, workers: 0 });
		assert.ok(result.problems.some((p) => p.kind === 'broken-archive' && /Content-Length .* smaller/.test(p.message)), JSON.stringify(result.problems));
		assert.ok(result.items.length >= 1);
	});

	it('names an empty or non-WARC file instead of crashing', async () => {
		const empty = path.join(dir, 'empty.warc');
		writeFileSync(empty, '');
		assert.equal((await importArchive(empty, { cache: await open(), parseOptions: {} })).problems[0]?.kind, 'empty');
		const text = path.join(dir, 'text.warc');
		writeFileSync(text, 'Just some text\nthat is not an archive\n');
		assert.equal((await importArchive(text, { cache: await open(), parseOptions: {} })).problems[0]?.kind, 'broken-archive');
	});

	it('extracts on workers once an archive is large enough, with the same result as in-thread', async () => {
		const file = path.join(dir, 'many.warc.gz');
		const pages = Array.from({ length: 70 }, (_, i) => ({ url: `https://ledger.example/news/${i}`, body: read('news-page.html').toString().replace(PAGE_URL, `https://ledger.example/news/${i}`).replace('Harbour bridge reopens', `Harbour bridge ${i} reopens`) }));
		await writeWarc(file, pages, true);
		const inThread = await importArchive(file, { cache: await open(), parseOptions: {}, workers: 0 });
		const onWorkers = await importArchive(file, { cache: await open(), parseOptions: {}, workers: 2 });
		assert.equal(onWorkers.items.length, 70);
		assert.deepEqual(onWorkers.items.map((i) => (i.outcome.ok === true ? i.outcome.article.title : null)), inThread.items.map((i) => (i.outcome.ok === true ? i.outcome.article.title : null)));
	});
});

describe('a content folder with pages, feeds and archives', () => {
	let dir: string;
	let cacheDir: string;
	before(async () => {
		dir = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-import-'));
		cacheDir = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-import-cache-'));
		copyFileSync(new URL('news-page.html', fixtures), path.join(dir, 'bridge.html'));
		copyFileSync(new URL('feed.xml', fixtures), path.join(dir, 'ledger.xml'));
		copyFileSync(new URL('section-front.html', fixtures), path.join(dir, 'local.htm'));
		// The same page crawled twice, the second time cut short: one article, the fuller body.
		const shorter = read('news-page.html').toString().replace(/<p>That was the verdict[\s\S]*?<\/p>/, '');
		await writeWarc(path.join(dir, 'crawl.warc.gz'), [{ url: PAGE_URL, body: read('news-page.html') }, { url: PAGE_URL, body: shorter }], true);
		writeFileSync(path.join(dir, 'plain.txt'), 'Ferry timetable changes from April\n\nThe ferry will keep four extra crossings a day through the summer, the operator said on Monday.\n');
	});
	after(() => {
		rmSync(dir, { recursive: true, force: true });
		rmSync(cacheDir, { recursive: true, force: true });
	});

	it('makes one article of a page, its feed item and its archived copies, and keeps every other input', async () => {
		const { articles, problems } = await ingestDirectory(dir, { cacheDir, workers: 0 });
		const bridge = articles.filter((a) => a.title === 'Harbour bridge reopens after storm repairs');
		assert.equal(bridge.length, 1);
		assert.equal(bridge[0]!.sourceUrl, PAGE_URL);
		assert.equal(bridge[0]!.summaryOnly, false);
		assert.deepEqual(new Set(bridge[0]!.duplicates), new Set(['crawl.warc.gz#2', 'crawl.warc.gz#4', 'ledger.xml#1', 'bridge.html'].filter((f) => f !== (bridge[0]!.item ? `${bridge[0]!.file}#${bridge[0]!.item}` : bridge[0]!.file))));
		const library = articles.find((a) => a.title === 'Library extends opening hours for exam season')!;
		assert.deepEqual([library.format, library.file, library.item, library.sourceUrl], ['feed', 'ledger.xml', 2, 'https://ledger.example/news/2024/03/library-hours']);
		const plain = articles.find((a) => a.file === 'plain.txt')!;
		assert.deepEqual([plain.format, plain.item, plain.sourceUrl, plain.summaryOnly], ['text', null, null, false]);
		const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.file} ${p.kind}`);
		assert.deepEqual(errors.sort(), ['ledger.xml title-only', 'local.htm not-an-article']);
		assert.ok(problems.some((p) => p.file === 'crawl.warc.gz' && p.kind === 'skipped-records'));
		for (const a of articles) assert.doesNotMatch(a.html, HOSTILE, a.file);
	});

	it('reads archive records and feed items from the cache on a second run, with the same result', async () => {
		const first = await ingestDirectory(dir, { cacheDir, workers: 0 });
		// One line per entry after the key line: [digest, outcome].
		const digests = readFileSync(path.join(cacheDir, 'ingest-cache.ndjson'), 'utf8').trim().split('\n').slice(1).map((line) => JSON.parse(line)[0] as string);
		assert.equal(digests.filter((k) => k.startsWith('warc:')).length, 2);
		assert.equal(digests.filter((k) => k.startsWith('feed:')).length, 3);
		const second = await ingestDirectory(dir, { cacheDir, workers: 0 });
		assert.deepEqual(second, first);
		assert.ok(readdirSync(cacheDir).includes('ingest-cache.ndjson'));
	});
});

describe('folding by source URL', () => {
	it('keeps the fuller body, and points related links at articles in the corpus', async () => {
		const { foldSameSource, sourceKey } = await import('../../../src/lib/ingest/fold-same-source.ts');
		assert.equal(sourceKey('http://www.Ledger.example/a/b/?utm_source=rss&id=2#top'), sourceKey('https://ledger.example/a/b?id=2'));
		assert.notEqual(sourceKey('https://ledger.example/a?id=2'), sourceKey('https://ledger.example/a?id=3'));
		const page = extractHtmlArticle(read('news-page.html').toString());
		const earlier = { ...page, title: 'Storm surge closes harbour bridge indefinitely (as printed here)', sourceUrl: 'https://ledger.example/news/2024/02/storm-closes-harbour-bridge', relatedUrls: [], sourceRelated: [] };
		const summary = { ...page, wordCount: 12, summaryOnly: true, format: 'feed' as const };
		const fold = foldSameSource([
			{ file: 'feed.xml', item: 1, digest: 'a', article: summary },
			{ file: 'page.html', digest: 'b', article: page },
			{ file: 'earlier.html', digest: 'c', article: earlier },
		]);
		assert.deepEqual(fold.kept.map((k) => k.file), ['page.html', 'earlier.html']);
		assert.deepEqual(fold.duplicatesOf.get(fold.kept[0]!), ['feed.xml#1']);
		assert.equal(fold.problems[0]!.kind, 'duplicate');
		assert.equal(fold.kept[0]!.article.sourceRelated[0], 'Storm surge closes harbour bridge indefinitely (as printed here)');
		assert.equal(page.sourceRelated[0], 'Storm surge closes harbour bridge indefinitely', 'the cached parse is not changed');
		// One canonical URL on two different stories (a misconfigured site): not folded.
		const other = { ...earlier, title: 'Ferry adds extra crossings', paragraphs: ['The ferry adds four crossings a day.'], sourceUrl: page.sourceUrl };
		assert.equal(foldSameSource([{ file: 'a.html', digest: 'a', article: page }, { file: 'b.html', digest: 'b', article: other }]).kept.length, 2);
	});
});
