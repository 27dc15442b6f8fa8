/**
 * The response headers a reader's browser gets, read off the wire from two hosts:
 * nginx itself with docs/deploy/nginx.conf, and the test server that applies
 * public/_headers as Netlify and Cloudflare Pages do. The expected header set of
 * each path is written out below by hand — not computed with the project's own
 * `_headers` parser — so a wrong parser, a wrong rule or a drifted nginx config
 * all fail here. Needs nginx: a missing nginx is an error that says how to install it.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { NGINX_BASE, startNginx, type NginxServer } from '../../scripts/deploy/nginx-server.ts';
import { removeBuild, runBuildOrThrow, type BuildRun } from '../support/run-build.ts';
import type { ServedSite } from '../support/serve-site.ts';
import { serveWithHeaders } from '../support/serve-with-headers.ts';

/** On every response, pages, assets and 404s alike. */
const SECURITY_HEADERS: Record<string, string> = {
	'content-security-policy':
		"default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'strict-origin-when-cross-origin',
	'x-frame-options': 'DENY',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
	'cross-origin-opener-policy': 'same-origin',
};
/** Files whose name changes with their content: cached for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else: revalidated on every visit, so a new build shows at once. */
const REVALIDATE = 'public, max-age=0, must-revalidate';

/** One request and what must come back. */
interface HeaderCase {
	/** Path below the base path. */
	path: string;
	status: number;
	cacheControl: string;
	/** With nosniff, a script or stylesheet with the wrong type is refused by the browser. */
	contentType?: RegExp;
}

describe(`response headers as real hosts send them (site under ${NGINX_BASE})`, () => {
	let build: BuildRun;
	let nginx: NginxServer | undefined;
	let netlifyLike: ServedSite | undefined;
	let cases: HeaderCase[];

	before(async () => {
		build = await runBuildOrThrow({ contentDir: 'tests/site-fixtures/basic', basePath: NGINX_BASE, siteUrl: 'https://news.example.org' });
		const first = (dir: string, pattern: RegExp) => {
			const name = readdirSync(path.join(build.outDir, dir)).sort().find((n) => pattern.test(n));
			assert.ok(name, `no ${pattern} in ${dir}/ of the build`);
			return `${dir}/${name}`;
		};
		const article = first('articles', /./);
		cases = [
			{ path: '', status: 200, cacheControl: REVALIDATE, contentType: /^text\/html/ },
			{ path: `${article}/`, status: 200, cacheControl: REVALIDATE, contentType: /^text\/html/ },
			{ path: 'rss.xml', status: 200, cacheControl: REVALIDATE },
			{ path: 'sw.js', status: 200, cacheControl: REVALIDATE, contentType: /javascript/ },
			{ path: 'scripts/reader.js', status: 200, cacheControl: REVALIDATE, contentType: /javascript/ },
			{ path: first('_astro', /\.css$/), status: 200, cacheControl: IMMUTABLE, contentType: /^text\/css/ },
			{ path: 'pagefind/pagefind.js', status: 200, cacheControl: REVALIDATE, contentType: /javascript/ },
			{ path: 'pagefind/pagefind-entry.json', status: 200, cacheControl: REVALIDATE },
			{ path: first('pagefind/fragment', /\.pf_fragment$/), status: 200, cacheControl: IMMUTABLE },
			{ path: first('pagefind/index', /\.pf_index$/), status: 200, cacheControl: IMMUTABLE },
			{ path: first('pagefind/filter', /\.pf_filter$/), status: 200, cacheControl: IMMUTABLE },
			{ path: 'no-such-page/', status: 404, cacheControl: REVALIDATE, contentType: /^text\/html/ },
			// The host configuration is read by the host, never served.
			{ path: '_headers', status: 404, cacheControl: REVALIDATE },
		];
		nginx = await startNginx(build.outDir);
		netlifyLike = await serveWithHeaders(build.outDir, NGINX_BASE);
	});
	after(async () => {
		await nginx?.close();
		await netlifyLike?.close();
		await removeBuild(build);
	});

	/** Every mismatch between what `origin` sends and the expected set, as readable lines. */
	async function mismatches(base: string): Promise<string[]> {
		const found: string[] = [];
		for (const c of cases) {
			const response = await fetch(base + c.path);
			await response.arrayBuffer();
			const where = `/${c.path}`;
			if (response.status !== c.status) found.push(`${where}: status ${response.status}, expected ${c.status}`);
			for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
				if (response.headers.get(name) !== value) found.push(`${where}: ${name} is ${JSON.stringify(response.headers.get(name))}`);
			}
			if (response.headers.get('cache-control') !== c.cacheControl) found.push(`${where}: cache-control is ${JSON.stringify(response.headers.get('cache-control'))}, expected ${JSON.stringify(c.cacheControl)}`);
			if (c.contentType && !c.contentType.test(response.headers.get('content-type') ?? '')) found.push(`${where}: content-type is ${JSON.stringify(response.headers.get('content-type'))}`);
		}
		return found;
	}

	it('nginx with docs/deploy/nginx.conf sends the expected headers on every path', async () => {
		assert.deepEqual(await mismatches(nginx!.origin + NGINX_BASE), []);
	});

	it('public/_headers, applied as Netlify and Cloudflare Pages do, sends the same headers', async () => {
		assert.deepEqual(await mismatches(netlifyLike!.url), []);
	});
});
