// How bench/report.md writes numbers and verdicts, for run.ts and the sections built elsewhere.
export const fixed = (value: number, digits = 2) => value.toFixed(digits);
export const verdict = (met: boolean) => (met ? 'met' : '**missed**');
