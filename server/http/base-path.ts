// Serving the whole site under a sub-path (`--base-path /ci`) behind a proxy that passes the
// prefix through. Routes are written from the site's root; this strips the prefix before they
// match, and pages and redirects put it back through `ctx.state.basePath`.
import type Koa from 'koa';
import { ServerOptionError } from '../options.ts';
import { HttpError } from './http-error.ts';

const BASE_PATH_SHAPE = /^(\/[A-Za-z0-9._~-]+)+$/;
// Browsers resolve `.` and `..` away, so pages under such a prefix could never be reached.
const DOT_SEGMENT = /\/\.{1,2}(?=\/|$)/;

/** What a base path must look like, for messages that name the flag or variable it came from. */
export const BASE_PATH_EXPECTED = 'a path such as /ci (letters, digits, . _ ~ - between slashes, no . or .. part)';

/** '' for the site's root; otherwise the prefix, with a leading slash and no trailing one. */
export function resolveBasePath(value: string | undefined): string {
  if (value === undefined || value === '' || value === '/') {
    return '';
  }
  const trimmed = value.endsWith('/') ? value.slice(0, -1) : value;
  if (!BASE_PATH_SHAPE.test(trimmed) || DOT_SEGMENT.test(trimmed)) {
    throw new ServerOptionError('basePath', BASE_PATH_EXPECTED, value);
  }
  return trimmed;
}

/** Requests outside the prefix are answered 404; inside it, routes see the path without it. */
export function serveUnderBasePath(basePath: string): Koa.Middleware {
  return async (ctx, next) => {
    ctx.state.basePath = basePath;
    if (basePath !== '') {
      if (ctx.path !== basePath && !ctx.path.startsWith(`${basePath}/`)) {
        throw new HttpError(404, `Nothing is at ${ctx.path}: this server's pages are under ${basePath}/.`);
      }
      ctx.path = ctx.path.slice(basePath.length) || '/';
    }
    await next();
  };
}
