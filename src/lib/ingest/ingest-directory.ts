/**
 * Content folder → IngestResult: finds article files, reads them in batches,
 * parses each (through a digest-keyed cache), settles related blocks
 * against the corpus, folds duplicates, names and renders the rest.
 * Every article file ends as a page or a named problem; nothing here throws for a bad file.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, promises as fs, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { defaultBoilerplate } from './boilerplate.ts';
import { type BodyFingerprint, findDuplicateGroups } from './find-duplicates.ts';
import { countWords, estimateReadingMinutes, normalizeForCompare, summarize } from './normalize-text.ts';
import { foldSameSource, inputName } from './fold-same-source.ts';
import { ExtractQueue, type StreamedItem } from './extract-queue.ts';
import { importArchive } from './import-archive.ts';
import { importFeed } from './import-feed.ts';
import { ARCHIVE_EXTENSIONS, FEED_EXTENSIONS, HTML_EXTENSIONS, isArchiveFile, isFeedFile, isSavedPage, MIN_IMPORTS_FOR_WORKERS } from './import-file.ts';
import type { ParseOptions } from './parse-article.ts';
import { type CachedItem, type CachedParse, ParseCache } from './parse-cache.ts';
import { MARKDOWN_EXTENSIONS, parseFileBytes } from './parse-file.ts';
import { defaultWorkerCount, MIN_FILES_FOR_WORKERS, type ParseJob, parseInWorkers } from './parse-in-workers.ts';
import { renderMarkdown, renderParagraphs } from './render-article.ts';
import { assignUniqueSlugs } from './slugify-title.ts';
import type { IngestedArticle, IngestProblem, IngestResult, ParsedArticle, ProblemKind } from './types.ts';

/** File endings read as plain or scraped text. */
export const TEXT_EXTENSIONS = ['.txt', '.text'];
/** Re-exported: callers (the eval script, tests) parse single files through the folder module. */
export { MARKDOWN_EXTENSIONS, parseFileBytes };
/** File endings read as articles (imported formats: see `import-file.ts`). */
export const ARTICLE_EXTENSIONS = [...TEXT_EXTENSIONS, ...MARKDOWN_EXTENSIONS, ...HTML_EXTENSIONS, ...FEED_EXTENSIONS, ...ARCHIVE_EXTENSIONS];
/** Folder documentation that shares an article extension but is not an article (README.md, LICENSE.txt …). */
const DOCUMENTATION_NAME = /^(?:readme|license|licence|changelog|contributing|notice|authors|copying)(?:\.[a-z]+)?$/i;
/**
 * Files read whole above this size are refused unread: no real article is this long, and
 * reading it would stall the build. Feeds and archives are streamed instead, with a
 * limit per item or record.
 */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Options for {@link ingestDirectory}. */
export interface IngestOptions extends Omit<ParseOptions, 'onWarning'> {
	/** Folder for the parse cache (e.g. `node_modules/.cache/broadsheet`); no cache when unset. */
	cacheDir?: string;
	/** Files read between two yields to the event loop (default 256). */
	batchSize?: number;
	/**
	 * Worker threads for parsing when at least 1,500 files are not in the cache
	 * (default: one per core, at most 4, on machines with 4 or more cores; 0 or 1 parses in-thread).
	 */
	workers?: number;
	/** Jaccard similarity at or above which bodies count as near-duplicates (default 0.8). */
	duplicateThreshold?: number;
	/**
	 * A short line that opens or closes at least this many articles (and 2% of them) is
	 * treated as site furniture, whatever its wording (default 5; 0 turns this off).
	 */
	repeatedLineMinFiles?: number;
}

/** One parsed file, before corpus-level steps. */
export interface ParsedFile {
	/** Path relative to the content folder, `/`-separated. */
	file: string;
	/** Position in a multi-article input (feed item, archive record); absent for one-article files. */
	item?: number;
	/** SHA-1 of the file's bytes (of the record's, for an archive record). */
	digest: string;
	/** The parse result. */
	article: ParsedArticle;
	/** Duplicate fingerprint of the article's paragraphs (absent when the corpus step changed them). */
	fingerprint?: BodyFingerprint;
	/** Cached HTML of the article's body (absent when not cached or the paragraphs changed). */
	html?: string;
}

function problem(file: string, severity: IngestProblem['severity'], kind: ProblemKind, message: string): IngestProblem {
	return { file, severity, message, kind };
}

/** Lists article files below `dir`, relative with `/` separators, sorted; hidden files are ignored, odd ones become problems. */
export async function listArticleFiles(dir: string): Promise<{ files: string[]; problems: IngestProblem[] }> {
	let root: string;
	try {
		root = await fs.realpath(dir);
	} catch {
		throw new Error(`Content folder ${dir} does not exist or cannot be read. Create it, or point NEWS_CONTENT_DIR (or the command's DIR argument) at your articles.`);
	}
	const files: string[] = [];
	const problems: IngestProblem[] = [];
	const visited = new Set<string>([root]);
	const inside = (target: string) => target === root || target.startsWith(root + path.sep);

	const consider = (rel: string, name: string): void => {
		const ext = isArchiveFile(name) ? '.warc' : path.extname(name).toLowerCase();
		if (!ARTICLE_EXTENSIONS.includes(ext)) {
			problems.push(problem(rel, 'warning', 'not-an-article-file', `not an article file (articles end in ${ARTICLE_EXTENSIONS.join(', ')}); skipped. Move it out of the content folder to silence this.`));
		} else if (DOCUMENTATION_NAME.test(name)) {
			problems.push(problem(rel, 'warning', 'not-an-article-file', 'looks like folder documentation (README, LICENSE …), not an article; skipped. Rename it if it is an article.'));
		} else files.push(rel);
	};

	async function walk(relDir: string, absDir: string): Promise<void> {
		let entries;
		try {
			entries = await fs.readdir(absDir, { withFileTypes: true });
		} catch (error) {
			problems.push(problem(relDir || '.', 'error', 'unreadable', `folder could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); its articles were skipped. Check its permissions.`));
			return;
		}
		for (const entry of entries) {
			const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
			// Hidden files are editors' swap files, .DS_Store, drafts, .git: never read, but
			// named, so a hidden article does not vanish without a word.
			if (entry.name.startsWith('.')) {
				problems.push(problem(rel, 'warning', 'hidden', `is hidden (its name starts with a dot); not read. Rename it without the dot if it ${entry.isDirectory() ? 'holds articles' : 'is an article'}.`));
				continue;
			}
			const abs = path.join(absDir, entry.name);
			if (entry.isSymbolicLink()) {
				const target = await fs.realpath(abs).catch(() => null);
				if (!target || !inside(target)) {
					problems.push(problem(rel, 'error', 'outside-folder', target ? 'is a symbolic link to a file or folder outside the content folder; not read. Copy the articles into the folder instead.' : 'is a broken symbolic link (its target does not exist); not read. Remove it or fix its target.'));
					continue;
				}
				const stat = await fs.stat(target).catch(() => null);
				if (stat?.isDirectory()) {
					if (visited.has(target)) {
						const shown = path.relative(root, target).split(path.sep).join('/') || 'the content folder itself';
						problems.push(problem(rel, 'warning', 'symlink-loop', `is a symbolic link to ${shown}, which is already read (a loop); skipped.`));
					} else {
						visited.add(target);
						await walk(rel, target);
					}
				} else if (stat?.isFile()) {
					// A link to a file that is in the folder anyway would only make a duplicate page.
					problems.push(problem(rel, 'warning', 'duplicate', `is a symbolic link to ${path.relative(root, target).split(path.sep).join('/')}, which is read on its own; skipped.`));
				}
				continue;
			}
			if (entry.isDirectory()) {
				const real = await fs.realpath(abs).catch(() => abs);
				if (visited.has(real)) continue;
				visited.add(real);
				await walk(rel, abs);
			} else if (entry.isFile()) consider(rel, entry.name);
			else problems.push(problem(rel, 'warning', 'not-an-article-file', 'is not a regular file (a socket, device or pipe); skipped.'));
		}
	}
	await walk('', root);
	files.sort(compareStrings);
	return { files, problems };
}

function compareStrings(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Reads one file, refusing oversized ones before reading them. Synchronous on
 * purpose: for thousands of small files, `fs.promises.readFile` at any concurrency
 * measured ~10× slower here than plain reads (one thread-pool round trip per
 * open/stat/read/close), so files are read in batches with a yield in between.
 */
function readArticleBytes(abs: string): Buffer | { tooLarge: number } {
	const fd = openSync(abs, 'r');
	try {
		const { size } = fstatSync(fd);
		if (size > MAX_FILE_BYTES) return { tooLarge: size };
		return readFileSync(fd);
	} finally {
		closeSync(fd);
	}
}

/** A stable text for the parse options, so the cache empties when they change. */
function optionsKey(options: IngestOptions): string {
	const patterns = (options.boilerplate ?? defaultBoilerplate).map((p) => `${p.name}\u0000${p.kind}\u0000${p.pattern.source}\u0000${p.pattern.flags}`);
	return JSON.stringify({ patterns, wpm: options.wordsPerMinute ?? null });
}

/**
 * Reads and parses every article file in `dir` (no corpus-level steps).
 * Exposed for the evaluation script, which needs each file's own parse.
 */
export async function parseDirectory(dir: string, options: IngestOptions = {}): Promise<{ parsed: ParsedFile[]; problems: IngestProblem[] }> {
	const { parsed, problems, cache } = await parseDirectoryCached(dir, options);
	await cache.save();
	return { parsed, problems };
}

async function parseDirectoryCached(dir: string, options: IngestOptions): Promise<{ parsed: ParsedFile[]; problems: IngestProblem[]; cache: ParseCache }> {
	const { files, problems } = await listArticleFiles(dir);
	const cache = await ParseCache.open(options.cacheDir, optionsKey(options));
	const parseOptions: ParseOptions = { boilerplate: options.boilerplate, wordsPerMinute: options.wordsPerMinute };
	const outcomes: { file: string; digest: string; outcome?: CachedParse; bytes?: Uint8Array; streamed?: StreamedItem[] }[] = [];
	const batchSize = options.batchSize ?? 256;
	const yieldToEventLoop = () => new Promise((resolve) => setImmediate(resolve));
	// Read and hash everything first: cache hits are done, misses are parsed below.
	for (let start = 0; start < files.length; start += batchSize) {
		// Yield between batches so a long ingest inside the dev server does not freeze it.
		if (start > 0) await yieldToEventLoop();
		for (const file of files.slice(start, start + batchSize)) {
			if (isArchiveFile(file) || isFeedFile(file)) {
				// Archives and feeds are streamed record by record, item by item, below: never read whole.
				outcomes.push({ file, digest: '', streamed: [] });
				continue;
			}
			try {
				const bytes = readArticleBytes(path.join(dir, file));
				if (!(bytes instanceof Uint8Array)) {
					outcomes.push({ file, digest: '', outcome: { ok: false, kind: 'too-large', message: `is ${(bytes.tooLarge / 1048576).toFixed(0)} MB, over the ${MAX_FILE_BYTES / 1048576} MB limit for one article; split it or remove it` } });
					continue;
				}
				const digest = createHash('sha1').update(bytes).update(path.extname(file).toLowerCase()).digest('hex');
				const outcome = cache.get(digest);
				outcomes.push(outcome ? { file, digest, outcome } : { file, digest, bytes });
			} catch (error) {
				const code = (error as NodeJS.ErrnoException).code;
				outcomes.push({ file, digest: '', outcome: { ok: false, kind: 'unreadable', message: `could not be read (${code ?? (error as Error).message}); check the file's permissions` } });
			}
		}
	}
	const misses = outcomes.filter((o) => !o.outcome && !o.streamed);
	// Saved pages are slow to extract: enough of them use every core, even on a 2-core machine.
	const imports = misses.filter((m) => isSavedPage(m.file)).length;
	const workerCount = options.workers ?? (imports >= MIN_IMPORTS_FOR_WORKERS ? availableParallelism() : defaultWorkerCount());
	const fromWorkers =
		misses.length >= MIN_FILES_FOR_WORKERS || imports >= MIN_IMPORTS_FOR_WORKERS
			? await parseInWorkers(misses.map((m) => ({ file: m.file, bytes: m.bytes! }) satisfies ParseJob), options.boilerplate ?? defaultBoilerplate, options.wordsPerMinute, workerCount)
			: null;
	for (let k = 0; k < misses.length; k++) {
		if (!fromWorkers && k > 0 && k % batchSize === 0) await yieldToEventLoop();
		const miss = misses[k]!;
		miss.outcome = fromWorkers?.[k] ?? parseFileBytes(miss.file, miss.bytes!, parseOptions);
		delete miss.bytes;
		cache.set(miss.digest, miss.outcome);
	}
	// One extraction queue for every streamed file, so many small feeds or archives fill the workers as one large one does.
	const queue = new ExtractQueue({ cache, parseOptions, workers: options.workers });
	const streamed: { file: string; problems: Omit<IngestProblem, 'file'>[] }[] = [];
	for (const entry of outcomes) {
		if (!entry.streamed) continue;
		const read = isArchiveFile(entry.file) ? importArchive : importFeed;
		const result = await read(path.join(dir, entry.file), { cache, parseOptions, queue });
		entry.streamed = result.items;
		streamed.push({ file: entry.file, problems: result.problems });
	}
	await queue.finish();
	// A feed's problems are complete once its items are extracted (a charset warning comes with them).
	for (const { file, problems: found } of streamed) for (const p of found) problems.push(problem(file, p.severity, p.kind, `${p.message}.`));
	const parsed: ParsedFile[] = [];
	for (const { file, digest, outcome, streamed: items } of outcomes) {
		if (items) collectItems(file, items, parsed, problems);
		else if (outcome!.ok === 'items') {
			for (const w of outcome!.warnings) problems.push(problem(file, 'warning', w.kind, `${w.message}.`));
			collectItems(file, outcome!.items.map((i) => ({ ...i, digest: `${digest}:${i.item}` })), parsed, problems);
		} else if (outcome!.ok) {
			parsed.push({ file, digest, article: outcome!.article, fingerprint: outcome!.fingerprint, html: outcome!.html });
			for (const w of outcome!.warnings) problems.push(problem(file, 'warning', w.kind, `${w.message}.`));
		} else problems.push(problem(file, 'error', outcome!.kind, `${outcome!.message}; no page was made.`));
	}
	settleRelatedBlocks(parsed, options.wordsPerMinute);
	problems.push(...stripRepeatedLines(parsed, options.repeatedLineMinFiles ?? 5, options.wordsPerMinute));
	return { parsed, problems, cache };
}

/** Items of one failure kind named one by one; more than this are reported together. */
const ITEMS_LISTED = 3;

/**
 * Adds the articles of a multi-article input to `parsed` and its failed items to
 * `problems`: one problem per item, or one per kind of failure when many items share it
 * (a headline-only feed of 60 items is one line in the report, not 60).
 */
function collectItems(file: string, items: readonly (CachedItem & { digest?: string })[], parsed: ParsedFile[], problems: IngestProblem[]): void {
	const failed = new Map<string, { kind: ProblemKind; message: string; labels: string[] }>();
	for (const { item, label, outcome, digest } of items) {
		if (outcome.ok) {
			parsed.push({ file, item, digest: digest ?? `${file}:${item}`, article: outcome.article, fingerprint: outcome.fingerprint, html: outcome.html });
			for (const w of outcome.warnings) problems.push(problem(file, 'warning', w.kind, `${label} ${w.message}.`));
			continue;
		}
		const key = `${outcome.kind}\u0000${outcome.message}`;
		const group = failed.get(key) ?? { kind: outcome.kind, message: outcome.message, labels: [] };
		group.labels.push(label);
		failed.set(key, group);
	}
	for (const { kind, message, labels } of failed.values()) {
		if (labels.length <= ITEMS_LISTED) for (const label of labels) problems.push(problem(file, 'error', kind, `${label} ${message}; no page was made for it.`));
		else problems.push(problem(file, 'error', kind, `${labels.length} items (${labels.slice(0, ITEMS_LISTED).join(', ')}, …) ${message.replace(/^has /, 'have ').replace(/^is /, 'are ')}; no pages were made for them.`));
	}
}

/**
 * Corpus-level check of each trailing related block. The parser cannot tell a
 * short last paragraph ("School Of Rock", a fixture list) from a related headline
 * by its look alone; the corpus can: related headlines name other articles. When
 * some block entries match a corpus title, entries before the first match are
 * handed back to the body. Blocks with no match are left as parsed.
 * The other way round, lines the parser kept as body only because the article
 * would otherwise have had no text (`uncertainTail`) move to the related list from
 * the first one that names another article, as long as one paragraph stays.
 */
export function settleRelatedBlocks(parsed: ParsedFile[], wordsPerMinute?: number): void {
	const titles = new Set(parsed.map((p) => normalizeForCompare(p.article.title)));
	for (const item of parsed) {
		const a = item.article;
		if (a.trailingRelated === 0 && !a.uncertainTail) continue;
		const own = normalizeForCompare(a.title);
		const namesOther = (headline: string): boolean => {
			const key = normalizeForCompare(headline);
			return key !== own && titles.has(key);
		};
		if (a.uncertainTail) {
			const from = Math.max(1, a.paragraphs.length - a.uncertainTail);
			const firstKnown = a.paragraphs.findIndex((p, k) => k >= from && namesOther(p));
			if (firstKnown < 0) continue;
			const moved = a.paragraphs.slice(firstKnown);
			const { uncertainTail: _settled, ...settled } = a;
			item.article = settled;
			setParagraphs(item, a.paragraphs.slice(0, firstKnown), wordsPerMinute, { sourceRelated: [...a.sourceRelated, ...moved], trailingRelated: moved.length });
			continue;
		}
		const blockStart = a.sourceRelated.length - a.trailingRelated;
		const block = a.sourceRelated.slice(blockStart);
		const firstKnown = block.findIndex(namesOther);
		if (firstKnown <= 0) continue;
		setParagraphs(item, [...a.paragraphs, ...block.slice(0, firstKnown)], wordsPerMinute, {
			sourceRelated: [...a.sourceRelated.slice(0, blockStart), ...block.slice(firstKnown)],
			trailingRelated: block.length - firstKnown,
		});
	}
}

/**
 * Replaces a parsed article's paragraphs (and other fields in `changes`), keeping
 * the counts and the derived summary in step and dropping cached derived data.
 */
function setParagraphs(item: ParsedFile, paragraphs: string[], wordsPerMinute: number | undefined, changes: Partial<ParsedArticle> = {}): void {
	const a = item.article;
	const wordCount = paragraphs.reduce((n, p) => n + countWords(p), 0);
	// A summary written by hand (front matter) is kept; a derived one follows the text.
	const summary = a.summary === summarize(a.paragraphs) ? summarize(paragraphs) : a.summary;
	delete item.fingerprint;
	delete item.html;
	item.article = { ...a, ...changes, paragraphs, wordCount, readingMinutes: estimateReadingMinutes(wordCount, wordsPerMinute), summary };
}

/** Paragraphs this close to either end of an article are where site furniture sits. */
const EDGE_HEAD = 2;
const EDGE_TAIL = 3;
const MAX_REPEATED_LINE_WORDS = 12;

/**
 * Corpus-level furniture detection that needs no list of wordings: a short line that
 * opens or closes many different articles ("Subscribe to The Daily Planet", "Reuters
 * contributed to this report") is site furniture, not news. Such lines are removed
 * from every article's edges, and each is reported once, so the user can see it and
 * add it to `ingest.boilerplate` (or raise `repeatedLineMinFiles`) to make it explicit.
 */
export function stripRepeatedLines(parsed: ParsedFile[], minFiles: number, wordsPerMinute?: number): IngestProblem[] {
	if (minFiles <= 0) return [];
	const threshold = Math.max(minFiles, Math.ceil(parsed.length * 0.02));
	const edgeKeys = (paragraphs: readonly string[]): Map<number, string> => {
		const keys = new Map<number, string>();
		paragraphs.forEach((p, i) => {
			if (i >= EDGE_HEAD && i < paragraphs.length - EDGE_TAIL) return;
			if (p.length > 160 || countWords(p) > MAX_REPEATED_LINE_WORDS) return;
			keys.set(i, normalizeForCompare(p));
		});
		return keys;
	};
	const filesByKey = new Map<string, string[]>();
	const keysOf = parsed.map((item) => {
		if (item.article.format !== 'text') return new Map<number, string>();
		const keys = edgeKeys(item.article.paragraphs);
		for (const key of new Set(keys.values())) {
			if (!key) continue;
			const files = filesByKey.get(key);
			if (files) files.push(item.file);
			else filesByKey.set(key, [item.file]);
		}
		return keys;
	});
	const repeated = new Set([...filesByKey].filter(([, files]) => files.length >= threshold).map(([key]) => key));
	if (!repeated.size) return [];

	const shown = new Map<string, string>();
	parsed.forEach((item, n) => {
		const drop = new Set([...keysOf[n]!].filter(([, key]) => repeated.has(key)).map(([i]) => i));
		if (!drop.size || drop.size >= item.article.paragraphs.length) return; // never empty an article
		for (const i of drop) if (!shown.has(keysOf[n]!.get(i)!)) shown.set(keysOf[n]!.get(i)!, item.article.paragraphs[i]!);
		setParagraphs(
			item,
			item.article.paragraphs.filter((_, i) => !drop.has(i)),
			wordsPerMinute,
		);
	});
	return [...shown].map(([key, line]) => {
		const files = filesByKey.get(key)!;
		return problem(
			files[0]!,
			'warning',
			'repeated-line',
			`the line ${JSON.stringify(line)} starts or ends ${files.length} articles, so it was removed from them as site furniture. Add it to ingest.boilerplate in broadsheet.config.ts to make that explicit, or set ingest.repeatedLineMinFiles higher if it is news text.`,
		);
	});
}

/** Reads, parses and renders every article in `dir`. Never throws for a bad file. */
export async function ingestDirectory(dir: string, options: IngestOptions = {}): Promise<IngestResult> {
	const read = await parseDirectoryCached(dir, options);
	const { problems, cache } = read;
	// The same original from two inputs (a page and its feed item, a page crawled twice) is one article: the fuller body wins.
	const sameSource = foldSameSource(read.parsed);
	const parsed = sameSource.kept;
	problems.push(...sameSource.problems);

	// `parsed` is in file order, so the first file of each duplicate group keeps the page.
	const groups = findDuplicateGroups(
		parsed.map((p) => p.article.paragraphs),
		{ threshold: options.duplicateThreshold },
		parsed.map((p) => p.fingerprint),
		// The dateline and date are facts too: the same words under "March 9" and "March 20" are two reports.
		parsed.map((p) => p.article),
	);
	const duplicatesOf = new Map<number, string[]>();
	const folded = new Set<number>();
	for (const group of groups) {
		const keeper = parsed[group.keeper]!;
		duplicatesOf.set(group.keeper, group.duplicates.map((d) => inputName(parsed[d.index]!)));
		for (const d of group.duplicates) {
			folded.add(d.index);
			const dup = parsed[d.index]!;
			problems.push(
				d.exact
					? problem(dup.file, 'warning', 'duplicate', `${dup.item === undefined ? '' : `item ${dup.item} `}has the same body as ${inputName(keeper)} ("${keeper.article.title}"); folded into that article's page.`)
					: problem(dup.file, 'warning', 'near-duplicate', `${dup.item === undefined ? '' : `item ${dup.item} `}has nearly the same body as ${inputName(keeper)} ("${keeper.article.title}", ${Math.round(d.similarity * 100)}% of word sequences shared, no number or date changed); folded into that article's page.`),
			);
		}
	}

	const keepers = parsed.map((p, index) => ({ ...p, index })).filter((p) => !folded.has(p.index));
	const slugs = assignUniqueSlugs(keepers.map((k) => ({ item: k, title: k.article.title, key: inputName(k) })));
	const articles: IngestedArticle[] = [];
	for (const [{ item }, slug] of slugs) {
		const { markdown, bodyHtml, relatedUrls: _urls, trailingRelated: _trailing, uncertainTail: _uncertain, sourceUrl, summaryOnly, ...article } = item.article;
		const { format } = article;
		let html = item.html;
		if (html === undefined) {
			// Imported bodies were sanitised when extracted (`cleanHtmlBody`); text and Markdown render here.
			html = bodyHtml ?? (format === 'markdown' ? renderMarkdown(markdown ?? '') : renderParagraphs(article.paragraphs));
			// Markdown rendering is the slow path worth caching; plain text renders faster than its cache entry would load.
			if (format === 'markdown') cache.setHtml(item.digest, html);
		}
		articles.push({
			...article,
			file: item.file,
			item: item.item ?? null,
			sourceUrl: sourceUrl ?? null,
			summaryOnly: summaryOnly ?? false,
			slug,
			digest: item.digest,
			html,
			duplicates: [...(sameSource.duplicatesOf.get(parsed[item.index]!) ?? []), ...(duplicatesOf.get(item.index) ?? [])],
		});
	}
	await cache.save();
	articles.sort((a, b) => compareStrings(a.slug, b.slug));
	problems.sort((a, b) => compareStrings(a.file, b.file) || compareStrings(a.kind, b.kind));
	return { articles, problems };
}
