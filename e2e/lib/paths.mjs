// Where the builds and the docs are, for every end-to-end test.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The release build (`cargo xtask dist`). */
export const DIST = path.join(ROOT, 'dist');
/** The single-file build, one page per card and one workshop per card. */
export const SINGLE = path.join(ROOT, 'dist-single');
export const DOCS = path.join(ROOT, 'docs');
export const AXE_PATH = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
