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
	/**
	 * How the body was written: `text` (scraped or plain text; rendered as literal
	 * text), `markdown` (hand-written; `markdown` holds the body to render), or an
	 * imported format (`html`, `feed`, `warc`; `bodyHtml` holds the sanitised body).
	 */
	format: Article['format'];
	/** Markdown body (front matter removed); only for `format: 'markdown'`. */
	markdown?: string;
	/** Sanitised HTML body of an imported article (see `cleanHtmlBody`); only for `html`, `feed` and `warc`. */
	bodyHtml?: string;
	/** Canonical URL of the original (imported formats); absent means unknown. */
	sourceUrl?: string | null;
	/** True when a feed item carried only a summary: the page says so and links to the original. */
	summaryOnly?: boolean;
	/** URLs of the `sourceRelated` headlines, in the same order, where the page linked them (null: no usable URL). */
	relatedUrls?: (string | null)[];
	/**
	 * How many of the last `sourceRelated` entries came from the trailing related
	 * block (the rest were inline "Also read:" links). The corpus step may hand
	 * the first of them back to the body when later ones name articles in the corpus
	 * and earlier ones do not (a short last paragraph that looked like a headline).
	 */
	trailingRelated: number;
	/**
	 * How many of the last `paragraphs` look like related headlines but were kept as
	 * body because cutting them would have left no article text. The corpus step may
	 * move the later of them to `sourceRelated` when they name other articles in the
	 * corpus (never the first paragraph). Absent when there are none.
	 */
	uncertainTail?: number;
};

/** One article after the ingest: parsed, rendered, named and de-duplicated. */
export type IngestedArticle = Omit<ParsedArticle, 'markdown' | 'bodyHtml' | 'relatedUrls' | 'trailingRelated' | 'uncertainTail' | 'sourceUrl' | 'summaryOnly'> &
	Pick<Article, 'file' | 'slug' | 'html' | 'duplicates' | 'sourceUrl' | 'summaryOnly' | 'item'> & {
		/** Content digest of the input bytes; unchanged digest means unchanged article. */
		digest: string;
	};

/** Groups problems in reports; each names one way a file can go wrong. */
export type ProblemKind =
	| 'empty'
	| 'boilerplate-only'
	| 'title-only'
	| 'binary'
	| 'too-large'
	| 'unreadable'
	| 'outside-folder'
	| 'hidden'
	| 'symlink-loop'
	| 'not-an-article-file'
	| 'encoding'
	| 'front-matter'
	| 'duplicate'
	| 'near-duplicate'
	| 'repeated-line'
	| 'slug-collision'
	| 'not-an-article'
	| 'not-a-feed'
	| 'broken-feed'
	| 'broken-archive'
	| 'skipped-records';

/** A file that did not become a page, or became one with a caveat. */
export interface IngestProblem {
	/** Path relative to the content folder. */
	file: string;
	/** `error`: no page was made; `warning`: a page was made, with a caveat. */
	severity: 'error' | 'warning';
	/** What is wrong and what to do about it. */
	message: string;
	/** Report group (see {@link ProblemKind}). */
	kind: ProblemKind;
}

/** Everything the ingest learnt from one content folder. */
export interface IngestResult {
	/** Articles that get a page, in a stable order (by slug). */
	articles: IngestedArticle[];
	/** Every file that was refused, skipped with a reason, or accepted with a caveat. */
	problems: IngestProblem[];
}
