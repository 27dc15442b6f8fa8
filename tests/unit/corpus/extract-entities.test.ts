import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractEntities } from '../../../src/lib/entities/extract-entities.ts';
import { foldName, lookupName } from '../../../src/lib/entities/gazetteer.ts';
import { referenceArticle } from './fixtures/reference-article.ts';

test('reference article: the people, places and organisations it names', () => {
	const entities = extractEntities(referenceArticle);
	for (const name of ['Hossein Amirabdollahian', 'Anthony Blinken']) assert.ok(entities.people.includes(name), `people has ${name}: ${entities.people}`);
	for (const name of ['Iran', 'Israel', 'Gaza', 'Qatar', 'Turkey', 'Lebanon', 'United States']) assert.ok(entities.places.includes(name), `places has ${name}: ${entities.places}`);
	for (const name of ['Hamas', 'Hezbollah', 'United Nations', 'Pentagon', 'Reuters'])
		assert.ok(entities.organizations.includes(name), `organisations has ${name}: ${entities.organizations}`);
});

test('reference article: variants fold into one name, no role words or fragments', () => {
	const { people, places, organizations } = extractEntities(referenceArticle);
	// "Blinken", "Anthony Blinken" and "U.S. Secretary of State Anthony Blinken" are one person.
	assert.equal(people.filter((p) => p.includes('Blinken')).length, 1);
	assert.equal(people.filter((p) => p.includes('Amirabdollahian')).length, 1);
	// "U.S." and "United States" are one place.
	assert.ok(!places.includes('U.S.') && !places.includes('US'));
	for (const name of [...people, ...places, ...organizations]) {
		assert.doesNotMatch(name, /\b(Minister|Secretary|Foreign|The|During|However)\b/, name);
		assert.doesNotMatch(name, /['’]s$/, name);
	}
});

test('aliases and folding', () => {
	assert.deepEqual(lookupName('U.S.'), { name: 'United States', kind: 'places' });
	assert.deepEqual(lookupName('UK'), { name: 'United Kingdom', kind: 'places' });
	assert.deepEqual(lookupName('Gaza Strip'), { name: 'Gaza', kind: 'places' });
	assert.equal(foldName('Zürich’s'), 'zurichs');
});

test('role words, honorifics and speech verbs mark people; org suffixes mark organisations', () => {
	const { people, organizations, places } = extractEntities({
		title: 'Talks continue',
		paragraphs: [
			'Prime Minister Jane Doe met Mr Rupert Quill in London on Monday. Later, Quill said the Bank of England would act. Farrow Holdings Ltd welcomed the move, Zed Okonkwo said.',
		],
	});
	assert.deepEqual([...people].sort(), ['Jane Doe', 'Rupert Quill', 'Zed Okonkwo']);
	assert.ok(organizations.includes('Bank of England'), `${organizations}`);
	assert.ok(organizations.includes('Farrow Holdings Ltd'), `${organizations}`);
	assert.ok(places.includes('London'));
	assert.ok(!people.includes('Monday') && !people.includes('Later'));
});

test('headlines in title case only contribute known names', () => {
	const { places, people, organizations } = extractEntities({ title: 'Big Offer To Free Hostages From Iran', paragraphs: ['No names here at all.'] });
	assert.deepEqual(places, ['Iran']);
	assert.deepEqual(people, []);
	assert.deepEqual(organizations, []);
});

test('deterministic: most mentioned first, ties by name', () => {
	const input = { title: 'x', paragraphs: ['Qatar and Turkey. Turkey and Qatar. Turkey again. Iran once.'] };
	assert.deepEqual(extractEntities(input).places, ['Turkey', 'Qatar', 'Iran']);
	assert.deepEqual(extractEntities(input), extractEntities(input));
});
