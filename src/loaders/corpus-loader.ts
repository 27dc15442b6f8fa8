/**
 * The Astro content layer loader: hands the finished corpus to the collections.
 * All parsing and linking happens in `src/lib`; this module only stores entries,
 * skipping those whose digest did not change, and prints the ingest report.
 */
import type { Loader } from 'astro/loaders';
import type { CorpusLinks } from '../lib/build-corpus.ts';
import { loadCorpus } from '../lib/load-corpus.ts';
import { countProblems, formatIngestReport } from '../lib/ingest/format-report.ts';
import { chooseSearchPartBoundaries, resolveSearchSplitFrom } from '../lib/search-parts.ts';
import { resolveContentDir } from '../lib/site-config.ts';
import { setSearchPartBoundaries } from '../integrations/search-index-session.ts';

/** Options for {@link articlesLoader}. */
export interface ArticlesLoaderOptions {
	/** Content folder; defaults to `NEWS_CONTENT_DIR` or `content/articles`. */
	dir?: string;
}

/**
 * The entry data Astro stores: the article without its second and third copy of the
 * body. Pages get the body from `render(entry)` (the `rendered.html` below); no page
 * reads `paragraphs` or `html`, and storing them tripled the content store, which
 * Astro also inlines into the build: 540 MB at 100,000 articles, past what one
 * JavaScript string holds ("Invalid string length"). They stay in the corpus
 * (`build-corpus.ts`) for the corpus steps and the ingest CLI.
 */
export function withoutBodyCopies<T extends { paragraphs: string[]; html: string }>(article: T): T {
	return { ...article, paragraphs: [], html: '' };
}

/** How often {@link postponeStoreSave} touches the store: under Astro's 500 ms save debounce. */
export const STORE_TOUCH_MS = 200;

/**
 * Keeps Astro from saving its content store while the corpus is computed on other threads.
 * Astro sets its own metadata when a sync starts, which schedules a save of the whole store
 * 500 ms later; the loader is then waiting, so the save ran: at 10,000 articles it serialised
 * the previous build's 32 MB store and compared it with the file (about 4 s on Astro's thread,
 * competing with the ingest for the cores) only to find it unchanged. Setting one metadata
 * value again restarts that delay; the store is saved once, at the end of the sync, as before.
 * A unit test checks that Astro still debounces its saves: were it to save at every change,
 * this would save the whole store every 200 ms.
 */
export function postponeStoreSave(meta: { set(key: string, value: string): void }): { stop(): void } {
	const touch = () => meta.set('postpones-store-save', '1');
	touch();
	const timer = setInterval(touch, STORE_TOUCH_MS);
	return { stop: () => clearInterval(timer) };
}

/** Loads every article of the content folder into the `articles` collection. */
export function articlesLoader(options: ArticlesLoaderOptions = {}): Loader {
	return {
		name: 'broadsheet-articles',
		load: async ({ store, meta, parseData, generateDigest, logger }) => {
			const dir = options.dir ?? resolveContentDir();
			const saving = postponeStoreSave(meta);
			const corpus = await loadCorpus(dir).finally(saving.stop);
			const { articles, problems } = corpus;
			setSearchPartBoundaries(chooseSearchPartBoundaries(articles.map((article) => article.date), resolveSearchSplitFrom()));
			// The same summary `npm run ingest` prints; each problem goes through the logger so errors stand out.
			logger.info(formatIngestReport(corpus, { dir, listProblems: false }));
			for (const problem of problems) {
				const line = `${problem.file}: ${problem.message}`;
				if (problem.severity === 'error') logger.error(line);
				else logger.warn(line);
			}
			const { errors } = countProblems(problems);
			if (errors > 0 && process.env.BROADSHEET_STRICT === '1') {
				throw new Error(
					`${errors} file(s) in ${dir} could not become pages (listed above) and the build is strict (--strict or BROADSHEET_STRICT=1). Fix or remove those files, or build without --strict.`,
				);
			}

			const started = performance.now();
			const stale = new Set(store.keys());
			for (const article of articles) {
				stale.delete(article.slug);
				// The stored form is part of the digest, so entries stored in an older form are replaced.
				const digest = generateDigest({ storedForm: 2, article });
				if (store.get(article.slug)?.digest === digest) continue;
				const data = await parseData({ id: article.slug, data: withoutBodyCopies(article) });
				store.set({ id: article.slug, data, digest, rendered: { html: article.html } });
			}
			for (const id of stale) store.delete(id);
			// Read by `npm run bench`: the cost of handing entries to Astro (validation, digests).
			console.log(`[timing] store ${Math.round(performance.now() - started)} ms`);
		},
	};
}

/** The corpus-level collections a {@link corpusLinksLoader} can fill, and each entry's id field. */
const ID_FIELD = { stories: 'id', topics: 'slug', people: 'slug', places: 'slug', organizations: 'slug' } as const;

/**
 * Loads one precomputed corpus-level collection (stories, topics, people,
 * places or organisations) from the same memoised corpus as the articles.
 */
export function corpusLinksLoader(collection: keyof CorpusLinks, options: ArticlesLoaderOptions = {}): Loader {
	return {
		name: `broadsheet-${collection}`,
		load: async ({ store, parseData, generateDigest }) => {
			const corpus = await loadCorpus(options.dir ?? resolveContentDir());
			const stale = new Set(store.keys());
			for (const entry of corpus[collection]) {
				const id = (entry as unknown as Record<string, string>)[ID_FIELD[collection]]!;
				stale.delete(id);
				const digest = generateDigest(entry as unknown as Record<string, unknown>);
				if (store.get(id)?.digest === digest) continue;
				const data = await parseData({ id, data: entry as unknown as Record<string, unknown> });
				store.set({ id, data, digest });
			}
			for (const id of stale) store.delete(id);
		},
	};
}
