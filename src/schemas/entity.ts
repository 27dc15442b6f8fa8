/**
 * The `people`, `places` and `organizations` collections (one schema, one
 * collection per kind so each kind has its own URL space).
 */
import { z } from 'astro/zod';

export const entitySchema = z.object({
	/** URL segment within its kind. */
	slug: z.string(),
	/** Canonical display name, as stored in `Article.entities`. */
	name: z.string(),
	/** Which collection and URL prefix the entity belongs to. */
	kind: z.enum(['people', 'places', 'organizations']),
	/** Article slugs that name it, newest first (undated last, then by headline). */
	articles: z.array(z.string()),
});

/** One person, place or organisation page's data. */
export type Entity = z.infer<typeof entitySchema>;
