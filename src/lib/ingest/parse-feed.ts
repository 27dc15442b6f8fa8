/**
 * An RSS, Atom or RDF feed → one ParsedArticle per item, through
 * `@rowanmanning/feed-parser` (lenient about the malformed feeds found in the wild).
 * The body is the item's full content (`content:encoded`, Atom `content`) when it has
 * one, cleaned and sanitised like a page's; an item with only a summary becomes a
 * summary-only article that links to the original. Items without text become
 * problems; a file that is not a feed at all throws a named error.
 */
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLValidator } from 'fast-xml-parser';
import { cleanHtmlBody, cleanTextBody } from './clean-html-body.ts';
import { NotAnArticleError } from './errors.ts';
import { absoluteHttpUrl } from './extract-html.ts';
import { countWords, estimateReadingMinutes, summarize } from './normalize-text.ts';
import type { ParsedArticle } from './types.ts';

/** A feed, read: its items' outcomes and, when the XML is not well-formed, what is wrong with it. */
export interface FeedOutcome {
	/** Item outcomes in feed order. */
	items: FeedItemOutcome[];
	/** Set when the XML is malformed or cut off but items could still be read (a warning for the file). */
	malformed?: string;
}

/** One item's outcome: its 1-based position in the feed, how reports name it, and an article or the reason there is none. */
export type FeedItemOutcome = { item: number; label: string } & ({ article: ParsedArticle } | { error: NotAnArticleError });

function squash(text: string | null | undefined): string {
	return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** Plain text of a feed title, which may carry markup or entities ("<b>Breaking</b>: …"). */
function plainTitle(value: string | null): string {
	if (!value) return '';
	return /[<&]/.test(value) ? (cleanHtmlBody(`<p>${value}</p>`).paragraphs.join(' ') || squash(value.replace(/<[^>]*>/g, ' '))) : squash(value);
}

/** An HTML or plain-text body, cleaned. */
function cleanBody(value: string) {
	return /<[a-z!/][^>]*>/i.test(value) ? cleanHtmlBody(value) : cleanTextBody(value);
}

function utcDay(date: Date | null): string | null {
	return date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(0, 10) : null;
}

/** Options for {@link parseFeedItems}. */
export interface FeedParseOptions {
	/** Reading speed for the reading-time estimate. */
	wordsPerMinute?: number;
	/**
	 * Check that the XML is well-formed (default true). Off for the one-item documents
	 * cut from a streamed feed, whose splitter has already checked the whole file.
	 */
	checkWellFormed?: boolean;
}

/**
 * Parses a feed's text into item outcomes.
 * @throws NotAnArticleError (`not-a-feed`, `broken-feed`, `empty`) when the file as a whole is unusable.
 */
export function parseFeedItems(xml: string, options: FeedParseOptions = {}): FeedOutcome {
	if (!xml.trim()) throw new NotAnArticleError('is empty; add the feed or remove the file', 'empty');
	const head = xml.slice(0, 2048).toLowerCase();
	if (/<html[\s>]|<!doctype html/.test(head) && !/<(?:rss|feed|rdf:rdf)[\s>]/.test(head)) {
		throw new NotAnArticleError('is an HTML page, not a feed (no <rss>, <feed> or <rdf:RDF>); save it as .html to import it as a page', 'not-a-feed');
	}
	let feed;
	try {
		feed = parseFeed(xml);
	} catch (error) {
		const message = (error as Error).message;
		if ((error as { code?: string }).code === 'INVALID_FEED') {
			throw new NotAnArticleError('is XML but not a feed (no <rss>, <feed> or <rdf:RDF> root element); remove it from the content folder', 'not-a-feed');
		}
		throw new NotAnArticleError(`is not well-formed XML (${message.slice(0, 120)}); it may be cut off. Fetch the feed again`, 'broken-feed');
	}
	const source = squash(feed.title) || null;
	const base = feed.url ?? feed.self ?? null;
	const items = feed.items;
	if (!items.length) throw new NotAnArticleError('is a feed with no items; nothing to import', 'empty');
	// The parser is lenient (it reads what it can of broken XML); the validator says whether anything was lost.
	const valid = options.checkWellFormed === false || XMLValidator.validate(xml);
	const malformed = valid === true ? undefined : `is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}); the ${items.length} items that could be read were imported. Fetch the feed again if some are missing`;
	return { malformed, items: items.map((entry, index): FeedItemOutcome => {
		const item = index + 1;
		const title = plainTitle(entry.title);
		const link = absoluteHttpUrl(entry.url, base);
		const content = entry.content && squash(entry.content) ? cleanBody(entry.content) : null;
		const summary = entry.description && squash(entry.description) ? cleanBody(entry.description) : null;
		const contentWords = content ? content.paragraphs.reduce((n, p) => n + countWords(p), 0) : 0;
		const summaryWords = summary ? summary.paragraphs.reduce((n, p) => n + countWords(p), 0) : 0;
		// Some feeds repeat the summary as "content": the fuller of the two is the body.
		const full = contentWords > 0 && contentWords >= summaryWords;
		const body = full ? content! : summary;
		const words = full ? contentWords : summaryWords;
		const label = `item ${item}${link ? ` (${link})` : title ? ` ("${title.slice(0, 60)}")` : ''}`;
		if (!title && !words) return { item, label, error: new NotAnArticleError('has neither a title nor any text', 'empty') };
		if (!words || !body) return { item, label, error: new NotAnArticleError('has a title but no text (no content and no summary)', 'title-only') };
		const paragraphs = body.paragraphs;
		return {
			item,
			label,
			article: {
				title: title || summarize(paragraphs, 90),
				date: utcDay(entry.published) ?? utcDay(entry.updated),
				author: entry.authors.map((a) => squash(a.name)).filter(Boolean).join(', ') || null,
				source,
				dateline: null,
				summary: summary ? summarize(summary.paragraphs) : summarize(paragraphs),
				paragraphs,
				wordCount: words,
				readingMinutes: estimateReadingMinutes(words, options.wordsPerMinute),
				tags: [...new Set(entry.categories.map((c) => squash(c.label ?? c.term)).filter((c) => c && c.length <= 40))].slice(0, 10),
				sourceRelated: [],
				format: 'feed',
				bodyHtml: body.html,
				sourceUrl: link,
				summaryOnly: !full,
				trailingRelated: 0,
			},
		};
	}) };
}
