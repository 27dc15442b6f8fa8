/**
 * How busy the (shared) machine is, read from `/proc/stat`: the benchmark waits for quiet CPUs
 * before a build it compares with a peer, and records how much CPU other processes used while
 * the build ran, the way the peers' benchmark (`bench_peers.py`) does for its steps.
 */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';

/** `/proc/stat` counts in USER_HZ ticks, 100 a second on Linux whatever the kernel's HZ. */
const TICKS_PER_SECOND = 100;

/**
 * Busy CPU milliseconds of the whole machine (all processes, all cores) in the `cpu` line of
 * `/proc/stat`: everything except idle and iowait. Null when the line is not there.
 */
export function parseBusyCpuMs(procStat: string): number | null {
	const line = procStat.split('\n').find((l) => l.startsWith('cpu '));
	if (!line) return null;
	const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
	if (ticks.length < 5 || ticks.some((t) => !Number.isFinite(t))) return null;
	const busy = ticks.reduce((sum, t) => sum + t, 0) - ticks[3]! - ticks[4]!;
	return (busy * 1000) / TICKS_PER_SECOND;
}

/** Busy CPU milliseconds of the machine so far; null off Linux. */
export async function readBusyCpuMs(): Promise<number | null> {
	return parseBusyCpuMs(await fs.readFile('/proc/stat', 'utf8').catch(() => ''));
}

/** Options for {@link waitForIdle}; the defaults are `bench_peers.py`'s. */
export interface IdleOptions {
	/** Busy share of all cores below which the machine counts as idle (default 0.15). */
	maxBusy?: number;
	/** Give up waiting (and measure anyway) after this long, ms (default 15 minutes). */
	maxWaitMs?: number;
	/** Called once when the machine is found busy, with the busy share. */
	onBusy?: (busy: number) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until other processes leave the CPUs (nearly) idle over 2 s; returns the ms waited. */
export async function waitForIdle({ maxBusy = 0.15, maxWaitMs = 15 * 60_000, onBusy }: IdleOptions = {}): Promise<number> {
	const started = performance.now();
	let told = false;
	for (;;) {
		const before = await readBusyCpuMs();
		await sleep(2000);
		const after = await readBusyCpuMs();
		if (before === null || after === null) return 0;
		const busy = (after - before) / 2000 / os.cpus().length;
		const waited = performance.now() - started;
		if (busy < maxBusy || waited > maxWaitMs) return Math.round(waited);
		if (!told) onBusy?.(busy);
		told = true;
		await sleep(5000);
	}
}

/** CPU ms that other processes used while a command ran: the machine's busy time minus the command's own. */
export function backgroundCpuMs(busyBefore: number | null, busyAfter: number | null, ownCpuMs: number | null): number | null {
	if (busyBefore === null || busyAfter === null || ownCpuMs === null) return null;
	return Math.max(0, Math.round(busyAfter - busyBefore - ownCpuMs));
}

/**
 * Writes the file system's pending writes to disk, so a measurement does not pay for the
 * step before it: a cold build leaves a few hundred megabytes to flush, and on this
 * machine's virtual disk the same 10,000 page writes took 1.1 s in one minute, 13.8 s in another.
 */
export function flushPendingWrites(): void {
	spawnSync('sync', { stdio: 'ignore' });
}
