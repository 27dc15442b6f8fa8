/**
 * Site furniture that scrapers copy along with an article: share widgets,
 * "join our group" lines, related-news headers, cookie and newsletter prompts.
 *
 * Two layers, so a new site rarely needs code changes:
 * - a typed list of named patterns ({@link defaultBoilerplate}), which users
 *   extend in `broadsheet.config.ts` (`ingest.boilerplate`);
 * - wording-independent heuristics ({@link looksLikeFurniture}): lines with no
 *   letters, bare URLs, lists of social network names.
 */

/** What a furniture line means to the parser. */
export type BoilerplateKind =
	/** Dropped from the text. */
	| 'furniture'
	/** Dropped, and marks the edge of the source's related-headline block (before or after it). */
	| 'related-header'
	/** "Also read: <headline>": dropped from the body; the `headline` group is kept as a related headline. */
	| 'related-inline';

/** One named boilerplate pattern. */
export interface BoilerplatePattern {
	/** Why the line is furniture; shown in reports and tests. */
	name: string;
	/**
	 * Tested against the whole trimmed line (anchor it with `^…$`). A named group
	 * `source` names the site ("Join NewsTrack Whatsapp group" → "NewsTrack"); for
	 * `related-inline` a named group `headline` holds the linked headline.
	 */
	pattern: RegExp;
	/** How the parser treats a matching line. */
	kind: BoilerplateKind;
}

/** A pattern as users may write it in the site config: a RegExp or a string (compiled case-insensitively). */
export interface BoilerplatePatternInput {
	/** Why the line is furniture. */
	name: string;
	/** Whole-line pattern; strings are compiled with the `iu` flags. */
	pattern: RegExp | string;
	/** Defaults to `furniture`. */
	kind?: BoilerplateKind;
}

const SOCIAL = '(?:whats\\s?app|telegram|facebook|twitter|x|instagram|linkedin|youtube|tiktok|threads|signal|viber|google news|koo|sharechat|pinterest|reddit|email|e-mail|print|copy link|messenger)';

/** The built-in patterns. Keep each one narrow: a false match deletes a body line. */
export const defaultBoilerplate: readonly BoilerplatePattern[] = [
	{ name: 'share widget', pattern: /^(?:share|share this|share (?:this )?(?:article|story|post|page)|share on|sharing is caring)\s*:?$/iu, kind: 'furniture' },
	{ name: 'follow us', pattern: new RegExp(`^(?:follow|like|find)\\s+us(?:\\s+on\\s+${SOCIAL}(?:\\s*(?:,|and|&)\\s*${SOCIAL})*)?\\s*[.!:]?$`, 'iu'), kind: 'furniture' },
	{
		name: 'join group',
		pattern: new RegExp(`^(?:join|follow|subscribe to)\\s+(?:us\\s+on\\s+|our\\s+|the\\s+)?(?:(?<source>[\\p{L}\\p{N}][\\p{L}\\p{N} .&'’-]{0,40}?)\\s+)?${SOCIAL}\\s*(?:group|channel|community|page|account|updates)?\\s*(?:for (?:latest |more )?(?:news|updates).*)?[.!:]?$`, 'iu'),
		kind: 'furniture',
	},
	{
		name: 'related header',
		pattern: /^(?:related(?: news| stories| articles| coverage| posts| links| topics| content)?|also read|also see|see also|read also|read more|more (?:news|stories|from \S+(?: \S+)?)|you may (?:also )?like|you might (?:also )?like|recommended(?: for you| stories)?|top stories|trending(?: now| news)?|latest news|must read|don't miss|more on this(?: story)?)\s*:?$/iu,
		kind: 'related-header',
	},
	{ name: 'inline related link', pattern: /^(?:also read|read also|read more|see also|also see|must read|related)\s*[:|–—-]\s*(?<headline>\S.{2,200})$/iu, kind: 'related-inline' },
	{ name: 'advertisement', pattern: /^(?:advertisement|advertisements|sponsored(?: content)?|ad|promoted|story continues below(?: this)? (?:ad|advertisement))\s*:?$/iu, kind: 'furniture' },
	{ name: 'newsletter prompt', pattern: /^(?:sign up|subscribe)\b.{0,80}\b(?:newsletter|inbox|updates|alerts)\b.{0,40}$/iu, kind: 'furniture' },
	{ name: 'download app', pattern: /^download (?:the |our )?[\p{L}\p{N} ]{0,30}\bapp\b(?: (?:now|here|for .{0,40}))?[.!:]?$/iu, kind: 'furniture' },
	{ name: 'click here', pattern: /^click here\b.{0,80}$/iu, kind: 'furniture' },
	{ name: 'copyright line', pattern: /^(?:(?:copyright\s*)?(?:©|\(c\))|copyright\s+(?=\d{4}))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?<source>[\p{L}\p{N}][\p{L}\p{N} .&'’-]{0,50}?)?\.?\s*(?:all rights reserved\.?)?$/iu, kind: 'furniture' },
	{ name: 'all rights reserved', pattern: /^all rights reserved\.?$/iu, kind: 'furniture' },
	{ name: 'image credit', pattern: /^(?:(?:image (?:source|caption|copyright)|photo(?: credit)?|picture|file photo)\s*[:,]\s*.{0,60}|getty images|image copyright.{0,40})$/iu, kind: 'furniture' },
	{ name: 'comments widget', pattern: /^(?:\d+\s+)?comments?\s*(?:\(\d+\))?:?$|^(?:leave|post) a (?:comment|reply)$/iu, kind: 'furniture' },
	{ name: 'tags line', pattern: /^tags?\s*:\s*.{0,200}$/iu, kind: 'furniture' },
	{ name: 'updated stamp', pattern: /^(?:last )?(?:updated|published|posted|first published)(?: on| at)?\s*:?\s*(?:(?:\d{1,4}(?:st|nd|rd|th)?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|[ap]\.?m\.?|ist|gmt|utc|bst|cet|[ecmp][sd]t|hrs|hours)[\s,:./-]*){2,}$/iu, kind: 'furniture' },
];

const SOCIAL_ONLY = new RegExp(`^(?:${SOCIAL}|share|tweet|pin|like|follow|whatsapp)(?:[\\s,|/·•]+(?:${SOCIAL}|share|tweet|pin|like|follow))*[\\s:]*$`, 'iu');
const URL_ONLY = /^(?:<)?(?:https?:\/\/|www\.)\S+(?:>)?$/iu;
// Emoji count as content: an emoji-only line can be a headline ("🎉🎉🎉"), unlike "***" or "———".
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}\p{Extended_Pictographic}]/u;

/** Lines longer than this are never furniture; skipping them keeps the pattern scan cheap on long paragraphs. */
const MAX_FURNITURE_LENGTH = 240;

/**
 * Wording-independent furniture checks: a line with no letters, digits or emoji
 * (`***`, `—`), a bare URL, or a row of social-network names ("Facebook Twitter WhatsApp").
 * Returns the reason, or undefined.
 */
export function looksLikeFurniture(trimmed: string): string | undefined {
	if (!HAS_LETTER_OR_DIGIT.test(trimmed)) return 'no letters';
	if (trimmed.length > MAX_FURNITURE_LENGTH) return undefined;
	if (URL_ONLY.test(trimmed)) return 'bare URL';
	if (SOCIAL_ONLY.test(trimmed)) return 'social buttons';
	return undefined;
}

/** The result of {@link matchBoilerplate}. */
export interface BoilerplateMatch {
	/** The pattern's name, or the heuristic's reason. */
	name: string;
	/** How the parser treats the line. */
	kind: BoilerplateKind;
	/** Site name captured by a `source` group, if any. */
	source?: string;
	/** Headline captured by a `headline` group (`related-inline`). */
	headline?: string;
}

/**
 * Classifies one line. Returns undefined for ordinary text.
 * Patterns are compiled once by the caller (see {@link compileBoilerplate}); nothing is built per call.
 */
export function matchBoilerplate(
	line: string,
	patterns: readonly BoilerplatePattern[] = defaultBoilerplate,
): BoilerplateMatch | undefined {
	const trimmed = line.trim();
	if (!trimmed) return undefined;
	const heuristic = looksLikeFurniture(trimmed);
	if (heuristic) return { name: heuristic, kind: 'furniture' };
	if (trimmed.length > MAX_FURNITURE_LENGTH) return undefined;
	for (const p of patterns) {
		const m = p.pattern.exec(trimmed);
		if (!m) continue;
		const source = m.groups?.source?.trim().replace(/[.'’-]+$/u, '');
		const headline = m.groups?.headline?.trim();
		return { name: p.name, kind: p.kind, ...(source ? { source } : {}), ...(headline ? { headline } : {}) };
	}
	return undefined;
}

/**
 * Turns user patterns (from `broadsheet.config.ts`) into the typed list, after the built-ins.
 * @throws Error naming the pattern when a string pattern is not a valid regular expression.
 */
export function compileBoilerplate(extra: readonly BoilerplatePatternInput[] = []): BoilerplatePattern[] {
	const compiled = extra.map((input, i) => {
		let pattern: RegExp;
		try {
			pattern = typeof input.pattern === 'string' ? new RegExp(input.pattern, 'iu') : input.pattern;
		} catch (error) {
			throw new Error(
				`broadsheet.config.ts: ingest.boilerplate[${i}] ("${input.name}") is not a valid regular expression: ${(error as Error).message}. Fix the pattern or remove the entry.`,
			);
		}
		// A global/sticky RegExp keeps state between exec() calls and would skip lines.
		if (pattern.global || pattern.sticky) pattern = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
		return { name: input.name, pattern, kind: input.kind ?? 'furniture' } satisfies BoilerplatePattern;
	});
	return [...defaultBoilerplate, ...compiled];
}
