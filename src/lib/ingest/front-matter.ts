/**
 * YAML front matter (`---` … `---` at the top of a file): hand-written articles
 * carry their title, date, author, source and tags there. Only those fields are
 * read; anything else (`layout: ../../etc/passwd`) is ignored.
 */
import { parse as parseYaml } from 'yaml';
import { parseFrontMatterDate } from './detect-date.ts';
import { NotAnArticleError } from './errors.ts';
import type { ProblemKind } from './types.ts';

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

/** Raw front matter, as YAML gave it. */
export type FrontMatter = Record<string, unknown>;

/** The front matter fields the ingest uses, cleaned. */
export interface FrontMatterFields {
	/** Headline, or null when not given. */
	title: string | null;
	/** `YYYY-MM-DD`, or null when missing or incomplete. */
	date: string | null;
	/** Author's name. */
	author: string | null;
	/** Source site or publication. */
	source: string | null;
	/** Tags, de-duplicated, in order. */
	tags: string[];
	/** A hand-written summary (`summary` or `description`). */
	summary: string | null;
}

/**
 * Splits YAML front matter from a document (text already normalised to `\n` line ends).
 * Returns null when the document has none.
 * @throws NotAnArticleError (kind `front-matter`) when the YAML does not parse or is not a mapping.
 */
export function splitFrontMatter(text: string): { data: FrontMatter; body: string } | null {
	const m = FRONT_MATTER.exec(text);
	if (!m) return null;
	let data: unknown;
	try {
		data = parseYaml(m[1]!);
	} catch (error) {
		const reason = (error as Error).message.split('\n')[0];
		throw new NotAnArticleError(`has front matter that is not valid YAML (${reason}); fix the block between the --- lines`, 'front-matter');
	}
	if (data === null || data === undefined) data = {};
	if (typeof data !== 'object' || Array.isArray(data)) {
		throw new NotAnArticleError('has front matter that is not a list of `key: value` fields; write e.g. `title: My headline` between the --- lines', 'front-matter');
	}
	return { data: data as FrontMatter, body: text.slice(m[0].length) };
}

function asText(value: unknown): string | null {
	if (typeof value === 'string') return value.replace(/\s+/g, ' ').trim() || null;
	if (typeof value === 'number') return String(value);
	return null;
}

function asTags(value: unknown): string[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return [...new Set(list.map(asText).filter((t): t is string => t !== null))];
}

/** Reads the fields the ingest uses; an unreadable date is reported through `onWarning` and left out. */
export function readFrontMatterFields(data: FrontMatter, onWarning?: (message: string, kind: ProblemKind) => void): FrontMatterFields {
	const date = parseFrontMatterDate(data.date);
	if (data.date !== undefined && data.date !== null && date === null) {
		onWarning?.(`front matter date ${JSON.stringify(String(data.date))} is not a complete date; write it as YYYY-MM-DD. The article is shown undated`, 'front-matter');
	}
	return {
		title: asText(data.title),
		date,
		author: asText(data.author),
		source: asText(data.source),
		tags: asTags(data.tags),
		summary: asText(data.summary) ?? asText(data.description),
	};
}
