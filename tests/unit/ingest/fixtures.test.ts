/**
 * Fixture tests: every folder in tests/fixtures/ingest/ holds one input file
 * (`input.txt`, `input.md` …) and `expected.json`, the parse outcome plus the
 * rendered HTML. Regenerate on purpose with
 *   UPDATE_FIXTURES=1 npm exec -- node --test tests/unit/ingest/fixtures.test.ts
 * and review the diff before committing.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseFileBytes } from '../../../src/lib/ingest/ingest-directory.ts';
import { renderMarkdown, renderParagraphs } from '../../../src/lib/ingest/render-article.ts';

const root = fileURLToPath(new URL('../../fixtures/ingest/', import.meta.url));
const update = process.env.UPDATE_FIXTURES === '1';

/** The parse outcome in a stable, reviewable form. */
function snapshot(file: string, bytes: Uint8Array): unknown {
	const outcome = parseFileBytes(file, bytes);
	if (outcome.ok === false) return { error: { kind: outcome.kind, message: outcome.message } };
	if (outcome.ok === 'items') {
		const items = outcome.items.map(({ item, label, outcome: o }) => ({ item, label, ...(o.ok ? { article: o.article, warnings: o.warnings } : { error: { kind: o.kind, message: o.message } }) }));
		return { items, warnings: outcome.warnings };
	}
	const { markdown, bodyHtml, ...article } = outcome.article;
	const html = bodyHtml ?? (article.format === 'markdown' ? renderMarkdown(markdown ?? '') : renderParagraphs(article.paragraphs));
	return { article, html, warnings: outcome.warnings };
}

for (const name of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
	test(`fixture ${name}`, () => {
		const dir = path.join(root, name);
		const input = readdirSync(dir).find((f) => f.startsWith('input.'));
		assert.ok(input, `${dir}: no input.* file; add one (e.g. input.txt) or remove the folder`);
		const actual = snapshot(input, readFileSync(path.join(dir, input)));
		const expectedFile = path.join(dir, 'expected.json');
		if (update) {
			writeFileSync(expectedFile, `${JSON.stringify(actual, null, '\t')}\n`);
			return;
		}
		let expected: unknown;
		try {
			expected = JSON.parse(readFileSync(expectedFile, 'utf8'));
		} catch {
			assert.fail(`${expectedFile} is missing or not JSON; run with UPDATE_FIXTURES=1 to create it, then review it`);
		}
		assert.deepEqual(actual, expected, `${name}: output changed; if intended, regenerate with UPDATE_FIXTURES=1 and review the diff`);
	});
}
