/**
 * One file's bytes → a parse outcome (article, or the reason there is none).
 * Shared by the in-thread path and the worker threads.
 */
import path from 'node:path';
import { decodeArticleBytes } from './decode-bytes.ts';
import { NotAnArticleError } from './errors.ts';
import { fingerprintBody } from './find-duplicates.ts';
import { importFeedItemBytes, importFileBytes, importRecordBytes, type RecordContext } from './import-file.ts';
import { parseArticle, type ParseOptions } from './parse-article.ts';
import type { CachedParse } from './parse-cache.ts';
import type { ParseJob } from './parse-in-workers.ts';
import { parseMarkdownArticle } from './parse-markdown.ts';
import type { ProblemKind } from './types.ts';

/** File endings read as Markdown with optional front matter. */
export const MARKDOWN_EXTENSIONS = ['.md', '.markdown'];

/**
 * Decodes and parses one file's bytes (or, with `record`, one archived web page);
 * a bad file becomes a failed outcome, never an exception.
 */
export function parseFileBytes(file: string, bytes: Uint8Array, options: ParseOptions = {}, record?: RecordContext): CachedParse {
	if (record) return importRecordBytes(bytes, record, options);
	const imported = importFileBytes(path.extname(file).toLowerCase(), bytes, options);
	if (imported) return imported;
	const warnings: { message: string; kind: ProblemKind }[] = [];
	try {
		const decoded = decodeArticleBytes(bytes);
		if (decoded.fallback) warnings.push({ kind: 'encoding', message: 'is not valid UTF-8; read as Windows-1252 (Latin-1). Check accented letters on its page, or save it as UTF-8' });
		const ext = path.extname(file).toLowerCase();
		const parse = MARKDOWN_EXTENSIONS.includes(ext) ? parseMarkdownArticle : parseArticle;
		const article = parse(decoded.text, { ...options, onWarning: (message, kind) => warnings.push({ message, kind }) });
		return { ok: true, article, warnings, fingerprint: fingerprintBody(article.paragraphs) };
	} catch (error) {
		if (error instanceof NotAnArticleError) return { ok: false, message: error.message, kind: error.kind };
		// A parser bug must not stop the build: report it against the file.
		return { ok: false, kind: 'unreadable', message: `could not be parsed (${(error as Error).message}); please report this with the file attached` };
	}
}


/** Parses one job of the worker protocol: a file, an archived page or a feed item. */
export function parseJob(job: ParseJob, options: ParseOptions = {}): CachedParse {
	if (job.feedItem) return importFeedItemBytes(job.bytes, options);
	return parseFileBytes(job.file, job.bytes, options, job.record);
}
