/**
 * Short wire briefs in every shape we could think of: ALL-CAPS or mixed-case
 * headline, one to four short body lines (figures that look like headlines),
 * with and without a dateline, a sign-off, related headlines and site furniture.
 * None may be refused, and the signals a reader uses (a dateline opens the text,
 * a sign-off closes it, headlines under an ALL-CAPS masthead are in capitals) must
 * keep body lines in the body. All text is made up for the test.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractWords } from '../../../src/lib/ingest/normalize-text.ts';
import { isSignOff, parseArticle } from '../../../src/lib/ingest/parse-article.ts';

const HEADLINES = { caps: 'ACME CORP SETS QTLY DIVIDEND', mixed: 'Acme sets quarterly dividend' };
const BODY = {
	mixed: ['Qtly div 15 cts vs 12 cts', 'Pay June 1', 'Record May 15', 'Sales rose 4 pct in the year'],
	caps: ['QTLY DIV 15 CTS VS 12 CTS', 'PAY JUNE 1', 'RECORD MAY 15', 'SALES ROSE 4 PCT IN THE YEAR'],
};
const RELATED = { caps: ['GLOBEX 1ST QTR NET', 'INITECH TO SELL UNIT FOR 40 MLN DLRS'], mixed: ['Globex first quarter profit up', 'Initech to sell unit'] };
const SIGN_OFFS = [null, 'Reuter', 'Reuters', '(AP)', 'AP', 'AFP', '(AFP)', '— Staff', '-- Staff Reporter', '(Reporting by Jane Roe; Editing by John Doe)'];
const DATELINE = 'NEW YORK, May 2 - ';

interface Shape {
	headline: keyof typeof HEADLINES;
	body: keyof typeof BODY;
	lines: number;
	dateline: boolean;
	signOff: string | null;
	related: 0 | 1 | 2;
	relatedStyle: keyof typeof RELATED;
	scraped: boolean;
}

function* shapes(): Generator<Shape> {
	for (const headline of ['caps', 'mixed'] as const)
		for (const body of ['caps', 'mixed'] as const)
			for (const lines of [1, 2, 3, 4])
				for (const dateline of [false, true])
					for (const signOff of SIGN_OFFS)
						for (const related of [0, 1, 2] as const)
							for (const relatedStyle of ['caps', 'mixed'] as const)
								for (const scraped of [false, true]) yield { headline, body, lines, dateline, signOff, related, relatedStyle, scraped };
}

function write(shape: Shape): { text: string; bodyLines: string[]; related: string[] } {
	const title = HEADLINES[shape.headline];
	const bodyLines = BODY[shape.body].slice(0, shape.lines);
	if (shape.dateline) bodyLines[0] = DATELINE + bodyLines[0];
	const related = RELATED[shape.relatedStyle].slice(0, shape.related);
	const blocks = [...bodyLines, ...(shape.signOff ? [shape.signOff] : []), ...related];
	const text = shape.scraped ? `${title}\n${title}\nShare:\n\n${blocks.join('\n\n')}\n\nJoin NewsTrack Whatsapp group\nRelated News\n` : `${title}\n\n${blocks.join('\n\n')}\n`;
	return { text, bodyLines, related };
}

test('sign-offs are recognised by shape, ordinary lines are not', () => {
	for (const line of ['Reuter', 'Reuters', 'REUTER', '(AP)', 'AP', 'AFP', '(AFP)', 'PTI', 'Xinhua', '(dpa)', 'AP/Reuters', '— Staff', '-- Staff Reporter', '— Jane Roe, Staff Writer', '(Reporting by Jane Roe; Editing by John Doe)']) {
		assert.ok(isSignOff(line), line);
	}
	for (const line of ['Ap', 'Reuters said profits rose', 'Net 5,645,000 vs 6,153,000', 'GLOBEX 1ST QTR NET', 'Pay June 1', '(the figures are unaudited, the company said)', '— and then the rain came.']) {
		assert.ok(!isSignOff(line), line);
	}
});

test('no wire brief is refused, and body lines stay in the body', () => {
	let count = 0;
	for (const shape of shapes()) {
		count++;
		const { text, bodyLines, related } = write(shape);
		const label = JSON.stringify(shape);
		let article;
		try {
			article = parseArticle(text);
		} catch (error) {
			assert.fail(`${label} was refused: ${(error as Error).message}`);
		}
		const bodyWords = new Set(extractWords([article.dateline ?? '', ...article.paragraphs].join('\n')));
		const inBody = (line: string) => extractWords(line).every((w) => bodyWords.has(w));
		assert.ok(inBody(bodyLines[0]!), `${label}: first body line lost`);
		// A sign-off closes the text, so everything before it is body; after a dateline nothing
		// tells short lines from related headlines, so they stay body; under an ALL-CAPS
		// headline, mixed-case lines are body.
		const sure = shape.signOff !== null || shape.dateline || (shape.headline === 'caps' && shape.body === 'mixed');
		if (sure) for (const line of bodyLines) assert.ok(inBody(line), `${label}: body line ${JSON.stringify(line)} lost`);
		// Between a sign-off and the site's furniture, headline-like lines are related headlines.
		if (shape.signOff && shape.scraped && related.length && (shape.headline === 'mixed' || shape.relatedStyle === 'caps')) {
			assert.deepEqual(article.sourceRelated, related, `${label}: related headlines`);
		}
	}
	assert.equal(count, 2 * 2 * 4 * 2 * SIGN_OFFS.length * 3 * 2 * 2);
});
