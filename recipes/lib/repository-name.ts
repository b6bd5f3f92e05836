// A package is named after its repository when the recipe is not told otherwise, the way
// `git clone` names the directory: `https://example.org/left-pad.git` gives `left-pad`.
import { readRepositoryName } from '../../contexts/index.ts';

export function getRepositoryName(url: string): string {
  const name = readRepositoryName(url);
  if (name === undefined) {
    throw new Error(`cannot name a package after the repository URL \`${url}\`: it has no last path segment`);
  }
  return name;
}
