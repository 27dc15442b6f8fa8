/**
 * Unit tests for the ingest's small pure helpers: boilerplate matching, dates,
 * datelines, decoding, duplicate hashing, slugs, config and the report text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileBoilerplate, matchBoilerplate } from '../../../src/lib/ingest/boilerplate.ts';
import { decodeArticleBytes, detectBinary } from '../../../src/lib/ingest/decode-bytes.ts';
import { isDateOnlyLine, parseFrontMatterDate, parseFullDate } from '../../../src/lib/ingest/detect-date.ts';
import { detectDateline } from '../../../src/lib/ingest/detect-dateline.ts';
import { NotAnArticleError } from '../../../src/lib/ingest/errors.ts';
import { bodyDigest, extractFacts, factsAgree, findDuplicateGroups } from '../../../src/lib/ingest/find-duplicates.ts';
import { formatIngestReport } from '../../../src/lib/ingest/format-report.ts';
import { resolveIngestOptions } from '../../../src/lib/ingest/load-config.ts';
import { countWords, extractWords, normalizeText, summarize } from '../../../src/lib/ingest/normalize-text.ts';
import { parseArticle } from '../../../src/lib/ingest/parse-article.ts';
import { assignUniqueSlugs, slugifyTitle } from '../../../src/lib/ingest/slugify-title.ts';

test('boilerplate: site furniture matches, body sentences do not', () => {
	const furniture = [
		'Share:', 'Share this article', 'Join NewsTrack Whatsapp group', 'Join our Telegram channel for latest news updates',
		'Follow us on Twitter and Instagram', 'Facebook Twitter WhatsApp', 'Related News', 'Also read', 'You may also like',
		'Advertisement', '© 2024 Reuters. All rights reserved.', 'Updated: 12 March 2024, 10:30 IST', '***', 'https://example.com/x',
		'Sign up for our daily newsletter', 'Download the News app',
	];
	for (const line of furniture) assert.ok(matchBoilerplate(line), `should match: ${line}`);
	const body = [
		'Copyright law is complex.', 'Updated figures show 5% growth.', 'Picture this: a world.', 'Join Max group',
		'Download speeds on the app store rose 20% last year.', 'Elvis regains top chart position', 'Share prices fell sharply on Monday.',
		'Related party transactions were disclosed.',
	];
	for (const line of body) assert.equal(matchBoilerplate(line), undefined, `should not match: ${line}`);
});

test('boilerplate: the source site is read from "join" lines, inline related links keep their headline', () => {
	assert.equal(matchBoilerplate('Join NewsTrack Whatsapp group')?.source, 'NewsTrack');
	assert.equal(matchBoilerplate('Join City Herald Telegram channel')?.source, 'City Herald');
	assert.equal(matchBoilerplate('Also read: Council sets budget')?.headline, 'Council sets budget');
});

test('boilerplate: users extend the list; bad patterns are reported with their name', () => {
	const patterns = compileBoilerplate([{ name: 'promo', pattern: '^get 50% off today$' }, { name: 'sticky', pattern: /^promo$/giu }]);
	assert.equal(matchBoilerplate('Get 50% off today', patterns)?.name, 'promo');
	assert.equal(matchBoilerplate('PROMO', patterns)?.name, 'sticky');
	assert.equal(matchBoilerplate('PROMO', patterns)?.name, 'sticky', 'global flags are dropped, so repeated tests agree');
	assert.throws(() => compileBoilerplate([{ name: 'broken', pattern: '([' }]), /ingest\.boilerplate\[0\] \("broken"\)/);
	const options = resolveIngestOptions({ ingest: { boilerplate: [{ name: 'promo', pattern: '^buy now$' }] } });
	assert.equal(parseArticle('Title\n\nBody text here.\n\nBuy now\n', options).paragraphs.length, 1);
});

test('dates: only complete, unambiguous dates', () => {
	assert.equal(parseFullDate('March 3, 2024'), '2024-03-03');
	assert.equal(parseFullDate('3rd March 2024'), '2024-03-03');
	assert.equal(parseFullDate('2024-03-03T10:00:00Z'), '2024-03-03');
	assert.equal(parseFullDate('25/03/2024'), '2024-03-25');
	assert.equal(parseFullDate('03/25/2024'), '2024-03-25');
	assert.equal(parseFullDate('03/04/2024'), null);
	assert.equal(parseFullDate('February 30, 2024'), null);
	assert.equal(parseFullDate('March 3'), null);
	assert.equal(parseFrontMatterDate(new Date(Date.UTC(2024, 2, 3))), '2024-03-03');
	assert.equal(parseFrontMatterDate('soon'), null);
	assert.ok(isDateOnlyLine('Monday, 3 March 2024'));
	assert.ok(!isDateOnlyLine('On 3 March 2024 the council met.'));
});

test('datelines: wire openers are split off, ordinary sentences are not', () => {
	assert.deepEqual(detectDateline('NEW YORK, March 3 (Reuters) - Stocks rose.'), { dateline: 'NEW YORK, March 3 (Reuters)', rest: 'Stocks rose.' });
	assert.equal(detectDateline('WASHINGTON (AP) — The Senate voted.')?.dateline, 'WASHINGTON (AP)');
	assert.equal(detectDateline('LONDON -- Shares fell.')?.dateline, 'LONDON');
	assert.equal(detectDateline('PARIS, France, 3 March 2024 – Talks began.')?.dateline, 'PARIS, France, 3 March 2024');
	for (const text of ['Mr Smith - who led the talks - resigned.', 'AI - the new frontier.', 'BBC - the broadcaster said.', 'The UK - and France - agreed.']) {
		assert.equal(detectDateline(text), undefined, text);
	}
	const a = parseArticle('Title\n\nNEW YORK, March 3, 2024 (Reuters) - Stocks rose.\n');
	assert.equal(a.dateline, 'NEW YORK, March 3, 2024 (Reuters)');
	assert.equal(a.date, '2024-03-03');
	assert.deepEqual(a.paragraphs, ['Stocks rose.']);
});

test('decoding: BOMs, UTF-16, Windows-1252 fallback, binary refused', () => {
	assert.equal(decodeArticleBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])).text, 'A');
	assert.equal(decodeArticleBytes(new Uint8Array([0xff, 0xfe, 0x41, 0x00])).text, 'A');
	assert.equal(decodeArticleBytes(new Uint8Array([0xfe, 0xff, 0x00, 0x41])).text, 'A');
	const latin = decodeArticleBytes(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80]));
	assert.equal(latin.text, 'café €');
	assert.equal(latin.fallback, true);
	assert.equal(detectBinary(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])), 'PDF document');
	assert.throws(() => decodeArticleBytes(new Uint8Array(200).fill(1)), (e: unknown) => e instanceof NotAnArticleError && e.kind === 'binary');
	assert.equal(decodeArticleBytes(new TextEncoder().encode('Text with one \u0000 NUL')).encoding, 'utf-8');
	assert.equal(normalizeText('a\r\nb\rc\u0000d\u200be\tf'), 'a\nb\ncde f');
});

test('counting and summaries', () => {
	assert.equal(countWords("Don't stop: U.S. well-known £400 café 東京"), 7);
	// A thousands separator joins digits; a comma after a word or before a space does not.
	assert.equal(countWords('About 2,000 homes, 1,250,000 pounds, 3, 4 and 5,x'), 10);
	assert.deepEqual(extractWords('About 2,000 homes, 1,250,000 pounds, 3, 4 and 5,x'), ['About', '2,000', 'homes', '1,250,000', 'pounds', '3', '4', 'and', '5', 'x']);
	const long = `${'A sentence that goes on. '.repeat(20)}`;
	assert.ok(summarize([long]).length <= 300);
	assert.ok(summarize([long]).endsWith('.'));
});

test('duplicates: normalised bodies hash alike; near copies group, different bodies do not', () => {
	assert.equal(bodyDigest(['Hello, World!']), bodyDigest(['hello world']));
	const base = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
	const near = base.replace('word30', 'changed');
	const other = Array.from({ length: 60 }, (_, i) => `other${i}`).join(' ');
	const groups = findDuplicateGroups([[base], [other], [near], [base.toUpperCase()]]);
	assert.deepEqual(groups.map((g) => [g.keeper, g.duplicates.map((d) => [d.index, d.exact])]), [[0, [[2, false], [3, true]]]]);
});

test('duplicates: facts are numbers, dates and day names, however a copy writes them', () => {
	assert.equal(extractFacts(['Net 5,645,000 vs 6,153,000, up 12 pct at 2.50 dlrs on Monday'], { dateline: 'TORONTO, April 8' }), '12 2.5 5645000 6153000 8 apr mon');
	// Posting times are not facts; fractions and dates read the same in any spelling.
	assert.equal(extractFacts(['Posted 6:07 PM. After 4 1/2 hours, at 4 p.m.']), extractFacts(['After 4.5 hours']));
	const dated = extractFacts(['Council meets'], { date: '2011-08-04' });
	for (const stamp of ['Thursday, Aug. 4, 2011', '08/04/11', '4 August 2011']) assert.ok(factsAgree(extractFacts([`Council meets ${stamp}`]), dated), stamp);
	assert.ok(!factsAgree(extractFacts(['Council meets 08/05/11']), dated));
	// A substitution on each side is two reports; a fact added on one side is an update.
	assert.ok(!factsAgree('2.5 9 mar', '1.5 20 mar'));
	assert.ok(factsAgree('2.5 9 mar', '2.5 5 9 mar'));
	assert.ok(factsAgree('', '1.5 20 mar'));
});

test('slugs: readable, unique, safe, order-independent suffixes', () => {
	assert.equal(slugifyTitle('Iran\'s Offer: "Free" Hostages?'), 'irans-offer-free-hostages');
	assert.equal(slugifyTitle('../../x'), 'x');
	assert.ok(slugifyTitle('a '.repeat(100)).length <= 80);
	const items = [{ title: 'Same', key: 'a.txt' }, { title: 'Same', key: 'b.txt' }, { title: '🎉', key: 'c.txt' }];
	const slugs = [...assignUniqueSlugs(items).values()];
	assert.equal(slugs[0], 'same');
	assert.match(slugs[1]!, /^same-[0-9a-f]{6}$/);
	assert.match(slugs[2]!, /^article-[0-9a-f]{6}$/);
});

test('report: summary, problems by kind, every problem as file: reason', () => {
	const text = formatIngestReport(
		{
			articles: [{ duplicates: ['b.txt'] }, { duplicates: [] }],
			problems: [
				{ file: 'b.txt', severity: 'warning', kind: 'duplicate', message: 'has the same body as a.txt.' },
				{ file: 'x.txt', severity: 'error', kind: 'empty', message: 'is empty.' },
			],
		},
		{ dir: 'content' },
	);
	const lines = text.split('\n');
	assert.equal(lines[0], 'Ingest from content: 2 articles, 1 duplicates folded, 1 errors, 1 warnings.');
	assert.ok(lines.some((l) => /1\s+empty or whitespace-only \(empty\)/.test(l)));
	assert.equal(lines.at(-2), 'error x.txt: is empty.');
	assert.equal(lines.at(-1), 'warning b.txt: has the same body as a.txt.');
});
