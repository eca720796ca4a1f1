// Shared set-up for the browser tests: a real sluisd (through sluis-testenv) and Debian's
// Chromium, headless, driven by playwright-core. Screenshots go to $SLUIS_UI_ARTIFACTS.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

export const artifacts = process.env.SLUIS_UI_ARTIFACTS || 'ui-artifacts';
mkdirSync(artifacts, { recursive: true });

// Starts sluisd on a fresh schema; resolves to {info, stop()}.
export async function startSluis(args = []) {
  const bin = process.env.SLUIS_TESTENV;
  if (!bin) throw new Error('SLUIS_TESTENV is not set: run the UI tests through ctest/./ops/test');
  const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const info = await new Promise((resolve, reject) => {
    lines.once('line', (l) => resolve(JSON.parse(l)));
    child.once('exit', (code) => reject(new Error(`sluis-testenv exited with ${code}`)));
  });
  return {
    info,
    async stop() {
      child.stdin.end();
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.SLUIS_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

// A page in a 1366×768 window (the smallest screen the back office uses) that trusts the
// test certificate.
export async function newPage(browser) {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    ignoreHTTPSErrors: true,
    locale: 'nl-NL',
  });
  // Generous: under ./ops/test sluisd runs with the sanitizers next to other tests on 2 cores.
  // Waiting longer never makes a failing test pass; it only stops a slow one from failing.
  context.setDefaultTimeout(90_000);
  return context.newPage();
}

export function screenshotPath(name) {
  return join(artifacts, `${name}.png`);
}
