/**
 * `npm run build`: builds the site with Astro, then indexes the output with Pagefind.
 * The output folder is `dist/`, or `BROADSHEET_OUT_DIR` when set (tests build elsewhere).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../src/lib/site-config.ts';

const bin = (name: string) => path.join(projectRoot, 'node_modules', '.bin', name);
const outDir = path.resolve(projectRoot, process.env.BROADSHEET_OUT_DIR || 'dist');

function run(command: string, args: string[]): void {
	const result = spawnSync(command, args, { stdio: 'inherit', cwd: projectRoot });
	if (result.status !== 0) {
		console.error(`\n${path.basename(command)} ${args.join(' ')} failed (exit ${result.status ?? result.signal}).`);
		process.exit(result.status ?? 1);
	}
}

const started = performance.now();
run(bin('astro'), ['build', ...process.argv.slice(2)]);
run(bin('pagefind'), ['--site', outDir]);
console.log(`Built and indexed ${path.relative(process.cwd(), outDir) || '.'} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
