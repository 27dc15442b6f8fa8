/**
 * Article bodies → HTML through unified, with one processor per kind built once
 * at module load (building a processor per article costs more than rendering it).
 *
 * - Plain text: the tree is built from text nodes, so markup in an article
 *   (`<script>`, `# heading`, `[link](…)`, `onerror=`) is escaped and shows literally.
 * - Markdown (hand-written articles): remark-parse + GFM → remark-rehype (raw HTML
 *   dropped) → rehype-sanitize (no scripts, no `javascript:` links, no images or
 *   other elements that make the browser fetch something) → links to other sites
 *   unwrapped to their text → blocks left empty (an image alone) dropped → rehype-stringify.
 */
import type { ElementContent, Root as HastRoot } from 'hast';
import type { Root as MdastRoot, RootContent as MdastContent } from 'mdast';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

// Plain text goes straight to an HTML tree of text nodes: no Markdown parse, no mdast → hast step.
const textProcessor = unified().use(rehypeStringify);

/** Elements that load something from elsewhere when shown; hand-written articles may not embed them. */
const FETCHING_TAGS = new Set(['img', 'picture', 'source', 'video', 'audio', 'iframe', 'input']);

/** GitHub-style sanitising, minus everything that fetches (images) and form inputs. */
const markdownSchema = {
	...defaultSchema,
	tagNames: (defaultSchema.tagNames ?? []).filter((t) => !FETCHING_TAGS.has(t)),
	protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'] },
};

/** True for links that stay on this site: relative paths and in-page fragments. */
function isSiteRelative(href: unknown): boolean {
	return typeof href === 'string' && !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(href.trim());
}

/**
 * Replaces `<a>` elements that point at another site by their content. Article
 * text never links off the site (a pasted scraper page could otherwise carry
 * tracking or phishing links); the source is credited from front matter instead.
 */
function unwrapExternalLinks(): (tree: HastRoot) => void {
	const unwrap = (children: ElementContent[]): ElementContent[] =>
		children.flatMap((node) => {
			if (node.type !== 'element') return [node];
			node.children = unwrap(node.children);
			return node.tagName === 'a' && !isSiteRelative(node.properties.href) ? node.children : [node];
		});
	return (tree) => {
		tree.children = unwrap(tree.children as ElementContent[]) as HastRoot['children'];
	};
}

/** Blocks that mean nothing once empty. */
const DROPPED_WHEN_EMPTY = new Set(['p', 'li', 'ul', 'ol', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Removes blocks that sanitising emptied (a paragraph, list item, quote or heading
 * that held only an image or raw HTML), innermost first: an empty `<p>` is no text.
 */
function dropEmptyBlocks(): (tree: HastRoot) => void {
	const isBlank = (node: ElementContent) => node.type === 'text' && !node.value.trim();
	const prune = (children: ElementContent[]): ElementContent[] => {
		const kept = children.flatMap((node): ElementContent[] => {
			if (node.type !== 'element') return [node];
			node.children = prune(node.children);
			return node.children.every(isBlank) && DROPPED_WHEN_EMPTY.has(node.tagName) ? [] : [node];
		});
		// The line breaks that stood around a dropped block: one is enough.
		return kept.filter((node, i) => !(isBlank(node) && i > 0 && isBlank(kept[i - 1]!)));
	};
	return (tree) => {
		const children = prune(tree.children as ElementContent[]);
		while (children.length && isBlank(children.at(-1)!)) children.pop();
		tree.children = children as HastRoot['children'];
	};
}

const markdownProcessor = unified()
	.use(remarkParse)
	.use(remarkGfm)
	// Raw HTML in Markdown is dropped here (no allowDangerousHtml), then sanitising removes the rest.
	.use(remarkRehype)
	.use(rehypeSanitize, markdownSchema)
	.use(unwrapExternalLinks)
	.use(dropEmptyBlocks)
	.use(rehypeStringify);

/** Renders plain-text paragraphs as `<p>` elements; the text is escaped, never interpreted. */
export function renderParagraphs(paragraphs: readonly string[]): string {
	const children: HastRoot['children'] = [];
	paragraphs.forEach((value, i) => {
		if (i > 0) children.push({ type: 'text', value: '\n' });
		const text: ElementContent = { type: 'text', value };
		children.push({ type: 'element', tagName: 'p', properties: {}, children: [text] });
	});
	return textProcessor.stringify({ type: 'root', children });
}

/** Parses Markdown to a syntax tree with the same parser {@link renderMarkdown} uses. */
export function parseMarkdown(markdown: string): MdastRoot {
	return markdownProcessor.parse(markdown);
}

/** Renders a Markdown body to sanitised HTML. */
export function renderMarkdown(markdown: string): string {
	const tree = markdownProcessor.parse(markdown);
	return markdownProcessor.stringify(markdownProcessor.runSync(tree));
}

/** The visible text of a Markdown node (images and raw HTML contribute nothing, as when rendered). */
export function markdownNodeText(node: MdastContent | MdastRoot): string {
	if (node.type === 'html' || node.type === 'image' || node.type === 'imageReference') return '';
	if ('value' in node && typeof node.value === 'string') return node.value;
	if (node.type === 'break') return ' ';
	if ('children' in node) return (node.children as MdastContent[]).map(markdownNodeText).join('');
	return '';
}

/**
 * Plain-text paragraphs of a Markdown document, for the summary, word count,
 * duplicate detection and search: one per paragraph, heading, list item, quote
 * paragraph, code block or table row.
 */
export function markdownParagraphs(tree: MdastRoot): string[] {
	const out: string[] = [];
	const visit = (node: MdastContent): void => {
		switch (node.type) {
			case 'list':
			case 'blockquote':
			case 'listItem':
			case 'footnoteDefinition':
			case 'table':
				for (const child of node.children) visit(child as MdastContent);
				return;
			case 'tableRow':
				out.push(node.children.map((cell) => markdownNodeText(cell)).join(' | '));
				return;
			default: {
				const text = markdownNodeText(node).replace(/\s+/g, ' ').trim();
				if (text) out.push(text);
			}
		}
	};
	for (const child of tree.children) visit(child);
	return out;
}
