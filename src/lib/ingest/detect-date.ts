/**
 * Publication dates. A date is only recorded when it is complete (day, month,
 * year) and unambiguous; `03/04/2024` could be March or April, so it gives none.
 * Dates are never invented (no file times, no "today").
 */

const MONTHS: Record<string, number> = {
	jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
	jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(\\d{4})';

// Compiled once; each captures (year, month, day) in its own group order.
const ISO = /\b(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/;
const YMD_SLASH = /\b(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b/;
const NUMERIC_DMY = /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b/;
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\s+${DAY},?\\s+${YEAR}\\b`, 'i');
const DAY_MONTH_YEAR = new RegExp(`\\b${DAY}(?:\\s+of)?\\s+${MONTH},?\\s+${YEAR}\\b`, 'i');

/** `YYYY-MM-DD` when the parts form a real calendar date in a plausible range, else null. */
export function formatIsoDate(year: number, month: number, day: number): string | null {
	if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
	const probe = new Date(Date.UTC(year, month - 1, day));
	if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function monthNumber(name: string): number {
	return MONTHS[name.toLowerCase().replace(/\.$/, '')] ?? 0;
}

/**
 * Finds the first complete, unambiguous date in `text` and returns it as `YYYY-MM-DD`,
 * or null. Accepts ISO dates, `March 3, 2024`, `3 March 2024`, `2024/03/03` and
 * day-first or month-first numbers only when the day is over 12.
 */
export function parseFullDate(text: string): string | null {
	let m = ISO.exec(text);
	if (m) return formatIsoDate(Number(m[1]), Number(m[2]), Number(m[3]));
	m = MONTH_DAY_YEAR.exec(text);
	if (m) return formatIsoDate(Number(m[3]), monthNumber(m[1]!), Number(m[2]));
	m = DAY_MONTH_YEAR.exec(text);
	if (m) return formatIsoDate(Number(m[3]), monthNumber(m[2]!), Number(m[1]));
	m = YMD_SLASH.exec(text);
	if (m) return formatIsoDate(Number(m[1]), Number(m[2]), Number(m[3]));
	m = NUMERIC_DMY.exec(text);
	if (m) {
		const a = Number(m[1]);
		const b = Number(m[2]);
		const year = Number(m[3]);
		if (a > 12 && b <= 12) return formatIsoDate(year, b, a);
		if (b > 12 && a <= 12) return formatIsoDate(year, a, b);
		return null; // both ≤ 12: day/month order unknown
	}
	return null;
}

const DATE_ONLY_LINE = new RegExp(
	`^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?(?:${MONTH}\\s+${DAY},?\\s+${YEAR}|${DAY}(?:\\s+of)?\\s+${MONTH},?\\s+${YEAR}|\\d{4}-\\d{2}-\\d{2}|\\d{1,4}[/.]\\d{1,2}[/.]\\d{1,4})(?:[,\\s]+(?:at\\s+)?\\d{1,2}[:.]\\d{2}(?:\\s*[ap]\\.?m\\.?)?(?:\\s*[A-Z]{2,4})?)?$`,
	'i',
);

/** True when the whole line is a date stamp ("Monday, 3 March 2024", "2024-03-03 10:30"), i.e. metadata rather than text. */
export function isDateOnlyLine(line: string): boolean {
	return line.length <= 60 && DATE_ONLY_LINE.test(line.trim());
}

/**
 * Reads a front-matter date value (a YAML string or Date) as `YYYY-MM-DD`.
 * Returns null when it is missing or not a complete date.
 */
export function parseFrontMatterDate(value: unknown): string | null {
	if (value instanceof Date && !Number.isNaN(value.getTime())) {
		return formatIsoDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
	}
	if (typeof value === 'string') return parseFullDate(value);
	return null;
}
