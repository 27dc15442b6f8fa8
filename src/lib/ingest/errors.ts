/**
 * The one error the parser throws on purpose. `ingestDirectory` turns it into a
 * problem for the file, so it never escapes a build.
 */
import type { ProblemKind } from './types.ts';

/** Thrown when a file holds no article; the message says why and what to do, `kind` groups it in reports. */
export class NotAnArticleError extends Error {
	/** Report group, e.g. `empty`, `binary`, `title-only`. */
	readonly kind: ProblemKind;

	/** @param message what is wrong and what to do, written to follow the file name. */
	constructor(message: string, kind: ProblemKind) {
		super(message);
		this.name = 'NotAnArticleError';
		this.kind = kind;
	}
}
