/**
 * Issue 7, security headers: the site served with `public/_headers` applied (as on
 * Netlify or Cloudflare Pages), in Debian's Chromium with the CSP enforced. The
 * front page, an article, the archive, a search with results and the 404 page must
 * load with no CSP violation, no script error and no request to another origin;
 * the headers must be on every response, hashed assets immutable, HTML revalidated.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { injectCspMetaIntoSite } from '../../scripts/deploy/inject-csp-meta.ts';
import { launchBrowser } from '../support/browser.ts';
import { repoRoot } from '../support/build-site.ts';
import { removeBuild, runBuildOrThrow, type BuildRun } from '../support/run-build.ts';
import { searchAt, waitForSearchOutcome } from '../support/search-page.ts';
import { serveWithHeaders } from '../support/serve-with-headers.ts';
import { settlePage } from '../support/settle-page.ts';
import { listHtmlPages } from '../support/site-files.ts';
import { serveSite, type ServedSite } from '../support/serve-site.ts';

/** What went wrong on one page visit. */
interface Visit {
	response: Response | null;
	violations: string[];
	consoleErrors: string[];
	pageErrors: string[];
	foreignRequests: string[];
}

describe('security headers and CSP, enforced in Chromium', () => {
	let browser: Browser;
	let context: BrowserContext;
	let server: ServedSite;
	let origin: string;
	let site: BuildRun;

	before(async () => {
		site = await runBuildOrThrow({ contentDir: 'tests/site-fixtures/basic' });
		server = await serveWithHeaders(site.outDir, '/');
		origin = new URL(server.url).origin;
		browser = await launchBrowser();
		context = await browser.newContext();
		// Runs before any page script and outside the page's CSP: records every violation event from the first byte.
		await context.addInitScript(() => {
			const record = (event: SecurityPolicyViolationEvent) => {
				const list = ((window as unknown as { __cspViolations?: string[] }).__cspViolations ??= []);
				list.push(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`);
			};
			document.addEventListener('securitypolicyviolation', record);
		});
	});
	after(async () => {
		await browser?.close();
		await server?.close();
		await removeBuild(site);
	});

	/** Opens `sitePath`, runs `then` (e.g. wait for search results), and collects every problem seen. */
	async function visit(sitePath: string, then?: (page: Page) => Promise<void>): Promise<Visit> {
		const page = await context.newPage();
		const result: Visit = { response: null, violations: [], consoleErrors: [], pageErrors: [], foreignRequests: [] };
		page.on('console', (message) => {
			if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) result.consoleErrors.push(message.text());
		});
		page.on('pageerror', (error) => result.pageErrors.push(error.message));
		page.on('request', (request) => {
			const url = new URL(request.url());
			if (/^https?:$/.test(url.protocol) && url.origin !== origin) result.foreignRequests.push(request.url());
		});
		try {
			result.response = await page.goto(server.url + sitePath, { waitUntil: 'load' });
			if (then) await then(page);
			// Late violations (deferred scripts, the service worker registration, search fetches)
			// arrive after load: read them once the page has fallen quiet.
			await settlePage(page);
			result.violations = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
		} finally {
			await page.close();
		}
		return result;
	}

	/** Asserts a visit was clean and returned `status` with the CSP header. */
	function assertClean(label: string, v: Visit, status = 200): void {
		assert.equal(v.response?.status(), status, `${label}: HTTP status`);
		assert.match(v.response?.headers()['content-security-policy'] ?? '', /script-src 'self'/, `${label}: no CSP header on the page`);
		assert.deepEqual(v.violations, [], `${label}: CSP violations`);
		// Chromium logs the error page's own 404 status as a console error; that one is expected.
		const expected = (m: string) => status === 404 && /status of 404/.test(m);
		assert.deepEqual(v.consoleErrors.filter((m) => !expected(m)), [], `${label}: console errors`);
		assert.deepEqual(v.pageErrors, [], `${label}: script errors`);
		assert.deepEqual(v.foreignRequests, [], `${label}: requests to other origins`);
	}

	it('sends a CSP without unsafe-inline or unsafe-eval for scripts, allowing only WebAssembly for Pagefind', async () => {
		const response = await fetch(server.url);
		const csp = response.headers.get('content-security-policy') ?? '';
		const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? '';
		assert.ok(scriptSrc, 'no script-src directive');
		assert.doesNotMatch(scriptSrc, /'unsafe-inline'|'unsafe-eval'|\*|https?:|data:/);
		assert.match(scriptSrc, /'wasm-unsafe-eval'/);
		assert.match(csp, /object-src 'none'/);
		assert.match(csp, /base-uri 'self'/);
		assert.match(csp, /frame-ancestors 'none'/);
	});

	it('sends nosniff, a referrer policy and revalidation on pages; immutable caching on hashed assets', async () => {
		const html = await fetch(server.url);
		assert.equal(html.headers.get('x-content-type-options'), 'nosniff');
		assert.match(html.headers.get('referrer-policy') ?? '', /strict-origin-when-cross-origin|no-referrer|same-origin/);
		assert.match(html.headers.get('cache-control') ?? '', /max-age=0|no-cache/);
		assert.doesNotMatch(html.headers.get('cache-control') ?? '', /immutable/);
		const css = (await html.text()).match(/href="(\/_astro\/[^"]+\.css)"/)?.[1];
		assert.ok(css, 'no hashed stylesheet under /_astro/ on the front page');
		const asset = await fetch(new URL(css, server.url));
		assert.equal(asset.status, 200);
		assert.match(asset.headers.get('cache-control') ?? '', /max-age=31536000.*immutable/);
		assert.equal(asset.headers.get('x-content-type-options'), 'nosniff');
		const pagefindJs = await fetch(new URL('pagefind/pagefind.js', server.url));
		assert.doesNotMatch(pagefindJs.headers.get('cache-control') ?? '', /immutable/, 'pagefind.js keeps its name across builds: it must not be immutable');
	});

	it('loads the front page with the CSP enforced and no violation', async () => {
		assertClean('front page', await visit(''));
	});

	it('loads an article with the CSP enforced and no violation', async () => {
		let title = '';
		const v = await visit('', async (page) => {
			await page.locator('main a[href*="/articles/"]').first().click();
			await page.waitForURL(/\/articles\//);
			title = await page.locator('h1').first().innerText();
		});
		assertClean('article', v);
		assert.ok(title.length > 0);
	});

	it('searches with results, with the CSP enforced and no violation (Pagefind WebAssembly allowed)', async () => {
		let results = 0;
		const v = await visit('search/?q=Amirabdollahian', async (page) => {
			results = (await waitForSearchOutcome(page)).count;
		});
		assertClean('search', v);
		assert.ok(results > 0, 'no search results');
	});

	it('shows the archive and the 404 page with no violation', async () => {
		assertClean('archive', await visit('archive/'));
		assertClean('404', await visit('no-such-page/'), 404);
	});

	it('enforces the same policy as a meta tag where a host sends no headers (GitHub Pages)', async () => {
		const copy = path.join(mkdtempSync(path.join(os.tmpdir(), 'broadsheet-csp-meta-')), 'site');
		cpSync(site.outDir, copy, { recursive: true });
		rmSync(path.join(copy, '_headers'));
		const plain = await serveSite(copy, '/');
		const page = await context.newPage();
		try {
			assert.ok((await injectCspMetaIntoSite(copy, readFileSync(path.join(repoRoot, 'public/_headers'), 'utf8'))) > 3);
			assert.ok((await searchAt(page, `${plain.url}search/?q=Amirabdollahian`)).count > 0, 'no search results under the meta policy');
			await settlePage(page);
			assert.deepEqual(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []), [], 'violations under the meta policy');
			// The policy is live: an inline script injected now does not run.
			const ran = await page.evaluate(() => {
				const script = document.createElement('script');
				script.textContent = 'window.__inlineRan = true';
				document.head.append(script);
				return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
			});
			assert.equal(ran, false, 'an inline script ran: the meta policy is not applied');
		} finally {
			await page.close();
			await plain.close();
			rmSync(path.dirname(copy), { recursive: true, force: true });
		}
	});

	it('shows one page of every other kind the build makes (topics, people, places, organisations, saved…) with no violation', async () => {
		// One page per top-level folder, so templates added later are covered without editing this test.
		const visited = new Set(['', 'articles', 'search', 'archive']);
		const kinds = new Map<string, string>();
		for (const file of listHtmlPages(site.outDir)) {
			const folder = file.includes('/') ? file.slice(0, file.indexOf('/')) : '';
			if (visited.has(folder) || kinds.has(folder) || /^(pagefind|_astro|scripts|styles)/.test(folder)) continue;
			kinds.set(folder, file.replace(/index\.html$/, ''));
		}
		// The kinds tests/site-fixtures/basic makes today: a template that stops rendering fails here.
		const expected = ['organizations', 'people', 'places', 'saved', 'topics'];
		assert.deepEqual(expected.filter((kind) => !kinds.has(kind)), [], `kinds found: ${[...kinds.keys()].join(', ')}`);
		for (const [kind, sitePath] of kinds) assertClean(`${kind} (${sitePath})`, await visit(sitePath));
	});
});
