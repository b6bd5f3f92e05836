// The XML-RPC codec, both halves: what a client sends and reads, and what a server reads and answers.
export { serializeMethodCall, serializeMethodResponse, serializeFault } from './serialize.ts';
export { parseMethodCall, parseMethodResponse, type MethodCall } from './parse.ts';
export { XmlRpcFault, XmlRpcParseError, type XmlRpcPosition } from './errors.ts';
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, type XmlRpcLimits } from './limits.ts';
export { formatIsoDate, parseIsoDate } from './date.ts';
