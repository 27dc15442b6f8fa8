/**
 * Page metadata: the title, Open Graph / Twitter tags and the JSON-LD
 * `NewsArticle` object. Built here so tests can check it without a build.
 */
import type { Article } from '../schemas/article.ts';
import { originalUrl } from './urls.ts';

/** Input for {@link pageMeta}. */
export interface PageMetaInput {
	/** Page title without the site name; absent on the front page. */
	title?: string;
	description?: string;
	/** Absolute canonical URL. */
	url: string;
	siteTitle: string;
	/** `article` on article pages, else `website`. */
	type?: 'article' | 'website';
	/** Absolute URL of a share image (the site's square logo: articles have no pictures). */
	image?: string;
	/** Publication date (YYYY-MM-DD) of an article. */
	published?: string | null;
	/** Section labels (topics) of an article. */
	tags?: readonly string[];
}

/** One `<meta>` element: `property` for Open Graph, `name` for the rest. */
export interface MetaTag {
	property?: string;
	name?: string;
	content: string;
}

/** The `<title>`: "Headline · Site", or the site name alone. */
export function documentTitle(title: string | undefined, siteTitle: string): string {
	return title && title !== siteTitle ? `${title} · ${siteTitle}` : siteTitle;
}

/** Search engines show about 160 characters; cut at a word and add an ellipsis. */
export function clampDescription(text: string, max = 160): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat.length <= max) return flat;
	const cut = flat.slice(0, max - 1);
	const space = cut.lastIndexOf(' ');
	return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–—-]+$/, '')}…`;
}

/** Open Graph and Twitter card tags for a page. */
export function pageMeta(input: PageMetaInput): MetaTag[] {
	const title = input.title ?? input.siteTitle;
	const tags: MetaTag[] = [
		{ property: 'og:type', content: input.type ?? 'website' },
		{ property: 'og:site_name', content: input.siteTitle },
		{ property: 'og:title', content: title },
		{ property: 'og:url', content: input.url },
		{ property: 'og:locale', content: 'en' },
	];
	if (input.description) tags.push({ property: 'og:description', content: clampDescription(input.description, 200) });
	if (input.image) tags.push({ property: 'og:image', content: input.image }, { property: 'og:image:alt', content: input.siteTitle });
	if (input.type === 'article') {
		if (input.published) tags.push({ property: 'article:published_time', content: input.published });
		for (const tag of input.tags ?? []) tags.push({ property: 'article:tag', content: tag });
	}
	// "summary" (small square image): the only image is the logo, never a wide photo.
	tags.push({ name: 'twitter:card', content: 'summary' });
	tags.push({ name: 'twitter:title', content: title });
	if (input.description) tags.push({ name: 'twitter:description', content: clampDescription(input.description, 200) });
	return tags;
}

/** Input for {@link newsArticleJsonLd}. */
export interface NewsArticleInput {
	article: Pick<Article, 'title' | 'summary' | 'date' | 'author' | 'source' | 'wordCount' | 'topics'> & Partial<Pick<Article, 'sourceUrl'>>;
	/** Absolute canonical URL of the article. */
	url: string;
	siteTitle: string;
	/** Absolute URL of the site's logo. */
	logo?: string;
	image?: string;
}

/** The schema.org `NewsArticle` for an article page; unknown fields are left out, never invented. */
export function newsArticleJsonLd({ article, url, siteTitle, logo, image }: NewsArticleInput): Record<string, unknown> {
	const data: Record<string, unknown> = {
		'@context': 'https://schema.org',
		'@type': 'NewsArticle',
		headline: article.title.length > 110 ? `${article.title.slice(0, 109)}…` : article.title,
		description: clampDescription(article.summary, 200),
		mainEntityOfPage: { '@type': 'WebPage', '@id': url },
		url,
		wordCount: article.wordCount,
		inLanguage: 'en',
		publisher: { '@type': 'Organization', name: siteTitle, ...(logo ? { logo: { '@type': 'ImageObject', url: logo } } : {}) },
	};
	if (article.date) data.datePublished = article.date;
	if (article.author) data.author = { '@type': 'Person', name: article.author };
	else if (article.source) data.author = { '@type': 'Organization', name: article.source };
	if (article.source) data.sourceOrganization = { '@type': 'Organization', name: article.source };
	if (article.topics.length) data.keywords = article.topics.join(', ');
	// An imported article is a copy of a page on another site: name that page as what this one is based on.
	const original = originalUrl(article.sourceUrl);
	if (original) data.isBasedOn = original;
	if (image) data.image = [image];
	return data;
}

/**
 * JSON for a `<script type="application/ld+json">` element: `<` is escaped so a
 * headline containing `</script>` cannot end the element early.
 */
export function jsonForScript(value: unknown): string {
	return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
