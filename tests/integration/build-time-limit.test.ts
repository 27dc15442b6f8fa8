/**
 * The test builds' time limit: a build that runs past it is killed with everything it
 * started, and the error names the processes that were still running and the end of
 * the log, so a hang on CI says where it hung.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeTimeout, removeBuild, runBuild } from '../support/run-build.ts';

describe('test build time limit', () => {
	it('kills a build that runs too long and says what was still running', async () => {
		// 300 ms: the real build of the smallest fixture takes seconds, so it is surely still running.
		const run = await runBuild({ contentDir: 'tests/site-fixtures/basic', timeoutMs: 300 });
		try {
			assert.equal(run.timedOut, true);
			assert.equal(run.code, null, 'killed, not exited');
			assert.ok(run.runningAtTimeout?.some((p) => p.includes('scripts/build.ts')), `running: ${JSON.stringify(run.runningAtTimeout)}`);
			assert.match(describeTimeout('tests/site-fixtures/basic', run, 300), /did not finish in 0\.3 s and was killed\. Still running then:\n {2}\d+ .*scripts\/build\.ts/);
		} finally {
			await removeBuild(run);
		}
	});
});
