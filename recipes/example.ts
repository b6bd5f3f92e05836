// The smallest useful recipe: build a tiny "program" in a fresh temp dir and
// test it. Needs only Node and a POSIX shell.
//
//   npx tsx recipes/example.ts                 # local run, result in ./pony-results
//   npx tsx recipes/example.ts --report URL    # report to a pony-build server
import { tempDir } from '../contexts/index.ts';
import { build, runRecipe, test } from '../runner/index.ts';

await runRecipe({
  package: 'example',
  contexts: [tempDir()],
  steps: [
    build('printf "#!/bin/sh\\necho hello, world\\n" > hello && chmod +x hello && echo built ./hello', {
      name: 'build hello',
      shell: true,
    }),
    test('out=$(./hello) && echo "got: $out" && test "$out" = "hello, world"', { name: 'test hello', shell: true }),
    test(['node', '-e', 'console.log("node", process.version, "works")'], { name: 'node runs' }),
  ],
});
