/**
 * `npm exec -- node scripts/deploy/try-nginx.ts [--dist DIR]`
 *
 * Tries docs/deploy/nginx.conf for real: serves a build under /news/ with the local
 * nginx (Debian: `apt-get install nginx-light`) on a loopback port, then checks pages,
 * the 404 page, headers and caching against public/_headers, and (when Chromium is
 * installed) an article and a search with results under the CSP. Without --dist it first
 * builds tests/site-fixtures/basic with BASE_PATH=/news/ into a temporary folder.
 * Not part of `npm test` (it needs nginx); prints what it checked and exits non-zero on a mismatch.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, rmSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { headersForPath, parseHeadersFile } from '../../src/lib/headers-file.ts';
import { projectRoot } from '../../src/lib/site-config.ts';
import { chromiumPath, launchBrowser } from '../support/chromium.ts';

const BASE = '/news/';

/** A free loopback port. */
async function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const server = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

function fail(message: string): never {
	console.error(`try-nginx: ${message}`);
	process.exit(1);
}

const nginx = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
if (!nginx) fail('nginx is not installed; on Debian: apt-get install -y nginx-light');

const distArg = process.argv.indexOf('--dist');
const work = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-nginx-'));
// nginx's workers run as an unprivileged user: the web root must be readable to them.
chmodSync(work, 0o755);
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
const port = await freePort();
const webRoot = path.join(work, 'www');
cpSync(dist, path.join(webRoot, BASE), { recursive: true });
const site = readFileSync(path.join(projectRoot, 'docs/deploy/nginx.conf'), 'utf8')
	.replace(/listen 80;/, `listen 127.0.0.1:${port};`)
	.replace(/root \/srv\/www;/, `root ${webRoot};`);
for (const dir of ['tmp', 'logs']) mkdirSync(path.join(work, dir), { recursive: true });
const conf = path.join(work, 'nginx.conf');
writeFileSync(
	conf,
	`worker_processes 1;
pid ${work}/nginx.pid;
error_log ${work}/logs/error.log warn;
events { worker_connections 64; }
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log off;
	client_body_temp_path ${work}/tmp/body;
	proxy_temp_path ${work}/tmp/proxy;
	fastcgi_temp_path ${work}/tmp/fastcgi;
	uwsgi_temp_path ${work}/tmp/uwsgi;
	scgi_temp_path ${work}/tmp/scgi;
${site}
}
`,
);
const tested = spawnSync(nginx, ['-t', '-p', work, '-c', conf], { encoding: 'utf8' });
if (tested.status !== 0) fail(`nginx -t rejected the config:\n${tested.stderr}`);

const server = spawn(nginx, ['-p', work, '-c', conf, '-g', 'daemon off;'], { stdio: 'inherit' });
const origin = `http://127.0.0.1:${port}`;
const failures: string[] = [];
const check = (ok: boolean, what: string) => {
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
	if (!ok) failures.push(what);
};

try {
	for (let i = 0; i < 50; i++) {
		if (await fetch(origin + BASE).then(() => true, () => false)) break;
		await new Promise((r) => setTimeout(r, 100));
	}
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
	server.kill('SIGQUIT');
	await new Promise((resolve) => server.on('close', resolve));
	// The temporary web root, config and (without --dist) the build.
	rmSync(work, { recursive: true, force: true });
}
if (failures.length) fail(`${failures.length} check(s) failed`);
console.log(`nginx served ${distArg > 0 ? dist : 'the fixture site'} under ${BASE} as docs/deploy/nginx.conf describes.`);
