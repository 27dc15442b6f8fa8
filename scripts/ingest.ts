/**
 * `npm run ingest -- [DIR] [--json FILE] [--strict] [--no-cache] [--quiet]`
 *
 * Runs the same code as the build (`buildCorpus`), without Astro, and prints the
 * summary plus every problem as `file: reason`. DIR defaults to `NEWS_CONTENT_DIR`
 * or `content/articles`. `--json FILE` writes `{ articles, problems }`: each article
 * is the full `Article` the build uses, plus `url` (its page, site-relative).
 * The exit code is non-zero only with `--strict` when there are errors (or on bad usage).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { buildCorpus } from '../src/lib/build-corpus.ts';
import { formatIngestReport } from '../src/lib/ingest/format-report.ts';
import { loadIngestOptions } from '../src/lib/ingest/load-config.ts';
import { projectRoot, resolveBasePath, resolveContentDir } from '../src/lib/site-config.ts';
import { articleUrl } from '../src/lib/urls.ts';

const USAGE = 'Usage: npm run ingest -- [DIR] [--json FILE] [--strict] [--no-cache] [--quiet]';

interface Args {
	dir: string;
	json: string | null;
	strict: boolean;
	cache: boolean;
	quiet: boolean;
}

function parseArgs(argv: readonly string[]): Args {
	const args: Args = { dir: '', json: null, strict: false, cache: true, quiet: false };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--json') {
			const file = argv[++i];
			if (!file || file.startsWith('--')) fail('--json needs a file name, e.g. --json ingest.json');
			args.json = file;
		} else if (arg.startsWith('--json=')) args.json = arg.slice('--json='.length);
		else if (arg === '--strict') args.strict = true;
		else if (arg === '--no-cache') args.cache = false;
		else if (arg === '--quiet') args.quiet = true;
		else if (arg === '--help' || arg === '-h') {
			console.log(USAGE);
			process.exit(0);
		} else if (arg.startsWith('-')) fail(`unknown option ${arg}`);
		else if (args.dir) fail(`only one folder can be ingested at a time (got ${args.dir} and ${arg})`);
		else args.dir = arg;
	}
	args.dir = args.dir ? path.resolve(args.dir) : resolveContentDir();
	return args;
}

function fail(message: string): never {
	console.error(`ingest: ${message}\n${USAGE}`);
	process.exit(2);
}

const args = parseArgs(process.argv.slice(2));
const started = performance.now();
let corpus;
try {
	const options = await loadIngestOptions(projectRoot);
	if (!args.cache) delete options.cacheDir;
	corpus = await buildCorpus(args.dir, options);
} catch (error) {
	console.error(`ingest: ${(error as Error).message}`);
	process.exit(2);
}
const elapsedMs = performance.now() - started;

console.log(formatIngestReport(corpus, { dir: path.relative(process.cwd(), args.dir) || '.', elapsedMs, listProblems: !args.quiet }));

if (args.json) {
	const base = resolveBasePath();
	// Whole Article objects: fields other engineers add to the corpus appear here without changes to this script.
	// `file`, `slug`, `url` first so the JSON reads well; the spread keeps everything else.
	const articles = corpus.articles.map(({ file, slug, ...rest }) => ({ file, slug, url: articleUrl(slug, base), ...rest }));
	const out = path.resolve(args.json);
	await fs.mkdir(path.dirname(out), { recursive: true });
	await fs.writeFile(out, `${JSON.stringify({ articles, problems: corpus.problems }, null, 2)}\n`);
	console.log(`Wrote ${path.relative(process.cwd(), out)} (${articles.length} articles, ${corpus.problems.length} problems).`);
}

if (args.strict && corpus.problems.some((p) => p.severity === 'error')) process.exit(1);
