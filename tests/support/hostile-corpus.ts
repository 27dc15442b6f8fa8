/**
 * The hostile content folder: the readable cases committed in
 * `tests/site-fixtures/hostile/`, plus the awkward ones generated here (binary,
 * UTF-16, Latin-1, NUL bytes, CRLF, 5 MB, 1 MB lines, hidden files, symlinks),
 * because git would mangle or refuse them. A sibling `outside/` folder holds a
 * valid article with a canary string: no symlink may bring it into the site.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './build-site.ts';

/** Text that exists only outside the content folder; it must never appear in the site. */
export const OUTSIDE_CANARY = 'OUTSIDECANARY7f3e';
/** Text that exists only in hidden files; it must never appear in the site. */
export const HIDDEN_CANARY = 'HIDDENCANARY91b2';

/** A generated hostile corpus. */
export interface HostileCorpus {
	/** The content folder to build. */
	contentDir: string;
	/** The folder next to it that symlinks point into. */
	outsideDir: string;
	/** Deletes both. */
	remove(): void;
}

/** A deterministic byte stream (xorshift), so the "random" binary file is the same every run. */
function noise(length: number, seed = 0x2545f491): Buffer {
	const bytes = Buffer.alloc(length);
	let x = seed;
	for (let i = 0; i < length; i++) {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		bytes[i] = x & 0xff;
	}
	return bytes;
}

/** `count` distinct, readable sentences (varied words, so search indexes them as text). */
function sentences(count: number, topic: string): string {
	const words = ['harbour', 'council', 'ferry', 'budget', 'bridge', 'market', 'school', 'library', 'tram', 'river', 'station', 'festival'];
	const lines: string[] = [];
	for (let i = 0; i < count; i++) {
		lines.push(`The ${topic} report, part ${i}, mentions the ${words[i % words.length]} and the ${words[(i * 7) % words.length]} again.`);
	}
	return lines.join(' ');
}

const utf16Text = 'Zürich tram line extended to the lake\n\nThe tram line in Zürich will reach the lake shore by spring, the transport authority said on Monday.\n\nCafé owners along the route welcomed the news.\n';

/** Builds the hostile corpus in a new temporary folder. */
export function createHostileCorpus(): HostileCorpus {
	const root = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-hostile-'));
	const contentDir = path.join(root, 'content');
	const outsideDir = path.join(root, 'outside');
	cpSync(path.join(repoRoot, 'tests/site-fixtures/hostile'), contentDir, { recursive: true });
	mkdirSync(outsideDir);
	const write = (file: string, data: string | Buffer) => {
		mkdirSync(path.dirname(path.join(contentDir, file)), { recursive: true });
		writeFileSync(path.join(contentDir, file), data);
	};

	// Outside the content folder: a perfectly good article that must never be read.
	writeFileSync(
		path.join(outsideDir, 'secret-article.txt'),
		`Secret outside article ${OUTSIDE_CANARY}\n\nThis article lives outside the content folder. ${OUTSIDE_CANARY} must not be published.\n`,
	);

	// Binary: a PNG header misnamed .txt, and magic-less noise.
	write('binary-png.txt', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), noise(4096, 7)]));
	write('binary-noise.txt', noise(8192));
	write('photo.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), noise(2048, 11)]));

	// Encodings.
	// The two byte orders carry different text, so they are not folded as duplicates of each other.
	const utf16 = (order: string) => utf16Text.replaceAll('Zürich', `Zürich (${order})`);
	write('utf16le-bom.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf16('LE'), 'utf16le')]));
	write('utf16be-bom.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(utf16('BE'), 'utf16le').swap16()]));
	write(
		'latin1.txt',
		Buffer.from('Café in Münster reopens after façade repairs\n\nThe café on the Münster square reopened on Saturday; the façade had been under scaffolding since März.\n', 'latin1'),
	);
	write('nul-bytes.txt', 'Bridge\u0000 inspection finds no faults\n\nInspectors\u0000 found no structural faults in the\u0000 old bridge, the council said.\u0000\n');
	write('control-chars.txt', 'Tram\u001b[31m timetable\u000c changes\u000b announced\u0007\n\nThe\u001b[0m new timetable starts\u0007 on Monday, the\u0008 operator said.\n');
	write('crlf.txt', 'Night buses return to the city centre\r\n\r\nNight buses will run again from Friday, the operator said.\r\n\r\nThe service stopped in March because of staff shortages.\r\n');

	// Size: a 5 MB article, a 1 MB file that is one single line, and a headline with a 1 MB paragraph.
	const fiveMb = `Five megabyte report on the harbour\n\n${Array.from({ length: 100 }, (_, i) => sentences(520, `harbour ${i}`)).join('\n\n')}\n`;
	write('huge-5mb.txt', fiveMb);
	write('single-line-1mb.txt', sentences(11_000, 'single line').slice(0, 1024 * 1024));
	write('long-line-1mb.txt', `One megabyte paragraph on the river\n\n${sentences(11_000, 'long line').slice(0, 1024 * 1024)}\n`);

	// Names: nested folders, upper-case extension, markup in the file name, no extension.
	write('2024/05/nested-article.txt', 'Nested folders hold articles too\n\nArticles may live in sub-folders of the content folder, sorted by date.\n');
	write('UPPER-CASE.TXT', 'Upper case file extension still reads\n\nA file called UPPER-CASE.TXT is an article like any other.\n');
	write('name-<b onmouseover=alert(16)>markup.txt', 'Markup in a file name stays out of pages\n\nThe file name of this article holds markup; pages never show it.\n');
	write('README', 'A file without an extension\n\nThis is not an article file because it has no article extension.\n');

	// Hidden files and folders.
	write('.hidden-article.txt', `Hidden article ${HIDDEN_CANARY}\n\nThis hidden file must not become a page. ${HIDDEN_CANARY}\n`);
	write('.DS_Store', Buffer.concat([Buffer.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]), noise(512, 3)]));
	write('.drafts/draft.txt', `Draft in a hidden folder ${HIDDEN_CANARY}\n\nDrafts in hidden folders must not become pages. ${HIDDEN_CANARY}\n`);

	// Symbolic links: out of the folder (relative, absolute, to a folder, to /etc/passwd), broken, a loop, and one inside.
	const link = (target: string, name: string) => symlinkSync(target, path.join(contentDir, name));
	link('../outside/secret-article.txt', 'leak-relative.txt');
	link(path.join(outsideDir, 'secret-article.txt'), 'leak-absolute.txt');
	link('../outside', 'leak-folder');
	link('/etc/passwd', 'passwd.txt');
	link('does-not-exist.txt', 'broken-link.txt');
	link('.', 'loop');
	link('duplicate-title-a.txt', 'inside-link.txt');

	return { contentDir, outsideDir, remove: () => rmSync(root, { recursive: true, force: true }) };
}
