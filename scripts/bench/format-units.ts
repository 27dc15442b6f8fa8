/** How the bench's tables write numbers (shared by the results and side-by-side tables). */

/** 10,000 */
export const count = (x: number) => x.toLocaleString('en');
/** "12.3 s", or "–" when not measured. */
export const sec = (ms: number | null | undefined) => (ms == null ? '–' : `${(ms / 1000).toFixed(1)} s`);
/** "3.47 GB" */
export const gb = (bytes: number) => `${(bytes / 1e9).toFixed(2)} GB`;
/** "321 MB" */
export const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
/** "4.7 kB" */
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
/** The 1-minute load average before → after, e.g. "2.0→3.3". */
export const load = (l: readonly number[] | null | undefined) => (l?.length ? l.map((x) => x.toFixed(1)).join('→') : '–');
/** CPU time over wall time (2.00 would keep two cores busy throughout). */
export const cpuPerWall = (cpuMs: number | null | undefined, wallMs: number) => (cpuMs == null || !wallMs ? '–' : (cpuMs / wallMs).toFixed(2));
