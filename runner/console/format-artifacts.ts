// The terminal lines for a step's artifacts: each file with its size, so a run without a server
// shows what a reported run would upload, and what was wrong with the globs.
import type { StepResult } from '../../wire/types.ts';
import type { Palette } from './colors.ts';

export function formatStepArtifacts(result: StepResult, palette: Palette): string[] {
  const lines = (result.artifacts ?? []).map((artifact) =>
    palette.dim(`  artifact ${artifact.name} (${artifact.size} ${artifact.size === 1 ? 'byte' : 'bytes'})`));
  for (const warning of result.artifact_warnings ?? []) {
    lines.push(palette.yellow(`  artifacts warning: ${warning}`));
  }
  return lines;
}
