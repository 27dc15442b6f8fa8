/**
 * Search indexing for very large sites, after Astro has exited: the searchable pages
 * (those with `data-pagefind-body`) are split by a hash of their URL into parts of at
 * most {@link SEARCH_PART_SIZE} pages, and each part gets its own Pagefind bundle
 * (`pagefind/`, then `pagefind-shard-2/`…, as a sharded build's), which the search
 * page queries at once with `mergeIndex`. One Pagefind process at a time holds one
 * part: Pagefind's memory grows with the pages of an index (about 15 GB while writing
 * one index of 100,000 articles), and a part's is freed before the next starts.
 */
import { promises as fs, readdirSync } from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { createPagefindIndex, urlOfOutputFile } from '../../src/integrations/search-index.ts';
import { readSearchablePage } from '../../src/lib/search-delta.ts';
import { pagefindBundleDir, searchPartOfPage } from '../../src/lib/shards.ts';

/** Searchable pages per index part, unless `BROADSHEET_SEARCH_PART_SIZE` says otherwise. */
export const SEARCH_PART_SIZE = 25_000;

/** Pages in flight to the Pagefind service at once. */
const IN_FLIGHT = 64;

/** The number of parts for about `pages` searchable pages (at least 1). */
export function countSearchParts(pages: number, partSize = Number(process.env.BROADSHEET_SEARCH_PART_SIZE) || SEARCH_PART_SIZE): number {
	return Math.max(1, Math.ceil(pages / partSize));
}

/** What {@link indexSearchInParts} did. */
export interface SearchPartsReport {
	/** Searchable pages indexed in each part, in part order. */
	pagesPerPart: number[];
	/** HTML files read that have no `data-pagefind-body` (not indexed). */
	skipped: number;
	/** Every indexed page: URL → digest of its searchable part, for later incremental updates (src/lib/search-delta.ts). */
	digests: Record<string, string>;
}

/**
 * Indexes the HTML pages of `outDir` into `parts` Pagefind bundles.
 * @throws Error naming the file or part when Pagefind reports a problem.
 */
export async function indexSearchInParts(outDir: string, parts: number): Promise<SearchPartsReport> {
	// Split by URL first, so each file is read once, by the part it hashes into.
	const byPart: string[][] = Array.from({ length: parts }, () => []);
	// Synchronous: over the 52,000 entries of a 10,000-article site the asynchronous recursive readdir took 2.1 s, this 0.7 s.
	const files = readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html') && !/^pagefind[^/\\]*[/\\]/.test(f)).sort();
	for (const file of files) byPart[searchPartOfPage(urlOfOutputFile(file), parts) - 1]!.push(file);
	const pagesPerPart: number[] = [];
	const digests: Record<string, string> = {};
	let skipped = 0;
	for (const [i, partFiles] of byPart.entries()) {
		const index = await createPagefindIndex(`search part ${i + 1}`);
		const errors: string[] = [];
		let indexed = 0;
		try {
			for (let start = 0; start < partFiles.length; start += IN_FLIGHT) {
				await Promise.all(
					partFiles.slice(start, start + IN_FLIGHT).map(async (file) => {
						const content = await fs.readFile(path.join(outDir, file), 'utf8');
						// A page without data-pagefind-body is not searchable (Pagefind would ignore it too).
						const searchable = readSearchablePage(content);
						if (!searchable) {
							skipped++;
							return;
						}
						indexed++;
						const url = urlOfOutputFile(file);
						digests[url] = searchable.digest;
						const result = await index.addHTMLFile({ url, content: searchable.html });
						errors.push(...result.errors.map((e) => `${file}: ${e}`));
					}),
				);
			}
			const outputPath = path.join(outDir, pagefindBundleDir(i + 1));
			await fs.rm(outputPath, { recursive: true, force: true });
			const written = await index.writeFiles({ outputPath });
			errors.push(...written.errors);
		} finally {
			// Ends the service process, so its memory is back before the next part starts.
			await pagefind.close();
		}
		if (errors.length) throw new Error(`Pagefind, search part ${i + 1} of ${parts}: ${errors.join('; ')}`);
		pagesPerPart.push(indexed);
	}
	return { pagesPerPart, skipped, digests };
}
