/**
 * Previous and next article within a story, in reading order (oldest first),
 * so a reader can follow a developing event from the article page.
 */
import type { Article } from '../schemas/article.ts';
import { compareOldestFirst } from './article-order.ts';

type Item = Pick<Article, 'slug' | 'title' | 'date' | 'story' | 'file'>;

/** The article before and after one article in its story. */
export interface StoryNeighbours {
	previous: Pick<Article, 'slug' | 'title' | 'date'> | null;
	next: Pick<Article, 'slug' | 'title' | 'date'> | null;
	/** 1-based position in the story and the story's size (0 when not in a story). */
	position: number;
	size: number;
}

/**
 * Computes the neighbours of every article at once (one pass per story), for
 * `getStaticPaths` on a large site. Articles outside a story get no neighbours.
 */
export function storyNeighbours(articles: readonly Item[]): Map<string, StoryNeighbours> {
	const byStory = new Map<string, Item[]>();
	for (const a of articles) {
		if (!a.story) continue;
		if (!byStory.has(a.story)) byStory.set(a.story, []);
		byStory.get(a.story)!.push(a);
	}
	const pick = (a: Item | undefined) => (a ? { slug: a.slug, title: a.title, date: a.date } : null);
	const out = new Map<string, StoryNeighbours>();
	for (const a of articles) out.set(a.slug, { previous: null, next: null, position: 0, size: 0 });
	for (const list of byStory.values()) {
		if (list.length < 2) continue;
		list.sort(compareOldestFirst);
		list.forEach((a, i) => out.set(a.slug, { previous: pick(list[i - 1]), next: pick(list[i + 1]), position: i + 1, size: list.length }));
	}
	return out;
}
