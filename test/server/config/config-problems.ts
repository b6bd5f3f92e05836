// The problems parseServerConfig reports for a document, for tests that assert them exactly.
import { parseServerConfig, ServerConfigError } from '../../../server/index.ts';

export function listConfigProblems(document: unknown): string[] {
  try {
    parseServerConfig(document);
  } catch (error) {
    if (error instanceof ServerConfigError) {
      return error.problems;
    }
    throw error;
  }
  throw new Error('expected a ServerConfigError');
}
