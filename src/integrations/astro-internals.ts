/**
 * Where this project reaches into Astro's own modules (its public API has no hook for
 * what the page renderer and skip-page-copies need). Every caller checks what it finds
 * and falls back to Astro's default behaviour, saying so, when Astro has changed.
 */

/** Astro's `dist/` folder (its package entry is `dist/index.js`): the same module instances Astro's build loads. */
export function astroDistUrl(): URL {
	return new URL('./', import.meta.resolve('astro'));
}
