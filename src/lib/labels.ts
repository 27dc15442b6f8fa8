/**
 * Human-readable labels for dates and slugs, shared by lists, bylines and feeds.
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2024-03-05" → "5 March 2024"; anything else is returned unchanged. */
export function formatDate(date: string): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	if (!m) return date;
	const month = MONTHS[Number(m[2]) - 1];
	return month ? `${Number(m[3])} ${month} ${m[1]}` : date;
}

/** "03" → "March". */
export function monthName(month: string): string {
	return MONTHS[Number(month) - 1] ?? month;
}

/** "climate-change" → "Climate change": a fallback label when the data has no display name. */
export function labelFromSlug(slug: string): string {
	const words = slug.replace(/[-_]+/g, ' ').trim();
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A topic's display name from the topics collection, else a label made from its slug. */
export function topicLabel(slug: string, names?: ReadonlyMap<string, string>): string {
	const name = names?.get(slug);
	if (!name) return labelFromSlug(slug);
	// Tags are often written in lower case ("transport"); names with capitals ("iPhone") are kept as written.
	return name === name.toLowerCase() ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}

/** "1234" → "1,234" (the site is in English). */
export function formatCount(n: number): string {
	return n.toLocaleString('en');
}
