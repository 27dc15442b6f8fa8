/**
 * Wire-style datelines at the start of the first paragraph:
 * `NEW YORK, March 3 (Reuters) - …`, `WASHINGTON (AP) — …`, `LONDON, 3 March 2024 – …`.
 */

// The place is in capitals (how wires print it), optionally followed by a mixed-case
// region ("PARIS, France"). Requiring capitals keeps ordinary sentences like
// "Mr Smith - who…" from being read as datelines.
const DATELINE = new RegExp(
	[
		'^(?<dateline>',
		"(?<place>[A-Z\\p{Lu}][\\p{Lu}.'’]+(?:[ -][\\p{Lu}][\\p{Lu}.'’]+){0,3})",
		"(?:,\\s*\\p{Lu}[\\p{L}.]+(?:\\s\\p{Lu}[\\p{L}.]+)?)?",
		'(?:,?\\s+(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\\.?,?\\s+)?',
		'(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?',
		'|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\\.?(?:,?\\s+\\d{4})?))?',
		'(?:\\s*\\((?<agency>[\\p{L}][\\p{L} .&-]{0,30})\\))?',
		')\\s*(?:--|[-–—])\\s+(?=\\S)',
	].join(''),
	'u',
);

/** A dateline found by {@link detectDateline}. */
export interface Dateline {
	/** The dateline as printed, without the dash ("NEW YORK, March 3 (Reuters)"). */
	dateline: string;
	/** The paragraph with the dateline removed. */
	rest: string;
}

/** Splits a leading dateline off a paragraph; undefined when there is none. */
export function detectDateline(paragraph: string): Dateline | undefined {
	const m = DATELINE.exec(paragraph);
	if (!m?.groups?.dateline) return undefined;
	const place = m.groups.place ?? '';
	// Short all-caps openers ("AI - the…", "BBC - …") are usually acronyms, not places,
	// unless a date or agency confirms the dateline.
	const letters = place.replace(/[^\p{L}]/gu, '').length;
	const confirmed = m.groups.agency !== undefined || /\d/.test(m.groups.dateline) || m.groups.dateline.includes(',');
	if (letters < 3 || (letters < 5 && !confirmed)) return undefined;
	const rest = paragraph.slice(m[0].length);
	if (!rest.trim()) return undefined;
	return { dateline: m.groups.dateline.trim(), rest };
}
