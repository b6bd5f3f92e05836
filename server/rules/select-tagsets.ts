// Picks tagsets by what people see (visible tags, host, arch), so stable URLs and filters do
// not need the synthetic `__` tags spelled out.
import { getVisibleTags } from '../../wire/tagset.ts';
import type { TagsetRecord } from '../store/types.ts';

/** Which of a package's tagsets: `tags` are the visible tags, host and arch narrow further. */
export interface TagsetSelector {
  tags: string[];
  host?: string;
  arch?: string;
  /** When true the visible tags must equal `tags`; otherwise they must include them. */
  exactTags: boolean;
}

export function selectTagsets(records: readonly TagsetRecord[], selector: TagsetSelector): TagsetRecord[] {
  const wanted = new Set(selector.tags);
  return records.filter((record) => {
    if (selector.host !== undefined && !record.tagset.includes(`__host=${selector.host}`)) {
      return false;
    }
    if (selector.arch !== undefined && !record.tagset.includes(`__arch=${selector.arch}`)) {
      return false;
    }
    const visible = getVisibleTags(record.tagset);
    const hasAll = [...wanted].every((tag) => visible.includes(tag));
    return selector.exactTags ? hasAll && visible.length === wanted.size : hasAll;
  });
}
