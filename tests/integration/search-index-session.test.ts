/**
 * The search-index integration driven through its hooks with the real Pagefind
 * service: the index is written early, once the searchable route is done, and
 * written again when a searchable page arrives after that.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { createPagefindIndex, PAGEFIND_ALLOCATOR_SETTINGS, searchIndex } from '../../src/integrations/search-index.ts';
import { currentSearchIndexSession } from '../../src/integrations/search-index-session.ts';
import { readSearchablePage } from '../../src/lib/search-delta.ts';

/** A page's searchable part, as the renderer hands it to the session. */
const page = (title: string, searchable: boolean) =>
	readSearchablePage(`<!doctype html><html lang="en"><head><title>${title}</title></head><body>${searchable ? `<main data-pagefind-body><h1>${title}</h1><p>About ${title.toLowerCase()} and nothing else.</p></main>` : `<h1>${title}</h1>`}</body></html>`);

/** Calls one hook of the integration with just what it reads. */
async function callHook(integration: AstroIntegration, hook: keyof AstroIntegration['hooks'], options: Record<string, unknown>): Promise<void> {
	const fn = integration.hooks[hook] as ((o: unknown) => Promise<void> | void) | undefined;
	await fn?.(options);
}

/** Pages in the written index, from its entry file. */
async function indexedPages(outDir: string): Promise<number> {
	const entry = JSON.parse(await fs.readFile(path.join(outDir, 'pagefind', 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
	return Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
}

describe('search index written while pages render', () => {
	it('writes once the searchable route is done, and again for a searchable page that came later', async () => {
		const outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'broadsheet-search-index-'));
		const logs: string[] = [];
		const logger = { info: (line: string) => logs.push(line) };
		try {
			const integration = searchIndex();
			await callHook(integration, 'astro:config:done', { config: { outDir: pathToFileURL(outDir + path.sep), cacheDir: pathToFileURL(path.join(outDir, '.cache') + path.sep) } });
			await callHook(integration, 'astro:build:start', {});
			const session = currentSearchIndexSession();
			assert.ok(session, 'the build start publishes a session');
			// The page renderer frees memory before the early write (its worker stops); the write waits for that.
			const events: string[] = [];
			session.onEarlyWrite(async () => {
				events.push('listener called');
				await new Promise((resolve) => setTimeout(resolve, 50));
				events.push('memory freed');
			});
			await session.add('/articles/one/', page('Harbour plans', true), '/articles/[slug]');
			await session.add('/articles/two/', page('Ferry strike', true), '/articles/[slug]');
			assert.deepEqual(events, []);
			// The next route starts: the index of the two articles is written while it renders.
			await session.add('/topics/ports/', page('Ports', false), '/topics/[topic]');
			assert.deepEqual(events, ['listener called']);
			await session.add('/late/', page('Lighthouse repairs', true), '/late');
			assert.deepEqual(events, ['listener called', 'memory freed'], 'a page sent during the write waits for it, and the write for the listener');
			await callHook(integration, 'astro:build:done', { dir: pathToFileURL(outDir + path.sep), assets: new Map(), logger });
			assert.equal(await indexedPages(outDir), 3, 'the late page is in the final index');
			assert.match(logs.join('\n'), /indexed 3 of 4 pages .*index written while pages rendered/);
			// One index, not the early write's files beside the final ones.
			const metas = (await fs.readdir(path.join(outDir, 'pagefind'))).filter((f) => f.endsWith('.pf_meta'));
			assert.equal(metas.length, 1);
		} finally {
			await fs.rm(outDir, { recursive: true, force: true });
		}
	});
});

/** The environment of the running Pagefind service, read from /proc on Linux (undefined elsewhere). */
async function readServiceEnvironment(): Promise<string[] | undefined> {
	if (process.platform !== 'linux') return undefined;
	// Children of the thread that spawned them: Node spawns from its main thread, whose id is the pid.
	const children = (await fs.readFile(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8')).split(' ').filter(Boolean);
	for (const pid of children) {
		const command = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
		if (command.includes('pagefind')) return (await fs.readFile(`/proc/${pid}/environ`, 'utf8')).split('\0');
	}
	throw new Error('no Pagefind service among the test process\'s children');
}

describe("Pagefind's indexing service", () => {
	it('starts with the allocator settings, unless the environment has its own', async () => {
		const own = process.env._RJEM_MALLOC_CONF;
		try {
			delete process.env._RJEM_MALLOC_CONF;
			await createPagefindIndex();
			assert.equal(process.env._RJEM_MALLOC_CONF, PAGEFIND_ALLOCATOR_SETTINGS);
			const environment = await readServiceEnvironment();
			if (environment) assert.ok(environment.includes(`_RJEM_MALLOC_CONF=${PAGEFIND_ALLOCATOR_SETTINGS}`), 'the service process has the settings');
			await pagefind.close();
			process.env._RJEM_MALLOC_CONF = 'dirty_decay_ms:1000';
			await createPagefindIndex();
			assert.equal(process.env._RJEM_MALLOC_CONF, 'dirty_decay_ms:1000', "the user's setting is kept");
		} finally {
			await pagefind.close();
			if (own === undefined) delete process.env._RJEM_MALLOC_CONF;
			else process.env._RJEM_MALLOC_CONF = own;
		}
	});
});
