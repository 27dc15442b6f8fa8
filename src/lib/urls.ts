/**
 * Every URL the site links to is built here, so a sub-path deployment (`BASE_PATH`)
 * only has to be right once. Paths are site-relative and carry the base.
 */

/** The configured base path, from Vite when running inside Astro, else `/`. */
function readConfiguredBase(): string {
	// Read as one property, so that Vite puts the base in its place. Given the env object
	// itself, Astro inlines every environment variable whose name this file's text contains
	// (`PATH`, `_`), and every page's dependency hash then changed with the shell that
	// started the build: the next incremental build rendered all pages again.
	try {
		return import.meta.env.BASE_URL ?? '/';
	} catch {
		// Outside Vite (tests, the corpus worker) there is no env object to read.
		return '/';
	}
}

/** Read once: a constant in the bundle, and outside Vite the read throws (no exception per URL). */
const configuredBase = readConfiguredBase();

/** Joins the base path and a site path (no leading slash needed). */
export function withBase(sitePath: string, base: string = configuredBase): string {
	const prefix = base.endsWith('/') ? base : `${base}/`;
	return prefix + sitePath.replace(/^\/+/, '');
}

/** The front page. */
export const homeUrl = (base?: string): string => withBase('', base);
/** An article page. */
export const articleUrl = (slug: string, base?: string): string => withBase(`articles/${slug}/`, base);
/** The search page, optionally opening the results for `query`. */
export const searchUrl = (query?: string, base?: string): string =>
	withBase(query ? `search/?q=${encodeURIComponent(query)}` : 'search/', base);
/** A story (cluster of articles on one event). */
export const storyUrl = (id: string, base?: string): string => withBase(`stories/${id}/`, base);
/** A topic page. */
export const topicUrl = (slug: string, base?: string): string => withBase(`topics/${slug}/`, base);
/** A person, place or organisation page. */
export const entityUrl = (kind: 'people' | 'places' | 'organizations', slug: string, base?: string): string =>
	withBase(`${kind}/${slug}/`, base);
/** The site RSS feed. */
export const feedUrl = (base?: string): string => withBase('rss.xml', base);
/** A static asset in `public/` or produced by the build (e.g. `pagefind/pagefind-ui.js`). */
export const assetUrl = (file: string, base?: string): string => withBase(file, base);
/** The archive of every article, newest first; page 1 is `/archive/`. */
export const archiveUrl = (page = 1, base?: string): string =>
	withBase(page > 1 ? `archive/page/${page}/` : 'archive/', base);
/** One year of the archive. */
export const archiveYearUrl = (year: string, base?: string): string => withBase(`archive/${year}/`, base);
/** One month of the archive (`month` is `01`–`12`); page 1 is the month's own URL. */
export const archiveMonthUrl = (year: string, month: string, page = 1, base?: string): string =>
	withBase(page > 1 ? `archive/${year}/${month}/page/${page}/` : `archive/${year}/${month}/`, base);
/** The reader's saved articles (kept in the browser, filled in by script). */
export const savedUrl = (base?: string): string => withBase('saved/', base);
/** The RSS feed of one topic. */
export const topicFeedUrl = (slug: string, base?: string): string => withBase(`topics/${slug}/rss.xml`, base);
/** Page `page` of a topic's article list; page 1 is the topic's own URL. */
export const topicPageUrl = (slug: string, page = 1, base?: string): string =>
	withBase(page > 1 ? `topics/${slug}/page/${page}/` : `topics/${slug}/`, base);
/** Page `page` of a person's, place's or organisation's article list; page 1 is its own URL. */
export const entityPageUrl = (kind: 'people' | 'places' | 'organizations', slug: string, page = 1, base?: string): string =>
	withBase(page > 1 ? `${kind}/${slug}/page/${page}/` : `${kind}/${slug}/`, base);

/**
 * The link to an imported article's original on its own site: only an absolute http(s)
 * URL, so a hostile input cannot turn "Originally published by …" into a `javascript:` link.
 */
export function originalUrl(sourceUrl: string | null | undefined): string | null {
	if (!sourceUrl) return null;
	try {
		const url = new URL(sourceUrl);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
	} catch {
		return null;
	}
}
