/** Absolute-path helpers shared by the readers, the analysis and the probe plan. */
import { sep } from 'node:path';

/** `child` is `parent` or inside it (both absolute). */
export const within = (parent: string, child: string): boolean => child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);
