// Aanbieders (account managers): every aanbieder, and one with its rejections per retourcode,
// what is open, timeliness, what was paid, volume per product and its berichten.
import { api, bedrag, el, main, staafgrafiek, status, tabel, tijd } from './lib.js';
import { berichtParams } from './berichten.js';
import { EENHEID } from './verzoeken.js';

export async function aanbieders() {
  const lijst = await api('/api/aanbieders?limit=200');
  main.replaceChildren(el('h1', { text: 'Aanbieders' }), el('section', { class: 'kaart' },
    tabel(lijst.items, [
      { kop: 'AGB', waarde: (r) => r.agb },
      { kop: 'Naam', waarde: (r) => r.naam ?? '' },
      { kop: 'Berichten', num: true, waarde: (r) => r.berichten },
      { kop: 'Declaraties', num: true, waarde: (r) => r.declaraties },
      { kop: 'Open', num: true, waarde: (r) => r.open },
      { kop: 'Laatste bericht', waarde: (r) => tijd(r.laatste_bericht) },
    ], { testid: 'aanbieders', klik: (r) => { location.hash = `#/aanbieder/${r.agb}`; } })));
}

// What was paid to the aanbieder, batch by batch (what a provider asks when it calls).
function betalingen(lijst) {
  return el('section', { class: 'kaart' }, el('h2', { text: 'Betalingen (laatste 20 overboekingen)' }),
    tabel(lijst.items, [
      { kop: 'Batch', waarde: (r) => r.batch_id },
      { kop: 'Gemeente', waarde: (r) => r.gemeente },
      { kop: 'Uitvoerdatum', waarde: (r) => r.uitvoerdatum },
      { kop: 'Bedrag', num: true, waarde: (r) => bedrag(r.bedrag_cent) },
      { kop: 'Declaraties', num: true, waarde: (r) => r.declaraties },
      { kop: 'Status', waarde: (r) => status(r.status) },
      { kop: 'Betaald op', waarde: (r) => r.betaald_op ?? '' },
      { kop: 'Omschrijving', waarde: (r) => r.omschrijving },
      { kop: 'Kenmerk (EndToEndId)', waarde: (r) => r.end_to_end_id },
      { kop: 'Naar IBAN', waarde: (r) => r.iban },
    ], { testid: 'betalingen' }));
}

export async function aanbieder(agb) {
  // A link to the Berichten screen, filtered on this aanbieder.
  const alleBerichten = (attrs, tekst) => el('a', { href: '#/berichten', ...attrs, onclick: () => {
    for (const k of [...berichtParams.keys()]) berichtParams.delete(k);
    berichtParams.set('agb', agb);
  } }, tekst);
  const [gegevens, tijdlijn, afw, tijdig, volume, open, betaald] = await Promise.all([
    // An AGB seen only in messages has no reference row: the page shows without its name.
    api(`/api/aanbieders/${agb}`).catch((e) => { if (e.status === 404) return null; throw e; }),
    api(`/api/aanbieders/${agb}/berichten?limit=50`), api(`/api/aanbieders/${agb}/afwijzingen`),
    api(`/api/aanbieders/${agb}/tijdigheid`), api(`/api/aanbieders/${agb}/volume?limit=1000`),
    api(`/api/aanbieders/${agb}/openstaand`), api(`/api/aanbieders/${agb}/betalingen?limit=20`)]);
  const perMaand = new Map();
  for (const r of volume.items) perMaand.set(r.maand, (perMaand.get(r.maand) || 0) + r.bedrag_cent);
  const pct = (v) => (v === null || v === undefined ? '–' : `${v.toLocaleString('nl-NL')}%`);
  const OPEN = { declaraties: 'Declaraties niet betaald of afgewezen',
    verzoeken: 'Verzoeken (315/317) zonder besluit', wacht_op_retour: '301/319 zonder retour (OP090)' };
  const perCode = new Map();
  for (const r of afw.items) perCode.set(r.retourcode, (perCode.get(r.retourcode) || 0) + r.afgekeurd);
  main.replaceChildren(
    el('p', {}, el('a', { href: '#/aanbieders' }, '← Aanbieders')),
    el('h1', { text: gegevens ? `Aanbieder ${agb} ${gegevens.naam}` : `Aanbieder ${agb}` }),
    el('p', { 'data-testid': 'aanbieder-gegevens', text: gegevens
      ? `IBAN ${gegevens.iban} · betaaltermijn ${gegevens.betaaltermijn_dagen} dagen`
      : 'Niet in de referentiedata (aanbieders.csv): geen naam, IBAN of betaaltermijn.' }),
    el('p', {}, alleBerichten({ id: 'aanbieder-berichten' },
      'Alle berichten van deze aanbieder (zoeken en filteren)')),
    el('div', { class: 'rij' },
      el('section', { class: 'kaart' }, el('h2', { text: 'Afwijzingen per retourcode' }),
        staafgrafiek([...perCode].map(([c, n]) => ({ label: c, waarde: n })),
          { kleur: '#b42318', testid: 'afwijzingen-grafiek' }),
        tabel(afw.items, [
          { kop: 'Maand', waarde: (r) => r.maand },
          { kop: 'Retourcode', waarde: (r) => el('span', {}, el('strong', { text: r.retourcode }), ' ',
            el('span', { class: 'code-tekst', text: r.tekst })) },
          { kop: 'Afgekeurd', num: true, waarde: (r) => r.afgekeurd },
          { kop: 'van', num: true, waarde: (r) => r.prestaties },
          { kop: '%', num: true, waarde: (r) => r.percentage.toLocaleString('nl-NL') },
        ], { testid: 'afwijzingen' }))),
    el('div', { class: 'rij' },
      el('section', { class: 'kaart' }, el('h2', { text: 'Openstaand' }),
        tabel(open.items, [
          { kop: 'Wat', waarde: (r) => OPEN[r.soort] ?? r.soort },
          { kop: 'Aantal', num: true, waarde: (r) => r.aantal },
          { kop: 'Bedrag', num: true, waarde: (r) => bedrag(r.bedrag_cent) },
          { kop: 'Oudste', waarde: (r) => tijd(r.oudste) },
        ], { testid: 'openstaand' })),
      el('section', { class: 'kaart' },
        el('h2', { text: 'Tijdigheid starts en stops (binnen 5 werkdagen, OP271/OP272)' }),
        tabel(tijdig.items, [
          { kop: 'Maand', waarde: (r) => r.maand },
          { kop: 'Starts (305)', num: true, waarde: (r) => `${r.starts_tijdig} / ${r.starts}` },
          { kop: 'Tijdig', num: true, waarde: (r) => pct(r.starts_pct) },
          { kop: 'Stops (307)', num: true, waarde: (r) => `${r.stops_tijdig} / ${r.stops}` },
          { kop: 'Tijdig', num: true, waarde: (r) => pct(r.stops_pct) },
        ], { testid: 'tijdigheid' }))),
    betalingen(betaald),
    el('section', { class: 'kaart' },
      el('h2', { text: 'Gedeclareerd per product per maand' }),
      staafgrafiek([...perMaand].map(([m, c]) => ({ label: m, waarde: Math.max(0, c),
        tekst: bedrag(c) })), { kleur: '#3c8dbc', testid: 'volume-grafiek' }),
      el('p', { class: 'code-tekst', text: 'Stijging: het bedrag is meer dan anderhalf keer het '
        + 'gemiddelde van de drie maanden ervoor (alleen maanden met declaraties).' }),
      tabel(volume.items, [
        { kop: 'Maand', waarde: (r) => r.maand },
        { kop: 'Product', waarde: (r) => `${r.categorie}/${r.code}` },
        { kop: 'Volume', num: true, waarde: (r) => `${r.volume} ${EENHEID[r.eenheid] ?? r.eenheid}` },
        { kop: 'Prestaties', num: true, waarde: (r) => r.prestaties },
        { kop: 'Gedeclareerd', num: true, waarde: (r) => bedrag(r.bedrag_cent) },
        { kop: 'Goedgekeurd', num: true, waarde: (r) => bedrag(r.goedgekeurd_cent) },
        { kop: 'Gem. 3 mnd ervoor', num: true, waarde: (r) => bedrag(r.gemiddeld_eerder_cent) },
        { kop: 'Signaal', waarde: (r) => (r.stijging
          ? el('span', { class: 'status status-critical', text: 'plotselinge stijging' }) : '') },
      ], { testid: 'volume' })),
    el('section', { class: 'kaart' }, el('h2', { text: 'Tijdlijn van berichten' }),
      tabel(tijdlijn.items, [
        { kop: 'Tijd', waarde: (r) => tijd(r.created_at) },
        { kop: 'Richting', waarde: (r) => (r.direction === 'in' ? '← ontvangen' : '→ verzonden') },
        { kop: 'Type', waarde: (r) => `${r.domein.toUpperCase()}${r.berichttype}` },
        { kop: 'Identificatie', waarde: (r) => r.identificatie },
        { kop: 'Dagtekening', waarde: (r) => r.dagtekening },
        { kop: 'Status', waarde: (r) => status(r.state) },
      ], { testid: 'tijdlijn', klik: (r) => { location.hash = `#/bericht/${r.id}`; } }),
      tijdlijn.total > tijdlijn.items.length
        ? el('p', { class: 'pager', 'data-testid': 'tijdlijn-meer' },
          `De laatste ${tijdlijn.items.length} van ${tijdlijn.total} berichten. `,
          alleBerichten({}, 'Alle berichten zoeken en filteren'))
        : null));
}
