// Werkvoorraad (back office): declaraties with their deadlines, one declaratie with its
// prestaties and the review decision, and the holds (formele controle).
import {
  api, bedrag, el, filterFormulier, main, melding, pager, status, tabel, termijnMet, tijd,
} from './lib.js';
import { verzoekenKaart, verzoekParams } from './verzoeken.js';

const STATUSSEN = ['open', 'ontvangen', 'in_review', 'beoordeeld', 'verzonden', 'betaalbaar',
  'betaald', 'afgewezen'];

const werkParams = new URLSearchParams('status=open');

export async function werkvoorraad() {
  const veld = (naam, label) => el('label', {}, label,
    el('input', { name: naam, value: werkParams.get(naam) || '', size: 12 }));
  const statusKeuze = el('select', { name: 'status' }, el('option', { value: '' }, 'alle'),
    STATUSSEN.map((s) => el('option', { value: s, selected: werkParams.get('status') === s }, s)));
  const filters = filterFormulier(werkParams, werkvoorraad,
    el('label', {}, 'Status', statusKeuze), veld('agb', 'AGB-code'),
    veld('declaratienummer', 'DeclaratieNummer'), veld('bsn', 'BSN'),
    veld('toewijzingnummer', 'ToewijzingNummer'), el('button', { type: 'submit' }, 'Zoeken'));
  const [lijst, holds, verzoeken] = await Promise.all([
    api(`/api/declaraties?${werkParams}`), api('/api/vasthouden'),
    api(`/api/verzoeken?${verzoekParams}`)]);
  const agb = el('input', { name: 'agb', id: 'vasthouden-agb', size: 10, required: true,
    pattern: '[0-9]{8}' });
  const reden = el('input', { name: 'reden', id: 'vasthouden-reden', size: 30, required: true });
  const uitkomst = el('div');
  main.replaceChildren(
    el('h1', { text: 'Werkvoorraad' }),
    el('section', { class: 'kaart' }, filters,
      tabel(lijst.items, [
        { kop: 'Nr', waarde: (r) => r.id },
        { kop: 'Aanbieder', waarde: (r) => `${r.agb} ${r.aanbieder ?? ''}` },
        { kop: 'DeclaratieNummer', waarde: (r) => r.declaratienummer },
        { kop: 'Periode', waarde: (r) => `${r.periode_begin} – ${r.periode_eind}` },
        { kop: 'Status', waarde: (r) => status(r.status) },
        { kop: 'Ingediend', num: true, waarde: (r) => bedrag(r.ingediend_cent) },
        { kop: 'Toegekend', num: true, waarde: (r) => bedrag(r.toegekend_cent) },
        { kop: '325 uiterlijk', waarde: (r) => termijnMet(r.antwoord_uiterlijk, r.antwoord_dagen_over) },
        { kop: 'Betalen uiterlijk', waarde: (r) => termijnMet(r.betalen_uiterlijk, r.betalen_dagen_over) },
      ], { testid: 'declaraties', klik: (r) => { location.hash = `#/declaratie/${r.id}`; } }),
      pager(lijst, '/api/declaraties', werkParams, werkvoorraad)),
    verzoekenKaart(verzoeken),
    el('section', { class: 'kaart' }, el('h2', { text: 'Vasthouden (formele controle)' }),
      el('p', { text: 'Declaraties van deze aanbieders worden beoordeeld en wachten dan op een '
        + 'besluit; de 325 gaat pas uit na Vrijgeven.' }),
      tabel(holds.items, [
        { kop: 'AGB', waarde: (r) => `${r.agb} ${r.aanbieder ?? ''}` },
        { kop: 'Gemeente', waarde: (r) => r.gemeente || 'alle' },
        { kop: 'Reden', waarde: (r) => r.reden },
        { kop: 'Door', waarde: (r) => r.created_by },
        { kop: '', waarde: (r) => el('button', { class: 'zacht', type: 'button', onclick: async () => {
          await api(`/api/vasthouden/${r.id}/beeindigen`, { body: {} }); werkvoorraad();
        } }, 'Beëindigen') },
      ], { testid: 'vasthouden' }),
      el('form', { class: 'filters', onsubmit: async (e) => {
        e.preventDefault();
        try {
          await api('/api/vasthouden', { body: { agb: agb.value, reden: reden.value } });
          werkvoorraad();
        } catch (err) { uitkomst.replaceChildren(melding(err.message)); }
      } }, el('label', {}, 'AGB-code', agb), el('label', {}, 'Reden', reden),
      el('button', { type: 'submit', id: 'vasthouden-knop' }, 'Vasthouden')), uitkomst));
}

// Where the payment stands: paid (on the day the bank credited it), in a batch, or not yet.
function betaling(k) {
  if (k.betaald_op) return `betaald op ${k.betaald_op} (betaalbatch ${k.betaalbatch_id})`;
  if (k.betaalbatch_id) {
    return `in betaalbatch ${k.betaalbatch_id} (${k.betaalbatch_status}, uitvoerdatum `
      + `${k.betaalbatch_uitvoerdatum})`;
  }
  return k.status === 'betaalbaar' || k.status === 'verzonden' ? 'nog in geen betaalbatch' : '–';
}

export async function declaratie(id, toonBsn = false) {
  const [d, codes] = await Promise.all([
    api(`/api/declaraties/${id}${toonBsn ? '?bsn=toon' : ''}`), api('/api/retourcodes')]);
  const k = d.declaratie;
  const inReview = k.status === 'in_review';
  const keuzes = new Map();
  const codeLijst = el('datalist', { id: 'retourcodes' },
    codes.items.map((c) => el('option', { value: c.code }, `${c.code} ${c.tekst}`)));
  const uitkomst = el('div', { id: 'besluit-uitkomst' });
  const kolommen = [
    { kop: '#', waarde: (p) => p.positie },
    { kop: 'ReferentieNummer', waarde: (p) => p.referentienummer },
    { kop: 'BSN', waarde: (p) => el('span', { class: 'bsn', text: p.bsn }) },
    { kop: 'Toewijzing', waarde: (p) => p.toewijzing_nummer },
    { kop: 'Product', waarde: (p) => `${p.categorie}/${p.code}` },
    { kop: 'Periode', waarde: (p) => `${p.periode_begin} – ${p.periode_eind}` },
    { kop: 'Volume', num: true, waarde: (p) => `${p.volume} (${p.eenheid})` },
    { kop: 'Bedrag', num: true, waarde: (p) => `${p.debet_credit === 'C' ? '−' : ''}${bedrag(p.bedrag_cent)}` },
    { kop: 'Status', waarde: (p) => status(p.status) },
    { kop: 'Retourcodes', waarde: (p) => el('div', {}, [...p.retourcodes, ...p.client_retourcodes]
      .map((c) => el('div', {}, el('strong', { text: c }), ' ',
        el('span', { class: 'code-tekst', text: p.retourcode_teksten[c] || '' })))) },
  ];
  if (inReview) {
    kolommen.push({ kop: 'Afkeuren met', waarde: (p) => (p.status !== 'goedgekeurd' ? '' :
      el('input', { list: 'retourcodes', size: 6, 'data-ref': p.referentienummer,
        oninput: (e) => keuzes.set(p.referentienummer, e.target.value.trim()) })) });
  }
  main.replaceChildren(
    el('p', {}, el('a', { href: '#/werkvoorraad' }, '← Werkvoorraad')),
    el('h1', { text: `Declaratie ${k.declaratienummer} (${k.agb} ${k.aanbieder ?? ''})` }),
    el('section', { class: 'kaart' }, el('dl', { class: 'kop' },
      el('dt', { text: 'Status' }), el('dd', { id: 'declaratie-status' }, status(k.status)),
      el('dt', { text: 'Gemeente' }), el('dd', { text: `${k.gemeente} (${k.domein})` }),
      el('dt', { text: 'Ingediend' }), el('dd', { text: bedrag(k.ingediend_cent) }),
      el('dt', { text: 'Toegekend' }), el('dd', { text: bedrag(k.toegekend_cent) }),
      el('dt', { text: 'Ontvangen' }), el('dd', { text: tijd(k.ontvangen_op) }),
      el('dt', { text: '325 uiterlijk' }), el('dd', { id: 'termijn-325' },
        termijnMet(k.antwoord_uiterlijk, k.antwoord_dagen_over)),
      el('dt', { text: 'Betalen uiterlijk' }), el('dd', { id: 'termijn-betalen' },
        termijnMet(k.betalen_uiterlijk, k.betalen_dagen_over)),
      el('dt', { text: 'Betaling' }), el('dd', { id: 'betaling', text: betaling(k) }),
      el('dt', { text: 'Vastgehouden' }), el('dd', { text: k.review_reden || '–' }),
      el('dt', { text: '323' }), el('dd', {}, el('a', { href: `#/bericht/${k.bericht_id}` }, k.identificatie)),
      el('dt', { text: '325' }), el('dd', {}, k.antwoord_bericht_id
        ? el('a', { href: `#/bericht/${k.antwoord_bericht_id}`, id: 'link-325' }, 'bekijken') : '–')),
    Object.keys(k.afgewezen_teksten).length ? melding('Afgewezen als geheel: ' + Object.entries(
      k.afgewezen_teksten).map(([c, t]) => `${c} ${t}`).join('; ')) : null),
    el('section', { class: 'kaart' }, el('h2', { text: 'Prestaties' }),
      el('button', { class: 'zacht', type: 'button', id: 'toon-bsn', disabled: d.bsn_getoond,
        onclick: () => declaratie(id, true) }, d.bsn_getoond ? 'BSN zichtbaar (gelogd)' : 'Toon BSN'),
      codeLijst, tabel(d.prestaties, kolommen, { testid: 'prestaties' }),
      inReview ? el('p', {}, el('button', { type: 'button', id: 'vrijgeven', onclick: async () => {
        const afkeuren = [...keuzes].filter(([, c]) => c)
          .map(([referentienummer, retourcode]) => ({ referentienummer, retourcode }));
        try {
          const r = await api(`/api/declaraties/${id}/besluit`, { body: { afkeuren } });
          await declaratie(id);
          document.getElementById('besluit-uitkomst')
            .replaceChildren(melding(`Vrijgegeven: 325 (bericht ${r.antwoord_bericht_id}) staat klaar.`, 'ok'));
        } catch (err) { uitkomst.replaceChildren(melding(err.message)); }
      } }, 'Vrijgeven (325 versturen)')) : null, uitkomst));
}
