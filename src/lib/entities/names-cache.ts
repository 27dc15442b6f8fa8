/**
 * The names found in each article, kept between builds.
 *
 * Reading an article's names depends on its text alone, and it is the costliest
 * corpus step that does (3.7 s of a core at 10,000 articles). A rebuild after one
 * article changed read all 10,000 again, and the corpus steps waited for them. Here
 * each article's names are kept under a digest of what the reading sees (headline,
 * dateline, paragraphs), in one file per cache folder.
 *
 * Safe by construction, like the parse cache: the file's key includes a digest of
 * this folder's source files, so a change to the name reading empties it; a missing,
 * unreadable or corrupt file is ignored; writes go to a temp file renamed into place.
 * The file holds only the names of the last build's articles.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { digestSourceFolder } from '../source-digest.ts';
import type { EntityInput, ExtractedEntities } from './extract-entities.ts';

/** Bump to drop every cache when the file's layout changes. */
const CACHE_FORMAT = 1;
/** The cache file in the cache folder. */
const CACHE_FILE = 'names-cache.v8';

/** What the file holds. */
interface CacheFile {
	/** Format, source digest: the file is used only when it matches. */
	key: string;
	/** Text digest → names. */
	entries: Map<string, ExtractedEntities>;
}

let sourceDigest: string | null | undefined;

/** The digest under which an article's names are kept: of everything the name reading reads. */
export function digestNameInput(article: EntityInput): string {
	const hash = createHash('sha1').update(article.title).update('\0').update(article.dateline ?? '').update('\0');
	for (const paragraph of article.paragraphs) hash.update(paragraph).update('\n');
	return hash.digest('base64');
}

/** The names of a corpus's articles from the last build, and where this build's go. */
export class NamesCache {
	private readonly file: string | null;
	private readonly key: string;
	private readonly old: ReadonlyMap<string, ExtractedEntities>;
	private kept: { digests: readonly string[]; names: readonly ExtractedEntities[] } | undefined;

	private constructor(file: string | null, key: string, old: ReadonlyMap<string, ExtractedEntities>) {
		this.file = file;
		this.key = key;
		this.old = old;
	}

	/** Opens the cache in `dir`, or a cache that keeps nothing when `dir` is undefined or the sources cannot be read. */
	static async open(dir: string | undefined): Promise<NamesCache> {
		sourceDigest ??= digestSourceFolder(import.meta.url, 'extract-entities.ts');
		const key = `${CACHE_FORMAT}:${sourceDigest}`;
		if (!dir || sourceDigest === null) return new NamesCache(null, key, new Map());
		const file = path.join(dir, CACHE_FILE);
		try {
			const read = deserialize(await fs.readFile(file)) as CacheFile;
			if (read.key === key && read.entries instanceof Map) return new NamesCache(file, key, read.entries);
		} catch {
			// No cache yet, or a corrupt one: start empty.
		}
		return new NamesCache(file, key, new Map());
	}

	/** The names kept for each of `digests` (from {@link digestNameInput}), or null where none are. */
	find(digests: readonly string[]): (ExtractedEntities | null)[] {
		return digests.map((digest) => this.old.get(digest) ?? null);
	}

	/** Keeps this build's names (`names[i]` read from the text of `digests[i]`) for {@link save}. */
	keep(digests: readonly string[], names: readonly ExtractedEntities[]): void {
		this.kept = { digests, names };
	}

	/** Replaces the file with the names kept, unless they are the ones it holds. */
	async save(): Promise<void> {
		if (!this.file || !this.kept) return;
		const { digests, names } = this.kept;
		if (digests.length === this.old.size && digests.every((digest) => this.old.has(digest))) return;
		const entries = new Map<string, ExtractedEntities>();
		digests.forEach((digest, i) => entries.set(digest, names[i]!));
		const content: CacheFile = { key: this.key, entries };
		await fs.mkdir(path.dirname(this.file), { recursive: true });
		const temp = `${this.file}.${process.pid}.tmp`;
		await fs.writeFile(temp, serialize(content));
		await fs.rename(temp, this.file);
	}
}
