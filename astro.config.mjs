// @ts-check
import sitemap from '@astrojs/sitemap';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'astro/config';
import { resolveBasePath, resolveSiteUrl } from './src/lib/site-config.ts';

export default defineConfig({
	// Tests and benchmarks build several sites side by side, each with its own output and cache.
	outDir: process.env.BROADSHEET_OUT_DIR || './dist',
	cacheDir: process.env.BROADSHEET_CACHE_DIR || './node_modules/.astro',
	site: resolveSiteUrl(),
	base: resolveBasePath(),
	trailingSlash: 'always',
	integrations: [sitemap()],
	vite: { plugins: [tailwindcss()] },
});
