/**
 * A parse cache keyed by file digest, so rebuilds skip files that did not change.
 *
 * Safe by construction: the cache key includes a digest of the ingest's own source
 * files and of the parse options, so a code or config change empties it; a missing,
 * unreadable or corrupt cache file is ignored; writes go to a temp file renamed into place.
 */
import { createHash } from 'node:crypto';
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BodyFingerprint } from './find-duplicates.ts';
import type { ParsedArticle, ProblemKind } from './types.ts';

/** Bump to drop every cache when the cache file's layout changes. */
const CACHE_FORMAT = 1;

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

/** Digest of this folder's `.ts` files: a parser change invalidates the cache without anyone remembering to. */
function sourceDigest(): string | null {
	try {
		const dir = path.dirname(fileURLToPath(import.meta.url));
		const hash = createHash('sha1');
		const names = readdirSync(dir).filter((n) => n.endsWith('.ts')).sort();
		if (!names.includes('parse-article.ts')) return null; // not running from the source folder
		for (const name of names) hash.update(name).update(readFileSync(path.join(dir, name)));
		return hash.digest('hex');
	} catch {
		return null; // bundled or unreadable sources: a parser change could go unnoticed, so no cache
	}
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
		cachedSourceDigest ??= sourceDigest();
		const key = `${CACHE_FORMAT}:${cachedSourceDigest}:${createHash('sha1').update(optionsKey).digest('hex')}`;
		if (!dir || cachedSourceDigest === null) return new ParseCache(null, key, new Map());
		const file = path.join(dir, 'ingest-cache.json');
		const old = new Map<string, CachedParse>();
		try {
			const data = JSON.parse(await fs.readFile(file, 'utf8')) as { key?: unknown; entries?: unknown };
			if (data && data.key === key && data.entries && typeof data.entries === 'object') {
				for (const [k, v] of Object.entries(data.entries as Record<string, CachedParse>)) {
					if (v && typeof v === 'object' && (typeof v.ok === 'boolean' || v.ok === 'items')) old.set(k, v);
				}
			}
		} catch {
			// No cache yet, or a corrupt one: start empty.
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
			await fs.writeFile(tmp, JSON.stringify({ key: this.key, entries: Object.fromEntries(this.used) }));
			await fs.rename(tmp, this.file);
		} catch {
			// Read-only checkout or full disk: the next build just parses again.
		}
	}
}
