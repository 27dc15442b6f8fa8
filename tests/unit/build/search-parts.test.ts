import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseSearchPartBoundaries, findSearchPart, readSortDate, SEARCH_PART_FILTER, tagSearchPart } from '../../../src/lib/search-parts.ts';

describe('chooseSearchPartBoundaries', () => {
	it('keeps one index below the threshold', () => {
		assert.deepEqual(chooseSearchPartBoundaries(['2024-01-01', '2024-02-01'], 3), []);
	});
	it('splits at the median date, undated articles aside', () => {
		assert.deepEqual(chooseSearchPartBoundaries(['2024-03-01', undefined, '2024-01-01', '2024-02-01', '2024-04-01'], 3), ['2024-03-01']);
	});
	it('splits undated articles too, by URL alone', () => {
		assert.deepEqual(chooseSearchPartBoundaries([null, undefined, null], 3), ['']);
	});
});

describe('findSearchPart', () => {
	it('puts a dated page in the part its date falls in', () => {
		assert.equal(findSearchPart('/a/', '2024-02-28', ['2024-03-01']), 1);
		assert.equal(findSearchPart('/a/', '2024-03-01', ['2024-03-01']), 2);
		assert.equal(findSearchPart('/a/', '2024-03-01', []), 1);
	});
	it('spreads undated pages evenly over the parts by URL, the same way every time', () => {
		const parts = Array.from({ length: 1000 }, (_, i) => findSearchPart(`/articles/a-${i}/`, undefined, ['2024-03-01']));
		const inFirst = parts.filter((p) => p === 1).length;
		assert.ok(inFirst > 430 && inFirst < 570, `${inFirst} of 1000 in the first part`);
		assert.equal(findSearchPart('/articles/a-7/', undefined, ['2024-03-01']), parts[7]);
	});
});

describe('readSortDate and tagSearchPart', () => {
	const page = '<html><head></head><body><article class="a" data-pagefind-body data-title="3 > 2"><h1>T</h1><span data-pagefind-sort="date:2024-05-06"></span></article></body></html>';
	it('reads the sort date a page carries', () => {
		assert.equal(readSortDate(page), '2024-05-06');
		assert.equal(readSortDate('<article data-pagefind-body></article>'), undefined);
	});
	it('tags the searchable element with its part, past a ">" inside an attribute value', () => {
		assert.equal(
			tagSearchPart(page, 2),
			`<html><head></head><body><article class="a" data-pagefind-body data-title="3 > 2"><span data-pagefind-filter="${SEARCH_PART_FILTER}:2"></span><h1>T</h1><span data-pagefind-sort="date:2024-05-06"></span></article></body></html>`,
		);
		assert.equal(tagSearchPart('<p>no body</p>', 2), '<p>no body</p>');
	});
});
