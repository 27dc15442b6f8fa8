/**
 * Waiting for a page to finish what it does after `load` (deferred scripts, the
 * service worker registration, search fetches), instead of sleeping a fixed time:
 * no request for 500 ms, then one idle period of the page's main thread. Used
 * before reading what a page reported (CSP violations, errors), so a late report is
 * not missed. Fails with a clear message after a bound generous for a loaded CI machine.
 */
import type { Page } from 'playwright-core';

/** Upper bound for a page to fall quiet after `load`. */
export const SETTLE_TIMEOUT_MS = 30_000;

/** Resolves once `page` has no network activity and its main thread has been idle once. */
export async function settlePage(page: Page, timeout = SETTLE_TIMEOUT_MS): Promise<void> {
	const started = Date.now();
	await page.waitForLoadState('load', { timeout });
	await page.waitForLoadState('networkidle', { timeout });
	let timer: NodeJS.Timeout | undefined;
	const idle = page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve())));
	const late = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${page.url()} did not become idle within ${timeout / 1000} s of load`)), Math.max(1, timeout - (Date.now() - started)));
	});
	try {
		await Promise.race([idle, late]);
	} finally {
		clearTimeout(timer);
	}
}
