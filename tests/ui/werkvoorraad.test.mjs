// The back office holds an aanbieder's declaraties, a 323 arrives and is held, and releasing it
// sends the 325; the audit log shows both decisions to beheer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, newPage, screenshotPath, startSluis } from './lib/env.mjs';
import { addAccounts, login, replay } from './lib/sluis.mjs';

test('hold and release a declaratie', async () => {
  const sluis = await startSluis();
  const browser = await launchBrowser();
  try {
    addAccounts(sluis.info);
    const page = await newPage(browser);
    await login(page, sluis.info, 'backoffice');
    await page.locator('#vasthouden-agb').fill('42420001');
    await page.locator('#vasthouden-reden').fill('formele controle Q1');
    await page.locator('#vasthouden-knop').click();
    await page.locator('[data-testid=vasthouden] td', { hasText: 'formele controle Q1' }).waitFor();

    // The 323 arrives (through the real inbox) and is judged, then held.
    replay(sluis.info, '01-spec-example');
    await page.reload();
    const row = page.locator('[data-testid=declaraties] tbody tr', { hasText: 'D202602001' });
    await row.waitFor();
    assert.match(await row.textContent(), /in_review/);
    // Received in February 2026: both deadlines have long passed, and the row says so.
    const laat = await row.locator('.termijn.te-laat').allTextContents();
    assert.equal(laat.length, 2, laat.join());
    assert.match(laat[0], /^2026-02-17 \(\d+ dagen te laat\)$/);
    assert.match(laat[1], /^2026-03-05 \(\d+ dagen te laat\)$/);
    await page.screenshot({ path: screenshotPath('werkvoorraad'), fullPage: true });

    await row.click();
    await page.locator('[data-testid=prestaties]').waitFor();
    const prestaties = await page.locator('[data-testid=prestaties] tbody tr').allTextContents();
    assert.equal(prestaties.length, 2);
    assert.match(prestaties[1], /9321/);
    assert.match(prestaties[1], /overschrijdt het toegewezen volume/);
    assert.match(prestaties[0], /\*{5}0006/);  // BSN masked
    assert.equal(await page.locator('#link-325').count(), 0);
    await page.screenshot({ path: screenshotPath('declaratie-in-review'), fullPage: true });

    await page.locator('#vrijgeven').click();
    await page.locator('#besluit-uitkomst .ok').waitFor();
    assert.match(await page.locator('#declaratie-status').textContent(), /verzonden/);
    // Sent, not yet acknowledged by the aanbieder's MSH: the 325's deadline still runs.
    assert.match(await page.locator('#termijn-325').textContent(), /dagen te laat/);
    assert.equal(await page.locator('#vrijgeven').count(), 0);

    // The 325 is there, answering the 323.
    await page.locator('#link-325').click();
    await page.locator('h1', { hasText: 'WMO325' }).waitFor();
    await page.screenshot({ path: screenshotPath('declaratie-325'), fullPage: true });
    await page.context().close();

    const beheer = await newPage(browser);
    await login(beheer, sluis.info, 'beheer');
    const audit = await beheer.locator('[data-testid=audit] tbody').textContent();
    assert.match(audit, /declaratie\.vastgehouden/);
    assert.match(audit, /declaratie\.review_besluit/);
    await beheer.screenshot({ path: screenshotPath('beheer'), fullPage: true });
  } finally {
    await browser.close();
    await sluis.stop();
  }
});
