/** Exit statuses a cron job can tell apart. */
export const exitCodes = { success: 0, buildFailed: 1, usage: 2, reportFailed: 3, interrupted: 130 } as const;

/** A result that could not be kept or reported turns success into reportFailed; a failed build says more. */
export function failDelivery(buildCode: number): number {
  return buildCode === exitCodes.success ? exitCodes.reportFailed : buildCode;
}
