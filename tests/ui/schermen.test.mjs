// Every screen with real data (replayed scenarios and a real alert): Operations' ageing chart
// and alert acknowledgement, the payment backlog and a paid batch on Betalingen, an aanbieder's
// timeline and reject rates, track & trace with the raw XML (BSN masked until asked, which
// beheer then sees in the audit log).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, newPage, screenshotPath, startSluis } from './lib/env.mjs';
import { addAccounts, login, psql, replay, replayFiles } from './lib/sluis.mjs';

// An alert as the transport raises it (raise_alert(), migration 0003).
function raiseAlert(info) {
  psql(info, "SELECT raise_alert('outbox.dead:ui-test', 'dead_letter', 'critical', 'ui-test@sluis',"
    + " 'bericht niet afgeleverd na 5 pogingen')");
}

// An Acknowledgment of ours the receiver refused (state failed), as the outbox leaves it.
function failedSignal(info) {
  psql(info, 'INSERT INTO ebms_outbox (message_id, conversation_id, cpa_id, to_party_id, service,'
    + ' action, kind, endpoint, content_type, body, reliable, state, attempts, max_retries,'
    + " retry_interval_ms, last_error) VALUES ('ui-failed@sluis', 'ui-conv', 'ui-cpa',"
    + " '00000001823288444000', 'urn:oasis:names:tc:ebxml-msg:service', 'Acknowledgment',"
    + " 'acknowledgment', 'https://127.0.0.1:9/ebms', 'text/xml', 'x', false, 'failed', 3, 3,"
    + " 3600000, 'HTTP 500 from the receiver')");
}

// A busy day: 1,500 berichten received and 12,000 sent today (the chart's widest labels).
function busyDay(info) {
  psql(info, 'INSERT INTO bericht (direction, domein, berichttype, gemeente, agb, identificatie,'
    + " dagtekening, payload, state) SELECT CASE WHEN i <= 1500 THEN 'in' ELSE 'out' END, 'wmo',"
    + " CASE WHEN i <= 1500 THEN 305 ELSE 306 END, '0363', '99999999', 'DRUK' || i, current_date,"
    + " 'x', CASE WHEN i <= 1500 THEN 'processed' ELSE 'acknowledged' END"
    + ' FROM generate_series(1, 13500) i');
}

// A received 305 that failed its XSD, as the unpack worker leaves it: the bericht with its
// findings and the Fo01 StUF055 going back (the whole path: outbox_e2etest).
function refusedBericht(info) {
  psql(info, "WITH b AS (INSERT INTO bericht (direction, domein, berichttype, gemeente, agb,"
    + " identificatie, dagtekening, payload, stuf_referentienummer, xsd_errors, state, error)"
    + " VALUES ('in', 'wmo', 305, '0363', '42420001', 'XSD305', '2026-02-09', 'x', 'ref-xsd305',"
    + " '[{\"code\": \"XSD\", \"location\": \"line 10\", \"message\": \"Element"
    + " Identificatie: too long\"}]', 'xsd_rejected', 'StUF055: line 10: Element Identificatie:"
    + " too long') RETURNING id),"
    + " o AS (INSERT INTO ebms_outbox (message_id, conversation_id, cpa_id, to_party_id, service,"
    + " action, kind, endpoint, content_type, body, reliable, state, attempts, max_retries,"
    + " retry_interval_ms) VALUES ('fo01-xsd305@sluis', 'c', 'ui-cpa', '00000001823288444000',"
    + " 'urn:osb:services:ggk', 'Fo01', 'business', 'https://127.0.0.1:9/ebms', 'text/xml', 'x',"
    + " true, 'acknowledged', 1, 3, 3600000) RETURNING id)"
    + " INSERT INTO stuf_fo01 (direction, referentienummer, cross_refnummer, code, plek,"
    + " omschrijving, bericht_id, ebms_outbox_id) SELECT 'out', 'ref-fo01', 'ref-xsd305',"
    + " 'StUF055', 'client', 'Berichtbody is niet conform schema in sectormodel', b.id, o.id"
    + ' FROM b, o');
}

// A paid payment batch, as `sluis betaal batch / export / betaald` leave it.
function paidBatch(info) {
  psql(info, 'INSERT INTO betaalbatch (gemeente, created_at, created_by, uitvoerdatum, msg_id,'
    + " status, totaal_cent, aantal, aantal_declaraties, pain001, geexporteerd_at, betaald_op)"
    + " VALUES ('0363', now(), 'fin.medewerker', '2026-03-02', 'SLUIS-UI-1', 'betaald', 123456,"
    + " 2, 3, '<Document/>', now(), '2026-03-03')");
}

test('operations, aanbieders and berichten show real data', async () => {
  const sluis = await startSluis();
  const browser = await launchBrowser();
  try {
    addAccounts(sluis.info);
    replay(sluis.info, '01-spec-example');
    replay(sluis.info, '17-tr321-volume');
    // Starts and stops of 42420001, received in March 2026 (OP271/OP272).
    replayFiles(sluis.info, 'replay-regie/20-timeliness',
      ['001-WMO301.xml', '002-WMO305@2026-03-10.xml', '003-WMO307.xml']);
    raiseAlert(sluis.info);
    failedSignal(sluis.info);
    busyDay(sluis.info);
    refusedBericht(sluis.info);
    paidBatch(sluis.info);

    const ops = await newPage(browser);
    await login(ops, sluis.info, 'operations');
    await ops.locator('[data-testid=achterstand]').waitFor();
    const buckets = await ops.locator('[data-testid=achterstand] tbody tr td:first-child')
      .allTextContents();
    assert.deepEqual(buckets, ['0-10', '11-20', '21-25', '26-30', '>30']);
    const counts = await ops.locator('[data-testid=achterstand] tbody tr td:nth-child(2)')
      .allTextContents();
    assert.ok(counts.map(Number).reduce((a, b) => a + b) >= 2, counts.join());
    assert.equal(await ops.locator('[data-testid=achterstand-grafiek] rect').count(), 5);
    // The replayed 323s of February and March 2026: their 325s and payments are overdue.
    const laat = await ops.locator('[data-testid=termijnen] .termijn.te-laat').allTextContents();
    assert.ok(laat.length >= 2 && laat.every((t) => /^2026-0[2-4]-\d\d \(\d+ dagen te laat\)$/.test(t)),
      laat.join());
    // Berichten per day: today's bar says what was sent and received, and every label stays
    // inside the chart (a wide "1500/12000" above the last bar used to be cut off).
    const buiten = await ops.locator('[data-testid=stroom-grafiek]').evaluate((svg) => {
      const breedte = svg.viewBox.baseVal.width;
      return [...svg.querySelectorAll('text')].map((t) => t.getBBox())
        .filter((b) => b.x < 0 || b.x + b.width > breedte || b.y < 0)
        .map((b) => `${b.x}+${b.width}`);
    });
    assert.deepEqual(buiten, []);
    const stroom = await ops.evaluate(async () => (await fetch('/api/operations/berichtstroom')).json());
    const dag = stroom.items.at(-1);
    assert.ok(dag.ontvangen >= 1500 && dag.verzonden >= 12000, JSON.stringify(dag));
    const vandaag = ops.locator('[data-testid=stroom-grafiek] g').last();
    assert.deepEqual(await vandaag.locator('text').first().locator('tspan').allTextContents(),
      [String(dag.verzonden), String(dag.ontvangen)]);
    await ops.screenshot({ path: screenshotPath('operations'), fullPage: true });
    await ops.locator('[data-testid=meldingen] button', { hasText: 'Bevestigen' }).click();
    await ops.locator('[data-testid=meldingen] td', { hasText: 'operations' }).waitFor();
    // Dealt with: closed by hand (a deadline alert has no such button), and audited.
    const melding = ops.locator('[data-testid=meldingen] tr', { hasText: 'ui-test@sluis' });
    await melding.locator('button', { hasText: 'Afsluiten' }).click();
    await melding.waitFor({ state: 'detached' });
    assert.equal(psql(sluis.info, "SELECT count(*) FROM alert WHERE condition_key ="
      + " 'outbox.dead:ui-test' AND resolved_at IS NOT NULL"), '1');
    assert.equal(psql(sluis.info, "SELECT actor FROM audit_log WHERE action = 'alert.afgesloten'"),
      'operations');
    // The refused Acknowledgment is listed with its error and sent again from here: it leaves
    // the list, is pending once more, and the audit log says who did it.
    const refused = ops.locator('[data-testid=dead-letters] tr', { hasText: 'ui-failed@sluis' });
    assert.match(await refused.textContent(), /failed.*HTTP 500 from the receiver/);
    await refused.locator('button', { hasText: 'Opnieuw' }).click();
    await refused.waitFor({ state: 'detached' });
    assert.equal(psql(sluis.info,
      "SELECT state || ' ' || attempts FROM ebms_outbox WHERE message_id = 'ui-failed@sluis'"),
    'pending 0');
    assert.equal(psql(sluis.info, "SELECT actor || ' ' || subject FROM audit_log"
      + " WHERE action = 'outbox.opnieuw'"), 'operations ebms_outbox/ui-failed@sluis');
    // Payment: the replayed declaraties of 42420001 are long overdue, and that costs money.
    await ops.locator('nav a[data-scherm=betalingen]').click();
    const betalen = ops.locator('[data-testid=betaalachterstand] tbody tr', { hasText: '42420001' });
    assert.match(await betalen.textContent(), /^42420001 Thuiszorg De Linde\d+[1-9]\d*€.*€/);
    assert.match(await ops.locator('[data-testid=betaalachterstand-totaal]').textContent(),
      /waarvan [1-9]\d* na de betaaltermijn.*kost boven het bedrag: €\s[1-9]/);
    const batch = ops.locator('[data-testid=betaalbatches] tbody tr');
    assert.match(await batch.textContent(),
      /0363.*fin\.medewerker.*2026-03-0223€\s1\.234,56betaald2026-03-03/);
    await batch.click();
    assert.match(await ops.locator('[data-testid=batch-kop]').textContent(),
      /Statusbetaald.*Betaald op2026-03-03/);
    await ops.context().close();

    const am = await newPage(browser);
    await login(am, sluis.info, 'accountmanager');
    await am.locator('[data-testid=aanbieders] tbody tr', { hasText: '42420001' }).click();
    await am.locator('[data-testid=tijdlijn]').waitFor();
    const timeline = await am.locator('[data-testid=tijdlijn] tbody tr').allTextContents();
    assert.ok(timeline.some((t) => /WMO323/.test(t) && /ontvangen/.test(t)), timeline.join('\n'));
    assert.ok(timeline.some((t) => /WMO325/.test(t) && /verzonden/.test(t)));
    assert.match(await am.locator('[data-testid=afwijzingen]').textContent(), /9321/);
    // Timeliness, volume and spend per product per month, what is open.
    const maart = am.locator('[data-testid=tijdigheid] tbody tr', { hasText: '2026-03' });
    await maart.waitFor();
    assert.match(await maart.textContent(), /^2026-03\d \/ 2.*%\d \/ 2/);
    const volume = await am.locator('[data-testid=volume] tbody tr').allTextContents();
    assert.ok(volume.some((t) => t.startsWith('2026-01')), volume.join('\n'));
    assert.ok(volume.some((t) => t.startsWith('2026-02') && /€/.test(t)), volume.join('\n'));
    assert.equal(await am.locator('[data-testid=volume-grafiek] rect').count(),
      new Set(volume.map((t) => t.slice(0, 7))).size);
    const declaraties = am.locator('[data-testid=openstaand] tbody tr',
      { hasText: 'Declaraties niet betaald' });
    assert.match(await declaraties.textContent(), /betaald of afgewezen[1-9]/);
    await am.screenshot({ path: screenshotPath('aanbieder'), fullPage: true });
    // Open a message's raw XML from the timeline.
    await am.locator('[data-testid=tijdlijn] tbody tr', { hasText: 'WMO323' }).first().click();
    await am.locator('#toon-xml').click();
    await am.locator('#xml').waitFor({ state: 'visible' });
    const xml = await am.locator('#xml').textContent();
    assert.match(xml, /<wmo323:Bericht|<Bericht/);
    assert.doesNotMatch(xml, /99990000[0-9]</);
    assert.match(xml, /Bsn>\*{5}\d{4}</);
    await am.screenshot({ path: screenshotPath('bericht-xml'), fullPage: true });
    await am.locator('#toon-xml-bsn').click();
    await am.locator('#xml', { hasText: '999900006' }).waitFor();
    // A long timeline shows the latest 50 and leads to the Berichten screen for the rest. (An
    // AGB with 60 copies of a 301, not in the reference data.)
    psql(sluis.info, "INSERT INTO bericht (direction, domein, berichttype, gemeente, agb,"
      + " identificatie, dagtekening, payload, state) SELECT 'out', domein, 301, gemeente,"
      + " '42420099', 'LANG' || g, dagtekening, payload, 'acknowledged'"
      + " FROM bericht, generate_series(1, 60) g WHERE id = (SELECT min(id) FROM bericht)");
    await am.goto(`${sluis.info.admin_url}/ui/#/aanbieder/42420099`);
    assert.match(await am.locator('[data-testid=aanbieder-gegevens]').textContent(),
      /Niet in de referentiedata/);
    assert.equal(await am.locator('[data-testid=tijdlijn] tbody tr').count(), 50);
    const meer = am.locator('[data-testid=tijdlijn-meer]');
    assert.match(await meer.textContent(), /De laatste 50 van 60 berichten/);
    await meer.locator('a').click();
    await am.locator('.pager', { hasText: '60 totaal' }).waitFor();
    assert.equal(await am.locator('[data-testid=berichten] tbody tr', { hasText: '42420099' }).count(),
      await am.locator('[data-testid=berichten] tbody tr').count());
    await am.context().close();

    const bo = await newPage(browser);
    await login(bo, sluis.info, 'backoffice');
    await bo.goto(`${sluis.info.admin_url}/ui/#/berichten`);
    await bo.locator('#zoek').fill('DCL260203A');
    await bo.locator('#zoek-knop').click();
    // The unfiltered list is there first: wait for the search's answer, one message.
    await bo.waitForFunction(
      () => document.querySelectorAll('[data-testid=berichten] tbody tr').length === 1);
    assert.match(await bo.locator('[data-testid=berichten] tbody').textContent(), /DCL260203A/);
    await bo.screenshot({ path: screenshotPath('berichten'), fullPage: true });
    // What was refused, and why: filter on the status, open it, see the XSD finding and the
    // Fo01 that went back.
    await bo.locator('#zoek').fill('');
    await bo.locator('#zoek-status').selectOption('xsd_rejected');
    await bo.locator('#zoek-richting').selectOption('in');
    await bo.locator('#zoek-knop').click();
    await bo.waitForFunction(() => [...document.querySelectorAll('[data-testid=berichten] tbody tr')]
      .every((r) => r.textContent.includes('xsd_rejected')));
    await bo.locator('[data-testid=berichten] tbody tr', { hasText: 'XSD305' }).click();
    const finding = bo.locator('[data-testid=bevindingen] tbody tr');
    assert.match(await finding.textContent(), /1 \(XSD\).*line 10.*Identificatie: too long/);
    assert.match(await bo.locator('[data-testid=fo01] tbody tr').textContent(),
      /verzonden.*StUF055.*niet conform schema.*acknowledged/);
    assert.match(await bo.locator('dl.kop').textContent(), /FoutStUF055: line 10/);
    await bo.screenshot({ path: screenshotPath('bericht-geweigerd'), fullPage: true });
    await bo.context().close();

    const beheer = await newPage(browser);
    await login(beheer, sluis.info, 'beheer');
    const audit = await beheer.locator('[data-testid=audit] tbody').textContent();
    assert.match(audit, /bsn\.getoond/);
    assert.match(audit, /alert\.bevestigd/);
    // Only what one person did of one kind.
    await beheer.locator('#audit-wat').fill('alert.bevestigd');
    await beheer.locator('#audit-zoek').click();
    await beheer.waitForFunction(() => [...document.querySelectorAll('[data-testid=audit] tbody tr')]
      .every((r) => r.textContent.includes('alert.bevestigd')));
    const rijen = await beheer.locator('[data-testid=audit] tbody tr').allTextContents();
    assert.equal(rijen.length, 1, rijen.join('\n'));
    assert.match(rijen[0], /operations.*alert\.bevestigd/);
    await beheer.locator('#audit-wie').fill('accountmanager');
    await beheer.locator('#audit-zoek').click();
    await beheer.locator('p.leeg[data-testid=audit]').waitFor();
  } finally {
    await browser.close();
    await sluis.stop();
  }
});
