import { defineCollection } from 'astro:content';
import { articlesLoader } from './loaders/corpus-loader.ts';
import { articleSchema } from './schemas/article.ts';

export const collections = {
	articles: defineCollection({ loader: articlesLoader(), schema: articleSchema }),
};
