// Asks a server which tagsets are failing, with the original's read methods (as its
// notify-failure-email script did): get_tagsets_for_package and get_last_result_for_tagset for
// each package, the packages named or else every one get_all_packages lists.
import { callXmlRpc, isUnknownMethodFault, type ServerAddress } from '../../runner/transport/index.ts';
import { getVisibleTags } from '../../wire/tagset.ts';
import type { FailingTagset } from '../../server/notify/email-failure-summary.ts';

export interface FailingTagsetQuery {
  /** These packages only; every package the server has when empty. */
  packages: readonly string[];
  /** Only results received at or after this time (Unix ms); all when undefined. */
  sinceMs?: number;
}

/** The server cannot list its packages (an original pony-build server): they must be named. */
export class PackageListError extends Error {
  override name = 'PackageListError';
}

export async function readFailingTagsets(server: ServerAddress, query: FailingTagsetQuery): Promise<FailingTagset[]> {
  const call = (method: string, params: Parameters<typeof callXmlRpc>[2]) => callXmlRpc(server.xmlrpcUrl, method, params);
  const packages = query.packages.length > 0 ? query.packages : await listPackages(call);
  const failures: FailingTagset[] = [];
  for (const packageName of packages) {
    const tagsets = (await call('get_tagsets_for_package', [packageName])) as string[][];
    for (const tagset of tagsets) {
      const failure = readFailure(await call('get_last_result_for_tagset', [packageName, tagset]), server, tagset);
      if (failure !== undefined && (query.sinceMs === undefined || failure.receivedAt.getTime() >= query.sinceMs)) {
        failures.push(failure);
      }
    }
  }
  return failures;
}

async function listPackages(call: (method: string, params: []) => Promise<unknown>): Promise<string[]> {
  try {
    return (await call('get_all_packages', [])) as string[];
  } catch (error) {
    if (isUnknownMethodFault(error, 'get_all_packages')) {
      throw new PackageListError('the server cannot list its packages (it has no get_all_packages); name them with --package');
    }
    throw error;
  }
}

// A result without `success` is neither passed nor failed, so it is not reported.
function readFailure(answer: unknown, server: ServerAddress, tagset: string[]): FailingTagset | undefined {
  if (!Array.isArray(answer)) {
    return undefined;
  }
  const [receipt, clientInfo, resultsList] = answer as [Record<string, unknown>, Record<string, unknown>, Array<Record<string, unknown>>];
  if (clientInfo.success !== false) {
    return undefined;
  }
  const resultKey = Number(receipt.result_key);
  const failedStep = resultsList.find((step) => step.status !== 0 && step.allowed_to_fail !== true);
  return {
    package: String(clientInfo.package),
    host: typeof clientInfo.host === 'string' ? clientInfo.host : '',
    arch: typeof clientInfo.arch === 'string' ? clientInfo.arch : '',
    tags: getVisibleTags(tagset),
    resultKey,
    // Unix seconds as a double (a whole one arrives as a WholeDouble, whose valueOf is the number).
    receivedAt: new Date(Number(receipt.time) * 1000),
    failedStep: typeof failedStep?.name === 'string' ? failedStep.name : null,
    url: new URL(`results/${resultKey}`, server.webUrl).href,
  };
}
