/**
 * A fingerprint of everything a build reads, so that rebuilding with no input
 * changed can keep the previous output instead of redoing an identical build
 * (what editors do many times a day). Inputs: every content file (path, size,
 * modification time), the project's own sources and config (by content), the
 * installed dependencies (npm's lockfile), the environment settings and the
 * command line. The output folder must still be what the last build left.
 */
import { createHash } from 'node:crypto';
import { existsSync, promises as fs, statSync } from 'node:fs';
import path from 'node:path';

/** Project files and folders whose content feeds the site. */
const PROJECT_INPUTS = ['src', 'public', 'scripts/build.ts', 'scripts/build', 'astro.config.mjs', 'broadsheet.config.ts', 'package.json', 'package-lock.json', 'node_modules/.package-lock.json', 'tsconfig.json'];

/** Environment variables that change what the build writes. */
const ENV_PATTERN = /^(SITE_|BASE_PATH$|BROADSHEET_|NEWS_|PUBLIC_)/;

/** Of those, the ones that only change how search is kept up to date, not what readers get. */
const ENV_NOT_AN_INPUT = new Set(['BROADSHEET_SEARCH_DELTA_MAX_PAGES']);

/** Files left by the last build, checked so a deleted or edited output is rebuilt. */
const OUTPUT_MARKERS = ['index.html', 'pagefind/pagefind-entry.json', 'pagefind-live/pagefind.js', 'sitemap-index.xml'];

/** Every file below `dir` (recursively, following no links), relative, sorted. */
async function listFiles(dir: string): Promise<string[]> {
	const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
	return entries
		.filter((e) => e.isFile() || e.isSymbolicLink())
		.map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
		.sort();
}

/** Hashes the inputs of a build, one hash per kind of input (so a rebuild can say what changed) and one over all. */
export async function computeBuildFingerprint(options: { projectRoot: string; contentDir: string; argv: string[]; env: NodeJS.ProcessEnv }): Promise<string> {
	return (await computeBuildInputs(options)).all;
}

/** Per-kind hashes of a build's inputs: `settings` (Node, argv, environment), `project` (sources, config, lockfiles), `content`. */
export async function computeBuildInputs(options: { projectRoot: string; contentDir: string; argv: string[]; env: NodeJS.ProcessEnv }): Promise<Record<'settings' | 'project' | 'content' | 'all', string>> {
	const settings = createHash('sha256');
	settings.update(`node ${process.version}\nargv ${JSON.stringify(options.argv)}\n`);
	for (const key of Object.keys(options.env).filter((k) => ENV_PATTERN.test(k) && !ENV_NOT_AN_INPUT.has(k)).sort()) settings.update(`env ${key}=${options.env[key]}\n`);
	const project = createHash('sha256');
	for (const input of PROJECT_INPUTS) {
		const abs = path.join(options.projectRoot, input);
		if (!existsSync(abs)) continue;
		const stat = await fs.stat(abs);
		const files = stat.isDirectory() ? (await listFiles(abs)).map((f) => path.join(input, f)) : [input];
		for (const file of files) {
			project.update(`file ${file}\n`);
			project.update(await fs.readFile(path.join(options.projectRoot, file)).catch(() => Buffer.from('(unreadable)')));
		}
	}
	// Content can be 100,000 files: stat them (size and nanosecond mtime) rather than read them.
	const content = createHash('sha256');
	const contentDir = path.resolve(options.contentDir);
	content.update(`content ${contentDir}\n`);
	// Synchronous stats: 100,000 promises through libuv's four threads took 15 s on a busy machine.
	for (const file of await listFiles(contentDir)) {
		const stat = statSync(path.join(contentDir, file), { bigint: true, throwIfNoEntry: false });
		content.update(`${file}\0${stat?.size ?? -1}\0${stat?.mtimeNs ?? -1}\n`);
	}
	const parts = { settings: settings.digest('hex'), project: project.digest('hex'), content: content.digest('hex') };
	return { ...parts, all: createHash('sha256').update(JSON.stringify(parts)).digest('hex') };
}

/** Which kinds of input differ from the last successful build's, for the build log ('' when unknown). */
export async function describeChangedInputs(store: FingerprintStore, inputs: Record<string, string>): Promise<string> {
	const saved = JSON.parse(await fs.readFile(store.file, 'utf8').catch(() => 'null')) as { inputs?: Record<string, string> } | null;
	if (!saved) return 'no previous build recorded';
	if (!saved.inputs) return 'inputs changed';
	const changed = Object.keys(inputs).filter((k) => k !== 'all' && saved.inputs![k] !== inputs[k]);
	return changed.length ? `changed: ${changed.join(', ')}` : 'inputs unchanged, output folder changed';
}

/** A description of the output folder's marker files (absent ones included). */
async function describeOutput(outDir: string): Promise<string> {
	const parts = await Promise.all(
		OUTPUT_MARKERS.map(async (m) => {
			const stat = await fs.stat(path.join(outDir, m), { bigint: true }).catch(() => null);
			return `${m}:${stat ? `${stat.size}:${stat.mtimeNs}` : 'missing'}`;
		}),
	);
	return parts.join(' ');
}

/** Where the fingerprint of the last successful build is kept. */
export interface FingerprintStore {
	/** JSON file, inside the build's cache folder. */
	file: string;
	/** The output folder it describes. */
	outDir: string;
}

/** True when the last successful build had this fingerprint and its output is untouched. */
export async function isUpToDate(store: FingerprintStore, fingerprint: string): Promise<boolean> {
	const saved = JSON.parse(await fs.readFile(store.file, 'utf8').catch(() => 'null')) as { fingerprint: string; outDir: string; output: string } | null;
	if (!saved || saved.fingerprint !== fingerprint || saved.outDir !== store.outDir) return false;
	const output = await describeOutput(store.outDir);
	return !output.includes('missing') && output === saved.output;
}

/** Forgets the last build (before a build starts, so a failed build is never taken as current). */
export async function clearFingerprint(store: FingerprintStore): Promise<void> {
	await fs.rm(store.file, { force: true });
}

/** Records a successful build. */
export async function saveFingerprint(store: FingerprintStore, fingerprint: string, inputs?: Record<string, string>): Promise<void> {
	await fs.mkdir(path.dirname(store.file), { recursive: true });
	await fs.writeFile(store.file, JSON.stringify({ fingerprint, inputs, outDir: store.outDir, output: await describeOutput(store.outDir) }) + '\n');
}

/**
 * True when the last successful build of this output folder differs from this one only in
 * its content files (same settings, sources, config and dependencies) and its output is
 * still there: then pages whose data did not change can be kept (Astro's incremental
 * build) and search can be updated rather than rebuilt. Anything else builds from scratch.
 */
export async function onlyContentChanged(store: FingerprintStore, inputs: Record<string, string>): Promise<boolean> {
	const saved = JSON.parse(await fs.readFile(store.file, 'utf8').catch(() => 'null')) as { inputs?: Record<string, string>; outDir: string } | null;
	if (!saved?.inputs || saved.outDir !== store.outDir) return false;
	if (saved.inputs.settings !== inputs.settings || saved.inputs.project !== inputs.project) return false;
	return existsSync(path.join(store.outDir, 'index.html'));
}

