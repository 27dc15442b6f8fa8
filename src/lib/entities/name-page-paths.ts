/**
 * Static paths for paginated name pages (topics, people, places,
 * organisations): page 1 at `/<kind>/<slug>/`, then `/<kind>/<slug>/page/N/`.
 */
import { paginate, type Page } from '../pagination.ts';

/** Articles listed per name page. */
export const NAME_PAGE_SIZE = 20;

/** One static path: the route params and the page's slice of article slugs. */
export interface NamePagePath {
	/** `[param]` holds the name's slug; `page` is undefined for page 1, else `page/N`. */
	params: Record<string, string | undefined>;
	/**
	 * The name and its page of article slugs. Not the name's whole article list: in every
	 * page's props it made the pages' cache keys grow with pages × articles (a topic of
	 * 20,000 articles has 1,000 pages), 2.5 minutes of hashing at 100,000 articles.
	 */
	props: { entry: { slug: string; name: string }; page: Page<string> };
}

/** Every page of every name, in entry order; `param` names the route's slug parameter. */
export function namePagePaths(entries: readonly { slug: string; name: string; articles: readonly string[] }[], param = 'slug', perPage = NAME_PAGE_SIZE): NamePagePath[] {
	return entries.flatMap(({ slug, name, articles }) =>
		paginate(articles, perPage).map((page) => ({
			params: { [param]: slug, page: page.number > 1 ? `page/${page.number}` : undefined },
			props: { entry: { slug, name }, page },
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
