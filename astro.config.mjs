// @ts-check
import sitemap from '@astrojs/sitemap';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'astro/config';
import { searchIndex } from './src/integrations/search-index.ts';
import { resolveBasePath, resolveSiteUrl } from './src/lib/site-config.ts';

export default defineConfig({
	// Tests and benchmarks build several sites side by side, each with its own output and cache.
	outDir: process.env.BROADSHEET_OUT_DIR || './dist',
	cacheDir: process.env.BROADSHEET_CACHE_DIR || './node_modules/.astro',
	site: resolveSiteUrl(),
	base: resolveBasePath(),
	trailingSlash: 'always',
	// Search is indexed while pages render (see src/integrations/search-index.ts);
	// BROADSHEET_SEARCH_INDEX=cli indexes dist/ with the Pagefind CLI afterwards instead.
	integrations: [sitemap(), searchIndex({ enabled: process.env.BROADSHEET_SEARCH_INDEX !== 'cli' })],
	vite: { plugins: [tailwindcss()] },
});
