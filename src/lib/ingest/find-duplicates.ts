/**
 * Exact and near-duplicate bodies across a corpus, without comparing all pairs.
 *
 * 1. Exact: bodies are normalised (case, punctuation, spacing ignored) and hashed;
 *    equal hashes are duplicates. Catches the same story saved under two headlines.
 * 2. Near: MinHash signatures of 5-word shingles (one-permutation hashing, so one
 *    hash per shingle rather than one per shingle per permutation) are split into
 *    LSH bands; only bodies sharing a band bucket are compared, by exact Jaccard
 *    similarity of their shingle sets. Work grows with the corpus, not its square.
 */
import { createHash } from 'node:crypto';
import { isWordChar } from './normalize-text.ts';

/** Options for {@link findDuplicateGroups}. */
export interface DuplicateOptions {
	/** Jaccard similarity of shingle sets at or above which two bodies are near-duplicates (default 0.8). */
	threshold?: number;
	/** Bodies with fewer words are only checked for exact duplicates: short texts share shingles by chance (default 40). */
	minWords?: number;
}

/** A group of duplicate bodies: the keeper and the others. */
export interface DuplicateGroup {
	/** Index (into the input) of the item that keeps its page: the first in input order. */
	keeper: number;
	/** The other items, each with how it matched. */
	duplicates: { index: number; exact: boolean; similarity: number }[];
}

const SHINGLE = 5;
const BINS = 64; // signature length
const BANDS = 16; // 16 bands × 4 rows: pairs at Jaccard 0.8 meet in some band with ~99.9% probability
const ROWS = BINS / BANDS;
const MAX_BUCKET = 64; // a huge bucket means shared furniture, not shared stories: compare only its first members

const lowerTable = new Uint16Array(65536);

/** Lower-case form of one UTF-16 code unit, memoised (ASCII inline). */
function lowerCode(code: number): number {
	if (code < 128) return code >= 65 && code <= 90 ? code | 0x20 : code;
	let lower = lowerTable[code]!;
	if (lower === 0) {
		const l = String.fromCharCode(code).toLowerCase();
		lower = l.length === 1 ? l.charCodeAt(0) : code;
		lowerTable[code] = lower;
	}
	return lower;
}

/**
 * 32-bit FNV-1a hashes of the body's words, lower-cased, punctuation and spacing
 * ignored: the form duplicate detection compares. Hashes are computed in one
 * character loop without building word strings (this runs over every body).
 */
export function wordHashes(text: string): Uint32Array {
	// Sized for the worst case (every other character starts a word), trimmed at the end;
	// a typed array keeps hashes unboxed, where a number[] of uint32 values would not.
	const out = new Uint32Array((text.length >> 1) + 1);
	let n = 0;
	let h = 0;
	let inWord = false;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (isWordChar(code)) {
			if (!inWord) h = 0x811c9dc5 | 0;
			h = Math.imul(h ^ lowerCode(code), 0x01000193);
			inWord = true;
		} else if (inWord) {
			out[n++] = h;
			inWord = false;
		}
	}
	if (inWord) out[n++] = h;
	return out.slice(0, n);
}

/** Normalised-body digest: equal digests mean the same words in the same order. */
export function bodyDigest(paragraphs: readonly string[]): string {
	const words = wordHashes(paragraphs.join('\n'));
	return createHash('sha1').update(new Uint8Array(words.buffer, words.byteOffset, words.byteLength)).digest('base64');
}

/** Murmur3's finaliser: spreads bits so bin and value are independent. */
function mix(h: number): number {
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/** 32-bit hashes of the body's word 5-grams, in text order (`words` from {@link wordHashes}). */
function shingleValues(words: Uint32Array): Uint32Array {
	if (words.length < SHINGLE) return new Uint32Array(0);
	const out = new Uint32Array(words.length - SHINGLE + 1);
	for (let i = 0; i < out.length; i++) {
		let h = 0;
		for (let j = 0; j < SHINGLE; j++) h = Math.imul(h ^ words[i + j]!, 0x9e3779b1) + j;
		out[i] = mix(h);
	}
	return out;
}

/** Sorted, de-duplicated shingle hashes: the set form {@link jaccard} compares. */
export function shingleHashes(words: Uint32Array): Uint32Array {
	const out = shingleValues(words).sort();
	let n = 0;
	for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[n++] = out[i]!;
	return out.subarray(0, n);
}

/** One-permutation MinHash with rotation densification (empty bins borrow from the next filled bin). */
function signature(shingles: Uint32Array): Uint32Array {
	const sig = new Uint32Array(BINS).fill(0xffffffff);
	const filled = new Uint8Array(BINS);
	for (const h of shingles) {
		const bin = h >>> 26; // top 6 bits pick one of 64 bins
		const value = h & 0x3ffffff;
		if (value < sig[bin]!) sig[bin] = value;
		filled[bin] = 1;
	}
	for (let b = 0; b < BINS; b++) {
		if (filled[b]) continue;
		for (let step = 1; step < BINS; step++) {
			const from = (b + step) % BINS;
			if (filled[from]) {
				sig[b] = sig[from]! + step * 0x4000000; // offset keeps borrowed values distinct from real ones
				break;
			}
		}
	}
	return sig;
}

/** Exact Jaccard similarity of two sorted hash sets. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
	if (!a.length || !b.length) return 0;
	let i = 0;
	let j = 0;
	let common = 0;
	while (i < a.length && j < b.length) {
		if (a[i] === b[j]) {
			common++;
			i++;
			j++;
		} else if (a[i]! < b[j]!) i++;
		else j++;
	}
	return common / (a.length + b.length - common);
}

/**
 * What duplicate detection needs to know about one body, small enough to keep in
 * the parse cache: the normalised-body digest and, for bodies long enough, the
 * MinHash signature (base64 of 64 little-endian 32-bit values).
 */
export interface BodyFingerprint {
	/** SHA-1 (base64) of the body's normalised words. */
	digest: string;
	/** MinHash signature, or null for bodies under `minWords` words (exact matching only). */
	signature: string | null;
}

/** Computes a body's {@link BodyFingerprint}. */
export function fingerprintBody(paragraphs: readonly string[], minWords = 40): BodyFingerprint {
	const words = wordHashes(paragraphs.join('\n'));
	const digest = createHash('sha1').update(new Uint8Array(words.buffer, words.byteOffset, words.byteLength)).digest('base64');
	if (words.length < minWords) return { digest, signature: null };
	// MinHash needs no sorting or de-duplication: a repeated shingle cannot change a minimum.
	const shingles = shingleValues(words);
	if (!shingles.length) return { digest, signature: null };
	const sig = signature(shingles);
	const bytes = Buffer.alloc(BINS * 4);
	for (let i = 0; i < BINS; i++) bytes.writeUInt32LE(sig[i]!, i * 4);
	return { digest, signature: bytes.toString('base64') };
}

function decodeSignature(encoded: string): Uint32Array | null {
	const bytes = Buffer.from(encoded, 'base64');
	if (bytes.length !== BINS * 4) return null; // not ours (e.g. a stale cache entry): skip near matching
	const sig = new Uint32Array(BINS);
	for (let i = 0; i < BINS; i++) sig[i] = bytes.readUInt32LE(i * 4);
	return sig;
}

/** Mixes a band's rows into one number key; a collision only adds a candidate, which verification rejects. */
function bandKey(sig: Uint32Array, band: number): number {
	let h = band + 1;
	for (let r = 0; r < ROWS; r++) h = Math.imul(h ^ sig[band * ROWS + r]!, 0x9e3779b1) ^ (h >>> 15);
	return band * 0x100000000 + (h >>> 0);
}

/**
 * Groups duplicate bodies. `bodies[i]` is one article's paragraphs; items are
 * assumed to be in a stable order (e.g. by file path) and the first of each group
 * keeps its page. `fingerprints[i]` may be passed in (e.g. from the parse cache);
 * missing ones are computed. Candidate pairs from LSH are verified by exact
 * Jaccard similarity of their shingle sets, computed only for those bodies.
 */
export function findDuplicateGroups(
	bodies: readonly (readonly string[])[],
	options: DuplicateOptions = {},
	fingerprints: readonly (BodyFingerprint | undefined)[] = [],
): DuplicateGroup[] {
	const threshold = options.threshold ?? 0.8;
	const minWords = options.minWords ?? 40;
	const parent = bodies.map((_, i) => i);
	const find = (x: number): number => {
		while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
		return x;
	};
	const union = (a: number, b: number): void => {
		const ra = find(a);
		const rb = find(b);
		// The lower index stays root, so the keeper is the first item in input order.
		if (ra < rb) parent[rb] = ra;
		else if (rb < ra) parent[ra] = rb;
	};

	const prints = bodies.map((p, i) => fingerprints[i] ?? fingerprintBody(p, minWords));
	const exactRoot = new Map<string, number>();
	const exactOf = new Int32Array(bodies.length).fill(-1);
	prints.forEach(({ digest }, i) => {
		const first = exactRoot.get(digest);
		if (first === undefined) exactRoot.set(digest, i);
		else {
			exactOf[i] = first;
			union(first, i);
		}
	});

	const buckets = new Map<number, number[]>();
	prints.forEach((print, i) => {
		if (exactOf[i] !== -1 || !print.signature) return;
		const sig = decodeSignature(print.signature);
		if (!sig) return;
		for (let band = 0; band < BANDS; band++) {
			const key = bandKey(sig, band);
			const bucket = buckets.get(key);
			if (!bucket) buckets.set(key, [i]);
			else if (bucket.length < MAX_BUCKET) bucket.push(i);
		}
	});
	const shingleCache = new Map<number, Uint32Array>();
	const shinglesOf = (i: number): Uint32Array => {
		let set = shingleCache.get(i);
		if (!set) shingleCache.set(i, (set = shingleHashes(wordHashes(bodies[i]!.join('\n')))));
		return set;
	};
	const similarity = new Map<number, number>();
	const compared = new Set<number>();
	for (const bucket of buckets.values()) {
		for (let x = 1; x < bucket.length; x++) {
			for (let y = 0; y < x; y++) {
				const a = bucket[y]!;
				const b = bucket[x]!;
				const pairKey = a * bodies.length + b;
				if (compared.has(pairKey)) continue;
				compared.add(pairKey);
				const sim = jaccard(shinglesOf(a), shinglesOf(b));
				if (sim >= threshold) {
					union(a, b);
					similarity.set(b, Math.max(similarity.get(b) ?? 0, sim));
				}
			}
		}
	}

	const groups = new Map<number, DuplicateGroup>();
	for (let i = 0; i < bodies.length; i++) {
		const root = find(i);
		if (root === i) continue;
		let group = groups.get(root);
		if (!group) groups.set(root, (group = { keeper: root, duplicates: [] }));
		const exact = prints[i]!.digest === prints[root]!.digest;
		group.duplicates.push({ index: i, exact, similarity: exact ? 1 : (similarity.get(i) ?? jaccard(shinglesOf(i), shinglesOf(root))) });
	}
	return [...groups.values()].sort((a, b) => a.keeper - b.keeper);
}
