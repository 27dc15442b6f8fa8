import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractEntities } from '../../../src/lib/entities/extract-entities.ts';
import { foldName, guessLanguage, isDeterminer, lookupName, unshout } from '../../../src/lib/entities/gazetteer.ts';
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

/** The names of a one-paragraph article. */
const namesIn = (text: string, title = 'x', dateline: string | null = null) => extractEntities({ title, paragraphs: [text], dateline });
const allNames = (e: { people: string[]; places: string[]; organizations: string[] }): string[] => [...e.people, ...e.places, ...e.organizations];

test('a leading article or determiner is never part of a name', () => {
	const e = namesIn('A European Union official said the plan was ready. A U.S. Navy ship sailed. A Finance Ministry spokesman agreed. The Office of Fair Trading and The Guardian newspaper disagreed. Its Chairman Tom Vale spoke.');
	for (const name of ['European Union']) assert.ok(e.organizations.includes(name), `${e.organizations}`);
	assert.ok(e.organizations.some((o) => /^U\.S\. Navy$/.test(o)), `${e.organizations}`);
	assert.ok(e.organizations.includes('Finance Ministry'), `${e.organizations}`);
	assert.ok(e.organizations.includes('Office of Fair Trading'), `${e.organizations}`);
	assert.ok(e.people.includes('Tom Vale'), `${e.people}`);
	for (const name of allNames(e)) assert.doesNotMatch(name, /^(A|An|The|This|Its|His|Her|Their)\b/, name);
	// The lexicon's own names keep their article.
	assert.deepEqual(lookupName('The Hague')?.kind, 'places');
});

test('role and function words at the edge of a span are never part of a name', () => {
	assert.deepEqual(namesIn('Under Secretary for Economic Affairs Allen Wallis will attend the talks.').people, ['Allen Wallis']);
	assert.deepEqual(namesIn('Analyst Peter Hanley of Smith Barney said markets were calm.').people, ['Peter Hanley']);
	const e = namesIn('Bank of England Governor Mervyn King spoke. Officials in Brussels Monday said more. The deal was signed.\nReuter');
	assert.ok(e.people.includes('Mervyn King'), `${e.people}`);
	assert.ok(e.organizations.includes('Bank of England'), `${e.organizations}`);
	assert.ok(e.places.includes('Brussels'), `${e.places}`);
	for (const name of allNames(e)) assert.doesNotMatch(name, /\b(Governor|Monday|Reuter|Officials)\b/, name);
});

test('places after "the", multi-word countries and former countries are places', () => {
	const e = namesIn('Sugar output in the Philippines fell. The Netherlands and the United States bought more, and ships crossed the Gulf. The Soviet Union, West Germany, East Germany, Yugoslavia, Czechoslovakia, Burma and Zaire were named in the report, as was the USSR.');
	for (const place of ['Philippines', 'Netherlands', 'United States', 'Gulf', 'Soviet Union', 'West Germany', 'East Germany', 'Yugoslavia', 'Czechoslovakia', 'Burma', 'Zaire']) {
		assert.ok(e.places.includes(place), `${place} in ${e.places}`);
	}
	assert.deepEqual(lookupName('USSR'), { name: 'Soviet Union', kind: 'places' });
	assert.deepEqual(namesIn('The Philippines exported sugar.').places, ['Philippines']);
	assert.deepEqual(namesIn('Pirates attacked a ship in the Gulf of Aden.').places, ['Gulf of Aden']);
});

test('ALL-CAPS headlines and wire tables give only known names, in their usual case', () => {
	const e = extractEntities({
		title: "U.S. TREASURY'S BAKER SAYS DOLLAR DECLINE HAS GONE FAR ENOUGH IN WEST GERMANY",
		paragraphs: ['Acme Corp said first quarter profit rose.', 'SHR 1.20 DLRS VS 1.05 DLRS', 'NET 12 MLN VS 10 MLN', 'REVS 300 MLN VS 280 MLN IN WASHINGTON'],
	});
	assert.deepEqual(e.organizations, ['Acme Corp']);
	assert.deepEqual(e.people, []);
	assert.deepEqual([...e.places].sort(), ['United States', 'Washington', 'West Germany']);
	assert.equal(unshout('NEW YORK'), 'New York');
	assert.equal(unshout('ROME'), 'Rome');
	assert.equal(unshout('USSR'), 'USSR');
});

test('a wire dateline names a place', () => {
	assert.deepEqual(namesIn('Officials met on Tuesday.', 'x', 'WASHINGTON, March 3 (Reuters)').places, ['Washington']);
	assert.deepEqual(namesIn('Officials met on Tuesday.', 'x', 'KUALA LUMPUR (AP)').places, ['Kuala Lumpur']);
});

test('a bare surname joins the full name in the same article, and is kept for the corpus otherwise', () => {
	const same = namesIn('Treasury Secretary James Baker said the dollar was too high. Baker told a House committee the talks would go on.');
	assert.deepEqual(same.people, ['James Baker']);
	assert.deepEqual(same.surnames, []);
	const alone = namesIn('Baker told reporters the Treasury would act.');
	assert.deepEqual(alone.people, []);
	assert.ok(alone.surnames.includes('Baker'), `${alone.surnames}`);
	assert.ok(alone.context.includes('treasury'), `${alone.context}`);
	// A common word at a sentence start, with no speech verb, is no surname.
	assert.deepEqual(namesIn('Baker shops opened early.').surnames, []);
	// "Jordan said" may be a person; "Jordan signed" is the country.
	assert.deepEqual(namesIn('Jordan said the team would win.').surnames, ['Jordan']);
	assert.deepEqual(namesIn('Jordan signed a deal. Jordan said it would pay in goods.').surnames, []);
});

test('language of an article and its articles', () => {
	assert.equal(guessLanguage('Le gouvernement a annoncé les mesures dans une déclaration pour les entreprises qui sont sur le marché.'), 'fr');
	assert.equal(guessLanguage('The government said the measures for the companies in the market were ready.'), 'en');
	assert.ok(isDeterminer('La', 'fr'));
	assert.ok(!isDeterminer('La', 'en'));
	const e = extractEntities({ title: 'x', paragraphs: ['Les Républicains et la Banque centrale européenne ont annoncé des mesures. Le ministre Bruno Vallet a parlé avec les journalistes dans la ville pour une heure.'] });
	for (const name of allNames(e)) assert.doesNotMatch(name, /^(Le|La|Les)\b/, name);
});

test('hyphenated titles, an article before a team, and title-case lines in the body', () => {
	assert.deepEqual(namesIn('President-elect Barack Obama said he would act.').people, ['Barack Obama']);
	assert.deepEqual(namesIn('UN Secretary-General Ban Ki-moon said the talks would resume.').people, ['Ban Ki-moon']);
	assert.deepEqual(namesIn('Fans cheered as the Charlotte Bobcats said goodbye to the arena.').people, []);
	assert.deepEqual(namesIn('Related stories\nObama Announces Nominee For Commerce Secretary').people, []);
});

test('two or three unknown capitalised words are kept as an unread full name', () => {
	const e = namesIn('Tarvaris Jackson threw for two touchdowns in the win.');
	assert.deepEqual(e.people, []);
	assert.deepEqual(e.unread, ['Tarvaris Jackson']);
	// The article's own bare surname confirms it.
	assert.deepEqual(namesIn('Tarvaris Jackson threw for two touchdowns. Jackson said the team was ready.').people, ['Tarvaris Jackson']);
});
