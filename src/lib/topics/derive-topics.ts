/**
 * Topics: front-matter tags when an article has them; otherwise a few subjects
 * chosen for the whole corpus from the phrases articles are about (words and
 * word pairs, see `read-key-phrases.ts`). A phrase becomes a topic when the
 * articles that use it read alike: most of their nearest neighbours use it
 * too. Junk words ("nine", "billion", "complete") are spread over unrelated
 * articles and fail that test; subjects ("oil prices", "interest rates") pass.
 * The corpus gets a budget of topics per 1,000 articles, best first, and a
 * phrase that would list mostly the same articles as a better one is skipped.
 */
import type { Topic } from '../../schemas/topic.ts';
import type { TermVectors } from '../related/build-term-vectors.ts';
import type { Neighbor } from '../related/find-related.ts';
import { mostCommonForm, newestFirstRanks, pageMinimum, slugifyName, type PageThreshold } from '../entities/name-pages.ts';
import { createPhraseReader, keyParts, type PhraseReader } from './read-key-phrases.ts';

/** What topic derivation reads from an article. */
export interface TopicInput {
	/** Article slug. */
	slug: string;
	/** Headline. */
	title: string;
	/** YYYY-MM-DD or null (for the newest-first order). */
	date: string | null;
	/** Content-folder path: orders undated and same-day articles (see src/lib/article-order.ts). */
	file: string;
	/** Front-matter tags. */
	tags: readonly string[];
	/** Body paragraphs as plain text. */
	paragraphs: readonly string[];
	/** Names found in the article (people, places, organisations): they have their own pages, so they are not topics. */
	names?: readonly string[];
}

/** Tuning for {@link deriveTopics}. */
export interface TopicOptions extends PageThreshold {
	/** Most topics shown per article. */
	perArticle?: number;
	/** Derived topics per 1,000 articles, at most (front-matter tags are not counted). */
	perThousand?: number;
	/** Phrases used by more than this share of the articles are too general to be topics. */
	maxShare?: number;
	/** Fewest articles a derived topic lists. */
	minGroup?: number;
	/** Neighbours of each member that are read to judge a phrase. */
	neighbourDepth?: number;
	/** Weakest cohesion (share of members' neighbours that are members too) of a topic. */
	minCohesion?: number;
	/** A phrase sharing more than this share of its articles with a better topic is skipped. */
	maxOverlap?: number;
	/**
	 * Weakest tightness of a topic: how alike its articles are to each other (mean
	 * cosine over all pairs) relative to how alike each is to its nearest
	 * neighbours. A phrase shared by two subjects ("prison" in several crime
	 * stories) has close neighbours inside the set but loose pairs across it.
	 */
	minTightness?: number;
}

/** The parts of the related-news term vectors that topic derivation reads (a worker thread is sent only these). */
export type TopicVectors = Pick<TermVectors, 'terms' | 'weights' | 'vocabularySize'>;

/** Result of {@link deriveTopics}. */
export interface TopicIndex {
	/** Per input article: its topic slugs (only topics with a page). */
	articleTopics: string[][];
	/** Topic pages, sorted by slug. */
	topics: Topic[];
}

const DEFAULTS = { perArticle: 3, perThousand: 30, maxShare: 0.3, minGroup: 3, neighbourDepth: 10, minCohesion: 0.5, maxOverlap: 0.5, minTightness: 0.5 };

/** Articles read per topic to find how its phrase is written. */
const NAME_SAMPLE = 40;

/** A word found in a pair in at least this share of its articles is written as the pair. */
const PAIR_SHARE = 0.8;

/** A phrase that could become a topic. */
interface Candidate {
	key: number;
	/** Member article indices, ascending. */
	members: number[];
	/** How alike its members are (0–1). */
	cohesion: number;
}

/**
 * Topics per article and the topic pages. `vectors` and `neighbors` are the
 * related-news term vectors and neighbour lists (same article order, best first).
 */
export function deriveTopics(articles: readonly TopicInput[], vectors: TopicVectors, neighbors: readonly (readonly Neighbor[])[], options: TopicOptions = {}): TopicIndex {
	const { perArticle, perThousand, maxShare, minGroup, neighbourDepth, minCohesion, maxOverlap, minTightness } = { ...DEFAULTS, ...options };
	const n = articles.length;
	const tagMinimum = pageMinimum(n, options);

	// Front-matter tags: the author's own topics.
	const tagForms = new Map<string, Map<string, number>>();
	const tagMembers = new Map<string, number[]>();
	const tagsOf: string[][] = articles.map(() => []);
	// Phrases of untagged articles: key → members, and each member's weight for it.
	const reader = createPhraseReader();
	const phraseMembers = new Map<number, number[]>();
	// How many members use the phrase in running text (see `KeyPhrases.inText`).
	const inText = new Map<number, number>();
	// Per article: its phrase keys and their weights (parallel arrays).
	const keysOf: number[][] = articles.map(() => []);
	const weightsOf: number[][] = articles.map(() => []);
	// Name → its words' keys; names recur across a corpus.
	const nameKeys = new Map<string, number[]>();
	articles.forEach((article, i) => {
		if (article.tags.length > 0) {
			for (const raw of article.tags) {
				const tag = raw.trim();
				if (!tag) continue;
				const slug = slugifyName(tag);
				let forms = tagForms.get(slug);
				if (!forms) tagForms.set(slug, (forms = new Map()));
				forms.set(tag, (forms.get(tag) ?? 0) + 1);
				let list = tagMembers.get(slug);
				if (!list) tagMembers.set(slug, (list = []));
				if (list[list.length - 1] !== i) list.push(i);
				if (!tagsOf[i]!.includes(slug)) tagsOf[i]!.push(slug);
			}
			return;
		}
		const named = new Set<number>();
		for (const name of article.names ?? []) {
			let keys = nameKeys.get(name);
			if (!keys) {
				keys = name.split(/[^\p{L}\p{N}'’]+/u).flatMap((word) => (word ? [reader.wordKey(word)] : [])).filter((key) => key >= 0);
				if (nameKeys.size >= 200_000) nameKeys.clear();
				nameKeys.set(name, keys);
			}
			for (const key of keys) named.add(key);
		}
		const phrases = reader.read(article.title, article.paragraphs);
		phrases.keys.forEach((key, k) => {
			// A name has its own page; a phrase with a name in it is about that name.
			if (keyParts(key).some((part) => named.has(part))) return;
			let list = phraseMembers.get(key);
			if (!list) phraseMembers.set(key, (list = []));
			list.push(i);
			keysOf[i]!.push(key);
			weightsOf[i]!.push(phrases.weights[k]!);
			if (phrases.inText[k]) inText.set(key, (inText.get(key) ?? 0) + 1);
		});
	});

	// Judge each phrase used by enough articles, but not by so many that it says nothing.
	const maxMembers = Math.max(minGroup, Math.floor(n * maxShare));
	const memberOf = new Int32Array(n).fill(-1);
	let candidates: Candidate[] = [];
	let stamp = 0;
	for (const [key, members] of phraseMembers) {
		if (members.length < minGroup || members.length > maxMembers) continue;
		// A word nobody writes in a sentence is a label or a code, not a subject.
		if ((inText.get(key) ?? 0) * 3 < members.length) continue;
		stamp++;
		for (const i of members) memberOf[i] = stamp;
		let sum = 0;
		for (const i of members) {
			const list = neighbors[i] ?? [];
			const depth = Math.min(neighbourDepth, list.length, members.length - 1);
			if (depth === 0) continue;
			let inside = 0;
			for (let k = 0; k < depth; k++) if (memberOf[list[k]!.index] === stamp) inside++;
			sum += inside / depth;
		}
		const cohesion = sum / members.length;
		if (cohesion >= minCohesion) candidates.push({ key, members, cohesion });
	}
	// Words that belong together: a word used mostly inside one pair ("interest"
	// in "interest rates", "cup" in "World Cup") gives way to the pair.
	const candidateSize = new Map(candidates.map((c) => [c.key, c.members.length]));
	const absorbed = new Set<number>();
	for (const c of candidates) {
		const words = keyParts(c.key);
		if (words[1] < 0) continue;
		for (const word of words) if (c.members.length >= PAIR_SHARE * (candidateSize.get(word) ?? Infinity)) absorbed.add(word);
	}
	candidates = candidates.filter((c) => !absorbed.has(c.key));
	// Best first: cohesion, then size (a broad subject beats a narrow one of equal cohesion), then key.
	const text = (key: number): string => reader.keyText(key);
	candidates.sort((a, b) => b.cohesion * Math.log2(b.members.length) - a.cohesion * Math.log2(a.members.length) || (text(a.key) < text(b.key) ? -1 : 1));

	const budget = Math.max(0, Math.floor((n * perThousand) / 1000));
	const chosen: Candidate[] = [];
	// Per article: the chosen topics it belongs to, so overlap is counted from the candidate's side.
	const chosenOf: number[][] = articles.map(() => []);
	const shared = new Map<number, number>();
	const tightness = measureTightness(vectors, neighbors);
	for (const candidate of candidates) {
		if (chosen.length >= budget) break;
		shared.clear();
		for (const i of candidate.members) for (const t of chosenOf[i]!) shared.set(t, (shared.get(t) ?? 0) + 1);
		let overlaps = false;
		for (const [t, count] of shared) if (count > maxOverlap * Math.min(chosen[t]!.members.length, candidate.members.length)) overlaps = true;
		if (overlaps || tightness(candidate.members) < minTightness) continue;
		for (const i of candidate.members) chosenOf[i]!.push(chosen.length);
		chosen.push(candidate);
	}

	// Each article keeps its strongest few topics; a topic left with too few articles goes.
	const articleKeys: number[][] = articles.map(() => []);
	let kept = chosen;
	for (let round = 0; round < 3; round++) {
		const keys = new Set(kept.map((c) => c.key));
		const counts = new Map<number, number>();
		articles.forEach((_, i) => {
			const mine = keysOf[i]!.flatMap((key, k): [number, number][] => (keys.has(key) ? [[key, weightsOf[i]![k]!]] : [])).sort((a, b) => b[1] - a[1] || (text(a[0]) < text(b[0]) ? -1 : 1));
			articleKeys[i] = mine.slice(0, perArticle).map(([key]) => key);
			for (const key of articleKeys[i]!) counts.set(key, (counts.get(key) ?? 0) + 1);
		});
		const next = kept.filter((c) => (counts.get(c.key) ?? 0) >= minGroup);
		if (next.length === kept.length) break;
		kept = next;
	}
	const keptKeys = new Set(kept.map((c) => c.key));
	const names = displayNames(reader, articles, articleKeys, keptKeys);

	// Pages: tags and derived topics, one per slug (a tag wins its slug).
	const ranks = newestFirstRanks(articles);
	const pages = new Map<string, { name: string; origin: 'tag' | 'term'; members: number[] }>();
	for (const [slug, members] of tagMembers) if (members.length >= tagMinimum) pages.set(slug, { name: mostCommonForm(tagForms.get(slug)!), origin: 'tag', members: [] });
	const slugOfKey = new Map<number, string>();
	for (const key of [...keptKeys].sort((a, b) => (text(a) < text(b) ? -1 : 1))) {
		const name = names.get(key)!;
		const slug = slugifyName(name);
		if (pages.has(slug)) continue;
		slugOfKey.set(key, slug);
		pages.set(slug, { name, origin: 'term', members: [] });
	}
	// An article lists its topics in the author's tag order, or strongest first.
	const articleTopics: string[][] = articles.map((_, i) => (tagsOf[i]!.length ? tagsOf[i]! : articleKeys[i]!.flatMap((key) => slugOfKey.get(key) ?? [])).filter((slug) => pages.has(slug)));
	articleTopics.forEach((slugs, i) => {
		for (const slug of slugs) pages.get(slug)!.members.push(i);
	});
	const topics: Topic[] = [...pages.keys()].sort().flatMap((slug) => {
		const page = pages.get(slug)!;
		if (page.members.length === 0) return [];
		const members = page.members.sort((a, b) => ranks[a]! - ranks[b]!);
		return [{ slug, name: page.name, origin: page.origin, articles: members.map((i) => articles[i]!.slug) }];
	});
	return { articleTopics, topics };
}

/**
 * A function giving the tightness of a set of articles (see
 * {@link TopicOptions.minTightness}): the mean pairwise cosine of their unit
 * vectors, from the length of their sum (|Σv|² = m + Σ pairs), over the mean
 * score of each member's five nearest neighbours. Linear in the members.
 */
function measureTightness(vectors: TopicVectors, neighbors: readonly (readonly Neighbor[])[]): (members: readonly number[]) => number {
	const sum = new Float64Array(vectors.vocabularySize);
	const touched: number[] = [];
	const near = neighbors.map((list) => {
		const depth = Math.min(5, list.length);
		let total = 0;
		for (let k = 0; k < depth; k++) total += list[k]!.score;
		return depth ? total / depth : 0;
	});
	return (members) => {
		let nearTotal = 0;
		for (const i of members) {
			nearTotal += near[i]!;
			const terms = vectors.terms[i]!;
			const weights = vectors.weights[i]!;
			for (let j = 0; j < terms.length; j++) {
				const t = terms[j]!;
				if (sum[t] === 0) touched.push(t);
				sum[t] += weights[j]!;
			}
		}
		let squared = 0;
		for (const t of touched) {
			squared += sum[t]! * sum[t]!;
			sum[t] = 0;
		}
		touched.length = 0;
		const m = members.length;
		const pairwise = m > 1 ? (squared - m) / (m * (m - 1)) : 0;
		return nearTotal > 0 ? pairwise / (nearTotal / m) : 0;
	};
}

/**
 * A reader's name for each kept key: its most common spelling in body text,
 * lower case unless writers capitalise it inside sentences ("World Cup"), with
 * a capital first letter ("Oil prices"). Headlines and all-capitals text say
 * nothing about case, so they are not read.
 */
function displayNames(reader: PhraseReader, articles: readonly TopicInput[], articleKeys: readonly number[][], keys: ReadonlySet<number>): Map<number, string> {
	const forms = new Map<number, Map<string, number>>();
	const fromTitles = new Map<number, Map<string, number>>();
	const capitalised = new Map<number, number>();
	const lower = new Map<number, number>();
	const add = (table: Map<number, Map<string, number>>, key: number, surface: string): void => {
		let counts = table.get(key);
		if (!counts) table.set(key, (counts = new Map()));
		counts.set(surface, (counts.get(surface) ?? 0) + 1);
	};
	// A few dozen articles show how a phrase is written; reading every member of a big topic adds nothing.
	const sampled = new Map<number, number>();
	articles.forEach((article, i) => {
		const wanted = new Set(articleKeys[i]!.filter((key) => keys.has(key) && (sampled.get(key) ?? 0) < NAME_SAMPLE));
		if (wanted.size === 0) return;
		for (const key of wanted) sampled.set(key, (sampled.get(key) ?? 0) + 1);
		// Headlines only as a last resort: their case is the headline's style.
		reader.forEachPhrase(article.title, ({ key, start, end }) => {
			if (wanted.has(key)) add(fromTitles, key, surfaceOf(article.title, start, end).toLowerCase());
		});
		let budget = 400;
		for (const paragraph of article.paragraphs) {
			if (budget <= 0) break;
			budget -= reader.forEachPhrase(
				paragraph,
				({ key, start, end, sentenceStart, capitals }) => {
					if (!wanted.has(key) || capitals) return;
					const surface = surfaceOf(paragraph, start, end);
					if (surface === surface.toLowerCase()) lower.set(key, (lower.get(key) ?? 0) + 1);
					else if (!sentenceStart) capitalised.set(key, (capitalised.get(key) ?? 0) + 1);
					else return;
					add(forms, key, surface);
				},
				budget,
			);
		}
	});
	const out = new Map<number, string>();
	for (const key of keys) {
		const counts = forms.get(key) ?? new Map<string, number>();
		const properNoun = (capitalised.get(key) ?? 0) > (lower.get(key) ?? 0);
		const pool = new Map([...counts].filter(([surface]) => (surface === surface.toLowerCase()) !== properNoun));
		const surface = mostCommonForm(pool.size ? pool : counts.size ? counts : (fromTitles.get(key) ?? new Map())) || reader.keyText(key);
		// "oil prices" → "Oil prices"; "iPod" and "World Cup" stay as written.
		out.set(key, /^\p{Ll}[^\p{Lu}]*$/u.test(surface) ? surface.charAt(0).toUpperCase() + surface.slice(1) : surface);
	}
	return out;
}

/** The words of a phrase as written, with any run of spaces as one. */
function surfaceOf(text: string, start: number, end: number): string {
	return text.slice(start, end).replace(/\s+/g, ' ');
}
