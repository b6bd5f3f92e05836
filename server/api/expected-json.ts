// The JSON shape of expected builders, in the wire protocol's snake_case.
import type { ExpectedBuilderStatus, ExpectedResult } from '../queries/expected-types.ts';

/** `basePath` ('' or e.g. `/ci`) starts each result page's `url`. */
export function toExpectedJson(builders: ExpectedBuilderStatus[], basePath: string): unknown {
  return {
    expected: builders.map((builder) => ({
      package: builder.package,
      host: builder.host,
      arch: builder.arch,
      tags: builder.tags,
      max_age_seconds: builder.maxAgeSeconds,
      state: builder.state,
      age_seconds: builder.ageSeconds,
      latest: builder.latest && toResultJson(builder.latest, basePath),
      tagsets: builder.tagsets.map((tagset) => ({
        tagset: tagset.tagset,
        tags: tagset.visibleTags,
        host: tagset.host,
        arch: tagset.arch,
        state: tagset.state,
        latest: toResultJson(tagset.latest, basePath),
      })),
    })),
  };
}

function toResultJson(result: ExpectedResult, basePath: string): unknown {
  return { result_key: result.resultKey, time: result.time, success: result.success, url: `${basePath}/results/${result.resultKey}` };
}
