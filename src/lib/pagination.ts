/**
 * Splits a long list into numbered pages. Pure, so the archive's page count and
 * links are unit-tested instead of trusted to the templates.
 */

/** One page of a paginated list. */
export interface Page<T> {
	/** 1-based page number. */
	number: number;
	/** Total number of pages (at least 1, even for an empty list). */
	total: number;
	/** The items on this page. */
	items: T[];
	/** 0-based index of the first item, for "showing 51–100 of 1,234". */
	start: number;
	/** Number of items across all pages. */
	count: number;
}

/** Splits `items` into pages of `perPage`; an empty list still yields one (empty) page. */
export function paginate<T>(items: readonly T[], perPage: number): Page<T>[] {
	if (!Number.isInteger(perPage) || perPage < 1) throw new RangeError(`perPage must be a positive integer, got ${perPage}`);
	const total = Math.max(1, Math.ceil(items.length / perPage));
	return Array.from({ length: total }, (_, i) => ({
		number: i + 1,
		total,
		items: items.slice(i * perPage, (i + 1) * perPage),
		start: i * perPage,
		count: items.length,
	}));
}

/**
 * Page numbers to show in a pager: the first, the last, and a window around the
 * current page, with `null` where numbers are skipped (rendered as "…").
 */
export function pageWindow(current: number, total: number, radius = 2): (number | null)[] {
	const shown = new Set<number>([1, total]);
	for (let n = current - radius; n <= current + radius; n++) if (n >= 1 && n <= total) shown.add(n);
	const sorted = [...shown].sort((a, b) => a - b);
	const out: (number | null)[] = [];
	for (const n of sorted) {
		const last = out[out.length - 1];
		if (typeof last === 'number' && n - last > 1) out.push(n - last === 2 ? n - 1 : null);
		out.push(n);
	}
	return out;
}
