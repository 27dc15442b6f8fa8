/**
 * Pages per second on a web archive: writes a CC-NEWS-like `.warc.gz` (a request and a
 * response record per page) of N news pages generated for the purpose — each a full
 * page with navigation, share bar, ad slot, figure, newsletter box, related links,
 * comments, scripts and JSON-LD around a body taken from a text corpus (or generated
 * words when none is given) — then times `importArchive` on it: cold (every record
 * extracted, on the worker pool) and warm (every record from the record-digest cache).
 * Peak RSS is sampled throughout, to show memory does not grow with the archive.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeWarc, type ArchivedPage } from '../support/write-warc.ts';
import { importArchive } from '../../src/lib/ingest/import-archive.ts';
import { ParseCache } from '../../src/lib/ingest/parse-cache.ts';

/** One measured run. */
export interface ArchiveFigure {
	/** Records extracted or read from the cache (HTML responses). */
	pages: number;
	/** Articles made. */
	articles: number;
	/** Wall time in milliseconds. */
	wallMs: number;
	/** Pages per second. */
	pagesPerSecond: number;
	/** CPU time of the process (all threads, workers included), in milliseconds: unlike wall time, not inflated by other load on the machine. */
	cpuMs: number;
	/** Machine load average (1 minute) at the end of the run. */
	loadAverage: number;
	/** Peak resident memory of this process during the run, in bytes. */
	peakRssBytes: number;
}

/** The archive benchmark's result. */
export interface ArchiveBench {
	/** When it was measured. */
	measuredAt: string;
	/** Pages in the archive. */
	pages: number;
	/** Archive size in bytes. */
	archiveBytes: number;
	/** Extraction workers used. */
	workers: number;
	/** First import: every record extracted. */
	cold: ArchiveFigure;
	/** Second import: every record from the cache. */
	warm: ArchiveFigure;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A deterministic stream of pseudo-words, for when no corpus is given. */
function* wordStream(seed: number): Generator<string> {
	let x = seed >>> 0 || 1;
	const syllables = ['ta', 'ren', 'mo', 'li', 'sar', 'ko', 've', 'dan', 'pi', 'lor', 'ga', 'ne', 'stu', 'bri', 'ho'];
	for (;;) {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		const n = 1 + ((x >>> 0) % 3);
		let word = '';
		for (let i = 0; i < n; i++) word += syllables[((x >>> (i * 4)) >>> 0) % syllables.length];
		yield word;
	}
}

function syntheticArticle(i: number): { title: string; paragraphs: string[] } {
	const words = wordStream(i + 1);
	const sentence = (n: number) => {
		const w = Array.from({ length: n }, () => words.next().value as string);
		return `${w[0]![0]!.toUpperCase()}${w.join(' ').slice(1)}.`;
	};
	return { title: sentence(8).slice(0, -1), paragraphs: Array.from({ length: 10 }, () => `${sentence(14)} ${sentence(12)} ${sentence(10)}`) };
}

/** A full news page around an article body. */
function newsPage(i: number, article: { title: string; paragraphs: string[] }, url: string): string {
	const body = article.paragraphs.map((p, k) => (k === 4 ? `<h2>${escape(p.split(' ').slice(0, 5).join(' '))}</h2><p>${escape(p)}</p>` : `<p>${escape(p)}</p>`)).join('\n');
	const related = [1, 2, 3].map((k) => `<li><a href="https://bench.example/news/${i + k}">Related headline number ${i + k} for the bench</a></li>`).join('');
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(article.title)} | Bench Times</title>
<link rel="canonical" href="${url}"><meta property="og:site_name" content="Bench Times"><meta property="article:published_time" content="2024-0${1 + (i % 9)}-1${i % 10}T08:00:00Z">
<script type="application/ld+json">{"@type":"NewsArticle","headline":${JSON.stringify(article.title)},"author":{"name":"Reporter ${i % 50}"}}</script>
<script src="https://tracker.example/t.js"></script><style>.x{color:red}</style></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="ad"><iframe src="https://ads.example/${i}"></iframe><p>Advertisement</p></div>
<main><article><h1>${escape(article.title)}</h1><p class="byline">By Reporter ${i % 50}</p>
<ul class="share"><li><a href="#">Share</a></li><li><a href="#">Email</a></li></ul>
<figure><img src="https://cdn.example/${i}.jpg"><figcaption>A picture caption for page ${i}</figcaption></figure>
<div class="body">${body}<div class="newsletter"><p>Sign up for our newsletter to get the news in your inbox.</p></div></div></article>
<aside class="related-stories"><h3>Related</h3><ul>${related}</ul></aside>
<section class="comments"><p>A reader comment on page ${i}.</p></section></main><footer><p>Copyright Bench Times</p></footer></body></html>`;
}

/** Articles from a folder of `.txt` files (title on the first line, paragraphs after), repeated as needed. */
async function corpusArticles(source: string): Promise<{ title: string; paragraphs: string[] }[]> {
	const names = (await fs.readdir(source)).filter((n) => n.endsWith('.txt')).sort().slice(0, 2000);
	const out: { title: string; paragraphs: string[] }[] = [];
	for (const name of names) {
		const lines = (await fs.readFile(path.join(source, name), 'utf8')).split('\n').map((l) => l.trim()).filter(Boolean);
		if (lines.length > 2) out.push({ title: lines[0]!, paragraphs: lines.slice(1).filter((l) => l.length > 60) });
	}
	return out.filter((a) => a.paragraphs.length > 0);
}

async function timed(run: () => Promise<{ pages: number; articles: number }>): Promise<ArchiveFigure> {
	let peak = process.memoryUsage().rss;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
	const started = performance.now();
	const cpu = process.cpuUsage();
	try {
		const { pages, articles } = await run();
		const wallMs = performance.now() - started;
		const used = process.cpuUsage(cpu);
		return { pages, articles, wallMs, pagesPerSecond: pages / (wallMs / 1000), cpuMs: (used.user + used.system) / 1000, loadAverage: os.loadavg()[0]!, peakRssBytes: Math.max(peak, process.memoryUsage().rss) };
	} finally {
		clearInterval(sampler);
	}
}

/** Writes the archive in `work` and measures it; see the module comment. */
export async function measureArchive(options: { pages: number; work: string; source?: string; workers?: number }): Promise<ArchiveBench> {
	await fs.mkdir(options.work, { recursive: true });
	const file = path.join(options.work, `bench-${options.pages}.warc.gz`);
	const cacheDir = path.join(options.work, `archive-cache-${options.pages}`);
	await fs.rm(cacheDir, { recursive: true, force: true });
	const corpus = options.source ? await corpusArticles(options.source) : [];
	async function* pages(): AsyncGenerator<ArchivedPage> {
		for (let i = 0; i < options.pages; i++) {
			const url = `https://bench.example/news/${i}`;
			const base = corpus.length ? corpus[i % corpus.length]! : syntheticArticle(i);
			// Copies of a corpus article get their number in the headline, so none is a duplicate of another.
			const article = corpus.length && i >= corpus.length ? { ...base, title: `${base.title} (${i})` } : base;
			yield { url, body: newsPage(i, article, url) };
		}
	}
	const archiveBytes = await writeWarc(file, pages(), true);
	const run = async () => {
		const cache = await ParseCache.open(cacheDir, 'archive-bench');
		const result = await importArchive(file, { cache, parseOptions: {}, workers: options.workers });
		await cache.save();
		return { pages: result.items.length, articles: result.items.filter((i) => i.outcome.ok === true).length };
	};
	const cold = await timed(run);
	const warm = await timed(run);
	return { measuredAt: new Date().toISOString(), pages: options.pages, archiveBytes, workers: options.workers ?? os.availableParallelism(), cold, warm };
}

/** The result as Markdown lines. */
export function formatArchiveBench(b: ArchiveBench): string {
	const row = (name: string, f: ArchiveFigure) =>
		`| ${name} | ${f.pages} | ${f.articles} | ${(f.wallMs / 1000).toFixed(1)} s | ${f.pagesPerSecond.toFixed(0)} | ${(f.cpuMs / 1000).toFixed(1)} s | ${(f.pages / (f.cpuMs / 1000)).toFixed(0)} | ${f.loadAverage.toFixed(1)} | ${(f.peakRssBytes / 2 ** 20).toFixed(0)} MB |`;
	return [
		`Archive import: ${b.pages} pages in a ${(b.archiveBytes / 2 ** 20).toFixed(1)} MB .warc.gz, ${b.workers} extraction workers (${b.measuredAt}).`,
		'',
		'| run | pages | articles | wall | pages/s (wall) | CPU | pages per CPU-second | load | peak RSS |',
		'| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
		row('cold (extract every record)', b.cold),
		row('warm (record-digest cache)', b.warm),
	].join('\n');
}
