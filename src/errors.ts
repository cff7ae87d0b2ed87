/** Known failures that end a run with exit 2 and a message, never a stack trace (design.md §2.11). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
