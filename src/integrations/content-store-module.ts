/**
 * Makes the build load Astro's content store in linear time.
 *
 * Astro embeds the whole content store (`data-store.json`) in the build as one
 * module, `export default JSON.parse("…")`, whose single string literal is the
 * store's text (32 MB at 10,000 articles, 96 MB at 30,000, 323 MB at 100,000).
 * V8 compiles a string literal that long in more than linear time: 2.4 s at 32 MB,
 * 20 s at 96 MB, about 200 s at 100,000 articles, paid by the build's first
 * `getCollection` and again by the page-render worker. Vite's bundler carries the
 * literal too.
 *
 * In a static build this integration loads that one module (`\0astro:data-layer-content`)
 * itself, ahead of Astro's loader, as a module that reads the store file when it runs:
 * the file Astro's own plugin would have read (the prerender bundle runs on this
 * machine, in this build, and is then deleted). Replacing Astro's module in the transform
 * step instead, once Astro had read, checked and quoted the store, left Vite's step at
 * 3.2–5.4 s at 10,000 articles and 23.4 s at 100,000; it takes 1.0–1.5 s and 1.3 s now.
 * In the dev server Astro's module is rewritten in the transform step: the literal split
 * into 256 kB literals joined at run time, which V8 compiles in linear time (0.6 s at
 * 32 MB, 1.4 s at 96 MB). Either way the module exports the same value. A module of any
 * other shape (Astro's chunked storage, an empty store, a changed Astro) is left as it is.
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

/**
 * The module metadata Astro's loader gives the store module (`createContentDataIncrementalMetadata`
 * in Astro 7.3): its incremental build tracks content through entries, not through this module,
 * so a changed store does not mark every page changed.
 */
export const CONTENT_DATA_META = { astroIncremental: { kind: 'content-data' } } as const;

/** A module that exports the parsed store file `storeFile`, read when the module runs. */
export function readStoreAtRunTime(storeFile: string): string {
	return `import { readFileSync } from "node:fs";\nexport default JSON.parse(readFileSync(${JSON.stringify(storeFile)}, "utf8"));\n`;
}

/**
 * The Vite plugin. `storeFile`: the store a static build reads at run time (undefined for the dev
 * server and server builds, whose bundle must carry the data); `chunked`: Astro's chunked storage,
 * whose module has another shape and is left to Astro.
 */
export function contentStorePlugin(storeFile: string | undefined, chunked: boolean) {
	return {
		name: 'broadsheet:content-store-module',
		// Ahead of Astro's own load hook, which would read the store, parse it to check it and quote
		// it as one literal only for Vite to carry that text through its pipeline (see above).
		// Astro's plugin is a `pre` plugin too, so only a hook ordered `pre` runs before it.
		load: {
			order: 'pre' as const,
			// The id has no character special in a regular expression.
			filter: { id: new RegExp(`^${CONTENT_STORE_MODULE_ID}$`) },
			handler(id: string) {
				if (id !== CONTENT_STORE_MODULE_ID || !storeFile || chunked || !existsSync(storeFile)) return undefined;
				return { code: readStoreAtRunTime(storeFile), map: { mappings: '' }, meta: CONTENT_DATA_META };
			},
		},
		// Whatever Astro loaded instead (the dev server; a store written after the load check).
		transform(code: string, id: string) {
			if (id !== CONTENT_STORE_MODULE_ID || !isSingleLiteralStore(code)) return undefined;
			const rewritten = storeFile && existsSync(storeFile) ? readStoreAtRunTime(storeFile) : splitStoreLiteral(code);
			return rewritten === undefined ? undefined : { code: rewritten, map: { mappings: '' } };
		},
	};
}

/** The integration: adds {@link contentStorePlugin} for this build. */
export function contentStoreModule(): AstroIntegration {
	return {
		name: 'broadsheet-content-store-module',
		hooks: {
			'astro:config:setup': ({ command, config, updateConfig }) => {
				// Where Astro keeps the store for a build (its getDataStoreFile); a server build's bundle must carry its data.
				const storeFile = command === 'build' && config.output === 'static' && !config.adapter ? fileURLToPath(new URL('data-store.json', config.cacheDir)) : undefined;
				const storage = config.experimental.collectionStorage;
				updateConfig({ vite: { plugins: [contentStorePlugin(storeFile, storage !== undefined && storage !== 'single-file')] } });
			},
		},
	};
}
