#!/usr/bin/env node
// The `ascent` command. npm links this file when it installs the workspace, before
// anything is built, so it is kept in git and loads the compiled CLI from dist/.
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('ascent: the command line is not built yet; run `npm run build` in the repository first\n');
  process.exit(1);
}
await import(main.href);
