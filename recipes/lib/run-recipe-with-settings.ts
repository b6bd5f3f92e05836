// The front door of every recipe that reads settings from the environment: missing settings
// end the run with the usage status before anything is built, and `--help` lists the
// variables after the options.
import { exitCodes, runRecipe, type Recipe } from '../../runner/index.ts';
import { RecipeSettings } from './recipe-settings.ts';

export interface SettingsRunOptions {
  env?: Record<string, string | undefined>;
  argv?: readonly string[];
}

export async function runRecipeWithSettings(makeRecipe: (settings: RecipeSettings) => Recipe, options: SettingsRunOptions = {}): Promise<number> {
  const argv = options.argv ?? process.argv.slice(2);
  const settings = new RecipeSettings(options.env ?? process.env);
  const recipe = makeRecipe(settings);
  if (isHelpRequested(argv)) {
    const exitCode = await runRecipe(recipe, argv);
    process.stdout.write(settings.formatHelp());
    return exitCode;
  }
  if (settings.problems.length > 0) {
    process.stderr.write(`pony-build: ${settings.describeProblems()}\nRun with --help for the options and variables.\n`);
    process.exitCode = exitCodes.usage;
    return exitCodes.usage;
  }
  return runRecipe(recipe, argv);
}

// Help is answered even when settings are missing: it is how one finds out what to set.
function isHelpRequested(argv: readonly string[]): boolean {
  return argv.some((argument) => argument === '--help' || argument === '-h');
}
