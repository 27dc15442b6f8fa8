/**
 * `npm run assemble-shards -- --out DIR SHARD_1 SHARD_2 … SHARD_N`
 *
 * Joins the outputs of `npm run build -- --shard i/N` (given in shard order) into one
 * publishable site:
 * - article pages come from the shard that rendered them (each slug lives in one shard);
 * - shared files (front page, archive, topics, assets, feed…) are rendered by every
 *   shard and must be byte-identical; one copy is kept, and a difference is an error
 *   (shards built from different commits, content or SITE_URL/BASE_PATH);
 * - shard 1's Pagefind bundle stays in `pagefind/`, shard i's moves to `pagefind-shard-i/`,
 *   which the search page merges (`mergeIndex`), so one search covers every shard;
 * - the per-shard sitemaps are merged into one sitemap index.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pagefindBundleDir, shardOfSlug } from '../src/lib/shards.ts';

const USAGE = 'Usage: npm run assemble-shards -- --out DIR SHARD_1_DIR SHARD_2_DIR … (the build outputs of --shard 1/N … N/N, in order)';
/** URLs per sitemap file; the protocol allows 50,000. */
const SITEMAP_CHUNK = 45_000;

/** Files below `dir`, relative with `/`, sorted. */
async function listFiles(dir: string): Promise<string[]> {
	const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
	return entries
		.filter((e) => e.isFile())
		.map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
		.sort();
}

const sha256 = async (file: string) => createHash('sha256').update(await fs.readFile(file)).digest('hex');

/** What {@link assembleShards} did. */
export interface AssembleReport {
	shards: number;
	articlePages: number;
	sharedFiles: number;
	sitemapUrls: number;
}

/**
 * Assembles shard outputs (in shard order) into `outDir`, which must not exist or be empty.
 * @throws Error naming the file and shard when the outputs do not fit together.
 */
export async function assembleShards(shardDirs: readonly string[], outDir: string): Promise<AssembleReport> {
	const count = shardDirs.length;
	if (count < 1) throw new Error(`no shard folders given.\n${USAGE}`);
	const existing = await fs.readdir(outDir).catch(() => []);
	if (existing.length) throw new Error(`${outDir} is not empty; give a new or empty folder to --out (nothing was written).`);

	const owner = new Map<string, { shard: number; hash: string }>();
	const sitemapUrls = new Map<string, string>();
	let urlsetOpen = '';
	let sitemapPrefix = '';
	let articlePages = 0;

	for (const [i, dir] of shardDirs.entries()) {
		const shard = i + 1;
		const files = await listFiles(dir).catch(() => {
			throw new Error(`${dir} (shard ${shard}) cannot be read; is it the output folder of npm run build -- --shard ${shard}/${count}?`);
		});
		if (!files.includes('pagefind/pagefind-entry.json')) {
			throw new Error(`${dir} (shard ${shard}) has no pagefind/pagefind-entry.json; build it with npm run build -- --shard ${shard}/${count}.`);
		}
		for (const file of files) {
			const source = path.join(dir, file);
			// Search: each shard's bundle goes to its own folder.
			if (file.startsWith('pagefind/')) {
				const target = path.join(outDir, pagefindBundleDir(shard), file.slice('pagefind/'.length));
				await fs.mkdir(path.dirname(target), { recursive: true });
				await fs.copyFile(source, target);
				continue;
			}
			// Sitemaps: each shard lists the pages it rendered; merged below.
			if (/^sitemap-\d+\.xml$/.test(file)) {
				const xml = await fs.readFile(source, 'utf8');
				urlsetOpen ||= xml.match(/<urlset[^>]*>/)?.[0] ?? '';
				for (const block of xml.match(/<url>[\s\S]*?<\/url>/g) ?? []) {
					const loc = block.match(/<loc>([^<]*)<\/loc>/)?.[1];
					if (loc) sitemapUrls.set(loc, block);
				}
				continue;
			}
			if (file === 'sitemap-index.xml') {
				const loc = (await fs.readFile(source, 'utf8')).match(/<loc>([^<]*?)sitemap-\d+\.xml<\/loc>/)?.[1];
				if (loc) sitemapPrefix ||= loc;
				continue;
			}
			const article = /^articles\/([^/]+)\/index\.html$/.exec(file)?.[1];
			if (article) {
				const expected = shardOfSlug(decodeURIComponent(article), count);
				if (expected !== shard) {
					throw new Error(`${dir} holds articles/${article}/, which belongs to shard ${expected} of ${count}: list the shard folders in order 1…${count}, each built with --shard i/${count}.`);
				}
				articlePages++;
			}
			const hash = await sha256(source);
			const seen = owner.get(file);
			if (seen) {
				if (seen.hash !== hash) {
					throw new Error(`${file} differs between shard ${seen.shard} and shard ${shard}: every shard must be built from the same commit, content folder, SITE_URL and BASE_PATH.`);
				}
				continue;
			}
			owner.set(file, { shard, hash });
			const target = path.join(outDir, file);
			await fs.mkdir(path.dirname(target), { recursive: true });
			await fs.copyFile(source, target);
		}
	}

	// One sitemap index over every shard's pages, sorted so the result does not depend on shard order.
	if (sitemapUrls.size) {
		const blocks = [...sitemapUrls].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, block]) => block);
		const names: string[] = [];
		for (let start = 0; start < blocks.length; start += SITEMAP_CHUNK) {
			const name = `sitemap-${names.length}.xml`;
			names.push(name);
			const body = blocks.slice(start, start + SITEMAP_CHUNK).join('');
			await fs.writeFile(path.join(outDir, name), `<?xml version="1.0" encoding="UTF-8"?>${urlsetOpen || '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'}${body}</urlset>`);
		}
		const entries = names.map((name) => `<sitemap><loc>${sitemapPrefix}${name}</loc></sitemap>`).join('');
		await fs.writeFile(path.join(outDir, 'sitemap-index.xml'), `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${entries}</sitemapindex>`);
	}
	return { shards: count, articlePages, sharedFiles: owner.size - articlePages, sitemapUrls: sitemapUrls.size };
}

/** Command line: `--out DIR` then the shard folders in order. */
async function main(argv: string[]): Promise<void> {
	let out = '';
	const dirs: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--out') out = argv[++i] ?? '';
		else if (arg.startsWith('--out=')) out = arg.slice('--out='.length);
		else if (arg === '--help' || arg === '-h') {
			console.log(USAGE);
			return;
		} else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}.\n${USAGE}`);
		else dirs.push(path.resolve(arg));
	}
	if (!out) throw new Error(`--out DIR is required.\n${USAGE}`);
	const started = performance.now();
	const report = await assembleShards(dirs, path.resolve(out));
	console.log(
		`Assembled ${report.shards} shard(s) into ${out}: ${report.articlePages} article pages, ${report.sharedFiles} shared files, ` +
			`${report.sitemapUrls} sitemap URLs, ${report.shards} search indexes merged, in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
	);
}

if (import.meta.main) {
	try {
		await main(process.argv.slice(2));
	} catch (error) {
		console.error(`assemble-shards: ${(error as Error).message}`);
		process.exit(1);
	}
}
