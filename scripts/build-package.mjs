#!/usr/bin/env node
// Builds what the published package runs: compiled JavaScript and .d.ts files in dist/,
// plus the files the compiled code reads beside itself (views, stylesheet, the node:test
// reporter). Runs on `npm install` in a checkout, on `npm pack` and on installs from git.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'dist');
const assets = ['server/web/views', 'server/web/static', 'runner/test-reports/node-test-reporter.mjs'];

rmSync(dist, { recursive: true, force: true });
const typescriptManifest = createRequire(import.meta.url).resolve('typescript/package.json');
const tsc = path.join(path.dirname(typescriptManifest), 'bin/tsc');
execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
for (const asset of assets) {
  cpSync(path.join(root, asset), path.join(dist, asset), { recursive: true });
}
rewriteDeclarationImports(dist);
compileTemplates(path.join(root, 'server/web/views'), path.join(dist, 'server/web/views-compiled'));

// Each page template compiled ahead (server/web/load-template.ts loads them), so a server does
// not spend its start compiling pug. The options are the ones load-template.ts compiles with.
function compileTemplates(views, into) {
  const pug = createRequire(import.meta.url)('pug');
  mkdirSync(into, { recursive: true });
  for (const name of readdirSync(views).filter((file) => file.endsWith('.pug'))) {
    const source = pug.compileFileClient(path.join(views, name), { basedir: views, doctype: 'html', name: 'template' });
    writeFileSync(path.join(into, name.replace(/\.pug$/, '.cjs')), `${source}\nmodule.exports = template;\n`);
  }
}

// tsc rewrites `./x.ts` to `./x.js` in the JavaScript it emits but not in declarations; a
// user's strict `nodenext` project would then need allowImportingTsExtensions to read ours.
function rewriteDeclarationImports(directory) {
  for (const name of readdirSync(directory)) {
    const file = path.join(directory, name);
    if (statSync(file).isDirectory()) {
      rewriteDeclarationImports(file);
    } else if (name.endsWith('.d.ts')) {
      const text = readFileSync(file, 'utf8');
      const rewritten = text.replace(/(from\s+|import\()(['"])(\.{1,2}\/[^'"]*)\.ts\2/g, '$1$2$3.js$2');
      if (rewritten !== text) {
        writeFileSync(file, rewritten);
      }
    }
  }
}
