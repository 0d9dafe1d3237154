// A small static file server for the end-to-end tests: serves one folder on 127.0.0.1 at
// an OS-assigned port, like any static host would (no server logic, correct MIME types).
//
//   const server = await serve({ root: 'dist', prefix: '/team/wiki/decisions/',
//                                headers: { 'Content-Security-Policy': "..." } });
//   await page.goto(server.url);   // http://127.0.0.1:PORT/team/wiki/decisions/
//   server.requests;               // every path requested, in order
//   await server.close();
//
// Also runs by hand: node e2e/server.mjs dist [--prefix /sub/path/] [--port 8000]
//                                              [--header 'Name: value']...

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.toml': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Serves `root` until `close()` is called.
 * @param {object} options
 * @param {string} options.root folder to serve
 * @param {string} [options.prefix='/'] URL path the folder appears under (e.g. '/team/wiki/decisions/')
 * @param {Record<string, string>} [options.headers] extra headers on every response
 * @param {number} [options.port=0] 0 lets the OS pick a free port
 * @returns {Promise<{url: string, origin: string, port: number, requests: string[], close: () => Promise<void>}>}
 */
export async function serve({ root, prefix = '/', headers = {}, port = 0 }) {
  const base = path.resolve(root);
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  const pre = trimmed ? `/${trimmed}/` : '/';
  const requests = [];

  const server = createServer(async (req, res) => {
    const send = (status, body, extra = {}) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers, ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      return send(400, 'bad request\n');
    }
    requests.push(pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(405, 'method not allowed\n', { Allow: 'GET, HEAD' });
    }
    // A static host redirects the folder without its trailing slash.
    if (pre !== '/' && pathname === pre.slice(0, -1)) {
      return send(301, 'moved\n', { Location: pre });
    }
    if (!pathname.startsWith(pre)) {
      return send(404, 'not found\n');
    }
    let file = path.join(base, pathname.slice(pre.length));
    if (file !== base && !file.startsWith(base + path.sep)) {
      return send(403, 'forbidden\n');
    }
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = path.join(file, 'index.html');
        info = await stat(file);
      }
      res.writeHead(200, {
        'Content-Type': MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': info.size,
        'Cache-Control': 'no-store',
        ...headers,
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).pipe(res);
    } catch {
      send(404, 'not found\n');
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actualPort = server.address().port;
  const origin = `http://127.0.0.1:${actualPort}`;
  return {
    url: origin + pre,
    origin,
    port: actualPort,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// Command line use.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const options = { root: 'dist', headers: {} };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--prefix') options.prefix = args[++i];
    else if (arg === '--port') options.port = Number(args[++i]);
    else if (arg === '--header') {
      const [name, ...value] = args[++i].split(':');
      options.headers[name.trim()] = value.join(':').trim();
    } else options.root = arg;
  }
  const server = await serve(options);
  console.log(`serving ${path.resolve(options.root)} at ${server.url}`);
}
