/**
 * Serves a built site on localhost the way Netlify or Cloudflare Pages would: the
 * output folder's `_headers` file decides the response headers (CSP, caching…),
 * and paths without a Cache-Control rule get the hosts' default (revalidate).
 */
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { headersForPath, parseHeadersFile, type HeaderRule } from '../../src/lib/headers-file.ts';
import type { ServedSite } from './serve-site.ts';

/** What Netlify and Cloudflare Pages send when no rule sets Cache-Control. */
export const HOST_DEFAULT_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

/** Serves `outDir` under `basePath`, applying `outDir/_headers` (paths relative to the base). */
export async function serveWithHeaders(outDir: string, basePath = '/'): Promise<ServedSite & { rules: HeaderRule[] }> {
	const headersFile = path.join(outDir, '_headers');
	if (!existsSync(headersFile)) throw new Error(`${headersFile} is missing: public/_headers should be copied into every build.`);
	const rules = parseHeadersFile(readFileSync(headersFile, 'utf8'), headersFile);
	const apply = (res: http.ServerResponse, sitePath: string) => {
		const headers = headersForPath(rules, sitePath);
		if (!headers.has('cache-control')) headers.set('cache-control', HOST_DEFAULT_CACHE_CONTROL);
		for (const [name, value] of headers) res.setHeader(name, value);
	};
	const files = sirv(outDir, {
		dev: false,
		etag: true,
		extensions: ['html'],
		// Runs after sirv's own headers, so the _headers rules win, as on the real hosts.
		setHeaders: (res, pathname) => apply(res, pathname),
	});
	const server = http.createServer((req, res) => {
		const url = req.url ?? '/';
		if (!url.startsWith(basePath)) {
			res.statusCode = 404;
			res.end('outside the base path');
			return;
		}
		req.url = '/' + url.slice(basePath.length);
		const notFound = () => {
			res.statusCode = 404;
			res.setHeader('content-type', 'text/html; charset=utf-8');
			apply(res, new URL(req.url!, 'http://x').pathname);
			try {
				res.end(readFileSync(path.join(outDir, '404.html')));
			} catch {
				res.end('not found');
			}
		};
		// The hosts read _headers; they never publish it.
		if (new URL(req.url, 'http://x').pathname === '/_headers') notFound();
		else files(req, res, notFound);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}${basePath}`,
		rules,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
