#!/usr/bin/env node
// The installed package runs the JavaScript compiled into dist/ (built on install and on
// pack), with no TypeScript loader in the way. A source checkout that has not been built
// yet falls back to running the TypeScript sources through tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/bin/cli.js', import.meta.url);
if (existsSync(fileURLToPath(compiled))) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./cli.ts');
}
