/**
 * Topics: front-matter tags when an article has them; otherwise the article's
 * strongest terms among those shared by a group of articles (not so rare that
 * the topic page would be near-empty, not so common that it says nothing).
 */
import type { Topic } from '../../schemas/topic.ts';
import type { TermVectors } from '../related/build-term-vectors.ts';
import { foldWord } from '../related/tokenize-text.ts';
import { mostCommonForm, newestFirstRanks, pageMinimum, slugifyName, type PageThreshold } from '../entities/name-pages.ts';

/** What topic derivation reads from an article. */
export interface TopicInput {
	/** Article slug. */
	slug: string;
	/** Headline. */
	title: string;
	/** YYYY-MM-DD or null. */
	date: string | null;
	/** Content-folder path: orders undated and same-day articles (see src/lib/article-order.ts). */
	file: string;
	/** Front-matter tags. */
	tags: readonly string[];
	/** Names found in the article (people, places, organisations): their words are not topics, they have their own pages. */
	names?: readonly string[];
}

/** Tuning for {@link deriveTopics}. */
export interface TopicOptions extends PageThreshold {
	/** Derived topics per untagged article. */
	perArticle?: number;
	/** Terms in more than this share of the articles are too general to be topics. */
	maxShare?: number;
	/** Terms in fewer articles than this (on large corpora) do not characterise a group. */
	minGroup?: number;
}

/** Result of {@link deriveTopics}. */
export interface TopicIndex {
	/** Per input article: its topic slugs (only topics with a page). */
	articleTopics: string[][];
	/** Topic pages, sorted by slug. */
	topics: Topic[];
}

/** "hamas" → "Hamas". */
const capitalise = (term: string): string => term.charAt(0).toUpperCase() + term.slice(1);

/**
 * Topics per article and the topic pages. `vectors` are the related-news term
 * vectors (same article order); their terms are already ranked by weight.
 */
export function deriveTopics(articles: readonly TopicInput[], vectors: TermVectors, options: TopicOptions = {}): TopicIndex {
	const { perArticle = 3, maxShare = 0.2, minGroup = 3 } = options;
	const n = articles.length;
	const minimum = pageMinimum(n, options);
	const large = minimum > 1;
	const maxDf = Math.max(1, Math.floor(n * maxShare));
	const minDf = large ? Math.max(minGroup, minimum) : 1;

	const forms = new Map<string, Map<string, number>>();
	const origin = new Map<string, 'tag' | 'term'>();
	const candidate: string[][] = articles.map((article, i) => {
		const slugs: string[] = [];
		const add = (name: string, from: 'tag' | 'term'): void => {
			const slug = slugifyName(name);
			if (slugs.includes(slug)) return;
			slugs.push(slug);
			let counts = forms.get(slug);
			if (!counts) forms.set(slug, (counts = new Map()));
			counts.set(name, (counts.get(name) ?? 0) + 1);
			if (from === 'tag' || !origin.has(slug)) origin.set(slug, from);
		};
		if (article.tags.length > 0) {
			for (const tag of article.tags) if (tag.trim()) add(tag.trim(), 'tag');
			return slugs;
		}
		const named = new Set<string>();
		for (const name of article.names ?? []) {
			for (const word of name.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (word) named.add(word).add(foldWord(word));
		}
		const terms = vectors.terms[i]!;
		for (let j = 0; j < terms.length && slugs.length < perArticle; j++) {
			const t = terms[j]!;
			const term = vectors.vocabulary[t]!;
			// Entity keys have their own pages; digits-only or very short terms make poor topics.
			if (term.startsWith('@') || term.length < 4 || /\d/.test(term) || named.has(term) || named.has(vectors.surface[t]!)) continue;
			const df = vectors.documentFrequency[t]!;
			if (df < minDf || (large && df > maxDf)) continue;
			add(capitalise(vectors.surface[t]!), 'term');
		}
		return slugs;
	});

	const ranks = newestFirstRanks(articles);
	const members = new Map<string, number[]>();
	candidate.forEach((slugs, i) => {
		for (const slug of slugs) {
			let list = members.get(slug);
			if (!list) members.set(slug, (list = []));
			list.push(i);
		}
	});
	const kept = new Set([...members].filter(([, list]) => list.length >= minimum).map(([slug]) => slug));
	const topics: Topic[] = [...kept]
		.sort()
		.map((slug) => ({
			slug,
			name: mostCommonForm(forms.get(slug)!),
			origin: origin.get(slug)!,
			articles: members
				.get(slug)!
				.sort((a, b) => ranks[a]! - ranks[b]!)
				.map((i) => articles[i]!.slug),
		}));
	return { articleTopics: candidate.map((slugs) => slugs.filter((s) => kept.has(s))), topics };
}
