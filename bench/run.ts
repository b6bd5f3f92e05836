// `npm run bench`: every benchmark in one run on this machine, compared as
// ratios measured side by side (the machine is shared, absolute times drift),
// written to bench/report.md.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { measureAddResultsRate } from './add-results-rate.ts';
import { measureCliStartup } from './cli-startup.ts';
import { measureJunitParse } from './junit-parse.ts';
import { measureLiveOverhead, measureLiveServerThroughput } from './live-reporting.ts';
import { measureNotifyOverhead } from './notify-overhead.ts';
import { LOAD_SECONDS_VARIABLE, measureLoadClients, type LoadFigures } from './load-clients.ts';
import { measureOutputThroughput } from './output-throughput.ts';
import { measurePageLatency } from './page-latency.ts';
import { fixed, verdict } from './report-format.ts';
import { measureScale, SCALE_RESULTS_VARIABLE } from './scale.ts';
import { describeScaleStore, formatScaleReport } from './scale-report.ts';
import { measureStepsOverhead } from './steps-overhead.ts';
import { measureTerminationLatency } from './termination-latency.ts';
import { measureXmlRpcParseSpeed } from './xmlrpc-parse-speed.ts';

const reportFile = fileURLToPath(new URL('report.md', import.meta.url));

function log(text: string) {
  process.stderr.write(`${text}\n`);
}

log('1/11 steps overhead (200 trivial steps)...');
const steps = await measureStepsOverhead();
log(JSON.stringify(steps));
log('2/11 output throughput (1 GiB)...');
const output = await measureOutputThroughput();
log(JSON.stringify(output));
log('3/11 add_results rate...');
const rate = await measureAddResultsRate();
log(JSON.stringify(rate));
log('4/11 JUnit XML parsing (100,000 cases)...');
const junit = await measureJunitParse();
log(JSON.stringify(junit));
log('5/11 page latency with 100,000 results (seeding takes a while)...');
const pages = await measurePageLatency();
log(JSON.stringify(pages));
log('6/11 command start-up...');
const startup = await measureCliStartup();
log(JSON.stringify(startup));
log('7/11 XML-RPC parsing speed...');
const xmlrpc = await measureXmlRpcParseSpeed();
log(JSON.stringify(xmlrpc));
log('8/11 how soon a killed step ends...');
const termination = await measureTerminationLatency();
log(JSON.stringify(termination));
log('9/11 live reporting overhead (a 200 MB step, with and without --report)...');
const liveOverhead = await measureLiveOverhead();
log(JSON.stringify(liveOverhead));
log('10/11 50 concurrent live builds...');
const liveServer = await measureLiveServerThroughput();
log(JSON.stringify(liveServer));
log(`11/11 50 clients sending results, --auth open and tokens (${process.env[LOAD_SECONDS_VARIABLE] ?? 60} s each)...`);
const load = await measureLoadClients();
log(JSON.stringify(load));
log('notifications overhead (add_results with five webhooks against none)...');
const notify = await measureNotifyOverhead();
log(JSON.stringify(notify));
log(`scale: SQLite and PostgreSQL with ${process.env[SCALE_RESULTS_VARIABLE] ?? '1,000,000'} results (${SCALE_RESULTS_VARIABLE}; generating them takes a while)...`);
const scale = await measureScale(process.env, log);
for (const store of scale.stores) {
  log(JSON.stringify(store));
  log(describeScaleStore(store));
}
const latencyRow = (label: string, timing: { medianMs: number; maxMs: number }) =>
  `| ${label} | ${fixed(timing.medianMs, 0)} ms | ${fixed(timing.maxMs, 0)} ms | ${verdict(timing.maxMs < 1000)} |`;
const loadRow = (label: string, figures: LoadFigures) =>
  `| ${label} | ${fixed(figures.resultsPerSecond, 1)} | ${fixed(figures.p50Ms, 0)} ms | ${fixed(figures.p95Ms, 0)} ms | ${fixed(figures.p99Ms, 0)} ms `
  + `| ${figures.errors}${figures.firstError === undefined ? '' : ` (first: ${figures.firstError})`} | ${figures.lost} (${verdict(figures.lost === 0)}) |`;
const pageRow = (label: string, timing: { medianMs: number; p95Ms: number }) =>
  `| ${label} | ${fixed(timing.medianMs, 1)} ms | ${fixed(timing.p95Ms, 1)} ms | ${verdict(timing.p95Ms < 50)} |`;

const report = `# pony-build benchmarks

Run on ${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${fixed(os.totalmem() / 1024 ** 3, 0)} GiB.
Each comparison was measured side by side in this run; the ratios are what count.

## 1. Per-step overhead: ${steps.steps} steps of \`/bin/true\`

| runner | time (median of 5) |
|---|---|
| bash loop | ${fixed(steps.shellMs, 0)} ms |
| bare \`child_process.spawn\` loop | ${fixed(steps.spawnMs, 0)} ms |
| pony-build \`runBuild\` (with the console reporter) | ${fixed(steps.runnerMs, 0)} ms |

pony-build / spawn loop: **${fixed(steps.runnerOverSpawn)}x** (target at most 2x: ${verdict(steps.runnerOverSpawn <= 2)}); pony-build / bash loop: ${fixed(steps.runnerOverShell)}x.

## 2. A step printing 1 GiB

| | throughput |
|---|---|
| \`cmd \\| tee file > /dev/null\` | ${fixed(output.teeMBps, 0)} MB/s |
| pony-build (live to the terminal, full log file, bounded capture) | ${fixed(output.runnerMBps, 0)} MB/s |

pony-build / tee: **${fixed(output.runnerOverTee * 100, 0)}%** (target at least 80%: ${verdict(output.runnerOverTee >= 0.8)}).
Runner peak RSS: **${fixed(output.runnerPeakRssMb, 0)} MB** (target under 100 MB: ${verdict(output.runnerPeakRssMb < 100)}), on the compiled runner in dist/, with no TypeScript loader.

## 3. add_results per second (10 steps, 64 KB of output with \`<\`, \`&\` and ANSI colours)

Body sizes: JSON ${rate.jsonBytes} bytes, XML-RPC ${rate.xmlBytes} bytes. ${8} concurrent clients on loopback, server in its own process.

| endpoint | results/s |
|---|---|
| bare Koa route (JSON.parse + one SQLite transaction) | ${fixed(rate.bareRate, 0)} |
| pony-build \`POST /api/v1/results\` | ${fixed(rate.jsonRate, 0)} |
| pony-build \`POST /xmlrpc\` add_results | ${fixed(rate.xmlrpcRate, 0)} |

JSON / bare: **${fixed(rate.jsonOverBare)}** (target at least 0.5: ${verdict(rate.jsonOverBare >= 0.5)}); XML-RPC / JSON: **${fixed(rate.xmlrpcOverJson)}** (target at least 0.33: ${verdict(rate.xmlrpcOverJson >= 1 / 3)}).
Server peak RSS after the run: ${rate.serverPeakRssMb === undefined ? 'not reported' : `${fixed(rate.serverPeakRssMb, 0)} MB`}.

## 4. Parsing a JUnit XML report of ${junit.cases.toLocaleString('en')} cases (${fixed(junit.fileMb, 1)} MB)

Each parser in its own process (best of 3; peak RSS includes Node and the tsx loader).

| parser | time | peak RSS |
|---|---|---|
| \`fast-xml-parser\` reading the whole file into one object, nothing more | ${fixed(junit.fastXmlParserMs, 0)} ms | ${fixed(junit.fastXmlParserPeakRssMb, 0)} MB |
| pony-build \`parseJunitFile\` (streaming; every case built, strings bounded) | ${fixed(junit.oursMs, 0)} ms | ${fixed(junit.oursPeakRssMb, 0)} MB |

pony-build / fast-xml-parser time: **${fixed(junit.oursOverFastXmlParser)}x**.

## 5. Pages with ${pages.results.toLocaleString('en')} results (${pages.packages} packages, ${pages.tagsets} tagsets)

Seeded through the coordinator in ${fixed(pages.seedSeconds, 0)} s; one client, ${60} requests per page after 5 warm-up requests.

| page | median | p95 | p95 under 50 ms |
|---|---|---|---|
${pageRow('dashboard `/`', pages.pages.dashboard)}
${pageRow('package page `/packages/package-7`', pages.pages.packagePage)}
${pageRow('result page `/results/<key>`', pages.pages.resultPage)}

\`startServer()\` with this database: **${fixed(pages.startServerMs, 0)} ms** (target under 1 s: ${verdict(pages.startServerMs < 1000)}); the whole process, Node and tsx included, answered after ${fixed(pages.processReadyMs, 0)} ms.
Server RSS once started: ${fixed(pages.rssAfterStartMb, 0)} MB; peak after the page requests: ${pages.peakRssMb === undefined ? 'not reported' : `${fixed(pages.peakRssMb, 0)} MB`}.

## 6. Command start-up (compiled JavaScript in dist/, no TypeScript loader)

| command | time (median of 15, interleaved) | peak RSS |
|---|---|---|
| \`node -e 0\` | ${fixed(startup.nodeMs, 0)} ms | ${fixed(startup.nodeRssMb, 0)} MB |
| \`pony-build --help\` | ${fixed(startup.helpMs, 0)} ms | ${fixed(startup.helpRssMb, 0)} MB |

\`--help\` / \`node -e 0\`: **${fixed(startup.helpOverNode)}x** (target within 2x: ${verdict(startup.helpOverNode <= 2)}).
\`pony-build serve\` on an empty database, from spawn to its first answered request (median of 5): **${fixed(startup.serveFirstAnswerMs, 0)} ms** (target under 500 ms: ${verdict(startup.serveFirstAnswerMs < 500)}; ${fixed(startup.serveFirstAnswerMs / startup.nodeMs, 1)}x \`node -e 0\` in this run).

## 7. Parsing XML-RPC (best of 5)

| document | speed | at least 30 MB/s |
|---|---|---|
| add_results, 10 steps of compiler logs (${fixed(xmlrpc.addResultsBytes / 1e3, 0)} KB) | ${fixed(xmlrpc.addResultsMBps, 0)} MB/s | ${verdict(xmlrpc.addResultsMBps > 30)} |
| one string of nothing but \`<&>\` (${fixed(xmlrpc.referencesBytes / 1e6, 1)} MB) | ${fixed(xmlrpc.referencesMBps, 0)} MB/s | ${verdict(xmlrpc.referencesMBps > 30)} |

That it stays linear is tested (\`test/wire/xmlrpc/speed.test.ts\`, by CPU time); how fast it is, only here.

## 8. How soon a killed step ends (5 rounds)

Time from when the timer is due (or Ctrl-C, plus the grace) to the step's outcome. The tests check that each happens; how soon is measured only here.

| what ends the step | median after its timer | worst | worst under 1 s |
|---|---|---|---|
${latencyRow('a 300 ms timeout, the shell waiting on a grandchild', termination.timeout)}
${latencyRow('SIGKILL after a 300 ms grace, for a command ignoring SIGTERM', termination.killGrace)}
${latencyRow('the 500 ms grace for pipes a background process holds open', termination.pipeGrace)}
${latencyRow('a survivor of SIGTERM, killed once the command is gone (5 s grace not waited for)', termination.survivorKill)}

## 9. Live reporting: a step printing ${fixed(liveOverhead.stepMb, 0)} MB

The recipe on the compiled runner, its terminal to /dev/null, best of 2 interleaved runs; the server in its own process.

| run | throughput |
|---|---|
| without \`--report\` (result kept in a file) | ${fixed(liveOverhead.plainMBps, 0)} MB/s |
| \`--report\` to a live server | ${fixed(liveOverhead.liveMBps, 0)} MB/s |

live / without: **${fixed(liveOverhead.liveOverPlain * 100, 0)}%**.

## 10. The server with ${liveServer.builds} concurrent live builds

Each client: begin_build, 5 steps of 4 append_output batches (16 KB each) and add_step, finish_build (${liveServer.callsPerBuild} calls), all at once after one warm-up build.

| builds/s | output MB/s | errors | server peak RSS |
|---|---|---|---|
| ${fixed(liveServer.buildsPerSecond, 1)} | ${fixed(liveServer.outputMBps, 2)} | ${liveServer.errors}${liveServer.firstError === undefined ? '' : ` (first: ${liveServer.firstError})`} | ${liveServer.serverPeakRssMb === undefined ? 'not reported' : `${fixed(liveServer.serverPeakRssMb, 0)} MB`} |

## 11. ${load.clients} clients sending results at once

\`pony-build serve\` in its own process (SQLite file, request limit off); each client sends a result (4 steps with output, 5 test cases) after another for ${load.secondsPerMode} s per mode, after a ${load.warmupSeconds} s warm-up, over XML-RPC (${load.jsonClients} of them over the JSON API). Every acknowledged result key was read back from the store afterwards. Both servers run side by side and take the load in turns (open, tokens, tokens, open, twice, after a warm-up of each), so drift falls on both alike. Server CPU per result (from /proc): open ${load.open.serverCpuMsPerResult === undefined ? 'not measured' : `${fixed(load.open.serverCpuMsPerResult)} ms`}, tokens ${load.tokens.serverCpuMsPerResult === undefined ? 'not measured' : `${fixed(load.tokens.serverCpuMsPerResult)} ms`}.

| \`--auth\` | results/s | p50 | p95 | p99 | errors | results lost |
|---|---|---|---|---|---|---|
${loadRow('open', load.open)}
${loadRow('tokens (a token per client)', load.tokens)}

tokens / open throughput: **${fixed(load.tokensOverOpen)}** (token checks cost under 10%: ${verdict(load.tokenCheckWithin10Percent)}).

## 12. Notifications

add_results (the realistic result of section 3, every tenth failing, 8 at a time, JSON API) on a server with five webhooks subscribed to every event and e-mail on every change (receivers and an SMTP sink on 127.0.0.1, in a child process) against one with none, fresh databases, alternating rounds, medians. While submissions arrive the worker paces itself; the queue drains after them.

| none | five webhooks | ratio | webhook calls answered (while measuring) | mails | queue drained after | less than 10% slower |
|---|---|---|---|---|---|---|
| ${fixed(notify.plainPerSecond, 1)}/s | ${fixed(notify.notifyingPerSecond, 1)}/s | ${fixed(notify.ratio)} | ${notify.webhookCalls} (${notify.webhookCallsWhileMeasuring}) | ${notify.mails ?? 'not measured'} | ${notify.drainSeconds === null ? 'not within the limit' : `${fixed(notify.drainSeconds, 1)} s`} | ${verdict(notify.met)} |

## 13. Scale: SQLite and PostgreSQL with a large database

${formatScaleReport(scale)}
`;

writeFileSync(reportFile, report);
process.stdout.write(report);
log(`written to ${reportFile}`);
