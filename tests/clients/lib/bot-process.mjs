// Starts the already built bot (bot/bin/Debug/net10.0/Bot.dll) as a child process on a free
// loopback port with a fresh temporary data directory. It builds nothing: run
// `dotnet build Bot.sln` in the repository root first.
//
//   const bot = await startBot({ args: ['--Bot:Trace=true'] });
//   bot.baseUrl  // http://127.0.0.1:PORT
//   bot.domain   // http://127.0.0.1:PORT/v3/directline
//   await bot.restart();           // same port, same data directory
//   await bot.restart({ wipeData: true }); // same port, empty data directory
//   await bot.dispose();           // kill it and delete the data directory

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HEALTH_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
const LOG_LIMIT = 64 * 1024;

/** The repository root: the first folder above this file that holds Bot.sln. */
export function repoRoot() {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(folder, 'Bot.sln'))) {
      return folder;
    }
    const parent = dirname(folder);
    if (parent === folder) {
      throw new Error('Bot.sln not found above ' + fileURLToPath(import.meta.url));
    }
    folder = parent;
  }
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const running = new Set();
process.on('exit', () => {
  for (const child of running) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
});

export class BotProcess {
  /**
   * @param {{ args?: string[], port?: number }} [options]
   *   args: extra command-line configuration, e.g. ['--DirectLine:Secret=xyz'].
   */
  constructor(options = {}) {
    this.root = repoRoot();
    this.botDir = join(this.root, 'bot');
    this.dll = join(this.botDir, 'bin', 'Debug', 'net10.0', 'Bot.dll');
    this.extraArgs = options.args ?? [];
    this.port = options.port ?? 0;
    this.dataDir = mkdtempSync(join(tmpdir(), 'bot-compat-'));
    this.child = null;
    this.log = '';
    this.exited = null;
  }

  get baseUrl() {
    return `http://127.0.0.1:${this.port}`;
  }

  get domain() {
    return `${this.baseUrl}/v3/directline`;
  }

  /** Starts the process (on the same port and data directory as before, if it ran already) and waits for /healthz. */
  async start() {
    if (this.child) {
      throw new Error('The bot is already running.');
    }
    if (!existsSync(this.dll)) {
      throw new Error(`${this.dll} does not exist: run \`dotnet build Bot.sln\` in ${this.root} first.`);
    }
    if (!this.port) {
      this.port = await freePort();
    }
    const args = [
      this.dll,
      '--urls', this.baseUrl,
      `--Bot:DataDirectory=${this.dataDir}`,
      '--DirectLine:TokensPerMinute=1000',
      ...this.extraArgs,
    ];
    const child = spawn('dotnet', args, {
      cwd: this.botDir,
      // Development: the guide console then has its demo account (Production refuses to start without guide accounts).
      env: { ...process.env, DOTNET_NOLOGO: '1', ASPNETCORE_ENVIRONMENT: 'Development' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        running.delete(child);
        if (this.child === child) {
          this.child = null;
        }
        resolve({ code, signal });
      });
    });
    running.add(child);
    const append = (chunk) => {
      this.log = (this.log + chunk.toString('utf8')).slice(-LOG_LIMIT);
    };
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    await this.waitForHealth(child);
    return this;
  }

  async waitForHealth(child) {
    const deadline = Date.now() + HEALTH_TIMEOUT_MS;
    let exitedEarly = null;
    this.exited.then((result) => {
      exitedEarly = result;
    });
    let lastError = 'no answer';
    while (Date.now() < deadline) {
      if (exitedEarly || child.exitCode !== null) {
        throw new Error(`The bot exited before it became healthy (${JSON.stringify(exitedEarly)}):\n${this.log}`);
      }
      try {
        const response = await fetch(`${this.baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
        if (response.status === 200) {
          return;
        }
        lastError = `HTTP ${response.status}`;
      } catch (error) {
        lastError = error.cause?.code ?? error.message;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`GET /healthz did not return 200 within ${HEALTH_TIMEOUT_MS} ms (last: ${lastError}):\n${this.log}`);
  }

  /**
   * Stops the process. SIGTERM is a normal shutdown (the host drains requests, closes sockets);
   * SIGKILL is a crash. If the process has not exited after `timeout` ms it is killed and this
   * throws, unless `throwOnTimeout` is false: then it resolves with { timedOut: true } after the kill.
   * Resolves { code, signal, elapsedMs, timedOut }.
   */
  async stop({ signal = 'SIGTERM', timeout = STOP_TIMEOUT_MS, throwOnTimeout = true } = {}) {
    const child = this.child;
    if (!child) {
      return null;
    }
    const exited = this.exited;
    const started = Date.now();
    child.kill(signal);
    let timer;
    const result = await Promise.race([
      exited,
      new Promise((resolve) => {
        timer = setTimeout(() => resolve(null), timeout);
      }),
    ]);
    clearTimeout(timer);
    if (result === null) {
      child.kill('SIGKILL');
      const killed = await exited;
      if (throwOnTimeout) {
        throw new Error(`The bot did not stop within ${timeout} ms after ${signal}:\n${this.log.slice(-4000)}`);
      }
      return { ...killed, elapsedMs: Date.now() - started, timedOut: true };
    }
    return { ...result, elapsedMs: Date.now() - started, timedOut: false };
  }

  /** Stops and starts again on the same port; the data directory is kept unless wipeData is set. */
  async restart({ signal = 'SIGTERM', wipeData = false } = {}) {
    await this.stop({ signal });
    if (wipeData) {
      rmSync(this.dataDir, { recursive: true, force: true });
      mkdirSync(this.dataDir, { recursive: true });
    }
    return this.start();
  }

  /** Kills the process and deletes the data directory. */
  async dispose() {
    if (this.child) {
      const exited = this.exited;
      this.child.kill('SIGKILL');
      await exited;
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Creates and starts a bot; the caller disposes it (e.g. in an `after` hook). */
export async function startBot(options = {}) {
  const bot = new BotProcess(options);
  try {
    await bot.start();
  } catch (error) {
    await bot.dispose();
    throw error;
  }
  return bot;
}
