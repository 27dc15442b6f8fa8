/**
 * Candidate story links: each related-news neighbour pair, scored by how much
 * the two articles share both their words and their names and figures.
 */
import type { Neighbor } from '../related/find-related.ts';
import { eventSimilarity, type EventVectors } from './event-vectors.ts';
import type { StoryEdge } from './group-stories.ts';

/** Weakest link kept. */
const MIN_LINK = 0.05;

/**
 * One link per neighbour pair (either direction), scored by the lesser of the
 * word cosine over the full vectors (`neighbour score × both articles' kept
 * shares`, see `TermVectors.keptShare`) and the cosine of their event vectors.
 * A story needs both, and one cannot make up for the other: articles of one
 * kind (two earnings reports, two earthquakes) share words but not names and
 * figures, and articles that only share a name (a company in two unrelated
 * reports) do not share their words. Links are returned with `a < b`, sorted
 * by `a`, then `b`.
 */
export function scoreStoryLinks(neighbors: readonly (readonly Neighbor[])[], keptShare: Float32Array, events: EventVectors): StoryEdge[] {
	const edges: StoryEdge[] = [];
	neighbors.forEach((list, a) => {
		for (const { index: b, score } of list) {
			// A pair both sides list is scored once, from the lower index.
			if (b < a && neighbors[b]!.some((nb) => nb.index === a)) continue;
			const lo = Math.min(a, b);
			const hi = Math.max(a, b);
			const words = score * keptShare[a]! * keptShare[b]!;
			const names = eventSimilarity(events, a, b);
			// Links this weak cannot lift a group's average over the merge threshold (measured: no story changes).
			if (words < MIN_LINK || names < MIN_LINK) continue;
			edges.push({ a: lo, b: hi, score: Math.round(Math.min(words, names) * 1e4) / 1e4 });
		}
	});
	return edges.sort((x, y) => x.a - y.a || x.b - y.b);
}
