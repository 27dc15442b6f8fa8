/**
 * `npm exec -- node scripts/deploy/inject-csp-meta.ts [DIR]`
 *
 * For hosts that cannot send headers (GitHub Pages): puts the Content-Security-Policy
 * of `public/_headers` into every HTML page of a build (DIR, default `dist/`) as
 * `<meta http-equiv="Content-Security-Policy">`, right after `<meta charset>`, before
 * any script. `frame-ancestors` is left out: browsers ignore it in a meta tag. The
 * other headers (nosniff, referrer policy, caching) have no meta equivalent.
 * Run it after the build (and after assembling shards); running it twice changes nothing.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { headersForPath, parseHeadersFile } from '../../src/lib/headers-file.ts';
import { projectRoot } from '../../src/lib/site-config.ts';

/** The policy for a meta tag: the `_headers` CSP without the directives a meta tag cannot carry. */
export function metaPolicy(headersText: string): string {
	const csp = headersForPath(parseHeadersFile(headersText), '/').get('content-security-policy');
	if (!csp) throw new Error('public/_headers sets no Content-Security-Policy on /*; nothing to inject.');
	return csp
		.split(';')
		.map((d) => d.trim())
		.filter((d) => d && !/^(frame-ancestors|report-uri|report-to|sandbox)\b/.test(d))
		.join('; ');
}

/** Adds the meta tag to one page's HTML (unchanged when it already has one). */
export function injectCspMeta(html: string, policy: string): string {
	if (/<meta[^>]+http-equiv=["']?content-security-policy/i.test(html)) return html;
	const tag = `<meta http-equiv="Content-Security-Policy" content="${policy.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`;
	const charset = /<meta charset[^>]*>/i.exec(html);
	if (charset) return html.slice(0, charset.index + charset[0].length) + tag + html.slice(charset.index + charset[0].length);
	const head = /<head[^>]*>/i.exec(html);
	if (!head) throw new Error('no <head> to put the policy in');
	return html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length);
}

/** Injects the policy into every `.html` file below `dir`; returns how many pages changed. */
export async function injectCspMetaIntoSite(dir: string, headersText: string): Promise<number> {
	const policy = metaPolicy(headersText);
	let changed = 0;
	for (const entry of await fs.readdir(dir, { recursive: true })) {
		if (!entry.endsWith('.html')) continue;
		const file = path.join(dir, entry);
		const html = await fs.readFile(file, 'utf8');
		let updated: string;
		try {
			updated = injectCspMeta(html, policy);
		} catch (error) {
			throw new Error(`${file}: ${(error as Error).message}`);
		}
		if (updated !== html) {
			await fs.writeFile(file, updated);
			changed++;
		}
	}
	return changed;
}

if (import.meta.main) {
	const dir = path.resolve(process.argv[2] ?? 'dist');
	try {
		const headers = await fs.readFile(path.join(projectRoot, 'public/_headers'), 'utf8');
		const changed = await injectCspMetaIntoSite(dir, headers);
		console.log(`Content-Security-Policy meta tag added to ${changed} page(s) in ${path.relative(process.cwd(), dir) || '.'}.`);
	} catch (error) {
		console.error(`inject-csp-meta: ${(error as Error).message}`);
		process.exit(1);
	}
}
