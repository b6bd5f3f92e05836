// Settings such as CPYTHON_TEST_FLAGS reach a shell step as words; quoting keeps a value with
// spaces or `$` one argument, as it was given.
export function quoteShellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
