// Betalingen: per gemeente what a new payment batch would pay (and making it), the backlog per
// aanbieder with what paying late costs, and the batches; a batch's page hands out its pain.001
// for the bank, marks it paid or cancels it. The same steps as `sluis betaal ...`, audited.
import { aantal, api, bedrag, el, main, melding, pager, status, tabel, tijd } from './lib.js';

// Paging of the batches list, kept while moving between a batch and the list.
const batchParams = new URLSearchParams({ limit: 20 });

// Unpaid approved declaraties per aanbieder and what paying late costs (LeesBetaalBacklog).
function betaalachterstand(b) {
  return el('section', { class: 'kaart' },
    el('h2', { text: 'Betaalachterstand per aanbieder' }),
    el('p', { 'data-testid': 'betaalachterstand-totaal' },
      `${b.aantal} goedgekeurde declaraties niet betaald (${bedrag(b.open_cent)}), `
      + `waarvan ${b.te_laat} na de betaaltermijn. Wat betalen op ${b.peildatum} kost boven het `
      + `bedrag: ${bedrag(b.blootstelling_cent)} (wettelijke handelsrente en de vaste `
      + 'vergoeding van € 40 per te laat betaalde declaratie).'),
    b.rente_onvolledig ? melding('Let op: de tabel handelsrente dekt niet alle dagen te laat '
      + '(0% gerekend); beheer vult hem aan (Beheer, Wettelijke handelsrente).') : null,
    b.rente_ontbreekt ? melding(`Let op: het percentage handelsrente per ${b.rente_ontbreekt} `
      + 'ontbreekt, dus te laat betalen is met het vorige percentage berekend; beheer vult het '
      + 'aan (Beheer, Wettelijke handelsrente).') : null,
    tabel(b.items, [
      { kop: 'AGB', waarde: (r) => `${r.agb} ${r.naam}` },
      { kop: 'Aantal', num: true, waarde: (r) => r.aantal },
      { kop: 'Te laat', num: true, waarde: (r) => r.te_laat },
      { kop: 'Open', num: true, waarde: (r) => bedrag(r.open_cent) },
      { kop: 'Credit', num: true, waarde: (r) => (r.credit_cent ? bedrag(r.credit_cent) : '') },
      { kop: 'Meeste dagen te laat', num: true, waarde: (r) => (r.max_dagen_te_laat || '') },
      { kop: 'Kost te laat', num: true, waarde: (r) => bedrag(r.blootstelling_cent) },
    ], { testid: 'betaalachterstand' }));
}

// What POST /api/betaalbatches answered: the batch made, or why there is none, and the AGBs
// left out (no IBAN, credits outweighing debits) that stay open.
function uitkomst(u) {
  const b = u.batch;
  return el('div', { 'data-testid': 'batch-uitkomst' },
    b ? melding(`Betaalbatch ${b.id} gemaakt: ${aantal(b.aantal, 'overboeking', 'overboekingen')}, `
      + `${aantal(b.aantal_declaraties, 'declaratie', 'declaraties')}, ${bedrag(b.totaal_cent)}.`, 'ok')
      : melding('Geen betaalbatch: er is niets over te maken.', 'ok'),
    u.export_fout ? melding(`De pain.001 is niet gemaakt: ${u.export_fout}`) : null,
    b ? el('p', {}, el('a', { href: `#/betaalbatch/${b.id}` }, `Naar betaalbatch ${b.id}`)) : null,
    u.overgeslagen.length ? el('p', { text: 'Niet in de batch (blijven open):' }) : null,
    u.overgeslagen.length ? tabel(u.overgeslagen, [
      { kop: 'AGB', waarde: (r) => r.agb },
      { kop: 'Reden', waarde: (r) => r.reden },
      { kop: 'Declaraties', num: true, waarde: (r) => r.aantal },
      { kop: 'Netto', num: true, waarde: (r) => bedrag(r.netto_cent) },
    ], { testid: 'overgeslagen' }) : null);
}

// Per gemeente what a new batch would take, and the form that makes it.
function teBetalen(b, gemaakt) {
  const gemeenten = b.per_gemeente.filter((g) => g.klaar > 0 && g.debiteur);
  const gemeente = el('select', { name: 'gemeente', id: 'batch-gemeente', required: true },
    gemeenten.map((g) => el('option', { value: g.gemeente },
      `${g.gemeente}: ${aantal(g.klaar, 'declaratie', 'declaraties')}, `
      + `${bedrag(g.klaar_netto_cent)}`)));
  const datum = el('input', { type: 'date', name: 'uitvoerdatum', id: 'batch-uitvoerdatum',
    required: true, min: b.peildatum, value: b.peildatum });
  const knop = el('button', { type: 'submit', id: 'batch-maken', disabled: !gemeenten.length },
    'Betaalbatch maken');
  const uitslag = el('div', {}, gemaakt ? uitkomst(gemaakt) : null);
  const form = el('form', { class: 'filters', onsubmit: async (e) => {
    e.preventDefault();
    knop.disabled = true;
    try {
      const u = await api('/api/betaalbatches', { body: { gemeente: gemeente.value,
        uitvoerdatum: datum.value } });
      await betalingen(u);
    } catch (err) {
      uitslag.replaceChildren(melding(err.message));
      knop.disabled = false;
    }
  } }, el('label', {}, 'Gemeente', gemeente), el('label', {}, 'Uitvoerdatum', datum), knop);
  return el('section', { class: 'kaart' },
    el('h2', { text: 'Te betalen per gemeente' }),
    el('p', { class: 'code-tekst', text: 'Klaar: de 325 ging uit en de declaratie zit in geen '
      + 'batch. Een nieuwe batch neemt ze allemaal: één overboeking per AGB, credits verrekend. '
      + 'Daarna de pain.001 downloaden en bij de bank aanbieden.' }),
    tabel(b.per_gemeente, [
      { kop: 'Gemeente', waarde: (g) => g.gemeente },
      { kop: 'Klaar', num: true, waarde: (g) => g.klaar },
      { kop: 'Netto', num: true, waarde: (g) => bedrag(g.klaar_netto_cent) },
      { kop: 'In een batch', num: true, waarde: (g) => g.in_batch },
      { kop: 'Wacht op 325', num: true, waarde: (g) => g.wacht_op_325 },
      { kop: 'Te laat', num: true, waarde: (g) => g.te_laat },
      { kop: 'Eerste uiterlijk', waarde: (g) => g.eerste_uiterlijk },
      { kop: 'Rekening', waarde: (g) => (g.debiteur ? `${g.debiteur.naam} ${g.debiteur.iban}`
        : el('span', { class: 'te-laat', text: 'geen: [betaling] in sluisd.toml' })) },
    ], { testid: 'te-betalen' }),
    form, uitslag);
}

// gemaakt: the answer of a batch just made, shown above the lists.
export async function betalingen(gemaakt) {
  const [backlog, batches] = await Promise.all([
    api('/api/operations/betaalachterstand'), api(`/api/betaalbatches?${batchParams}`)]);
  main.replaceChildren(
    el('h1', { text: 'Betalingen' }),
    teBetalen(backlog, gemaakt),
    el('section', { class: 'kaart' }, el('h2', { text: 'Betaalbatches' }),
      tabel(batches.items, [
        { kop: 'Nr', waarde: (r) => r.id },
        { kop: 'Gemeente', waarde: (r) => r.gemeente },
        { kop: 'Gemaakt', waarde: (r) => `${tijd(r.created_at)} (${r.created_by})` },
        { kop: 'Uitvoerdatum', waarde: (r) => r.uitvoerdatum },
        { kop: 'Overboekingen', num: true, waarde: (r) => r.aantal },
        { kop: 'Declaraties', num: true, waarde: (r) => r.aantal_declaraties },
        { kop: 'Totaal', num: true, waarde: (r) => bedrag(r.totaal_cent) },
        { kop: 'Status', waarde: (r) => status(r.status) },
        { kop: 'Betaald op / reden', waarde: (r) => r.betaald_op ?? r.annuleer_reden ?? '' },
      ], { testid: 'betaalbatches', klik: (r) => { location.hash = `#/betaalbatch/${r.id}`; } }),
      pager(batches, '/api/betaalbatches', batchParams, () => betalingen())),
    betaalachterstand(backlog));
}

// The actions a batch allows in its state; after each the page shows the batch again.
function acties(b, vandaag, fout) {
  const doe = async (pad, body) => {
    try {
      await api(`/api/betaalbatches/${b.id}/${pad}`, { body });
      await betaalbatch(b.id);
    } catch (err) {
      fout.replaceChildren(melding(err.message));
    }
  };
  const kids = [];
  if (b.pain001_bytes > 0 && b.status !== 'geannuleerd') {
    kids.push(el('a', { class: 'knop', href: `/api/betaalbatches/${b.id}/pain001`, download: '',
      'data-testid': 'pain001' }, `pain.001 downloaden (${b.pain001_bytes} bytes)`));
  }
  if (b.status === 'aangemaakt') {
    kids.push(el('button', { type: 'button', id: 'batch-export', onclick: () => doe('export', {}) },
      'pain.001 maken'));
  }
  if (b.status === 'geexporteerd') {
    const op = el('input', { type: 'date', id: 'betaald-op', required: true, max: vandaag,
      value: b.uitvoerdatum < vandaag ? b.uitvoerdatum : vandaag });
    kids.push(el('form', { class: 'filters', onsubmit: (e) => {
      e.preventDefault(); doe('betaald', { betaald_op: op.value });
    } }, el('label', {}, 'Bijgeschreven op', op),
    el('button', { type: 'submit', id: 'batch-betaald' }, 'Betaald')));
  }
  if (b.status === 'aangemaakt' || b.status === 'geexporteerd') {
    const reden = el('input', { id: 'annuleer-reden', required: true, size: 40,
      placeholder: 'waarom niet betalen' });
    kids.push(el('form', { class: 'filters', onsubmit: (e) => {
      e.preventDefault(); doe('annuleren', { reden: reden.value });
    } }, el('label', {}, 'Reden', reden),
    el('button', { type: 'submit', class: 'gevaar', id: 'batch-annuleren' }, 'Annuleren')));
  }
  return kids;
}

const DOMEIN = { wmo: 'Wmo', jeugd: 'Jeugd' };
// Paging of a batch's declaraties; it starts over when another batch is opened.
const batchDeclaratieParams = new URLSearchParams({ limit: 50 });
let getoondeBatch = null;

function toonBatch(b, vandaag, declaraties) {
  const fout = el('div');
  const veld = (dt, dd) => [el('dt', { text: dt }), el('dd', {}, dd ?? '')];
  main.replaceChildren(
    el('h1', { text: `Betaalbatch ${b.id} (${b.msg_id})` }),
    el('section', { class: 'kaart' },
      el('dl', { class: 'kop', 'data-testid': 'batch-kop' },
        veld('Status', status(b.status)), veld('Gemeente', b.gemeente),
        veld('Uitvoerdatum', b.uitvoerdatum), veld('Totaal', bedrag(b.totaal_cent)),
        veld('Overboekingen', String(b.aantal)), veld('Declaraties', String(b.aantal_declaraties)),
        veld('Per domein', Object.entries(b.per_domein_cent).map(([d, c]) =>
          `${DOMEIN[d] ?? d} ${bedrag(c)}`).join(' · ')),
        veld('Gemaakt', `${tijd(b.created_at)} door ${b.created_by}`),
        veld('Geëxporteerd', b.geexporteerd_at
          ? `${tijd(b.geexporteerd_at)} door ${b.geexporteerd_by}` : 'nee'),
        veld('Van rekening', b.debiteur_iban ? `${b.debiteur_naam} ${b.debiteur_iban}` : ''),
        b.betaald_op ? veld('Betaald op', b.betaald_op) : null,
        b.annuleer_reden ? veld('Geannuleerd', `${b.annuleer_reden} (${b.afgesloten_by})`) : null,
        b.afgesloten_at ? veld('Afgesloten', `${tijd(b.afgesloten_at)} door ${b.afgesloten_by}`)
          : null),
      b.status === 'geannuleerd' ? melding('Geannuleerd: het bestand gaat niet naar de bank; de '
        + 'declaraties gaan in de volgende batch.', 'ok') : null,
      el('div', { class: 'rij acties', 'data-testid': 'batch-acties' }, acties(b, vandaag, fout)),
      fout),
    el('section', { class: 'kaart' }, el('h2', { text: 'Overboekingen' }),
      tabel(b.regels, [
        { kop: 'AGB', waarde: (r) => `${r.agb} ${r.naam}` },
        { kop: 'IBAN', waarde: (r) => r.iban },
        { kop: 'Bedrag', num: true, waarde: (r) => bedrag(r.bedrag_cent) },
        { kop: 'Declaraties', num: true, waarde: (r) => r.declaratie_ids.length },
        { kop: 'Omschrijving', waarde: (r) => r.omschrijving },
        { kop: 'EndToEndId', waarde: (r) => r.end_to_end_id },
      ], { testid: 'overboekingen' })),
    el('section', { class: 'kaart' }, el('h2', { text: 'Declaraties (voor de boeking)' }),
      tabel(declaraties.items, [
        { kop: 'AGB', waarde: (r) => `${r.agb} ${r.aanbieder}` },
        { kop: 'Domein', waarde: (r) => DOMEIN[r.domein] ?? r.domein },
        { kop: 'DeclaratieNummer', waarde: (r) => r.declaratienummer },
        { kop: 'Periode', waarde: (r) => `${r.periode_begin} – ${r.periode_eind}` },
        { kop: 'Bedrag', num: true, waarde: (r) => bedrag(r.toegekend_cent) },
        { kop: 'EndToEndId', waarde: (r) => r.end_to_end_id },
      ], { testid: 'batch-declaraties' }),
      pager(declaraties, `/api/betaalbatches/${b.id}/declaraties`, batchDeclaratieParams,
        () => betaalbatch(b.id))));
}

// Today in the Netherlands, JJJJ-MM-DD (Sweden writes dates the ISO way); the API checks again.
const vandaagNl = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' })
  .format(new Date());

export async function betaalbatch(id) {
  if (String(id) !== getoondeBatch) batchDeclaratieParams.delete('offset');
  getoondeBatch = String(id);
  const pad = `/api/betaalbatches/${encodeURIComponent(id)}`;
  const [b, declaraties] = await Promise.all([api(pad),
    api(`${pad}/declaraties?${batchDeclaratieParams}`)]);
  toonBatch(b, vandaagNl(), declaraties);
}
