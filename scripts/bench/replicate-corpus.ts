/**
 * Replicates a source corpus to N articles, deterministically, for benchmarks.
 * Copy 0 of each file is the original; copy k changes the headline (and every line
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
	/** Folder of source articles (`.txt`/`.md`; other files are ignored). */
	source: string;
	/** Folder to fill; created, and emptied first if it holds a different replica. */
	target: string;
	/** Number of articles wanted. */
	count: number;
}

/** The source's article files, sorted by name so the replica does not depend on readdir order. */
async function listSourceFiles(source: string): Promise<string[]> {
	const names = await fs.readdir(source);
	return names.filter((n) => /\.(txt|md)$/i.test(n) && !/^readme\.md$/i.test(n)).sort();
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

/** Writes `count` articles into `target` (flat), reusing it when it already holds this replica. */
export async function replicateCorpus({ source, target, count }: ReplicateOptions): Promise<{ dir: string; files: number }> {
	const files = await listSourceFiles(source);
	if (!files.length) throw new Error(`no article files in ${source}`);
	const stamp = `v2 ${path.resolve(source)} ${files.length} ${count}\n`;
	const stampFile = path.join(target, '.replica');
	if ((await fs.readFile(stampFile, 'utf8').catch(() => '')) === stamp) return { dir: target, files: count };

	await fs.rm(target, { recursive: true, force: true });
	await fs.mkdir(target, { recursive: true });
	const texts = await Promise.all(files.map((f) => fs.readFile(path.join(source, f), 'utf8')));
	const headlines = new Set(texts.map((t) => t.split('\n', 1)[0]!.trim()));
	const copies = Math.ceil(count / files.length);
	const width = String(copies).length;
	for (let k = 0; k < copies; k++) {
		const writes: Promise<void>[] = [];
		for (let i = 0; i < files.length && k * files.length + i < count; i++) {
			const name = `${String(k).padStart(width, '0')}-${files[i]}`;
			writes.push(fs.writeFile(path.join(target, name), rewriteAsCopy(texts[i]!, k, headlines)));
		}
		await Promise.all(writes);
	}
	await fs.writeFile(stampFile, stamp);
	return { dir: target, files: count };
}
