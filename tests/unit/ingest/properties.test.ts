/**
 * Property-based tests (fast-check): the parser never throws on arbitrary input
 * except the documented NotAnArticleError, never loses a body word, and text
 * articles always render as literal text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { matchBoilerplate } from '../../../src/lib/ingest/boilerplate.ts';
import { decodeArticleBytes } from '../../../src/lib/ingest/decode-bytes.ts';
import { NotAnArticleError } from '../../../src/lib/ingest/errors.ts';
import { parseFileBytes } from '../../../src/lib/ingest/ingest-directory.ts';
import { extractWords } from '../../../src/lib/ingest/normalize-text.ts';
import { parseArticle } from '../../../src/lib/ingest/parse-article.ts';
import { parseMarkdownArticle } from '../../../src/lib/ingest/parse-markdown.ts';
import { renderParagraphs } from '../../../src/lib/ingest/render-article.ts';

const RUNS = Number(process.env.FC_RUNS ?? 300);

test('arbitrary bytes never throw out of parseFileBytes', () => {
	fc.assert(
		fc.property(fc.uint8Array({ maxLength: 4000 }), fc.constantFrom('a.txt', 'a.md'), (bytes, name) => {
			const outcome = parseFileBytes(name, bytes);
			if (!outcome.ok) assert.notEqual(outcome.kind, 'unreadable', `parser crashed: ${outcome.message}`);
		}),
		{ numRuns: RUNS * 3 },
	);
});

test('arbitrary strings throw nothing but NotAnArticleError', () => {
	const text = fc.oneof(
		fc.string({ unit: 'binary', maxLength: 2000 }),
		fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.constantFrom('', 'Share:', 'Related News', '---', '# x', 'title: [', 'Join NewsTrack Whatsapp group', 'NEW YORK, March 3 -', '\r', '\u0000', '\uFEFF')), { maxLength: 40 }).map((lines) => lines.join('\n')),
	);
	fc.assert(
		fc.property(text, (input) => {
			for (const parse of [parseArticle, parseMarkdownArticle]) {
				try {
					const article = parse(input);
					assert.ok(article.title.length > 0);
					assert.ok(article.paragraphs.length > 0);
					assert.ok(article.readingMinutes >= 1);
				} catch (error) {
					assert.ok(error instanceof NotAnArticleError, `unexpected ${(error as Error).stack}`);
				}
			}
		}),
		{ numRuns: RUNS },
	);
});

test('decoding never throws except for binary, and UTF-8 round-trips', () => {
	fc.assert(
		fc.property(fc.string({ unit: 'grapheme', maxLength: 500 }), (s) => {
			const bytes = new TextEncoder().encode(s);
			let decoded;
			try {
				decoded = decodeArticleBytes(bytes);
			} catch (error) {
				assert.ok(error instanceof NotAnArticleError && error.kind === 'binary');
				return;
			}
			if (decoded.encoding === 'utf-8') assert.equal(decoded.text, s.replace(/^\uFEFF/, ''));
		}),
		{ numRuns: RUNS },
	);
});

// Body words: letters (with accents), digits, apostrophes; sentences end with a full stop.
const word = fc.stringMatching(/^[a-zà-ÿ]{1,10}$|^[0-9]{1,4}$|^[A-Z][a-z]{1,8}$/);
const sentence = fc.array(word, { minLength: 3, maxLength: 14 }).map((w) => `${w.join(' ')}.`);
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 5 }).map((s) => s.join(' '));
const title = fc.array(fc.stringMatching(/^[A-Z][a-z]{2,8}$/), { minLength: 2, maxLength: 8 }).map((w) => w.join(' '));

/** Lays paragraphs out the ways real files do: blank lines, single newlines, or hard-wrapped at `width`. */
function layout(paragraphs: string[], style: 'blank' | 'single' | 'wrapped', width: number): string {
	if (style === 'blank') return paragraphs.join('\n\n');
	if (style === 'single') return paragraphs.join('\n');
	return paragraphs
		.map((p) => {
			const lines: string[] = [];
			let line = '';
			for (const w of p.split(' ')) {
				if (line && line.length + 1 + w.length > width) {
					lines.push(line);
					line = w;
				} else line = line ? `${line} ${w}` : w;
			}
			lines.push(line);
			return lines.join('\n');
		})
		.join('\n\n');
}

function wordBag(text: string): Map<string, number> {
	const bag = new Map<string, number>();
	for (const w of extractWords(text)) bag.set(w, (bag.get(w) ?? 0) + 1);
	return bag;
}

test('no non-boilerplate body word is lost, however the text is laid out or scraped', () => {
	fc.assert(
		fc.property(
			title,
			fc.array(paragraph, { minLength: 1, maxLength: 8 }),
			fc.constantFrom('blank', 'single', 'wrapped'),
			fc.integer({ min: 50, max: 90 }),
			fc.boolean(),
			fc.array(title, { minLength: 0, maxLength: 4 }),
			(headline, paragraphs, style, width, scraped, related) => {
				fc.pre(paragraphs.every((p) => !matchBoilerplate(p)));
				const body = layout(paragraphs, style, width);
				const text = scraped
					? `${headline}\n${headline}\nShare:\n\n${body}\n\n${related.join('\n\n')}\n\nJoin NewsTrack Whatsapp group\nRelated News\n`
					: `${headline}\n\n${body}\n`;
				const article = parseArticle(text);
				assert.equal(article.title, headline);
				const out = wordBag([article.dateline ?? '', ...article.paragraphs].join('\n'));
				for (const [w, n] of wordBag(body)) assert.ok((out.get(w) ?? 0) >= n, `lost "${w}" (${style}, width ${width})`);
				if (scraped) assert.deepEqual(article.sourceRelated, related);
				else assert.deepEqual(article.sourceRelated, []);
				// Blank-line paragraphs come back exactly. (Wrapped text with one or two lines is
				// ambiguous: a break that falls after a full stop may be a paragraph end. The
				// wrapped fixture covers realistic wire text.)
				if (style === 'blank') assert.deepEqual(article.paragraphs, paragraphs);
			},
		),
		{ numRuns: RUNS },
	);
});

test('text articles render literally: no elements but <p>, no attributes, no links or images', () => {
	const hostile = fc.oneof(
		fc.string({ unit: 'grapheme', maxLength: 200 }),
		fc.constantFrom('<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[x](javascript:alert(1))', '![i](http://t.example/p.gif)', '<a href="http://e.example">e</a>', '<svg onload=alert(1)>', '&lt;b&gt;', '<!-- c -->', '<<p>>'),
	);
	fc.assert(
		fc.property(fc.array(hostile, { minLength: 1, maxLength: 6 }), (paragraphs) => {
			const html = renderParagraphs(paragraphs);
			const inner = html.replace(/<p>|<\/p>/g, '');
			assert.ok(!inner.includes('<'), `unescaped markup in ${html}`);
			assert.ok(!/<[a-z]+\s/i.test(html), 'no element has attributes');
		}),
		{ numRuns: RUNS },
	);
});
