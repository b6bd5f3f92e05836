// XML-RPC documents shaped like what a build server receives, shared by the parse-speed
// benchmark and the parser's linearity test so both measure the same thing.
import { serializeMethodCall } from '../wire/xmlrpc/index.ts';

// Compiler output full of what XML must escape.
function makeBuildLog(bytes: number): string {
  const lines = [
    "src/parse.c:12:5: warning: comparison of 'a < b' && 'c > d' [-Wsign-compare]",
    '#include <stdio.h> /* & <stdlib.h> */ std::vector<std::pair<int, T>> f(T&& x)',
    'test_escape[<a>&amp;</a>] PASSED',
  ];
  let log = '';
  for (let line = 0; log.length < bytes; line++) {
    log += `${lines[line % lines.length]} ${line}\n`;
  }
  return log;
}

/** An add_results call of `steps` steps, each with 64 KB of logs (48 KB stdout, 16 KB stderr). */
export function makeAddResultsDocument(steps: number): Buffer {
  const results = Array.from({ length: steps }, (_, index) => ({
    name: `step ${index}`, type: 'build', status: 0, output: makeBuildLog(48_000), errout: makeBuildLog(16_000), command: 'make', duration: 1,
  }));
  return Buffer.from(serializeMethodCall('add_results', [{ package: 'p' }, results]));
}

/** An add_results call whose one string is `<&>` `repeat` times: nothing but character references. */
export function makeReferencesDocument(repeat: number): Buffer {
  return Buffer.from(serializeMethodCall('add_results', ['<&>'.repeat(repeat)]));
}
