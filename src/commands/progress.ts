/**
 * Progress on stderr for people watching a long scan: only on a terminal, and only once the scan
 * has taken more than a second, so quick runs, pipes and CI logs never see it.
 */
const DELAY_MS = 1000;

export interface Progress {
  readonly update: (message: string) => void;
  /** erases the progress line, if one was drawn */
  readonly done: () => void;
}

export function terminalProgress(stream: NodeJS.WriteStream): Progress {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  const start = Date.now();
  let drawn = false;
  return {
    update: (message) => {
      if (Date.now() - start < DELAY_MS) return;
      stream.write(`\r\u001b[Kwasm-doctor: ${message}`);
      drawn = true;
    },
    done: () => {
      if (drawn) stream.write('\r\u001b[K');
    },
  };
}
