/**
 * The directory listings the tree walk already took, so that "is there a Trunk.toml here?" inside
 * the tree costs a map lookup instead of a system call (a check of a large monorepo asks about a
 * thousand such paths). Only what a listing settles is answered from it: a symbolic link, a
 * directory the walk did not enter (`target/`, excluded paths) or a path outside the tree is
 * asked of the filesystem, exactly as `existsSync` would.
 */
import { existsSync, type Dirent } from 'node:fs';
import { basename, dirname } from 'node:path';

type Kind = 'dir' | 'link' | 'other';

export class DirIndex {
  private readonly listings = new Map<string, Map<string, Kind>>();

  /** Records the entries of `dir`, as `readdirSync(dir, { withFileTypes: true })` gave them. */
  add(dir: string, entries: readonly Dirent[]): void {
    this.listings.set(dir, new Map(entries.map((e) => [e.name, e.isSymbolicLink() ? 'link' : e.isDirectory() ? 'dir' : 'other'])));
  }

  /** `existsSync(abs)`, answered from the listings where they settle it. */
  exists(abs: string): boolean {
    const known = this.lookup(abs);
    return known === 'absent' ? false : known === 'dir' || known === 'other' ? true : existsSync(abs);
  }

  /** What the listings say of `abs`: an entry kind, `absent`, or undefined when they do not know. */
  private lookup(abs: string): Kind | 'absent' | undefined {
    const parent = dirname(abs);
    if (parent === abs) return undefined;
    const entries = this.listings.get(parent);
    if (entries) return entries.get(basename(abs)) ?? 'absent';
    // Not listed itself: absent when an ancestor's listing has no directory on the way.
    const up = this.lookup(parent);
    return up === 'absent' || up === 'other' ? 'absent' : undefined;
  }
}
