/**
 * The reader's experience in Debian's Chromium against a built site: axe-core
 * on every kind of page in light and dark mode, keyboard use, reading with
 * JavaScript off, the enforced Content Security Policy, save for later, search
 * highlighting, offline reading, small screens, and the README screenshots.
 */
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { mkdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { buildSite, repoRoot, type BuiltSite } from '../support/build-site.ts';
import { removeBuild } from '../support/run-build.ts';
import { searchAt, waitForSearchOutcome } from '../support/search-page.ts';
import { serveSite, type ServedSite } from '../support/serve-site.ts';
import { settlePage } from '../support/settle-page.ts';

/** The policy the security engineer ships; the site must work under it. */
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
const article = 'articles/harbour-bridge-reopens-early-after-repairs-come-in-under-budget/';
/**
 * README screenshots go to docs/screenshots/ when UPDATE_SCREENSHOTS=1 (so a plain
 * `npm test` leaves the working tree clean), else to a temporary folder.
 */
const screenshots = process.env.UPDATE_SCREENSHOTS ? path.join(repoRoot, 'docs', 'screenshots') : path.join(os.tmpdir(), 'broadsheet-screenshots');

describe('the reader experience (tests/site-fixtures/reader)', () => {
	let browser: Browser;
	let server: ServedSite;
	let url: (p?: string) => string;

	/** A context that enforces the CSP on every document and records violations. */
	async function strictContext(options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; violations: string[] }> {
		const context = await browser.newContext({ serviceWorkers: 'block', ...options });
		const violations: string[] = [];
		await context.exposeBinding('reportViolation', (_source, text: string) => void violations.push(text));
		await context.addInitScript(() => {
			document.addEventListener('securitypolicyviolation', (e) =>
				(window as unknown as { reportViolation(t: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
			);
		});
		await context.route('**/*', async (route) => {
			try {
				const response = await route.fetch();
				const headers = { ...response.headers() };
				if ((headers['content-type'] ?? '').includes('text/html')) headers['content-security-policy'] = CSP;
				await route.fulfill({ response, headers });
			} catch {
				// The page or context closed while a request was in flight: nothing to answer.
			}
		});
		return { context, violations };
	}

	async function axe(page: Page, label: string): Promise<void> {
		const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
		const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`);
		assert.deepEqual(summary, [], `axe violations on ${label}:\n${summary.join('\n')}`);
	}

	let site: BuiltSite | undefined;

	before(async () => {
		site = await buildSite({ contentDir: 'tests/site-fixtures/reader' });
		server = await serveSite(site.outDir, '/');
		url = (p = '') => server.url + p;
		browser = await launchBrowser();
		await mkdir(screenshots, { recursive: true });
	});
	after(async () => {
		await browser?.close();
		await server?.close();
		await removeBuild(site);
	});

	for (const scheme of ['light', 'dark'] as const) {
		it(`has no axe violations on any kind of page in ${scheme} mode, under the CSP`, async () => {
			const { context, violations } = await strictContext({ colorScheme: scheme });
			const page = await context.newPage();
			const pages = ['', article, 'archive/', 'archive/2024/03/', 'saved/', 'no-such-page/'];
			await page.goto(url());
			// The fixture's articles carry tags, so the front page must link a topic page; a missing link fails here.
			const topic = await page.locator('a[href*="/topics/"]').first().getAttribute('href', { timeout: 5_000 });
			assert.match(topic ?? '', /^\/topics\/[^/]+\/$/, 'no topic page linked from the front page');
			pages.push(topic!.replace(/^\//, ''));
			for (const p of pages) {
				const response = await page.goto(url(p));
				assert.equal(response?.status(), p.startsWith('no-such-page') ? 404 : 200, `status of /${p}`);
				assert.equal(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), scheme === 'dark');
				await axe(page, `/${p} (${scheme})`);
			}
			assert.ok((await searchAt(page, url('search/?q=bridge'))).count > 0, 'no results for "bridge"');
			await axe(page, `/search/?q=bridge (${scheme})`);
			assert.equal((await searchAt(page, url('search/?q=zzzzqqq'))).count, 0);
			await axe(page, `/search/ with no results (${scheme})`);
			await settlePage(page);
			assert.deepEqual(violations, [], 'no Content Security Policy violations');
			await context.close();
		});
	}

	it('gives every page a title, description and canonical URL, and only articles a NewsArticle', async () => {
		const context = await browser.newContext({ serviceWorkers: 'block' });
		const page = await context.newPage();
		for (const p of ['', article, 'search/', 'archive/']) {
			await page.goto(url(p));
			const meta = await page.evaluate(() => ({
				title: document.title,
				description: document.querySelector('meta[name=description]')?.getAttribute('content') ?? '',
				canonical: document.querySelector('link[rel=canonical]')?.getAttribute('href') ?? '',
				ogTitle: document.querySelector('meta[property="og:title"]')?.getAttribute('content') ?? '',
				twitter: document.querySelector('meta[name="twitter:card"]')?.getAttribute('content') ?? '',
				jsonLd: [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent ?? '{}')['@type']),
			}));
			assert.ok(meta.title && meta.description && meta.ogTitle && meta.twitter, `metadata on /${p}: ${JSON.stringify(meta)}`);
			assert.equal(new URL(meta.canonical).pathname, `/${p}`);
			assert.deepEqual(meta.jsonLd, p === article ? ['NewsArticle'] : [], `JSON-LD on /${p}`);
		}
		const feed = await (await fetch(url('topics/transport/rss.xml'))).text();
		assert.match(feed, /<title>Harbour bridge reopens early/, 'per-topic feed');
		assert.match(await (await fetch(url('robots.txt'))).text(), /Sitemap: http:\/\/localhost:4321\/sitemap-index\.xml/);
		assert.equal(JSON.parse(await (await fetch(url('manifest.webmanifest'))).text()).name, 'Broadsheet');
		await context.close();
	});

	it('reads fully with JavaScript off', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(url());
		await page.getByRole('link', { name: 'Harbour bridge reopens early after repairs come in under budget' }).click();
		await page.waitForURL(/harbour-bridge-reopens-early/);
		assert.match(await page.locator('article').innerText(), /three weeks earlier than planned/);
		assert.equal(await page.locator('button:visible:not([type=submit])').count(), 0, 'no buttons that would need JavaScript');
		// The header search box submits to the search page, which explains itself.
		await page.fill('#site-search-q', 'bridge');
		await page.press('#site-search-q', 'Enter');
		await page.waitForURL(/search\/\?q=bridge/);
		assert.match(await page.locator('main').innerText(), /Search needs JavaScript/);
		await context.close();
	});

	it('can be used with the keyboard alone: skip link, / to search, j/k/o, s to save, ? for help', async () => {
		const { context } = await strictContext();
		const page = await context.newPage();
		await page.goto(url());
		await page.keyboard.press('Tab');
		assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
		await page.keyboard.press('Enter');
		assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');

		await page.keyboard.press('/');
		assert.equal(await page.evaluate(() => document.activeElement?.id), 'site-search-q');
		await page.keyboard.press('Escape');
		await page.locator('body').click({ position: { x: 2, y: 300 } });

		await page.keyboard.press('j');
		await page.keyboard.press('j');
		const second = await page.locator('[data-item].is-current a').first().innerText();
		await page.keyboard.press('k');
		const first = await page.locator('[data-item].is-current a').first().innerText();
		assert.notEqual(first, second);
		assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), first.trim());
		await page.keyboard.press('s');
		await page.keyboard.press('o');
		await page.waitForURL(/\/articles\//);
		assert.match(await page.locator('h1').innerText(), new RegExp(first.trim().slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

		await page.keyboard.press('?');
		assert.ok(await page.locator('#keyboard-help').isVisible(), '? opens the help');
		await page.keyboard.press('Escape');
		assert.ok(!(await page.locator('#keyboard-help').isVisible()), 'Esc closes the help');

		await page.goto(url('saved/'));
		assert.match(await page.locator('[data-saved-list]').innerText(), new RegExp(first.trim().slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
		await context.close();
	});

	it('saves an article with the Save button, shows it as read and lists it on the Saved page', async () => {
		const { context } = await strictContext();
		const page = await context.newPage();
		await page.goto(url(article));
		const save = page.locator('[data-save]');
		assert.equal(await save.getAttribute('aria-pressed'), 'false');
		await save.click();
		assert.equal(await save.getAttribute('aria-pressed'), 'true');
		await page.goto(url('archive/'));
		const card = page.locator(`[data-item][data-url="/${article}"]`);
		assert.ok(await card.evaluate((el) => el.classList.contains('is-read')), 'read articles are marked in lists');
		assert.ok(await card.locator('.read-mark').isVisible(), 'with a visible "Read" mark');
		await page.goto(url('saved/'));
		const item = page.locator('[data-saved-list] li').first();
		assert.match(await item.innerText(), /25 March 2024 · Read/);
		await axe(page, '/saved/ with an article');
		await page.getByRole('button', { name: /Mark unread: Harbour bridge reopens early/ }).click();
		assert.match(await item.innerText(), /Unread/);
		await page.goto(url('archive/'));
		assert.ok(!(await page.locator(`[data-item][data-url="/${article}"]`).evaluate((el) => el.classList.contains('is-read'))), 'marked unread');
		await page.goto(url('saved/'));
		await page.getByRole('button', { name: /Remove from saved: Harbour bridge reopens early/ }).click();
		assert.ok(await page.locator('[data-saved-empty]').isVisible());
		await context.close();
	});

	it('survives missing storage: no errors, no save button', async () => {
		const context = await browser.newContext({ serviceWorkers: 'block' });
		await context.addInitScript(() => {
			Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
		});
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await page.goto(url(article));
		await page.keyboard.press('j');
		await page.keyboard.press('s');
		assert.deepEqual(errors, []);
		assert.ok(await page.locator('[data-save]').isHidden());
		await context.close();
	});

	it('switches theme with the toggle, remembers it and does not flash on load', async () => {
		const context = await browser.newContext({ colorScheme: 'light', serviceWorkers: 'block' });
		const page = await context.newPage();
		await page.goto(url(article));
		const toggle = page.locator('[data-theme-toggle]');
		assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
		await toggle.click();
		assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
		// The theme must be in place before the body exists, i.e. before anything can paint.
		await page.addInitScript(() => {
			new MutationObserver((_, observer) => {
				if (!document.body) return;
				(window as unknown as { early: string | null }).early = document.documentElement.getAttribute('data-theme');
				observer.disconnect();
			}).observe(document, { childList: true, subtree: true });
		});
		await page.reload();
		assert.equal(await page.evaluate(() => (window as unknown as { early: string | null }).early), 'dark');
		assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(19, 18, 17)');
		assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
		await context.close();
	});

	it('highlights the search words on the article page when arriving from a result', async () => {
		const { context, violations } = await strictContext();
		const page = await context.newPage();
		assert.ok((await searchAt(page, url('search/?q=ferry'))).count > 0, 'no results for "ferry"');
		assert.match(page.url(), /q=ferry/);
		await page.locator('.pagefind-ui__result-link').first().click();
		await page.waitForURL(/highlight=ferry/);
		await page.locator('mark.pagefind-highlight').first().waitFor({ timeout: 15_000 });
		assert.match(await page.locator('mark.pagefind-highlight').first().innerText(), /ferry/i);
		await settlePage(page);
		assert.deepEqual(violations, []);
		await context.close();
	});

	it('starts search when the search page opens, before the first keystroke', async () => {
		const context = await browser.newContext({ serviceWorkers: 'block' });
		const page = await context.newPage();
		const requested: string[] = [];
		context.on('request', (request) => requested.push(new URL(request.url()).pathname));
		await page.goto(url('search/'));
		await page.waitForLoadState('networkidle');
		// Pagefind's WebAssembly and index metadata, fetched by its worker, with nothing typed yet.
		assert.ok(requested.some((p) => /\/pagefind\/wasm\.[^/]+\.pagefind$/.test(p)), `requests: ${requested.join(' ')}`);
		assert.ok(requested.some((p) => /\/pagefind\/pagefind\.[^/]+\.pf_meta$/.test(p)), `requests: ${requested.join(' ')}`);
		await page.locator('#search input.pagefind-ui__search-input').fill('council');
		assert.equal((await waitForSearchOutcome(page)).count, 6);
		await context.close();
	});
	it('offers filters and date order on the search page', async () => {
		const context = await browser.newContext({ serviceWorkers: 'block' });
		const page = await context.newPage();
		const best = await searchAt(page, url('search/?q=council'));
		// Pagefind loads its filter data in several files: the filter groups can appear one by one.
		await page
			.waitForFunction(() => [...document.querySelectorAll('.pagefind-ui__filter-name')].some((e) => /source/i.test(e.textContent ?? '')), null, { timeout: 15_000 })
			.catch(() => undefined);
		const filters = (await page.locator('.pagefind-ui__filter-name').allInnerTexts()).map((t) => t.toLowerCase());
		assert.ok(filters.includes('source'), `filters: ${filters}`);
		// The six fixture articles that mention the council, by their front-matter dates, newest first.
		const newestFirst = [
			'Harbour bridge reopens early after repairs come in under budget', // 2024-03-25
			"Riverside park to get new playground after residents' campaign", // 2024-03-18
			"Weekly farmers' market returns to Oldtown square", // 2024-03-12
			'Council publishes budget with more money for libraries', // 2024-03-05
			'Ferry queues stretch for an hour as harbour bridge closure begins', // 2024-02-05
			'Harbour bridge to close for six months of cable repairs', // 2024-01-08
		];
		assert.deepEqual([...best.titles].sort(), [...newestFirst].sort(), 'best match finds the same six articles');
		await page.selectOption('[data-search-sort]', 'desc');
		await page.waitForURL(/sort=desc/);
		assert.deepEqual((await waitForSearchOutcome(page)).titles, newestFirst, 'newest first');
		await page.selectOption('[data-search-sort]', 'asc');
		await page.waitForURL(/sort=asc/);
		assert.deepEqual((await waitForSearchOutcome(page)).titles, [...newestFirst].reverse(), 'oldest first');
		// The order is in the address: opening it again gives the same order.
		assert.deepEqual((await searchAt(page, url('search/?q=council&sort=desc'))).titles, newestFirst, 'newest first from ?sort=desc');
		await context.close();
	});

	it('keeps read pages for offline reading through the service worker', async () => {
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.goto(url(article));
		await page.evaluate(() => navigator.serviceWorker.ready);
		await page.reload(); // now controlled: this visit goes through the worker and is cached
		assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the page is not controlled by the service worker after a reload');
		// The worker stores the page after answering: wait for the copy itself, not a fixed time.
		await page.waitForFunction(async () => (await caches.open('bs-pages').then((c) => c.match(location.origin + location.pathname))) !== undefined, undefined, {
			timeout: 15_000,
			polling: 100,
		});
		await context.setOffline(true);
		await page.reload();
		assert.match(await page.locator('h1').innerText(), /Harbour bridge reopens early/);
		await page.goto(url('articles/never-visited/'));
		assert.match(await page.locator('h1').innerText(), /offline/i);
		await context.setOffline(false);
		await context.close();
	});

	it('fits a 320 px screen without sideways scrolling', async () => {
		const context = await browser.newContext({ viewport: { width: 320, height: 640 }, serviceWorkers: 'block' });
		const page = await context.newPage();
		for (const p of ['', article, 'archive/', 'search/?q=bridge']) {
			await page.goto(url(p));
			// The search page grows when its results arrive: measure it once they are all shown.
			if (p.startsWith('search')) assert.ok((await waitForSearchOutcome(page)).count > 0, 'no results for "bridge"');
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
			assert.ok(overflow <= 0, `/${p} scrolls sideways by ${overflow}px at 320px`);
		}
		await context.close();
	});

	it('takes the README screenshots', async () => {
		// One blank page decodes every screenshot to check it.
		const checker = await browser.newContext();
		const blank = await checker.newPage();
		const shoot = async (name: string, p: string, scheme: 'light' | 'dark', width = 1280) => {
			const file = path.join(screenshots, name);
			await rm(file, { force: true });
			const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, serviceWorkers: 'block' });
			const page = await context.newPage();
			await page.goto(url(p));
			if (p.startsWith('search')) assert.ok((await waitForSearchOutcome(page)).count > 0, `no results on /${p}`);
			await page.evaluate(() => document.fonts.ready);
			await page.screenshot({ path: file, fullPage: false });
			await context.close();
			await assertScreenshot(blank, file, width, 900);
		};
		await shoot('front-page.png', '', 'light');
		await shoot('article.png', article, 'light');
		await shoot('search.png', 'search/?q=harbour', 'light');
		await shoot('dark-mode.png', '', 'dark');
		await shoot('article-dark-mobile.png', article, 'dark', 390);
		await checker.close();
	});

	/** Asserts `file` was written as a PNG of the viewport's size that shows a page, not a blank or one-colour image (decoded in `page`). */
	async function assertScreenshot(page: Page, file: string, width: number, height: number): Promise<void> {
		const bytes = await readFile(file);
		assert.ok(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), `${file} is not a PNG`);
		// IHDR, the first chunk: width and height as big-endian 32-bit numbers.
		assert.deepEqual([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], [width, height], `${file}: size`);
		assert.ok(bytes.length > 10_000, `${file} is only ${bytes.length} bytes`);
		const pixels = await page.evaluate(async (src) => {
			const image = new Image();
			image.src = src;
			await image.decode();
			const canvas = document.createElement('canvas');
			canvas.width = image.width;
			canvas.height = image.height;
			const drawing = canvas.getContext('2d')!;
			drawing.drawImage(image, 0, 0);
			const data = drawing.getImageData(0, 0, image.width, image.height).data;
			const counts = new Map<number, number>();
			for (let i = 0; i < data.length; i += 4) {
				const colour = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
				counts.set(colour, (counts.get(colour) ?? 0) + 1);
			}
			return { colours: counts.size, commonest: Math.max(...counts.values()) / (image.width * image.height) };
		}, `data:image/png;base64,${bytes.toString('base64')}`);
		// A page has text (anti-aliased: many colours) on a background that cannot fill the whole view.
		assert.ok(pixels.colours >= 32 && pixels.commonest < 0.98, `${file} looks blank: ${JSON.stringify(pixels)}`);
	}
});
