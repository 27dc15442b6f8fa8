import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { astroDistUrl } from '../../../src/integrations/astro-internals.ts';
import { disablePageCopies } from '../../../src/integrations/skip-page-copies.ts';

describe('disablePageCopies', () => {
	it("leaves no page copy in Astro's cache folder and restores none", async () => {
		assert.equal(await disablePageCopies(), undefined);
		const { IncrementalBuildCache } = (await import(new URL('core/build/incremental.js', astroDistUrl()).href)) as {
			IncrementalBuildCache: { prototype: { writeOutputFile(s: unknown, f: string, b: string): Promise<void>; restoreOutputFile(s: unknown, f: string, d: URL): Promise<boolean> } };
		};
		const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-page-copies-'));
		try {
			const settings = { config: { cacheDir: pathToFileURL(cacheDir + path.sep) } };
			await IncrementalBuildCache.prototype.writeOutputFile.call({}, settings, 'articles/a/index.html', '<p>a</p>');
			assert.ok(!existsSync(path.join(cacheDir, 'dist')), 'nothing written');
			assert.equal(await IncrementalBuildCache.prototype.restoreOutputFile.call({}, settings, 'articles/a/index.html', pathToFileURL(path.join(cacheDir, 'out.html'))), false);
		} finally {
			rmSync(cacheDir, { recursive: true, force: true });
		}
	});

	it('says why when Astro has no such cache', async () => {
		assert.match((await disablePageCopies(pathToFileURL(path.join(os.tmpdir(), 'no-astro-here') + path.sep))) ?? '', /did not load/);
	});
});
