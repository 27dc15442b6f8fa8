/**
 * Writes web archives with warcio, the way crawlers store news pages (a request and
 * a response record per page, as in Common Crawl's CC-NEWS). Used by the tests (small
 * archives built from hand-written pages) and by `npm run bench -- --archive N`.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { WARCRecord, WARCSerializer } from 'warcio';

/** One page to archive. */
export interface ArchivedPage {
	/** The URL it was fetched from. */
	url: string;
	/** The response body. */
	body: Uint8Array | string;
	/** HTTP Content-Type (default `text/html; charset=utf-8`). */
	contentType?: string;
	/** HTTP status line (default `HTTP/1.1 200 OK`). */
	statusline?: string;
	/** Also write the request record before the response (default true). */
	withRequest?: boolean;
	/** Record type (default `response`). */
	type?: 'response' | 'resource' | 'metadata' | 'revisit';
}

const encoder = new TextEncoder();

async function* once_(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
	yield bytes;
}

/** The serialised records (request, then response) of one page. */
export async function serializePage(page: ArchivedPage, gzip: boolean): Promise<Uint8Array[]> {
	const date = '2024-03-14T08:00:00Z';
	const out: Uint8Array[] = [];
	if (page.withRequest ?? true) {
		const request = WARCRecord.create({ url: page.url, date, type: 'request', warcVersion: 'WARC/1.1', statusline: `GET ${new URL(page.url).pathname} HTTP/1.1`, httpHeaders: { Host: new URL(page.url).host } }, once_(new Uint8Array(0)));
		out.push(await WARCSerializer.serialize(request, { gzip }));
	}
	const body = typeof page.body === 'string' ? encoder.encode(page.body) : page.body;
	const type = page.type ?? 'response';
	const record = WARCRecord.create(
		{
			url: page.url,
			date,
			type,
			warcVersion: 'WARC/1.1',
			statusline: page.statusline ?? 'HTTP/1.1 200 OK',
			httpHeaders: type === 'response' || type === 'revisit' ? { 'Content-Type': page.contentType ?? 'text/html; charset=utf-8' } : undefined,
			warcHeaders: type === 'resource' || type === 'metadata' ? { 'Content-Type': page.contentType ?? 'text/html' } : undefined,
		},
		once_(body),
	);
	out.push(await WARCSerializer.serialize(record, { gzip }));
	return out;
}

/** Writes `pages` to one archive file (`gzip`: one gzip member per record, like `.warc.gz`). */
export async function writeWarc(file: string, pages: Iterable<ArchivedPage> | AsyncIterable<ArchivedPage>, gzip: boolean): Promise<number> {
	const stream = createWriteStream(file);
	let bytes = 0;
	for await (const page of pages) {
		for (const chunk of await serializePage(page, gzip)) {
			bytes += chunk.length;
			if (!stream.write(chunk)) await once(stream, 'drain');
		}
	}
	stream.end();
	await once(stream, 'finish');
	return bytes;
}
