/**
 * Bare surnames across the corpus: "Baker told reporters" in one article is
 * "James Baker" when another article names him in full and the two share
 * context.
 *
 * A full name the extractor could not read (`unread`: "Peyton Manning") is
 * the person when another article reads that name. Otherwise a candidate is a
 * one-word person ("Mr Baker") or a possible surname the extractor found
 * (`surnames`). Its people are the full names of the corpus
 * whose last name it is; spellings that share first and last name ("George
 * Bush", "George W Bush") are one person. Each person gets a profile: the share
 * of their articles that use each context name (place, organisation, person,
 * capitalised word). The candidate's score for a person adds, over the context
 * names the candidate's article shares with the profile, how much more often
 * the name comes with the person than in the corpus at large:
 * log(share with the person / share in the corpus), when positive. Names in more
 * than a tenth of the articles count for nothing. The best person wins if the
 * score reaches {@link JoinOptions.minScore} and, with the log of the person's
 * article count added (the better known, the likelier), leads the next person
 * by {@link JoinOptions.minLead} ("George Bush" or "Laura Bush"); otherwise the
 * surname stays alone.
 *
 * Work is linear in the context sizes: profiles are built only for people a
 * candidate asks for, from at most {@link JoinOptions.profileArticles} of their articles.
 */
import type { Entities } from '../../schemas/article.ts';
import { surnameOf, type NameEvidence } from './extract-entities.ts';
import { foldName } from './gazetteer.ts';

/** Tuning for {@link joinSurnames}. */
export interface JoinOptions {
	/**
	 * Least score that joins: 4 ≈ one context name used by 1 article in 55 and by all of
	 * the person's articles, or two names each 7 times likelier with the person than without.
	 */
	minScore?: number;
	/** Context names used by more than this share of the articles ("United States") say nothing. */
	maxShare?: number;
	/**
	 * How far the best person must lead the next, in log odds: the score plus the log of
	 * the person's article count (the better known, the likelier). 2 ≈ seven times likelier.
	 */
	minLead?: number;
	/** Articles read per person's profile (bounds the work for very frequent names). */
	profileArticles?: number;
	/** Corpus size below which shares are computed as if the corpus had this many articles (tiny sites). */
	minCorpus?: number;
}

/** Defaults of {@link JoinOptions}. */
export const DEFAULT_JOIN_OPTIONS = { minScore: 4, maxShare: 0.1, minLead: 2, profileArticles: 64, minCorpus: 50 } satisfies Required<JoinOptions>;

/** One join: the article's one-word name and the full name it stands for. */
export interface SurnameJoin {
	from: string;
	to: string;
}

/** What one article offers the join: its names and, when extracted, its surnames and context. */
export type JoinInput = Entities & Partial<NameEvidence>;

/** One person: the spellings of a first and last name, and the articles that write one in full. */
interface Person {
	/** Article count per spelling; the most used one is what surnames join to. */
	spellings: Map<string, number>;
	/** The spellings, folded (never counted as context for the person). */
	folded: Set<string>;
	articles: number[];
	profile: Map<string, number> | null;
}

/** Folded context names of an article, each once: the extractor's, or else its names of every kind. */
function contextOf(entities: JoinInput): readonly string[] {
	return entities.context ?? [...new Set([...entities.people, ...entities.places, ...entities.organizations].map(foldName))];
}

/** The people of the corpus by surname ("bush" → George W Bush, Laura Bush). */
function peopleBySurname(extracted: readonly JoinInput[]): Map<string, Map<string, Person>> {
	const bySurname = new Map<string, Map<string, Person>>();
	extracted.forEach((entities, i) => {
		for (const name of entities.people) {
			const key = foldName(name);
			const space = key.indexOf(' ');
			if (space < 0) continue;
			const surname = surnameOf(key);
			let people = bySurname.get(surname);
			if (!people) bySurname.set(surname, (people = new Map()));
			const id = `${key.slice(0, space)} ${surname}`;
			let person = people.get(id);
			if (!person) people.set(id, (person = { spellings: new Map(), folded: new Set(), articles: [], profile: null }));
			person.spellings.set(name, (person.spellings.get(name) ?? 0) + 1);
			person.folded.add(key);
			if (person.articles[person.articles.length - 1] !== i) person.articles.push(i);
		}
	});
	return bySurname;
}

/** The spelling most articles use (ties: first in sort order). */
function mainSpelling(person: Person): string {
	return [...person.spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}

/** Per article, the bare surnames and one-word people that join a full name used elsewhere. */
export function joinSurnames(extracted: readonly JoinInput[], options: JoinOptions = {}): SurnameJoin[][] {
	const { minScore, maxShare, minLead, profileArticles, minCorpus } = { ...DEFAULT_JOIN_OPTIONS, ...options };
	const bySurname = peopleBySurname(extracted);
	const joins: SurnameJoin[][] = extracted.map(() => []);
	// Candidates first, so only articles that ask pay for context work.
	const asks: { article: number; from: string; surname: string; people: Map<string, Person> }[] = [];
	extracted.forEach((entities, article) => {
		const asked = new Set<string>();
		// A full name the article wrote but could not read ("Peyton Manning") is the person the
		// corpus reads elsewhere; its surname then asks for no one else ("Tarvaris Jackson").
		for (const name of entities.unread ?? []) {
			const key = foldName(name);
			const surname = surnameOf(key);
			asked.add(surname);
			const person = bySurname.get(surname)?.get(`${key.slice(0, key.indexOf(' '))} ${surname}`);
			if (person) joins[article]!.push({ from: name, to: mainSpelling(person) });
		}
		const ask = (from: string): void => {
			const surname = foldName(from);
			const people = bySurname.get(surname);
			if (!people || asked.has(surname)) return;
			asked.add(surname);
			// A full name with this surname in the article itself was joined by the extractor.
			if (entities.people.some((p) => p.includes(' ') && surnameOf(foldName(p)) === surname)) return;
			asks.push({ article, from, surname, people });
		};
		for (const name of entities.people) if (!name.includes(' ')) ask(name);
		for (const name of entities.surnames ?? []) ask(name);
	});
	if (asks.length === 0) return joins;

	const documentFrequency = new Map<string, number>();
	for (const entities of extracted) for (const key of contextOf(entities)) documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
	const corpus = Math.max(extracted.length, minCorpus);
	const profileOf = (person: Person): Map<string, number> => {
		if (!person.profile) {
			person.profile = new Map();
			const articles = person.articles.slice(0, profileArticles);
			for (const i of articles) for (const key of contextOf(extracted[i]!)) person.profile.set(key, (person.profile.get(key) ?? 0) + 1 / articles.length);
		}
		return person.profile;
	};

	for (const { article, from, surname, people } of asks) {
		const context = contextOf(extracted[article]!);
		const scored: { person: Person; score: number; odds: number }[] = [];
		for (const person of people.values()) {
			const profile = profileOf(person);
			let score = 0;
			for (const key of context) {
				if (key === surname || person.folded.has(key)) continue;
				const share = profile.get(key);
				if (share === undefined) continue;
				const base = (documentFrequency.get(key) ?? 1) / corpus;
				if (base <= maxShare) score += Math.max(0, Math.log(share / base));
			}
			scored.push({ person, score, odds: score + Math.log(person.articles.length) });
		}
		const [best, next] = scored.sort((a, b) => b.odds - a.odds);
		if (best && best.score >= minScore && (!next || best.odds - next.odds >= minLead)) joins[article]!.push({ from, to: mainSpelling(best.person) });
	}
	return joins;
}
