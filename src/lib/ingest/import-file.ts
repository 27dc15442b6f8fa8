/**
 * The imported formats' entry points, shared by the in-thread path and the worker
 * threads: saved pages (`.html`, `.htm`), feeds (`.xml`, `.rss`, `.atom`, `.rdf`) and
 * single web-archive records. Archives and feed files are streamed by
 * `import-archive.ts` and `import-feed.ts`, which hand each HTML response, or each
 * item as a one-item feed document, here. Every outcome is an article, a list of item
 * outcomes, or a named failure; nothing throws.
 */
import { decodeMarkupBytes } from './decode-markup.ts';
import { NotAnArticleError } from './errors.ts';
import { extractHtmlArticle } from './extract-html.ts';
import { fingerprintBody } from './find-duplicates.ts';
import type { CachedItem, CachedParse } from './parse-cache.ts';
import { type FeedParseOptions, parseFeedItems } from './parse-feed.ts';
import type { ParsedArticle, ProblemKind } from './types.ts';

/** Saved web pages: one article each. */
export const HTML_EXTENSIONS = ['.html', '.htm'];
/** Feeds: one article per item. */
export const FEED_EXTENSIONS = ['.xml', '.rss', '.atom', '.rdf'];
/** Web archives, streamed: one article per HTML response record that holds one. */
export const ARCHIVE_EXTENSIONS = ['.warc', '.warc.gz'];

/** True for a web archive file name (`.warc`, `.warc.gz`, any case). */
export function isArchiveFile(name: string): boolean {
	const lower = name.toLowerCase();
	return ARCHIVE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** True for a feed (`.xml`, `.rss`, `.atom`, `.rdf`, any case): streamed by `import-feed.ts`, item by item. */
export function isFeedFile(name: string): boolean {
	const lower = name.toLowerCase();
	return FEED_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** True for a saved page: an input whose extraction costs far more than parsing text. */
export function isSavedPage(name: string): boolean {
	const lower = name.toLowerCase();
	return HTML_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/**
 * Pages to extract before workers pay for their start-up: extraction takes tens of
 * milliseconds a page, against well under one for a text file.
 */
export const MIN_IMPORTS_FOR_WORKERS = 64;

/** What a WARC response record says about its payload. */
export interface RecordContext {
	/** WARC-Target-URI. */
	url: string | null;
	/** HTTP Content-Type header (for the charset). */
	contentType: string | null;
	/** HTTP status code. */
	status: number | null;
}

type Warning = { message: string; kind: ProblemKind };
type Single = Exclude<CachedParse, { ok: 'items' }>;

function success(article: ParsedArticle, warnings: Warning[]): Single {
	return { ok: true, article, warnings, fingerprint: fingerprintBody(article.paragraphs) };
}

function failure(error: unknown, what: string): Single {
	if (error instanceof NotAnArticleError) return { ok: false, message: error.message, kind: error.kind };
	// An extractor bug must not stop the build: report it against the input.
	return { ok: false, kind: 'unreadable', message: `could not be ${what} (${(error as Error).message}); please report this with the file attached` };
}

function charsetWarning(warning: string | undefined): Warning[] {
	return warning ? [{ kind: 'encoding', message: warning }] : [];
}

/** Extracts the article of one saved page or archived response. */
function importPage(bytes: Uint8Array, options: { wordsPerMinute?: number }, record?: RecordContext): Single {
	try {
		const decoded = decodeMarkupBytes(bytes, record?.contentType);
		const article = extractHtmlArticle(decoded.text, { url: record?.url, status: record?.status, wordsPerMinute: options.wordsPerMinute, format: record ? 'warc' : 'html' });
		return success(article, charsetWarning(decoded.warning));
	} catch (error) {
		return failure(error, 'extracted');
	}
}

/** Reads every item of a feed (a whole feed, or one item cut from a streamed one: see `split-feed.ts`). */
function importFeed(bytes: Uint8Array, options: FeedParseOptions): CachedParse {
	try {
		const decoded = decodeMarkupBytes(bytes);
		const feed = parseFeedItems(decoded.text, options);
		const warnings = charsetWarning(decoded.warning);
		if (feed.malformed) warnings.push({ kind: 'broken-feed', message: feed.malformed });
		const items: CachedItem[] = feed.items.map((entry) => ({
			item: entry.item,
			label: entry.label,
			outcome: 'article' in entry ? success(entry.article, []) : failure(entry.error, 'read'),
		}));
		return { ok: 'items', items, warnings };
	} catch (error) {
		return failure(error, 'read as a feed');
	}
}

/**
 * Imports one input file by its extension, or returns null when the extension is not
 * an imported format (the caller parses it as text or Markdown).
 */
export function importFileBytes(ext: string, bytes: Uint8Array, options: { wordsPerMinute?: number }): CachedParse | null {
	if (HTML_EXTENSIONS.includes(ext)) return importPage(bytes, options);
	if (FEED_EXTENSIONS.includes(ext)) return importFeed(bytes, options);
	return null;
}

/**
 * Reads the one-item feed document that `split-feed.ts` cut from a streamed feed
 * (its item is numbered 1 here; the caller renumbers it).
 */
export function importFeedItemBytes(bytes: Uint8Array, options: { wordsPerMinute?: number }): CachedParse {
	return importFeed(bytes, { ...options, checkWellFormed: false });
}

/** Extracts the article of one archived HTML response. */
export function importRecordBytes(bytes: Uint8Array, record: RecordContext, options: { wordsPerMinute?: number }): Single {
	return importPage(bytes, options, record);
}
