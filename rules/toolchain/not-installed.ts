import { code, commandFix, defineRule, primary, shellJoin, targetMentions } from '../../src/api.ts';

/** rustup's refusal when RUSTUP_AUTO_INSTALL=0 keeps it from installing a pinned toolchain. */
const NOT_INSTALLED = /toolchain '([^']+)' is not installed/;

export default defineRule({
  id: 'toolchain/not-installed',
  summary: 'the toolchain the rust-toolchain file pins is not installed',
  defaultSeverity: 'info',
  fix: 'always',
  needs: ['tool:rustc'],
  check({ workspace, tools, report }) {
    const rustc = tools.get('rustc');
    const channel = workspace.toolchainFile?.channel;
    if (rustc.ok || rustc.reason !== 'exit-nonzero' || !channel) return;
    const name = NOT_INSTALLED.exec(rustc.detail)?.[1];
    if (!name) return;
    const targets = [...new Set(targetMentions(workspace).filter((t) => t.kind === 'toolchain-targets').map((t) => t.target))];
    const argv = ['rustup', 'toolchain', 'install', channel.value, ...targets.flatMap((t) => ['--target', t])];
    report({
      message: `toolchain ${code(name)} is not installed`,
      labels: [primary(channel.span, 'pinned here')],
      notes: [
        `\`${rustc.command}\` in this directory answered: ${rustc.detail}`,
        'rustup installs it on the first `cargo` call unless `RUSTUP_AUTO_INSTALL=0`; until then, the checks that need the toolchain (installed targets, its version) were skipped',
      ],
      help: [`install it with its targets: \`${shellJoin(argv)}\``],
      fix: commandFix('install the pinned toolchain', argv),
    });
  },
});
