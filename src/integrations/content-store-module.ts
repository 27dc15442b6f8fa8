/**
 * Makes the build load Astro's content store in linear time.
 *
 * Astro embeds the whole content store (`data-store.json`) in the build as one
 * module, `export default JSON.parse("…")`, whose single string literal is the
 * store's text (32 MB at 10,000 articles, 96 MB at 30,000, 323 MB at 100,000).
 * V8 compiles a string literal that long in more than linear time: 2.4 s at 32 MB,
 * 20 s at 96 MB, about 200 s at 100,000 articles, paid by the build's first
 * `getCollection` and again by the page-render worker. Vite's bundler carries the
 * literal too (its step at 10,000 articles: 3.3–4.2 s with it, 2.7–2.9 s without).
 *
 * This integration rewrites that one module (`\0astro:data-layer-content`) in Vite's
 * transform step; the value it exports is the same. In a static build the module
 * reads the store file at run time, the file Astro's own plugin has just read for
 * it (the prerender bundle runs on this machine, in this build, and is then
 * deleted). In the dev server the literal is split into 256 kB literals joined
 * at run time, which V8 compiles in linear time (0.6 s at 32 MB, 1.4 s at 96 MB).
 * A module of any other shape (Astro's chunked storage, an empty store, a changed
 * Astro) is left as it is.
 */
import type { AstroIntegration } from 'astro';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Vite's id of the module Astro generates for the content store. */
export const CONTENT_STORE_MODULE_ID = '\0astro:data-layer-content';

/** Characters per literal: small enough to compile in linear time, large enough to keep the list short. */
export const STORE_PIECE_LENGTH = 256 * 1024;

const PREFIX = 'export default JSON.parse("';
const SUFFIX = '")';

/** Whether `code` is the single-literal module this integration rewrites. */
const isSingleLiteralStore = (code: string): boolean => code.startsWith(PREFIX) && code.endsWith(SUFFIX);

/**
 * The same module with its one string literal split into pieces joined at run
 * time, or undefined when `code` is not `export default JSON.parse("…")`.
 * The literal is cut between its characters and escapes, not decoded.
 */
export function splitStoreLiteral(code: string, pieceLength = STORE_PIECE_LENGTH): string | undefined {
	if (!isSingleLiteralStore(code)) return undefined;
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

/** A module that exports the parsed store file `storeFile`, read when the module runs. */
export function readStoreAtRunTime(storeFile: string): string {
	return `import { readFileSync } from "node:fs";\nexport default JSON.parse(readFileSync(${JSON.stringify(storeFile)}, "utf8"));\n`;
}

/** The integration: a Vite plugin that rewrites the content store module. */
export function contentStoreModule(): AstroIntegration {
	return {
		name: 'broadsheet-content-store-module',
		hooks: {
			'astro:config:setup': ({ command, config, updateConfig }) => {
				// Where Astro keeps the store for a build (its getDataStoreFile); a server build's bundle must carry its data.
				const storeFile = command === 'build' && config.output === 'static' && !config.adapter ? fileURLToPath(new URL('data-store.json', config.cacheDir)) : undefined;
				updateConfig({
					vite: {
						plugins: [
							{
								name: 'broadsheet:content-store-module',
								transform(code: string, id: string) {
									if (id !== CONTENT_STORE_MODULE_ID || !isSingleLiteralStore(code)) return undefined;
									const rewritten = storeFile && existsSync(storeFile) ? readStoreAtRunTime(storeFile) : splitStoreLiteral(code);
									return rewritten === undefined ? undefined : { code: rewritten, map: { mappings: '' } };
								},
							},
						],
					},
				});
			},
		},
	};
}
