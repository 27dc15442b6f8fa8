/**
 * Updating the search index after a content-only change without indexing every page
 * again. Pagefind cannot change an index it wrote, and indexing 10,000 pages costs more
 * than rendering the few that changed. So a full build writes the main index
 * (`pagefind/`) and remembers a digest of each page's searchable part; an incremental
 * build indexes only the pages whose searchable part differs from the main index's
 * (`pagefind-delta/`), and the site's search module (`pagefind-live/pagefind.js`)
 * merges the two and drops the main index's out-of-date results. Once the pages that
 * differ pass a share of the site, the next build writes the main index again.
 */
import { createHash } from 'node:crypto';
import { SEARCH_PART_FILTER } from './search-parts.ts';
import { pagefindBundleDir } from './shards.ts';

/** Folder of the site's search module, the `bundlePath` the search page hands Pagefind's UI. */
export const SEARCH_MODULE_DIR = 'pagefind-live';
/** Folder of the index of pages changed since the main index was written. */
export const SEARCH_DELTA_DIR = 'pagefind-delta';

/** Pages that may differ from the main index before it is written again: this share of it, and at least {@link MIN_DELTA_PAGES}. */
export const MAX_DELTA_SHARE = 0.02;
/** See {@link MAX_DELTA_SHARE}. */
export const MIN_DELTA_PAGES = 200;
/** How many values of each filter group (topic, person, place, …) the search page offers: the most frequent among the matches. */
export const FILTER_SHORTLIST = 20;

/** Where the element marked `data-pagefind-body` starts and ends in a page, or null when it has none. */
function findSearchableElement(html: string): { start: number; end: number } | null {
	const marker = html.indexOf('data-pagefind-body');
	if (marker < 0) return null;
	const start = html.lastIndexOf('<', marker);
	return { start, end: findElementEnd(html, start) };
}

/** Where the element whose opening tag starts at `start` ends (after its closing tag), or the page's length when it is not closed. */
function findElementEnd(html: string, start: number): number {
	// Sticky, from `start`: no copy of the rest of the page just to read one tag name.
	const opening = /<([a-zA-Z][\w-]*)/y;
	opening.lastIndex = start;
	const tag = opening.exec(html)?.[1]?.toLowerCase();
	if (!tag) return html.length;
	// The element's own closing tag: count nested elements of the same name.
	const pattern = new RegExp(`<(/?)${tag}\\b`, 'gi');
	pattern.lastIndex = start + 1;
	let depth = 1;
	for (let m = pattern.exec(html); m; m = pattern.exec(html)) {
		depth += m[1] ? -1 : 1;
		if (depth === 0) return html.indexOf('>', m.index) + 1 || html.length;
	}
	return html.length;
}

/**
 * A digest of the part of a page Pagefind indexes (the element marked `data-pagefind-body`).
 * Related links, navigation and the like lie outside it, so a page re-rendered for those
 * keeps its digest. The closing tag is left out, as it always was: digests on record stay valid.
 */
function digestElement(html: string, { start, end }: { start: number; end: number }): string {
	const closing = /<\/[a-zA-Z][\w-]*\s*>$/.exec(html.slice(Math.max(start, end - 64), end));
	return createHash('sha1')
		.update(html.slice(start, closing ? end - closing[0].length : end))
		.digest('base64url');
}

/**
 * The searchable part of a page, or null when the page has none: the digest of its
 * `data-pagefind-body` element (see digestElement) and the page
 * as Pagefind needs it, `<head>` and the `data-pagefind-body` element only. Pagefind
 * ignores the rest once a body is marked, and parsing navigation, related lists and
 * footer cost it a fifth of its indexing time; the index it writes is the same (the
 * page is sent whole when something outside the element may change what Pagefind reads:
 * see speaksToPagefindOutside).
 */
export function readSearchablePage(html: string): { digest: string; html: string } | null {
	const found = findSearchableElement(html);
	if (!found) return null;
	const digest = digestElement(html, found);
	const headEnd = html.indexOf('</head>');
	const bodyOpen = headEnd < 0 ? -1 : html.indexOf('<body', headEnd);
	const bodyTag = bodyOpen < 0 ? -1 : html.indexOf('>', bodyOpen) + 1;
	if (bodyTag <= 0 || bodyTag > found.start || speaksToPagefindOutside(html, bodyTag, found)) return { digest, html };
	return { digest, html: `${html.slice(0, bodyTag)}${html.slice(found.start, found.end)}</body></html>` };
}

/** Elements that never have content, so never contain the searchable element. */
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * Whether a `data-pagefind-` attribute outside the searchable element (in `<body>`) may
 * change what Pagefind reads: any but `data-pagefind-ignore`, and an ignore on an element
 * that contains the searchable one. Ignores on the site's header, footer and related lists
 * (every page has them) only hide what Pagefind skips anyway once a body is marked.
 */
function speaksToPagefindOutside(html: string, bodyTag: number, found: { start: number; end: number }): boolean {
	const attribute = /data-pagefind-([\w-]*)/g;
	attribute.lastIndex = bodyTag;
	for (let m = attribute.exec(html); m; m = attribute.exec(html)) {
		if (m.index >= found.start && m.index < found.end) {
			attribute.lastIndex = found.end;
			continue;
		}
		if (m[1] !== 'ignore') return true;
		if (m.index < found.start && isOpenAt(html, html.lastIndexOf('<', m.index), found.start)) return true;
	}
	return false;
}

/** Whether the element whose opening tag starts at `open` encloses `position`. */
function isOpenAt(html: string, open: number, position: number): boolean {
	const name = /<([a-zA-Z][\w-]*)/y;
	name.lastIndex = open;
	const tag = name.exec(html)?.[1]?.toLowerCase();
	return !tag || (!VOID_ELEMENTS.has(tag) && findElementEnd(html, open) > position);
}

/** What an incremental build does to search. */
export interface SearchUpdatePlan {
	/** Pages (site-relative URLs) whose searchable part differs from the main index's, or that it lacks. */
	changed: string[];
	/** Pages in the main index that no longer exist. */
	removed: string[];
	/** True when so much differs that the main index should be written again instead. */
	rewriteMain: boolean;
}

/**
 * Compares the searchable pages of this build with the main index (both: URL →
 * {@link readSearchablePage}).
 */
export function planSearchUpdate(main: Readonly<Record<string, string>>, now: ReadonlyMap<string, string>, limit = deltaLimit(Object.keys(main).length)): SearchUpdatePlan {
	const changed = [...now].filter(([url, digest]) => main[url] !== digest).map(([url]) => url);
	const removed = Object.keys(main).filter((url) => !now.has(url));
	return { changed, removed, rewriteMain: changed.length + removed.length > limit };
}

/**
 * How many pages may differ from a main index of `mainPages` before it is written again:
 * `BROADSHEET_SEARCH_DELTA_MAX_PAGES` when set, else {@link MAX_DELTA_SHARE} of it and at
 * least {@link MIN_DELTA_PAGES}.
 */
export function deltaLimit(mainPages: number, env: NodeJS.ProcessEnv = process.env): number {
	const chosen = Number(env.BROADSHEET_SEARCH_DELTA_MAX_PAGES ?? NaN);
	if (Number.isInteger(chosen) && chosen >= 0) return chosen;
	return Math.max(MIN_DELTA_PAGES, Math.floor(mainPages * MAX_DELTA_SHARE));
}

/** What the site's search module merges and drops (see {@link renderSearchModule}). */
export interface SearchModuleOptions {
	/** Whether a delta index (`pagefind-delta/`) holds pages changed since the main index was written. */
	delta: boolean;
	/** Pagefind page ids of the main index to drop from results: pages changed or removed since. */
	staleIds: readonly string[];
	/** Parts of the main index split by date (src/lib/search-parts.ts); 1 or unset: one index. */
	dateParts?: number;
}

/**
 * The site's search module: Pagefind's own API (`pagefind/pagefind.js`, which PagefindUI
 * loads from its `bundlePath`), plus, when some pages changed since the main index was
 * written, the delta index merged in and the main index's results for those pages
 * (`staleIds`, Pagefind page ids) dropped.
 *
 * Every call waits for an earlier `destroy()` to finish. The search page re-creates
 * PagefindUI when the reader changes the order; the old UI tears down the shared module
 * without waiting, and a search started by the new UI before that teardown ended never
 * settled (it ran on the instance being destroyed).
 *
 * A search also waits for a `filters()` call in progress. PagefindUI loads every filter file
 * (`filters()`) as it starts, while the search of a `search/?q=…` link may already run; a
 * search that ended first reported only the filter groups loaded so far, and the UI kept that
 * partial panel until the next search (a browser test saw "organisation, place" and no source).
 * Pagefind's API alone never calls `filters()`, so a plain search does not wait for them.
 *
 * A sorted search ("newest first") lists the pages without a date after the dated ones:
 * Pagefind leaves them out of sorted results, which hid most matches of a corpus of undated
 * articles. A main index split by date (`dateParts` > 1, src/lib/search-parts.ts) is merged
 * here, and a sorted search is answered part by part, newest part first for "newest first",
 * with the parts' filter ({@link SEARCH_PART_FILTER}) hidden from the filter counts.
 *
 * Filter counts list each group's {@link FILTER_SHORTLIST} most frequent values among the
 * matches (over the whole index for `filters()`), most frequent first, plus any value the
 * search filters on; values no match has are left out.
 */
export function renderSearchModule(options: SearchModuleOptions): string {
	const parts = options.dateParts ?? 1;
	const merges = [
		...Array.from({ length: parts - 1 }, (_, i) => `pagefind.mergeIndex(new URL('../${pagefindBundleDir(i + 2)}', import.meta.url).href)`),
		...(options.delta ? [`pagefind.mergeIndex(new URL('../${SEARCH_DELTA_DIR}/', import.meta.url).href)`] : []),
	];
	const merge = merges.length ? `Promise.all([${merges.join(', ')}])` : 'Promise.resolve()';
	const dropped = options.delta || options.staleIds.length > 0;
	return `// The site's search: Pagefind's API over its index. Written by the build (src/lib/search-delta.ts).
// Each call waits for an earlier destroy() to end, so a UI re-created at once never searches a dying instance.
// A search waits for the filter files being loaded, so its filter counts cover every filter.
${dropped ? `// Pages changed or removed since the main index was written: their entries there are dropped${options.delta ? `, their new versions are searched in ${SEARCH_DELTA_DIR}/` : ''}.
` : ''}${parts > 1 ? `// The main index is in ${parts} parts by date, oldest first: a sorted search is answered part by part.
` : ''}import * as pagefind from '../pagefind/pagefind.js';
export * from '../pagefind/pagefind.js';
const stale = new Set(${JSON.stringify([...options.staleIds].sort())});
const parts = ${parts};
const PART = ${JSON.stringify(SEARCH_PART_FILTER)};
let teardown = Promise.resolve();
let merged;
let filtersLoading;
const ready = async () => {
	await teardown;
	return (merged ??= ${merge});
};
// Each filter group lists its ${FILTER_SHORTLIST} most frequent values among the matches, and any value
// the reader ticked. PagefindUI draws a checkbox for every value it is given (1,861 on a
// 10,000-article site), and drawing them held a search link's first result back by half a second.
const shortlist = (counts, chosen) => {
	if (!counts) return counts;
	const out = {};
	for (const [group, values] of Object.entries(counts)) {
		if (group === PART) continue;
		const ticked = new Set([].concat(chosen?.[group] ?? []));
		const ranked = Object.entries(values)
			.filter(([value, count]) => count > 0 || ticked.has(value))
			.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
		if (ranked.length) out[group] = Object.fromEntries(ranked.filter(([value], i) => i < ${FILTER_SHORTLIST} || ticked.has(value)));
	}
	return out;
};
const sortOf = (o) => (o?.sort ? Object.values(o.sort)[0] : undefined);
// Sorted results. Pagefind orders merged results by score, which under a sort is only a rank within each part.
const sorted = async (term, o, sort) => {
	if (parts < 2) return (await pagefind.search(term, o)).results;
	const order = Array.from({ length: parts }, (_, i) => String(sort === 'asc' ? i + 1 : parts - i));
	const byPart = await Promise.all(order.map((part) => pagefind.search(term, { ...o, filters: { ...o.filters, [PART]: part } })));
	return byPart.flatMap((r) => r.results);
};
// \`run\` searches by relevance. Pagefind leaves pages without a sort value out of sorted results:
// here they follow the sorted ones, best match first, so a sort never hides a match.
const answer = async (run, term, o) => {
	const sort = sortOf(o);
	const response = await run(term, sort ? { ...o, sort: {} } : o);
	if (!response) return response;
	let results = response.results;
	if (sort) {
		const first = await sorted(term, o, sort);
		const inFirst = new Set(first.map((r) => r.id));
		results = [...first, ...results.filter((r) => !inFirst.has(r.id))];
	}
	const seen = new Set();
	results = results.filter((r) => !stale.has(r.id) && !seen.has(r.id) && seen.add(r.id));
	return { ...response, results, filters: shortlist(response.filters, o?.filters), totalFilters: shortlist(response.totalFilters, o?.filters) };
};
export async function options(o) {
	await teardown;
	await pagefind.options(o);
	void ready();
}
export async function init() {
	await ready();
	return pagefind.init();
}
export async function mergeIndex(indexPath, o) {
	await ready();
	return pagefind.mergeIndex(indexPath, o);
}
export async function preload(term, o) {
	await ready();
	return pagefind.preload(term, o);
}
export async function search(term, o) {
	await ready();
	await filtersLoading;
	return answer(pagefind.search, term, o);
}
export async function debouncedSearch(term, o, ms) {
	await ready();
	await filtersLoading;
	return answer((t, options) => pagefind.debouncedSearch(t, options, ms), term, o);
}
export function filters() {
	const loading = ready().then(async () => shortlist(await pagefind.filters()));
	filtersLoading = loading.catch(() => {});
	return loading;
}
export function destroy() {
	merged = undefined;
	filtersLoading = undefined;
	teardown = teardown.then(() => pagefind.destroy()).catch(() => {});
	return teardown;
}
`;
}

/**
 * Pagefind page ids by URL, from the main index's fragment files (each already
 * decompressed: `pagefind_dcd` and JSON, either one page or a group of pages by id).
 */
export function pageIdsByUrl(fragments: Iterable<{ name: string; text: string }>): Map<string, string> {
	const ids = new Map<string, string>();
	for (const { name, text } of fragments) {
		const data = JSON.parse(text.replace(/^pagefind_dcd/, '')) as { url?: string } | Record<string, { url?: string }>;
		if (typeof data.url === 'string') ids.set(data.url, name.replace(/\.pf_fragment$/, ''));
		else for (const [id, page] of Object.entries(data as Record<string, { url?: string }>)) if (page?.url) ids.set(page.url, id);
	}
	return ids;
}
