/**
 * Cuts a feed, arriving as chunks of bytes, into one small feed document per item, so
 * a feed of any size is read with memory bounded by one item, not by the file.
 *
 * The bytes are tokenised by `sax` (strict XML, which also names the first place
 * where the feed is not well-formed) as Latin-1 text: one character per byte, so
 * token positions are byte offsets and every ASCII-compatible charset (UTF-8, Latin-1,
 * Windows-125x, Shift_JIS, GB18030 …) passes through untouched. Each item's own bytes
 * are then wrapped in the feed's head (everything before the first item: the XML
 * declaration with its charset, the root element with its namespaces, the channel's
 * title and link) and the closing tags of the item's parents. The result is a complete
 * one-item feed, which `parseFeedItems` reads exactly as it would read that item in
 * the whole file, and which can be decoded, cached and extracted on its own.
 */
import { createHash, type Hash } from 'node:crypto';
import sax from 'sax';
import { NotAnArticleError } from './errors.ts';

/**
 * One piece of a feed: an item's own bytes (`FeedSplitter.document` wraps them into a
 * one-item feed), or an item too large to read. Items are handed out bare, so the
 * items of one chunk take no more memory than the chunk, however long the head.
 */
export type FeedPiece = { item: number; body: Uint8Array } | { item: number; tooLarge: number };

/** Options for {@link FeedSplitter}. */
export interface SplitOptions {
	/** An item (or the head before the first item) above this many bytes is not read (default 20 MB). */
	maxItemBytes?: number;
}

/** A feed's items and how a reader finds them, by the local name of the root element (as `@rowanmanning/feed-parser` reads them). */
const ITEM_OF_ROOT: Record<string, string> = { rss: 'item', rdf: 'item', feed: 'entry' };
/** Default limit for one item, as for one article file. */
export const MAX_ITEM_BYTES = 20 * 1024 * 1024;
/** Well-formedness errors after which the file is taken to be too damaged to read on. */
const MAX_ERRORS = 1000;
/** Bytes read without finding a root element before the file is taken not to be XML at all. */
const MAX_PROLOG_BYTES = 1024 * 1024;

/** sax's tokenizer states (not in its type declarations). */
const STATE = (sax as unknown as { STATE: Record<'TEXT' | 'TEXT_ENTITY', number> }).STATE;

/** Element name without its namespace prefix, lower-cased (`rdf:RDF` → `rdf`). */
function localName(name: string): string {
	return name.slice(name.indexOf(':') + 1).toLowerCase();
}

interface OpenTag {
	name: string;
}

/**
 * Push-based feed splitter: `write` bytes as they arrive and get back the items they
 * completed; `end` at the end of the file. Throws NotAnArticleError (`not-a-feed`,
 * `empty`, `too-large`) when the file is plainly not a readable feed; damage that
 * still leaves items readable is reported by {@link FeedSplitter.damage}.
 */
export class FeedSplitter {
	/** Items found so far (the last item number given out). */
	items = 0;
	/** True once the file was found too damaged to read on: the caller should stop writing. */
	stopped = false;

	private readonly parser = sax.parser(true, { position: true });
	private readonly maxItemBytes: number;
	/** Bytes written so far. */
	private offset = 0;
	/** Latin-1 text of the bytes from `bufferStart` to `offset` that may still be needed. */
	private buffer = '';
	private bufferStart = 0;
	/** The head (bytes before the first item) and the closing tags of the first item's parents, once known. */
	private head: Uint8Array | null = null;
	private closing: Uint8Array = new Uint8Array(0);
	/** SHA-1 state after the head, copied for each item's digest. */
	private headHash: Hash | null = null;
	/** The open item: its start offset and depth, or -1. */
	private itemStart = -1;
	private itemDepth = 0;
	private oversize = false;
	private root: string | null = null;
	private sawChannel = false;
	private firstError: { line: number; message: string } | null = null;
	private errors = 0;
	private cutInside = 0;
	private pieces: FeedPiece[] = [];

	constructor(options: SplitOptions = {}) {
		this.maxItemBytes = options.maxItemBytes ?? MAX_ITEM_BYTES;
		const parser = this.parser;
		parser.onerror = (error) => {
			// sax stops at an error until it is cleared; reading on is what keeps the items after a flaw.
			parser.error = null as unknown as Error;
			this.errors++;
			if (!this.firstError) {
				const line = /\nLine: (\d+)/.exec(error.message);
				this.firstError = { line: line ? Number(line[1]) + 1 : parser.line + 1, message: error.message.split('\n')[0]! };
			}
			if (this.errors >= MAX_ERRORS) this.stopped = true;
		};
		parser.onopentag = (tag) => this.open(tag);
		parser.onclosetag = () => this.close();
	}

	/** True when the tokenizer is in text, not inside a tag, comment or CDATA section. */
	private inText(): boolean {
		const state = (this.parser as unknown as { state: number }).state;
		return state === STATE.TEXT || state === STATE.TEXT_ENTITY;
	}

	private get tags(): OpenTag[] {
		return (this.parser as unknown as { tags: OpenTag[] }).tags;
	}

	private open(tag: { name: string }): void {
		const tags = this.tags;
		const depth = tags.length;
		if (depth === 1 && this.root === null) {
			this.root = localName(tag.name);
			if (this.root === 'html') throw new NotAnArticleError('is an HTML page, not a feed (no <rss>, <feed> or <rdf:RDF>); save it as .html to import it as a page', 'not-a-feed');
			if (!Object.hasOwn(ITEM_OF_ROOT, this.root)) throw new NotAnArticleError(`is XML but not a feed (its root element is <${tag.name}>, not <rss>, <feed> or <rdf:RDF>); remove it from the content folder`, 'not-a-feed');
			return;
		}
		if (this.itemStart >= 0 || !this.root) return;
		const name = localName(tag.name);
		if (depth === 2 && name === 'channel') this.sawChannel = true;
		if (name !== ITEM_OF_ROOT[this.root]) return;
		// Where the feed parser looks for items: children of the root, or of an RSS channel.
		const inChannel = depth === 3 && localName(tags[1]!.name) === 'channel';
		if (depth !== 2 && !inChannel) return;
		if (this.root !== 'feed' && !this.sawChannel) return; // RSS without a channel is not a feed (reported at the end)
		this.itemStart = this.parser.startTagPosition - 1;
		this.itemDepth = depth;
		this.oversize = false;
		if (!this.head) {
			this.head = latin1Bytes(this.buffer.slice(0, this.itemStart - this.bufferStart));
			this.headHash = createHash('sha1').update(this.head);
			this.closing = latin1Bytes(
				tags
					.slice(0, depth - 1)
					.reverse()
					.map((t) => `</${t.name}>`)
					.join(''),
			);
		}
	}

	private close(): void {
		if (this.itemStart < 0 || this.tags.length !== this.itemDepth - 1) return;
		const end = this.parser.position;
		const item = ++this.items;
		const size = end - this.itemStart;
		if (this.oversize || size > this.maxItemBytes) this.pieces.push({ item, tooLarge: size });
		else this.pieces.push({ item, body: latin1Bytes(this.buffer.slice(this.itemStart - this.bufferStart, end - this.bufferStart)) });
		this.itemStart = -1;
	}

	/** The one-item feed document of an item: the feed's head, the item, the closing tags of its parents. */
	document(body: Uint8Array): Uint8Array {
		return Buffer.concat([this.head!, body, this.closing]);
	}

	/** SHA-1 (hex) of an item's {@link FeedSplitter.document}, without building it. */
	digest(body: Uint8Array): string {
		return this.headHash!.copy().update(body).update(this.closing).digest('hex');
	}

	/** Bytes of the file held right now (the open item, or the head before the first item): bounded by one item plus one chunk. */
	get retainedBytes(): number {
		return this.buffer.length;
	}

	/** Reads the next bytes of the file; returns the items they completed. */
	write(bytes: Uint8Array): FeedPiece[] {
		if (this.stopped || !bytes.length) return [];
		const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
		this.buffer += text;
		// A UTF-8 byte-order mark stays in the head's bytes (it decides the charset) but is not XML to the tokenizer.
		const bom = this.offset === 0 && text.startsWith('\u00ef\u00bb\u00bf');
		this.offset += text.length;
		this.parser.write(bom ? `   ${text.slice(3)}` : text);
		if (!this.root && this.offset > MAX_PROLOG_BYTES) {
			throw new NotAnArticleError(`is not a feed: no XML element in its first ${MAX_PROLOG_BYTES / 1048576} MB; remove it from the content folder`, 'not-a-feed');
		}
		if (this.itemStart >= 0) {
			if (this.oversize || this.offset - this.itemStart > this.maxItemBytes) {
				// Read on to the item's end without keeping it.
				this.oversize = true;
				this.buffer = '';
				this.bufferStart = this.offset;
			} else {
				this.buffer = this.buffer.slice(this.itemStart - this.bufferStart);
				this.bufferStart = this.itemStart;
			}
		} else if (this.head) {
			// Between items nothing is kept, except a tag still open at the chunk's end: it may be the next item's.
			const tagStart = this.parser.startTagPosition - 1;
			const keepFrom = this.inText() || this.offset - tagStart > this.maxItemBytes ? this.offset : Math.max(tagStart, this.bufferStart);
			this.buffer = this.buffer.slice(keepFrom - this.bufferStart);
			this.bufferStart = keepFrom;
		} else if (this.offset > this.maxItemBytes) {
			throw new NotAnArticleError(`has more than ${this.maxItemBytes / 1048576} MB before its first item; it is not a feed that can be read. Remove it from the content folder`, 'too-large');
		}
		return this.flushPieces();
	}

	/** Ends the file; returns any last items. Throws when the file held no feed items at all. */
	end(): FeedPiece[] {
		if (!this.stopped) {
			if (this.itemStart >= 0) this.cutInside = this.items + 1;
			this.parser.close();
		}
		this.buffer = '';
		if (!this.root) throw new NotAnArticleError(this.offset ? 'is not a feed: it holds no XML element; remove it from the content folder' : 'is empty; add the feed or remove the file', this.offset ? 'not-a-feed' : 'empty');
		if (this.root !== 'feed' && !this.sawChannel) throw new NotAnArticleError('is XML but not a feed (an RSS root element without a <channel>); remove it from the content folder', 'not-a-feed');
		if (!this.items) {
			if (this.firstError) throw new NotAnArticleError(`is not well-formed XML (line ${this.firstError.line}: ${this.firstError.message}) and no item could be read; it may be cut off. Fetch the feed again`, 'broken-feed');
			throw new NotAnArticleError('is a feed with no items; nothing to import', 'empty');
		}
		return this.flushPieces();
	}

	/** What is wrong with the file as a whole, when it is not well-formed (call after `end`); undefined for a sound feed. */
	damage(): string | undefined {
		const read = this.items === 1 ? 'the 1 item' : `the ${this.items} items`;
		if (this.cutInside) return `is not well-formed XML: it is cut off inside item ${this.cutInside}, which was not imported; ${read} before it ${this.items === 1 ? 'was' : 'were'}. Fetch the feed again`;
		if (!this.firstError) return undefined;
		const where = `line ${this.firstError.line}: ${this.firstError.message}`;
		if (this.stopped) return `is not well-formed XML (${where}) and too damaged to read past ${this.errors} errors; ${read} before that were imported. Fetch the feed again`;
		return `is not well-formed XML (${where}); ${read} that could be read were imported. Fetch the feed again if some are missing`;
	}

	private flushPieces(): FeedPiece[] {
		const out = this.pieces;
		this.pieces = [];
		return out;
	}
}

function latin1Bytes(text: string): Uint8Array {
	return Buffer.from(text, 'latin1');
}
