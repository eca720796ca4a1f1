// The back office decides the verzoeken of a 315 in the Werkvoorraad: one is honoured and the
// resulting 301 is there to follow in Berichten, the other is refused with a reden and a 319
// goes out; beheer then finds both decisions in the audit log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, newPage, screenshotPath, startSluis } from './lib/env.mjs';
import { addAccounts, login, replayFiles } from './lib/sluis.mjs';

test('decide a 315: toewijzen sends a 301, afwijzen a 319', async () => {
  const sluis = await startSluis();
  const browser = await launchBrowser();
  try {
    addAccounts(sluis.info);
    // One 315 from 42420001 asking two products: REF-A (02A02) and REF-B (03A01).
    replayFiles(sluis.info, 'replay-regie/13-vot-onderzoek', ['001-WMO301.xml', '002-WMO315.xml']);
    const page = await newPage(browser);
    await login(page, sluis.info, 'backoffice');

    const rij = (ref) => page.locator('[data-testid=verzoeken] tbody tr', { hasText: ref });
    await rij('REF-B').waitFor();
    const a = await rij('REF-A').textContent();
    assert.match(a, /WMO315/);
    assert.match(a, /02\/02A02/);
    assert.match(a, /\*{5}0225/);  // BSN masked
    assert.doesNotMatch(a, /999900225/);
    assert.match(a, /\d{4}-\d{2}-\d{2} \((nog \d+ dag|vandaag|\d+ dag(en)? te laat)/);
    await page.locator('[data-testid=verzoeken]').screenshot({ path: screenshotPath('verzoeken') });
    await page.screenshot({ path: screenshotPath('werkvoorraad-verzoeken'), fullPage: true });

    // Toewijzen: the full-set 301.
    await rij('REF-A').click();
    await page.locator('[data-testid=producten] td', { hasText: '02A02' }).waitFor();
    await page.screenshot({ path: screenshotPath('verzoek-open'), fullPage: true });
    await page.locator('#besluit-toewijzen').click();
    await page.locator('#verzoek-uitkomst .ok', { hasText: 'Toegewezen' }).waitFor();
    await page.locator('#verzoek-status', { hasText: 'toegewezen' }).waitFor();
    assert.equal(await page.locator('[data-testid=besluit]').count(), 0);
    await page.locator('[data-testid=verzoek-berichten] tr', { hasText: 'WMO301' }).waitFor();
    await page.screenshot({ path: screenshotPath('verzoek-toegewezen'), fullPage: true });
    await page.locator('#link-antwoord').click();
    await page.locator('h1', { hasText: 'WMO301' }).waitFor();
    await page.locator('dd', { hasText: 'verzonden' }).first().waitFor();  // direction out
    await page.screenshot({ path: screenshotPath('verzoek-301'), fullPage: true });

    // Afwijzen with a reden: a 319; REF-A has left the work queue.
    await page.locator('nav a[data-scherm=werkvoorraad]').click();
    await rij('REF-B').waitFor();
    assert.equal(await rij('REF-A').count(), 0);
    await rij('REF-B').click();
    await page.locator('[data-testid=producten] td', { hasText: '03A01' }).waitFor();
    // Without a reden the form cannot be sent.
    assert.equal(await page.locator('#afwijzen-reden').evaluate((e) => e.validity.valueMissing),
      true);
    await page.locator('#afwijzen-reden').selectOption('6');
    await page.locator('#besluit-afwijzen').click();
    await page.locator('#verzoek-uitkomst .ok', { hasText: 'Afgewezen' }).waitFor();
    await page.locator('#verzoek-status', { hasText: 'afgewezen' }).waitFor();
    await page.locator('dd', { hasText: 'Stapeling' }).waitFor();
    await page.screenshot({ path: screenshotPath('verzoek-afgewezen'), fullPage: true });
    await page.locator('#link-antwoord').click();
    await page.locator('h1', { hasText: 'WMO319' }).waitFor();
    await page.screenshot({ path: screenshotPath('verzoek-319'), fullPage: true });

    // Nothing left to decide; searched by BSN among all verzoeken, both are there, decided.
    await page.locator('nav a[data-scherm=werkvoorraad]').click();
    const kaart = page.locator('[data-testid=verzoeken-kaart]');
    await kaart.locator('.leeg').waitFor();
    await page.locator('#verzoek-status-filter').selectOption('');
    await page.locator('#verzoek-bsn').fill('999900006');
    await page.locator('#verzoek-zoek').click();
    // The list of this search (its CSV link names it), and nothing in it.
    await kaart.locator('a[data-testid=csv][href*="bsn=999900006"]').waitFor();
    assert.match(await kaart.locator('.pager').textContent(), /^0 totaal/);
    await page.locator('#verzoek-bsn').fill('999900225');
    await page.locator('#verzoek-zoek').click();
    await rij('REF-B').locator('.status', { hasText: 'afgewezen' }).waitFor();
    await rij('REF-A').locator('.status', { hasText: 'toegewezen' }).waitFor();
    await kaart.screenshot({ path: screenshotPath('verzoeken-besloten') });
    await page.context().close();

    const beheer = await newPage(browser);
    await login(beheer, sluis.info, 'beheer');
    const audit = beheer.locator('[data-testid=audit] tbody');
    await audit.locator('td', { hasText: 'verzoek.toewijzen' }).waitFor();
    await audit.locator('td', { hasText: 'verzoek.afwijzen' }).waitFor();
    assert.equal(await audit.locator('tr', { hasText: 'verzoek.' }).filter({ hasText: 'backoffice' })
      .count(), 2);
    await beheer.screenshot({ path: screenshotPath('beheer-verzoeken'), fullPage: true });
  } finally {
    await browser.close();
    await sluis.stop();
  }
});
