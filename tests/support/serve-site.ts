/**
 * Serves a built site on localhost under a base path, as a static host would.
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

/** A running server. */
export interface ServedSite {
	/** Origin plus base path, e.g. `http://127.0.0.1:41234/news/`. */
	url: string;
	/** Stops the server. */
	close(): Promise<void>;
}

/** Serves `outDir` at `basePath` on a free loopback port; unknown paths get the site's 404 page. */
export async function serveSite(outDir: string, basePath = '/'): Promise<ServedSite> {
	const files = sirv(outDir, { dev: true, etag: true, extensions: ['html'] });
	const server = http.createServer((req, res) => {
		const url = req.url ?? '/';
		if (!url.startsWith(basePath)) {
			res.statusCode = 404;
			res.end('outside the base path');
			return;
		}
		req.url = '/' + url.slice(basePath.length);
		files(req, res, () => {
			res.statusCode = 404;
			res.setHeader('content-type', 'text/html; charset=utf-8');
			readFile(path.join(outDir, '404.html')).then(
				(page) => res.end(page),
				() => res.end('not found'),
			);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}${basePath}`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
