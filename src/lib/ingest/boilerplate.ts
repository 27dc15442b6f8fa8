/**
 * Site furniture that scrapers copy along with an article. Each pattern matches a
 * whole trimmed line. Sites differ in wording, so users extend this list in
 * `broadsheet.config.ts` rather than patching the parser.
 */
export interface BoilerplatePattern {
	/** Why the line is furniture, shown in debugging output. */
	name: string;
	/** Tested against the whole trimmed line, case-insensitively. */
	pattern: RegExp;
	/** `related-header` lines also mark the start of the source's related-headline block. */
	kind: 'furniture' | 'related-header';
}

/** The built-in patterns. */
export const defaultBoilerplate: readonly BoilerplatePattern[] = [
	{ name: 'share widget', pattern: /^share( this)?( article| story)?:?$/i, kind: 'furniture' },
	{ name: 'join group', pattern: /^join .{0,40}\b(whatsapp|telegram|facebook|channel|group)\b.*$/i, kind: 'furniture' },
	{ name: 'related header', pattern: /^(related( news| stories| articles| coverage)?|also read|read more|more stories|you may also like):?$/i, kind: 'related-header' },
];

/** Returns the pattern a line matches, or undefined. */
export function matchBoilerplate(
	line: string,
	patterns: readonly BoilerplatePattern[] = defaultBoilerplate,
): BoilerplatePattern | undefined {
	const trimmed = line.trim();
	return patterns.find((p) => p.pattern.test(trimmed));
}
