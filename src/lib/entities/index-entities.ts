/**
 * Per-article entity lists → one canonical spelling per name across the
 * corpus, and the people / places / organisations pages.
 */
import type { Entities } from '../../schemas/article.ts';
import type { Entity } from '../../schemas/entity.ts';
import { foldName, type EntityKind } from './gazetteer.ts';
import { joinSurnames, type JoinInput, type JoinOptions } from './join-surnames.ts';
import { mostCommonForm, newestFirstRanks, pageMinimum, slugifyName, spansStories, type PageThreshold } from './name-pages.ts';

/** The entity kinds, in display order. */
export const ENTITY_KINDS: readonly EntityKind[] = ['people', 'places', 'organizations'];

/** Result of {@link indexEntities}. */
export interface EntityIndex {
	/** Per input article: its entities with canonical names, only those that have a page. */
	articleEntities: Entities[];
	/** Pages per kind, sorted by slug. */
	pages: Record<EntityKind, Entity[]>;
}

/**
 * URL segment of an entity name. Spellings that fold to the same key
 * ("Hezbollah" / "HEZBOLLAH") share it, so it also identifies the entity.
 */
export function entitySlug(name: string): string {
	return slugifyName(foldName(name));
}

/**
 * Canonicalises names (same slug → most common spelling), joins bare surnames
 * to the full name used elsewhere when the context agrees (join-surnames.ts),
 * and builds a page for each name found in enough articles (see {@link pageMinimum}).
 * Given each article's story (`storyOf`, index-aligned, null outside a story), a name
 * on a large corpus also needs articles from two stories (see {@link spansStories}).
 */
export function indexEntities(
	articles: readonly { slug: string; title: string; date: string | null; file: string }[],
	extracted: readonly JoinInput[],
	threshold: PageThreshold = {},
	join: JoinOptions = {},
	storyOf?: readonly (string | null)[],
): EntityIndex {
	const minimum = pageMinimum(articles.length, threshold);
	// Small sites (minimum 1) show every name, as they show every article.
	const enoughStories = (members: number[]): boolean => !storyOf || minimum <= 1 || spansStories(members, storyOf);
	const ranks = newestFirstRanks(articles);
	const joined = applyJoins(extracted, joinSurnames(extracted, join));
	const pages = {} as Record<EntityKind, Entity[]>;
	const keep = {} as Record<EntityKind, Map<string, string>>;
	for (const kind of ENTITY_KINDS) {
		const forms = new Map<string, Map<string, number>>();
		const members = new Map<string, number[]>();
		joined.forEach((entities, i) => {
			for (const name of entities[kind]) {
				const key = entitySlug(name);
				let list = members.get(key);
				if (!list) members.set(key, (list = []));
				if (list[list.length - 1] !== i) list.push(i);
			}
		});
		// Spellings count where the article wrote the name, not where a surname was joined to it.
		for (const entities of extracted) {
			for (const name of entities[kind]) {
				const key = entitySlug(name);
				let counts = forms.get(key);
				if (!counts) forms.set(key, (counts = new Map()));
				counts.set(name, (counts.get(name) ?? 0) + 1);
			}
		}
		const kept = [...members].filter(([key, list]) => list.length >= minimum && forms.has(key) && enoughStories(list)).map(([key]) => ({ key, name: mostCommonForm(forms.get(key)!) }));
		keep[kind] = new Map(kept.map(({ key, name }) => [key, name]));
		pages[kind] = kept
			.map(({ key, name }) => ({
				slug: key,
				name,
				kind,
				articles: members
					.get(key)!
					.sort((a, b) => ranks[a]! - ranks[b]!)
					.map((i) => articles[i]!.slug),
			}))
			.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
	}
	const articleEntities = joined.map((entities) => {
		const out = { people: [], places: [], organizations: [] } as Entities;
		for (const kind of ENTITY_KINDS) {
			const seen = new Set<string>();
			for (const name of entities[kind]) {
				const canonical = keep[kind].get(entitySlug(name));
				if (canonical !== undefined && !seen.has(canonical)) {
					seen.add(canonical);
					out[kind].push(canonical);
				}
			}
		}
		return out;
	});
	return { articleEntities, pages };
}

/**
 * Each article's names with its joins applied: a joined one-word person gives way to the
 * full name, and a one-word place or organisation that was the surname ("Jordan said")
 * leaves (the extractor lists such a surname only when every mention of it read as a person).
 */
function applyJoins(extracted: readonly JoinInput[], joins: readonly { from: string; to: string }[][]): Entities[] {
	return extracted.map((entities, i) => {
		const list = joins[i]!;
		if (list.length === 0) return entities;
		const gone = new Set(list.map((j) => foldName(j.from)));
		const stays = (name: string): boolean => !gone.has(foldName(name));
		return {
			people: [...entities.people.filter(stays), ...list.map((j) => j.to)],
			places: entities.places.filter(stays),
			organizations: entities.organizations.filter(stays),
		};
	});
}
