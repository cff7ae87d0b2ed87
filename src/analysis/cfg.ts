/**
 * Evaluates `[target.'cfg(...)'.dependencies]` keys and plain triples for a compilation target.
 * Unknown predicates evaluate to `undefined` (maybe), so callers can stay silent when unsure.
 */
type Tri = boolean | undefined;

interface TargetFacts {
  readonly triple: string;
  readonly values: ReadonlyMap<string, string>;
  readonly flags: ReadonlySet<string>;
}

export function targetFacts(triple: string): TargetFacts {
  const parts = triple.split('-');
  // `wasm32-wasip2`, `wasm32-wasip1-threads`: WASI triples have no vendor field (rustc's is `unknown`)
  const [arch = '', vendor = '', os = '', env = ''] = parts[1]?.startsWith('wasi') ? [parts[0], 'unknown', ...parts.slice(1)] : parts;
  const wasm = arch.startsWith('wasm');
  const osName = os === 'wasi' || os.startsWith('wasip') ? 'wasi' : os;
  const envName = os.startsWith('wasip') ? os.slice(4) : env;
  const values = new Map<string, string>([
    ['target_arch', arch],
    ['target_vendor', vendor],
    ['target_os', osName],
    ['target_env', envName.replace(/-threads$/, '')],
    ['target_family', wasm ? 'wasm' : osName === 'windows' ? 'windows' : 'unix'],
    ['target_pointer_width', arch === 'wasm64' ? '64' : arch === 'wasm32' ? '32' : '64'],
  ]);
  const flags = new Set<string>(wasm ? ['wasm'] : osName === 'windows' ? ['windows'] : ['unix']);
  return { triple, values, flags };
}

/** Does a `[target.<key>]` table apply when compiling for `triple`? */
export function targetKeyApplies(key: string, triple: string): Tri {
  const k = key.trim();
  if (!k.startsWith('cfg(')) return k === triple;
  try {
    const p = new Parser(k, targetFacts(triple));
    const v = p.parsePredicate();
    p.expectEnd();
    return v;
  } catch {
    return undefined;
  }
}

const and = (xs: Tri[]): Tri => (xs.some((x) => x === false) ? false : xs.every((x) => x === true) ? true : undefined);
const or = (xs: Tri[]): Tri => (xs.some((x) => x === true) ? true : xs.every((x) => x === false) ? false : undefined);

class Parser {
  private pos = 0;
  private readonly src: string;
  private readonly facts: TargetFacts;

  constructor(src: string, facts: TargetFacts) {
    this.src = src;
    this.facts = facts;
  }

  private ws(): void {
    while (/\s/.test(this.src[this.pos] ?? '')) this.pos++;
  }

  private ident(): string {
    this.ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.src.slice(this.pos));
    if (!m) throw new Error('identifier expected');
    this.pos += m[0].length;
    return m[0];
  }

  private eat(ch: string): boolean {
    this.ws();
    if (this.src[this.pos] === ch) {
      this.pos++;
      return true;
    }
    return false;
  }

  private expect(ch: string): void {
    if (!this.eat(ch)) throw new Error(`\`${ch}\` expected`);
  }

  expectEnd(): void {
    this.ws();
    if (this.pos !== this.src.length) throw new Error('trailing input');
  }

  private list(): Tri[] {
    this.expect('(');
    const items: Tri[] = [];
    while (!this.eat(')')) {
      items.push(this.parsePredicate());
      if (!this.eat(',')) {
        this.expect(')');
        break;
      }
    }
    return items;
  }

  parsePredicate(): Tri {
    const name = this.ident();
    if (name === 'cfg') {
      const [inner] = this.list();
      return inner;
    }
    if (name === 'all') return and(this.list());
    if (name === 'any') return or(this.list());
    if (name === 'not') {
      const [inner] = this.list();
      return inner === undefined ? undefined : !inner;
    }
    if (this.eat('=')) {
      this.ws();
      const m = /^"([^"]*)"/.exec(this.src.slice(this.pos));
      if (!m) throw new Error('string expected');
      this.pos += m[0].length;
      const known = this.facts.values.get(name);
      return known === undefined ? undefined : known === m[1];
    }
    if (name === 'unix' || name === 'windows' || name === 'wasm') return this.facts.flags.has(name);
    return undefined;
  }
}
