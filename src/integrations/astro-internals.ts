/**
 * Where this project reaches into Astro's own modules (its public API has no hook for
 * what the page renderer and skip-page-copies need). Every caller checks what it finds
 * and falls back to Astro's default behaviour, saying so, when Astro has changed.
 */

/** Astro's `dist/` folder (its package entry is `dist/index.js`): the same module instances Astro's build loads. */
export function astroDistUrl(): URL {
	return new URL('./', import.meta.resolve('astro'));
}

/** The part of Astro's build app (`prerender-entry`'s `app`) that {@link cachePageModules} changes. */
export interface AppWithPageMap {
	manifest?: { pageMap?: Map<string, () => Promise<unknown>> };
}

/**
 * Makes each page module's loader in the app's manifest import its module once. Astro
 * calls the loader, `() => import(chunk)`, for every page it renders, and each `import()`
 * of a loaded module still goes through Node's loader and the resolve hooks Vite
 * registered: about 4% of a render thread's time at 10,000 articles (CPU profile). Returns
 * false, changing nothing, when the manifest has no page map (has Astro changed?).
 */
export function cachePageModules(app: AppWithPageMap | undefined): boolean {
	const pageMap = app?.manifest?.pageMap;
	if (!(pageMap instanceof Map)) return false;
	for (const [component, load] of pageMap) {
		let loaded: Promise<unknown> | undefined;
		pageMap.set(component, () => (loaded ??= load()));
	}
	return true;
}
