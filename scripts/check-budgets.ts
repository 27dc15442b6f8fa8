/**
 * `npm run budgets [-- DIR]`: checks the built site against the reader budgets
 * and prints the figures. Article page HTML ≤ 8 kB gzipped (the median article,
 * "typical"), CSS ≤ 6 kB gzipped, enhancement JS on the article page ≤ 5 kB
 * gzipped, and the article readable without JavaScript (its text is in the HTML).
 * DIR defaults to BROADSHEET_OUT_DIR or dist/. Exits 1 when a budget is exceeded.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const KB = 1024;
/** The budgets, in gzipped bytes. */
export const budgets = { articleHtml: 8 * KB, css: 6 * KB, articleJs: 5 * KB };

const dir = path.resolve(process.argv[2] ?? process.env.BROADSHEET_OUT_DIR ?? 'dist');
if (!existsSync(path.join(dir, 'index.html'))) {
	console.error(`No built site in ${dir}: run \`npm run build\` first (or pass the output folder).`);
	process.exit(2);
}

const gz = (buf: Buffer | string): number => gzipSync(buf, { level: 9 }).length;
const fmt = (n: number): string => `${(n / KB).toFixed(2)} kB`;

/** The page's base path, from `<html data-base>`, to map URLs to files. */
function fileFor(html: string, href: string): string {
	const base = /<html[^>]*data-base="([^"]*)"/.exec(html)?.[1] ?? '/';
	const pathname = new URL(href, 'http://x' + base).pathname;
	return path.join(dir, pathname.startsWith(base) ? pathname.slice(base.length) : pathname);
}
const stylesheets = (html: string) => [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
const scripts = (html: string) => [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
const inlineScripts = (html: string) => [...html.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => !/application\/ld\+json/.test(m[1]) && m[2].trim());

const articlesDir = path.join(dir, 'articles');
const articles = existsSync(articlesDir)
	? readdirSync(articlesDir).map((slug) => path.join(articlesDir, slug, 'index.html')).filter((f) => existsSync(f))
	: [];
if (articles.length === 0) {
	console.error(`No article pages under ${articlesDir}.`);
	process.exit(2);
}

const sized = articles.map((file) => ({ file, gz: gz(readFileSync(file)), raw: statSync(file).size })).sort((a, b) => a.gz - b.gz);
const median = sized[Math.floor((sized.length - 1) / 2)];
const p90 = sized[Math.floor((sized.length - 1) * 0.9)];
const largest = sized[sized.length - 1];
const html = readFileSync(median.file, 'utf8');

const cssFiles = stylesheets(html).map((h) => fileFor(html, h));
const cssGz = cssFiles.reduce((n, f) => n + gz(readFileSync(f)), 0);
const jsFiles = scripts(html).map((h) => fileFor(html, h));
const jsGz = jsFiles.reduce((n, f) => n + gz(readFileSync(f)), 0);
const inline = inlineScripts(html);
// Readable without JavaScript: the body paragraphs are in the served HTML, not rendered by script.
const readable = /<article[^>]*data-pagefind-body[\s\S]*?<p[\s>]/.test(html);

const other = (name: string, rel: string) => {
	const file = path.join(dir, rel);
	if (!existsSync(file)) return null;
	const page = readFileSync(file, 'utf8');
	return { name, html: gz(page), css: stylesheets(page).reduce((n, h) => n + gz(readFileSync(fileFor(page, h))), 0), js: scripts(page).reduce((n, h) => n + (existsSync(fileFor(page, h)) ? gz(readFileSync(fileFor(page, h))) : 0), 0) };
};

const rows: [string, string, string, boolean][] = [
	[`article HTML, typical (median of ${articles.length})`, fmt(median.gz), `≤ ${fmt(budgets.articleHtml)}`, median.gz <= budgets.articleHtml],
	['article CSS (all stylesheets)', fmt(cssGz), `≤ ${fmt(budgets.css)}`, cssGz <= budgets.css],
	['article enhancement JS', fmt(jsGz), `≤ ${fmt(budgets.articleJs)}`, jsGz <= budgets.articleJs],
	['inline scripts with code', String(inline.length), '0 (CSP)', inline.length === 0],
	['article readable without JS', readable ? 'yes' : 'no', 'yes', readable],
];
console.log(`Budgets for ${dir}\n`);
for (const [name, value, limit, ok] of rows) console.log(`${ok ? 'ok  ' : 'FAIL'}  ${name.padEnd(42)} ${value.padStart(10)}   ${limit}`);
console.log(`\n      typical article: ${path.relative(dir, median.file)} (${fmt(median.raw)} raw)`);
console.log(`      article HTML p90 ${fmt(p90.gz)}, largest ${fmt(largest.gz)} (${path.relative(dir, largest.file)})`);
console.log(`      JS files: ${jsFiles.map((f) => `${path.relative(dir, f)} ${fmt(gz(readFileSync(f)))}`).join(', ')}`);
console.log(`      CSS files: ${cssFiles.map((f) => `${path.relative(dir, f)} ${fmt(gz(readFileSync(f)))}`).join(', ')}`);
console.log('\n      other pages (gzipped)          HTML       CSS        JS');
for (const o of [other('front page', 'index.html'), other('search', 'search/index.html'), other('archive', 'archive/index.html')]) {
	if (o) console.log(`      ${o.name.padEnd(28)} ${fmt(o.html).padStart(9)} ${fmt(o.css).padStart(9)} ${fmt(o.js).padStart(9)}`);
}
const failed = rows.filter((r) => !r[3]);
if (failed.length) {
	console.error(`\n${failed.length} budget(s) exceeded: ${failed.map((r) => r[0]).join('; ')}`);
	process.exit(1);
}
