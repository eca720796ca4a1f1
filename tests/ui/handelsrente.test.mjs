// The wettelijke handelsrente from the Beheer screen: the half year whose rate is missing is said
// (on Beheer and on operations' Betalingen), beheer adds it with the form (the browser refuses a
// malformed percentage, Sluis a date that is not 1 January or 1 July), corrects it and removes it
// with the row's button; every change is in the audit log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, newPage, screenshotPath, startSluis } from './lib/env.mjs';
import { addAccounts, login, psql } from './lib/sluis.mjs';

test('beheer keeps the handelsrente table that lateness is counted with', async () => {
  const sluis = await startSluis();
  const browser = await launchBrowser();
  try {
    addAccounts(sluis.info);
    // Today's half year, in the server's time zone (the test runs on the same machine).
    const vandaag = psql(sluis.info, "SELECT to_char(now() AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM')");
    const jaar = vandaag.slice(0, 4);
    const juli = Number(vandaag.slice(5, 7)) >= 7;
    const halfjaar = `${jaar}-${juli ? '07' : '01'}-01`;
    const tekst = `1 ${juli ? 'juli' : 'januari'} ${jaar}`;
    // Whatever the shipped table has: start without a rate for this half year or later.
    psql(sluis.info, `DELETE FROM handelsrente WHERE ingangsdatum >= '${halfjaar}'`);
    const rijen = () => psql(sluis.info,
      `SELECT count(*) || ' ' || coalesce(max(percentage)::text, '-') FROM handelsrente WHERE ingangsdatum = '${halfjaar}'`);

    const page = await newPage(browser);
    await login(page, sluis.info, 'beheer');
    await page.locator('nav a[data-scherm=beheer]').click();
    const tabel = page.locator('[data-testid=handelsrente]');
    await tabel.waitFor();
    const kaart = page.locator('section.kaart', { has: tabel });
    assert.match(await kaart.textContent(), new RegExp(`Het percentage per ${tekst} ontbreekt`));
    assert.equal(await page.locator('#rente-ingangsdatum').inputValue(), halfjaar);
    await page.screenshot({ path: screenshotPath('handelsrente'), fullPage: true });

    // Three decimals: the browser refuses, nothing is sent.
    await page.locator('#rente-percentage').fill('10,155');
    await page.locator('#rente-opslaan').click();
    assert.equal(rijen(), '0 -');

    // Added with a Dutch decimal comma; the warning goes.
    await page.locator('#rente-percentage').fill('9,75');
    await page.locator('#rente-opslaan').click();
    await tabel.locator('tbody tr', { hasText: halfjaar }).waitFor();
    assert.match(await tabel.locator('tbody tr').first().textContent(),
      new RegExp(`^${halfjaar}9,75%Verwijderen$`));
    assert.equal(await tabel.locator('button').count(), 1);  // only the newest row goes
    assert.doesNotMatch(await kaart.textContent(), /ontbreekt/);
    assert.equal(rijen(), '1 9.75');

    // Corrected: the same date again.
    await page.locator('#rente-ingangsdatum').fill(halfjaar);
    await page.locator('#rente-percentage').fill('10.15');
    await page.locator('#rente-opslaan').click();
    await tabel.locator('tbody tr', { hasText: '10,15%' }).first().waitFor();
    assert.equal(rijen(), '1 10.15');

    // Not a 1 January or 1 July: Sluis says why, nothing changes.
    await page.locator('#rente-ingangsdatum').fill(`${jaar}-03-01`);
    await page.locator('#rente-percentage').fill('9');
    await page.locator('#rente-opslaan').click();
    await kaart.locator('.melding', { hasText: 'per 1 januari en 1 juli vastgesteld' }).waitFor();
    assert.equal(psql(sluis.info, `SELECT count(*) FROM handelsrente WHERE ingangsdatum = '${jaar}-03-01'`), '0');

    // Removed with the row's button: missing again.
    await tabel.locator('tbody tr', { hasText: halfjaar }).locator('#rente-verwijderen').click();
    await kaart.locator('.melding', { hasText: `per ${tekst} ontbreekt` }).waitFor();
    assert.equal(rijen(), '0 -');
    assert.equal(psql(sluis.info, "SELECT count(*) || ' ' || min(actor) FROM audit_log"
      + ` WHERE action = 'handelsrente.gewijzigd' AND subject = 'handelsrente/${halfjaar}'`), '3 beheer');

    // Operations sees on Betalingen that the cost of paying late uses an old rate.
    const ops = await newPage(browser);
    await login(ops, sluis.info, 'operations');
    await ops.locator('nav a[data-scherm=betalingen]').click();
    await ops.locator('.melding', { hasText: `het percentage handelsrente per ${halfjaar} ontbreekt` })
      .waitFor();
  } finally {
    await browser.close();
    await sluis.stop();
  }
});
