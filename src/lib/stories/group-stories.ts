/**
 * Stories: groups of articles that report one event (or one continuing event),
 * cut from scored links between articles (`score-story-links.ts`) by average
 * linkage. Linked articles must be close in time when both are dated.
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
	/**
	 * Weakest average link between two groups that merges them: the mean score
	 * over all pairs of their articles, a missing link counting 0.
	 */
	minScore?: number;
	/** Largest date gap (days) between two linked articles when both are dated; farther pairs do not link. */
	windowDays?: number;
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
 * The best merge of group `from` (with the other of `a` < `b`), valid while
 * `from`'s stamp (`stampA`) and the other group's (`stampB`) are unchanged.
 */
interface MergeCandidate {
	score: number;
	a: number;
	b: number;
	from: number;
	stampA: number;
	stampB: number;
}

/** Merge candidates, best first: highest average, then lowest ids. */
class MergeQueue {
	private readonly items: MergeCandidate[] = [];
	get size(): number {
		return this.items.length;
	}
	/** The best queued score (the queue must not be empty). */
	topScore(): number {
		return this.items[0]!.score;
	}
	private before(i: number, j: number): boolean {
		const x = this.items[i]!;
		const y = this.items[j]!;
		return x.score > y.score || (x.score === y.score && (x.a < y.a || (x.a === y.a && x.b < y.b)));
	}
	push(item: MergeCandidate): void {
		const items = this.items;
		items.push(item);
		let i = items.length - 1;
		while (i > 0) {
			const p = (i - 1) >> 1;
			if (!this.before(i, p)) break;
			[items[i], items[p]] = [items[p]!, items[i]!];
			i = p;
		}
	}
	pop(): MergeCandidate {
		const items = this.items;
		const top = items[0]!;
		const last = items.pop()!;
		if (items.length > 0) {
			items[0] = last;
			let i = 0;
			for (;;) {
				const l = 2 * i + 1;
				const r = l + 1;
				let best = i;
				if (l < items.length && this.before(l, best)) best = l;
				if (r < items.length && this.before(r, best)) best = r;
				if (best === i) break;
				[items[i], items[best]] = [items[best]!, items[i]!];
				i = best;
			}
		}
		return top;
	}
}

/**
 * Groups articles into stories by average linkage over the given links: the
 * two groups whose articles are, on average over every pair, most alike merge
 * first, and merging stops below `minScore`. Unlike single links, a chain of
 * look-alike articles (A like B, B like C) does not make one story unless the
 * group as a whole is alike, so reports of different events of one kind stay
 * apart. Deterministic: ties go to the lowest indices; ids come from the
 * members, not from run order.
 */
export function groupStories(articles: readonly StoryInput[], edges: readonly StoryEdge[], options: StoryOptions = {}): StoryGrouping {
	const { minScore = 0.2, windowDays = 14 } = options;
	const n = articles.length;
	const size = new Int32Array(n).fill(1);
	// Sum of link scores between two groups, keyed by group (one member's index).
	const links: Map<number, number>[] = Array.from({ length: n }, () => new Map());
	for (const { a, b, score } of edges) {
		if (a === b || score <= 0) continue;
		const da = articles[a]!.date;
		const db = articles[b]!.date;
		if (da && db && daysApart(da, db) > windowDays) continue;
		const [x, y] = a < b ? [a, b] : [b, a];
		links[x]!.set(y, Math.max(links[x]!.get(y) ?? 0, score));
		links[y]!.set(x, links[x]!.get(y)!);
	}
	// Each group queues only its best merge. A group's stamp changes when it
	// merges, which retires its queued entry. Merging A and B never raises a third
	// group's best average (the union's average with it lies between its averages
	// with A and with B, neither above its best), so an entry that went stale is
	// an upper bound: it is re-evaluated when it comes up, not before.
	const stamp = new Int32Array(n);
	const alive = new Uint8Array(n).fill(1);
	const queue = new MergeQueue();
	const queueBest = (g: number): void => {
		let target = -1;
		let best = -1;
		for (const [c, sum] of links[g]!) {
			const score = sum / (size[g]! * size[c]!);
			if (score > best || (score === best && c < target)) {
				best = score;
				target = c;
			}
		}
		if (target >= 0 && best >= minScore) queue.push({ score: best, a: Math.min(g, target), b: Math.max(g, target), from: g, stampA: stamp[g]!, stampB: stamp[target]! });
	};
	for (let g = 0; g < n; g++) queueBest(g);

	const parent = Int32Array.from({ length: n }, (_, i) => i);
	while (queue.size > 0) {
		const { from, a, b, stampA, stampB } = queue.pop();
		// A group that merged queued its new best then: this entry is old.
		if (!alive[from] || stampA !== stamp[from]) continue;
		let to = from === a ? b : a;
		if (!alive[to] || stampB !== stamp[to]) {
			// The target grew or joined another group. Its fresh average with `from` may
			// still be the best merge anywhere: every queued score bounds the pairs behind
			// it, so beating the queue's top settles it without rereading `from`'s links.
			while (!alive[to]) to = parent[to]!;
			const sum = to === from ? undefined : links[from]!.get(to);
			const score = sum === undefined ? -1 : sum / (size[from]! * size[to]!);
			if (score < minScore || (queue.size > 0 && score < queue.topScore())) {
				queueBest(from);
				continue;
			}
		}
		// The group with fewer links joins the other, so each merge touches the smaller side only.
		const [keep, gone] = links[from]!.size >= links[to]!.size ? [from, to] : [to, from];
		alive[gone] = 0;
		parent[gone] = keep;
		size[keep]! += size[gone]!;
		stamp[keep]!++;
		const into = links[keep]!;
		into.delete(gone);
		for (const [c, sum] of links[gone]!) {
			if (c === keep) continue;
			into.set(c, (into.get(c) ?? 0) + sum);
			const other = links[c]!;
			other.delete(gone);
			other.set(keep, into.get(c)!);
		}
		links[gone] = new Map();
		queueBest(keep);
	}
	const find = (x: number): number => {
		while (parent[x] !== x) x = parent[x]!;
		return x;
	};

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
