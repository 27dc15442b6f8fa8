/**
 * The pure helpers behind sharded builds and the `_headers` file: shard arguments,
 * the slug → shard split, merge paths, and header matching as Netlify/Cloudflare do it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { headersForPath, matchesHeaderPattern, parseHeadersFile } from '../../src/lib/headers-file.ts';
import { isInShard, mergeIndexPaths, parseShard, shardOfSlug, takeShardArgument } from '../../src/lib/shards.ts';
import { repoRoot } from '../support/build-site.ts';

describe('shards', () => {
	it('parses i/n and refuses anything else, saying what is expected', () => {
		assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
		for (const bad of ['0/4', '5/4', '4', 'a/b', '1/0', '']) assert.throws(() => parseShard(bad), /write i\/n/);
	});

	it('takes --shard out of the build arguments, in both spellings', () => {
		assert.deepEqual(takeShardArgument(['--shard', '1/2', '--rebuild']), { shard: { index: 1, count: 2 }, rest: ['--rebuild'] });
		assert.deepEqual(takeShardArgument(['--shard=3/3']), { shard: { index: 3, count: 3 }, rest: [] });
		assert.deepEqual(takeShardArgument(['--verbose']), { shard: null, rest: ['--verbose'] });
		assert.throws(() => takeShardArgument(['--shard']), /needs a value/);
	});

	it('puts every slug in exactly one shard, evenly, and the same one every time', () => {
		const slugs = Array.from({ length: 4000 }, (_, i) => `article-${i}`);
		const sizes = [0, 0, 0, 0];
		for (const slug of slugs) {
			const shard = shardOfSlug(slug, 4);
			assert.equal(shardOfSlug(slug, 4), shard);
			sizes[shard - 1]!++;
			assert.equal([1, 2, 3, 4].filter((index) => isInShard(slug, { index, count: 4 })).length, 1);
		}
		for (const size of sizes) assert.ok(size > 900 && size < 1100, `uneven split: ${sizes}`);
		assert.ok(isInShard('anything', null), 'a whole-site build renders every article');
	});

	it('puts a slug in the shard its SHA-256 names, by expectations worked out by hand', () => {
		// First 4 bytes of `printf %s SLUG | sha256sum`, as a big-endian number, mod n, plus 1:
		// written out here so that a change to the hash (or its byte order) cannot pass unnoticed.
		const cases: [slug: string, hashPrefix: string, count: number, shard: number][] = [
			['article-0', '53a66920', 2, 1], // 0x53a66920 is even
			['library-extends-opening-hours', '2add156f', 2, 2], // odd
			['night-market-returns-to-the-harbour-square', '9ff1c51c', 2, 1],
			['old-lighthouse-reopens-to-visitors', '785765af', 2, 2],
			['harbour-bridge-reopens-after-repairs', 'f6b291da', 4, 3], // 0xda = 218, 218 mod 4 = 2
		];
		for (const [slug, , count, shard] of cases) assert.equal(shardOfSlug(slug, count), shard, `${slug} in ${count} shards`);
	});

	it('lists the other shards’ Pagefind bundles under the base path', () => {
		assert.deepEqual(mergeIndexPaths({ index: 1, count: 3 }, '/news/'), ['/news/pagefind-shard-2/', '/news/pagefind-shard-3/']);
		assert.deepEqual(mergeIndexPaths(null, '/'), []);
		// A whole-site build with its search index in parts merges the other parts.
		assert.deepEqual(mergeIndexPaths(null, '/', 3), ['/pagefind-shard-2/', '/pagefind-shard-3/']);
	});
});

describe('_headers', () => {
	it('matches splats and placeholders like the hosts do', () => {
		assert.ok(matchesHeaderPattern('/*', '/'));
		assert.ok(matchesHeaderPattern('/_astro/*', '/_astro/a.b1c2.css'));
		assert.ok(!matchesHeaderPattern('/_astro/*', '/articles/_astro/'));
		assert.ok(matchesHeaderPattern('/articles/:slug/', '/articles/x/'));
		assert.ok(!matchesHeaderPattern('/articles/:slug/', '/articles/x/y/'));
	});

	it('joins a header set by several matching rules, as Netlify and Cloudflare do', () => {
		const rules = parseHeadersFile('/*\n  X-A: 1\n/a/*\n  X-A: 2\n  X-B: 3\n');
		assert.deepEqual([...headersForPath(rules, '/a/x')], [['x-a', '1, 2'], ['x-b', '3']]);
		assert.throws(() => parseHeadersFile('  X-A: 1\n'), /_headers:1: a header line comes before any path/);
	});

	it('public/_headers: CSP and security headers everywhere, one Cache-Control value per path', () => {
		const rules = parseHeadersFile(readFileSync(path.join(repoRoot, 'public/_headers'), 'utf8'));
		for (const sitePath of ['/', '/articles/x/', '/_astro/a.css', '/pagefind/fragment/en_1.pf_fragment', '/pagefind/pagefind.js']) {
			const headers = headersForPath(rules, sitePath);
			assert.match(headers.get('content-security-policy') ?? '', /script-src 'self' 'wasm-unsafe-eval'/, sitePath);
			assert.equal(headers.get('x-content-type-options'), 'nosniff', sitePath);
			assert.ok(!(headers.get('cache-control') ?? '').includes(', public'), `${sitePath}: Cache-Control set by two rules`);
		}
		assert.match(headersForPath(rules, '/_astro/a.css').get('cache-control') ?? '', /immutable/);
		assert.equal(headersForPath(rules, '/pagefind/pagefind.js').get('cache-control'), undefined);
	});
});
