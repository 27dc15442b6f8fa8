/**
 * Makes the built site load Astro's content store in linear time.
 *
 * Astro embeds the whole content store (`data-store.json`) in the build as one
 * module, `export default JSON.parse("…")`, whose single string literal is the
 * store's text. V8 compiles a string literal that long in more than linear time:
 * measured on this project's stores, 32 MB (10,000 articles) 2.4 s, 96 MB (30,000)
 * 20 s, and about 200 s at 100,000 articles, paid by the first `getCollection` of
 * the build and again by the page-render worker. The same text as a list of 256 kB
 * literals joined at run time compiles and parses in 0.6 s and 1.4 s.
 *
 * This integration rewrites that one module (`\0astro:data-layer-content`) in Vite's
 * transform step; the value it exports is the same. A module of any other shape
 * (Astro's chunked storage, an empty store, a changed Astro) is left as it is.
 */
import type { AstroIntegration } from 'astro';

/** Vite's id of the module Astro generates for the content store. */
export const CONTENT_STORE_MODULE_ID = '\0astro:data-layer-content';

/** Characters per literal: small enough to compile in linear time, large enough to keep the list short. */
export const STORE_PIECE_LENGTH = 256 * 1024;

const PREFIX = 'export default JSON.parse("';
const SUFFIX = '")';

/**
 * The same module with its one string literal split into pieces joined at run
 * time, or undefined when `code` is not `export default JSON.parse("…")`.
 * The literal is cut between its characters and escapes, not decoded.
 */
export function splitStoreLiteral(code: string, pieceLength = STORE_PIECE_LENGTH): string | undefined {
	if (!code.startsWith(PREFIX) || !code.endsWith(SUFFIX)) return undefined;
	const body = code.slice(PREFIX.length, -SUFFIX.length);
	if (body.length <= pieceLength) return undefined;
	const pieces: string[] = [];
	for (let start = 0; start < body.length; ) {
		const end = pieceEnd(body, start, start + pieceLength);
		pieces.push(body.slice(start, end));
		start = end;
	}
	return `export default JSON.parse([\n"${pieces.join('",\n"')}"\n].join(""))`;
}

/**
 * The first place at or after `target` where the literal's body can be cut: not
 * inside an escape (`\"`, `\u00e9`) and not between the halves of a surrogate pair
 * (a lone half cannot be written as UTF-8). `from` is a place where a cut is allowed;
 * the escapes after it are found with indexOf, so plain text is not read char by char.
 */
function pieceEnd(body: string, from: number, target: number): number {
	if (target >= body.length) return body.length;
	let at = from;
	for (;;) {
		const escape = body.indexOf('\\', at);
		if (escape === -1 || escape >= target) {
			at = target;
			break;
		}
		at = escape + (body.charCodeAt(escape + 1) === 0x75 /* u */ ? 6 : 2);
		if (at >= target) break;
	}
	const before = body.charCodeAt(at - 1);
	if (before >= 0xd800 && before <= 0xdbff) at++;
	return Math.min(at, body.length);
}

/** The integration: a Vite plugin that rewrites the content store module. */
export function splitContentStore(): AstroIntegration {
	return {
		name: 'broadsheet-split-content-store',
		hooks: {
			'astro:config:setup': ({ updateConfig }) => {
				updateConfig({
					vite: {
						plugins: [
							{
								name: 'broadsheet:split-content-store',
								transform(code: string, id: string) {
									if (id !== CONTENT_STORE_MODULE_ID) return undefined;
									const split = splitStoreLiteral(code);
									return split === undefined ? undefined : { code: split, map: { mappings: '' } };
								},
							},
						],
					},
				});
			},
		},
	};
}
