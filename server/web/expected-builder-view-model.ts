// Expected builders on the dashboard: the ones configured to report that never did (missing)
// or not recently enough (stale), and the dashboard rows of stale tagsets.
import { makeTagsetKey } from '../../wire/tagset.ts';
import type { ExpectedBuilderStatus } from '../queries/expected-types.ts';
import { describeTimeView, type TimeView } from './view-parts.ts';

export interface ExpectedBuilderRow {
  packageName: string;
  tags: string[];
  host: string;
  arch: string;
  /** `missing`: never reported; `stale`: its latest result is older than expected. */
  state: 'missing' | 'stale';
  lastSeen: TimeView | undefined;
  url: string | undefined;
}

export interface ExpectedBuilderView {
  rows: ExpectedBuilderRow[];
  /** Tagset keys whose latest result is older than an expected builder allows. */
  staleTagsetKeys: Set<string>;
}

export function toExpectedBuilderView(builders: readonly ExpectedBuilderStatus[], now: number): ExpectedBuilderView {
  const rows: ExpectedBuilderRow[] = [];
  const staleTagsetKeys = new Set<string>();
  for (const builder of builders) {
    for (const tagset of builder.tagsets) {
      if (tagset.state === 'stale') {
        staleTagsetKeys.add(makeTagsetKey(tagset.tagset));
      }
    }
    if (builder.state === 'ok') {
      continue;
    }
    rows.push({
      packageName: builder.package,
      tags: builder.tags,
      host: builder.host ?? 'any host',
      arch: builder.arch ?? 'any arch',
      state: builder.state,
      lastSeen: builder.latest ? describeTimeView(builder.latest.time, now) : undefined,
      url: builder.latest ? `/results/${builder.latest.resultKey}` : undefined,
    });
  }
  return { rows, staleTagsetKeys };
}
