#!/usr/bin/env node
// The `takedown` command. Runs the compiled JavaScript in dist/ when it is up to date with src/ (setup
// builds it: it starts in about a third of the time), and otherwise the TypeScript sources through tsx,
// so the command works with or without a build step.
import { COMPILED_ENTRY, compiledIsFresh } from './compiled.js';

if (compiledIsFresh()) {
  await import(COMPILED_ENTRY);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
