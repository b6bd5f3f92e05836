// How fast our XML-RPC parser reads what a build server receives: an add_results call of
// 640 KB of compiler logs, and one 8 MB string of nothing but character references (where
// quadratic text handling would show). The floor of 30 MB/s is far below what the parser does
// and above the npm `xmlrpc` package's 12 MB/s.
import { parseMethodCall } from '../wire/xmlrpc/index.ts';
import { makeAddResultsDocument, makeReferencesDocument } from './xmlrpc-documents.ts';

function measureMegabytesPerSecond(document: Buffer, rounds: number): number {
  parseMethodCall(document); // warm-up: the first parse also compiles the parser
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    parseMethodCall(document);
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  return document.length / 1e6 / best;
}

export async function measureXmlRpcParseSpeed(rounds = 5) {
  const addResults = makeAddResultsDocument(10);
  const references = makeReferencesDocument(700_000);
  return {
    addResultsBytes: addResults.length,
    addResultsMBps: measureMegabytesPerSecond(addResults, rounds),
    referencesBytes: references.length,
    referencesMBps: measureMegabytesPerSecond(references, rounds),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await measureXmlRpcParseSpeed()));
}
