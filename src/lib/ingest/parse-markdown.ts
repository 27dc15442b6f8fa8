/**
 * Hand-written Markdown articles with YAML front matter → ParsedArticle.
 * Same output shape as scraped text, so they share slugs, duplicates and reports;
 * the body stays Markdown and is rendered by the sanitising pipeline.
 */
import { NotAnArticleError } from './errors.ts';
import { readFrontMatterFields, splitFrontMatter } from './front-matter.ts';
import { countWords, estimateReadingMinutes, normalizeText, summarize } from './normalize-text.ts';
import type { ParseOptions } from './parse-article.ts';
import { markdownNodeText, markdownParagraphs, parseMarkdown } from './render-article.ts';
import type { ParsedArticle } from './types.ts';

/**
 * Parses a Markdown article. Title from front matter, else the first heading or a
 * short first paragraph (then removed from the body). Date only from front matter, and only when complete.
 * @throws NotAnArticleError when front matter is broken or no title or body remains.
 */
export function parseMarkdownArticle(text: string, options: ParseOptions = {}): ParsedArticle {
	const normalized = normalizeText(text).replace(/^\uFEFF/, '');
	if (!normalized.trim()) {
		throw new NotAnArticleError(text.length === 0 ? 'is empty; add the article or remove the file' : 'holds only whitespace; add the article or remove the file', 'empty');
	}
	const split = splitFrontMatter(normalized);
	const fields = readFrontMatterFields(split?.data ?? {}, options.onWarning);
	let markdown = (split?.body ?? normalized).trim();
	let title = fields.title;
	let tree = parseMarkdown(markdown);
	if (!title) {
		const first = tree.children[0];
		// Same rule as plain text when there is no heading: a short first paragraph followed by more text is the headline.
		const headlineLike = first?.type === 'paragraph' && tree.children.length > 1 && markdownNodeText(first).length <= 200;
		if (first?.type === 'heading' || headlineLike) {
			title = markdownNodeText(first).replace(/\s+/g, ' ').trim() || null;
			const end = first.position?.end.offset;
			if (title && end !== undefined) {
				markdown = markdown.slice(end).trim();
				tree = parseMarkdown(markdown);
			}
		}
	}
	if (!title) {
		throw new NotAnArticleError('has no title and no body; add `title: …` to the front matter or start the text with a `# Heading`, then the article text', 'title-only');
	}
	const paragraphs = markdownParagraphs(tree);
	if (!paragraphs.length) throw new NotAnArticleError('has a title but no article text; add the body or remove the file', 'title-only');

	const wordCount = paragraphs.reduce((n, p) => n + countWords(p), 0);
	return {
		title,
		date: fields.date,
		author: fields.author,
		source: fields.source,
		dateline: null,
		summary: fields.summary ?? summarize(paragraphs),
		paragraphs,
		wordCount,
		readingMinutes: estimateReadingMinutes(wordCount, options.wordsPerMinute),
		tags: fields.tags,
		sourceRelated: [],
		format: 'markdown',
		markdown,
		trailingRelated: 0,
	};
}
