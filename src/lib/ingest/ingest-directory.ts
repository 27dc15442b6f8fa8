/**
 * Content folder → IngestResult: finds article files, parses and renders each,
 * names them and folds duplicates. Every file ends as an article or a problem.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { NotAnArticleError, parseArticle, type ParseOptions } from './parse-article.ts';
import { renderParagraphs } from './render-article.ts';
import { assignUniqueSlugs } from './slugify-title.ts';
import type { IngestedArticle, IngestProblem, IngestResult, ParsedArticle } from './types.ts';

/** File endings read as articles. */
export const ARTICLE_EXTENSIONS = ['.txt', '.md', '.markdown', '.text'];

/** Options for {@link ingestDirectory}. */
export type IngestOptions = ParseOptions;

/** Lists article files below `dir`, relative with `/` separators, sorted; hidden and out-of-folder files become problems. */
export async function listArticleFiles(dir: string): Promise<{ files: string[]; problems: IngestProblem[] }> {
	const root = await fs.realpath(dir);
	const files: string[] = [];
	const problems: IngestProblem[] = [];
	async function walk(relDir: string): Promise<void> {
		const entries = await fs.readdir(path.join(root, relDir), { withFileTypes: true });
		for (const entry of entries) {
			const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
			if (entry.name.startsWith('.')) continue; // hidden files: editors' swap files, .DS_Store
			const abs = path.join(root, rel);
			if (entry.isSymbolicLink()) {
				const target = await fs.realpath(abs).catch(() => null);
				if (!target || !(target === root || target.startsWith(root + path.sep))) {
					problems.push({ file: rel, severity: 'error', message: 'symbolic link pointing outside the content folder (or broken); not read. Copy the file into the folder instead.' });
					continue;
				}
				const stat = await fs.stat(target);
				if (stat.isDirectory()) await walk(rel);
				else if (stat.isFile()) files.push(rel);
				continue;
			}
			if (entry.isDirectory()) await walk(rel);
			else if (entry.isFile()) {
				if (ARTICLE_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) files.push(rel);
				else problems.push({ file: rel, severity: 'warning', message: `not an article file (expected ${ARTICLE_EXTENSIONS.join(', ')}); skipped.` });
			}
		}
	}
	await walk('');
	files.sort();
	return { files, problems };
}

/** Digest of the body text, used to fold exact duplicates published under different files or headlines. */
function bodyKey(article: ParsedArticle): string {
	return createHash('sha1').update(article.paragraphs.join('\n').toLowerCase().replace(/\s+/g, ' ')).digest('hex');
}

/** Reads, parses and renders every article in `dir`. Never throws for a bad file. */
export async function ingestDirectory(dir: string, options: IngestOptions = {}): Promise<IngestResult> {
	const { files, problems } = await listArticleFiles(dir);
	const parsed: { file: string; digest: string; article: ParsedArticle }[] = [];
	for (const file of files) {
		try {
			const bytes = await fs.readFile(path.join(dir, file));
			const digest = createHash('sha1').update(bytes).digest('hex');
			const article = parseArticle(new TextDecoder('utf-8').decode(bytes), options);
			parsed.push({ file, digest, article });
		} catch (error) {
			const reason = error instanceof NotAnArticleError ? error.message : `could not be read: ${(error as Error).message}`;
			problems.push({ file, severity: 'error', message: `${reason}; no page was made.` });
		}
	}

	// The first file (by path) of each identical body gets the page; the rest are listed as its duplicates.
	const byBody = new Map<string, (typeof parsed)[number][]>();
	for (const item of parsed) {
		const key = bodyKey(item.article);
		byBody.set(key, [...(byBody.get(key) ?? []), item]);
	}
	const keepers = [...byBody.values()].map(([first, ...rest]) => ({ ...first!, duplicates: rest.map((r) => r.file) }));
	for (const keeper of keepers) {
		for (const dup of keeper.duplicates) {
			problems.push({ file: dup, severity: 'warning', message: `duplicate of ${keeper.file} (same body); folded into that article's page.` });
		}
	}

	const slugs = assignUniqueSlugs(keepers.map((k) => ({ ...k, title: k.article.title, key: k.file })));
	const articles: IngestedArticle[] = [...slugs].map(([k, slug]) => ({
		...k.article,
		file: k.file,
		slug,
		digest: k.digest,
		html: renderParagraphs(k.article.paragraphs),
		duplicates: k.duplicates,
	}));
	articles.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
	problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
	return { articles, problems };
}
