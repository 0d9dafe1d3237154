// The tool's words as the catalogues write them (lang/<code>/<area>.toml, docs/languages.md),
// for tests that look for them on a page in that language.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths.mjs';

/** One language's catalogue: `area/Name` → text (one `Name = "text"` per line). */
export function catalogue(code) {
  const dir = path.join(ROOT, 'lang', code);
  const words = new Map();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.toml'))) {
    for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      const entry = line.match(/^(\w+) = (".*")$/);
      if (entry) words.set(`${file.replace('.toml', '')}/${entry[1]}`, JSON.parse(entry[2]));
    }
  }
  return words;
}
