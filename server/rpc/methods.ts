// The original pony-build's XML-RPC methods and pony-build's own (release_build, get_all_packages and
// the live builds' four; docs/PROTOCOL.md, "XML-RPC methods"), each a thin call into the coordinator.
import type { WireStruct, WireValue } from '../../wire/types.ts';
import type { WriteTarget } from '../auth/types.ts';
import { UnknownResultError } from '../errors/domain-errors.ts';
import type { Coordinator } from '../coordinator/types.ts';
import type { ParamSpec } from './read-params.ts';

export interface RpcCallContext {
  coordinator: Coordinator;
  clientIp: string;
}

export interface RpcMethod {
  params: readonly ParamSpec[];
  /** What a call changes, for the server's auth mode; absent (or undefined) for a read (docs/PROTOCOL.md, "Which calls are writes"). */
  writes?(args: WireValue[]): WriteTarget | undefined;
  call(args: WireValue[], context: RpcCallContext): Promise<WireValue>;
}

const writesClientInfo = ([clientInfo]: WireValue[]): WriteTarget => ({ kind: 'client-info', clientInfo });
const writesLiveBuild = ([updateToken]: WireValue[]): WriteTarget => ({ kind: 'live-build', updateToken: updateToken as string });

// A Map, so that a method named `constructor` or `__proto__` is simply unknown.
export const RPC_METHODS: ReadonlyMap<string, RpcMethod> = new Map<string, RpcMethod>([
  ['add_results', {
    params: [{ name: 'client_info', type: 'struct' }, { name: 'results_list', type: 'array' }],
    writes: writesClientInfo,
    async call([clientInfo, resultsList], { coordinator, clientIp }) {
      const added = await coordinator.addResults(clientInfo as WireStruct, resultsList as WireStruct[], { clientIp });
      return [added.resultKey, added.authKey];
    },
  }],
  ['get_results', {
    params: [{ name: 'result_key', type: 'result key' }],
    async call([resultKey], { coordinator }) {
      const triple = await coordinator.getResult(resultKey as number);
      if (!triple) {
        throw new UnknownResultError(resultKey as number);
      }
      return triple;
    },
  }],
  ['check_should_build', {
    params: [
      { name: 'client_info', type: 'struct' },
      { name: 'reserve_build', type: 'boolean', default: true },
      { name: 'build_allowance', type: 'number', default: 0 },
    ],
    // A reservation turns other clients away, so only a reserving call is a write.
    writes: (args) => (args[1] === true ? writesClientInfo(args) : undefined),
    async call([clientInfo, reserveBuild, buildAllowance], { coordinator }) {
      const answer = await coordinator.checkShouldBuild(clientInfo as WireStruct, {
        reserveBuild: reserveBuild as boolean,
        buildAllowance: buildAllowance as number,
      });
      return [answer.build, answer.reason];
    },
  }],
  ['release_build', {
    params: [{ name: 'client_info', type: 'struct' }],
    writes: writesClientInfo,
    call: ([clientInfo], { coordinator }) => coordinator.releaseBuild(clientInfo as WireStruct),
  }],
  // The original coordinator's get_all_packages, so a report script can start from nothing (pony-build notify-failures).
  ['get_all_packages', {
    params: [],
    async call(_args, { coordinator }) {
      return (await coordinator.listPackages()).map((summary) => summary.package);
    },
  }],
  ['get_tagsets_for_package', {
    params: [{ name: 'package', type: 'string' }],
    call: ([packageName], { coordinator }) => coordinator.getTagsetsForPackage(packageName as string),
  }],
  ['get_last_result_for_tagset', {
    params: [{ name: 'package', type: 'string' }, { name: 'tagset', type: 'array of strings' }],
    async call([packageName, tagset], { coordinator }) {
      // The original answers 0, not a fault, when there is no such result.
      return (await coordinator.getLastResultForTagset(packageName as string, tagset as string[])) ?? 0;
    },
  }],
  ['begin_build', {
    params: [{ name: 'client_info', type: 'struct' }],
    writes: writesClientInfo,
    async call([clientInfo], { coordinator, clientIp }) {
      const begun = await coordinator.beginBuild(clientInfo as WireStruct, { clientIp });
      return [begun.resultKey, begun.updateToken];
    },
  }],
  ['add_step', {
    params: [{ name: 'update_token', type: 'string' }, { name: 'step', type: 'struct' }],
    writes: writesLiveBuild,
    async call([updateToken, step], { coordinator }) {
      await coordinator.addStep(updateToken as string, step);
      return true;
    },
  }],
  ['append_output', {
    params: [
      { name: 'update_token', type: 'string' },
      { name: 'step_index', type: 'number' },
      { name: 'stream', type: 'string' },
      { name: 'text', type: 'text' },
      { name: 'offset', type: 'number', default: null },
    ],
    writes: writesLiveBuild,
    async call([updateToken, stepIndex, stream, text, offset], { coordinator }) {
      await coordinator.appendOutput(updateToken as string, { stepIndex, stream, text, offset });
      return true;
    },
  }],
  ['finish_build', {
    params: [
      { name: 'update_token', type: 'string' },
      { name: 'client_info', type: 'struct' },
      { name: 'results_list', type: 'array', default: null },
    ],
    writes: writesLiveBuild,
    async call([updateToken, clientInfo, resultsList], { coordinator }) {
      const finished = await coordinator.finishBuild(updateToken as string, clientInfo as WireStruct, resultsList);
      return [finished.resultKey, finished.authKey];
    },
  }],
]);
