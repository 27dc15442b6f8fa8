import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageWindow, paginate } from '../../../src/lib/pagination.ts';

describe('paginate', () => {
	it('splits a list into full pages and a remainder', () => {
		const pages = paginate([1, 2, 3, 4, 5], 2);
		assert.deepEqual(pages.map((p) => p.items), [[1, 2], [3, 4], [5]]);
		assert.deepEqual(pages.map((p) => [p.number, p.total, p.start, p.count]), [[1, 3, 0, 5], [2, 3, 2, 5], [3, 3, 4, 5]]);
	});
	it('gives an empty list one empty page', () => {
		assert.deepEqual(paginate([], 10), [{ number: 1, total: 1, items: [], start: 0, count: 0 }]);
	});
	it('rejects a page size below one', () => {
		assert.throws(() => paginate([1], 0), RangeError);
	});
});

describe('pageWindow', () => {
	it('shows every page of a short list', () => {
		assert.deepEqual(pageWindow(2, 4), [1, 2, 3, 4]);
	});
	it('elides long gaps but never a single page', () => {
		assert.deepEqual(pageWindow(10, 20), [1, null, 8, 9, 10, 11, 12, null, 20]);
		assert.deepEqual(pageWindow(4, 20), [1, 2, 3, 4, 5, 6, null, 20]);
		assert.deepEqual(pageWindow(1, 1), [1]);
	});
});
