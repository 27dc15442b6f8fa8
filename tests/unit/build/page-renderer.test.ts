import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { chooseRenderThreads, createPageRenderer, putRoutesFirst, workerInFlight } from '../../../src/integrations/page-renderer.ts';
import { cachePageModules } from '../../../src/integrations/astro-internals.ts';
import { setSearchIndexSession } from '../../../src/integrations/search-index-session.ts';

const route = { route: '/articles/[slug]', component: 'src/pages/articles/[slug].astro' };
const page = (title: string) => `<!doctype html><html><head></head><body><article data-pagefind-body><h1>${title}</h1></article></body></html>`;

/** Astro's default prerenderer, standing in: pages finish after `delays[path]` ms. */
function fakeFallback(delays: Record<string, number>) {
	return {
		name: 'astro:default',
		app: { manifest: { pageMap: new Map() }, getSettings: () => ({ scripts: [], config: { base: '/news/', build: { concurrency: 8 } } }) },
		async getStaticPaths() {
			return Object.keys(delays).map((pathname) => ({ pathname, route }));
		},
		async render(request: Request) {
			const pathname = new URL(request.url).pathname;
			await new Promise((resolve) => setTimeout(resolve, delays[pathname]));
			return new Response(page(pathname), { headers: { 'content-type': 'text/html' } });
		},
	};
}

describe('page renderer', () => {
	afterEach(() => setSearchIndexSession(undefined));

	it('hands pages to the search index in the order Astro asked for them, whichever finished first', async () => {
		const indexed: string[] = [];
		const bodies: (string | undefined)[] = [];
		setSearchIndexSession({ add: async (url, searchable) => void (indexed.push(url), bodies.push(searchable?.html)), onEarlyWrite() {} });
		const logs: string[] = [];
		const logger = { info: (line: string) => logs.push(line), warn() {}, error() {} };
		const delays = { '/news/a/': 30, '/news/b/': 10, '/news/c/': 0 };
		const renderer = createPageRenderer(fakeFallback(delays), { threads: 2, minFiles: 10, contentFiles: 3, logger, pageStyles: () => new Map() });
		await renderer.setup!();
		const paths = await renderer.getStaticPaths();
		assert.deepEqual(logs, ['rendering 3 pages on one thread: 3 content files, fewer than 10 (BROADSHEET_PARALLEL_RENDER_FROM)']);
		const rendered = await Promise.all(paths.map((p) => renderer.render(new Request(`http://localhost${p.pathname}`), { routeData: route })));
		assert.deepEqual(indexed, ['/a/', '/b/', '/c/'], 'site-relative URLs, in request order');
		assert.deepEqual(bodies, ['/news/a/', '/news/b/', '/news/c/'].map(page), 'each page read for its searchable part');
		// The page still reaches Astro whole after the index read it.
		const first = rendered[0] as { response: Response };
		assert.equal(await first.response.text(), page('/news/a/'));
	});

	it('says why it stays on one thread when told to', async () => {
		const logs: string[] = [];
		const renderer = createPageRenderer(fakeFallback({ '/x/': 0 }), { threads: 1, minFiles: 0, contentFiles: 1, logger: { info: (l: string) => logs.push(l), warn() {}, error() {} }, pageStyles: () => new Map() });
		await renderer.setup!();
		await renderer.getStaticPaths();
		assert.deepEqual(logs, ['rendering 1 page on one thread: one render thread chosen (BROADSHEET_RENDER_THREADS, or one core, or 50,000 content files or more)']);
	});
});

describe('workerInFlight', () => {
	it("leaves Astro's own thread a quarter of the pages in flight, and the worker at least one", () => {
		assert.equal(workerInFlight(8), 6);
		assert.equal(workerInFlight(4), 3);
		assert.equal(workerInFlight(1), 1);
	});
});

describe('chooseRenderThreads', () => {
	it('uses two threads on two cores below 50,000 content files, unless told otherwise', () => {
		assert.equal(chooseRenderThreads(10_000, 2, {}), 2);
		assert.equal(chooseRenderThreads(10_000, 1, {}), 1);
		assert.equal(chooseRenderThreads(100_000, 2, {}), 1);
		assert.equal(chooseRenderThreads(100_000, 2, { BROADSHEET_RENDER_THREADS: '2' }), 2);
		assert.equal(chooseRenderThreads(10_000, 2, { BROADSHEET_RENDER_THREADS: '1' }), 1);
		assert.equal(chooseRenderThreads(10_000, 2, { BROADSHEET_RENDER_THREADS: 'many' }), 2);
	});
});

describe('putRoutesFirst', () => {
	it("puts the given routes' pages first, keeping the order within each part", () => {
		const at = (route: string, pathname: string) => ({ pathname, route: { route, component: `${route}.astro` } });
		const paths = [at('/archive', '/archive/'), at('/articles/[slug]', '/articles/a/'), at('/404', '/404'), at('/articles/[slug]', '/articles/b/'), at('/topics/[topic]', '/topics/t/')];
		assert.deepEqual(
			putRoutesFirst(paths, ['/articles/[slug]']).map((p) => p.pathname),
			['/articles/a/', '/articles/b/', '/archive/', '/404', '/topics/t/'],
		);
		assert.deepEqual(putRoutesFirst(paths, []), paths);
	});
});

describe('cachePageModules', () => {
	it('makes each page loader import its module once, for every later page of the route', async () => {
		let imports = 0;
		const module = { page: () => 'page' };
		const app = { manifest: { pageMap: new Map([['src/pages/a.astro', async () => (imports++, module)]]) } };
		assert.equal(cachePageModules(app), true);
		const load = app.manifest.pageMap.get('src/pages/a.astro')!;
		assert.equal(await load(), module);
		assert.equal(await load(), module);
		assert.equal(imports, 1);
	});
	it('changes nothing and says so when the app has no page map', () => {
		assert.equal(cachePageModules(undefined), false);
		assert.equal(cachePageModules({ manifest: {} }), false);
	});
});
