/**
 * Exact and near-duplicate bodies across a corpus, without comparing all pairs.
 *
 * 1. Exact: bodies are normalised (case, punctuation, spacing ignored) and hashed;
 *    equal hashes are duplicates. Catches the same story saved under two headlines.
 * 2. Near: MinHash signatures of 5-word shingles (one-permutation hashing, so one
 *    hash per shingle rather than one per shingle per permutation) are split into
 *    LSH bands; only bodies sharing a band bucket are compared, by exact Jaccard
 *    similarity of their shingle sets. Work grows with the corpus, not its square.
 * 3. Facts: two bodies that match by either test fold only when their facts agree.
 *    Wire services reuse one template for many reports ("The Fed added 2.5 billion
 *    dlrs of reserves…" on 9 March, "…1.5 billion dlrs…" on 20 March): same words,
 *    different news. The facts are the numbers, month and weekday names in the
 *    dateline and body (not times of day: those are mostly the page's posting
 *    time), and the article's date. A fact in one body that the other lacks, and
 *    one the other way round, is a substitution: different reports. A
 *    re-publication keeps the facts, or (an update that adds a paragraph) adds some.
 *    Facts are read only for bodies that matched, so this costs nothing elsewhere.
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

// Numbers as written, with their separators ("2.5", "1,500", "12/23/12", "6:07"), and
// month and weekday names: the parts of a report that change when a template is reused.
const TIME_SUFFIX = /^\s?[ap]\.?m\b/i;
const FRACTION = /^(\d{1,2})\/(2|3|4|8|16|32|64)$/;
const GLYPH_VALUE: Record<string, number> = { '½': 0.5, '¼': 0.25, '¾': 0.75, '⅛': 0.125 };
const FACT_NAMES = new Set(['jan', 'january', 'feb', 'february', 'mar', 'march', 'apr', 'april', 'may', 'jun', 'june', 'jul', 'july', 'aug', 'august', 'sep', 'sept', 'september', 'oct', 'october', 'nov', 'november', 'dec', 'december', 'mon', 'monday', 'tue', 'tues', 'tuesday', 'wed', 'wednesday', 'thu', 'thur', 'thurs', 'thursday', 'fri', 'friday', 'sat', 'saturday', 'sun', 'sunday']);
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** What besides the paragraphs tells one report from another: its dateline and date. */
export interface FactContext {
	/** The dateline cut from the first paragraph ("NEW YORK, March 9"). */
	dateline?: string | null;
	/** The article's date (`YYYY-MM-DD`). */
	date?: string | null;
}

/** "1,500" and "1500" are one number, "09" and "9" one day, "2.50" and "2.5" one price. */
function canonicalNumber(token: string): string {
	const plain = token.replaceAll(',', '');
	return plain.includes('.') ? plain.replace(/\.?0+$/, '') : plain.replace(/^0+(?=\d)/, '');
}

/**
 * Every token a date may be written with: "2011-08-04" is 2011, 11, aug, 8, 4 and
 * thu ("Thursday, Aug. 4, 2011", "08/04/11"), so one copy's date field agrees with
 * the other copy's stamp in the text.
 */
function dateTokens(iso: string | null | undefined): string[] {
	const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
	if (!m) return [];
	const [, year, month, day] = m as unknown as [string, string, string, string];
	const weekday = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).getUTCDay();
	return [year, canonicalNumber(year.slice(2)), MONTH_NAMES[Number(month) - 1]!, canonicalNumber(month), canonicalNumber(day), WEEKDAY_NAMES[weekday]!];
}

/**
 * The facts of a report, sorted and de-duplicated, joined by spaces: numbers
 * (thousands separators and leading zeros dropped) and month and weekday names
 * (first three letters) from the dateline and body, and the article date as the
 * tokens it may be written with ({@link dateTokens}), so a date written in one
 * copy's text and read into the other's date field is the same fact.
 */
export function extractFacts(paragraphs: readonly string[], context: FactContext = {}): string {
	const facts = new Set<string>();
	if (context.dateline) addFacts(context.dateline, facts);
	for (const paragraph of paragraphs) addFacts(paragraph, facts);
	for (const token of dateTokens(context.date)) facts.add(token);
	return [...facts].sort().join(' ');
}

/**
 * Adds one text's facts. A character loop, not regular expressions: a corpus of
 * copies reads every copy, and a text with a digit in every word ("Q1", "G7") would
 * otherwise allocate a match per word.
 */
function addFacts(text: string, facts: Set<string>): void {
	const n = text.length;
	let whole = ''; // the last number, when it was whole and a fraction may continue it ("4 1/2")
	let wholeEnd = -2;
	let start = 0;
	while (start < n) {
		const code = text.charCodeAt(start);
		if (isAsciiLetter(code)) {
			let end = start + 1;
			while (end < n && isAsciiLetter(text.charCodeAt(end))) end++;
			const length = end - start;
			if (length >= 3 && length <= 9 && NAME_INITIALS.has(code | 0x20) && (start === 0 || !isWordCode(text.charCodeAt(start - 1))) && (end === n || !isWordCode(text.charCodeAt(end)))) {
				const lower = text.slice(start, end).toLowerCase();
				if (FACT_NAMES.has(lower)) facts.add(lower.slice(0, 3));
			}
			start = end;
			continue;
		}
		if (!isDigit(code)) {
			start++;
			continue;
		}
		let end = start + 1;
		let plain = true;
		for (;;) {
			while (end < n && isDigit(text.charCodeAt(end))) end++;
			if (end + 1 >= n) break;
			const sep = text.charCodeAt(end);
			if ((sep === 46 || sep === 44 || sep === 58 || sep === 47) && isDigit(text.charCodeAt(end + 1))) {
				plain = false;
				end += 2;
			} else break;
		}
		const run = text.slice(start, end);
		const next = end < n ? text.charCodeAt(end) : 0;
		const from = start;
		start = end;
		// Times of day ("6:07:15 PM", "4 p.m.") are mostly a page's posting time, which differs between copies of one report.
		if ((!plain && run.includes(':')) || ((next === 32 || next === 97 || next === 112 || next === 65 || next === 80) && TIME_SUFFIX.test(text.slice(end, end + 5)))) {
			wholeEnd = -2;
			continue;
		}
		if (plain) {
			const glyph = next > 127 ? GLYPH_VALUE[text[end]!] : undefined;
			// "4½" is 4.5, however another copy writes it.
			const value = glyph === undefined ? (run.charCodeAt(0) === 48 ? canonicalNumber(run) : run) : String(Number(run) + glyph);
			facts.add(value);
			whole = value;
			wholeEnd = glyph === undefined ? end : -2;
			continue;
		}
		const fraction = run.includes('/') ? FRACTION.exec(run) : null;
		if (fraction) {
			// "4 1/2" and "6-3/16" are 4.5 and 6.1875, however another copy writes them.
			const joined = wholeEnd === from - 1 && (text[from - 1] === ' ' || text[from - 1] === '-');
			if (joined) facts.delete(whole); // may drop the same number written elsewhere: one fact fewer is harmless
			facts.add(String((joined ? Number(whole) : 0) + Number(fraction[1]) / Number(fraction[2])));
		} else for (const part of run.split('/')) facts.add(canonicalNumber(part));
		wholeEnd = -2;
	}
}

function isDigit(code: number): boolean {
	return code >= 48 && code <= 57;
}

function isAsciiLetter(code: number): boolean {
	return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

function isWordCode(code: number): boolean {
	return isAsciiLetter(code) || isDigit(code) || code === 95;
}

// First letters of month and weekday names (j f m a s o n d t w), lower-cased: other words are skipped unread.
const NAME_INITIALS = new Set([106, 102, 109, 97, 115, 111, 110, 100, 116, 119]);


/**
 * True when two fact lists (from {@link extractFacts}) can belong to one report:
 * they are equal, or one holds all of the other's facts. A fact on each side that
 * the other lacks means a substituted number or date: two reports.
 */
export function factsAgree(a: string, b: string): boolean {
	if (a === b || !a || !b) return true;
	const setA = new Set(a.split(' '));
	const setB = new Set(b.split(' '));
	let aOnly = false;
	for (const f of setA) if (!setB.has(f)) aOnly = true;
	if (!aOnly) return true;
	for (const f of setB) if (!setA.has(f)) return false;
	return true;
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
 * Jaccard similarity of their shingle sets, computed only for those bodies, and
 * every match by the agreement of the two reports' facts (`contexts[i]` adds an
 * item's dateline and date to them).
 */
export function findDuplicateGroups(
	bodies: readonly (readonly string[])[],
	options: DuplicateOptions = {},
	fingerprints: readonly (BodyFingerprint | undefined)[] = [],
	contexts: readonly (FactContext | undefined)[] = [],
): DuplicateGroup[] {
	const threshold = options.threshold ?? 0.8;
	const minWords = options.minWords ?? 40;
	const prints = bodies.map((p, i) => fingerprints[i] ?? fingerprintBody(p, minWords));
	const parent = bodies.map((_, i) => i);
	// Facts are read only for bodies that match another, so the check costs nothing on distinct stories.
	const factsOf = (i: number): string => extractFacts(bodies[i]!, contexts[i]);
	// The distinct fact lists in each group (kept at its root, filled in on first use):
	// agreement is not transitive (an undated copy agrees with the 9 March and the
	// 20 March report), so a group only takes a member that agrees with every fact list in it.
	const groupFacts: (Set<string> | undefined)[] = [];
	const factsOfGroup = (root: number): Set<string> => (groupFacts[root] ??= new Set([factsOf(root)]));
	const find = (x: number): number => {
		while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
		return x;
	};
	/** Joins the groups of `a` and `b` when their facts agree; true when they are one group. */
	const union = (a: number, b: number): boolean => {
		let ra = find(a);
		let rb = find(b);
		if (ra === rb) return true;
		const factsA = factsOfGroup(ra);
		const factsB = factsOfGroup(rb);
		for (const x of factsA) for (const y of factsB) if (!factsAgree(x, y)) return false;
		// The lower index stays root, so the keeper is the first item in input order.
		if (rb < ra) [ra, rb] = [rb, ra];
		parent[rb] = ra;
		groupFacts[ra] = new Set([...factsA, ...factsB]);
		groupFacts[rb] = undefined;
		return true;
	};

	// Same digest, same words: fold into the first copy whose facts agree (the dateline
	// and date are not part of the words).
	const exactRoots = new Map<string, number[]>();
	const exactOf = new Int32Array(bodies.length).fill(-1);
	prints.forEach(({ digest }, i) => {
		const firsts = exactRoots.get(digest);
		if (!firsts) exactRoots.set(digest, [i]);
		else {
			const joined = firsts.find((first) => union(first, i));
			if (joined === undefined) firsts.push(i);
			else exactOf[i] = joined;
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
				if (sim >= threshold && union(a, b)) similarity.set(b, Math.max(similarity.get(b) ?? 0, sim));
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
