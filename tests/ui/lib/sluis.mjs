// Test data through Sluis' own code paths (the `sluis` CLI against the test sluisd's schema) and
// logging in through the real login form.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROLES = ['backoffice', 'accountmanager', 'operations', 'beheer'];
export const PASSWORD = 'ui-test wachtwoord';

function cli(args, input) {
  const bin = process.env.SLUIS_CLI;
  if (!bin) throw new Error('SLUIS_CLI is not set: run the UI tests through ctest/./ops/test');
  const r = spawnSync(bin, args, { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sluis ${args.join(' ')}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

// A query on the test sluisd's schema: its rows, one per line, columns split by '|'.
export function psql(info, sql) {
  const r = spawnSync('psql', [info.db_url, '-v', 'ON_ERROR_STOP=1', '-At', '-c', sql],
    { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

// One account per role, named after it.
export function addAccounts(info) {
  for (const role of ROLES) {
    cli(['account', 'add', role, '--role', role, '--name', `Test ${role}`, '--db', info.db_url],
      `${PASSWORD}\n`);
  }
}

function replayDir(info, dir) {
  const src = process.env.SLUIS_SOURCE_DIR;
  const out = mkdtempSync(join(tmpdir(), 'sluis-ui-replay-'));
  try {
    cli(['replay', '--in', dir, '--out', out,
      '--reference', join(src, 'tests/data/replay/reference'), '--db', info.db_url,
      '--shared', process.env.SLUIS_SHARED]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

// Replays a scenario of tests/data/replay into the daemon's schema (as `sluis replay --db`).
export function replay(info, scenario) {
  replayDir(info, join(process.env.SLUIS_SOURCE_DIR, 'tests/data/replay', scenario));
}

// Replays some files of a scenario elsewhere under tests/data (e.g. a regie scenario's 315
// without the decisions its besluit files make), in file-name order.
export function replayFiles(info, scenarioDir, files) {
  const dir = mkdtempSync(join(tmpdir(), 'sluis-ui-in-'));
  try {
    for (const f of files) {
      copyFileSync(join(process.env.SLUIS_SOURCE_DIR, 'tests/data', scenarioDir, f), join(dir, f));
    }
    replayDir(info, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function login(page, info, user, password = PASSWORD) {
  await page.goto(`${info.admin_url}/ui/`);
  await page.locator('#login-gebruiker').fill(user);
  await page.locator('#login-wachtwoord').fill(password);
  await page.locator('#login-knop').click();
  await page.locator('#uitloggen').waitFor({ state: 'visible' });
}
