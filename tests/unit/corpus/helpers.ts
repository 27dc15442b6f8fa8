/**
 * Small fixture corpora for the cross-link tests: hand-written articles on a
 * few distinct subjects, shaped like the ingest's output.
 */
import type { IngestedArticle } from '../../../src/lib/ingest/types.ts';

/** An ingested article with defaults for everything the cross-links do not read. */
export function ingested(fields: Partial<IngestedArticle> & { slug: string; title: string; paragraphs: string[] }): IngestedArticle {
	return {
		file: `${fields.slug}.txt`,
		date: null,
		author: null,
		source: null,
		dateline: null,
		summary: fields.paragraphs[0] ?? '',
		wordCount: fields.paragraphs.join(' ').split(/\s+/).length,
		readingMinutes: 1,
		tags: [],
		sourceRelated: [],
		html: '',
		duplicates: [],
		digest: fields.slug,
		...fields,
	} as IngestedArticle;
}

/** Three subjects, three articles each, plus one article about nothing else here. */
export function fixtureCorpus(): IngestedArticle[] {
	const football = [
		['cup-final-goal', 'Striker scores late goal in cup final', 'The striker scored a late goal as the club won the cup final at the stadium. The manager praised the defence and the goalkeeper after the final whistle. Fans celebrated the goal in the stadium.'],
		['club-signs-striker', 'Club signs striker before cup tie', 'The club signed a striker from a rival team before the cup tie. The manager said the striker would score goals and strengthen the attack. The goalkeeper and the defence welcomed the signing at the stadium.'],
		['manager-praises-defence', 'Manager praises defence after league win', 'The manager praised his defence and goalkeeper after a league win at the stadium. The striker scored twice and the club moved top of the league. Fans sang at the final whistle.'],
	];
	const markets = [
		['shares-fall-on-rates', 'Shares fall as bank raises interest rates', 'Shares fell on the stock market after the central bank raised interest rates. Investors sold bank shares and bond yields rose. Analysts expect inflation to slow as rates climb.'],
		['bank-profits-rise', 'Bank profits rise on higher interest rates', 'Profits at the bank rose as higher interest rates lifted lending margins. Shares in the bank climbed on the stock market. Investors and analysts welcomed the results despite inflation.'],
		['inflation-slows', 'Inflation slows as interest rates bite', 'Inflation slowed last month as higher interest rates cut spending. The central bank said rates may stay high. Bond yields fell and shares rose on the stock market as investors cheered.'],
	];
	const space = [
		['rocket-launch-delayed', 'Rocket launch delayed by weather', 'The rocket launch was delayed by storms at the launch pad. Engineers checked the engines and the satellite payload. The space agency will try again next week to reach orbit.'],
		['satellite-reaches-orbit', 'Satellite reaches orbit after launch', 'The satellite reached orbit after a rocket launch from the coast. The space agency said the engines and the payload worked well. Engineers will test the satellite in orbit.'],
		['space-agency-budget', 'Space agency plans new rocket', 'The space agency plans a new rocket with stronger engines to carry satellite payloads into orbit. Engineers at the launch pad are testing the design.'],
	];
	const loner = [['village-fete', 'Village fete raises money for church roof', 'A village fete with cakes, a tombola and a dog show raised money to repair the church roof, organisers said.']];
	return [...football, ...markets, ...space, ...loner].map(([slug, title, body]) => ingested({ slug: slug!, title: title!, paragraphs: [body!] }));
}

/** Subject of each fixture slug, for asserting that related lists stay on topic. */
export function subjectOf(slug: string): string {
	if (/cup|striker|defence/.test(slug)) return 'football';
	if (/shares|bank|inflation/.test(slug)) return 'markets';
	if (/rocket|satellite|space/.test(slug)) return 'space';
	return 'other';
}
