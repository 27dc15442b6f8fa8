/**
 * How the build renders pages: on two threads instead of one, and each page handed
 * to the search index in the order Astro asked for it.
 *
 * Astro renders every page on its main thread, one core, while the machine's second
 * core has only Pagefind's indexing to do. This integration replaces Astro's
 * prerenderer with one that keeps Astro's default renderer for part of the pages and
 * gives the rest to a worker thread that loads the same prerender bundle
 * (page-render-worker.ts). Astro still writes every page, so output and
 * incremental-build records are the same whichever thread rendered a page.
 *
 * The search index (search-index.ts) receives each rendered page from here, in the
 * order Astro listed the pages, whichever thread finished first: Pagefind numbers
 * pages in the order they arrive, so the index files are the same on one thread or two,
 * and the index is written once the searchable pages are done, while list pages render.
 * The worker stops then, so that Pagefind's write has the second core and the memory the
 * worker held.
 *
 * It uses Astro's public prerenderer hook (`setPrerenderer` in `astro:build:start`),
 * plus internals of Astro 7.3 the worker needs: the prerender output folder, and the
 * render and page-listing helpers the default prerenderer calls. When one is missing, or the site
 * uses page-stage scripts, the build renders on one thread and says why.
 */
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { readdirSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { type AppWithPageMap, astroDistUrl, cachePageModules } from './astro-internals.ts';
import type { RenderJob, RenderLog, RenderReply, RenderWorkerData } from './page-render-worker.ts';
import { currentSearchIndexSession, indexRenderedPage, type SearchablePart } from './search-index-session.ts';

/** Astro's prerenderer interface, as far as this module uses it. */
interface Prerenderer {
	name: string;
	setup?: () => Promise<void>;
	getStaticPaths: () => Promise<{ pathname: string; route: RouteLike }[]>;
	render: (request: Request, options: RenderOptions) => Promise<Response | Rendered>;
	teardown?: () => Promise<void>;
	/** Set by Astro's default prerenderer once set up. */
	app?: AppWithPageMap & { getSettings(): { scripts: { stage: string; content: string }[]; config: { base: string; build: { concurrency: number } } } };
}

interface RouteLike {
	route: string;
	component: string;
}

interface RenderOptions {
	routeData: RouteLike;
	collectMetadata?: boolean;
}

interface Rendered {
	response: Response;
	metadata?: unknown;
	/** The page's searchable part, when the worker read it. */
	searchable?: SearchablePart;
}

type PageStyles = Map<string, { styles?: unknown }>;

/** Options of {@link pageRenderer}. */
export interface PageRendererOptions {
	/** Render threads in all; 1 renders on Astro's thread only. */
	threads: number;
	/** Fewest content files worth a second thread (it costs a second or so and a copy of the page data). */
	minFiles: number;
	/** Content files of this build. */
	contentFiles: number;
	/**
	 * Route patterns (e.g. `/articles/[slug]`) whose pages render before all others, in
	 * Astro's order among themselves: the searchable ones, so that the search index is
	 * written while the list pages render instead of after them.
	 */
	firstRoutes?: readonly string[];
}

/**
 * Content files from which pages render on one thread again. The worker holds its own
 * copy of every page's props: at 100,000 articles that took the build to 8.16 GB, past
 * the 8 GB it must stay within, and listing the pages twice competed for the same cores.
 */
export const ONE_THREAD_FROM_FILES = 50_000;

/**
 * Render threads for a build: `BROADSHEET_RENDER_THREADS` when set; else two on a
 * machine with two cores or more, below {@link ONE_THREAD_FROM_FILES} content files.
 */
export function chooseRenderThreads(contentFiles: number, cores: number, env: NodeJS.ProcessEnv = process.env): number {
	const chosen = Number(env.BROADSHEET_RENDER_THREADS);
	if (Number.isInteger(chosen) && chosen >= 1) return chosen;
	return cores >= 2 && contentFiles < ONE_THREAD_FROM_FILES ? 2 : 1;
}

/**
 * Pages one worker may have in flight, as a share of the pages Astro renders at a time
 * (`build.concurrency`): Astro's own thread renders only the rest. That thread also writes
 * every page and feeds the search index, so it should render fewer pages than the worker:
 * with an even split the worker sat idle 60% of the time at 10,000 articles.
 */
export function workerInFlight(concurrency: number): number {
	return Math.max(1, concurrency - Math.ceil(concurrency / 4));
}

/** The integration (build only). */
export function pageRenderer(options: PageRendererOptions): AstroIntegration {
	let pageStyles: PageStyles | undefined;
	return {
		name: 'broadsheet-page-renderer',
		hooks: {
			// The page data Astro fills with each page's styles while it bundles (its `internals.pagesByKeys`).
			'astro:build:setup': ({ pages, target }) => {
				if (target === 'server') pageStyles = pages as unknown as PageStyles;
			},
			'astro:build:start': ({ setPrerenderer, logger }) => {
				setPrerenderer(((fallback: Prerenderer) => createPageRenderer(fallback, { ...options, logger, pageStyles: () => pageStyles })) as never);
			},
		},
	};
}

interface RendererContext extends PageRendererOptions {
	logger: Pick<AstroIntegrationLogger, 'info' | 'warn' | 'error'>;
	pageStyles: () => PageStyles | undefined;
}

/** A prerenderer that splits pages between Astro's default renderer (`fallback`) and worker threads. */
export function createPageRenderer(fallback: Prerenderer, context: RendererContext): Prerenderer {
	const workers: RenderThread[] = [];
	/** Workers stopped before the end (see retireWorkers), until they have exited. */
	const retired: Promise<void>[] = [];
	let pagesRendered = 0;
	let base = '/';
	let inFlight = 1;
	let lastIndexed: Promise<unknown> = Promise.resolve();

	let starting: { threads: RenderThread[]; started: number } | undefined;
	let oneThread: string | undefined;

	/**
	 * Starts the workers while Astro lists the pages: each worker lists them too (its own
	 * copy of every page's props, which rendering reads), on the other core, so it is ready
	 * about when Astro is. Started later, the first page of each route waited for that
	 * (minutes at 100,000 articles) and held up every page after it.
	 */
	async function startWorkers(): Promise<void> {
		oneThread = whyOneThread(fallback, context);
		if (oneThread) return;
		let entryUrl: URL;
		try {
			entryUrl = await prerenderEntryUrl(fallback);
		} catch (error) {
			oneThread = `${(error as Error).message} (has Astro changed?)`;
			return;
		}
		const data = workerData(fallback, context.pageStyles()!, entryUrl);
		starting = { threads: Array.from({ length: context.threads - 1 }, () => new RenderThread(data, context.logger)), started: performance.now() };
	}

	async function awaitWorkers(pages: number): Promise<void> {
		if (!starting) {
			context.logger.info(`rendering ${pages} page${pages === 1 ? '' : 's'} on one thread: ${oneThread}`);
			return;
		}
		const listed = performance.now();
		try {
			await Promise.all(starting.threads.map((t) => t.ready));
		} catch (error) {
			await Promise.all(starting.threads.map((t) => t.stop()));
			context.logger.warn(`the page render worker did not start (${(error as Error).message}); rendering ${pages} pages on one thread`);
			return;
		}
		workers.push(...starting.threads);
		const waited = Math.round(performance.now() - listed);
		context.logger.info(`rendering ${pages} pages on ${context.threads} threads (worker ready ${Math.round(performance.now() - starting.started)} ms after its start; ${waited} ms waited for it)`);
		currentSearchIndexSession()?.onEarlyWrite(retireWorkers);
	}

	/**
	 * Stops the workers once their pages are done, when Pagefind starts writing the index
	 * while the remaining (list) pages render: the write needs about 1.4 GB at 10,000
	 * articles, and the worker's copy of the page data beside it took the build past 3 GB.
	 * The remaining pages render on Astro's thread while Pagefind writes on the other core;
	 * the write starts once the workers have exited and their memory is released (the
	 * returned promise).
	 */
	function retireWorkers(): Promise<unknown> {
		const stopping = workers.splice(0);
		if (stopping.length === 0) return Promise.resolve();
		const before = process.memoryUsage.rss();
		const exited = Promise.all(stopping.map((w) => w.stopWhenIdle())).then(() => {
			releaseMemoryNow();
			const onWorkers = stopping.reduce((sum, w) => sum + w.rendered, 0);
			const gb = (bytes: number) => (bytes / 1e9).toFixed(2);
			context.logger.info(
				`search index written after ${pagesRendered} pages: the render worker stopped (${onWorkers} pages rendered there; this process ${gb(before)} → ${gb(process.memoryUsage.rss())} GB) and the rest render on Astro's thread`,
			);
		});
		retired.push(exited);
		return exited;
	}

	return {
		name: 'broadsheet:page-renderer',
		async setup() {
			await fallback.setup?.();
			if (!cachePageModules(fallback.app)) context.logger.info("Astro's app has no page map (has Astro changed?): each page looks up its page module again");
			base = fallback.app?.getSettings().config.base ?? '/';
			inFlight = workerInFlight(fallback.app?.getSettings().config.build.concurrency ?? 1);
			await startWorkers();
		},
		async getStaticPaths() {
			const paths = putRoutesFirst(await fallback.getStaticPaths(), context.firstRoutes ?? []);
			await awaitWorkers(paths.length);
			return paths;
		},
		render(request, options) {
			const indexing = currentSearchIndexSession() !== undefined;
			pagesRendered++;
			const worker = workers.find((w) => w.inFlight < inFlight);
			const rendering = worker ? worker.render(request.url, options, indexing) : fallback.render(request, options);
			// Nothing to index (search indexed after the build, or off): no page need wait for another.
			if (!indexing) return rendering;
			const previous = lastIndexed;
			const indexed = (async (): Promise<Rendered> => {
				const result = await rendering;
				const rendered = result instanceof Response ? { response: result } : result;
				await previous;
				return { response: await indexRenderedPage(new URL(request.url), rendered.response, base, options.routeData.route, rendered.searchable), metadata: rendered.metadata };
			})();
			lastIndexed = indexed.catch(() => undefined);
			return indexed;
		},
		async teardown() {
			await Promise.all([...workers.splice(0).map((w) => w.stop()), ...retired.splice(0)]);
			await fallback.teardown?.();
		},
	};
}

/** The pages of `routes` first, then the rest; each part in its given order. */
export function putRoutesFirst<T extends { route: RouteLike }>(paths: readonly T[], routes: readonly string[]): T[] {
	const first = new Set(routes);
	return [...paths.filter((p) => first.has(p.route.route)), ...paths.filter((p) => !first.has(p.route.route))];
}

/** Why the pages render on Astro's thread only, or undefined when a worker can take part. */
function whyOneThread(fallback: Prerenderer, context: RendererContext): string | undefined {
	if (context.threads < 2) return `one render thread chosen (BROADSHEET_RENDER_THREADS, or one core, or ${ONE_THREAD_FROM_FILES.toLocaleString('en')} content files or more)`;
	if (context.contentFiles < context.minFiles) return `${context.contentFiles} content files, fewer than ${context.minFiles} (BROADSHEET_PARALLEL_RENDER_FROM)`;
	if (!fallback.app) return "Astro's default prerenderer did not expose its app (has Astro changed?)";
	if (!context.pageStyles()) return 'Astro did not hand over its page data (has Astro changed?)';
	if (fallback.app.getSettings().scripts.some((s) => s.stage === 'page')) return 'the site has page-stage scripts, which the worker does not load';
	return undefined;
}

/**
 * Collects garbage down to what is reachable and hands V8's pooled pages back to the
 * system. A worker's heap otherwise stays in the process for about 8 s after the worker
 * exits (until V8's memory reducer runs), which is when Pagefind's write peaks: measured
 * at 10,000 articles, 1.61 → 1.42 GB at once, where it stayed at 1.61 GB for 8 s. Costs
 * about 0.6 s of this thread. The same way jest-leak-detector reaches V8's `gc`.
 */
function releaseMemoryNow(): void {
	setFlagsFromString('--expose-gc');
	const gc = runInNewContext('gc') as (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;
	setFlagsFromString('--no-expose-gc');
	gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}

/** Where Astro wrote the prerender bundle's entry module. */
async function prerenderEntryUrl(fallback: Prerenderer): Promise<URL> {
	const utils = (await import(new URL('prerender/utils.js', astroDistUrl()).href)) as { getPrerenderOutputDirectory(settings: unknown): URL };
	const folder = utils.getPrerenderOutputDirectory(fallback.app!.getSettings());
	const entry = readdirSync(folder).find((name) => /^prerender-entry\..*\.mjs$/.test(name));
	if (!entry) throw new Error(`no prerender entry in ${folder.pathname}`);
	return new URL(entry, folder);
}

function workerData(fallback: Prerenderer, pages: PageStyles, entryUrl: URL): RenderWorkerData {
	return {
		entryUrl: entryUrl.href,
		astroDistUrl: astroDistUrl().href,
		stylesByPageKey: [...pages].map(([key, page]) => [key, { styles: page.styles ?? [] }]),
		headInlineScripts: fallback
			.app!.getSettings()
			.scripts.filter((s) => s.stage === 'head-inline')
			.map((s) => ({ stage: 'head-inline' as const, content: s.content })),
	};
}

/** One worker thread and the pages it is rendering. */
class RenderThread {
	readonly ready: Promise<void>;
	inFlight = 0;
	/** Pages this thread rendered. */
	rendered = 0;
	/** Set by stopWhenIdle while pages are still in flight. */
	#whenIdle: (() => void) | undefined;
	/** Why the thread stopped, once it did: its pages then fail the build instead of waiting forever. */
	#stopped: Error | undefined;
	#worker: Worker;
	#next = 0;
	#waiting = new Map<number, { resolve(reply: RenderReply): void; reject(error: Error): void }>();

	constructor(data: RenderWorkerData, logger: RendererContext['logger']) {
		this.#worker = new Worker(new URL('./page-render-worker.ts', import.meta.url), { workerData: data });
		this.ready = new Promise((resolve, reject) => {
			this.#worker.on('message', (message: RenderReply & { ready?: boolean; log?: RenderLog }) => {
				if (message.ready) return resolve();
				if (message.log) return logger[message.log.level](`${message.log.label ? `[${message.log.label}] ` : ''}${message.log.message}`);
				const waiting = this.#waiting.get(message.id);
				this.#waiting.delete(message.id);
				waiting?.resolve(message);
			});
			const stop = (error: Error) => {
				this.#stopped ??= error;
				reject(error);
				for (const waiting of this.#waiting.values()) waiting.reject(error);
				this.#waiting.clear();
			};
			this.#worker.on('error', stop);
			this.#worker.on('exit', (code) => stop(new Error(`the page render worker exited (code ${code})`)));
		});
		// Until the build waits for it, a failed start must not be an unhandled rejection.
		this.ready.catch(() => undefined);
	}

	/** Renders one page; `readSearchable` asks for its searchable part too. */
	async render(url: string, options: RenderOptions, readSearchable: boolean): Promise<Rendered> {
		const job: RenderJob = { id: this.#next++, url, route: options.routeData.route, component: options.routeData.component, collectMetadata: options.collectMetadata ?? false, readSearchable };
		if (this.#stopped) throw this.#stopped;
		this.inFlight++;
		try {
			const reply = await new Promise<RenderReply>((resolve, reject) => {
				this.#waiting.set(job.id, { resolve, reject });
				this.#worker.postMessage(job);
			});
			if (reply.error) throw new Error(`rendering ${new URL(url).pathname} on the page render worker failed: ${reply.error}`);
			this.rendered++;
			return { response: new Response(reply.body ?? null, { status: reply.status, statusText: reply.statusText, headers: reply.headers }), metadata: reply.metadata, searchable: reply.searchable };
		} finally {
			this.inFlight--;
			if (this.inFlight === 0) this.#whenIdle?.();
		}
	}

	/** Stops the thread once the pages it has in flight are done (it must get no more). */
	async stopWhenIdle(): Promise<void> {
		if (this.inFlight > 0) await new Promise<void>((resolve) => (this.#whenIdle = resolve));
		await this.stop();
	}

	async stop(): Promise<void> {
		this.#stopped ??= new Error('the page render worker was stopped');
		await this.#worker.terminate();
	}
}
