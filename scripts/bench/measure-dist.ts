/**
 * Measures a built site: pages and files written, total size, and what one
 * article page costs a reader (HTML, CSS and JS it loads, gzipped).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Size figures of one built site. */
export interface DistFigures {
	/** HTML files outside the search index folders. */
	pages: number;
	/** Those pages by top-level folder (`articles`, `topics`, `people` …; `/` for the root's own pages). */
	pagesBySection?: Record<string, number>;
	/** Every file written. */
	files: number;
	/** Files under `pagefind/` and `pagefind-shard-N/` (the search index). */
	searchFiles: number;
	/** Sum of file sizes, bytes. */
	bytes: number;
	/** Size of the search index folders, bytes. */
	searchBytes: number;
	/** One article page (the first by slug), gzipped bytes by kind (null when the site has no article page). Its path is not kept: results are committed, slugs come from the (private) corpus. */
	articlePage: { htmlGz: number; cssGz: number; jsGz: number } | null;
}

const gzSize = (data: Buffer | string) => gzipSync(data).length;

/** Local assets an HTML page loads: stylesheets and scripts (inline scripts count as JS of the page). */
async function measureAssets(outDir: string, html: string, basePath: string): Promise<{ cssGz: number; jsGz: number }> {
	let cssGz = 0;
	let jsGz = 0;
	const local = (href: string) => (href.startsWith(basePath) ? path.join(outDir, href.slice(basePath.length)) : null);
	for (const m of html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)) {
		const file = local(m[1]!);
		if (file) cssGz += gzSize(await fs.readFile(file).catch(() => Buffer.alloc(0)));
	}
	for (const m of html.matchAll(/<script\b[^>]*src="([^"]+)"/g)) {
		const file = local(m[1]!);
		if (file) jsGz += gzSize(await fs.readFile(file).catch(() => Buffer.alloc(0)));
	}
	return { cssGz, jsGz };
}

/** Walks `outDir` and measures it. */
export async function measureDist(outDir: string, basePath = '/'): Promise<DistFigures> {
	const figures: DistFigures = { pages: 0, pagesBySection: {}, files: 0, searchFiles: 0, bytes: 0, searchBytes: 0, articlePage: null };
	const entries = await fs.readdir(outDir, { recursive: true, withFileTypes: true });
	for (const entry of entries) {
		if (!entry.isFile()) continue;
		const abs = path.join(entry.parentPath, entry.name);
		const rel = path.relative(outDir, abs);
		const { size } = await fs.stat(abs);
		figures.files++;
		figures.bytes += size;
		// `pagefind/`, and `pagefind-shard-N/` when the index is split in parts.
		if (/^pagefind(-shard-\d+)?$/.test(rel.split(path.sep)[0]!) && rel.includes(path.sep)) {
			figures.searchFiles++;
			figures.searchBytes += size;
		} else if (rel.endsWith('.html')) {
			figures.pages++;
			const section = rel.includes(path.sep) ? rel.split(path.sep)[0]! : '/';
			figures.pagesBySection![section] = (figures.pagesBySection![section] ?? 0) + 1;
		}
	}
	const articlesDir = path.join(outDir, 'articles');
	const first = (await fs.readdir(articlesDir).catch(() => [] as string[])).sort()[0];
	if (first) {
		const file = path.join(articlesDir, first, 'index.html');
		const html = await fs.readFile(file, 'utf8');
		figures.articlePage = { htmlGz: gzSize(html), ...(await measureAssets(outDir, html, basePath)) };
	}
	return figures;
}
