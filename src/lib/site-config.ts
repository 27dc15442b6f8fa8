/**
 * Settings that come from the environment, read in one place so the build,
 * the ingest CLI and the dev server agree.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (the folder holding package.json). */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Site name shown in the header, feeds and metadata. */
export const siteTitle = process.env.SITE_TITLE ?? 'Broadsheet';

/** One-line description used by the feed and the front page metadata. */
export const siteDescription = process.env.SITE_DESCRIPTION ?? 'The news, from the articles in this folder.';

/**
 * The content folder: `NEWS_CONTENT_DIR` (absolute, or relative to the current
 * directory) or `content/articles` in the project.
 */
export function resolveContentDir(env: NodeJS.ProcessEnv = process.env): string {
	const fromEnv = env.NEWS_CONTENT_DIR?.trim();
	return fromEnv ? path.resolve(process.cwd(), fromEnv) : path.join(projectRoot, 'content', 'articles');
}

/** The site's public origin for canonical URLs, feeds and the sitemap (`SITE_URL`). */
export function resolveSiteUrl(env: NodeJS.ProcessEnv = process.env): string {
	return env.SITE_URL?.trim() || 'http://localhost:4321';
}

/** The sub-path the site is served under (`BASE_PATH`), always with leading and trailing slash. */
export function resolveBasePath(env: NodeJS.ProcessEnv = process.env): string {
	const raw = env.BASE_PATH?.trim() || '/';
	const inner = raw.replace(/^\/+|\/+$/g, '');
	return inner ? `/${inner}/` : '/';
}
