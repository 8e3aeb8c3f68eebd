// Whether dist/ (the JavaScript `npm run build` compiles from src/) is there and at least as new as every
// source file. The `takedown` command runs it when it is, and the TypeScript sources through tsx when not,
// so an edited source is never shadowed by an old build. Plain JavaScript: it runs before tsx is loaded.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const COMPILED_ENTRY = join(root, 'dist', 'cli.js');

function newestIn(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

export function compiledIsFresh() {
  try {
    return statSync(COMPILED_ENTRY).mtimeMs >= newestIn(join(root, 'src'));
  } catch {
    return false;
  }
}

// `node bin/compiled.js`: exit 0 when dist/ is fresh (scripts/setup.sh builds when it is not).
if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(compiledIsFresh() ? 0 : 1);
