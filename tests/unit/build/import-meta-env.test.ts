import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import url from 'node:url';

const src = url.fileURLToPath(new URL('../../../src/', import.meta.url));

/**
 * The env object read whole: Astro's test (vite-plugin-import-meta-env.js), which sees the
 * code without types, so a cast of `import.meta` counts too.
 */
const BARE_IMPORT_META_ENV = /\bimport\.meta(\s+as\s[^)]*\))?\.env\b(?!\.)/;

describe('import.meta.env in the sources', () => {
	// Given `import.meta.env` alone, Astro inlines every environment variable whose name
	// the file's text contains (PATH, `_`) into the bundle: the pages' dependency hashes
	// then change with the shell that started the build, and an incremental build renders
	// every page again.
	it('is only read a property at a time', () => {
		const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|astro|mjs|js)$/.test(f));
		assert.ok(files.length > 20, `read ${files.length} source files`);
		const bare = files.filter((f) => BARE_IMPORT_META_ENV.test(readFileSync(path.join(src, f), 'utf8')));
		assert.deepEqual(bare, []);
	});
});
