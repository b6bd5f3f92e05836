// The whole log of a result as one file to download: every step's output and errout in
// order, each headed by the step's name and how it ended, as a person would grep or attach it.
import type { Router } from '@koa/router';
import type { Coordinator } from '../coordinator/types.ts';
import { UnknownResultError } from '../errors/domain-errors.ts';
import type { WireStruct } from '../../wire/types.ts';
import { formatAttachmentDisposition } from './content-disposition.ts';
import { formatCommand, formatDuration, formatOutput, formatValue } from './format.ts';
import { readResultKey } from './read-result-key.ts';

export function addWholeLogRoute(router: Router, coordinator: Coordinator): void {
  router.get('/results/:key/log.txt', async (ctx) => {
    const resultKey = readResultKey(ctx.params.key);
    const triple = await coordinator.getResult(resultKey);
    if (!triple) {
      throw new UnknownResultError(resultKey);
    }
    const [, clientInfo, steps] = triple;
    ctx.set({
      'Content-Disposition': formatAttachmentDisposition(`${formatValue(clientInfo.package)}-result-${resultKey}.log`),
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, max-age=3600',
    });
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = steps.map((step, index) => formatStepLog(step, index, steps.length)).join('\n');
  });
}

// The streams are written as they were captured, colour codes included (`less -R` shows them).
function formatStepLog(step: WireStruct, index: number, count: number): string {
  const name = step.name === undefined ? `step ${index + 1}` : formatValue(step.name);
  const facts = [step.status === undefined ? 'no status' : `status ${formatValue(step.status)}`, formatDuration(step.duration)]
    .filter((fact) => fact !== '');
  const lines = [`==> step ${index + 1} of ${count}: ${name} (${facts.join(', ')})`];
  const command = formatCommand(step.command);
  if (command !== '') {
    lines.push(`$ ${command}`);
  }
  for (const stream of ['output', 'errout'] as const) {
    const { text } = formatOutput(step[stream]);
    if (text !== '') {
      lines.push(`--- ${stream}`, text.endsWith('\n') ? text.slice(0, -1) : text);
    }
  }
  return `${lines.join('\n')}\n`;
}
