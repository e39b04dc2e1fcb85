// code-server from the npm registry: a real VS Code (1.139.1) whose extension host is Node, used by the
// Node test tier and by `npm run start:node`. It is installed on first use into .vscode-test/ (ignored by
// git, never a dependency: it is 617 MB with native modules) and reused afterwards.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
/** code-server 4.139 refuses other Node majors; Node 24 comes from the npm registry too. */
export const NODE_VERSION = '24.21.0';

const TOOLS_DIR = resolve('.vscode-test');
const nodePackage = `node-${process.platform}-${process.arch}`;
const nodeHome = join(TOOLS_DIR, `node-${NODE_VERSION}`, 'node_modules', nodePackage);
const codeServerHome = join(TOOLS_DIR, `code-server-${CODE_SERVER_VERSION}`);
const codeServerEntry = join(codeServerHome, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const INSTALLED_MARKER = '.speech-drafter-installed';

/** What a clean machine must have before code-server's native modules can compile. */
function missingPrerequisites() {
  const missing = [];
  for (const [tool, pkg] of [['g++', 'g++'], ['make', 'make'], ['python3', 'python3']]) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      missing.push(`${tool} (Debian package ${pkg})`);
    }
  }
  if (!existsSync('/usr/include/gssapi/gssapi.h') && !existsSync('/usr/include/gssapi.h')) missing.push('Kerberos headers (Debian package libkrb5-dev)');
  return missing;
}

/** Installs `spec` with npm into a fresh folder, then moves it into place, so a broken install is never reused. */
function npmInstallInto(target, spec, env, what) {
  const staging = `${target}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(join(staging, 'package.json'), JSON.stringify({ private: true, description: `${what} for the Node test tier` }));
  console.log(`node tier: installing ${what} from the npm registry into ${target} (first run only)…`);
  const started = Date.now();
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', spec], { cwd: staging, env, stdio: ['ignore', 'inherit', 'inherit'] });
  writeFileSync(join(staging, INSTALLED_MARKER), new Date().toISOString());
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  console.log(`node tier: ${what} installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

/**
 * Makes sure Node 24 and code-server are installed; returns the Node binary and code-server's entry.
 * Throws an Error whose message says what is missing and how to get it.
 */
export function ensureCodeServer() {
  const nodeDir = join(TOOLS_DIR, `node-${NODE_VERSION}`);
  if (!existsSync(join(nodeDir, INSTALLED_MARKER))) npmInstallInto(nodeDir, `${nodePackage}@${NODE_VERSION}`, process.env, `Node ${NODE_VERSION}`);
  const node = join(nodeHome, 'bin', 'node');
  if (!existsSync(node)) throw new Error(`Node ${NODE_VERSION} was installed but ${node} is missing (no ${nodePackage} build for this platform?)`);

  if (!existsSync(join(codeServerHome, INSTALLED_MARKER))) {
    const missing = missingPrerequisites();
    if (missing.length > 0) {
      throw new Error(`code-server ${CODE_SERVER_VERSION} compiles native modules on install and needs: ${missing.join(', ')}.\n`
        + 'Install them, e.g.  sudo apt-get install -y g++ make python3 libkrb5-dev');
    }
    npmInstallInto(codeServerHome, `code-server@${CODE_SERVER_VERSION}`, {
      ...withoutNpmRunVariables(process.env),
      PATH: `${join(nodeHome, 'bin')}:${process.env.PATH}`,
      // This machine's npm config points node-gyp at Node 20's headers; code-server's modules need Node 24's.
      npm_config_nodedir: nodeHome,
      // code-server's postinstall builds its VS Code's native modules with a nested npm; npm 11 would skip them.
      npm_config_dangerously_allow_all_scripts: 'true',
    }, `code-server ${CODE_SERVER_VERSION}`);
  }
  return { node, codeServerEntry };
}

/**
 * Under `npm test` the environment carries the outer npm's settings (npm_config_user_agent names Node 20,
 * which code-server's postinstall reads and refuses); the nested install must see its own.
 */
function withoutNpmRunVariables(env) {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^npm_/i.test(name)));
}

/** User settings that keep the throwaway workbench quiet and off the network. */
const QUIET_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
};

/**
 * Starts code-server as its own process group, bound to localhost, with all its state in `stateDir`
 * (nothing written to ~). Resolves once it listens, with its port and a `stop()` that kills the group.
 */
export function startCodeServer({ stateDir, port = 0, folder, extraArgs = [], env = {}, settings = {} }) {
  const { node, codeServerEntry: entry } = ensureCodeServer();
  const dirs = Object.fromEntries(['user-data', 'extensions', 'config', 'data', 'tmp', 'runtime'].map(name => [name, join(stateDir, name)]));
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  mkdirSync(join(dirs['user-data'], 'User'), { recursive: true });
  writeFileSync(join(dirs['user-data'], 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  const configFile = join(stateDir, 'config.yaml');
  writeFileSync(configFile, '');

  const args = [
    entry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    '--config', configFile,
    '--user-data-dir', dirs['user-data'],
    '--extensions-dir', dirs.extensions,
    ...extraArgs,
    folder,
  ];
  const child = spawn(node, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...env,
      XDG_CONFIG_HOME: dirs.config,
      XDG_DATA_HOME: dirs.data,
      XDG_RUNTIME_DIR: dirs.runtime,
      TMPDIR: dirs.tmp,
      EXTENSIONS_GALLERY: '{"serviceUrl":""}',
    },
  });

  const stop = () => {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
  };
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const onData = chunk => {
      output += chunk.toString();
      const match = /HTTP server listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) {
        child.stdout.off('data', onData);
        child.stderr.off('data', onData);
        resolvePromise({ port: Number(match[1]), stop, child });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', code => reject(new Error(`code-server exited (${code}) before listening:\n${output.slice(-2000)}`)));
  });
}
