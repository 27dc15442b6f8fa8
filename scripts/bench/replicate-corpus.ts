/**
 * Replicates a source corpus (one folder, or several merged) to N articles, deterministically,
 * for benchmarks. Copy 0 of each file is the original, and copies are made only past the
 * sources' own count; copy k changes the headline (and every line
 * that repeats a corpus headline, so related-headline blocks keep resolving within
 * the copy) and the first body sentence. The ingest folds near-duplicates (shared
 * 5-word sequences), so copy k also drops a pseudo-random 40% of the stop words
 * from its body: names, numbers and content words stay, so related news, entities
 * and search see the same vocabulary, but every copy is a page of its own.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Options for {@link replicateCorpus}. */
export interface ReplicateOptions {
	/**
	 * Folder(s) of source articles (`.txt`/`.md`; other files are ignored). Several folders are
	 * merged: each file is named after its folder (`<folder>-<file>`), and files are taken from the
	 * folders in turn, so any first N articles mix every source.
	 */
	source: string | readonly string[];
	/** Folder to fill; created, and emptied first if it holds a different replica. */
	target: string;
	/** Number of articles wanted. */
	count: number;
}

/** One source article as it is named in the replica. */
export interface SourceFile {
	/** The folder it comes from. */
	dir: string;
	/** Its file name there. */
	file: string;
	/** Its name in the replica, before the copy number (`<prefix>-<file>`, or `file` for one source). */
	name: string;
	/** The prefix of its folder ('' for a single source). */
	prefix: string;
}

/** How a replica was made: real articles (copy 0) and replicated copies, by source. */
export interface ReplicaSummary {
	dir: string;
	/** Article files written. */
	files: number;
	/** Files that are a source article unchanged (copy 0). */
	distinct: number;
	/** Files that are a changed copy of a source article (copy 1 and up). */
	copies: number;
	/** Per source folder: articles it has, and how many of them went in unchanged and as copies. */
	sources: { dir: string; prefix: string; available: number; distinct: number; copies: number }[];
	/** Files with a category in `labels.json` (the sources' own labels, for the peer sites' category pages). */
	labelled: number;
}

/** The source's article files, sorted by name so the replica does not depend on readdir order. */
async function listSourceFiles(source: string): Promise<string[]> {
	const names = await fs.readdir(source);
	return names.filter((n) => /\.(txt|md)$/i.test(n) && !/^readme\.md$/i.test(n)).sort();
}

/** A short, unique name per source folder: its base name, numbered when two folders share one. */
export function sourcePrefixes(dirs: readonly string[]): string[] {
	const seen = new Map<string, number>();
	return dirs.map((dir) => {
		const base = path.basename(path.resolve(dir)).replace(/[^\w.-]+/g, '-') || 'source';
		const n = (seen.get(base) ?? 0) + 1;
		seen.set(base, n);
		return n === 1 ? base : `${base}${n}`;
	});
}

/**
 * Orders the files of several sources so that they alternate (first of each, then second of
 * each, …): the first N then hold about N / sources of each while every source lasts. One
 * source keeps its file names; several get `<prefix>-` in front, so equal names do not clash.
 */
export function interleaveSources(sources: readonly { dir: string; prefix: string; files: readonly string[] }[]): SourceFile[] {
	const single = sources.length === 1;
	const out: SourceFile[] = [];
	const longest = Math.max(0, ...sources.map((s) => s.files.length));
	for (let i = 0; i < longest; i++) {
		for (const { dir, prefix, files } of sources) {
			const file = files[i];
			if (file !== undefined) out.push({ dir, file, prefix: single ? '' : prefix, name: single ? file : `${prefix}-${file}` });
		}
	}
	return out;
}

/** Category of each file in a source's `labels.json` (file → "category" or {category}), when it has one. */
async function readCategories(dir: string): Promise<Map<string, string>> {
	const text = await fs.readFile(path.join(dir, 'labels.json'), 'utf8').catch(() => null);
	const categories = new Map<string, string>();
	if (text === null) return categories;
	let labels: unknown;
	try {
		labels = JSON.parse(text);
	} catch (error) {
		throw new Error(`${path.join(dir, 'labels.json')} is not valid JSON (${(error as Error).message}); fix it or move it out of the source folder.`);
	}
	for (const [file, label] of Object.entries(labels as Record<string, unknown>)) {
		const category = typeof label === 'string' ? label : (label as { category?: unknown } | null)?.category;
		if (typeof category === 'string' && category) categories.set(file, category);
	}
	return categories;
}

/** Words a copy may drop without changing what the article is about. */
const STOP_WORDS = new Set(['the', 'a', 'an', 'of', 'to', 'in', 'and', 'on', 'for', 'that', 'is', 'was', 'with', 'as', 'at', 'by', 'it', 'from', 'be', 'has', 'have', 'had', 'are', 'were', 'this', 'its']);

/** A deterministic 32-bit mix of three integers (no Math.random: replicas must be identical run to run). */
function mix(a: number, b: number, c: number): number {
	let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x165667b1, 0xc2b2ae35) ^ Math.imul(c + 0x27d4eb2f, 0x27d4eb2d);
	h ^= h >>> 15;
	h = Math.imul(h, 0x2c1b3c6d);
	return (h ^ (h >>> 12)) >>> 0;
}

/** Drops some stop words from a body line, differently for each copy and line. */
function thinStopWords(line: string, k: number, lineIndex: number): string {
	return line
		.split(' ')
		.filter((word, i) => i === 0 || !STOP_WORDS.has(word) || mix(k, lineIndex, i) % 5 >= 2)
		.join(' ');
}

/** Rewrites one source text as copy `k`: new headline(s), new first body sentence. */
export function rewriteAsCopy(text: string, k: number, headlines: ReadonlySet<string>): string {
	if (k === 0) return text;
	const suffix = ` (edition ${k + 1})`;
	const lines = text.split('\n');
	const title = lines[0]!.trim();
	let firstBodyDone = false;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!.trim();
		if (line === title || headlines.has(line)) {
			lines[i] = line + suffix;
		} else if (line.length > 60) {
			// Long lines are body paragraphs; the first one also gets a new opening.
			const thinned = thinStopWords(line, k, i);
			lines[i] = firstBodyDone ? thinned : `In edition ${k + 1} of this report: ${thinned}`;
			firstBodyDone = true;
		}
	}
	return lines.join('\n');
}

/**
 * Writes `count` articles into `target` (flat), reusing it when it already holds this replica.
 * Copy 0 of every source article comes first, so copies are made only beyond the sources' own count.
 * When the sources have `labels.json`, the target gets one too (replica file → category), which the
 * peer sites of the side-by-side benchmark read for their category pages; Broadsheet skips it.
 */
export async function replicateCorpus({ source, target, count }: ReplicateOptions): Promise<ReplicaSummary> {
	const dirs = [...new Set((typeof source === 'string' ? [source] : source).map((d) => path.resolve(d)))];
	const prefixes = sourcePrefixes(dirs);
	const listed = await Promise.all(dirs.map(async (dir, i) => ({ dir, prefix: prefixes[i]!, files: await listSourceFiles(dir) })));
	for (const { dir, files } of listed) if (!files.length) throw new Error(`no article files (.txt, .md) in ${dir}; point --source at a folder of articles.`);
	const files = interleaveSources(listed);
	const copies = Math.ceil(count / files.length);
	const width = String(copies).length;
	const summary: ReplicaSummary = {
		dir: target,
		files: count,
		distinct: Math.min(count, files.length),
		copies: Math.max(0, count - files.length),
		sources: listed.map(({ dir, prefix, files: f }) => ({ dir, prefix, available: f.length, distinct: 0, copies: 0 })),
		labelled: 0,
	};
	for (let i = 0; i < count; i++) {
		const entry = summary.sources[dirs.indexOf(files[i % files.length]!.dir)]!;
		if (i < files.length) entry.distinct++;
		else entry.copies++;
	}
	const categories = await Promise.all(dirs.map(readCategories));
	const labels: Record<string, string> = {};
	for (let i = 0; i < count; i++) {
		const { dir, file, name } = files[i % files.length]!;
		const category = categories[dirs.indexOf(dir)]!.get(file);
		if (category) labels[`${String(Math.floor(i / files.length)).padStart(width, '0')}-${name}`] = category;
	}
	summary.labelled = Object.keys(labels).length;

	const stamp = `v3 ${dirs.map((d, i) => `${d}:${listed[i]!.files.length}`).join(' ')} ${count}\n`;
	const stampFile = path.join(target, '.replica');
	if ((await fs.readFile(stampFile, 'utf8').catch(() => '')) === stamp) return summary;

	await fs.rm(target, { recursive: true, force: true });
	await fs.mkdir(target, { recursive: true });
	const texts = await Promise.all(files.map((f) => fs.readFile(path.join(f.dir, f.file), 'utf8')));
	const headlines = new Set(texts.map((t) => t.split('\n', 1)[0]!.trim()));
	for (let k = 0; k < copies; k++) {
		const writes: Promise<void>[] = [];
		for (let i = 0; i < files.length && k * files.length + i < count; i++) {
			const name = `${String(k).padStart(width, '0')}-${files[i]!.name}`;
			writes.push(fs.writeFile(path.join(target, name), rewriteAsCopy(texts[i]!, k, headlines)));
		}
		await Promise.all(writes);
	}
	if (summary.labelled) await fs.writeFile(path.join(target, 'labels.json'), JSON.stringify(labels, null, 1) + '\n');
	await fs.writeFile(stampFile, stamp);
	return summary;
}
