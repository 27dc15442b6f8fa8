/** The browser tests launch Chromium the way the project's scripts do. */
export { chromiumArgs, chromiumPath, launchBrowser } from '../../scripts/support/chromium.ts';
