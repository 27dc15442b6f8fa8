/**
 * `npm run lighthouse [-- DIR]`: serves a built site on localhost and runs
 * Lighthouse (mobile, simulated throttling) on the front page, a typical
 * article and the search page, with Debian's Chromium (`CHROME_PATH`, default
 * /usr/bin/chromium). Prints the four category scores per page and exits 1 when
 * accessibility, best practices or SEO is below 100 anywhere, or performance is
 * below 95 on the front page or the article (the search page's is reported).
 * DIR defaults to BROADSHEET_OUT_DIR or dist/; BASE_PATH must match the build.
 * Each page is measured LIGHTHOUSE_RUNS times (default 3) and the run with the
 * median performance score is reported, as Lighthouse's docs advise for variance.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import sirv from 'sirv';
import { resolveBasePath } from '../src/lib/site-config.ts';
import { chromiumArgs, chromiumPath } from './support/chromium.ts';

const dir = path.resolve(process.argv[2] ?? process.env.BROADSHEET_OUT_DIR ?? 'dist');
const base = resolveBasePath();
const chromePath = process.env.CHROME_PATH ?? chromiumPath;
const flags = chromiumArgs;
/** The production policy, so best-practice audits see what readers get. */
const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
const runs = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));
const minimum = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 } as const;

if (!existsSync(path.join(dir, 'index.html'))) {
	console.error(`No built site in ${dir}: run \`npm run build\` first.`);
	process.exit(2);
}

// A typical article: the median by gzipped size, as in the budget check.
const articles = readdirSync(path.join(dir, 'articles'))
	.map((slug) => ({ slug, size: gzipSync(readFileSync(path.join(dir, 'articles', slug, 'index.html'))).length }))
	.sort((a, b) => a.size - b.size);
const typical = articles[Math.floor((articles.length - 1) / 2)].slug;

const files = sirv(dir, { dev: false, etag: true, extensions: ['html'], gzip: false });
const server = http.createServer((req, res) => {
	const url = req.url ?? '/';
	if (!url.startsWith(base)) {
		res.statusCode = 404;
		return res.end();
	}
	req.url = '/' + url.slice(base.length);
	res.setHeader('content-security-policy', csp);
	res.setHeader('x-content-type-options', 'nosniff');
	files(req, res, () => {
		res.statusCode = 404;
		res.setHeader('content-type', 'text/html; charset=utf-8');
		res.end(readFileSync(path.join(dir, '404.html')));
	});
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}${base}`;

const pages = [
	{ name: 'front page', url: origin, performance: true },
	{ name: `article (${typical})`, url: `${origin}articles/${typical}/`, performance: true },
	{ name: 'search', url: `${origin}search/`, performance: false },
];

const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: flags });
let failed = 0;
try {
	console.log(`Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version} on ${dir} (mobile, simulated throttling, median of ${runs} run${runs > 1 ? 's' : ''})\n`);
	console.log(`${'page'.padEnd(72)} perf  a11y  best   seo`);
	for (const page of pages) {
		const results = [];
		for (let i = 0; i < runs; i++) {
			const result = await lighthouse(page.url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: Object.keys(minimum) });
			if (!result) throw new Error(`Lighthouse returned nothing for ${page.url}`);
			results.push(result.lhr);
		}
		results.sort((a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0));
		const lhr = results[Math.floor((results.length - 1) / 2)];
		const { categories, audits } = lhr;
		const perfRuns = results.map((r) => Math.round((r.categories.performance?.score ?? 0) * 100));
		const scores = Object.fromEntries(Object.keys(minimum).map((k) => [k, Math.round((categories[k]?.score ?? 0) * 100)])) as Record<keyof typeof minimum, number>;
		const low = (Object.keys(minimum) as (keyof typeof minimum)[]).filter((k) => scores[k] < minimum[k] && (k !== 'performance' || page.performance));
		failed += low.length;
		console.log(`${page.name.slice(0, 70).padEnd(72)} ${[scores.performance, scores.accessibility, scores['best-practices'], scores.seo].map((s) => String(s).padStart(4)).join('  ')}${low.length ? '   BELOW: ' + low.join(', ') : ''}`);
		for (const key of low) {
			// Name the audits that cost points, so a failure says what to fix.
			for (const ref of categories[key].auditRefs) {
				const audit = audits[ref.id];
				if (ref.weight > 0 && audit.score !== null && audit.score < 1) console.log(`      ${key}: ${audit.id} (${audit.score}) ${audit.title} ${audit.displayValue ?? ''}`);
			}
		}
		const m = (id: string) => audits[id]?.displayValue ?? '-';
		console.log(`      FCP ${m('first-contentful-paint')}, LCP ${m('largest-contentful-paint')}, TBT ${m('total-blocking-time')}, CLS ${m('cumulative-layout-shift')}; performance per run: ${perfRuns.join(', ')}`);
	}
} finally {
	chrome.kill();
	server.close();
}
if (failed) {
	console.error(`\n${failed} score(s) below the minimum (performance ≥ 95 on front page and article; accessibility, best practices, SEO = 100).`);
	process.exit(1);
}
