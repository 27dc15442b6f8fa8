/**
 * Bare surnames across the corpus: "Baker told reporters" in one article is
 * "James Baker" when another article names him in full and the two share
 * context.
 *
 * A candidate is a one-word person ("Mr Baker") or a possible surname the
 * extractor found (`surnames`). Its full names are the people of the corpus
 * whose last name it is. Each full name gets a profile: how often each context
 * name (place, organisation, person, capitalised word) comes up in its articles.
 * A candidate's score for a full name adds, over the context names the two
 * share, the name's rarity in the corpus (idf) times the share of the full
 * name's articles that use it; names in more than a tenth of the articles count
 * for nothing. The best full name wins if it scores at least
 * {@link JoinOptions.minScore} and twice the next one ("George Bush" or "Laura
 * Bush"); otherwise the surname stays alone. Work is linear in the context
 * sizes: profiles are built only for full names a candidate asks for, from at
 * most {@link JoinOptions.profileArticles} of their articles.
 */
import type { Entities } from '../../schemas/article.ts';
import { surnameOf, type NameEvidence } from './extract-entities.ts';
import { foldName } from './gazetteer.ts';

/** Tuning for {@link joinSurnames}. */
export interface JoinOptions {
	/**
	 * Least score that joins. 4 ≈ one context name used by 1 article in 55 and by all
	 * of the full name's articles, or two names used by 1 article in 7.
	 */
	minScore?: number;
	/** Context names used by more than this share of the articles ("United States") say nothing. */
	maxShare?: number;
	/** The best full name must score this many times the next one. */
	margin?: number;
	/** Articles read per full name's profile (bounds the work for very frequent names). */
	profileArticles?: number;
	/** Corpus size below which idf is computed as if the corpus had this many articles (tiny sites). */
	minCorpus?: number;
}

/** Defaults of {@link JoinOptions}. */
export const DEFAULT_JOIN_OPTIONS = { minScore: 4, maxShare: 0.1, margin: 2, profileArticles: 64, minCorpus: 50 } satisfies Required<JoinOptions>;

/** One join: the article's one-word name and the full name it stands for (as first spelled in the corpus). */
export interface SurnameJoin {
	from: string;
	to: string;
}

/** What one article offers the join: its names and, when extracted, its surnames and context. */
export type JoinInput = Entities & Partial<NameEvidence>;

/** Folded context names of an article, each once: the extractor's, or else its names of every kind. */
function contextOf(entities: JoinInput): readonly string[] {
	return entities.context ?? [...new Set([...entities.people, ...entities.places, ...entities.organizations].map(foldName))];
}

/** Per article, the bare surnames and one-word people that join a full name used elsewhere. */
export function joinSurnames(extracted: readonly JoinInput[], options: JoinOptions = {}): SurnameJoin[][] {
	const { minScore, maxShare, margin, profileArticles, minCorpus } = { ...DEFAULT_JOIN_OPTIONS, ...options };
	// Full names by surname, with their articles and first spelling.
	const bySurname = new Map<string, string[]>();
	const fullArticles = new Map<string, number[]>();
	const spelling = new Map<string, string>();
	extracted.forEach((entities, i) => {
		for (const name of entities.people) {
			const key = foldName(name);
			if (!key.includes(' ')) continue;
			let list = fullArticles.get(key);
			if (!list) {
				fullArticles.set(key, (list = []));
				spelling.set(key, name);
				const surname = surnameOf(key);
				const keys = bySurname.get(surname);
				if (keys) keys.push(key);
				else bySurname.set(surname, [key]);
			}
			if (list[list.length - 1] !== i) list.push(i);
		}
	});
	// Candidates first, so only articles that ask pay for context work.
	const asks: { article: number; from: string; surname: string; names: string[] }[] = [];
	extracted.forEach((entities, article) => {
		const asked = new Set<string>();
		const ask = (from: string): void => {
			const surname = foldName(from);
			const names = bySurname.get(surname);
			if (!names || asked.has(surname)) return;
			asked.add(surname);
			// A full name with this surname in the article itself was joined by the extractor.
			if (entities.people.some((p) => p.includes(' ') && surnameOf(foldName(p)) === surname)) return;
			asks.push({ article, from, surname, names });
		};
		for (const name of entities.people) if (!name.includes(' ')) ask(name);
		for (const name of entities.surnames ?? []) ask(name);
	});
	const joins: SurnameJoin[][] = extracted.map(() => []);
	if (asks.length === 0) return joins;

	const documentFrequency = new Map<string, number>();
	for (const entities of extracted) for (const key of contextOf(entities)) documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
	const corpus = Math.max(extracted.length, minCorpus);
	const idf = (key: string): number => {
		const share = (documentFrequency.get(key) ?? 1) / corpus;
		return share > maxShare ? 0 : -Math.log(share);
	};
	const profiles = new Map<string, Map<string, number>>();
	const profileOf = (name: string): Map<string, number> => {
		let profile = profiles.get(name);
		if (!profile) {
			profile = new Map();
			const articles = fullArticles.get(name)!.slice(0, profileArticles);
			for (const i of articles) for (const key of contextOf(extracted[i]!)) profile.set(key, (profile.get(key) ?? 0) + 1 / articles.length);
			profiles.set(name, profile);
		}
		return profile;
	};

	for (const { article, from, surname, names } of asks) {
		const context = contextOf(extracted[article]!);
		// Spellings of one person ("George Bush", "George W Bush") compete as one.
		const groups = new Map<string, { name: string; score: number }>();
		for (const name of names) {
			const profile = profileOf(name);
			let score = 0;
			for (const key of context) {
				if (key === surname || key === name) continue;
				const share = profile.get(key);
				if (share !== undefined) score += share * idf(key);
			}
			const group = `${name.slice(0, name.indexOf(' '))} ${surname}`;
			const held = groups.get(group);
			if (!held || score > held.score) groups.set(group, { name, score });
		}
		const ranked = [...groups.values()].sort((a, b) => b.score - a.score);
		const [best, next] = ranked;
		if (best && best.score >= minScore && best.score >= margin * (next?.score ?? 0)) joins[article]!.push({ from, to: spelling.get(best.name)! });
	}
	return joins;
}
