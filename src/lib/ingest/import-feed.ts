/**
 * A feed file (`.xml`, `.rss`, `.atom`, `.rdf`) of any size → one article per item,
 * read as a stream: the file (inflated on the fly when it is gzip, transcoded to UTF-8
 * when it is UTF-16) is cut into one-item feed documents by `split-feed.ts`, and each is
 * read by `parseFeedItems` on the extraction queue (workers for large feeds) and cached
 * by its digest, so memory is bounded by one item and a rebuild reads only new items.
 *
 * Bad input is named, never fatal: a file that is not a feed (an HTML page, other XML,
 * binary) or has no items is one problem; malformed or cut-off XML keeps the items that
 * could be read and names the damage; an item over the size limit is named and skipped.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { detectBinary, sniffBomlessUtf16 } from './decode-bytes.ts';
import { NotAnArticleError } from './errors.ts';
import { ExtractQueue, type QueueOptions, type StreamedItem } from './extract-queue.ts';
import { readHead } from './import-archive.ts';
import type { CachedParse } from './parse-cache.ts';
import { type FeedPiece, FeedSplitter, MAX_ITEM_BYTES } from './split-feed.ts';
import type { IngestProblem, ProblemKind } from './types.ts';

/** Options for {@link importFeed}. */
export interface FeedOptions extends QueueOptions {
	/**
	 * A queue shared with other streamed files; the caller then calls its `finish`, and
	 * item outcomes and problems are complete only after that. Without one, the feed
	 * gets its own queue and is complete on return.
	 */
	queue?: ExtractQueue;
	/** Largest item read, in bytes (default 20 MB). */
	maxItemBytes?: number;
}

/** What a feed gave. */
export interface FeedImport {
	/** Items in feed order, each an article or a named failure. */
	items: StreamedItem[];
	/** Problems with the feed as a whole (their `file` is filled in by the caller). */
	problems: Omit<IngestProblem, 'file'>[];
}

const UTF8_BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const NOT_READ: StreamedItem['outcome'] = { ok: false, kind: 'unreadable', message: 'was not extracted' };

/** Bytes handed to the splitter at a time: a 1 MB read is cut smaller so the items completed by one write stay few. */
const WRITE_BYTES = 64 * 1024;

/**
 * Byte chunks of a file, inflated when the file is gzip (a feed saved without
 * decompressing), then transcoded to UTF-8 when they are UTF-16, which the splitter
 * cannot tokenise byte by byte. A transcoded feed starts with a UTF-8 byte-order
 * mark, which wins over its `encoding="UTF-16"` declaration when an item is decoded.
 */
async function* feedChunks(file: string): AsyncGenerator<Uint8Array> {
	const { gzip } = await readHead(file);
	const source = createReadStream(file, { highWaterMark: 1 << 20 });
	let stream: Readable = source;
	if (gzip) {
		const gunzip = createGunzip({ chunkSize: 1 << 16 });
		source.on('error', (error) => gunzip.destroy(error));
		stream = source.pipe(gunzip);
	}
	let utf16: TextDecoder | null = null;
	let first = true;
	try {
		for await (const chunk of stream as AsyncIterable<Buffer>) {
			if (first) {
				first = false;
				const order = chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf-16le' : chunk[0] === 0xfe && chunk[1] === 0xff ? 'utf-16be' : sniffBomlessUtf16(chunk);
				if (order) {
					utf16 = new TextDecoder(order);
					yield UTF8_BOM;
				} else {
					const binary = detectBinary(chunk);
					if (binary) throw new NotAnArticleError(`is not a feed (looks like ${binary}). Remove it from the content folder`, 'binary');
				}
			}
			const bytes = utf16 ? Buffer.from(utf16.decode(chunk, { stream: true }), 'utf8') : chunk;
			for (let at = 0; at < bytes.length; at += WRITE_BYTES) yield bytes.subarray(at, at + WRITE_BYTES);
		}
		if (utf16) yield Buffer.from(utf16.decode(), 'utf8');
	} finally {
		stream.destroy();
		source.destroy();
	}
}

/** `item 1 (…)` → `item 7 (…)`: a one-item document numbers its item 1, and a cached item may have moved in the feed. */
function renumber(label: string, item: number): string {
	return label.replace(/^item \d+/, `item ${item}`);
}

/** Reads a feed; see the module comment. Never throws for a bad feed. */
export async function importFeed(file: string, options: FeedOptions): Promise<FeedImport> {
	const queue = options.queue ?? new ExtractQueue(options);
	const items: StreamedItem[] = [];
	const problems: FeedImport['problems'] = [];
	const note = (severity: IngestProblem['severity'], kind: ProblemKind, message: string) => problems.push({ severity, kind, message });
	const warned = new Set<string>();
	// A one-item document gives its item's outcome, plus warnings about the file (its charset): those are said once.
	const settle = (slot: StreamedItem, outcome: CachedParse) => {
		if (outcome.ok !== 'items') {
			slot.outcome = outcome;
			return;
		}
		for (const w of outcome.warnings) {
			if (warned.has(w.message)) continue;
			warned.add(w.message);
			note('warning', w.kind, w.message);
		}
		const only = outcome.items[0];
		slot.outcome = only?.outcome ?? { ok: false, kind: 'empty', message: 'could not be read as a feed item' };
		if (only) slot.label = renumber(only.label, slot.item);
	};
	const splitter = new FeedSplitter({ maxItemBytes: options.maxItemBytes });
	const take = async (piece: FeedPiece) => {
		const slot: StreamedItem = { item: piece.item, label: `item ${piece.item}`, digest: '', outcome: NOT_READ };
		items.push(slot);
		if ('tooLarge' in piece) {
			slot.outcome = { ok: false, kind: 'too-large', message: `is ${(piece.tooLarge / 1048576).toFixed(0)} MB, over the ${(options.maxItemBytes ?? MAX_ITEM_BYTES) / 1048576} MB limit for one item` };
			return;
		}
		slot.digest = `feed:${splitter.digest(piece.body)}`;
		const cached = options.cache.get(slot.digest);
		if (cached) settle(slot, cached);
		else await queue.add({ file, bytes: splitter.document(piece.body), feedItem: true }, slot.digest, (outcome) => settle(slot, outcome));
	};

	try {
		for await (const chunk of feedChunks(file)) {
			for (const piece of splitter.write(chunk)) await take(piece);
			if (splitter.stopped) break;
		}
		for (const piece of splitter.end()) await take(piece);
		const damage = splitter.damage();
		if (damage) note('warning', 'broken-feed', damage);
	} catch (error) {
		if (error instanceof NotAnArticleError) note('error', error.kind, `${error.message}; no page was made`);
		else {
			const code = (error as NodeJS.ErrnoException).code ?? '';
			const read = items.length;
			if (/^Z_|ERR_ZLIB|ERR_BUFFER/.test(code) || /gzip|zlib|unexpected end of file|incorrect header/i.test((error as Error).message)) {
				if (read) note('warning', 'broken-feed', `is gzip-compressed and damaged after item ${read} (${(error as Error).message}): the ${read} items before were imported. Fetch the feed again`);
				else note('error', 'binary', `is gzip-compressed but does not inflate (${(error as Error).message}); it is damaged or not a feed. Replace it with an intact copy; no page was made`);
			} else note('error', 'unreadable', `could not be read (${code || (error as Error).message}); check the file's permissions${read ? `. The ${read} items before the failure were imported` : '; no page was made'}`);
		}
	}
	if (!options.queue) await queue.finish();
	return { items, problems };
}
