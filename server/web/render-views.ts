// Templates are compiled once when the app is created, not on every request. Pug escapes
// every `=` and `#{}` output; the templates never use the unescaped forms.
import { fileURLToPath } from 'node:url';
import pug from 'pug';
import type { toTestHistoryPage } from './test-view-models.ts';
import type { toDashboardPage } from './dashboard-view-model.ts';
import type { toPackagePage } from './package-view-model.ts';
import type { toErrorPage } from './error-view-model.ts';
import type { toResultPage } from './result-view-model.ts';
import type { StepView } from './step-view-model.ts';

const VIEWS_DIRECTORY = fileURLToPath(new URL('./views/', import.meta.url));

export interface Views {
  renderIndex(page: ReturnType<typeof toDashboardPage>): string;
  renderPackage(page: ReturnType<typeof toPackagePage> & { buildRequested: boolean }): string;
  renderResult(page: ReturnType<typeof toResultPage>): string;
  /** One finished step's card alone, for a page following its running build. */
  renderStep(fragment: { step: StepView }): string;
  renderTestHistory(page: ReturnType<typeof toTestHistoryPage>): string;
  renderError(page: ReturnType<typeof toErrorPage>): string;
}

/** `basePath` ('' or e.g. `/ci`) is given to every template: each site link is written `basePath + path`. */
export function compileViews(basePath = ''): Views {
  const compile = (name: string) => pug.compileFile(`${VIEWS_DIRECTORY}${name}.pug`, { basedir: VIEWS_DIRECTORY, doctype: 'html' });
  const index = compile('index');
  const packagePage = compile('package');
  const result = compile('result');
  const step = compile('step-fragment');
  const testHistory = compile('test-history');
  const error = compile('error');
  return {
    renderIndex: (page) => index({ ...page, basePath }),
    renderPackage: (page) => packagePage({ ...page, basePath }),
    renderResult: (page) => result({ ...page, basePath }),
    renderStep: (fragment) => step({ ...fragment, basePath }),
    renderTestHistory: (page) => testHistory({ ...page, basePath }),
    renderError: (page) => error({ ...page, basePath }),
  };
}
