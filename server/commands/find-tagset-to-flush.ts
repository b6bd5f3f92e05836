// Which tagset `flush-tagset PACKAGE TAG...` means: the visible tags must be exactly the
// given ones, and any `__host=`/`__arch=` given must be there too. More than one match is an
// error, so that nothing is removed by accident.
import { getVisibleTags } from '../../wire/tagset.ts';
import { AmbiguousTagsetError, UnknownTagsetError } from '../errors/domain-errors.ts';
import type { TagsetRecord } from '../store/types.ts';

/** The one tagset of the package's tagsets that the tags name. */
export function findTagsetToFlush(packageName: string, tags: readonly string[], packageTagsets: TagsetRecord[]): TagsetRecord {
  const wantedVisible = new Set(getVisibleTags(tags));
  const wantedHidden = tags.filter((tag) => tag.startsWith('__'));
  const matches = packageTagsets.filter((record) => {
    const visible = getVisibleTags(record.tagset);
    return visible.length === wantedVisible.size
      && visible.every((tag) => wantedVisible.has(tag))
      && wantedHidden.every((tag) => record.tagset.includes(tag));
  });
  if (matches.length === 0) {
    throw new UnknownTagsetError(packageName, [...tags]);
  }
  if (matches.length > 1) {
    throw new AmbiguousTagsetError(packageName, [...tags], matches.map((record) => record.tagset));
  }
  return matches[0]!;
}
