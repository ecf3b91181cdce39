/**
 * Reads passwords from the terminal without echoing them, or, when input is
 * not a terminal (a script, a test), line by line. Never from argv or the
 * environment, where other users of the machine and shell history see them.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

export class PromptAborted extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PromptAborted';
  }
}

export interface PasswordPrompt {
  ask(question: string): Promise<string>;
  close(): void;
}

export function passwordPrompt(input: NodeJS.ReadableStream & { isTTY?: boolean }, output: NodeJS.WritableStream): PasswordPrompt {
  let echo = true;
  // readline echoes what is typed through its output; muted, the password stays off the screen.
  const shown = new Writable({
    write(chunk, encoding, done) {
      if (echo) output.write(chunk, encoding);
      done();
    },
  });
  const rl = createInterface({ input, output: shown, terminal: input.isTTY === true });
  let interrupted = false;
  const lines = rl[Symbol.asyncIterator]();
  rl.on('SIGINT', () => {
    interrupted = true;
    rl.close();
  });

  return {
    async ask(question) {
      output.write(question);
      echo = false;
      try {
        const line = await lines.next();
        if (interrupted) throw new PromptAborted('Stopped; nothing was changed.');
        if (line.done) throw new PromptAborted('No password was given (the input ended); nothing was changed.');
        return line.value;
      } finally {
        echo = true;
        output.write('\n');
      }
    },
    close: () => rl.close(),
  };
}
