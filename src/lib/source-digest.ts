/**
 * Digest of the code a cache depends on, so that a code change empties the cache
 * without anyone remembering to.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Digest of the `.ts` files of the folder of `moduleUrl` (a module's `import.meta.url`), or
 * null when that folder does not hold `marker`: the code runs bundled or from elsewhere, a
 * change could go unnoticed, so the caller keeps no cache.
 */
export function digestSourceFolder(moduleUrl: string, marker: string): string | null {
	try {
		const dir = path.dirname(fileURLToPath(moduleUrl));
		const hash = createHash('sha1');
		const names = readdirSync(dir).filter((n) => n.endsWith('.ts')).sort();
		if (!names.includes(marker)) return null;
		for (const name of names) hash.update(name).update(readFileSync(path.join(dir, name)));
		return hash.digest('hex');
	} catch {
		return null;
	}
}
