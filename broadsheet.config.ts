/**
 * Site settings that users may change. Everything here is optional; delete the
 * file to use the defaults.
 */
import { defineConfig } from './src/lib/ingest/load-config.ts';

export default defineConfig({
	ingest: {
		// Extra lines of site furniture to drop from scraped articles, added to the
		// built-in list in src/lib/ingest/boilerplate.ts. Each pattern must match the
		// whole trimmed line; strings are compiled case-insensitively. A named group
		// `source` names the site, e.g. "Join (?<source>\\w+) on Signal".
		// kind: 'furniture' (drop), 'related-header' (drop; marks the related-headline
		// block), 'related-inline' (drop; keep the `headline` group as a related headline).
		boilerplate: [
			// { name: 'subscribe box', pattern: '^subscribe to the daily briefing$' },
		],
		// A short line that opens or closes at least this many articles (and 2% of
		// them) is dropped as furniture whatever its wording, and reported once.
		// repeatedLineMinFiles: 5,
	},
});
