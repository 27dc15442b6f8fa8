/**
 * Measures search on a built site in headless Chromium, as a reader meets it:
 * the site is served on localhost, every request is metered, and the Pagefind JS API
 * (`pagefind.search()` plus loading the first five results' data, what a results
 * list shows) is timed inside the page. A "first query" runs in a fresh browser
 * context (empty HTTP cache), so the library, WebAssembly and index chunks are all cold.
 * On a site with a search page, the reader's two ways in are timed too, to the first
 * result shown: a link to `search/?q=…` (what every page's search box submits), and a
 * query typed on the search page once it has loaded. Times are taken inside the page (a
 * MutationObserver), not by Playwright's polling, which here lagged 0.3–0.4 s behind.
 */
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import sirv from 'sirv';
import { launchBrowser } from '../support/chromium.ts';

/** One timed query. */
export interface QueryFigure {
	query: string;
	/** ms until `pagefind.search()` resolved. */
	searchMs: number;
	/** ms until the first five results' data had loaded too. */
	resultsMs: number;
	/** Number of hits. */
	hits: number;
	/** Bytes transferred over the network for this query (encoded, as on the wire). */
	transferBytes: number;
}

/** One query on the search page, timed to its first result shown. */
export interface ReaderFigure {
	query: string;
	/** ms until the first result's link was in the page. */
	ms: number;
}

/** Search figures for one site. */
export interface SearchFigures {
	/** First query of a reader, each in a fresh context. */
	cold: QueryFigure[];
	/** Further queries in one warm page. */
	warm: QueryFigure[];
	/** The search page, each query in a fresh context; absent for a site without one (a peer's). */
	page?: {
		/** Opening `search/?q=<query>`: ms from the start of navigation. */
		link: ReaderFigure[];
		/** Typing the query into the loaded search page (network idle, then 0.3 s): ms from the input event. */
		typed: ReaderFigure[];
	};
}

/** Queries chosen to hit the BBC dev corpus in many places, and a rare one. */
export const DEFAULT_QUERIES = ['election', 'oil prices', 'mobile phone', 'tsunami aid', 'champions league'];

/** Serves `outDir` at the root of a free loopback port. */
async function serve(outDir: string): Promise<{ origin: string; close: () => Promise<void> }> {
	const files = sirv(outDir, { dev: false, etag: true, gzip: false, extensions: ['html'] });
	const server = http.createServer((req, res) =>
		files(req, res, () => {
			res.statusCode = 404;
			res.end('not found');
		}),
	);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/**
 * Counts bytes received (headers and body as sent) by every request of the context,
 * the search worker's included: Pagefind fetches its WebAssembly and index chunks
 * from a Web Worker, which a page-level CDP session does not see.
 */
function meterTransfer(context: BrowserContext): { stop: () => Promise<number> } {
	const sizes: Promise<number>[] = [];
	const onFinished = (request: Request) => {
		sizes.push(request.sizes().then((s) => s.responseHeadersSize + s.responseBodySize, () => 0));
	};
	context.on('requestfinished', onFinished);
	return {
		async stop() {
			await new Promise((r) => setTimeout(r, 50)); // the last events of the query
			context.off('requestfinished', onFinished);
			return (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
		},
	};
}

/**
 * The search module the search page loads and the other index bundles it merges (a
 * sharded site's or a split index's), read from the built search page, so the benchmark
 * searches what readers search; `hasSearchPage` is false for a site without one (a peer's).
 */
async function readSearchSetup(outDir: string): Promise<{ bundlePath: string; merge: string[]; hasSearchPage: boolean }> {
	const html = await fs.readFile(path.join(outDir, 'search', 'index.html'), 'utf8').catch(() => null);
	if (html === null) return { bundlePath: '/pagefind/', merge: [], hasSearchPage: false };
	return {
		hasSearchPage: true,
		// The site's search module (Pagefind's API plus any delta index), as the search page loads it.
		bundlePath: /data-bundle-path="([^"]*)"/.exec(html)?.[1] ?? '/pagefind/',
		merge: (/data-merge-index="([^"]*)"/.exec(html)?.[1] ?? '').split(' ').filter(Boolean),
	};
}

/** Runs one query in the page; the page must be on the site. */
async function timeQuery(page: Page, query: string, { bundlePath, merge: mergeIndex }: { bundlePath: string; merge: string[] }): Promise<Omit<QueryFigure, 'transferBytes' | 'query'>> {
	return page.evaluate(async ([q, merge, bundle]) => {
		const w = window as unknown as { __pf?: Promise<any> };
		const t0 = performance.now();
		// The library itself is part of a cold first query, and so are the merged indexes.
		w.__pf ??= import(`${location.origin}${bundle}pagefind.js`).then(async (pf) => {
			for (const bundle of merge) await pf.mergeIndex(bundle);
			await pf.init();
			return pf;
		});
		const pf = await w.__pf;
		const search = await pf.search(q);
		const t1 = performance.now();
		await Promise.all(search.results.slice(0, 5).map((r: { data: () => Promise<unknown> }) => r.data()));
		const t2 = performance.now();
		return { searchMs: Math.round(t1 - t0), resultsMs: Math.round(t2 - t0), hits: search.results.length };
	}, [query, mergeIndex, bundlePath] as const);
}

/** The first search result's link on Pagefind UI's results list. */
const RESULT_LINK = '.pagefind-ui__result-link';

/** How long a search page may take to show a result before the measurement gives up. */
const RESULT_TIMEOUT_MS = 30_000;

type FirstResultWindow = { __firstResult: Promise<number> };

/** In the page: sets `window.__firstResult` to resolve with `performance.now()` when `selector` first matches. */
function watchFirstResult(selector: string): void {
	(window as unknown as FirstResultWindow).__firstResult = new Promise((resolve) => {
		const seen = () => {
			if (!document.querySelector(selector)) return;
			observer.disconnect();
			resolve(performance.now());
		};
		const observer = new MutationObserver(seen);
		observer.observe(document, { childList: true, subtree: true });
		seen();
	});
}

/** `window.__firstResult` of `page`, or an error naming the query after {@link RESULT_TIMEOUT_MS}. */
async function firstResultAt(page: Page, query: string): Promise<number> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`the search page showed no result for "${query}" within ${RESULT_TIMEOUT_MS / 1000} s`)), RESULT_TIMEOUT_MS);
	});
	try {
		return await Promise.race([page.evaluate(() => (window as unknown as FirstResultWindow).__firstResult), timeout]);
	} finally {
		clearTimeout(timer);
	}
}

/** Times the reader's two ways into the search page (see the module comment). */
async function measureSearchPage(browser: Browser, origin: string, queries: readonly string[]): Promise<NonNullable<SearchFigures['page']>> {
	const link: ReaderFigure[] = [];
	const typed: ReaderFigure[] = [];
	for (const query of queries) {
		const opened = await browser.newContext();
		await opened.addInitScript(watchFirstResult, RESULT_LINK);
		const page = await opened.newPage();
		await page.goto(`${origin}/search/?q=${encodeURIComponent(query)}`);
		link.push({ query, ms: Math.round(await firstResultAt(page, query)) });
		await opened.close();

		const context = await browser.newContext();
		const searchPage = await context.newPage();
		await searchPage.goto(`${origin}/search/`);
		await searchPage.waitForLoadState('networkidle');
		await new Promise((r) => setTimeout(r, 300)); // the reader finds the box
		await searchPage.evaluate(watchFirstResult, RESULT_LINK);
		const typedAt = await searchPage.evaluate((q) => {
			const input = document.querySelector<HTMLInputElement>('#search input[type=text], #search input[type=search]');
			if (!input) throw new Error('the search page has no search box');
			input.focus();
			const t0 = performance.now();
			input.value = q;
			input.dispatchEvent(new Event('input', { bubbles: true }));
			return t0;
		}, query);
		typed.push({ query, ms: Math.round((await firstResultAt(searchPage, query)) - typedAt) });
		await context.close();
	}
	return { link, typed };
}

/**
 * Measures cold and warm queries against the built site in `outDir`, and its search
 * page when it has one (`readerPaths: false` skips that).
 */
export async function measureSearch(outDir: string, queries = DEFAULT_QUERIES, { readerPaths = true } = {}): Promise<SearchFigures> {
	const server = await serve(outDir);
	const setup = await readSearchSetup(outDir);
	const browser = await launchBrowser();
	try {
		const cold: QueryFigure[] = [];
		for (const query of queries) {
			const context = await browser.newContext();
			const page = await context.newPage();
			await page.goto(`${server.origin}/404.html`); // a light page that loads no search code
			const meter = meterTransfer(context);
			const figure = await timeQuery(page, query, setup);
			cold.push({ query, ...figure, transferBytes: await meter.stop() });
			await context.close();
		}
		const warm: QueryFigure[] = [];
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.goto(`${server.origin}/404.html`);
		await timeQuery(page, 'news', setup); // warm the library and the index
		for (const query of queries) {
			const meter = meterTransfer(context);
			const figure = await timeQuery(page, query, setup);
			warm.push({ query, ...figure, transferBytes: await meter.stop() });
		}
		await context.close();
		return readerPaths && setup.hasSearchPage ? { cold, warm, page: await measureSearchPage(browser, server.origin, queries) } : { cold, warm };
	} finally {
		await browser.close();
		await server.close();
	}
}
