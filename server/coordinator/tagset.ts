// The tagset is defined by the wire protocol, which the client computes too.
export { buildTagset, getVisibleTags, makeTagsetKey, normalizeTagset, type BuildIdentity } from '../../runner/tagset.ts';
