/**
 * Text → a stream of word ids, without allocating a string per word. The
 * scanner hashes each lower-cased ASCII word while it reads it and looks it up
 * in an open-addressing table; only a word never seen before (or one with
 * non-ASCII letters, the rare case in English news) is sliced into a string.
 * Word boundaries are exactly those of `forEachWord` in tokenize-text.ts.
 */

/** Letters and digits beyond ASCII. */
const NON_ASCII_WORD_CHAR = /[\p{L}\p{N}]/u;

/** True when UTF-16 code unit `c` (at `text[i]`) is part of a word. */
function isWordChar(text: string, i: number, c: number): boolean {
	if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
	return NON_ASCII_WORD_CHAR.test(text[i]!);
}

/** Maps lower-cased words to ids chosen by `resolve` (called once per distinct word). */
export class WordIds {
	private readonly resolve: (word: string) => number;
	private keys: (string | undefined)[] = new Array<string | undefined>(1 << 12);
	private hashes = new Int32Array(1 << 12);
	private values = new Int32Array(1 << 12);
	private mask = (1 << 12) - 1;
	private size = 0;
	/** Words with non-ASCII characters: looked up by string. */
	private readonly other = new Map<string, number>();

	constructor(resolve: (word: string) => number) {
		this.resolve = resolve;
	}

	/**
	 * Calls `emit` with the id of each word of `text` (at most `maxWords` words)
	 * and where the word starts and ends, and returns the number of words read.
	 */
	scan(text: string, maxWords: number, emit: (id: number, start: number, end: number) => void): number {
		let seen = 0;
		const n = text.length;
		let i = 0;
		while (i < n) {
			let c = text.charCodeAt(i);
			if (!isWordChar(text, i, c)) {
				i++;
				continue;
			}
			if (seen >= maxWords) break;
			const start = i;
			let hash = -2128831035; // FNV-1a offset basis
			let ascii = true;
			for (;;) {
				if (c >= 65 && c <= 90) c += 32;
				else if (c >= 128) ascii = false;
				hash = Math.imul(hash ^ c, 16777619);
				i++;
				if (i >= n) break;
				c = text.charCodeAt(i);
				if (isWordChar(text, i, c)) continue;
				// An apostrophe followed by a letter continues the word ("o'neill").
				if ((c === 39 || c === 0x2019) && i + 1 < n && isWordChar(text, i + 1, text.charCodeAt(i + 1))) continue;
				break;
			}
			seen++;
			emit(ascii ? this.lookup(text, start, i, hash) : this.lookupOther(text.slice(start, i).toLowerCase()), start, i);
		}
		return seen;
	}

	/** Every distinct word seen, with its id. */
	*entries(): IterableIterator<[string, number]> {
		for (let slot = 0; slot <= this.mask; slot++) {
			const key = this.keys[slot];
			if (key !== undefined) yield [key, this.values[slot]!];
		}
		yield* this.other;
	}

	private lookupOther(word: string): number {
		let id = this.other.get(word);
		if (id === undefined) {
			id = this.resolve(word);
			this.other.set(word, id);
		}
		return id;
	}

	private lookup(text: string, start: number, end: number, hash: number): number {
		const length = end - start;
		let slot = hash & this.mask;
		for (;;) {
			const key = this.keys[slot];
			if (key === undefined) break;
			if (this.hashes[slot] === hash && key.length === length && sameLowerCase(key, text, start)) return this.values[slot]!;
			slot = (slot + 1) & this.mask;
		}
		const word = text.slice(start, end).toLowerCase();
		const id = this.resolve(word);
		this.keys[slot] = word;
		this.hashes[slot] = hash;
		this.values[slot] = id;
		if (++this.size * 2 > this.mask) this.grow();
		return id;
	}

	private grow(): void {
		const { keys, hashes, values } = this;
		const capacity = (this.mask + 1) * 2;
		this.keys = new Array<string | undefined>(capacity);
		this.hashes = new Int32Array(capacity);
		this.values = new Int32Array(capacity);
		this.mask = capacity - 1;
		for (let slot = 0; slot < keys.length; slot++) {
			const key = keys[slot];
			if (key === undefined) continue;
			let to = hashes[slot]! & this.mask;
			while (this.keys[to] !== undefined) to = (to + 1) & this.mask;
			this.keys[to] = key;
			this.hashes[to] = hashes[slot]!;
			this.values[to] = values[slot]!;
		}
	}
}

/** True when `text` from `start` equals the lower-case ASCII `key`, ignoring ASCII case. */
function sameLowerCase(key: string, text: string, start: number): boolean {
	for (let k = 0; k < key.length; k++) {
		let c = text.charCodeAt(start + k);
		if (c >= 65 && c <= 90) c += 32;
		if (c !== key.charCodeAt(k)) return false;
	}
	return true;
}
