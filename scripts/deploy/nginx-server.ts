/**
 * Serves a built site with the local nginx and docs/deploy/nginx.conf, unchanged but
 * for its port and web root, on loopback: for scripts/deploy/try-nginx.ts and the
 * test that reads the headers the way a real host sends them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/lib/site-config.ts';

/** The path docs/deploy/nginx.conf serves the site under. */
export const NGINX_BASE = '/news/';

/** How to get nginx, for error messages. */
export const NGINX_INSTALL_HINT = 'install it (Debian/Ubuntu: `apt-get install -y nginx`; .ci/run does this on CI)';

/** A running nginx. */
export interface NginxServer {
	/** `http://127.0.0.1:PORT` (the site is under {@link NGINX_BASE}). */
	origin: string;
	/** Stops nginx and deletes its web root and config. */
	close(): Promise<void>;
}

/** The nginx binary, or null when none is installed. */
export function findNginx(): string | null {
	return ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p)) ?? null;
}

/** A free loopback port. */
async function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const server = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/**
 * Copies `dist` (built with `BASE_PATH=/news/`) into a temporary web root and serves it
 * with docs/deploy/nginx.conf; resolves once nginx answers.
 * @throws Error when nginx is missing, rejects the config or does not answer within 10 s.
 */
export async function startNginx(dist: string): Promise<NginxServer> {
	const nginx = findNginx();
	if (!nginx) throw new Error(`nginx is not installed; ${NGINX_INSTALL_HINT}.`);
	const work = mkdtempSync(path.join(os.tmpdir(), 'broadsheet-nginx-'));
	// nginx's workers run as an unprivileged user: the web root must be readable to them.
	chmodSync(work, 0o755);
	const port = await freePort();
	const webRoot = path.join(work, 'www');
	cpSync(dist, path.join(webRoot, NGINX_BASE), { recursive: true });
	const site = readFileSync(path.join(projectRoot, 'docs/deploy/nginx.conf'), 'utf8')
		.replace(/listen 80;/, `listen 127.0.0.1:${port};`)
		.replace(/root \/srv\/www;/, `root ${webRoot};`);
	for (const dir of ['tmp', 'logs']) mkdirSync(path.join(work, dir), { recursive: true });
	const conf = path.join(work, 'nginx.conf');
	writeFileSync(
		conf,
		`worker_processes 1;
pid ${work}/nginx.pid;
error_log ${work}/logs/error.log warn;
events { worker_connections 64; }
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log off;
	client_body_temp_path ${work}/tmp/body;
	proxy_temp_path ${work}/tmp/proxy;
	fastcgi_temp_path ${work}/tmp/fastcgi;
	uwsgi_temp_path ${work}/tmp/uwsgi;
	scgi_temp_path ${work}/tmp/scgi;
${site}
}
`,
	);
	const remove = () => rmSync(work, { recursive: true, force: true });
	// -e: the error log from the first moment, so a user without access to /var/log/nginx can run it (GitHub runners).
	const args = ['-p', work, '-e', path.join(work, 'logs/error.log'), '-c', conf];
	const tested = spawnSync(nginx, ['-t', ...args], { encoding: 'utf8' });
	if (tested.status !== 0) {
		remove();
		throw new Error(`nginx -t rejected docs/deploy/nginx.conf:\n${tested.stderr}`);
	}
	const server = spawn(nginx, [...args, '-g', 'daemon off;'], { stdio: ['ignore', 'inherit', 'inherit'] });
	const exited = new Promise<void>((resolve) => server.on('close', () => resolve()));
	const close = async () => {
		if (server.exitCode === null && server.signalCode === null) server.kill('SIGQUIT');
		await exited;
		remove();
	};
	const origin = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 100; i++) {
		if (await fetch(origin + NGINX_BASE).then(() => true, () => false)) return { origin, close };
		if (server.exitCode !== null) break;
		await new Promise((r) => setTimeout(r, 100));
	}
	const log = existsSync(path.join(work, 'logs/error.log')) ? readFileSync(path.join(work, 'logs/error.log'), 'utf8') : '(no error log)';
	await close();
	throw new Error(`nginx did not answer on ${origin} within 10 s; its error log:\n${log}`);
}
