import { defineCollection } from 'astro:content';
import { articlesLoader, corpusLinksLoader } from './loaders/corpus-loader.ts';
import { articleSchema } from './schemas/article.ts';
import { entitySchema } from './schemas/entity.ts';
import { storySchema } from './schemas/story.ts';
import { topicSchema } from './schemas/topic.ts';

export const collections = {
	articles: defineCollection({ loader: articlesLoader(), schema: articleSchema }),
	stories: defineCollection({ loader: corpusLinksLoader('stories'), schema: storySchema }),
	topics: defineCollection({ loader: corpusLinksLoader('topics'), schema: topicSchema }),
	people: defineCollection({ loader: corpusLinksLoader('people'), schema: entitySchema }),
	places: defineCollection({ loader: corpusLinksLoader('places'), schema: entitySchema }),
	organizations: defineCollection({ loader: corpusLinksLoader('organizations'), schema: entitySchema }),
};
