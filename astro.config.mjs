// @ts-check
import sitemap from '@astrojs/sitemap';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'astro/config';
import { resolveBasePath, resolveSiteUrl } from './src/lib/site-config.ts';

export default defineConfig({
	site: resolveSiteUrl(),
	base: resolveBasePath(),
	trailingSlash: 'always',
	integrations: [sitemap()],
	vite: { plugins: [tailwindcss()] },
});
