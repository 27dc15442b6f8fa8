/**
 * Link checker for a built site: every URL in every page (links, assets, forms,
 * CSS `url()`) must resolve to a file inside the output folder under the base path,
 * and every `#fragment` to an id on the target page. External URLs are listed
 * separately so callers decide which, if any, are allowed.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Element } from 'hast';
import { allElements, attr, listSiteFiles, pagePath, parsePage } from './site-files.ts';

/** A URL that does not resolve inside the site. */
export interface BrokenLink {
	/** The page or stylesheet that holds it (relative to the output folder). */
	from: string;
	/** The URL as written. */
	url: string;
	/** Why it is broken. */
	reason: string;
}

/** A URL pointing to another origin (or scheme). */
export interface ExternalLink {
	/** The page that holds it. */
	from: string;
	/** The URL as written. */
	url: string;
	/** Element and attribute, e.g. `a[href]`, `img[src]`. */
	via: string;
}

/** What {@link checkLinks} found. */
export interface LinkReport {
	/** How many URLs were checked. */
	checked: number;
	broken: BrokenLink[];
	external: ExternalLink[];
}

/** Options for {@link checkLinks}. */
export interface CheckLinksOptions {
	/** The `BASE_PATH` the site was built with, e.g. `/news/`. */
	base: string;
	/** The `SITE_URL` the site was built with; absolute URLs on this origin count as internal. */
	siteUrl: string;
	/** Folders (relative, with trailing slash) whose own files are not scanned, e.g. `pagefind/`. */
	skipScanning?: string[];
}

/** Element attributes (hast property names) that hold a URL the browser follows or fetches. */
const URL_ATTRIBUTES: Record<string, string[]> = {
	a: ['href'],
	area: ['href'],
	link: ['href'],
	script: ['src'],
	img: ['src', 'srcSet'],
	source: ['src', 'srcSet'],
	iframe: ['src'],
	frame: ['src'],
	embed: ['src'],
	object: ['data'],
	video: ['src', 'poster'],
	audio: ['src'],
	track: ['src'],
	form: ['action'],
	button: ['formAction'],
	input: ['formAction', 'src'],
	base: ['href'],
	use: ['href', 'xLinkHref'],
	image: ['href', 'xLinkHref'],
};

/** `srcset` → its URLs. */
function splitSrcset(value: string): string[] {
	return value
		.split(',')
		.map((part) => part.trim().split(/\s+/)[0] ?? '')
		.filter(Boolean);
}

/** The URLs an element refers to, with how it refers to them. */
function urlsOf(element: Element): { url: string; via: string }[] {
	const found: { url: string; via: string }[] = [];
	for (const property of URL_ATTRIBUTES[element.tagName] ?? []) {
		const value = attr(element, property);
		if (value === undefined) continue;
		const via = `${element.tagName}[${property.toLowerCase()}]`;
		if (property === 'srcSet') for (const url of splitSrcset(value)) found.push({ url, via });
		else found.push({ url: value, via });
	}
	// Open Graph / Twitter card URLs are fetched by crawlers: they must resolve too.
	if (element.tagName === 'meta') {
		const name = attr(element, 'property') ?? attr(element, 'name') ?? '';
		const content = attr(element, 'content');
		if (content && /(?::url|:image)$/.test(name)) found.push({ url: content, via: `meta[${name}]` });
	}
	return found;
}

/** Ids (and legacy `a[name]`s) on a page, cached per file. */
function idsOf(outDir: string, file: string, cache: Map<string, Set<string>>): Set<string> {
	let ids = cache.get(file);
	if (!ids) {
		ids = new Set();
		for (const element of allElements(parsePage(outDir, file))) {
			const id = attr(element, 'id');
			if (id) ids.add(id);
			if (element.tagName === 'a') {
				const name = attr(element, 'name');
				if (name) ids.add(name);
			}
		}
		cache.set(file, ids);
	}
	return ids;
}

/**
 * Maps a site URL path to the output file it is served from, or explains why none is.
 * Directory URLs must end in `/`: S3, CloudFront and many other hosts do not redirect.
 */
export function resolveSitePath(outDir: string, pathname: string, base: string): { file?: string; reason?: string } {
	if (!pathname.startsWith(base)) return { reason: `outside the base path ${base}` };
	let rel: string;
	try {
		rel = decodeURIComponent(pathname.slice(base.length));
	} catch {
		return { reason: 'not a valid percent-encoded path' };
	}
	if (rel.split('/').includes('..')) return { reason: 'climbs out of the site with ..' };
	const candidate = rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
	const abs = path.join(outDir, candidate);
	if (existsSync(abs) && statSync(abs).isFile()) return { file: candidate };
	if (existsSync(path.join(abs, 'index.html'))) return { reason: 'directory link without trailing slash' };
	return { reason: 'no such file in the output folder' };
}

/** Checks every URL of every HTML page and stylesheet in `outDir`. */
export function checkLinks(outDir: string, options: CheckLinksOptions): LinkReport {
	const base = options.base.endsWith('/') ? options.base : `${options.base}/`;
	const origin = new URL(options.siteUrl).origin;
	const skip = options.skipScanning ?? ['pagefind/'];
	const report: LinkReport = { checked: 0, broken: [], external: [] };
	const idCache = new Map<string, Set<string>>();

	const check = (from: string, fromUrl: URL, url: string, via: string) => {
		report.checked++;
		const trimmed = url.trim();
		if (trimmed === '') {
			report.broken.push({ from, url, reason: `empty ${via}` });
			return;
		}
		let target: URL;
		try {
			target = new URL(trimmed, fromUrl);
		} catch {
			report.broken.push({ from, url, reason: 'not a valid URL' });
			return;
		}
		if (target.origin !== origin || !/^https?:$/.test(target.protocol)) {
			report.external.push({ from, url, via });
			return;
		}
		const resolved = resolveSitePath(outDir, target.pathname, base);
		if (!resolved.file) {
			report.broken.push({ from, url, reason: resolved.reason! });
			return;
		}
		const fragment = target.hash.slice(1);
		if (fragment && resolved.file.endsWith('.html')) {
			const id = decodeURIComponent(fragment);
			if (!idsOf(outDir, resolved.file, idCache).has(id)) report.broken.push({ from, url, reason: `no element with id "${id}" on ${resolved.file}` });
		}
	};

	for (const file of listSiteFiles(outDir)) {
		if (skip.some((prefix) => file.startsWith(prefix))) continue;
		const fileUrl = new URL(pagePath(file, base), origin);
		if (file.endsWith('.html')) {
			const tree = parsePage(outDir, file);
			const elements = allElements(tree);
			// A <base href> changes how every relative URL resolves.
			const baseElement = elements.find((e) => e.tagName === 'base' && attr(e, 'href'));
			const resolveFrom = baseElement ? new URL(attr(baseElement, 'href')!, fileUrl) : fileUrl;
			for (const element of elements) for (const { url, via } of urlsOf(element)) check(file, resolveFrom, url, via);
		} else if (file.endsWith('.css')) {
			const css = readFileSync(path.join(outDir, file), 'utf8');
			for (const match of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) {
				const url = match[2]!;
				if (url.startsWith('data:') || url.startsWith('#')) continue;
				check(file, fileUrl, url, 'css url()');
			}
		}
	}
	return report;
}
