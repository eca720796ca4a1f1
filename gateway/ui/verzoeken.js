// Verzoeken om toewijzing en wijziging (315/317) in the werkvoorraad: the list with the
// deadline that applies, one verzoek with what was asked and the decision (301 or 319).
import {
  api, bedrag, el, filterFormulier, main, melding, pager, status, tabel, termijnMet, tijd,
} from './lib.js';
import { werkvoorraad } from './werkvoorraad.js';

export const verzoekParams = new URLSearchParams('status=open');
const VERZOEK_STATUSSEN = ['open', 'in_onderzoek', 'toegewezen', 'afgewezen'];
const SOORT = { 315: 'Verzoek om toewijzing', 317: 'Verzoek om wijziging' };
export const EENHEID = { '01': 'minuut', '04': 'uur', 14: 'etmaal', 16: 'dagdeel', 82: 'stuks (output)',
  83: 'euro', 84: 'stuks (inspanning)' };
const FREQUENTIE = { 1: 'per dag', 2: 'per week', 4: 'per maand', 6: 'totaal' };

// "02/02A02 4 uur per week, 2026-04-01 t/m 2026-12-31"
function productTekst(p) {
  const wat = p.toewijzing_nummer ? `toewijzing ${p.toewijzing_nummer}`
    : `${p.categorie ?? ''}${p.code ? `/${p.code}` : ''}`;
  const omvang = p.volume === null || p.volume === undefined ? ''
    : ` ${p.volume} ${EENHEID[p.eenheid] ?? p.eenheid} ${FREQUENTIE[p.frequentie] ?? ''}`;
  const budget = p.budget_cent !== null && p.budget_cent !== undefined
    ? ` budget ${bedrag(p.budget_cent)}` : '';
  return `${wat}${omvang}${budget}, ${p.ingangsdatum} t/m ${p.einddatum ?? 'onbepaald'}`;
}

// A verzoek's deadline, with the days left while it is undecided.
function termijn(r) {
  return termijnMet(r.uiterlijk, ['open', 'in_onderzoek'].includes(r.status) ? r.dagen_over : null);
}

export function verzoekenKaart(lijst) {
  const statusKeuze = el('select', { name: 'status', id: 'verzoek-status-filter' },
    el('option', { value: '' }, 'alle'),
    el('option', { value: 'open', selected: verzoekParams.get('status') === 'open' },
      'werkvoorraad (open en in onderzoek)'),
    VERZOEK_STATUSSEN.map((v) => el('option', { value: v,
      selected: verzoekParams.get('status') === v }, v)));
  const agb = el('input', { name: 'agb', value: verzoekParams.get('agb') || '', size: 10 });
  const bsn = el('input', { name: 'bsn', id: 'verzoek-bsn', value: verzoekParams.get('bsn') || '',
    size: 10 });
  const filters = filterFormulier(verzoekParams, werkvoorraad,
    el('label', {}, 'Status', statusKeuze), el('label', {}, 'AGB-code', agb),
    el('label', {}, 'BSN', bsn), el('button', { type: 'submit', id: 'verzoek-zoek' }, 'Tonen'));
  return el('section', { class: 'kaart', 'data-testid': 'verzoeken-kaart' },
    el('h2', { text: 'Verzoeken (315/317)' }),
    el('p', { class: 'code-tekst', text: 'Besluit binnen 5 werkdagen na ontvangst (OP274); na '
      + '"in onderzoek" uiterlijk 8 weken na de dagtekening (OP346).' }),
    filters,
    tabel(lijst.items, [
      { kop: 'Nr', waarde: (r) => r.id },
      { kop: 'Soort', waarde: (r) => `${r.domein.toUpperCase()}${r.berichttype}` },
      { kop: 'Aanbieder', waarde: (r) => `${r.agb} ${r.aanbieder ?? ''}` },
      { kop: 'ReferentieAanbieder', waarde: (r) => r.referentie_aanbieder },
      { kop: 'BSN', waarde: (r) => el('span', { class: 'bsn', text: r.bsn }) },
      { kop: 'Product', waarde: (r) => el('div', {}, r.producten.map((p) =>
        el('div', { text: productTekst(p) }))) },
      { kop: 'Ontvangen', waarde: (r) => tijd(r.ontvangen_op) },
      { kop: 'Uiterlijk', waarde: termijn },
      { kop: 'Status', waarde: (r) => status(r.status) },
    ], { testid: 'verzoeken', klik: (r) => { location.hash = `#/verzoek/${r.id}`; } }),
    pager(lijst, '/api/verzoeken', verzoekParams, werkvoorraad));
}

const RELATIE = { retour: 'retour op het verzoek', antwoord: 'ons antwoord',
  retour_op_antwoord: 'retour op ons antwoord' };

export async function verzoek(id, toonBsn = false) {
  const d = await api(`/api/verzoeken/${id}${toonBsn ? '?bsn=toon' : ''}`);
  const v = d.verzoek;
  const besluitbaar = ['open', 'in_onderzoek'].includes(v.status);
  const uitkomst = el('div', { id: 'verzoek-uitkomst' });
  const reden = el('select', { id: 'afwijzen-reden', name: 'reden', required: true },
    el('option', { value: '' }, '— kies een reden —'),
    d.redenen.map((r) => el('option', { value: r.code }, `${r.code} ${r.tekst}`)));
  const wpb = el('input', { id: 'afwijzen-woonplaatsbeginsel', name: 'woonplaatsbeginsel',
    size: 6, pattern: '[0-9]{4}', placeholder: 'gemeente' });
  const wpbLabel = el('label', { hidden: true }, 'Woonplaatsbeginsel (gemeentecode)', wpb);
  reden.addEventListener('change', () => { wpbLabel.hidden = reden.value !== '8'; });
  const besluit = async (body, knop) => {
    knop.disabled = true;
    try {
      const r = await api(`/api/verzoeken/${id}/besluit`, { body });
      await verzoek(id);
      const naam = `${v.domein.toUpperCase()}${r.berichttype} ${r.identificatie}`;
      document.getElementById('verzoek-uitkomst').replaceChildren(el('div',
        { class: 'melding ok', role: 'status' },
        `${body.besluit === 'toewijzen' ? 'Toegewezen' : body.besluit === 'afwijzen'
          ? 'Afgewezen' : 'In onderzoek'}: `,
        el('a', { href: `#/bericht/${r.bericht_id}`, id: 'link-antwoord' }, naam),
        ' staat klaar om te versturen.'));
    } catch (err) {
      knop.disabled = false;
      uitkomst.replaceChildren(melding(err.message));
    }
  };
  const toewijzen = el('button', { type: 'button', id: 'besluit-toewijzen',
    onclick: () => besluit({ besluit: 'toewijzen' }, toewijzen) }, 'Toewijzen (301)');
  const onderzoek = el('button', { type: 'button', class: 'zacht', id: 'besluit-onderzoek',
    disabled: v.status === 'in_onderzoek',
    onclick: () => besluit({ besluit: 'onderzoek' }, onderzoek) }, 'In onderzoek (319)');
  const afwijzen = el('button', { type: 'submit', class: 'gevaar', id: 'besluit-afwijzen' },
    'Afwijzen (319)');
  const afwijsForm = el('form', { class: 'filters', onsubmit: (e) => {
    e.preventDefault();
    const body = { besluit: 'afwijzen', reden: reden.value };
    if (reden.value === '8' && wpb.value) body.woonplaatsbeginsel = wpb.value;
    besluit(body, afwijzen);
  } }, el('label', {}, 'Reden van afwijzing', reden), wpbLabel, afwijzen);
  main.replaceChildren(
    el('p', {}, el('a', { href: '#/werkvoorraad' }, '← Werkvoorraad')),
    el('h1', { text: `${SOORT[v.berichttype]} ${v.referentie_aanbieder} (${v.agb} ${v.aanbieder ?? ''})` }),
    el('section', { class: 'kaart' }, el('dl', { class: 'kop' },
      el('dt', { text: 'Status' }), el('dd', { id: 'verzoek-status' }, status(v.status)),
      el('dt', { text: 'Uiterlijk' }), el('dd', {}, termijn(v)),
      el('dt', { text: 'Gemeente' }), el('dd', { text: `${v.gemeente} (${v.domein})` }),
      el('dt', { text: 'Cliënt (BSN)' }), el('dd', {}, el('span', { class: 'bsn', text: v.bsn }), ' ',
        el('button', { class: 'zacht klein', type: 'button', id: 'toon-bsn', disabled: d.bsn_getoond,
          onclick: () => verzoek(id, true) }, d.bsn_getoond ? 'zichtbaar (gelogd)' : 'Toon BSN')),
      el('dt', { text: 'Dagtekening' }), el('dd', { text: v.dagtekening }),
      el('dt', { text: 'Ontvangen' }), el('dd', { text: tijd(v.ontvangen_op) }),
      el('dt', { text: 'Besluit uiterlijk' }), el('dd', { text: v.besluit_uiterlijk }),
      el('dt', { text: 'Onderzoek uiterlijk' }), el('dd', { text: v.onderzoek_uiterlijk ?? '–' }),
      el('dt', { text: 'Besloten door' }), el('dd', { text: v.besloten_door
        ? `${v.besloten_door} (${tijd(v.besloten_op)})` : '–' }),
      el('dt', { text: 'Reden afwijzing' }), el('dd', { text: v.reden_afwijzing
        ? `${v.reden_afwijzing} ${v.reden_tekst ?? ''}` : '–' }),
      el('dt', { text: `${v.berichttype}` }), el('dd', {},
        el('a', { href: `#/bericht/${v.bericht_id}` }, v.identificatie)),
      el('dt', { text: 'Antwoord' }), el('dd', {}, v.besluit_bericht_id
        ? el('a', { href: `#/bericht/${v.besluit_bericht_id}`, id: 'link-besluit' },
          `${v.domein.toUpperCase()}${v.besluit_berichttype}`) : '–'))),
    el('section', { class: 'kaart' }, el('h2', { text: 'Gevraagd' }),
      tabel(v.producten, [
        { kop: 'Soort', waarde: (p) => p.soort.replace('_', ' ') },
        { kop: 'Product', waarde: (p) => (p.toewijzing_nummer ? `toewijzing ${p.toewijzing_nummer}`
          : `${p.categorie ?? ''}/${p.code ?? ''}`) },
        { kop: 'Ingangsdatum', waarde: (p) => p.ingangsdatum },
        { kop: 'Einddatum', waarde: (p) => p.einddatum ?? '' },
        { kop: 'Omvang', waarde: (p) => (p.volume === null ? '' : `${p.volume} ${EENHEID[p.eenheid]
          ?? p.eenheid} ${FREQUENTIE[p.frequentie] ?? ''}`) },
        { kop: 'Budget', num: true, waarde: (p) => bedrag(p.budget_cent) },
      ], { testid: 'producten' })),
    besluitbaar ? el('section', { class: 'kaart', 'data-testid': 'besluit' },
      el('h2', { text: 'Besluit' }),
      el('p', { class: 'code-tekst', text: 'Toewijzen stuurt de volledige set toewijzingen van '
        + 'deze cliënt bij deze aanbieder (301); afwijzen en in onderzoek sturen een 319. '
        + 'Elk besluit komt in het auditlog.' }),
      el('p', {}, toewijzen, ' ', onderzoek), afwijsForm, uitkomst) : uitkomst,
    el('section', { class: 'kaart' }, el('h2', { text: 'Berichten op dit verzoek' }),
      tabel(d.berichten, [
        { kop: 'Relatie', waarde: (r) => RELATIE[r.relatie] ?? r.relatie },
        { kop: 'Type', waarde: (r) => `${r.domein.toUpperCase()}${r.berichttype}` },
        { kop: 'Identificatie', waarde: (r) => r.identificatie },
        { kop: 'Status', waarde: (r) => status(r.state) },
        { kop: 'Outbox (ebMS)', waarde: (r) => (r.outbox_state ? status(r.outbox_state) : '–') },
        { kop: 'Tijd', waarde: (r) => tijd(r.created_at) },
      ], { testid: 'verzoek-berichten', klik: (r) => { location.hash = `#/bericht/${r.id}`; } })));
}
