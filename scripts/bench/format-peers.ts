/**
 * The side-by-side table: Broadsheet's cold build beside the peers' (Eleventy 3 + Pagefind, Hugo +
 * Pagefind) on the same files in the same run, and how each size's corpus was made.
 */
import type { BenchRound, BuildFigure } from './format-results.ts';
import { count as n, cpuPerWall, gb, load, sec } from './format-units.ts';
import type { DistFigures } from './measure-dist.ts';
import type { ReplicaSummary } from './replicate-corpus.ts';
import type { PeerComparison, PeerFigure } from './run-peers.ts';

/** What the side-by-side table needs of one size's Broadsheet results. */
export interface SideBySideRow {
	articles: number;
	corpus?: ReplicaSummary;
	cold: Pick<BuildFigure, 'wallMs' | 'cpuMs' | 'peakRssBytes' | 'loadAverage' | 'ingest' | 'backgroundCpuMs' | 'contended' | 'tried'>;
	dist: DistFigures;
	peers?: PeerComparison | null;
	rounds?: BenchRound[];
}

/** Broadsheet / `peer` in each round, and their median; null without rounds. */
export function roundRatios(rounds: readonly BenchRound[] | undefined, peer: string): { ratios: number[]; median: number } | null {
	const ratios = (rounds ?? []).flatMap((r) => r.peers.filter((p) => p.peer === peer).map((p) => r.broadsheetWallMs / p.wallMs));
	if (ratios.length < 2) return null;
	const sorted = [...ratios].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return { ratios, median: sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2 };
}


/** "10,000: 1,982 real (1,000 dev + 982 ecbplus) + 8,018 replicated copies" without the count. */
export function describeCorpus(corpus: ReplicaSummary | undefined): string {
	if (!corpus) return 'source not recorded';
	const bySource = corpus.sources.length > 1 ? ` (${corpus.sources.map((s) => `${n(s.distinct)} ${s.prefix}`).join(' + ')})` : ` (${corpus.sources[0]?.prefix ?? 'source'})`;
	const copies = corpus.copies ? ` + ${n(corpus.copies)} replicated copies` : ', no copies';
	return `${n(corpus.distinct)} real${bySource}${copies}`;
}

/** Folder names of the site's sections, as the table names them. */
const SECTION_NAMES: Record<string, string> = { '/': 'home and other root pages', organizations: 'organisations' };

/** "9,905 articles, 352 topics, …" in the order of size; null without the figures. */
export function describePages(dist: DistFigures): string | null {
	if (!dist.pagesBySection) return null;
	return Object.entries(dist.pagesBySection)
		.sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
		.map(([section, count]) => `${n(count)} ${SECTION_NAMES[section] ?? section}`)
		.join(', ');
}

/** Did both tools build the same articles? Says how the input files became pages on each side. */
export function describeSameInput(row: SideBySideRow, peer: PeerFigure): string {
	const ingest = row.cold.ingest;
	const mine = ingest
		? `Broadsheet ${n(ingest.articles)} article pages + ${n(ingest.duplicatesFolded)} duplicates folded into them = ${n(ingest.articles + ingest.duplicatesFolded)}${ingest.errors ? `, ${n(ingest.errors)} files named as problems` : ''}`
		: `Broadsheet ${n(row.dist.pagesBySection?.articles ?? 0)} article pages`;
	const accounted = ingest ? ingest.articles + ingest.duplicatesFolded + ingest.errors : null;
	const same = accounted === peer.articles && peer.articlePages === peer.articles ? 'same input' : '**input differs: compare with care**';
	return `${same}: ${n(peer.articles)} files; ${peer.name} ${n(peer.articlePages)} article pages (its checks: ${peer.checksOk ? 'ok' : `failed${peer.failedChecks.length ? ` (${peer.failedChecks.join(', ')})` : ''}`}); ${mine}`;
}

/** Renders the side-by-side table of every size that has a peer run; '' when none has. */
export function formatSideBySide(rows: readonly SideBySideRow[]): string {
	const compared = rows.filter((r) => r.peers?.figures.length);
	if (!compared.length) return '';
	const lines: string[] = [];
	lines.push(
		'Side by side, cold, the same files in the same run. Broadsheet: the whole build (ingest → corpus steps → pages → search index). A peer: its build, then `pagefind --site` on the output (wall and CPU are the sum of both; peak is the larger). ' +
			'Peak RSS: Broadsheet sums every process of the build (sampled every 0.5 s); a peer step reports its largest process (`/usr/bin/time`). Load: 1-minute load average before → after (2 cores).',
		'',
	);
	lines.push('| articles | corpus | tool | pages written | article pages | wall | CPU | CPU / wall | peak RSS | Broadsheet / peer (wall) | load |');
	lines.push('| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
	const notes: string[] = [];
	for (const r of compared) {
		const figures = r.peers!.figures;
		const ratios = figures
			.map((p) => {
				const rounds = roundRatios(r.rounds, p.peer);
				return rounds ? `**${rounds.median.toFixed(2)}×** ${p.name} (median of ${rounds.ratios.length} rounds; this row's ${(r.cold.wallMs / p.wallMs).toFixed(2)}×)` : `**${(r.cold.wallMs / p.wallMs).toFixed(2)}×** ${p.name}`;
			})
			.join(', ');
		const articlePages = r.cold.ingest?.articles ?? r.dist.pagesBySection?.articles;
		lines.push(
			`| ${n(r.articles)} | ${describeCorpus(r.corpus)} | Broadsheet | ${n(r.dist.pages)} | ${articlePages == null ? '–' : n(articlePages)} | ${sec(r.cold.wallMs)} | ${r.cold.cpuMs == null ? '–' : sec(r.cold.cpuMs)} | ${cpuPerWall(r.cold.cpuMs, r.cold.wallMs)} | ${gb(r.cold.peakRssBytes)} | ${ratios} | ${load(r.cold.loadAverage)} |`,
		);
		for (const p of figures) {
			lines.push(
				`| | | ${p.tool} | ${n(p.pages)} | ${n(p.articlePages)} | ${sec(p.wallMs)} (${sec(p.build.wallMs)} + ${sec(p.pagefind.wallMs)}) | ${sec(p.cpuMs)} | ${cpuPerWall(p.cpuMs, p.wallMs)} | ${gb(p.peakRssBytes)} | | ${load(r.peers!.loadAverage)} |`,
			);
			notes.push(`- ${n(r.articles)}: ${describeSameInput(r, p)}.`);
			const waits = [p.build, p.pagefind].map((s) => s.backgroundCpuMs).filter((x): x is number => x != null);
			if (waits.length || r.cold.backgroundCpuMs != null) {
				const peerNote = `${p.build.contended || p.pagefind.contended ? '; a peer step never ran clean' : ''}${p.build.attempts + p.pagefind.attempts > 2 ? `; peer steps redone: ${p.build.attempts + p.pagefind.attempts - 2}` : ''}`;
				notes.push(`  CPU other processes used meanwhile: Broadsheet ${r.cold.backgroundCpuMs == null ? '–' : sec(r.cold.backgroundCpuMs)}, ${p.name} ${waits.length ? waits.map(sec).join(' + ') : '–'}${peerNote}.`);
			}
		}
		if ((r.cold.tried?.length ?? 0) > 1) {
			const tried = r.cold.tried!.map((t) => `${sec(t.wallMs)} (others ${t.backgroundCpuMs == null ? '–' : sec(t.backgroundCpuMs)})`).join(', ');
			notes.push(`  Broadsheet's cold build was tried ${r.cold.tried!.length} times: ${tried}${r.cold.contended ? '; none ran clean, the least disturbed is shown: **compare with care**' : '; the clean one is shown'}.`);
		}
		if ((r.rounds?.length ?? 0) > 1) {
			const listed = r.rounds!.map((round, i) => `${i + 1}: ${sec(round.broadsheetWallMs)} against ${round.peers.map((p) => `${sec(p.wallMs)} (${(round.broadsheetWallMs / p.wallMs).toFixed(2)}×)`).join(', ')}, ${round.order === 'broadsheet-first' ? 'Broadsheet first' : 'peers first'}`);
			notes.push(`  Rounds (the table's rows are round 1): ${listed.join('; ')}.`);
		}
		const pages = describePages(r.dist);
		if (pages) notes.push(`  Broadsheet's pages: ${pages}.`);
	}
	lines.push('', ...notes);
	return lines.join('\n') + '\n';
}
