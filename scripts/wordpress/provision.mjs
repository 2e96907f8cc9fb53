#!/usr/bin/env node
// A real, throwaway WordPress (Debian's 6.1 packages: scripts/wordpress/install-packages.sh) on 127.0.0.1,
// for the tests of the WordPress publishing target (tests/support/wordpress.ts starts and stops it).
//
//   node scripts/wordpress/provision.mjs start --port 8089 --state <dir>
//     starts MariaDB when it is not running (`service mariadb start`; root over the socket), drops and recreates
//     the database and user toasoan_wp_<port>, writes /etc/wordpress/config-toasoan-<port>.php, installs the site
//     with install.php (PHP CLI), serves it with `php -S 127.0.0.1:<port> -t /usr/share/wordpress router.php`
//     (detached), waits for GET /wp-json/wp/v2/ to answer 200, then writes <dir>/wordpress.json and prints it.
//   node scripts/wordpress/provision.mjs stop --state <dir> [--port 8089]
//     kills the php -S process and its workers by PID (and any php process still listening on the port), drops the
//     database and user, removes the config file and <dir>/wordpress.json. MariaDB is left running (other
//     instances may share it).
//
// Several instances may run at once, one per port: router.php and install.php set WORDPRESS_CONFIG, so Debian's
// wp-config.php reads config-toasoan-<port>.php instead of the one-per-host config-127.0.0.1.php.
// Needs root (MariaDB's root account over the socket, /etc/wordpress). No dependencies beyond Node itself.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const WEB_ROOT = '/usr/share/wordpress';
const CONFIG_DIR = '/etc/wordpress';
const HOST = '127.0.0.1';
const PHP_WORKERS = '4';
const READY_TIMEOUT_MS = 30_000;

const log = (message) => process.stderr.write(`[wordpress] ${message}\n`);

class ProvisionError extends Error {}

function parseArgs(argv) {
  const [command, ...rest] = argv;
  const options = {};
  for (let i = 0; i < rest.length; i += 1) {
    const flag = rest[i];
    if (flag !== '--port' && flag !== '--state') throw new ProvisionError(`unknown option ${flag}`);
    const value = rest[i + 1];
    if (value === undefined) throw new ProvisionError(`${flag} needs a value`);
    options[flag.slice(2)] = value;
    i += 1;
  }
  const port = options.port === undefined ? undefined : Number(options.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536))
    throw new ProvisionError(`bad --port ${options.port}`);
  if (!options.state) throw new ProvisionError('--state <dir> is required');
  return { command, port, state: path.resolve(options.state) };
}

/** The full path of an executable on PATH, or null. */
function which(name) {
  for (const dir of (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin').split(':')) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
}

/** What is missing for an instance on this machine (empty: nothing). */
function missingPrerequisites() {
  const missing = [];
  if (!fs.existsSync(path.join(WEB_ROOT, 'wp-config.php'))) missing.push(`${WEB_ROOT} not installed`);
  if (!which('php')) missing.push('php (php-cli) not installed');
  if (!which('mariadb') && !which('mysql')) missing.push('the MariaDB client not installed');
  if (!fs.existsSync('/usr/sbin/mariadbd') && !fs.existsSync('/usr/sbin/mysqld'))
    missing.push('mariadb-server not installed');
  if (typeof process.getuid === 'function' && process.getuid() !== 0) missing.push('not running as root');
  return missing;
}

const names = (port) => ({
  database: `toasoan_wp_${port}`,
  user: `toasoan_wp_${port}`,
  configName: `toasoan-${port}`,
  configFile: path.join(CONFIG_DIR, `config-toasoan-${port}.php`),
});

// ---------------------------------------------------------------- MariaDB

function sql(statements) {
  const client = which('mariadb') ?? 'mysql';
  const result = spawnSync(client, ['--user=root', '--batch', '--skip-column-names'], {
    input: statements,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return {
    ok: result.status === 0,
    stdout: result.stdout ?? '',
    stderr: (result.stderr ?? '') + (result.error ? String(result.error) : ''),
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts MariaDB unless it already answers; returns whether it was started here. */
async function ensureMariaDB(stateDir) {
  if (sql('SELECT 1').ok) return false;
  log('starting MariaDB (service mariadb start)');
  // The daemon outlives `service`: give it a file, not a pipe, or spawnSync would wait for the daemon's end.
  const logFile = path.join(stateDir, 'mariadb-start.log');
  const fd = fs.openSync(logFile, 'a');
  try {
    spawnSync('service', ['mariadb', 'start'], { stdio: ['ignore', fd, fd], timeout: 90_000 });
  } finally {
    fs.closeSync(fd);
  }
  // Another instance may be starting it at the same moment: whatever `service` said, wait for it to answer.
  const deadline = Date.now() + 30_000;
  let last = sql('SELECT 1');
  while (!last.ok && Date.now() < deadline) {
    await sleep(250);
    last = sql('SELECT 1');
  }
  if (!last.ok) {
    throw new ProvisionError(
      `MariaDB did not start: ${last.stderr.trim()}\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`,
    );
  }
  return true;
}

function recreateDatabase(port, password) {
  const { database, user } = names(port);
  const result = sql(
    [
      `DROP DATABASE IF EXISTS \`${database}\`;`,
      `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;`,
      `DROP USER IF EXISTS '${user}'@'localhost';`,
      `CREATE USER '${user}'@'localhost' IDENTIFIED BY '${password}';`,
      `GRANT ALL PRIVILEGES ON \`${database}\`.* TO '${user}'@'localhost';`,
    ].join('\n'),
  );
  if (!result.ok) throw new ProvisionError(`cannot create database ${database}: ${result.stderr.trim()}`);
}

function dropDatabase(port) {
  const { database, user } = names(port);
  if (!sql('SELECT 1').ok) return false;
  const result = sql(`DROP DATABASE IF EXISTS \`${database}\`;\nDROP USER IF EXISTS '${user}'@'localhost';`);
  if (!result.ok) log(`could not drop ${database}: ${result.stderr.trim()}`);
  return result.ok;
}

// ---------------------------------------------------------------- WordPress

const phpString = (value) => `'${String(value).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function writeConfig(port, dbPassword, stateDir) {
  const { database, user, configFile } = names(port);
  const salt = () => crypto.randomBytes(48).toString('base64');
  const constants = {
    DB_NAME: database,
    DB_USER: user,
    DB_PASSWORD: dbPassword,
    DB_HOST: 'localhost',
    DB_CHARSET: 'utf8mb4',
    DB_COLLATE: '',
    WP_HOME: `http://${HOST}:${port}`,
    WP_SITEURL: `http://${HOST}:${port}`,
    // Application Passwords need https unless the environment is 'local'.
    WP_ENVIRONMENT_TYPE: 'local',
    // Nothing leaves the machine: no HTTP but to 127.0.0.1, no cron, no updates.
    WP_HTTP_BLOCK_EXTERNAL: true,
    DISABLE_WP_CRON: true,
    AUTOMATIC_UPDATER_DISABLED: true,
    WP_AUTO_UPDATE_CORE: false,
    // Notices go to the state folder, never into a REST answer.
    WP_DEBUG: true,
    WP_DEBUG_DISPLAY: false,
    WP_DEBUG_LOG: path.join(stateDir, 'debug.log'),
    AUTH_KEY: salt(),
    SECURE_AUTH_KEY: salt(),
    LOGGED_IN_KEY: salt(),
    NONCE_KEY: salt(),
    AUTH_SALT: salt(),
    SECURE_AUTH_SALT: salt(),
    LOGGED_IN_SALT: salt(),
    NONCE_SALT: salt(),
  };
  const lines = Object.entries(constants).map(
    ([name, value]) => `define('${name}', ${typeof value === 'boolean' ? String(value) : phpString(value)});`,
  );
  const text = [
    '<?php',
    `// Written by scripts/wordpress/provision.mjs for the test WordPress on ${HOST}:${port}; removed by its stop.`,
    ...lines,
    "@ini_set('display_errors', '0');",
    '// No mail: wp_mail() answers false at once (PHP also runs with sendmail_path=/bin/true).',
    "$GLOBALS['wp_filter']['pre_wp_mail'][10]['toasoan_no_mail'] = array('function' => '__return_false', 'accepted_args' => 1);",
    "$table_prefix = 'wp_';",
    '',
  ].join('\n');
  fs.mkdirSync(CONFIG_DIR, { recursive: true });
  fs.writeFileSync(configFile, text, { mode: 0o640 });
  return configFile;
}

function phpEnv(port, stateDir) {
  return {
    ...process.env,
    TOASOAN_WP_CONFIG: names(port).configName,
    TOASOAN_WP_URL: `http://${HOST}:${port}`,
    TOASOAN_WP_UPLOADS: path.join(stateDir, 'uploads'),
  };
}

const PHP_INI = ['-d', 'sendmail_path=/bin/true', '-d', 'display_errors=stderr', '-d', 'memory_limit=256M'];

function installSite(port, stateDir) {
  const resultFile = path.join(stateDir, 'install.json');
  fs.rmSync(resultFile, { force: true });
  const result = spawnSync('php', [...PHP_INI, path.join(HERE, 'install.php')], {
    env: { ...phpEnv(port, stateDir), TOASOAN_WP_RESULT: resultFile },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0 || !fs.existsSync(resultFile)) {
    throw new ProvisionError(
      `install.php failed (${result.status ?? result.signal}): ${result.stderr}${result.stdout}`.trim(),
    );
  }
  return JSON.parse(fs.readFileSync(resultFile, 'utf8'));
}

// ---------------------------------------------------------------- processes

/** The process's state letter (R, S, Z, …) and parent, or null when it is gone. */
function procStat(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0], ppid: Number(fields[1]) };
  } catch {
    return null;
  }
}

const alive = (pid) => {
  const stat = procStat(pid);
  return stat !== null && stat.state !== 'Z' && stat.state !== 'X';
};

const allPids = () =>
  fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);

const childrenOf = (pid) => allPids().filter((candidate) => procStat(candidate)?.ppid === pid);

function cmdline(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

/** Whether pid is (still) this instance's `php -S 127.0.0.1:<port>`: guards against a reused PID. */
const isOurServer = (pid, port) => {
  const args = cmdline(pid);
  return args.includes('-S') && args.includes(`${HOST}:${port}`);
};

const isPhp = (pid) => /^php/.test(path.basename(cmdline(pid)[0] ?? ''));

/** The PIDs holding a listening TCP socket on port (read from /proc, no lsof/ss needed). */
function listenersOn(port) {
  const inodes = new Set();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = fs.readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      const localPort = parseInt(fields[1].split(':')[1] ?? '', 16);
      if (localPort === port && fields[3] === '0A') inodes.add(fields[9]);
    }
  }
  if (inodes.size === 0) return [];
  const holders = [];
  for (const pid of allPids()) {
    let fds = [];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target = '';
      try {
        target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const match = /^socket:\[(\d+)\]$/.exec(target);
      if (match && inodes.has(match[1])) {
        holders.push(pid);
        break;
      }
    }
  }
  return holders;
}

/** SIGTERM each PID, then SIGKILL what is left; resolves when all are gone. */
async function killPids(pids) {
  const signal = (pid, name) => {
    try {
      process.kill(pid, name);
    } catch {
      // already gone
    }
  };
  const living = () => pids.filter(alive);
  for (const pid of living()) signal(pid, 'SIGTERM');
  for (let waited = 0; living().length > 0 && waited < 3000; waited += 50) await sleep(50);
  for (const pid of living()) signal(pid, 'SIGKILL');
  for (let waited = 0; living().length > 0 && waited < 3000; waited += 50) await sleep(50);
  return living();
}

function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, HOST, () => server.close(() => resolve(true)));
  });
}

function startServer(port, stateDir) {
  const logFile = path.join(stateDir, 'php-server.log');
  const fd = fs.openSync(logFile, 'w');
  try {
    const child = spawn('php', [...PHP_INI, '-S', `${HOST}:${port}`, '-t', WEB_ROOT, path.join(HERE, 'router.php')], {
      cwd: WEB_ROOT,
      detached: true,
      stdio: ['ignore', fd, fd],
      env: { ...phpEnv(port, stateDir), PHP_CLI_SERVER_WORKERS: PHP_WORKERS },
    });
    child.unref();
    if (child.pid === undefined) throw new ProvisionError('php -S did not start');
    return { pid: child.pid, logFile };
  } finally {
    fs.closeSync(fd);
  }
}

async function waitUntilReady(url, pid, logFile) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!alive(pid)) throw new ProvisionError(`php -S exited: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
    try {
      const response = await fetch(`${url}/wp-json/wp/v2/`, { signal: AbortSignal.timeout(5000) });
      if (response.status === 200) {
        await response.arrayBuffer();
        return;
      }
      last = `${response.status} ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      last = String(error);
    }
    await sleep(100);
  }
  throw new ProvisionError(`GET ${url}/wp-json/wp/v2/ did not answer 200 in ${READY_TIMEOUT_MS} ms: ${last}`);
}

// ---------------------------------------------------------------- commands

const stateFile = (stateDir) => path.join(stateDir, 'wordpress.json');

async function start({ port, state }) {
  if (port === undefined) throw new ProvisionError('start needs --port');
  const missing = missingPrerequisites();
  if (missing.length > 0)
    throw new ProvisionError(`cannot start: ${missing.join('; ')} — run scripts/wordpress/install-packages.sh`);
  const began = Date.now();
  fs.mkdirSync(state, { recursive: true });
  if (fs.existsSync(stateFile(state))) await stop({ state });
  if (!(await portFree(port))) throw new ProvisionError(`port ${port} on ${HOST} is taken`);

  const startedMariaDB = await ensureMariaDB(state);
  const dbPassword = crypto.randomBytes(18).toString('hex');
  recreateDatabase(port, dbPassword);
  const uploads = path.join(state, 'uploads');
  fs.rmSync(uploads, { recursive: true, force: true });
  fs.mkdirSync(uploads, { recursive: true });
  fs.rmSync(path.join(state, 'debug.log'), { force: true });
  const configFile = writeConfig(port, dbPassword, state);
  let server = null;
  try {
    const site = installSite(port, state);
    const installedMs = Date.now() - began;
    const url = `http://${HOST}:${port}`;
    server = startServer(port, state);
    await waitUntilReady(url, server.pid, server.logFile);
    const info = {
      url,
      restBase: `${url}/wp-json/wp/v2`,
      port,
      pids: [server.pid, ...childrenOf(server.pid)],
      database: names(port).database,
      configFile,
      uploadsDir: uploads,
      stateDir: state,
      logs: { server: server.logFile, debug: path.join(state, 'debug.log') },
      wordpressVersion: site.wordpressVersion,
      title: site.title,
      users: site.users,
      categories: site.categories,
      startedMariaDB,
      timings: { installedMs, startedMs: Date.now() - began },
    };
    fs.writeFileSync(stateFile(state), `${JSON.stringify(info, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
  } catch (error) {
    if (server) await killPids([server.pid, ...childrenOf(server.pid)]);
    dropDatabase(port);
    fs.rmSync(configFile, { force: true });
    throw error;
  }
}

async function stop({ state, port: givenPort }) {
  let info = null;
  try {
    info = JSON.parse(fs.readFileSync(stateFile(state), 'utf8'));
  } catch {
    // no state: fall back to --port
  }
  const port = info?.port ?? givenPort;
  if (port === undefined) {
    log(`nothing to stop: no ${stateFile(state)} and no --port`);
    return;
  }
  const recorded = Array.isArray(info?.pids) ? info.pids : [];
  const main = recorded[0];
  const ours = new Set(recorded.filter((pid) => isOurServer(pid, port)));
  if (main !== undefined && ours.has(main))
    for (const pid of childrenOf(main)) if (isOurServer(pid, port)) ours.add(pid);
  let left = await killPids([...ours]);
  // Anything else still listening on the port: a php worker this instance lost track of.
  const listeners = listenersOn(port);
  const strays = listeners.filter(isPhp);
  for (const pid of listeners.filter((pid) => !isPhp(pid)))
    log(`left alone: pid ${pid} (${cmdline(pid).join(' ')}) listens on ${port}`);
  if (strays.length > 0) left = left.concat(await killPids(strays));
  if (left.length > 0) throw new ProvisionError(`could not stop pids ${left.join(', ')}`);
  dropDatabase(port);
  fs.rmSync(names(port).configFile, { force: true });
  fs.rmSync(stateFile(state), { force: true });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.command === 'start') await start(options);
  else if (options.command === 'stop') await stop(options);
  else throw new ProvisionError(`unknown command ${options.command ?? '(none)'}: start | stop`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    log(error instanceof ProvisionError ? error.message : (error?.stack ?? String(error)));
    process.exitCode = 1;
  });
}
