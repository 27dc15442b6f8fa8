/**
 * How the running build treats the previous output: `full` starts from an empty output
 * folder and indexes search from scratch; `incremental` (only content files changed
 * since the last build, chosen by scripts/build.ts) keeps the pages whose data did not
 * change and updates the search index. Unset, as in a bare `astro build`: `full`.
 */
export const BUILD_MODE_ENV = 'BROADSHEET_BUILD_MODE';

/** The running build's mode. */
export function resolveBuildMode(env: NodeJS.ProcessEnv = process.env): 'full' | 'incremental' {
	return env[BUILD_MODE_ENV] === 'incremental' ? 'incremental' : 'full';
}
