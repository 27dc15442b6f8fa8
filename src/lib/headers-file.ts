/**
 * The `_headers` file (Netlify, Cloudflare Pages): parsed and matched the way those
 * hosts do, so the test server and the nginx config generator send exactly the
 * headers a real deployment sends, from the one file in `public/`.
 */

/** One block of `_headers`: a URL pattern and the headers for matching paths. */
export interface HeaderRule {
	/** The path pattern as written, e.g. `/_astro/*`. */
	pattern: string;
	/** Header names and values, in file order. */
	headers: [name: string, value: string][];
}

/**
 * Parses `_headers` text. A line starting at column 0 opens a rule (a path); the
 * indented `Name: value` lines below it are its headers; `#` lines are comments.
 * @throws Error naming the line when a header comes before any path or has no colon.
 */
export function parseHeadersFile(text: string, fileName = '_headers'): HeaderRule[] {
	const rules: HeaderRule[] = [];
	text.split(/\r?\n/).forEach((line, index) => {
		if (!line.trim() || line.trim().startsWith('#')) return;
		if (!/^\s/.test(line)) {
			rules.push({ pattern: line.trim(), headers: [] });
			return;
		}
		const rule = rules.at(-1);
		const colon = line.indexOf(':');
		if (!rule) throw new Error(`${fileName}:${index + 1}: a header line comes before any path; start the block with a path such as /*.`);
		if (colon < 0) throw new Error(`${fileName}:${index + 1}: "${line.trim()}" is not a "Name: value" header line.`);
		rule.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
	});
	return rules;
}

/** True when a `_headers` pattern matches a site path: `*` matches any rest, `:name` one segment. */
export function matchesHeaderPattern(pattern: string, sitePath: string): boolean {
	const source = pattern
		.split(/(\*|:[A-Za-z]\w*)/)
		.map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
		.join('');
	return new RegExp(`^${source}$`).test(sitePath);
}

/**
 * The headers for one site path: every matching rule applies, in file order; a
 * header set by several rules gets their values joined with `, ` (as both hosts do).
 */
export function headersForPath(rules: readonly HeaderRule[], sitePath: string): Map<string, string> {
	const result = new Map<string, string>();
	for (const rule of rules) {
		if (!matchesHeaderPattern(rule.pattern, sitePath)) continue;
		for (const [name, value] of rule.headers) {
			const key = name.toLowerCase();
			const previous = result.get(key);
			result.set(key, previous === undefined ? value : `${previous}, ${value}`);
		}
	}
	return result;
}
