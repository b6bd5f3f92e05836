// The JSON shapes the API answers with; field names follow the wire protocol's snake_case.
import type { PackageSummary, TagsetSummary } from '../queries/summary-types.ts';
import type { StoredTriple } from '../queries/result.ts';
import { encodeAnswerValue } from '../store/tagged-json.ts';

export function toResultJson([receipt, clientInfo, resultsList]: StoredTriple): unknown {
  return {
    receipt: encodeAnswerValue(receipt),
    client_info: encodeAnswerValue(clientInfo),
    results_list: encodeAnswerValue(resultsList),
  };
}

/** `basePath` ('' or e.g. `/ci`) starts each result page's `url`. */
export function toPackagesJson(packages: PackageSummary[], basePath: string): unknown {
  return {
    packages: packages.map((summary) => ({
      package: summary.package,
      tagsets: summary.tagsets.map((tagset) => toTagsetJson(tagset, basePath)),
    })),
  };
}

function toTagsetJson(summary: TagsetSummary, basePath: string): unknown {
  const { latest } = summary;
  return {
    tagset: summary.tagset,
    tags: summary.visibleTags,
    result_count: summary.resultCount,
    latest: {
      result_key: latest.resultKey,
      time: latest.time,
      host: latest.host,
      arch: latest.arch,
      success: latest.success,
      duration: latest.duration,
      url: `${basePath}/results/${latest.resultKey}`,
    },
  };
}
