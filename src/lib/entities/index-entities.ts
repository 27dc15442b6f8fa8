/**
 * Per-article entity lists → one canonical spelling per name across the
 * corpus, and the people / places / organisations pages.
 */
import type { Entities } from '../../schemas/article.ts';
import type { Entity } from '../../schemas/entity.ts';
import { foldName, type EntityKind } from './gazetteer.ts';
import { mostCommonForm, newestFirstRanks, pageMinimum, slugifyName, type PageThreshold } from './name-pages.ts';

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
 * Canonicalises names (same slug → most common spelling) and builds a
 * page for each name found in enough articles (see {@link pageMinimum}).
 */
export function indexEntities(
	articles: readonly { slug: string; title: string; date: string | null; file: string }[],
	extracted: readonly Entities[],
	threshold: PageThreshold = {},
): EntityIndex {
	const minimum = pageMinimum(articles.length, threshold);
	const ranks = newestFirstRanks(articles);
	const pages = {} as Record<EntityKind, Entity[]>;
	const keep = {} as Record<EntityKind, Map<string, string>>;
	for (const kind of ENTITY_KINDS) {
		const forms = new Map<string, Map<string, number>>();
		const members = new Map<string, number[]>();
		extracted.forEach((entities, i) => {
			for (const name of entities[kind]) {
				const key = entitySlug(name);
				let counts = forms.get(key);
				if (!counts) forms.set(key, (counts = new Map()));
				counts.set(name, (counts.get(name) ?? 0) + 1);
				let list = members.get(key);
				if (!list) members.set(key, (list = []));
				if (list[list.length - 1] !== i) list.push(i);
			}
		});
		const redirect = kind === 'people' ? surnameRedirects(forms, members) : new Map<string, string>();
		for (const [from, to] of redirect) {
			const merged = new Set([...members.get(to)!, ...members.get(from)!]);
			members.set(to, [...merged].sort((a, b) => a - b));
			members.delete(from);
		}
		const kept = [...members].filter(([, list]) => list.length >= minimum).map(([key]) => ({ key, name: mostCommonForm(forms.get(key)!) }));
		keep[kind] = new Map(kept.map(({ key, name }) => [key, name]));
		for (const [from, to] of redirect) {
			const name = keep[kind].get(to);
			if (name !== undefined) keep[kind].set(from, name);
		}
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
	const articleEntities = extracted.map((entities) => {
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
 * A bare surname used as a person's name in some articles ("Bush") belongs to
 * the full name used elsewhere ("George W Bush") when that full name is the only
 * one with this surname, or is used in at least three times as many articles as
 * any other.
 */
function surnameRedirects(forms: ReadonlyMap<string, ReadonlyMap<string, number>>, members: ReadonlyMap<string, readonly number[]>): Map<string, string> {
	const bySurname = new Map<string, string[]>();
	for (const key of [...members.keys()].sort()) {
		const parts = key.split('-');
		if (parts.length < 2) continue;
		const surname = parts[parts.length - 1]!;
		let list = bySurname.get(surname);
		if (!list) bySurname.set(surname, (list = []));
		list.push(key);
	}
	const redirect = new Map<string, string>();
	for (const key of members.keys()) {
		if (key.includes('-') || !forms.has(key)) continue;
		const candidates = (bySurname.get(key) ?? []).map((k) => ({ key: k, n: members.get(k)!.length })).sort((a, b) => b.n - a.n || (a.key < b.key ? -1 : 1));
		if (candidates.length === 0) continue;
		if (candidates.length === 1 || candidates[0]!.n >= 3 * candidates[1]!.n) redirect.set(key, candidates[0]!.key);
	}
	return redirect;
}
