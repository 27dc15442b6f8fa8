/**
 * Stories: clusters of articles about one developing event, cut from the
 * similarity graph. Only strong links count, linked articles must be close in
 * time when both are dated, and clusters have a maximum size, so a chain of
 * loosely similar articles cannot swallow a whole section.
 */
import type { Story } from '../../schemas/story.ts';
import { compareOldestFirst } from '../article-order.ts';

/** What grouping needs to know about an article. */
export interface StoryInput {
	/** Article slug. */
	slug: string;
	/** Headline. */
	title: string;
	/** YYYY-MM-DD or null. */
	date: string | null;
	/** Content-folder path: orders undated and same-day articles (see src/lib/article-order.ts). */
	file: string;
}

/** A weighted link between two articles (indices into the input). */
export interface StoryEdge {
	/** First article. */
	a: number;
	/** Second article. */
	b: number;
	/** Similarity; higher links first. */
	score: number;
}

/** Tuning for {@link groupStories}. */
export interface StoryOptions {
	/** Weakest similarity that puts two articles in one story. */
	minScore?: number;
	/** Largest date gap (days) between two linked articles when both are dated. */
	windowDays?: number;
	/** Largest story; merges that would exceed it are skipped. */
	maxSize?: number;
}

/** Stories, and for each input article its story id or null. */
export interface StoryGrouping {
	/** Stories with ≥ 2 articles, sorted by id. */
	stories: Story[];
	/** Per input index: id of its story, or null. */
	storyOf: (string | null)[];
}

const DAY = 86_400_000;

/** Days between two YYYY-MM-DD dates. */
function daysApart(a: string, b: string): number {
	return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / DAY;
}

/**
 * Groups articles into stories by merging the strongest links first (a
 * size-capped single-link clustering). Deterministic: edges are taken by score
 * desc, then by indices; ids come from the members, not from run order.
 */
export function groupStories(articles: readonly StoryInput[], edges: readonly StoryEdge[], options: StoryOptions = {}): StoryGrouping {
	const { minScore = 0.45, windowDays = 7, maxSize = 50 } = options;
	const parent = Int32Array.from(articles, (_, i) => i);
	const size = new Int32Array(articles.length).fill(1);
	const find = (x: number): number => {
		while (parent[x] !== x) {
			parent[x] = parent[parent[x]!]!;
			x = parent[x]!;
		}
		return x;
	};
	const usable = edges
		.filter((e) => e.a !== e.b && e.score >= minScore)
		.map((e) => (e.a < e.b ? e : { a: e.b, b: e.a, score: e.score }))
		.sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
	for (const { a, b } of usable) {
		const da = articles[a]!.date;
		const db = articles[b]!.date;
		if (da && db && daysApart(da, db) > windowDays) continue;
		const ra = find(a);
		const rb = find(b);
		if (ra === rb || size[ra]! + size[rb]! > maxSize) continue;
		// Attach to the smaller root index so the forest shape is order-independent.
		const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
		parent[child] = root;
		size[root]! += size[child]!;
	}

	const members = new Map<number, number[]>();
	articles.forEach((_, i) => {
		const r = find(i);
		let list = members.get(r);
		if (!list) members.set(r, (list = []));
		list.push(i);
	});
	const storyOf: (string | null)[] = articles.map(() => null);
	const stories: Story[] = [];
	for (const list of members.values()) {
		if (list.length < 2) continue;
		const timeline = list.map((i) => articles[i]!).sort(compareOldestFirst);
		const first = timeline[0]!;
		const dated = timeline.filter((a) => a.date !== null);
		stories.push({
			id: first.slug,
			title: first.title,
			articles: timeline.map((a) => a.slug),
			firstDate: dated[0]?.date ?? null,
			lastDate: dated[dated.length - 1]?.date ?? null,
		});
		for (const i of list) storyOf[i] = first.slug;
	}
	stories.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	return { stories, storyOf };
}
