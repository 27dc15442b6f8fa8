/**
 * Reading a built site the way a browser would: every file in the output folder,
 * and each HTML page parsed by a spec-compliant parser (parse5 through hast), so
 * checks see the elements and attributes a browser would create, not regex guesses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';

/** Every file below `outDir`, relative with `/` separators, sorted. */
export function listSiteFiles(outDir: string): string[] {
	const files: string[] = [];
	const walk = (rel: string) => {
		for (const entry of readdirSync(path.join(outDir, rel), { withFileTypes: true })) {
			const child = rel ? `${rel}/${entry.name}` : entry.name;
			if (entry.isDirectory()) walk(child);
			else files.push(child);
		}
	};
	walk('');
	return files.sort();
}

/** The HTML pages of a site (relative paths). */
export function listHtmlPages(outDir: string): string[] {
	return listSiteFiles(outDir).filter((file) => file.endsWith('.html'));
}

/** Parses one page of the site. */
export function parsePage(outDir: string, file: string): Root {
	return fromHtml(readFileSync(path.join(outDir, file), 'utf8'));
}

/** Every element of a tree, in document order. */
export function allElements(node: Root | Element): Element[] {
	const found: Element[] = [];
	const visit = (children: RootContent[]) => {
		for (const child of children) {
			if (child.type === 'element') {
				found.push(child);
				visit(child.children);
				// <template> content lives in a separate fragment in hast.
				if (child.content) visit(child.content.children);
			}
		}
	};
	visit(node.children);
	return found;
}

/** The text a reader sees in an element (script and style text excluded). */
export function textOf(node: Root | Element | RootContent): string {
	if (node.type === 'text') return node.value;
	if (node.type === 'element' && (node.tagName === 'script' || node.tagName === 'style')) return '';
	if ('children' in node) return node.children.map((child) => textOf(child)).join('');
	return '';
}

/** The raw attribute value of an element (hast stores some as arrays, e.g. `class`). */
export function attr(element: Element, property: string): string | undefined {
	const value = element.properties[property];
	if (value === undefined || value === null || value === false) return undefined;
	return Array.isArray(value) ? value.join(' ') : String(value);
}

/**
 * The site URL path of a page file under `base`: `articles/x/index.html` → `/base/articles/x/`,
 * `404.html` → `/base/404.html`.
 */
export function pagePath(file: string, base: string): string {
	const prefix = base.endsWith('/') ? base : `${base}/`;
	if (file === 'index.html') return prefix;
	if (file.endsWith('/index.html')) return prefix + file.slice(0, -'index.html'.length);
	return prefix + file;
}
