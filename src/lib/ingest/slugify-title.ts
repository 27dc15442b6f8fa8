/**
 * Titles → URL-safe slugs that are unique across the corpus and stable across rebuilds.
 */
import slugify from '@sindresorhus/slugify';
import { createHash } from 'node:crypto';

const MAX_SLUG_LENGTH = 80;

/**
 * A readable slug for a title: ASCII, lowercase, hyphenated, cut at a word boundary.
 * Only `[a-z0-9-]` survive, so a slug can never hold `/`, `..` or spaces. Titles
 * with nothing transliterable (e.g. emoji only) give `article`; callers add a suffix.
 */
export function slugifyTitle(title: string): string {
	let slug = slugify(title).replace(/[^a-z0-9-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-|-$/g, '');
	if (slug.length > MAX_SLUG_LENGTH) {
		slug = slug.slice(0, MAX_SLUG_LENGTH);
		slug = slug.slice(0, Math.max(slug.lastIndexOf('-'), 20)).replace(/-+$/, '');
	}
	return slug || 'article';
}

/** A short stable hash, used to tell apart articles whose titles slugify alike. */
export function shortHash(text: string, length = 6): string {
	return createHash('sha1').update(text).digest('hex').slice(0, length);
}

/**
 * Gives every item a unique slug. Items are visited in the given order; the first
 * keeps the plain slug, later ones get a suffix derived from their `key`
 * (the file path), so the result does not depend on run order.
 */
export function assignUniqueSlugs<T extends { title: string; key: string }>(items: readonly T[]): Map<T, string> {
	const taken = new Set<string>();
	const result = new Map<T, string>();
	for (const item of items) {
		const base = slugifyTitle(item.title);
		// An untransliterable title would give every such article the bare slug `article`.
		let slug = base === 'article' ? `article-${shortHash(item.key)}` : base;
		for (let length = 6; taken.has(slug); length++) slug = `${base}-${shortHash(item.key, length)}`;
		taken.add(slug);
		result.set(item, slug);
	}
	return result;
}
