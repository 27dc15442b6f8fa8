/**
 * A web archive (`.warc`, `.warc.gz`, as Common Crawl's CC-NEWS, Heritrix, wget and
 * browsertrix write them) → one article per HTML response record that holds one.
 *
 * Streamed with warcio: one record is in memory at a time, plus a bounded number of
 * batches waiting for extraction (`extract-queue.ts`), so memory does not grow with the
 * file. Extraction runs on a pool of workers (both cores of a 2-core machine) once there
 * are enough records to be worth it, and is cached by record digest, so a rebuild reads
 * the archive again but extracts nothing that did not change.
 *
 * Damage is named, never fatal: a file cut off mid-record keeps the records before the
 * cut; a Content-Length that is too small or too large is reported against its record;
 * gzip garbage or bytes that are not a WARC record stop the reading there, keeping what
 * came before. Request, metadata, revisit, non-HTML, redirect and error records are
 * skipped and counted.
 */
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { WARCParser, type WARCRecord } from 'warcio';
import { ExtractQueue, type QueueOptions, type StreamedItem } from './extract-queue.ts';
import type { IngestProblem, ProblemKind } from './types.ts';

/** A single page above this size is refused, as for files. */
const MAX_RECORD_BYTES = 20 * 1024 * 1024;

const EMPTY = new Uint8Array(0);
const decoder = new TextDecoder();

/**
 * warcio's parser, with one change: where it only warns on the console that a record is
 * not followed by the blank line its Content-Length promises, this one counts it, so the
 * report can name the record.
 */
class CheckedWARCParser extends WARCParser {
	/** Records (1-based) whose Content-Length was too small, with the bytes left over. */
	readonly shortRecords: { record: number; leftover: number }[] = [];
	/** Records read so far. */
	records = 0;

	override async readToNextRecord(): Promise<Uint8Array | null> {
		// Same steps as warcio 2.4's WARCParser.readToNextRecord, recording instead of warning.
		if (!this._reader || !this._record) return EMPTY;
		await (this._record as unknown as { skipFully(): Promise<unknown> }).skipFully();
		if (this._reader.compressed) this._offset = this._reader.getRawOffset();
		let nextline = await this._reader.readlineRaw();
		if (!nextline) nextline = EMPTY;
		else {
			let lineLen = nextline.byteLength - 1;
			if (lineLen === 9 && decoder.decode(nextline).startsWith('WARC/')) return nextline;
			while (lineLen > 0) {
				const c = nextline[lineLen - 1];
				if (c !== 10 && c !== 13) break;
				lineLen--;
			}
			if (lineLen) this.shortRecords.push({ record: this.records, leftover: lineLen });
		}
		if (this._reader.compressed) {
			await this._reader.skipSize(2);
			nextline = EMPTY;
		} else {
			nextline = await this._reader.readlineRaw();
			while (nextline && nextline.byteLength === 2) nextline = await this._reader.readlineRaw();
			this._offset = this._reader.getRawOffset();
			if (nextline) this._offset -= nextline.length;
		}
		return nextline;
	}
}

/** Options for {@link importArchive}: the cache, parse settings and workers of its extraction queue. */
export interface ArchiveOptions extends QueueOptions {
	/**
	 * A queue shared with other streamed files; the caller then calls its `finish`, and
	 * record outcomes are complete only after that. Without one, the archive gets its
	 * own queue and is complete on return.
	 */
	queue?: ExtractQueue;
}

/** One record's outcome, with the digest the corpus step knows it by. */
export type ArchiveItem = StreamedItem;

/** What an archive gave: record outcomes in archive order, and problems with the archive as a whole. */
export interface ArchiveImport {
	/** HTML response records, each an article or a named failure. */
	items: ArchiveItem[];
	/** Damage and skipped-record counts (their `file` is filled in by the caller). */
	problems: Omit<IngestProblem, 'file'>[];
	/** Records read in all (every type). */
	records: number;
}

/** The payload of a record whose Content-Length ran into the next record holds that record's header. */
const SWALLOWED_HEADER = /\r?\nWARC\/1\.[01]\r?\nWARC-/;

/** The file's size and whether it starts like gzip. */
export async function readHead(file: string): Promise<{ size: number; gzip: boolean }> {
	const handle = await fs.open(file, 'r');
	try {
		const { size } = await handle.stat();
		const bytes = new Uint8Array(2);
		await handle.read(bytes, 0, 2, 0);
		return { size, gzip: bytes[0] === 0x1f && bytes[1] === 0x8b };
	} finally {
		await handle.close();
	}
}

/** Reads an archive; see the module comment. Never throws for a bad archive. */
export async function importArchive(file: string, options: ArchiveOptions): Promise<ArchiveImport> {
	const problems: ArchiveImport['problems'] = [];
	const note = (severity: IngestProblem['severity'], kind: ProblemKind, message: string) => problems.push({ severity, kind, message });
	const skipped = new Map<string, number>();
	const skip = (why: string) => skipped.set(why, (skipped.get(why) ?? 0) + 1);
	const slots: ArchiveItem[] = [];
	const queue = options.queue ?? new ExtractQueue(options);

	let head: { size: number; gzip: boolean };
	try {
		head = await readHead(file);
	} catch (error) {
		note('error', 'unreadable', `could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the file's permissions`);
		return { items: [], problems, records: 0 };
	}
	const stream = createReadStream(file, { highWaterMark: 1 << 20 });
	const parser = new CheckedWARCParser(stream);
	let lastGood = 0;
	let stopped = false;
	try {
		for await (const record of parser as AsyncIterable<WARCRecord>) {
			parser.records++;
			const n = parser.records;
			if (!/^WARC\/\d/.test(record.warcHeaders.statusline)) {
				note('error', 'broken-archive', `is damaged after record ${lastGood}: what follows is not a WARC record (gzip garbage, or a wrong Content-Length before it). The ${lastGood} records before were read; the rest of the file was not`);
				stopped = true;
				break;
			}
			lastGood = n;
			const type = record.warcType ?? 'untyped';
			if (type !== 'response') {
				skip(type);
				continue;
			}
			const http = record.httpHeaders;
			const contentType = http?.headers.get('content-type') ?? null;
			const status = Number(http?.statusCode) || null;
			if (!contentType || !/\b(?:text\/html|application\/xhtml\+xml)\b/i.test(contentType)) {
				skip('non-HTML');
				continue;
			}
			if (status && status >= 300 && status < 400) {
				skip('redirect');
				continue;
			}
			if (status && status >= 400) {
				skip('error-status');
				continue;
			}
			const url = record.warcTargetURI ?? null;
			const payload = await record.readFully(true);
			const limit = (record as unknown as { _reader?: { limit?: number } })._reader?.limit ?? 0;
			const label = `record ${n}${url ? ` (${url})` : ''}`;
			if (limit > 0) {
				const before = n === 1 ? 'there were no records before it' : `the ${n - 1} records before it were read`;
				note('error', 'broken-archive', `is cut off inside ${label}, ${limit} bytes short of its Content-Length: ${before}; this one and any after it were lost. Fetch or copy the archive again`);
				stopped = true;
				break;
			}
			if (payload.length === 0) {
				slots.push({ item: n, label, digest: '', outcome: { ok: false, kind: 'empty', message: 'has an empty HTTP body (a failed capture, or a damaged or mis-sized record)' } });
				continue;
			}
			if (payload.length > MAX_RECORD_BYTES) {
				slots.push({ item: n, label, digest: '', outcome: { ok: false, kind: 'too-large', message: `is ${(payload.length / 1048576).toFixed(0)} MB, over the 20 MB limit for one page` } });
				continue;
			}
			if (SWALLOWED_HEADER.test(decoder.decode(payload.subarray(Math.max(0, payload.length - 65536))))) {
				note('warning', 'broken-archive', `${label} has a Content-Length larger than the record: it runs into the next record, which was lost with it`);
			}
			const digest = `warc:${createHash('sha1').update(payload).update(`\u0000${url}\u0000${contentType}\u0000${status}`).digest('hex')}`;
			const cached = options.cache.get(digest);
			const slot: ArchiveItem = { item: n, label, digest, outcome: cached && cached.ok !== 'items' ? cached : { ok: false, kind: 'unreadable', message: 'was not extracted' } };
			slots.push(slot);
			if (cached && cached.ok !== 'items') continue;
			await queue.add({ file, bytes: payload, record: { url, contentType, status } }, digest, (outcome) => {
				if (outcome.ok !== 'items') slot.outcome = outcome; // a record is one page; never a list
			});
		}
		// A gzipped archive must end where its last member ends; warcio stops quietly at a cut member or at garbage.
		if (!stopped && head.gzip) {
			const reader = parser._reader;
			if (reader.compressed !== 'gzip') {
				note('error', 'broken-archive', `holds bytes that are not gzip after record ${parser.records} (garbage appended, or a damaged member): the ${parser.records} records before were read, the rest was not`);
			} else if (reader.getRawOffset() < head.size) {
				note('error', 'broken-archive', `is cut off after record ${parser.records}: its last ${head.size - reader.getRawOffset()} bytes are an incomplete gzip member (a record lost at the cut). The ${parser.records} records before were read. Fetch or copy the archive again`);
			}
		}
	} catch (error) {
		note('error', 'broken-archive', `could not be read past record ${parser.records} (${(error as Error).message}): it is damaged or not a WARC file. The records before were read`);
	} finally {
		stream.destroy();
	}
	if (!options.queue) await queue.finish();

	for (const { record, leftover } of parser.shortRecords) {
		const item = slots.find((s) => s.item === record);
		note('warning', 'broken-archive', `${item ? item.label : `record ${record}`} has a Content-Length ${leftover} bytes smaller than its content; it was read as far as the length says and the archive was read on from there`);
	}
	if (parser.records === 0 && !problems.length) note('error', 'empty', 'holds no WARC records; nothing to import');
	if (skipped.size) {
		const total = [...skipped.values()].reduce((a, b) => a + b, 0);
		const parts = [...skipped].sort(([a], [b]) => (a < b ? -1 : 1)).map(([why, count]) => `${count} ${why}`);
		note('warning', 'skipped-records', `${total} of its ${parser.records} records hold no article page and were skipped (${parts.join(', ')})`);
	}
	return { items: slots, problems, records: parser.records };
}
