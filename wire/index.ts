// The wire contract both sides speak (docs/PROTOCOL.md, "The three bags", "Tagsets", "Values on
// the wire" and "Codec bounds and parse errors"): the result model, tagsets, the XML-RPC codec
// and the one describer of values for error messages.
export type * from './types.ts';
export { buildTagset, getVisibleTags, makeTagsetKey, normalizeTagset, type BuildIdentity } from './tagset.ts';
export { WholeDouble, toWireDouble } from './whole-double.ts';
export { readWireNumber, readWireSeconds } from './read-wire-number.ts';
export { describeValue, describeWireType, describeWireValue, isWireStruct } from './describe-value.ts';
export * from './xmlrpc/index.ts';
