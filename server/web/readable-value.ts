// Structured client_info and step keys as fields people read: lists as lists, structs as
// their own fields, durations as durations, tags as tags, revisions linked to their commits.
// Never JSON: the page is for people, and the JSON API is there for programs.
import type { WireStruct, WireValue } from '../../wire/types.ts';
import { isWireStruct } from '../../wire/describe-value.ts';
import type { CommitLink } from '../config/types.ts';
import { findCommitUrl } from './commit-url.ts';
import { formatDuration, formatValue } from './format.ts';

export type ReadableValue =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; url: string }
  | { kind: 'tags'; tags: string[] }
  | { kind: 'list'; items: ReadableValue[] }
  | { kind: 'fields'; fields: ReadableField[] };

export interface ReadableField {
  key: string;
  value: ReadableValue;
}

/** Each key of a bag (client_info, a checkout, a step's own keys) as a field. */
export function toReadableFields(bag: WireStruct, commitLinks: readonly CommitLink[]): ReadableField[] {
  return Object.keys(bag).map((key) => ({ key, value: toReadableValue(key, bag[key]!, bag, commitLinks) }));
}

function toReadableValue(key: string, value: WireValue, bag: WireStruct, commitLinks: readonly CommitLink[]): ReadableValue {
  const duration = key === 'duration' ? formatDuration(value) : '';
  if (duration !== '') {
    return { kind: 'text', text: duration };
  }
  if (key === 'success' && typeof value === 'boolean') {
    return { kind: 'text', text: value ? 'pass' : 'fail' };
  }
  if (key === 'tags' && Array.isArray(value) && value.every((tag) => typeof tag === 'string')) {
    return { kind: 'tags', tags: value.map((tag) => formatValue(tag)) };
  }
  if (key === 'revision' && typeof value === 'string' && typeof bag.repository === 'string') {
    const url = findCommitUrl(commitLinks, bag.repository, value);
    if (url !== undefined) {
      return { kind: 'link', text: formatValue(value), url };
    }
  }
  if (Array.isArray(value)) {
    return { kind: 'list', items: value.map((item) => toReadableValue('', item, {}, commitLinks)) };
  }
  if (isWireStruct(value)) {
    return { kind: 'fields', fields: toReadableFields(value, commitLinks) };
  }
  return { kind: 'text', text: formatValue(value) };
}
