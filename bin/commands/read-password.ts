// An admin's password comes on stdin, never on the command line (where `ps` and shell history
// would show it): all of stdin with one trailing newline removed, so `printf` and `echo` both
// work. On a terminal it is asked for without echoing it.
import { once } from 'node:events';

export async function readPassword(prompt: string, input: NodeJS.ReadStream = process.stdin): Promise<string> {
  return input.isTTY ? readFromTerminal(prompt, input) : removeTrailingNewline(await readAll(input));
}

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) {
    chunks.push(Buffer.from(chunk as Buffer));
  }
  return Buffer.concat(chunks).toString('utf8');
}

function removeTrailingNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

// Raw mode keeps the terminal from echoing; the line ends at Enter, Backspace takes back a character.
async function readFromTerminal(prompt: string, input: NodeJS.ReadStream): Promise<string> {
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.setEncoding('utf8');
  let typed = '';
  try {
    for (;;) {
      const [text] = (await once(input, 'data')) as [string];
      for (const character of text) {
        if (character === '\r' || character === '\n') {
          return typed;
        }
        if (character === '\u0003') {
          throw new PasswordPromptCancelledError();
        }
        typed = character === '\u007f' || character === '\b' ? [...typed].slice(0, -1).join('') : typed + character;
      }
    }
  } finally {
    input.setRawMode(false);
    input.pause();
    process.stderr.write('\n');
  }
}

/** Ctrl-C at the password prompt. */
export class PasswordPromptCancelledError extends Error {
  override name = 'PasswordPromptCancelledError';

  constructor() {
    super('cancelled at the password prompt; nothing changed');
  }
}
