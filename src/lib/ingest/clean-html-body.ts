/**
 * An imported article body (Readability's output, a feed item's HTML) → a clean,
 * sanitised body: paragraphs, subheadings, lists, block quotes, preformatted text and
 * simple tables, each with no attributes at all. Everything else is unwrapped to its
 * text or dropped: links of every kind (they point at the source site, never here),
 * images, media, iframes, scripts, styles, forms, captions, and furniture lines
 * ("Advertisement", "Read more", share prompts). The result then goes through
 * rehype-sanitize as well, so a gap here cannot let anything through.
 */
import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import rehypeParse from 'rehype-parse';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';

/** Dropped with their content: they never hold article text a reader should see. */
const DROP = new Set([
	'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'img', 'picture', 'source',
	'video', 'audio', 'track', 'canvas', 'svg', 'math', 'map', 'area', 'form', 'input', 'button', 'select', 'textarea', 'option', 'label',
	'figure', 'figcaption', 'nav', 'aside', 'footer', 'dialog', 'menu', 'head', 'title', 'meta', 'link', 'base', 'param', 'slot',
]);
/** Block elements kept as blocks (attributes removed). */
const BLOCKS = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'blockquote', 'pre', 'table', 'dl']);
/** Headings above h2 become h2: the page's h1 is its headline, shown by the site. */
const HEADING_MAP: Record<string, string> = { h1: 'h2' };
/** Inline elements kept (attributes removed); every other inline element is unwrapped to its content. */
const INLINE = new Set(['em', 'strong', 'b', 'i', 'code', 'sub', 'sup', 'br', 'q', 'abbr', 'cite', 'mark', 's', 'del', 'ins', 'small']);
/** Children kept inside structured blocks. */
const STRUCTURE: Record<string, Set<string>> = {
	ul: new Set(['li']),
	ol: new Set(['li']),
	dl: new Set(['dt', 'dd']),
	table: new Set(['thead', 'tbody', 'tfoot', 'tr']),
	thead: new Set(['tr']),
	tbody: new Set(['tr']),
	tfoot: new Set(['tr']),
	tr: new Set(['th', 'td']),
};

/**
 * Short whole-block texts that are page furniture on news sites, in any layout.
 * Matched against a block's whole text (case-insensitive), never inside sentences.
 */
const FURNITURE = [
	/^advertisement$/,
	/^(?:story )?continues? (?:below|after (?:the )?advert(?:isement)?)\.?$/,
	/^(?:read|see|show|load) (?:more|next|full story)\b.{0,60}$/,
	/^(?:related|more on this|more from|recommended|most (?:read|popular)|trending)(?: (?:stories|articles|coverage|content|now))?:?$/,
	/^(?:share|share this|share on \w+|tweet|email|print|copy link|save|comments?)(?: (?:article|story|this))?$/,
	/^(?:follow|like) us on\b.{0,40}$/,
	/^(?:sign up|subscribe)\b.{0,80}(?:newsletter|inbox|updates|email)\b.{0,40}$/,
	/^(?:image|photo|video|media) (?:copyright|caption|source|credit)\b.{0,120}$/,
	/^(?:getty images|afp|reuters|ap photo|shutterstock)(?: via getty images)?$/,
	/^(?:click|tap) here\b.{0,80}$/,
	/^(?:skip to (?:main )?content|back to top|jump to comments)$/,
	/^(?:this (?:video|content|embed) (?:is not available|can ?not be (?:played|displayed))\b.{0,60})$/,
];

/** Words that make up a time stamp line ("Updated 22 Dec, 2016 10:43 am GMT"). */
const DATE_WORDS = /\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|am|pm|gmt|utc|[a-z]{2,4}t|updated|published|posted|last|modified|on|at)\b\.?/g;

/** True when a block is only a date or time stamp: page furniture, never a paragraph of news. */
function isTimeStamp(text: string): boolean {
	// A month name or a clock time must be there: a bare number ("87", a score) is content.
	const dated = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}/.test(text);
	return dated && text.length <= 80 && /\d/.test(text) && text.replace(DATE_WORDS, '').replace(/[\d\s.,:/|–-]+/g, '') === '';
}

/**
 * True when a block's whole text is a known kind of furniture. `stamps`: also a bare
 * date or time stamp (for body paragraphs; in a table cell or list item a date is data).
 */
export function isFurnitureText(text: string, stamps = false): boolean {
	const t = text.trim().toLowerCase();
	return t.length > 0 && t.length <= 160 && (FURNITURE.some((re) => re.test(t)) || (stamps && isTimeStamp(t)));
}

const parser = unified().use(rehypeParse, { fragment: true });
const finisher = unified()
	.use(rehypeSanitize, {
		tagNames: [...BLOCKS, 'li', 'dt', 'dd', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', ...INLINE],
		attributes: {},
		protocols: {},
		strip: ['script', 'style'],
	})
	.use(rehypeStringify);

function textOf(node: ElementContent | Root): string {
	if (node.type === 'text') return node.value;
	if (node.type === 'element' && node.tagName === 'br') return ' ';
	if (node.type === 'element' || node.type === 'root') return (node.children as ElementContent[]).map(textOf).join('');
	return '';
}

function squash(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

function element(tagName: string, children: ElementContent[]): Element {
	return { type: 'element', tagName, properties: {}, children };
}

/** Inline content with only allowed inline elements; everything else unwrapped, dropped elements removed. */
function cleanInline(nodes: readonly RootContent[]): ElementContent[] {
	const out: ElementContent[] = [];
	for (const node of nodes) {
		if (node.type === 'text') out.push({ type: 'text', value: node.value });
		else if (node.type === 'element') {
			const tag = node.tagName.toLowerCase();
			if (DROP.has(tag)) continue;
			const children = cleanInline(node.children);
			if (INLINE.has(tag)) out.push(element(tag, tag === 'br' ? [] : children));
			else out.push(...children);
		}
	}
	return out;
}

/** True when inline content holds visible text. */
function hasText(nodes: readonly ElementContent[]): boolean {
	return nodes.some((n) => squash(textOf(n)) !== '');
}

/** Trims leading and trailing whitespace and `<br>`s of a block's inline content. */
function trimInline(nodes: ElementContent[]): ElementContent[] {
	const isBlank = (n: ElementContent | undefined) => !!n && ((n.type === 'text' && !n.value.trim()) || (n.type === 'element' && n.tagName === 'br'));
	while (isBlank(nodes[0])) nodes.shift();
	while (isBlank(nodes[nodes.length - 1])) nodes.pop();
	const first = nodes[0];
	if (first?.type === 'text') first.value = first.value.replace(/^\s+/, '');
	const last = nodes[nodes.length - 1];
	if (last?.type === 'text') last.value = last.value.replace(/\s+$/, '');
	return nodes;
}

/**
 * Flattens a container's children into blocks: block elements are cleaned and kept,
 * containers (div, section, article …) are opened, and runs of loose inline content
 * become paragraphs.
 */
function cleanBlocks(nodes: readonly RootContent[], inside = false): Element[] {
	const blocks: Element[] = [];
	let run: RootContent[] = [];
	const flush = () => {
		const inline = trimInline(cleanInline(run));
		run = [];
		if (hasText(inline) && !isFurnitureText(textOf(element('p', inline)), !inside)) blocks.push(element('p', inline));
	};
	for (const node of nodes) {
		if (node.type !== 'element') {
			if (node.type === 'text') run.push(node);
			continue;
		}
		const tag = node.tagName.toLowerCase();
		if (DROP.has(tag)) continue;
		if (INLINE.has(tag) || isInlineWrapper(tag)) {
			run.push(node);
			continue;
		}
		flush();
		const block = cleanBlock(HEADING_MAP[tag] ?? tag, node, inside);
		if (block) blocks.push(...block);
	}
	flush();
	return blocks;
}

/** Inline elements that are unwrapped inside a run of text (links, spans, fonts …). */
function isInlineWrapper(tag: string): boolean {
	return ['a', 'span', 'font', 'u', 'time', 'tt', 'big', 'bdi', 'bdo', 'data', 'var', 'kbd', 'samp', 'dfn', 'wbr', 'nobr', 'label'].includes(tag);
}

function cleanBlock(tag: string, node: Element, inside = false): Element[] | null {
	if (tag === 'p' || /^h[2-6]$/.test(tag)) {
		const inline = trimInline(cleanInline(node.children));
		if (!hasText(inline) || isFurnitureText(textOf(element(tag, inline)), !inside)) return null;
		return [element(tag, inline)];
	}
	if (tag === 'pre') {
		const text = textOf(node);
		return text.trim() ? [element('pre', [{ type: 'text', value: text.replace(/^\n+|\s+$/g, '') }])] : null;
	}
	if (tag === 'blockquote') {
		const inner = cleanBlocks(node.children, true);
		return inner.length ? [element('blockquote', inner)] : null;
	}
	if (tag === 'li' || tag === 'dd' || tag === 'dt' || tag === 'td' || tag === 'th') {
		// Cells and items keep inline content; nested blocks are flattened into it.
		const inner = cleanBlocks(node.children, true);
		const hasStructure = inner.some((b) => b.tagName !== 'p');
		const children: ElementContent[] = hasStructure || inner.length > 1 ? inner : (inner[0]?.children ?? []);
		return hasText(children) || tag === 'td' || tag === 'th' ? [element(tag, children)] : null;
	}
	const allowed = STRUCTURE[tag];
	if (allowed) {
		const children: Element[] = [];
		// Wrappers between a list and its items (a div around each li) are opened; stray blocks are left out.
		const collect = (nodes: readonly ElementContent[]): void => {
			for (const child of nodes) {
				if (child.type !== 'element') continue;
				const childTag = child.tagName.toLowerCase();
				if (allowed.has(childTag)) children.push(...(cleanBlock(childTag, child) ?? []));
				else if (!DROP.has(childTag) && !BLOCKS.has(childTag) && childTag !== 'caption') collect(child.children);
			}
		};
		collect(node.children);
		const rows = children.filter((c) => hasText([c]));
		if (!rows.length) return null;
		if (tag === 'ul' || tag === 'ol') {
			// A list whose items are all furniture ("Share", "Tweet", "Email") is a share bar.
			if (rows.every((li) => isFurnitureText(textOf(li)))) return null;
		}
		return [element(tag, children)];
	}
	// Any other element (div, section, article, main, header, center …) is a container.
	return cleanBlocks(node.children, inside);
}

/** One plain-text entry per paragraph, heading, list item, quote paragraph, preformatted block or table row. */
function blockTexts(blocks: readonly Element[]): string[] {
	const out: string[] = [];
	const visit = (node: Element): void => {
		if (node.tagName === 'ul' || node.tagName === 'ol' || node.tagName === 'blockquote' || node.tagName === 'dl' || STRUCTURE[node.tagName]) {
			if (node.tagName === 'tr') {
				const row = node.children.map((c) => squash(textOf(c))).filter(Boolean).join(' | ');
				if (row) out.push(row);
				return;
			}
			for (const child of node.children) if (child.type === 'element') visit(child);
			return;
		}
		if ((node.tagName === 'li' || node.tagName === 'dd' || node.tagName === 'dt') && node.children.some((c) => c.type === 'element' && (BLOCKS.has(c.tagName) || c.tagName === 'li'))) {
			for (const child of node.children) if (child.type === 'element') visit(child);
			return;
		}
		const text = squash(textOf(node));
		if (text) out.push(text);
	};
	for (const block of blocks) visit(block);
	return out;
}

/** A cleaned body: sanitised HTML and its plain-text paragraphs (for summaries, word counts, duplicates and search). */
export interface CleanBody {
	/** Sanitised HTML: only text-structure elements, no attributes, no links, nothing that fetches. */
	html: string;
	/** Plain text of each block, in order. */
	paragraphs: string[];
}

/** Options for {@link cleanHtmlBody}. */
export interface CleanOptions {
	/** Block texts to drop wherever they appear (the headline, the byline line). */
	dropTexts?: readonly string[];
}

/** Cleans an HTML fragment to a sanitised article body. */
export function cleanHtmlBody(fragment: string, options: CleanOptions = {}): CleanBody {
	const tree = parser.parse(fragment) as Root;
	const drop = new Set((options.dropTexts ?? []).map((t) => squash(t).toLowerCase()).filter(Boolean));
	let blocks = cleanBlocks(tree.children);
	if (drop.size) blocks = blocks.filter((b) => !drop.has(squash(textOf(b)).toLowerCase()));
	const root: Root = { type: 'root', children: [] };
	blocks.forEach((block, i) => {
		if (i > 0) root.children.push({ type: 'text', value: '\n' } satisfies Text);
		root.children.push(block);
	});
	const html = finisher.stringify(finisher.runSync(root) as Root);
	return { html, paragraphs: blockTexts(blocks) };
}

/** Plain-text paragraphs → a cleaned body (for JSON-LD `articleBody` and plain-text feed items). */
export function cleanTextBody(text: string): CleanBody {
	const paragraphs = text
		.split(/\n\s*\n|\r?\n/)
		.map(squash)
		.filter((p) => p && !isFurnitureText(p));
	const root: Root = { type: 'root', children: [] };
	paragraphs.forEach((p, i) => {
		if (i > 0) root.children.push({ type: 'text', value: '\n' });
		root.children.push(element('p', [{ type: 'text', value: p }]));
	});
	return { html: finisher.stringify(root), paragraphs };
}
