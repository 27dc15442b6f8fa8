/**
 * Launches Debian's Chromium through playwright-core, for the browser tests,
 * the search benchmark and the deploy checks. A missing browser is an
 * error that says how to install it: browser tests never skip silently.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where the browser is looked for: `CHROMIUM_PATH`, else Debian's package. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium quiet and offline on a locked-down machine. */
export const chromiumArgs = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

/** Starts a headless Chromium. */
export async function launchBrowser(): Promise<Browser> {
	if (!existsSync(chromiumPath)) {
		throw new Error(
			`Chromium not found at ${chromiumPath}. Install it with \`apt-get update && apt-get install -y chromium\` ` +
				'(or set CHROMIUM_PATH to a Chromium binary), then run the tests again.',
		);
	}
	return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}
