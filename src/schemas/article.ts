/**
 * The `articles` collection: one entry per published article page.
 * This schema is the single source of truth for article data; every other
 * module takes its types from here.
 */
import { z } from 'astro/zod';

/** A headline from the source site's own related-stories block, resolved against this site. */
export const sourceRelatedSchema = z.object({
	/** The headline exactly as the source printed it. */
	headline: z.string(),
	/** Slug of the article on this site with that headline, or null (then it links to search). */
	slug: z.string().nullable(),
});

/** One entry of an article's related-news list. */
export const relatedLinkSchema = z.object({
	/** Slug of the related article. */
	slug: z.string(),
	/** Similarity score (higher is closer); only lists above the minimum score are kept. */
	score: z.number(),
});

/** People, places and organisations named in an article, as canonical display names. */
export const entitiesSchema = z.object({
	/** Canonical names of people ("Anthony Blinken"). */
	people: z.array(z.string()),
	/** Canonical names of places ("United States"). */
	places: z.array(z.string()),
	/** Canonical names of organisations ("United Nations"). */
	organizations: z.array(z.string()),
});

export const articleSchema = z.object({
	/** Path of the input file, relative to the content folder, with `/` separators. */
	file: z.string(),
	/** Position of the article in a multi-article input (1-based feed item or archive record number); null for a one-article file. */
	item: z.number().int().positive().nullable(),
	/** How the input was written: scraped/plain `text`, hand-written `markdown`, a saved `html` page, a `feed` item or a `warc` archive record. */
	format: z.enum(['text', 'markdown', 'html', 'feed', 'warc']),
	/** Where the original lives (canonical URL, feed item link or WARC target URI); null when unknown. */
	sourceUrl: z.string().nullable(),
	/** True when the input held only a summary of the article (a summary-only feed item): the page says so and links to the original. */
	summaryOnly: z.boolean(),
	/** URL-safe, corpus-unique, rebuild-stable identifier; also the page's path segment. */
	slug: z.string(),
	/** The headline, once, as plain text. */
	title: z.string(),
	/** Publication date as YYYY-MM-DD when the input states one unambiguously; never invented. */
	date: z.string().nullable(),
	/** Author as the input states it (front matter, a page's byline, a feed item's author); null when not stated. */
	author: z.string().nullable(),
	/** Name of the source site when the input or its boilerplate names it. */
	source: z.string().nullable(),
	/** A leading dateline such as "NEW YORK, March 3", kept out of the first paragraph. */
	dateline: z.string().nullable(),
	/** Plain-text lede used in lists, feeds and meta descriptions. */
	summary: z.string(),
	/** Body paragraphs as plain text, boilerplate and related headlines removed. */
	paragraphs: z.array(z.string()),
	/** Body as sanitised HTML, rendered once by the ingest's unified pipeline. */
	html: z.string(),
	/** Number of words in the body. */
	wordCount: z.number().int().nonnegative(),
	/** Estimated reading time in whole minutes (at least 1). */
	readingMinutes: z.number().int().positive(),
	/** Tags from front matter or, for imported pages and feed items, the section and tags they state; empty for scraped text. */
	tags: z.array(z.string()),
	/** The source site's related headlines, each linked to an article here or to search. */
	sourceRelated: z.array(sourceRelatedSchema),
	/** Files whose body duplicates this article; they get no page of their own. */
	duplicates: z.array(z.string()),
	/** Up to five related articles, best first. */
	related: z.array(relatedLinkSchema),
	/** Id of the story (cluster of articles on one developing event) this article belongs to. */
	story: z.string().nullable(),
	/** Topic slugs that characterise the article. */
	topics: z.array(z.string()),
	/** Named entities found in the article. */
	entities: entitiesSchema,
});

/** One article page's data. */
export type Article = z.infer<typeof articleSchema>;
/** A resolved source-related headline. */
export type SourceRelated = z.infer<typeof sourceRelatedSchema>;
/** One related-news link. */
export type RelatedLink = z.infer<typeof relatedLinkSchema>;
/** Entities grouped by kind. */
export type Entities = z.infer<typeof entitiesSchema>;
