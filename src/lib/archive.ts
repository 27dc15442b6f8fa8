/**
 * The date archive: every article newest first, paginated, plus one page per
 * year and per month when articles carry dates. Computed here so the single
 * archive route only renders what this returns.
 */
import type { Article } from '../schemas/article.ts';
import { listOrderNote, sortNewestFirst } from './article-order.ts';
import { formatCount, monthName } from './labels.ts';
import { paginate } from './pagination.ts';
import { archiveMonthUrl, archiveUrl, archiveYearUrl } from './urls.ts';

/** The fields an archive list shows for each article. */
export type ArchiveItem = Pick<Article, 'slug' | 'title' | 'summary' | 'date' | 'readingMinutes' | 'source' | 'file'>;

/** A link in the archive's navigation (years, months, pages). */
export interface ArchiveLink {
	label: string;
	href: string;
	/** Number of articles behind the link. */
	count?: number;
	/** True for the page being shown. */
	current?: boolean;
}

/** Everything one archive page renders. */
export interface ArchivePage {
	/** The route's rest parameter: undefined for `/archive/`, else e.g. `2024/03/page/2`. */
	param: string | undefined;
	/** Page heading. */
	heading: string;
	/** Meta description. */
	description: string;
	/** Articles on this page. */
	items: ArchiveItem[];
	/** 1-based page number within this listing, and the listing's page count. */
	page: number;
	pages: number;
	/** Index of the first item within the listing, and the listing's size. */
	start: number;
	count: number;
	/** URL of page `n` of this listing (pagers call it for each number they show). */
	pageHref: (n: number) => string;
	/** Year links (with the current year marked). */
	years: ArchiveLink[];
	/** Month links of the year shown, when a year or month is shown. */
	months: ArchiveLink[];
	/** Breadcrumb trail, first item is the archive itself. */
	trail: ArchiveLink[];
	/** How undated articles in this listing are ordered, for the reader; null when all are dated. */
	orderNote: string | null;
}

/** Articles per archive page: long enough to scan, small enough for the HTML budget. */
export const ARCHIVE_PAGE_SIZE = 30;

/** Builds every archive page for `articles`. */
export function buildArchive(articles: readonly ArchiveItem[], perPage = ARCHIVE_PAGE_SIZE): ArchivePage[] {
	const sorted = sortNewestFirst(articles);
	const byYear = new Map<string, Map<string, ArchiveItem[]>>();
	for (const a of sorted) {
		if (!a.date) continue;
		const [year, month] = a.date.split('-');
		if (!byYear.has(year)) byYear.set(year, new Map());
		const months = byYear.get(year)!;
		if (!months.has(month)) months.set(month, []);
		months.get(month)!.push(a);
	}
	const yearList = [...byYear.keys()].sort().reverse();
	const yearLinks = (current?: string): ArchiveLink[] =>
		yearList.map((y) => ({
			label: y,
			href: archiveYearUrl(y),
			count: [...byYear.get(y)!.values()].reduce((n, l) => n + l.length, 0),
			current: y === current,
		}));
	const monthLinks = (year: string, current?: string): ArchiveLink[] =>
		[...byYear.get(year)!.keys()].sort().reverse().map((m) => ({
			label: monthName(m),
			href: archiveMonthUrl(year, m),
			count: byYear.get(year)!.get(m)!.length,
			current: m === current,
		}));
	const root: ArchiveLink = { label: 'Archive', href: archiveUrl() };
	const pages: ArchivePage[] = [];
	const orderNote = listOrderNote(sorted);

	for (const p of paginate(sorted, perPage)) {
		pages.push({
			param: p.number > 1 ? `page/${p.number}` : undefined,
			heading: 'Archive',
			description: `All ${formatCount(p.count)} articles, newest first${p.number > 1 ? ` (page ${p.number} of ${p.total})` : ''}.`,
			items: p.items, page: p.number, pages: p.total, start: p.start, count: p.count,
			pageHref: (n) => archiveUrl(n),
			years: yearLinks(), months: [], trail: [root], orderNote,
		});
	}
	for (const year of yearList) {
		const months = monthLinks(year);
		const count = months.reduce((n, m) => n + (m.count ?? 0), 0);
		// A year page lists its months and the newest articles of the year; the month pages hold the rest.
		const newest = [...byYear.get(year)!.values()].flat().slice(0, perPage);
		pages.push({
			param: year,
			heading: year,
			description: `${formatCount(count)} articles from ${year}, month by month.`,
			items: newest, page: 1, pages: 1, start: 0, count,
			pageHref: () => archiveYearUrl(year),
			years: yearLinks(year), months, trail: [root, { label: year, href: archiveYearUrl(year) }], orderNote: null,
		});
		for (const [month, list] of byYear.get(year)!) {
			for (const p of paginate(list, perPage)) {
				pages.push({
					param: `${year}/${month}${p.number > 1 ? `/page/${p.number}` : ''}`,
					heading: `${monthName(month)} ${year}`,
					description: `${formatCount(p.count)} articles from ${monthName(month)} ${year}${p.number > 1 ? ` (page ${p.number} of ${p.total})` : ''}.`,
					items: p.items, page: p.number, pages: p.total, start: p.start, count: p.count,
					pageHref: (n) => archiveMonthUrl(year, month, n),
					years: yearLinks(year), months: monthLinks(year, month),
					trail: [root, { label: year, href: archiveYearUrl(year) }, { label: monthName(month), href: archiveMonthUrl(year, month) }],
					orderNote: null,
				});
			}
		}
	}
	return pages;
}
