/**
 * One article card (headline, summary, date · source · reading time) as HTML.
 * List pages (archive, topics, people, places, organisations, stories, front
 * page) show thousands of cards across a site; an Astro component per card
 * cost more than the rest of those pages. This is the one place card markup
 * lives: `ArticleCard.astro` renders it with `set:html`.
 */
import { encode } from 'html-entities';
import type { ArticleCardData } from './article-card.ts';
import { formatDate } from './labels.ts';
import { articleUrl } from './urls.ts';

/** How a list shows its cards. */
export interface CardStyle {
	/** Heading level of the headline inside the list. */
	headingLevel?: 2 | 3;
	/** `lead`: large, for the top story; `compact`: headline and meta only. */
	variant?: 'lead' | 'default' | 'compact';
	/** Base path for the link (defaults to the site's). */
	base?: string;
}

const HEADLINE_CLASS = {
	lead: 'text-3xl leading-tight sm:text-4xl lg:text-5xl',
	default: 'text-xl leading-snug',
	compact: 'text-lg leading-snug',
} as const;

/**
 * The card's HTML. `data-item` marks it for the reader script (j/k navigation,
 * save, read marks). Every text and attribute value is escaped.
 */
export function renderArticleCard(article: Pick<ArticleCardData, 'slug' | 'title' | 'summary' | 'date' | 'readingMinutes'> & { source?: string | null }, style: CardStyle = {}): string {
	const { headingLevel = 2, variant = 'default', base } = style;
	const href = encode(articleUrl(article.slug, base));
	const title = encode(article.title);
	const date = article.date ? encode(article.date) : null;
	const summary =
		variant === 'compact' ? '' : `<p class="mt-2 text-muted ${variant === 'lead' ? 'font-serif text-lg leading-relaxed sm:text-xl' : 'line-clamp-3'}">${encode(article.summary)}</p>`;
	const meta = `${date ? `<time datetime="${date}">${encode(formatDate(article.date!))}</time> · ` : ''}${article.source ? `${encode(article.source)} · ` : ''}${article.readingMinutes} min read<span class="read-mark"> · Read</span>`;
	return (
		`<article class="relative py-4" data-item data-url="${href}" data-title="${title}"${date ? ` data-date="${date}"` : ''}>` +
		`<h${headingLevel} class="font-serif font-bold ${HEADLINE_CLASS[variant]}"><a href="${href}" class="headline hover:underline">${title}</a></h${headingLevel}>` +
		summary +
		`<p class="mt-2 text-xs text-muted">${meta}</p></article>`
	);
}
