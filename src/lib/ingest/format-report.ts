/**
 * The ingest summary as text, shared by the CLI (`npm run ingest`) and the Astro
 * loader, so both print the same thing.
 */
import type { IngestProblem, ProblemKind } from './types.ts';

/** What {@link formatIngestReport} needs: any corpus or ingest result. */
export interface ReportInput {
	/** Articles that got a page; `duplicates` lists files folded into each, `format` says what kind of input it came from. */
	articles: readonly { duplicates: readonly string[]; format?: string }[];
	/** Every problem found. */
	problems: readonly IngestProblem[];
}

/** Options for {@link formatIngestReport}. */
export interface ReportOptions {
	/** Folder name shown in the first line. */
	dir?: string;
	/** Print every problem as `file: message` (default true). */
	listProblems?: boolean;
	/** Elapsed time to show, in milliseconds. */
	elapsedMs?: number;
}

/** Plain-language labels for report groups. */
const KIND_LABELS: Record<ProblemKind, string> = {
	empty: 'empty or whitespace-only',
	'boilerplate-only': 'only site boilerplate',
	'title-only': 'headline but no text',
	binary: 'not text (binary)',
	'too-large': 'too large',
	unreadable: 'unreadable',
	'outside-folder': 'links outside the folder',
	hidden: 'hidden files (not read)',
	'symlink-loop': 'folder links already read (loops)',
	'not-an-article-file': 'not article files',
	encoding: 'not UTF-8 (read as Windows-1252)',
	'front-matter': 'front matter problems',
	duplicate: 'exact duplicates (folded)',
	'near-duplicate': 'near-duplicates (folded)',
	'repeated-line': 'repeated lines removed as furniture',
	'slug-collision': 'slug collisions',
	'not-an-article': 'pages that are not articles',
	'not-a-feed': 'not feeds',
	'broken-feed': 'malformed feeds',
	'broken-archive': 'damaged web archives',
	'skipped-records': 'archive records without articles (skipped)',
};

/** How each input format is named in the summary. */
const FORMAT_LABELS: Record<string, string> = {
	text: 'text',
	markdown: 'Markdown',
	html: 'saved page',
	feed: 'feed item',
	warc: 'web archive record',
};

/** Counts problems by severity and kind. */
export function countProblems(problems: readonly IngestProblem[]): { errors: number; warnings: number; byKind: Map<ProblemKind, number> } {
	const byKind = new Map<ProblemKind, number>();
	let errors = 0;
	for (const p of problems) {
		if (p.severity === 'error') errors++;
		byKind.set(p.kind, (byKind.get(p.kind) ?? 0) + 1);
	}
	return { errors, warnings: problems.length - errors, byKind };
}

/**
 * The summary: article and duplicate counts, problems by kind, then (by default)
 * every problem as `file: message`, errors first. Returns lines joined with `\n`.
 */
export function formatIngestReport(input: ReportInput, options: ReportOptions = {}): string {
	const { errors, warnings, byKind } = countProblems(input.problems);
	const duplicates = input.articles.reduce((n, a) => n + a.duplicates.length, 0);
	const lines: string[] = [];
	const where = options.dir ? ` from ${options.dir}` : '';
	const time = options.elapsedMs === undefined ? '' : ` in ${(options.elapsedMs / 1000).toFixed(2)} s`;
	lines.push(`Ingest${where}${time}: ${input.articles.length} articles, ${duplicates} duplicates folded, ${errors} errors, ${warnings} warnings.`);
	const byFormat = new Map<string, number>();
	for (const a of input.articles) if (a.format) byFormat.set(a.format, (byFormat.get(a.format) ?? 0) + 1);
	if (byFormat.size) {
		const order = ['text', 'markdown', 'html', 'feed', 'warc'];
		const formats = [...byFormat].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
		lines.push(`Articles by format: ${formats.map(([f, n]) => `${n} ${FORMAT_LABELS[f] ?? f}`).join(', ')}.`);
	}
	if (byKind.size) {
		lines.push('Problems by kind:');
		const kinds = [...byKind].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
		for (const [kind, n] of kinds) lines.push(`  ${String(n).padStart(5)}  ${KIND_LABELS[kind] ?? kind} (${kind})`);
	}
	if (options.listProblems ?? true) {
		const sorted = [...input.problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
		for (const p of sorted) lines.push(`${p.severity === 'error' ? 'error' : 'warning'} ${p.file}: ${p.message}`);
	}
	return lines.join('\n');
}
