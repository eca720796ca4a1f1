// Paying from the Betalingen screen: a batch made for gemeente 0363, cancelled with a reason (its
// file no longer offered), a new batch made, its pain.001 downloaded for the bank and the batch
// marked paid; the declaratie ends paid (as its page tells the back office), the audit log says
// who did each step, and the account manager sees both transfers on the aanbieder's page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { launchBrowser, newPage, screenshotPath, startSluis } from './lib/env.mjs';
import { addAccounts, login, psql, replay } from './lib/sluis.mjs';

test('make, cancel, remake, download and pay a payment batch', async () => {
  const sluis = await startSluis();
  const browser = await launchBrowser();
  try {
    addAccounts(sluis.info);
    // 01-spec-example: one declaratie of 42420001 for gemeente 0363, EUR 390 approved, 325 sent.
    replay(sluis.info, '01-spec-example');
    const page = await newPage(browser);
    await login(page, sluis.info, 'operations');
    await page.locator('nav a[data-scherm=betalingen]').click();
    const rij = page.locator('[data-testid=te-betalen] tbody tr', { hasText: '0363' });
    assert.match(await rij.textContent(),
      /^03631€\s390,0000\d+2026-03-05Gemeente Testdorp NL91ABNA0417164300$/);
    assert.match(await page.locator('#batch-gemeente').textContent(), /0363: 1 declaratie,/);
    await page.screenshot({ path: screenshotPath('betalingen'), fullPage: true });

    // Made, then cancelled: the reason is required, and a cancelled batch offers no file.
    await page.locator('#batch-maken').click();
    const uitkomst = page.locator('[data-testid=batch-uitkomst]');
    assert.match(await uitkomst.textContent(),
      /Betaalbatch \d+ gemaakt: 1 overboeking, 1 declaratie, €\s390,00/);
    await uitkomst.locator('a').click();
    await page.locator('[data-testid=batch-kop]').waitFor();
    assert.match(await page.locator('[data-testid=batch-kop]').textContent(),
      /Statusgeexporteerd.*Gemeente0363.*Totaal€\s390,00.*door operations.*NL91ABNA0417164300/);
    assert.match(await page.locator('[data-testid=overboekingen] tbody tr').textContent(),
      /42420001 Thuiszorg De Linde.*€\s390,00/);
    assert.match(await page.locator('[data-testid=batch-kop]').textContent(),
      /Per domeinWmo €\s390,00/);
    assert.match(await page.locator('[data-testid=batch-declaraties] tbody tr').textContent(),
      /^42420001 Thuiszorg De LindeWmoD202602001.*€\s390,00SLUIS-\d+-42420001$/);
    await page.locator('#batch-annuleren').click();  // the browser refuses: no reason
    assert.equal(psql(sluis.info, 'SELECT status FROM betaalbatch'), 'geexporteerd');
    await page.locator('#annuleer-reden').fill('verkeerde uitvoerdatum');
    await page.locator('#batch-annuleren').click();
    await page.locator('[data-testid=batch-kop] .status-geannuleerd').waitFor();
    assert.equal(await page.locator('[data-testid=pain001]').count(), 0);
    assert.equal(await page.locator('#batch-betaald').count(), 0);

    // The declaratie is ready again; the next batch takes it.
    await page.locator('nav a[data-scherm=betalingen]').click();
    await page.locator('[data-testid=betaalbatches] tbody tr', { hasText: 'verkeerde uitvoerdatum' })
      .waitFor();
    assert.match(await rij.textContent(), /^03631€\s390,000/);
    await page.locator('#batch-maken').click();
    await uitkomst.locator('a').click();
    await page.locator('[data-testid=pain001]').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'),
      page.locator('[data-testid=pain001]').click()]);
    const nummer = psql(sluis.info, "SELECT id FROM betaalbatch WHERE status = 'geexporteerd'");
    const msgId = psql(sluis.info, `SELECT msg_id FROM betaalbatch WHERE id = ${nummer}`);
    assert.equal(download.suggestedFilename(), `${msgId}.xml`);
    const file = readFileSync(await download.path(), 'utf8');
    assert.match(file, new RegExp(`<MsgId>${msgId}</MsgId>`));
    assert.match(file, /<InstdAmt Ccy="EUR">390.00<\/InstdAmt>/);
    assert.equal(createHash('sha256').update(file).digest('hex'), psql(sluis.info,
      `SELECT encode(sha256(pain001), 'hex') FROM betaalbatch WHERE id = ${nummer}`));
    await page.screenshot({ path: screenshotPath('betaalbatch'), fullPage: true });

    // Paid: today is the default (the uitvoerdatum is today); the declaratie is paid.
    await page.locator('#batch-betaald').click();
    await page.locator('[data-testid=batch-kop] .status-betaald').waitFor();
    assert.equal(psql(sluis.info, 'SELECT status FROM declaratie'), 'betaald');
    assert.equal(psql(sluis.info, "SELECT string_agg(action || ' ' || actor, ', ' ORDER BY id)"
      + " FROM audit_log WHERE subject LIKE 'betaalbatch/%'"),
    ['aangemaakt', 'geexporteerd', 'geannuleerd', 'aangemaakt', 'geexporteerd', 'gedownload',
      'betaald'].map((a) => `betaalbatch.${a} operations`).join(', '));
    await page.context().close();

    // The back office sees on the declaratie where its payment stands.
    const bo = await newPage(browser);
    await login(bo, sluis.info, 'backoffice');
    const declaratieId = psql(sluis.info, 'SELECT id FROM declaratie');
    await bo.goto(`${sluis.info.admin_url}/ui/#/declaratie/${declaratieId}`);
    assert.match(await bo.locator('#betaling').textContent(),
      new RegExp(`^betaald op \\d{4}-\\d\\d-\\d\\d \\(betaalbatch ${nummer}\\)$`));
    await bo.context().close();

    // The account manager sees on the aanbieder's page what was paid to it.
    const am = await newPage(browser);
    await login(am, sluis.info, 'accountmanager');
    await am.goto(`${sluis.info.admin_url}/ui/#/aanbieder/42420001`);
    await am.locator('h1', { hasText: 'Aanbieder 42420001 Thuiszorg De Linde' }).waitFor();
    assert.match(await am.locator('[data-testid=aanbieder-gegevens]').textContent(),
      /^IBAN NL\d\d[A-Z]{4}\d{10} · betaaltermijn 30 dagen$/);
    const overboekingen = await am.locator('[data-testid=betalingen] tbody tr').allTextContents();
    assert.equal(overboekingen.length, 2, overboekingen.join('\n'));
    assert.match(overboekingen[0], new RegExp(`^${nummer}0363.*€\\s390,001betaald`
      + `\\d{4}-\\d\\d-\\d\\dDeclaraties D202602001SLUIS-${nummer}-42420001`));
    assert.match(overboekingen[1], /geannuleerd/);
    await am.screenshot({ path: screenshotPath('aanbieder-betalingen'), fullPage: true });
    await am.context().close();
  } finally {
    await browser.close();
    await sluis.stop();
  }
});
