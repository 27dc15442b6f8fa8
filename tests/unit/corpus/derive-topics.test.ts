import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linkCorpus } from '../../../src/lib/build-corpus.ts';
import { createPhraseReader } from '../../../src/lib/topics/read-key-phrases.ts';
import { fixtureCorpus, ingested } from './helpers.ts';

/** Sentences per subject; each article takes four, so articles of one subject read alike but not the same. */
const SUBJECTS: Record<string, string[]> = {
	oil: [
		'Oil prices rose on Tuesday as traders weighed supply cuts by producers in the Gulf.',
		'Crude oil prices have climbed for a third week as refinery demand recovered.',
		'The rise in oil prices lifted the shares of drilling and pipeline companies.',
		'Analysts said oil prices could ease if tanker traffic through the strait resumed.',
		'Brent crude and other oil prices fell back later in thin trading.',
		'Higher oil prices mean dearer petrol for drivers, the motoring group warned.',
		'Producers agreed to keep output steady, which held oil prices near their highs.',
	],
	rates: [
		'The central bank raised interest rates by a quarter point to cool inflation.',
		'Mortgage lenders passed the higher interest rates on to borrowers within days.',
		'Savers welcomed the rise in interest rates after years of meagre returns.',
		'Economists expect interest rates to stay high until wage growth slows.',
		'Housing sales slowed as interest rates climbed to their highest in a decade.',
		'The bank signalled that interest rates may fall next spring if prices settle.',
		'Business groups warned that interest rates were hurting investment plans.',
	],
	football: [
		'The striker scored twice as the home side reached the World Cup quarter-finals.',
		'The coach named an unchanged side for the World Cup match against the holders.',
		'Fans travelled in their thousands to watch the World Cup tie in the capital.',
		'The goalkeeper saved a late penalty to keep the World Cup campaign alive.',
		'Injuries to two defenders weakened the squad before the World Cup opener.',
		'The captain said the World Cup was the pinnacle of his playing career.',
		'Supporters celebrated in the streets after the World Cup victory on Sunday.',
	],
	ferries: [
		'The harbour ferry service was suspended as gales battered the coast.',
		'Ferry passengers faced long queues at the harbour after crossings were cancelled.',
		'The ferry operator said repairs to the harbour ramp would take a week.',
		'Islanders complained that the ferry timetable left them stranded overnight.',
		'A new ferry built for the harbour route will enter service in the spring.',
		'The ferry crew rescued two kayakers who had capsized near the harbour wall.',
		'Council officials promised a review of ferry fares after the harbour closure.',
	],
};
/** Words spread over every subject: nothing links the articles that use them. */
const FILLER = ['The figure was nine times larger than expected.', 'Officials said the work was complete and accepted the report.', 'The total reached one billion over the year.'];

function subjectCorpus() {
	const articles = [];
	for (const [subject, sentences] of Object.entries(SUBJECTS)) {
		for (let k = 0; k < 10; k++) {
			const body = [0, 1, 2, 3].map((j) => sentences[(k + j * 2) % sentences.length]!);
			body.splice(2, 0, FILLER[k % FILLER.length]!);
			// Some headlines are in capitals, as wires write them: they must not set the topic's case.
			const title = k % 3 === 0 ? `${subject.toUpperCase()} REPORT NUMBER ${k}` : `${subject} report number ${k}`;
			articles.push(ingested({ slug: `${subject}-${k}`, title, paragraphs: [body.join(' ')] }));
		}
	}
	return articles;
}

test('topics are subjects shared by articles that read alike, each on 3 or more articles, in the reader’s case', () => {
	const { topics, articles } = linkCorpus(subjectCorpus(), { topics: { perThousand: 100 } });
	const names = topics.map((t) => t.name).sort();
	assert.deepEqual(names, ['Ferry', 'Interest rates', 'Oil prices', 'World Cup']);
	for (const topic of topics) {
		assert.ok(topic.articles.length >= 3, `${topic.name} has ${topic.articles.length} articles`);
		const subject = topic.articles[0]!.replace(/-\d+$/, '');
		assert.ok(topic.articles.every((slug) => slug.startsWith(subject)), `${topic.name} mixes subjects`);
	}
	assert.equal(topics.find((t) => t.name === 'Oil prices')!.origin, 'term');
	assert.ok(articles.every((a) => a.topics.length <= 3));
});

test('a corpus gets at most its budget of topics per 1,000 articles', () => {
	assert.equal(linkCorpus(subjectCorpus(), { topics: { perThousand: 50 } }).topics.length, 2);
	assert.equal(linkCorpus(subjectCorpus(), { topics: { perThousand: 0 } }).topics.length, 0);
});

test('inflections are one key; past tenses, counting words and labels at line starts are not subjects', () => {
	const reader = createPhraseReader();
	const keys = (text: string) => reader.read('', [text]).keys.map((key) => reader.keyText(key));
	assert.deepEqual(keys('Acceptance grew. The union voted to accept, and accepts again. Acceptance.'), ['accept']);
	assert.deepEqual(keys('Nine billion, nine billion.'), []);
	assert.deepEqual(keys('Oil prices rose; oil-price rises hurt. Oil, prices.'), ['oil', 'price', 'oil price']);
	const labels = reader.read('', ['Shr 51 cts vs 56 cts', 'Shr 12 cts vs 9 cts']);
	assert.deepEqual(labels.keys.map((key) => reader.keyText(key)), ['shr']);
	assert.deepEqual(labels.inText, [false], 'a label that only starts lines is not running text');
});

test('front-matter tags are topics whatever the budget, and win their slug', () => {
	const corpus = fixtureCorpus();
	corpus[0] = { ...corpus[0]!, tags: ['Football', 'Cup final'] };
	const { articles, topics } = linkCorpus(corpus);
	assert.deepEqual(articles.find((a) => a.slug === corpus[0]!.slug)!.topics, ['football', 'cup-final']);
	assert.deepEqual(
		topics.filter((t) => t.origin === 'tag').map((t) => t.name),
		['Cup final', 'Football'],
	);
});
