/**
 * The `topics` collection: subjects that group articles (front-matter tags, or
 * terms that characterise several articles when there are no tags).
 */
import { z } from 'astro/zod';

export const topicSchema = z.object({
	/** URL segment, the value stored in `Article.topics`. */
	slug: z.string(),
	/** Display name ("Climate change"). */
	name: z.string(),
	/** `tag` when it came from front matter, `term` when derived from the text. */
	origin: z.enum(['tag', 'term']),
	/** Article slugs, newest first (undated last, then by headline). */
	articles: z.array(z.string()),
});

/** One topic page's data. */
export type Topic = z.infer<typeof topicSchema>;
