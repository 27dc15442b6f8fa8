/**
 * Paragraphs → HTML through unified. The tree is built from text nodes, so any
 * markup in an article (`<script>`, `# heading`, `[link](…)`) is escaped and shows literally.
 */
import type { Root as MdastRoot } from 'mdast';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const processor = unified().use(remarkRehype).use(rehypeStringify);

/** Renders plain-text paragraphs as `<p>` elements. */
export function renderParagraphs(paragraphs: readonly string[]): string {
	const tree: MdastRoot = {
		type: 'root',
		children: paragraphs.map((value) => ({ type: 'paragraph', children: [{ type: 'text', value }] })),
	};
	return processor.stringify(processor.runSync(tree));
}
