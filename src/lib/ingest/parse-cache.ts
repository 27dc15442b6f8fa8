/**
 * A parse cache keyed by file digest, so rebuilds skip files that did not change.
 *
 * Safe by construction: the cache key includes a digest of the ingest's own source
 * files and of the parse options, so a code or config change empties it; a missing,
 * unreadable or corrupt cache file is ignored; writes go to a temp file renamed into place.
 *
 * The file is newline-delimited JSON (a key line, then one `[digest, outcome]` line per
 * entry), written and read as a stream: an entry of an imported article is ~8 KB, so
 * one JSON text for 100,000 records would pass JavaScript's string-length limit
 * (~512 M characters), and would need the whole text in memory besides the entries.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { digestSourceFolder } from '../source-digest.ts';
import type { BodyFingerprint } from './find-duplicates.ts';
import type { ParsedArticle, ProblemKind } from './types.ts';

/** Bump to drop every cache when the cache file's layout changes. */
const CACHE_FORMAT = 2;
/** The cache file in the cache folder, and the single-JSON file of format 1 that it replaces. */
const CACHE_FILE = 'ingest-cache.ndjson';
const OLD_CACHE_FILE = 'ingest-cache.json';

/** A cached outcome of parsing one file. */
export type CachedParse =
	| {
			ok: true;
			article: ParsedArticle;
			warnings: { message: string; kind: ProblemKind }[];
			/** Duplicate-detection fingerprint of `article.paragraphs`. */
			fingerprint?: BodyFingerprint;
			/** Rendered body, filled in once the article is rendered. */
			html?: string;
	  }
	| { ok: false; message: string; kind: ProblemKind }
	| {
			/** A multi-article input (a feed): one outcome per item. */
			ok: 'items';
			items: CachedItem[];
			/** Warnings about the file as a whole (malformed XML, charset). */
			warnings: { message: string; kind: ProblemKind }[];
	  };

/** One article of a multi-article input. */
export interface CachedItem {
	/** 1-based position in the input (feed item or archive record number). */
	item: number;
	/** How reports name it ("item 3 (https://…)"). */
	label: string;
	/** Its own outcome (never another list). */
	outcome: Exclude<CachedParse, { ok: 'items' }>;
}

let cachedSourceDigest: string | null | undefined;

/** In-memory view of one cache file. */
export class ParseCache {
	private readonly file: string | null;
	private readonly key: string;
	private readonly old: Map<string, CachedParse>;
	private readonly used = new Map<string, CachedParse>();
	private dirty = false;

	private constructor(file: string | null, key: string, old: Map<string, CachedParse>) {
		this.file = file;
		this.key = key;
		this.old = old;
	}

	/**
	 * Opens the cache in `dir` (or a no-op cache when `dir` is undefined).
	 * `optionsKey` must change whenever parse output would (boilerplate patterns, reading speed).
	 */
	static async open(dir: string | undefined, optionsKey: string): Promise<ParseCache> {
		// A parser change empties the cache; bundled or unreadable sources: no cache.
		cachedSourceDigest ??= digestSourceFolder(import.meta.url, 'parse-article.ts');
		const key = `${CACHE_FORMAT}:${cachedSourceDigest}:${createHash('sha1').update(optionsKey).digest('hex')}`;
		if (!dir || cachedSourceDigest === null) return new ParseCache(null, key, new Map());
		const file = path.join(dir, CACHE_FILE);
		let old: Map<string, CachedParse>;
		try {
			old = await readEntries(file, key);
		} catch {
			old = new Map(); // no cache yet, or a corrupt one: start empty
		}
		return new ParseCache(file, key, old);
	}

	/** The cached outcome for a file's digest (and kind), if any. */
	get(digest: string): CachedParse | undefined {
		const hit = this.old.get(digest);
		if (hit) this.used.set(digest, hit);
		return hit;
	}

	/** Records an outcome. */
	set(digest: string, value: CachedParse): void {
		this.used.set(digest, value);
		this.dirty = true;
	}

	/** Stores the rendered HTML of a cached article, so the next run skips rendering too. */
	setHtml(digest: string, html: string): void {
		const entry = this.used.get(digest);
		if (entry?.ok === true && entry.html !== html) {
			entry.html = html;
			this.dirty = true;
		}
	}

	/** Writes the entries used in this run (so deleted files drop out). Failures are ignored: the cache is an optimisation. */
	async save(): Promise<void> {
		if (!this.file || (!this.dirty && this.used.size === this.old.size)) return;
		try {
			await fs.mkdir(path.dirname(this.file), { recursive: true });
			const tmp = `${this.file}.${process.pid}.tmp`;
			const { key, used } = this;
			await pipeline(
				Readable.from(
					(function* lines() {
						yield `${JSON.stringify({ key })}\n`;
						for (const entry of used) yield `${JSON.stringify(entry)}\n`;
					})(),
				),
				createWriteStream(tmp),
			);
			await fs.rename(tmp, this.file);
			await fs.rm(path.join(path.dirname(this.file), OLD_CACHE_FILE), { force: true });
		} catch {
			// Read-only checkout or full disk: the next build just parses again.
		}
	}
}

/**
 * Reads a cache file line by line; an empty map when it was written for another key.
 * @throws when the file is missing or any line is not what `save` writes (the caller starts empty).
 */
async function readEntries(file: string, key: string): Promise<Map<string, CachedParse>> {
	const entries = new Map<string, CachedParse>();
	const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
	try {
		let head = true;
		for await (const line of lines) {
			if (head) {
				head = false;
				if ((JSON.parse(line) as { key?: unknown } | null)?.key !== key) return new Map();
				continue;
			}
			if (!line) continue;
			const [digest, value] = JSON.parse(line) as [unknown, CachedParse];
			if (typeof digest !== 'string' || !value || typeof value !== 'object' || !(typeof value.ok === 'boolean' || value.ok === 'items')) throw new Error(`bad cache line for ${String(digest)}`);
			entries.set(digest, value);
		}
	} finally {
		lines.close();
	}
	return entries;
}
