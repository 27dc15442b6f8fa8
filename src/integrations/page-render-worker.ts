/**
 * A second page renderer on its own thread (see page-renderer.ts): loads the
 * same prerender bundle Astro built, and renders the pages the build hands it
 * exactly as Astro's default prerenderer would, so the output is the same bytes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readSearchablePage } from '../lib/search-delta.ts';
import { RENDER_ONLY_THREAD } from '../lib/page-cache-keys.ts';
import { type AppWithPageMap, cachePageModules } from './astro-internals.ts';
import type { SearchablePart } from './search-index-session.ts';

/** What the build gives the worker when it starts. */
export interface RenderWorkerData {
	/** URL of Astro's prerender entry module (`.prerender/prerender-entry.*.mjs`). */
	entryUrl: string;
	/** URL of Astro's `dist/` folder inside node_modules, for its render helpers. */
	astroDistUrl: string;
	/** Head styles of each page, by Astro's page key (route + component). */
	stylesByPageKey: [string, unknown][];
	/** Scripts integrations inline into every page's head. */
	headInlineScripts: { stage: 'head-inline'; content: string }[];
}

/** One page to render. */
export interface RenderJob {
	id: number;
	url: string;
	/** `route` and `component` of the page's route (RouteData holds URLs, which do not cross threads). */
	route: string;
	component: string;
	collectMetadata: boolean;
	/** Read the page's searchable part too (search is indexed while pages render): the build's main thread then need not. */
	readSearchable: boolean;
}

/** A warning or error Astro logged on the worker. */
export interface RenderLog {
	level: 'warn' | 'error';
	label: string | null;
	message: string;
}

/** A rendered page, or the error that stopped it. */
export interface RenderReply {
	id: number;
	status?: number;
	statusText?: string;
	headers?: [string, string][];
	body?: ArrayBuffer | null;
	metadata?: unknown;
	/** The page's searchable part, when asked for and the page is HTML. */
	searchable?: SearchablePart;
	error?: string;
}

interface RouteLike {
	route: string;
	component: string;
}

interface BuildAppLike extends AppWithPageMap {
	manifest: NonNullable<AppWithPageMap['manifest']> & { routes: { routeData: RouteLike }[] };
	setInternals(internals: unknown): void;
	setOptions(options: unknown): void;
}

const data = workerData as RenderWorkerData;
// This thread lists the pages only to render some: Astro's thread records their cache keys.
(globalThis as Record<symbol, unknown>)[RENDER_ONLY_THREAD] = true;
const [{ app }, prerender, scope, request, staticPaths] = await Promise.all([
	import(data.entryUrl) as Promise<{ app: BuildAppLike }>,
	import(new URL('core/app/prerender.js', data.astroDistUrl).href),
	import(new URL('core/render-scope/node-scope.js', data.astroDistUrl).href),
	import(new URL('core/request.js', data.astroDistUrl).href),
	import(new URL('runtime/prerender/static-paths.js', data.astroDistUrl).href),
]);

// Only what the build environment reads while rendering: each page's styles and the
// head-inline scripts (page-stage scripts need Astro's bundle map; page-renderer.ts
// keeps sites that have them on one thread).
app.setInternals({ pagesByKeys: new Map(data.stylesByPageKey), entrySpecifierToBundleMap: new Map() });
// Astro's warnings and errors while rendering go to the build's log, through the main thread.
const toBuildLog = {
	write(event: { level: string; label?: string | null; message: string }) {
		if (event.level === 'warn' || event.level === 'error') parentPort!.postMessage({ log: { level: event.level, label: event.label ?? null, message: event.message } satisfies RenderLog });
		return true;
	},
};
app.setOptions({ settings: { scripts: data.headInlineScripts }, logger: { options: { destination: toBuildLog } } });

cachePageModules(app);

const routes = new Map(app.manifest.routes.map(({ routeData }) => [`${routeData.route}\0${routeData.component}`, routeData]));
// The request's own warnings (e.g. reading headers of a prerendered page), as Astro's logger gives them.
const logger = {
	warn: (label: string | null, message: string) => toBuildLog.write({ level: 'warn', label, message }),
	error: (label: string | null, message: string) => toBuildLog.write({ level: 'error', label, message }),
	info() {},
	debug() {},
};

parentPort!.on('message', async (job: RenderJob) => {
	try {
		const routeData = routes.get(`${job.route}\0${job.component}`);
		if (!routeData) throw new Error(`no route ${job.route} (${job.component}) in the prerender bundle`);
		if (job.collectMetadata) scope.ensureAsyncRenderScope();
		const req = request.createRequest({ url: job.url, headers: new Headers(), logger, isPrerendered: true, routePattern: job.component });
		const { response, metadata } = await prerender.renderForPrerender(app, req, { routeData, collectMetadata: job.collectMetadata });
		const body = response.body === null ? null : await response.arrayBuffer();
		const searchable = job.readSearchable && body && response.headers.get('content-type')?.includes('text/html') ? readSearchablePage(new TextDecoder().decode(body)) : undefined;
		const reply: RenderReply = { id: job.id, status: response.status, statusText: response.statusText, headers: [...response.headers], body, metadata, searchable };
		parentPort!.postMessage(reply, body ? [body] : []);
	} catch (error) {
		parentPort!.postMessage({ id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies RenderReply);
	}
});
// List every page now, as Astro does on the main thread at the same time: this fills the
// bundle's route cache (each page's props), which rendering reads.
await new staticPaths.StaticPaths(app).getAll();
parentPort!.postMessage({ ready: true });
