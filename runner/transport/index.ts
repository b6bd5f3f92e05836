// Talking to a pony-build server: the XML-RPC client, the calls a recipe makes, and server URLs.
export { callXmlRpc, type CallXmlRpcOptions } from './xmlrpc-client.ts';
export { XmlRpcTransportError, type TransportFailure } from './transport-error.ts';
export { hidePassword, parseServerUrl, type ServerAddress } from './server-url.ts';
export { checkShouldBuild, getLastResultForTagset, releaseBuild, sendResults, type SentResult, type ShouldBuildAnswer } from './server-calls.ts';
export { createServerReporter, type ServerReporterOptions } from './server-reporter.ts';
