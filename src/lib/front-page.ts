/**
 * Chooses what the front page shows: a lead story, the latest articles, the
 * stories still developing and the busiest topics. Sections with nothing to
 * show come back empty, so a one-article site and a 10,000-article site both
 * get a sensible page.
 */
import type { Article } from '../schemas/article.ts';
import { listOrderNote, sortNewestFirst } from './article-order.ts';
import { topicLabel } from './labels.ts';

/** The fields the front page needs of each article. */
export type FrontItem = Pick<Article, 'slug' | 'title' | 'summary' | 'date' | 'readingMinutes' | 'source' | 'story' | 'topics' | 'file'>;

/** A story in progress: several articles on one developing event. */
export interface StorySummary {
	/** Story id (for `storyUrl`). */
	id: string;
	/** The newest article's headline stands for the story. */
	headline: string;
	/** Number of articles in the story. */
	count: number;
	/** Date of the newest dated article, if any. */
	latest: string | null;
}

/** A topic with how many articles carry it. */
export interface TopicSummary {
	slug: string;
	/** Display name. */
	name: string;
	count: number;
}

/** The front page's content. */
export interface FrontPage<T extends FrontItem = FrontItem> {
	lead: T | null;
	/** Headlines beside the lead when there are no stories in progress to fill that column. */
	beside: T[];
	/** Articles under the lead, newest first (the lead and `beside` excluded). */
	latest: T[];
	stories: StorySummary[];
	topics: TopicSummary[];
	/** True when there are more articles than the front page shows (link the archive). */
	more: boolean;
	/** How the undated articles shown are ordered, for the reader; null when all are dated. */
	orderNote: string | null;
}

/** Limits of each front-page section. */
export interface FrontPageLimits {
	latest?: number;
	beside?: number;
	stories?: number;
	topics?: number;
}

/** Builds the front page from every article. */
export function buildFrontPage<T extends FrontItem>(
	articles: readonly T[],
	limits: FrontPageLimits = {},
	topicNames?: ReadonlyMap<string, string>,
): FrontPage<T> {
	const { latest: latestMax = 12, beside: besideMax = 4, stories: storiesMax = 6, topics: topicsMax = 16 } = limits;
	const sorted = sortNewestFirst(articles);
	const [lead = null, ...rest] = sorted;

	const stories = new Map<string, StorySummary>();
	for (const a of sorted) {
		if (!a.story) continue;
		const s = stories.get(a.story);
		// `sorted` is newest first, so the first article seen names the story.
		if (s) s.count++;
		else stories.set(a.story, { id: a.story, headline: a.title, count: 1, latest: a.date });
	}
	// Stories are in the order of their newest articles (Map order), which the sort keeps
	// for ties: same latest date, same size, or undated (never the headline's alphabet).
	const storyList = [...stories.values()]
		.filter((s) => s.count > 1)
		.sort((a, b) => (a.latest === b.latest ? 0 : a.latest === null ? 1 : b.latest === null ? -1 : a.latest < b.latest ? 1 : -1) || b.count - a.count)
		.slice(0, storiesMax);

	const topicCounts = new Map<string, number>();
	for (const a of articles) for (const t of new Set(a.topics)) topicCounts.set(t, (topicCounts.get(t) ?? 0) + 1);
	const topics = [...topicCounts]
		.map(([slug, count]) => ({ slug, name: topicLabel(slug, topicNames), count }))
		.sort((a, b) => b.count - a.count || a.slug.localeCompare(b.slug))
		.slice(0, topicsMax);

	const besideCount = storyList.length ? 0 : Math.min(besideMax, rest.length);
	const shown = sorted.slice(0, 1 + besideCount + latestMax);
	return {
		lead,
		beside: rest.slice(0, besideCount),
		latest: rest.slice(besideCount, besideCount + latestMax),
		stories: storyList,
		topics,
		more: rest.length > besideCount + latestMax,
		orderNote: listOrderNote(shown),
	};
}
