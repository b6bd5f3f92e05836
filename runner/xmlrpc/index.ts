export { serializeMethodCall, serializeMethodResponse, serializeFault } from './serialize.ts';
export { parseMethodCall, parseMethodResponse, type MethodCall } from './parse.ts';
export { callXmlRpc, type CallXmlRpcOptions } from './client.ts';
export {
  XmlRpcFault,
  XmlRpcParseError,
  XmlRpcTransportError,
  type TransportFailure,
  type XmlRpcPosition,
} from './errors.ts';
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, type XmlRpcLimits } from './limits.ts';
export { formatIsoDate, parseIsoDate } from './date.ts';
