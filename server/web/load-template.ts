// A pug template as a render function. Compiling one costs tens of milliseconds (pug parses it
// and generates code through babel), and the pages have several: the published package ships
// them compiled (scripts/build-package.mjs writes views-compiled/<name>.cjs beside views/), so a
// server starts without compiling anything. Run from the TypeScript sources, where nothing is
// compiled ahead, each template is compiled on first use; either way, once per process.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import pug from 'pug';

export type Template = (locals: object) => string;

const VIEWS_DIRECTORY = fileURLToPath(new URL('./views/', import.meta.url));
const COMPILED_DIRECTORY = fileURLToPath(new URL('./views-compiled/', import.meta.url));
const require = createRequire(import.meta.url);
const loaded = new Map<string, Template>();

/** The options both ways of compiling share, so a compiled template renders exactly as one compiled at run time. */
export const TEMPLATE_OPTIONS = { basedir: VIEWS_DIRECTORY, doctype: 'html' } as const;

/** The template `views/<name>.pug`. */
export function loadTemplate(name: string): Template {
  let template = loaded.get(name);
  if (template === undefined) {
    const compiled = `${COMPILED_DIRECTORY}${name}.cjs`;
    template = existsSync(compiled)
      ? require(compiled) as Template
      : pug.compileFile(`${VIEWS_DIRECTORY}${name}.pug`, TEMPLATE_OPTIONS);
    loaded.set(name, template);
  }
  return template;
}
