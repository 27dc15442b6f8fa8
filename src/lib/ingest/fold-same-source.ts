/**
 * Folds inputs that are the same original article by its URL: a saved page and the
 * feed item that links to it, a page crawled twice into an archive. The fuller body
 * (more words) keeps the page; the others are listed as its duplicates. Also points the
 * related-story links of imported pages at the corpus: a link whose URL is an article
 * here is renamed to that article's headline, so the headline resolver links it.
 * Text and Markdown inputs (no URL) pass through untouched.
 */
import type { ParsedFile } from './ingest-directory.ts';
import { normalizeForCompare } from './normalize-text.ts';
import type { IngestProblem } from './types.ts';

/** Query parameters that only track a visit; they do not name another article. */
const TRACKING_PARAM = /^(?:utm_\w+|wt_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|ito|source|rss|feed|ns_\w+)$/i;

/** A comparison key for a URL: scheme, `www.`, case of the host, trailing slash, fragment and tracking parameters ignored. */
export function sourceKey(url: string): string | null {
	try {
		const u = new URL(url);
		const params = [...u.searchParams].filter(([k]) => !TRACKING_PARAM.test(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
		return `${u.hostname.toLowerCase().replace(/^www\d*\./, '')}${u.pathname.replace(/\/+$/, '')}${query}`;
	} catch {
		return null;
	}
}

/** How an input is named in reports and duplicate lists: the file, with `#item` for a feed item or archive record. */
export function inputName(p: { file: string; item?: number }): string {
	return p.item === undefined ? p.file : `${p.file}#${p.item}`;
}

/** True when two inputs with one URL tell the same story: the same headline, or the shorter's lede found in the longer. */
function sameStory(keeper: ParsedFile, dup: ParsedFile): boolean {
	if (normalizeForCompare(keeper.article.title) === normalizeForCompare(dup.article.title)) return true;
	const lede = normalizeForCompare(dup.article.paragraphs[0] ?? '');
	return lede.length > 0 && keeper.article.paragraphs.slice(0, 5).some((p) => normalizeForCompare(p).includes(lede.slice(0, 200)));
}

/** Result of {@link foldSameSource}. */
export interface SameSourceFold {
	/** The inputs that keep a page, in input order. */
	kept: ParsedFile[];
	/** For each keeper, the inputs folded into it. */
	duplicatesOf: Map<ParsedFile, string[]>;
	/** One warning per folded input. */
	problems: IngestProblem[];
}

/** Folds same-URL inputs; see the module comment. */
export function foldSameSource(parsed: readonly ParsedFile[]): SameSourceFold {
	const groups = new Map<string, ParsedFile[]>();
	for (const p of parsed) {
		const key = p.article.sourceUrl ? sourceKey(p.article.sourceUrl) : null;
		if (!key) continue;
		const group = groups.get(key);
		if (group) group.push(p);
		else groups.set(key, [p]);
	}
	const folded = new Set<ParsedFile>();
	const duplicatesOf = new Map<ParsedFile, string[]>();
	const problems: IngestProblem[] = [];
	const keeperOf = new Map<string, ParsedFile>();
	for (const [key, group] of groups) {
		// Fuller body first; a full body before a summary; then input order (stable sort).
		const ranked = [...group].sort((a, b) => b.article.wordCount - a.article.wordCount || Number(!!a.article.summaryOnly) - Number(!!b.article.summaryOnly));
		const keeper = ranked[0]!;
		keeperOf.set(key, keeper);
		// A URL alone can mislead (some sites give every page the same canonical URL): the headline or the lede must agree too.
		const same = ranked.slice(1).filter((dup) => sameStory(keeper, dup));
		if (!same.length) continue;
		duplicatesOf.set(keeper, same.map(inputName));
		for (const dup of same) {
			folded.add(dup);
			problems.push({
				file: dup.file,
				severity: 'warning',
				kind: 'duplicate',
				message: `${dup.item === undefined ? '' : `item ${dup.item} `}is the same article as ${inputName(keeper)} (both are ${dup.article.sourceUrl}); folded into it, which keeps the fuller body (${keeper.article.wordCount} words; this one has ${dup.article.wordCount}).`,
			});
		}
	}
	const kept = parsed
		.filter((p) => !folded.has(p))
		.map((p) => {
			const urls = p.article.relatedUrls;
			if (!urls?.some(Boolean)) return p;
			let changed = false;
			const sourceRelated = p.article.sourceRelated.map((headline, i) => {
				const key = urls[i] ? sourceKey(urls[i]!) : null;
				const target = key ? keeperOf.get(key) : undefined;
				if (!target || target === p || target.article.title === headline) return headline;
				changed = true;
				return target.article.title;
			});
			if (!changed) return p;
			// A new object: cached parse results are shared and must not change.
			const copy: ParsedFile = { ...p, article: { ...p.article, sourceRelated } };
			const dups = duplicatesOf.get(p);
			if (dups) duplicatesOf.set(copy, dups);
			return copy;
		});
	return { kept, duplicatesOf, problems };
}
