/**
 * `npm exec -- node scripts/deploy/try-nginx.ts [--dist DIR]`
 *
 * Tries docs/deploy/nginx.conf for real: serves a build under /news/ with the local
 * nginx (Debian: `apt-get install -y nginx`) on a loopback port, then checks pages,
 * the 404 page, headers and caching against public/_headers, and (when Chromium is
 * installed) an article and a search with results under the CSP. Without --dist it first
 * builds tests/site-fixtures/basic with BASE_PATH=/news/ into a temporary folder.
 * Prints what it checked and exits non-zero on a mismatch. `npm test` serves the fixture
 * site with the same config too (tests/integration/host-headers.test.ts); this script
 * adds the Chromium checks and can try a real build (--dist).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { headersForPath, parseHeadersFile } from '../../src/lib/headers-file.ts';
import { projectRoot } from '../../src/lib/site-config.ts';
import { chromiumPath, launchBrowser } from '../support/chromium.ts';
import { findNginx, NGINX_BASE as BASE, NGINX_INSTALL_HINT, startNginx } from './nginx-server.ts';

function fail(message: string): never {
	console.error(`try-nginx: ${message}`);
	process.exit(1);
}

if (!findNginx()) fail(`nginx is not installed; ${NGINX_INSTALL_HINT}`);

const distArg = process.argv.indexOf('--dist');
const work = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-nginx-build-'));
let dist = distArg > 0 ? path.resolve(process.argv[distArg + 1] ?? '') : '';
if (!dist) {
	dist = path.join(work, 'dist');
	console.log(`Building tests/site-fixtures/basic with BASE_PATH=${BASE} into ${dist}…`);
	const built = spawnSync(process.execPath, [path.join(projectRoot, 'scripts/build.ts')], {
		cwd: projectRoot,
		stdio: 'inherit',
		env: { ...process.env, NEWS_CONTENT_DIR: path.join(projectRoot, 'tests/site-fixtures/basic'), BASE_PATH: BASE, SITE_URL: 'https://news.example.org', BROADSHEET_OUT_DIR: dist, BROADSHEET_CACHE_DIR: path.join(work, 'cache') },
	});
	if (built.status !== 0) fail('the build failed');
}

// The site config from the docs, pointed at a temporary web root and a loopback port.
const server = await startNginx(dist).catch((error: Error) => fail(error.message));
const origin = server.origin;
const failures: string[] = [];
const check = (ok: boolean, what: string) => {
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
	if (!ok) failures.push(what);
};

try {
	const rules = parseHeadersFile(readFileSync(path.join(projectRoot, 'public/_headers'), 'utf8'));
	const expected = headersForPath(rules, '/');

	const home = await fetch(origin + BASE);
	check(home.status === 200, `GET ${BASE} → ${home.status}`);
	for (const name of ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options', 'permissions-policy', 'cross-origin-opener-policy']) {
		check(home.headers.get(name) === expected.get(name), `${name} on ${BASE} matches public/_headers`);
	}
	check(/max-age=0, must-revalidate/.test(home.headers.get('cache-control') ?? ''), `HTML revalidated (${home.headers.get('cache-control')})`);

	const slug = readdirSync(path.join(dist, 'articles'))[0];
	const article = await fetch(`${origin}${BASE}articles/${slug}/`);
	check(article.status === 200, `GET ${BASE}articles/${slug}/ → ${article.status}`);

	const css = (await home.text()).match(/href="([^"]*\/_astro\/[^"]+\.css)"/)?.[1];
	const asset = css ? await fetch(origin + css) : undefined;
	check(asset?.status === 200 && /immutable/.test(asset.headers.get('cache-control') ?? ''), `hashed stylesheet ${css} immutable (${asset?.headers.get('cache-control')})`);
	check(asset?.headers.get('content-security-policy') === expected.get('content-security-policy'), 'security headers on assets too');

	const entry = await fetch(`${origin}${BASE}pagefind/pagefind-entry.json`);
	check(entry.status === 200 && !/immutable/.test(entry.headers.get('cache-control') ?? ''), `pagefind-entry.json revalidated (${entry.headers.get('cache-control')})`);
	const fragment = readdirSync(path.join(dist, 'pagefind/fragment'))[0];
	const frag = await fetch(`${origin}${BASE}pagefind/fragment/${fragment}`);
	check(frag.status === 200 && /immutable/.test(frag.headers.get('cache-control') ?? ''), `Pagefind fragment immutable (${frag.headers.get('cache-control')})`);

	const missing = await fetch(`${origin}${BASE}no-such-page/`);
	const missingBody = await missing.text();
	// The site's own 404 page links the site stylesheet; nginx's built-in one does not.
	check(missing.status === 404 && missingBody.includes(`${BASE}_astro/`), `unknown page → ${missing.status} with the site's 404 page`);
	check(missing.headers.get('content-security-policy') === expected.get('content-security-policy'), 'security headers on the 404 page');

	const headersFile = await fetch(`${origin}${BASE}_headers`);
	check(headersFile.status === 404, `_headers not served (${headersFile.status})`);

	// In Chromium (when installed): the pages and a search under nginx's CSP, with no violation.
	if (existsSync(chromiumPath)) {
		const browser = await launchBrowser();
		try {
			const page = await browser.newPage();
			const violations: string[] = [];
			page.on('console', (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
			await page.goto(`${origin}${BASE}articles/${slug}/`);
			await page.goto(`${origin}${BASE}search/?q=${encodeURIComponent(slug!.split('-')[0]!)}`);
			const results = await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 15_000 }).then(() => true, () => false);
			check(results, 'Chromium: search finds results under nginx (Pagefind WebAssembly allowed by the CSP)');
			check(violations.length === 0, `Chromium: no CSP violation on an article and the search page${violations.length ? `: ${violations[0]}` : ''}`);
		} finally {
			await browser.close();
		}
	} else console.log(`skip Chromium checks (no browser at ${chromiumPath})`);
} finally {
	await server.close();
	// Without --dist, the build.
	rmSync(work, { recursive: true, force: true });
}
if (failures.length) fail(`${failures.length} check(s) failed`);
console.log(`nginx served ${distArg > 0 ? dist : 'the fixture site'} under ${BASE} as docs/deploy/nginx.conf describes.`);
