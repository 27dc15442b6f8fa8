/**
 * Waiting for the search page (Pagefind's Default UI) to finish, instead of sleeping:
 * a search is done when its message states how many results there are (or that
 * none match), as many results are shown as that message announces (up to one
 * page), and none of them is still loading. A search that never gets there fails
 * with what the page showed, after a bound generous enough for a loaded 2-core CI machine.
 */
import type { Page } from 'playwright-core';

/** Upper bound for one search to settle (WebAssembly start, index and fragment fetches). */
export const SEARCH_TIMEOUT_MS = 30_000;

/** Results per page on the search page (`pageSize` in public/scripts/search-page.js). */
const PAGE_SIZE = 10;

/** A finished search, as the reader sees it. */
export interface SearchOutcome {
	/** The number of results the message announces (0 for the no-results message). */
	count: number;
	/** The message above the results, e.g. "3 results for ferry". */
	message: string;
	/** Path of each result link shown, top-level results only, in order. */
	paths: string[];
	/** Title of each result shown, in order. */
	titles: string[];
}

/** Waits until the search on `page` has settled and returns what it shows. */
export async function waitForSearchOutcome(page: Page, timeout = SEARCH_TIMEOUT_MS): Promise<SearchOutcome> {
	try {
		const handle = await page.waitForFunction(
			(pageSize) => {
				const message = document.querySelector('.pagefind-ui__message')?.textContent?.trim() ?? '';
				const announced = /^(\d+) results? for /.exec(message);
				const count = announced ? Number(announced[1]) : /^No articles match /.test(message) ? 0 : null;
				if (count === null) return false; // still "Searching for …", or nothing yet
				const results = [...document.querySelectorAll('.pagefind-ui__results > .pagefind-ui__result')];
				if (results.length !== Math.min(count, pageSize)) return false;
				if (results.some((r) => r.querySelector('.pagefind-ui__loading'))) return false;
				const links = results.map((r) => r.querySelector<HTMLAnchorElement>('.pagefind-ui__result-title .pagefind-ui__result-link'));
				if (links.some((a) => !a)) return false;
				return { count, message, paths: links.map((a) => a!.pathname), titles: links.map((a) => a!.textContent!.trim()) };
			},
			PAGE_SIZE,
			{ timeout },
		);
		return (await handle.jsonValue()) as SearchOutcome;
	} catch (error) {
		const shown = await page
			.evaluate(() => ({
				url: location.href,
				message: document.querySelector('.pagefind-ui__message')?.textContent?.trim() ?? '(no message)',
				results: document.querySelectorAll('.pagefind-ui__result').length,
				loading: document.querySelectorAll('.pagefind-ui__results .pagefind-ui__loading').length,
			}))
			.catch(() => null);
		throw new Error(`the search did not settle within ${timeout / 1000} s; the page showed ${JSON.stringify(shown)}: ${(error as Error).message}`);
	}
}

/** Opens `url` (a search page with `?q=…`) and returns the settled outcome. */
export async function searchAt(page: Page, url: string): Promise<SearchOutcome> {
	await page.goto(url);
	return waitForSearchOutcome(page);
}
