/**
 * The `stories` collection: groups of articles that report one developing event.
 */
import { z } from 'astro/zod';

export const storySchema = z.object({
	/** Stable id: the slug of the story's first article (oldest, then alphabetical); also the URL segment. */
	id: z.string(),
	/** Headline shown for the story: its first article's headline. */
	title: z.string(),
	/** Member article slugs as a timeline: oldest first, undated last (by slug). */
	articles: z.array(z.string()).min(2),
	/** Date of the oldest dated member, when any member is dated. */
	firstDate: z.string().nullable(),
	/** Date of the newest dated member, when any member is dated. */
	lastDate: z.string().nullable(),
});

/** One story. */
export type Story = z.infer<typeof storySchema>;
