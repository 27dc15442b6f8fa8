/**
 * Article text → ParsedArticle. Pure: no file system, no Astro.
 *
 * Plain and scraped text share one path: lines are classified (text, blank,
 * site furniture), the headline is taken once, the source's related-headline
 * block is cut from the end, and the rest is joined into paragraphs.
 * Markdown with front matter is handled by `parse-markdown.ts`, which calls back
 * into the helpers here for metadata.
 */
import { type BoilerplatePattern, defaultBoilerplate, matchBoilerplate } from './boilerplate.ts';
import { isDateOnlyLine, parseFullDate } from './detect-date.ts';
import { detectDateline } from './detect-dateline.ts';
import { NotAnArticleError } from './errors.ts';
import { type FrontMatterFields, readFrontMatterFields, splitFrontMatter } from './front-matter.ts';
import { countWords, estimateReadingMinutes, normalizeForCompare, normalizeText, summarize, tidyLine } from './normalize-text.ts';
import { detectWrapWidth, splitBlock } from './split-paragraphs.ts';
import type { ParsedArticle, ProblemKind } from './types.ts';

/** Re-exported so callers of the parser can catch its one documented error without a second import. */
export { NotAnArticleError } from './errors.ts';

/** Options for {@link parseArticle}. */
export interface ParseOptions {
	/** Boilerplate patterns; defaults to the built-in list (see `compileBoilerplate` to add your own). */
	boilerplate?: readonly BoilerplatePattern[];
	/** Reading speed used for `readingMinutes`; 230 words a minute by default. */
	wordsPerMinute?: number;
	/** Receives caveats about an article that still gets a page (e.g. an unreadable front-matter date). */
	onWarning?: (message: string, kind: ProblemKind) => void;
}

/** One classified input line. */
interface Line {
	text: string;
	/** `header`: a related-news header; `furniture`: other site furniture (both are dropped). */
	kind: 'text' | 'blank' | 'furniture' | 'header';
}

// A full stop, comma or colon ends a sentence or a list item; an ellipsis ("Rivals of the £400 Apple...") may end a headline.
const HEADLINE_END_PUNCTUATION = /(?<!\.\.)[.,;:]["'”’)\]]*$/u;
// "was delighted to…" continues a sentence; "iTunes now…" is a headline: only all-lowercase first words count.
const STARTS_LOWERCASE_WORD = /^\p{Ll}+(?![\p{L}\p{N}]*\p{Lu})/u;
// Credit and caption lines end without a full stop but are body, not headlines.
const CREDIT_LINE = /^(?:(?:by|reporting by|additional reporting|writing by|editing by|compiled by|source|sources|via|photo|image)\b|\(|[-–—•*])/iu;
const BYLINE = /^(?:by|By|BY)\s+(?<author>\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|de|van|von|da|bin|al|and))*?)(?:\s*[,|–—-]\s*.{0,60})?$/u;

// A sign-off closes an article's text: "Reuter", "(AP)", "AFP", "— Staff", "-- Staff Reporter",
// "(Reporting by …; Editing by …)". Agencies are recognised by shape (a short all-capitals
// name) or by a few mixed-case wire names; a signature by its leading dash and capitalised words.
// Case-sensitive on purpose: "AP" is an agency, "Ap" and "ap" are not.
const AGENCY = "(?:\\p{Lu}{2,6}|Reuters?|REUTERS?|Bloomberg|Xinhua|Kyodo|Yonhap|Interfax|Bernama|Antara|Anadolu|dpa|Agencies|Staff|Associated Press|Agence France[- ]Presse|Press Association|PA Media)";
const SIGN_OFF = new RegExp(
	[
		`^\\(?${AGENCY}(?:\\s*(?:[/,&]|and)\\s*${AGENCY})*\\)?\\.?$`,
		"^(?:--|[-–—])\\s*\\p{Lu}[\\p{L}.'’-]*(?:,?\\s+(?:\\p{Lu}[\\p{L}.'’-]*|and|of|the|for))*\\.?$",
	].join('|'),
	'u',
);
const CONTRIBUTORS_LINE = /^\((?:[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled|[Aa]dditional reporting|[Ww]ith reporting) by\b.{0,200}\)\.?$/u;
/** At most this many words make a sign-off line (a contributors line may be longer). */
const MAX_SIGN_OFF_WORDS = 8;

/** True for a line that closes an article's text, such as a wire agency's or a staff writer's sign-off. */
export function isSignOff(line: string): boolean {
	if (line.length > 240) return false;
	return CONTRIBUTORS_LINE.test(line) || (countWords(line) <= MAX_SIGN_OFF_WORDS && SIGN_OFF.test(line));
}

/** True when most cased letters are capitals: the ALL-CAPS headline style of wire services. */
function isMostlyUpperCase(text: string): boolean {
	let upper = 0;
	let lower = 0;
	for (const ch of text) {
		if (ch !== ch.toLowerCase()) upper++;
		else if (ch !== ch.toUpperCase()) lower++;
	}
	return upper >= 4 && upper >= (upper + lower) * 0.8;
}

/** A first line longer than this (characters) is not plausibly a headline; used to explain title-only files. */
const MAX_TITLE_LENGTH = 300;

/** Related headlines longer than this (words) are more likely body text. */
const MAX_HEADLINE_WORDS = 18;

/**
 * A line that could be a related headline: short, starts with a capital (or digit or
 * quote), and does not end like a sentence or a list item.
 */
export function looksLikeHeadline(line: string): boolean {
	if (line.length > 200 || STARTS_LOWERCASE_WORD.test(line) || HEADLINE_END_PUNCTUATION.test(line) || CREDIT_LINE.test(line)) return false;
	const words = countWords(line);
	return words > 0 && words <= MAX_HEADLINE_WORDS;
}

function classify(raw: string, patterns: readonly BoilerplatePattern[], meta: { source: string | null; date: string | null; inlineRelated: string[] }): Line {
	const text = tidyLine(raw);
	if (!text) return { text, kind: 'blank' };
	const match = matchBoilerplate(text, patterns);
	if (!match) return { text, kind: 'text' };
	if (match.source && !meta.source) meta.source = match.source;
	if (match.headline) meta.inlineRelated.push(match.headline);
	// A dropped "Updated: 3 March 2024" stamp still tells us the date.
	if (!meta.date && /\d{4}/.test(text)) meta.date = parseFullDate(text);
	return { text, kind: match.kind === 'related-header' ? 'header' : 'furniture' };
}

/**
 * Finds the source's related-headline block at the end of `body`.
 * The block is a run of single-line, headline-like blocks next to a marker: a
 * related-news header before or after it, or (weaker evidence, so at least two
 * headlines are needed, or one between a sign-off and the furniture) other site
 * furniture after it. The run never reaches into the article's text: it stops at a
 * sign-off ("Reuter", "(AP)", "— Staff"), which closes the text, and at a line
 * opening with a dateline, which opens it; under an ALL-CAPS headline, related
 * headlines are in capitals too, so a mixed-case line is body.
 * Returns the index where the block starts (body ends), the headlines, and whether
 * the run stopped only at a short dateline line (a wire brief's first figure line:
 * then nothing tells its other short lines from related headlines).
 */
function findRelatedBlock(body: readonly Line[], title: string): { start: number; headlines: string[]; doubtful?: boolean } {
	let i = body.length - 1;
	let tailStrong = false;
	let tailWeak = false;
	while (i >= 0 && body[i]!.kind !== 'text') {
		if (body[i]!.kind === 'header') tailStrong = true;
		if (body[i]!.kind === 'furniture') tailWeak = true;
		i--;
	}
	const capitals = isMostlyUpperCase(title);
	const headlines: string[] = [];
	let start = i + 1;
	let headStrong = false;
	let signedOff = false;
	let doubtful = false;
	while (i >= 0) {
		const line = body[i]!;
		if (line.kind === 'blank' || line.kind === 'furniture') {
			i--;
			continue;
		}
		if (line.kind === 'header') {
			headStrong = true;
			break;
		}
		if (isSignOff(line.text)) {
			signedOff = true;
			break;
		}
		// A headline stands alone: no text line directly above or below it.
		const alone = body[i - 1]?.kind !== 'text' && body[i + 1]?.kind !== 'text';
		if (!alone || !looksLikeHeadline(line.text) || (capitals && !isMostlyUpperCase(line.text))) break;
		if (detectDateline(line.text)) {
			doubtful = true;
			break;
		}
		headlines.unshift(line.text);
		start = i;
		i--;
	}
	const accepted = headlines.length > 0 && (tailStrong || headStrong || (tailWeak && (headlines.length >= 2 || signedOff)));
	if (accepted) return { start, headlines, doubtful };
	return findListAfterHeader(body) ?? { start: body.length, headlines: [] };
}

/**
 * The other common layout: a related-news header followed by headlines on
 * consecutive lines ("Related stories:\nA\nB"), up to the end of the text. The
 * header is explicit, so the headlines need not stand alone.
 */
function findListAfterHeader(body: readonly Line[]): { start: number; headlines: string[] } | undefined {
	let header = -1;
	for (let i = body.length - 1; i >= 0; i--) {
		if (body[i]!.kind === 'header') {
			header = i;
			break;
		}
	}
	if (header < 0) return undefined;
	const headlines: string[] = [];
	for (let i = header + 1; i < body.length; i++) {
		const line = body[i]!;
		if (line.kind !== 'text') continue;
		if (!looksLikeHeadline(line.text)) return undefined;
		headlines.push(line.text);
	}
	return headlines.length ? { start: header, headlines } : undefined;
}

/** At most this many headlines follow a mid-body "Also read" header. */
const MAX_MID_BODY_LINKS = 3;

/**
 * "Also read:" on its own line in the middle of an article, followed by one to three
 * standalone headline-like lines and then more article text: the headlines are
 * links to other stories. They are marked as furniture (so they leave the body) and
 * returned. Only looks before `end` (the trailing related block).
 */
function takeMidBodyLinks(body: Line[], end: number): string[] {
	const taken: string[] = [];
	for (let h = 0; h < end; h++) {
		if (body[h]!.kind !== 'header') continue;
		const links: number[] = [];
		let k = h + 1;
		for (; k < end; k++) {
			const line = body[k]!;
			if (line.kind !== 'text') continue;
			const alone = body[k - 1]?.kind !== 'text' && body[k + 1]?.kind !== 'text';
			if (links.length >= MAX_MID_BODY_LINKS || !alone || !looksLikeHeadline(line.text)) break;
			links.push(k);
		}
		// Text must follow, or these lines are the article's own last lines.
		if (!links.length || k >= end) continue;
		for (const i of links) {
			taken.push(body[i]!.text);
			body[i]!.kind = 'furniture';
		}
	}
	return taken;
}

/**
 * Front matter at the top of a plain-text file. Unlike Markdown files, where broken
 * front matter is an error, a `.txt` file may just start with a line of dashes, so
 * anything that is not a valid YAML mapping is left as text.
 */
function readTextFrontMatter(text: string, options: ParseOptions): { fields: FrontMatterFields; body: string } | null {
	if (!text.startsWith('---')) return null;
	try {
		const split = splitFrontMatter(text);
		if (!split || !Object.keys(split.data).length) return null;
		return { fields: readFrontMatterFields(split.data, options.onWarning), body: split.body };
	} catch {
		return null;
	}
}

/**
 * Parses one article's text: the title once, body paragraphs, the source's related
 * headlines, and metadata (dateline, date, source, author, summary, counts), with
 * site boilerplate removed.
 * @throws NotAnArticleError when no title or no body remains (the message says which).
 */
export function parseArticle(text: string, options: ParseOptions = {}): ParsedArticle {
	const patterns = options.boilerplate ?? defaultBoilerplate;
	const meta = { source: null as string | null, date: null as string | null, author: null as string | null, inlineRelated: [] as string[] };
	const normalized = normalizeText(text);
	const front = readTextFrontMatter(normalized, options);
	const lines = (front ? front.body : normalized)
		.split('\n')
		.map((raw) => classify(raw, patterns, meta));
	if (front) {
		meta.date = front.fields.date ?? meta.date;
		meta.author = front.fields.author;
		meta.source = front.fields.source ?? meta.source;
	}

	// Title: from front matter, else the first text line that is not a date stamp.
	let i = front?.fields.title ? -1 : 0;
	for (; i >= 0 && i < lines.length; i++) {
		const line = lines[i]!;
		if (line.kind !== 'text') continue;
		if (isDateOnlyLine(line.text)) {
			meta.date ??= parseFullDate(line.text);
			line.kind = 'furniture';
			continue;
		}
		break;
	}
	if (i >= lines.length) {
		if (front) throw new NotAnArticleError('has front matter but no article text; add the text below the --- lines or remove the file', 'title-only');
		if (lines.some((l) => l.kind !== 'blank')) {
			throw new NotAnArticleError('holds only site boilerplate (share buttons, related-news headers and the like), no headline or text; remove it or add the article text', 'boilerplate-only');
		}
		const message = text.length === 0 ? 'is empty; add the article text (headline on the first line) or remove the file' : 'holds only whitespace; add the article text (headline on the first line) or remove the file';
		throw new NotAnArticleError(message, 'empty');
	}
	const title = i < 0 ? front!.fields.title! : lines[i]!.text;
	const titleKey = normalizeForCompare(title);

	// The head after the title: scraped pages repeat the headline, and may carry a
	// date stamp or a byline before the first paragraph.
	let bodyStart = i + 1;
	// Head lines dropped other than a verbatim repeat of the headline: they come back
	// when nothing else is left ("Bus strike ends" over the one-sentence text "Bus strike ends.").
	const droppedHead: Line[] = [];
	for (; bodyStart < lines.length; bodyStart++) {
		const line = lines[bodyStart]!;
		if (line.kind !== 'text') continue;
		// Length check first: normalising every long first paragraph just to compare it with the title is wasted work.
		if (line.text.length <= title.length * 2 + 16 && normalizeForCompare(line.text) === titleKey) {
			line.kind = 'furniture';
			if (line.text !== title) droppedHead.push(line);
			continue;
		}
		if (isDateOnlyLine(line.text)) {
			meta.date ??= parseFullDate(line.text);
			line.kind = 'furniture';
			droppedHead.push(line);
			continue;
		}
		const byline = line.text.length <= 80 && !meta.author ? BYLINE.exec(line.text) : null;
		if (byline?.groups?.author) {
			meta.author = byline.groups.author;
			line.kind = 'furniture';
			droppedHead.push(line);
			continue;
		}
		break;
	}
	if (droppedHead.length && !lines.slice(bodyStart).some((l) => l.kind === 'text')) {
		for (const line of droppedHead) line.kind = 'text';
		bodyStart = i + 1;
	}

	const body = lines.slice(bodyStart);
	let related = findRelatedBlock(body, title);
	// A real article is never dropped: when the related cut would leave no text, or only
	// a brief's dateline line, the lines are body (a short wire brief's figures look like
	// headlines). The corpus step may still move the later ones to the related list when
	// they name other articles.
	const keptLines = related.headlines.length > 0 && (related.doubtful || !body.slice(0, related.start).some((l) => l.kind === 'text')) ? related.headlines.length : 0;
	if (keptLines) related = { start: body.length, headlines: [] };
	meta.inlineRelated.push(...takeMidBodyLinks(body, related.start));

	// Blocks: runs of text lines; blank lines and furniture end a block.
	const blocks: string[][] = [];
	let current: string[] = [];
	for (let j = 0; j < related.start; j++) {
		const line = body[j]!;
		if (line.kind === 'text') current.push(line.text);
		else if (current.length) {
			blocks.push(current);
			current = [];
		}
	}
	if (current.length) blocks.push(current);

	const wrap = detectWrapWidth(blocks);
	const paragraphs = blocks.flatMap((block) => splitBlock(block, wrap));
	if (!paragraphs.length) {
		throw new NotAnArticleError(
			meta.inlineRelated.length
				? 'has a headline and related-news links but no article text; add the body or remove the file'
				: title.length > MAX_TITLE_LENGTH
					? `is a single line of ${title.length.toLocaleString('en')} characters: too long for a headline, and there is no body. Put the headline on its own first line, then a blank line, then the text`
					: 'has only a headline, no article text; add the body or remove the file',
			'title-only',
		);
	}

	let dateline: string | null = null;
	const found = detectDateline(paragraphs[0]!);
	if (found) {
		dateline = found.dateline;
		paragraphs[0] = found.rest;
		meta.date ??= parseFullDate(found.dateline);
	}

	const wordCount = paragraphs.reduce((n, p) => n + countWords(p), 0);
	return {
		title,
		date: meta.date,
		author: meta.author,
		source: meta.source,
		dateline,
		summary: front?.fields.summary ?? summarize(paragraphs),
		paragraphs,
		wordCount,
		readingMinutes: estimateReadingMinutes(wordCount, options.wordsPerMinute),
		tags: front?.fields.tags ?? [],
		sourceRelated: [...meta.inlineRelated, ...related.headlines],
		format: 'text',
		trailingRelated: related.headlines.length,
		...(keptLines ? { uncertainTail: Math.min(keptLines, paragraphs.length) } : {}),
	};
}
