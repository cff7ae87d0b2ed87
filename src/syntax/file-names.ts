/** File kinds recognised by name, shared by the CI readers and the suppression scanner. */
import { basename } from 'node:path';

export const isDockerfile = (path: string): boolean => {
  const lower = basename(path).toLowerCase();
  return lower === 'dockerfile' || lower.startsWith('dockerfile.') || lower.endsWith('.dockerfile') || lower === 'containerfile' || lower.startsWith('containerfile.');
};

export const isMakefile = (path: string): boolean => ['Makefile', 'makefile', 'GNUmakefile'].includes(basename(path));

export const isJustfile = (path: string): boolean => ['justfile', '.justfile'].includes(basename(path).toLowerCase());
