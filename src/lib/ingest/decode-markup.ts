/**
 * Bytes of a saved web page or feed → text, honouring the charset the way a browser
 * does: byte-order mark, then the HTTP header (a WARC record's Content-Type), then the
 * document's own declaration (`<meta charset>`, `http-equiv`, `<?xml encoding?>`), then
 * a sniff (valid UTF-8, else Windows-1252). A declaration that the bytes plainly
 * contradict (Latin-1 declared, valid multi-byte UTF-8 found) loses, with a warning.
 */
import { gunzipSync } from 'node:zlib';
import { decodeArticleBytes, detectBinary } from './decode-bytes.ts';
import { NotAnArticleError } from './errors.ts';

/** Result of {@link decodeMarkupBytes}. */
export interface DecodedMarkup {
	/** The decoded text. */
	text: string;
	/** WHATWG name of the encoding used. */
	encoding: string;
	/** Set when the declared charset was missing, unknown or wrong: what happened, for a warning. */
	warning?: string;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
/** Bytes of a prescan: browsers look for `<meta charset>` in the first 1024 bytes; pages with long heads put it later. */
const PRESCAN_BYTES = 4096;
/** A gzip body inflates to at most this much; more is a zip bomb, not a page. */
const MAX_INFLATED_BYTES = 50 * 1024 * 1024;

/** The charset named in a Content-Type value (`text/html; charset=gb2312`), if any. */
export function charsetFromContentType(contentType: string | null | undefined): string | undefined {
	const match = /;\s*charset\s*=\s*["']?([^"';,\s]+)/i.exec(contentType ?? '');
	return match?.[1];
}

/** The charset a document declares in its first bytes (`<meta charset>`, `http-equiv`, XML declaration). */
function declaredCharset(bytes: Uint8Array): string | undefined {
	const head = new TextDecoder('latin1').decode(bytes.subarray(0, PRESCAN_BYTES));
	const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
	if (xml) return xml[1];
	const meta = /<meta\s[^>]*?\bcharset\s*=\s*["']?([^"'\s/>;]+)/i.exec(head);
	return meta?.[1];
}

/** A TextDecoder for a charset label, or undefined when the label is unknown. */
function decoderFor(label: string): TextDecoder | undefined {
	try {
		return new TextDecoder(label.trim().toLowerCase());
	} catch {
		return undefined;
	}
}

function hasNonAscii(bytes: Uint8Array): boolean {
	for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
	return false;
}

/** Gzip-compressed bytes (a feed saved without decompressing) are inflated; other binary is refused. */
function inflateIfGzip(bytes: Uint8Array): Uint8Array {
	if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
	try {
		return gunzipSync(bytes, { maxOutputLength: MAX_INFLATED_BYTES });
	} catch (error) {
		throw new NotAnArticleError(`is gzip-compressed but does not inflate (${(error as Error).message}); it is damaged or not a page. Replace it with an intact copy`, 'binary');
	}
}

/**
 * Decodes a page or feed. `contentType` is the HTTP header when known (WARC records).
 * @throws NotAnArticleError for binary content.
 */
export function decodeMarkupBytes(input: Uint8Array, contentType?: string | null): DecodedMarkup {
	const bytes = inflateIfGzip(input);
	// BOMs and UTF-16 win over any declaration, as in browsers.
	if ((bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
		const decoded = decodeArticleBytes(bytes);
		return { text: decoded.text, encoding: decoded.encoding, warning: decoded.fallback ? 'is marked UTF-8 but is not; read as Windows-1252' : undefined };
	}
	const binary = detectBinary(bytes);
	if (binary) throw new NotAnArticleError(`is not a web page or feed (looks like ${binary}). Remove it from the content folder`, 'binary');

	const header = charsetFromContentType(contentType);
	const declared = header ?? declaredCharset(bytes);
	const where = header ? 'its HTTP header' : 'the page';
	if (declared) {
		const decoder = decoderFor(declared);
		if (decoder) {
			if (decoder.encoding === 'utf-8') {
				try {
					return { text: utf8Strict.decode(bytes), encoding: 'utf-8' };
				} catch {
					return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252', warning: `declares UTF-8 in ${where} but is not UTF-8; read as Windows-1252. Check accented letters on its page` };
				}
			}
			// A single-byte Latin charset declared over bytes that are valid multi-byte UTF-8 is a stale declaration.
			if (/^(windows-1252|iso-8859-1|iso-8859-15|us-ascii)$/.test(decoder.encoding) && hasNonAscii(bytes)) {
				try {
					return { text: utf8Strict.decode(bytes), encoding: 'utf-8', warning: `declares ${declared} in ${where} but its bytes are UTF-8; read as UTF-8` };
				} catch {
					// Really Latin: fall through to the declared decoder.
				}
			}
			return { text: decoder.decode(bytes), encoding: decoder.encoding };
		}
		const sniffed = sniff(bytes);
		return { ...sniffed, warning: `declares an unknown charset "${declared}" in ${where}; read as ${sniffed.encoding}${sniffed.warning ? ` (${sniffed.warning})` : ''}` };
	}
	return sniff(bytes);
}

function sniff(bytes: Uint8Array): DecodedMarkup {
	try {
		return { text: utf8Strict.decode(bytes), encoding: 'utf-8' };
	} catch {
		return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252', warning: 'declares no charset and is not UTF-8; read as Windows-1252. Check accented letters on its page' };
	}
}
