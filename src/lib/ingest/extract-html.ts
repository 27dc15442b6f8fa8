/**
 * A saved news page (HTML) → ParsedArticle. Mozilla Readability (Firefox's Reader View)
 * on a linkedom document finds the body; the page's own metadata (JSON-LD, Open Graph and
 * article meta tags, `<time>`) gives headline, byline, date, canonical URL, site name and
 * tags; the body is then cleaned and sanitised (`cleanHtmlBody`). Pages that are not one
 * article (a section front, an error page, a login wall, an empty page) are refused with
 * a named reason. Pure: no network, no file system.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { type CleanBody, cleanHtmlBody, cleanTextBody } from './clean-html-body.ts';
import { NotAnArticleError } from './errors.ts';
import { countWords, estimateReadingMinutes, summarize } from './normalize-text.ts';
import type { ParsedArticle } from './types.ts';

/** Where the page came from, when the caller knows (a WARC record). */
export interface PageContext {
	/** The URL the page was fetched from (WARC-Target-URI): the canonical URL when the page names none, and the base for relative links. */
	url?: string | null;
	/** HTTP status of the response, when known. */
	status?: number | null;
	/** Reading speed for the reading time. */
	wordsPerMinute?: number;
	/** How the result is labelled (`html` for a saved page, `warc` for an archive record). */
	format?: 'html' | 'warc';
}

/** Fewer words than this in the extracted body: not an article page. */
const MIN_ARTICLE_WORDS = 40;
/** At most this many of the page's related-story links are kept. */
const MAX_RELATED = 10;

type Doc = ReturnType<typeof parseHTML>['document'];
type JsonObject = Record<string, unknown>;

function squash(text: string | null | undefined): string {
	return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** `YYYY-MM-DD` from an ISO-like date string, as the publisher wrote it (no time-zone shift), or null. */
export function isoDay(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(value);
	if (!m) return null;
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return null;
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCDate() === day ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** Meta tag contents by lower-case name/property; repeated ones (article:tag) keep every value. */
function readMeta(document: Doc): Map<string, string[]> {
	const meta = new Map<string, string[]>();
	for (const el of document.querySelectorAll('meta')) {
		const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? '').trim().toLowerCase();
		const content = squash(el.getAttribute('content'));
		if (!key || !content) continue;
		const list = meta.get(key);
		if (list) list.push(content);
		else meta.set(key, [content]);
	}
	return meta;
}

const ARTICLE_TYPES = /^(?:(?:News|Report|Analysis|Opinion|Review|Background|Satirical|Scholarly|Tech|Blog)?Article|BlogPosting|LiveBlogPosting|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|Posting|SocialMediaPosting)$/;

/** The first JSON-LD object that describes an article (in `@graph`s and arrays too). */
function readJsonLd(document: Doc): JsonObject | null {
	const found: JsonObject[] = [];
	const visit = (value: unknown): void => {
		if (Array.isArray(value)) value.forEach(visit);
		else if (value && typeof value === 'object') {
			const obj = value as JsonObject;
			const types = ([] as unknown[]).concat(obj['@type'] ?? []).map(String);
			if (types.some((t) => ARTICLE_TYPES.test(t))) found.push(obj);
			if (obj['@graph']) visit(obj['@graph']);
		}
	};
	for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
		try {
			visit(JSON.parse(script.textContent ?? ''));
		} catch {
			// Broken JSON-LD is common and harmless: the meta tags and the body still count.
		}
	}
	return found[0] ?? null;
}

/** Names from a JSON-LD `author`/`publisher` value (a string, an object, or a list of them). */
function ldNames(value: unknown): string[] {
	return ([] as unknown[])
		.concat(value ?? [])
		.map((v) => (typeof v === 'string' ? v : v && typeof v === 'object' ? (v as JsonObject).name : null))
		.filter((v): v is string => typeof v === 'string')
		.map(squash)
		.filter((v) => v && !/^https?:/i.test(v));
}

function ldString(value: unknown): string | null {
	if (typeof value === 'string') return squash(value) || null;
	if (value && typeof value === 'object' && typeof (value as JsonObject)['@id'] === 'string') return (value as JsonObject)['@id'] as string;
	return null;
}

/** An absolute http(s) URL, resolved against `base`, without its fragment; null otherwise. */
export function absoluteHttpUrl(href: string | null | undefined, base?: string | null): string | null {
	if (!href) return null;
	try {
		const url = base ? new URL(href.trim(), base) : new URL(href.trim());
		if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
		url.hash = '';
		return url.href;
	} catch {
		return null;
	}
}

const DATE_TAIL = /[\s,]*(?:\d{1,2}\.?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d.*$|[\s,]*\d{4}-\d{2}-\d{2}.*$/i;

/** A byline as a name list: "By Jane Doe and John Roe | Reuters" → "Jane Doe and John Roe | Reuters", never a sentence or a URL. */
function cleanByline(value: string | null | undefined): string | null {
	let byline = squash(value).replace(/^(?:by|von|par|por|di|door|av|af)\s*[:\-–]?\s+/i, '');
	byline = byline.replace(/\s*[|•·]\s*(?:updated|published|posted).*$/i, '').replace(/,?\s*(?:updated|published|posted)\b.*$/i, '');
	// A date run into the byline ("Jane Doe22 Dec 2016", "March 25, 2015") is not part of the name.
	byline = byline.replace(DATE_TAIL, '').trim();
	if (!byline || byline.length > 120 || countWords(byline) > 14 || /https?:\/\//i.test(byline)) return null;
	return byline;
}

/** Class or id words that mark the page's own related-stories blocks. */
const RELATED_BLOCK = /(?:^|[\s_-])(?:related|more-?(?:stories|news|on|from)|recommended|read-?(?:more|next)|also-?read|further-?reading|see-?also|trending|most-?(?:read|popular|viewed))(?:$|[\s_-])/i;

const RELATED_STAMP = /\s*(?:\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4})$/i;

/** Headline links from the page's related-stories blocks, outside the body: text and absolute URL. */
function readRelatedLinks(document: Doc, base: string | null): { headline: string; url: string | null }[] {
	const out: { headline: string; url: string | null }[] = [];
	const seen = new Set<string>();
	for (const block of document.querySelectorAll('[class], [id], [aria-label]')) {
		const label = `${block.getAttribute('class') ?? ''} ${block.getAttribute('id') ?? ''} ${block.getAttribute('aria-label') ?? ''}`;
		if (!RELATED_BLOCK.test(label)) continue;
		for (const a of block.querySelectorAll('a[href]')) {
			// Teaser links carry a time stamp or a media label around the headline.
			const headline = squash(a.textContent).replace(RELATED_STAMP, '').replace(/^(?:\d{1,2}\s+(?=\p{Lu})|(?:video|audio|watch|listen|gallery|photos?)\s*[:|-]?\s+)/iu, '').trim();
			const words = countWords(headline);
			const key = headline.toLowerCase();
			// The same story linked twice ("Full article …", a numbered list) counts once.
			if (words < 4 || words > 30 || [...seen].some((s) => key.endsWith(s) || s.endsWith(key))) continue;
			seen.add(key);
			out.push({ headline, url: absoluteHttpUrl(a.getAttribute('href'), base) });
			if (out.length >= MAX_RELATED) return out;
		}
	}
	return out;
}

/** The page's publication date from its metadata, in order of reliability; null when it states none. */
function readDate(document: Doc, meta: Map<string, string[]>, ld: JsonObject | null, readabilityTime: string | null | undefined): string | null {
	const first = (key: string) => meta.get(key)?.[0];
	const candidates: unknown[] = [
		ld?.datePublished,
		first('article:published_time'),
		first('og:published_time'),
		first('datepublished'),
		first('pubdate'),
		first('publishdate'),
		first('publish-date'),
		first('dc.date.issued'),
		first('dc.date'),
		first('dcterms.created'),
		first('date'),
		first('sailthru.date'),
		first('parsely-pub-date'),
		readabilityTime,
		document.querySelector('[itemprop="datePublished"]')?.getAttribute('datetime'),
		document.querySelector('time[pubdate]')?.getAttribute('datetime'),
		document.querySelector('article time[datetime], header time[datetime]')?.getAttribute('datetime'),
	];
	for (const c of candidates) {
		const day = isoDay(c);
		if (day) return day;
	}
	return null;
}

/** Section and tags where the page states them (`article:section`, `article:tag`, JSON-LD keywords). */
function readTags(meta: Map<string, string[]>, ld: JsonObject | null): string[] {
	const raw: string[] = [
		...(meta.get('article:section') ?? []),
		...([] as unknown[]).concat(ld?.articleSection ?? []).filter((s): s is string => typeof s === 'string'),
		...(meta.get('article:tag') ?? []),
		...(meta.get('news_keywords') ?? []).flatMap((k) => k.split(',')),
		...([] as unknown[]).concat(ld?.keywords ?? []).flatMap((k) => (typeof k === 'string' ? k.split(',') : [])),
	];
	const seen = new Set<string>();
	const tags: string[] = [];
	for (const t of raw.map(squash)) {
		// Machine keys ("tag:foo", "id:123", long lists) are not tags a reader can use.
		if (!t || t.length > 40 || /[:=/]/.test(t) || seen.has(t.toLowerCase())) continue;
		seen.add(t.toLowerCase());
		tags.push(t);
		if (tags.length >= 10) break;
	}
	return tags;
}

/**
 * Signs that extracted content is an index of other articles, not one article: most of its
 * text sits in links, or several of its subheadings are links (teaser headlines).
 */
function indexSignals(fragment: string): { linkShare: number; linkedHeadings: number } {
	const { document } = parseHTML(`<!doctype html><html><body>${fragment}</body></html>`);
	const all = squash(document.body?.textContent).length;
	let linked = 0;
	for (const a of document.querySelectorAll('a')) linked += squash(a.textContent).length;
	let linkedHeadings = 0;
	for (const h of document.querySelectorAll('h2, h3, h4')) {
		const text = squash(h.textContent);
		const link = h.querySelector('a');
		if (text && link && squash(link.textContent) === text) linkedHeadings++;
	}
	return { linkShare: all ? linked / all : 0, linkedHeadings };
}

/** A site's or a language edition's home page (`/`, `/es/`, `/index.html`): never one article. */
function isHomePage(url: string | null): boolean {
	if (!url) return false;
	const { pathname, search } = new URL(url);
	return !search && /^\/(?:[a-z]{2}(?:-[a-z]{2})?\/?)?(?:index\.[a-z]+)?$/i.test(pathname);
}

/** Titles that name an error or a wall, not an article. */
const ERROR_TITLE = /^(?:404\b|page not found|not found|file not found|error\b|access denied|forbidden|sign in|log ?in|subscribe to (?:continue|read)|(?:this )?page (?:is )?(?:no longer|not) available)/i;

/**
 * Extracts the article from a page.
 * @throws NotAnArticleError (`not-an-article` or `empty`) when the page holds no article.
 */
export function extractHtmlArticle(html: string, context: PageContext = {}): ParsedArticle {
	if (!html.trim()) throw new NotAnArticleError('is empty; add the saved page or remove the file', 'empty');
	if (context.status && context.status >= 400) {
		throw new NotAnArticleError(`is an error page (HTTP ${context.status}), not an article`, 'not-an-article');
	}
	const { document } = parseHTML(html);
	if (!document.documentElement || !document.body) throw new NotAnArticleError('is not an HTML page (no <html> or <body>)', 'not-an-article');
	const meta = readMeta(document);
	const ld = readJsonLd(document);
	const base = absoluteHttpUrl(document.querySelector('base[href]')?.getAttribute('href'), context.url) ?? context.url ?? null;
	const canonical =
		absoluteHttpUrl(document.querySelector('link[rel~="canonical"]')?.getAttribute('href'), base) ??
		absoluteHttpUrl(meta.get('og:url')?.[0], base) ??
		absoluteHttpUrl(context.url ?? null);
	const related = readRelatedLinks(document, base);
	const date = readDate(document, meta, ld, null);
	const tags = readTags(meta, ld);
	const description = squash(meta.get('description')?.[0] ?? meta.get('og:description')?.[0]);
	const hasPassword = !!document.querySelector('input[type="password"]');
	const ldBody = typeof ld?.articleBody === 'string' ? ld.articleBody : null;
	const ldHeadline = ldString(ld?.headline);
	const ldAuthor = ldNames(ld?.author).join(', ');
	const ldPublisher = ldNames(ld?.publisher)[0];
	const h1 = squash(document.querySelector('h1')?.textContent);
	const titleElement = squash(document.querySelector('title')?.textContent);

	// Readability changes the document it reads; everything above was read first.
	const result = new Readability(document as unknown as Document, {}).parse();
	const title = squash(result?.title) || squash(ldHeadline) || squash(meta.get('og:title')?.[0]) || h1 || titleElement;
	if (ERROR_TITLE.test(title)) {
		throw new NotAnArticleError(`is not an article (its title is "${title.slice(0, 80)}": an error page or a sign-in wall)`, 'not-an-article');
	}
	const byline = cleanByline(result?.byline) ?? cleanByline(ldAuthor) ?? cleanByline(meta.get('author')?.[0]) ?? cleanByline(meta.get('article:author')?.[0]);

	let body: CleanBody = result?.content ? cleanHtmlBody(result.content, { dropTexts: [title, result.byline ?? '', byline ?? ''] }) : { html: '', paragraphs: [] };
	let words = body.paragraphs.reduce((n, p) => n + countWords(p), 0);
	// JSON-LD articleBody is the publisher's own statement of the text: used when Readability found clearly less.
	if (ldBody && countWords(ldBody) > Math.max(MIN_ARTICLE_WORDS, words * 1.25)) {
		body = cleanTextBody(ldBody);
		words = body.paragraphs.reduce((n, p) => n + countWords(p), 0);
	}
	if (words === 0) {
		throw new NotAnArticleError(hasPassword ? 'is a sign-in page (a password field and no article text), not an article' : 'has no article text (nothing but navigation, scripts or media)', hasPassword ? 'not-an-article' : 'empty');
	}
	if (!title) throw new NotAnArticleError('has no headline (no <title>, <h1> or og:title); not an article page', 'not-an-article');
	if (hasPassword && words < 150) throw new NotAnArticleError(`is a sign-in wall (a password field and only ${words} words of text), not an article`, 'not-an-article');
	if (words < MIN_ARTICLE_WORDS) throw new NotAnArticleError(`holds only ${words} words of article text (an index, a teaser or a stub page, not an article)`, 'not-an-article');
	const signals = indexSignals(result?.content ?? '');
	// Teaser lists: several linked headlines, each followed by a blurb of a few dozen words.
	const teasers = signals.linkedHeadings >= 3 && words / signals.linkedHeadings < 60;
	// A home-page address alone is not enough: some sites give every article the home page as canonical URL.
	const home = isHomePage(canonical) && !ld && (!context.url || isHomePage(absoluteHttpUrl(context.url)));
	if (signals.linkShare > 0.6 || teasers || home) {
		const why = home ? `its address ${canonical} is a home page` : teasers ? `${signals.linkedHeadings} of its headings are links to other pages, each with a short teaser` : 'most of its text is links to other pages';
		throw new NotAnArticleError(`is a section front or index, not an article (${why})`, 'not-an-article');
	}

	const siteName = squash(result?.siteName) || ldPublisher || (canonical ? new URL(canonical).hostname.replace(/^www\./, '') : '') || null;
	return {
		title,
		date: date ?? isoDay(result?.publishedTime),
		author: byline,
		source: siteName,
		dateline: null,
		summary: description && description.length <= 300 ? description : summarize(body.paragraphs),
		paragraphs: body.paragraphs,
		wordCount: words,
		readingMinutes: estimateReadingMinutes(words, context.wordsPerMinute),
		tags,
		sourceRelated: related.map((r) => r.headline),
		format: context.format ?? 'html',
		bodyHtml: body.html,
		sourceUrl: canonical,
		relatedUrls: related.map((r) => r.url),
		trailingRelated: 0,
	};
}
