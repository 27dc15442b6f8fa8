/**
 * Hand-written Markdown articles with YAML front matter → ParsedArticle.
 * Same output shape as scraped text, so they share slugs, duplicates and reports;
 * the body stays Markdown and is rendered by the sanitising pipeline.
 */
import { parse as parseYaml } from 'yaml';
import { parseFrontMatterDate } from './detect-date.ts';
import { NotAnArticleError } from './errors.ts';
import { countWords, estimateReadingMinutes, normalizeText, summarize } from './normalize-text.ts';
import type { ParseOptions } from './parse-article.ts';
import { markdownNodeText, markdownParagraphs, parseMarkdown } from './render-article.ts';
import type { ParsedArticle } from './types.ts';

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

/** Front matter fields the ingest reads; others are ignored. */
export interface FrontMatter {
	title?: unknown;
	date?: unknown;
	author?: unknown;
	source?: unknown;
	tags?: unknown;
	summary?: unknown;
	description?: unknown;
}

/**
 * Splits YAML front matter from a Markdown document.
 * @throws NotAnArticleError (kind `front-matter`) when the YAML does not parse or is not a mapping.
 */
export function splitFrontMatter(text: string): { data: FrontMatter; body: string } {
	const m = FRONT_MATTER.exec(text);
	if (!m) return { data: {}, body: text };
	let data: unknown;
	try {
		data = parseYaml(m[1]!);
	} catch (error) {
		const reason = (error as Error).message.split('\n')[0];
		throw new NotAnArticleError(`has front matter that is not valid YAML (${reason}); fix the block between the --- lines`, 'front-matter');
	}
	if (data === null || data === undefined) data = {};
	if (typeof data !== 'object' || Array.isArray(data)) {
		throw new NotAnArticleError('has front matter that is not a list of `key: value` fields; write e.g. `title: My headline` between the --- lines', 'front-matter');
	}
	return { data: data as FrontMatter, body: text.slice(m[0].length) };
}

function asText(value: unknown): string | null {
	if (typeof value === 'string') return value.replace(/\s+/g, ' ').trim() || null;
	if (typeof value === 'number') return String(value);
	return null;
}

function asTags(value: unknown): string[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return [...new Set(list.map(asText).filter((t): t is string => t !== null))];
}

/**
 * Parses a Markdown article. Title from front matter, else the first heading (then
 * removed from the body). Date only from front matter, and only when complete.
 * @throws NotAnArticleError when front matter is broken or no title or body remains.
 */
export function parseMarkdownArticle(text: string, options: ParseOptions = {}): ParsedArticle {
	const normalized = normalizeText(text).replace(/^\uFEFF/, '');
	if (!normalized.trim()) {
		throw new NotAnArticleError(text.length === 0 ? 'is empty; add the article or remove the file' : 'holds only whitespace; add the article or remove the file', 'empty');
	}
	const { data, body } = splitFrontMatter(normalized);
	let markdown = body.trim();
	let title = asText(data.title);
	let tree = parseMarkdown(markdown);
	if (!title) {
		const first = tree.children[0];
		if (first?.type === 'heading') {
			title = markdownNodeText(first).replace(/\s+/g, ' ').trim() || null;
			const end = first.position?.end.offset;
			if (title && end !== undefined) {
				markdown = markdown.slice(end).trim();
				tree = parseMarkdown(markdown);
			}
		}
	}
	if (!title) {
		throw new NotAnArticleError('has no title; add `title: …` to the front matter or start the text with a `# Heading`', 'title-only');
	}
	const paragraphs = markdownParagraphs(tree);
	if (!paragraphs.length) throw new NotAnArticleError('has a title but no article text; add the body or remove the file', 'title-only');

	const date = parseFrontMatterDate(data.date);
	if (data.date !== undefined && data.date !== null && date === null) {
		options.onWarning?.(`front matter date ${JSON.stringify(String(data.date))} is not a complete date; write it as YYYY-MM-DD. The article is shown undated`, 'front-matter');
	}
	const wordCount = paragraphs.reduce((n, p) => n + countWords(p), 0);
	return {
		title,
		date,
		author: asText(data.author),
		source: asText(data.source),
		dateline: null,
		summary: asText(data.summary) ?? asText(data.description) ?? summarize(paragraphs),
		paragraphs,
		wordCount,
		readingMinutes: estimateReadingMinutes(wordCount, options.wordsPerMinute),
		tags: asTags(data.tags),
		sourceRelated: [],
		format: 'markdown',
		markdown,
		trailingRelated: 0,
	};
}
