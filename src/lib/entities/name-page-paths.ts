/**
 * Static paths for paginated name pages (topics, people, places,
 * organisations): page 1 at `/<kind>/<slug>/`, then `/<kind>/<slug>/page/N/`.
 */
import { paginate, type Page } from '../pagination.ts';

/** Articles listed per name page. */
export const NAME_PAGE_SIZE = 20;

/** One static path: the route params and the page's slice of article slugs. */
export interface NamePagePath<T> {
	/** `[param]` holds the name's slug; `page` is undefined for page 1, else `page/N`. */
	params: Record<string, string | undefined>;
	/** The name's entry and its page of article slugs. */
	props: { entry: T; page: Page<string> };
}

/** Every page of every name, in entry order; `param` names the route's slug parameter. */
export function namePagePaths<T extends { slug: string; articles: readonly string[] }>(entries: readonly T[], param = 'slug', perPage = NAME_PAGE_SIZE): NamePagePath<T>[] {
	return entries.flatMap((entry) =>
		paginate(entry.articles, perPage).map((page) => ({
			params: { [param]: entry.slug, page: page.number > 1 ? `page/${page.number}` : undefined },
			props: { entry, page },
		})),
	);
}

/** The articles of `slugs` that exist in `bySlug`, in the given order. */
export function pickArticles<A>(slugs: readonly string[], bySlug: ReadonlyMap<string, A>): A[] {
	return slugs.flatMap((slug) => {
		const article = bySlug.get(slug);
		return article === undefined ? [] : [article];
	});
}

/** The entity collections that get name pages, with the label a page shows above the name. */
export const ENTITY_PAGE_KINDS = [
	{ kind: 'people', kicker: 'Person' },
	{ kind: 'places', kicker: 'Place' },
	{ kind: 'organizations', kicker: 'Organisation' },
] as const;
