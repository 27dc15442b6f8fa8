/**
 * Shapes that flow out of the ingest. They are cut from the collection schema
 * so the schema stays the single source of truth.
 */
import type { Article } from '../../schemas/article.ts';

/** What `parseArticle` reads from one file's text, before corpus-level steps. */
export type ParsedArticle = Pick<
	Article,
	| 'title'
	| 'date'
	| 'author'
	| 'source'
	| 'dateline'
	| 'summary'
	| 'paragraphs'
	| 'wordCount'
	| 'readingMinutes'
	| 'tags'
> & {
	/** The source site's related headlines, as printed. */
	sourceRelated: string[];
};

/** One article after the ingest: parsed, rendered, named and de-duplicated. */
export type IngestedArticle = ParsedArticle &
	Pick<Article, 'file' | 'slug' | 'html' | 'duplicates'> & {
		/** Content digest of the input bytes; unchanged digest means unchanged article. */
		digest: string;
	};

/** A file that did not become a page, or became one with a caveat. */
export interface IngestProblem {
	/** Path relative to the content folder. */
	file: string;
	/** `error`: no page was made; `warning`: a page was made, with a caveat. */
	severity: 'error' | 'warning';
	/** What is wrong and what to do about it. */
	message: string;
}

/** Everything the ingest learnt from one content folder. */
export interface IngestResult {
	/** Articles that get a page, in a stable order (by slug). */
	articles: IngestedArticle[];
	/** Every file that was refused, skipped with a reason, or accepted with a caveat. */
	problems: IngestProblem[];
}
