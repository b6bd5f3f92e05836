// Talking to a pony-build server: the XML-RPC client, the calls a recipe makes, and server URLs.
export { callXmlRpc, type CallXmlRpcOptions } from './xmlrpc-client.ts';
export { XmlRpcTransportError, type TransportFailure } from './transport-error.ts';
export { hidePassword, parseServerUrl, type ServerAddress } from './server-url.ts';
export { CLIENT_TOKEN_VARIABLE, ClientTokenError, pickClientToken, type ClientToken } from './client-token.ts';
export { checkShouldBuild, getLastResultForTagset, releaseBuild, sendResults, type SentResult, type ShouldBuildAnswer } from './server-calls.ts';
export { createServerReporter, type ServerReporterOptions } from './server-reporter.ts';
export { createLiveReporter, noLiveBuildsMessage, type LiveOutcome, type LiveReporter, type LiveReporterOptions } from './live-reporter.ts';
export { addStep, appendOutput, beginBuild, createServerCall, finishBuild, type BegunBuild, type FinishedBuild, type ServerCall } from './live-calls.ts';
export { sendFinishedResult, type FinishedResult } from './send-finished-result.ts';
export { isServerUnavailable, isUnknownMethodFault } from './server-unavailable.ts';
