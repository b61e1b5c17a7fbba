// A deliberately dumb static file server, standing in for a static host (GitHub Pages, S3, nginx):
// it serves files from --root under the URL prefix --base, maps a folder to its index.html, and
// answers anything else with the site's 404.html and status 404. No SvelteKit, no Vite.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
	options: {
		root: { type: 'string', default: 'build' },
		base: { type: 'string', default: '' },
		port: { type: 'string', default: '4174' },
		host: { type: 'string', default: '127.0.0.1' }
	}
});

const root = resolve(values.root);
const base = values.base.replace(/\/$/, '');
const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.txt': 'text/plain; charset=utf-8'
};

async function file(path) {
	try {
		const info = await stat(path);
		if (info.isDirectory()) return file(join(path, 'index.html'));
		return { body: await readFile(path), type: TYPES[extname(path)] ?? 'application/octet-stream' };
	} catch {
		return null;
	}
}

createServer(async (req, res) => {
	const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
	let found = null;
	if (pathname === base || pathname.startsWith(`${base}/`)) {
		const relative = normalize(pathname.slice(base.length)).replace(/^(\.\.[/\\])+/, '');
		found = await file(join(root, relative));
	}
	if (found) {
		res.writeHead(200, { 'content-type': found.type });
		res.end(found.body);
		return;
	}
	const missing = await file(join(root, '404.html'));
	res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
	res.end(missing?.body ?? 'Not found');
}).listen(Number(values.port), values.host, () => {
	console.log(`static host: ${root} at http://${values.host}:${values.port}${base}/`);
});
