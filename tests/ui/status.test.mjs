// The status page in a real browser: it renders, and it reports what /readyz says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, newPage, screenshotPath, startSluis } from './lib/env.mjs';

test('status page shows a reachable database and a current schema', async () => {
  const sluis = await startSluis();
  const browser = await launchBrowser();
  try {
    const page = await newPage(browser);
    const response = await page.goto(sluis.info.admin_url + '/');
    assert.equal(response.status(), 200);
    assert.equal(await page.title(), 'Sluis – status');
    assert.equal(await page.locator('#database').textContent(), 'bereikbaar');
    assert.match(await page.locator('#schema').textContent(), /^current \(v\d+\)$/);
    assert.equal(await page.locator('#gereed').textContent(), 'ja');
    await page.screenshot({ path: screenshotPath('status'), fullPage: true });
  } finally {
    await browser.close();
    await sluis.stop();
  }
});
