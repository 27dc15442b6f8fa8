/** The repository root, for tests and their helpers. */
import { fileURLToPath } from 'node:url';

/** The repository root (absolute, with a trailing slash). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
