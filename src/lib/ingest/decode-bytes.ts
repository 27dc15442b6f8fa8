/**
 * Bytes → text. Scraped files arrive in whatever encoding the scraper saved:
 * UTF-8 with or without BOM, UTF-16 with BOM, or legacy Latin-1/Windows-1252.
 * Binary files (images, PDFs, archives) are refused rather than turned into mojibake pages.
 */
import { NotAnArticleError } from './errors.ts';

/** The encoding a file was read with. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Result of {@link decodeArticleBytes}. */
export interface DecodedText {
	/** The decoded text, BOM removed (line ends and control characters untouched; see `normalizeText`). */
	text: string;
	/** How the bytes were read. */
	encoding: TextEncodingName;
	/** True when the bytes were not valid UTF-8 and were read as Windows-1252 instead (worth a warning). */
	fallback: boolean;
}

// Decoders are stateless between calls; building them once saves work on every file.
const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf16le = new TextDecoder('utf-16le', { ignoreBOM: true });
const utf16be = new TextDecoder('utf-16be', { ignoreBOM: true });
// WHATWG maps "latin1"/"iso-8859-1" to windows-1252 too: every byte decodes, nothing throws.
const windows1252 = new TextDecoder('windows-1252');

/** Leading bytes of common binary formats that could be misnamed `.txt`. */
const MAGIC: readonly (readonly [string, readonly number[]])[] = [
	['PDF document', [0x25, 0x50, 0x44, 0x46]],
	['PNG image', [0x89, 0x50, 0x4e, 0x47]],
	['JPEG image', [0xff, 0xd8, 0xff]],
	['GIF image', [0x47, 0x49, 0x46, 0x38]],
	['ZIP archive (or Office document)', [0x50, 0x4b, 0x03, 0x04]],
	['gzip archive', [0x1f, 0x8b]],
	['ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
	['old Office document', [0xd0, 0xcf, 0x11, 0xe0]],
	['WebP/RIFF media', [0x52, 0x49, 0x46, 0x46]],
	['SQLite database', [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65]],
];

/** How many leading bytes are inspected for binary content: enough to judge, cheap for 5 MB files. */
const SNIFF_BYTES = 8192;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
	if (bytes.length < prefix.length) return false;
	for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
	return true;
}

/**
 * Guesses UTF-16 without a BOM from the NUL pattern of ASCII text (every other byte zero).
 * Returns the byte order, or undefined.
 */
export function sniffBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
	const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
	if (n < 4) return undefined;
	let evenNul = 0;
	let oddNul = 0;
	for (let i = 0; i < n; i += 2) {
		if (bytes[i] === 0) evenNul++;
		if (bytes[i + 1] === 0) oddNul++;
	}
	const pairs = n / 2;
	if (oddNul > pairs * 0.6 && evenNul < pairs * 0.05) return 'utf-16le';
	if (evenNul > pairs * 0.6 && oddNul < pairs * 0.05) return 'utf-16be';
	return undefined;
}

/** Share of control bytes (other than tab, LF, FF, CR, ESC) in the first {@link SNIFF_BYTES} bytes. */
function controlRatio(bytes: Uint8Array): number {
	const n = Math.min(bytes.length, SNIFF_BYTES);
	if (n === 0) return 0;
	let control = 0;
	for (let i = 0; i < n; i++) {
		const b = bytes[i]!;
		// Tab, LF, FF, CR and ESC turn up in real text files; other C0 bytes hardly ever.
		if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) control++;
	}
	return control / n;
}

/**
 * Names the binary format of `bytes`, or returns undefined for text. Text may hold a
 * few stray NULs or control characters (they are removed later); binary has many.
 */
export function detectBinary(bytes: Uint8Array): string | undefined {
	for (const [name, magic] of MAGIC) if (startsWith(bytes, magic)) return name;
	if (controlRatio(bytes) > 0.1) return 'binary data (many control bytes)';
	return undefined;
}

/**
 * Decodes an article file's bytes.
 * @throws NotAnArticleError for binary content (the message names the format).
 */
export function decodeArticleBytes(bytes: Uint8Array): DecodedText {
	if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
		const body = bytes.subarray(3);
		try {
			return { text: utf8Strict.decode(body), encoding: 'utf-8', fallback: false };
		} catch {
			return { text: windows1252.decode(body), encoding: 'windows-1252', fallback: true };
		}
	}
	if (startsWith(bytes, [0xff, 0xfe])) return { text: utf16le.decode(bytes.subarray(2)), encoding: 'utf-16le', fallback: false };
	if (startsWith(bytes, [0xfe, 0xff])) return { text: utf16be.decode(bytes.subarray(2)), encoding: 'utf-16be', fallback: false };
	const utf16 = sniffBomlessUtf16(bytes);
	if (utf16) return { text: (utf16 === 'utf-16le' ? utf16le : utf16be).decode(bytes), encoding: utf16, fallback: false };

	const binary = detectBinary(bytes);
	if (binary) {
		throw new NotAnArticleError(`is not text (looks like ${binary}); only plain-text and Markdown articles can be read. Remove it from the content folder`, 'binary');
	}
	try {
		return { text: utf8Strict.decode(bytes), encoding: 'utf-8', fallback: false };
	} catch {
		// Not UTF-8. Legacy Latin-1 text has next to no control bytes; random or compressed
		// data has about one in ten, so a lower bar applies than for valid UTF-8.
		if (controlRatio(bytes) > 0.01) {
			throw new NotAnArticleError('is not text (binary data: not UTF-8 and full of control bytes); only plain-text and Markdown articles can be read. Remove it from the content folder', 'binary');
		}
		return { text: windows1252.decode(bytes), encoding: 'windows-1252', fallback: true };
	}
}
