// Access in a real browser: each role logs in and sees only its own screens; the API refuses
// the others' data to it as well (the browser's own session cookie, 403).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, newPage, screenshotPath, startSluis } from './lib/env.mjs';
import { addAccounts, login, replay } from './lib/sluis.mjs';

const EXPECTED = {
  backoffice: ['werkvoorraad', 'berichten'],
  accountmanager: ['aanbieders', 'berichten'],
  operations: ['operations', 'betalingen', 'berichten'],
  beheer: ['beheer'],
};
const PROBES = {
  werkvoorraad: '/api/declaraties',
  aanbieders: '/api/aanbieders',
  operations: '/api/operations/achterstand',
  betalingen: '/api/betaalbatches',
  berichten: '/api/berichten',
  beheer: '/api/audit',
};

test('each role sees only the screens and data it may see', async () => {
  const sluis = await startSluis();
  const browser = await launchBrowser();
  try {
    addAccounts(sluis.info);
    replay(sluis.info, '01-spec-example');
    for (const [role, screens] of Object.entries(EXPECTED)) {
      const page = await newPage(browser);
      await login(page, sluis.info, role);
      const nav = await page.locator('#nav a').evaluateAll((as) => as.map((a) => a.dataset.scherm));
      assert.deepEqual(nav.sort(), [...screens].sort(), role);
      // Its first screen opened; the cookie is HttpOnly, so scripts cannot read it.
      assert.equal(await page.evaluate(() => document.cookie), '');
      for (const [screen, probe] of Object.entries(PROBES)) {
        const status = await page.evaluate(async (p) => (await fetch(p)).status, probe);
        assert.equal(status, screens.includes(screen) ? 200 : 403, `${role} ${probe}`);
      }
      // Typing another role's screen in the address bar leads back to one's own.
      await page.goto(`${sluis.info.admin_url}/ui/#/${role === 'beheer' ? 'werkvoorraad' : 'beheer'}`);
      await page.locator('nav a.actief').waitFor();
      assert.ok(screens.includes(await page.locator('nav a.actief').getAttribute('data-scherm')));
      await page.screenshot({ path: screenshotPath(`toegang-${role}`) });
      await page.context().close();
    }
    // A wrong password gets the login form back with a message, not a session.
    const page = await newPage(browser);
    await login(page, sluis.info, 'beheer', 'verkeerd wachtwoord').catch(() => {});
    assert.match(await page.locator('[role=alert]').textContent(), /onjuist/);
  } finally {
    await browser.close();
    await sluis.stop();
  }
});
