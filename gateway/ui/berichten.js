// Berichten (track & trace): search and filter, and one bericht with its samenhang, its
// findings, the Fo01s about it and its XML.
import { api, el, filterFormulier, main, pager, status, tabel, tijd } from './lib.js';

export const berichtParams = new URLSearchParams();
const BERICHTTYPEN = { 301: 'toewijzing', 302: 'retour 301', 305: 'start zorg', 306: 'retour 305',
  307: 'stop zorg', 308: 'retour 307', 315: 'verzoek om toewijzing', 316: 'retour 315',
  317: 'verzoek om wijziging', 318: 'retour 317', 319: 'antwoord op verzoek', 320: 'retour 319',
  323: 'declaratie', 325: 'declaratie-antwoord' };
const BERICHT_STATUSSEN = ['queued', 'processed', 'xsd_rejected', 'failed', 'packed',
  'acknowledged', 'dead', 'replayed'];

export async function berichten() {
  const keuze = (naam, id, opties) => el('select', { name: naam, id },
    el('option', { value: '' }, 'alle'), opties.map(([waarde, tekst]) =>
      el('option', { value: waarde, selected: berichtParams.get(naam) === String(waarde) }, tekst)));
  const q = el('input', { name: 'q', id: 'zoek', size: 36, value: berichtParams.get('q') || '',
    placeholder: 'Identificatie, StUF-referentienummer of ebMS MessageId' });
  const agb = el('input', { name: 'agb', id: 'zoek-agb', size: 9, value: berichtParams.get('agb') || '',
    pattern: '[0-9]{8}' });
  const lijst = await api(`/api/berichten?${berichtParams}`);
  const filters = filterFormulier(berichtParams, berichten, el('label', {}, 'Zoeken', q),
    el('label', {}, 'Richting', keuze('richting', 'zoek-richting', [['in', '← in'], ['out', '→ uit']])),
    el('label', {}, 'Type', keuze('berichttype', 'zoek-type',
      Object.entries(BERICHTTYPEN).map(([t, naam]) => [t, `${t} ${naam}`]))),
    el('label', {}, 'Status', keuze('status', 'zoek-status', BERICHT_STATUSSEN.map((s) => [s, s]))),
    el('label', {}, 'AGB-code', agb), el('button', { type: 'submit', id: 'zoek-knop' }, 'Zoeken'));
  main.replaceChildren(el('h1', { text: 'Berichten' }), el('section', { class: 'kaart' }, filters,
    tabel(lijst.items, [
      { kop: 'Nr', waarde: (r) => r.id },
      { kop: 'Richting', waarde: (r) => (r.direction === 'in' ? '← in' : '→ uit') },
      { kop: 'Type', waarde: (r) => `${r.domein.toUpperCase()}${r.berichttype}` },
      { kop: 'Gemeente', waarde: (r) => r.gemeente },
      { kop: 'AGB', waarde: (r) => r.agb },
      { kop: 'Identificatie', waarde: (r) => r.identificatie },
      { kop: 'StUF-ref.', waarde: (r) => r.stuf_referentienummer ?? '' },
      { kop: 'Status', waarde: (r) => status(r.state) },
      { kop: 'Tijd', waarde: (r) => tijd(r.created_at) },
    ], { testid: 'berichten', klik: (r) => { location.hash = `#/bericht/${r.id}`; } }),
    pager(lijst, '/api/berichten', berichtParams, berichten)));
}

// Why a received bericht was refused or answered with 0001: its XSD (level 1) and level-2
// findings.
function bevindingen(b) {
  const rijen = [
    ...(b.xsd_errors || []).map((f) => ({ niveau: '1 (XSD)', regel: f.code, retourcode: '',
      plek: f.location, melding: f.message })),
    ...(b.level2_violations || []).map((f) => ({ niveau: '2', regel: f.rule,
      retourcode: f.retourcode, plek: f.location, melding: f.message })),
  ];
  if (!rijen.length) return null;
  return el('section', { class: 'kaart' }, el('h2', { text: 'Bevindingen' }),
    tabel(rijen, [
      { kop: 'Niveau', waarde: (r) => r.niveau },
      { kop: 'Regel', waarde: (r) => r.regel },
      { kop: 'Retourcode', waarde: (r) => r.retourcode },
      { kop: 'Plek', waarde: (r) => r.plek },
      { kop: 'Melding', waarde: (r) => r.melding },
    ], { testid: 'bevindingen' }));
}

// The StUF Fo01s about this bericht: the StUF055 we sent back, or one the GGk sent about ours.
function foutberichten(lijst) {
  if (!lijst.length) return null;
  return el('section', { class: 'kaart' }, el('h2', { text: 'Foutberichten (StUF Fo01)' }),
    tabel(lijst, [
      { kop: 'Richting', waarde: (f) => (f.direction === 'out' ? '→ verzonden' : '← ontvangen') },
      { kop: 'Code', waarde: (f) => f.code },
      { kop: 'Omschrijving', waarde: (f) => [f.omschrijving, f.details].filter(Boolean).join(' — ') },
      { kop: 'Plek', waarde: (f) => f.plek ?? '' },
      { kop: 'Tijd', waarde: (f) => tijd(f.created_at) },
      { kop: 'Verzending', waarde: (f) => (f.verzending ? status(f.verzending) : '') },
    ], { testid: 'fo01' }));
}

export async function bericht(id) {
  const { bericht: b, samenhang, fo01 } = await api(`/api/berichten/${id}`);
  const xml = el('pre', { class: 'xml', id: 'xml', hidden: true });
  const laadXml = async (toon) => {
    xml.textContent = await api(`/api/berichten/${id}/xml${toon ? '?bsn=toon' : ''}`);
    xml.hidden = false;
  };
  main.replaceChildren(
    el('p', {}, el('a', { href: '#/berichten' }, '← Berichten')),
    el('h1', { text: `${b.domein.toUpperCase()}${b.berichttype} ${b.identificatie}` }),
    el('section', { class: 'kaart' }, el('dl', { class: 'kop' },
      el('dt', { text: 'Richting' }), el('dd', { text: b.direction === 'in' ? 'ontvangen' : 'verzonden' }),
      el('dt', { text: 'Status' }), el('dd', {}, status(b.state)),
      el('dt', { text: 'Gemeente' }), el('dd', { text: b.gemeente }),
      el('dt', { text: 'AGB' }), el('dd', { text: b.agb }),
      el('dt', { text: 'Dagtekening' }), el('dd', { text: b.dagtekening }),
      el('dt', { text: 'Geregistreerd' }), el('dd', { text: tijd(b.created_at) }),
      el('dt', { text: 'StUF-referentienummer' }), el('dd', { text: b.stuf_referentienummer ?? '–' }),
      el('dt', { text: 'ebMS MessageId' }), el('dd', { text: b.ebms_message_id_in
        ?? (b.ebms_message_ids_uit || []).join(', ') ?? '–' }),
      el('dt', { text: 'Fout' }), el('dd', { text: b.error ?? '–' }),
      el('dt', { text: 'Grootte' }), el('dd', { text: `${b.bytes} bytes` }))),
    ...[bevindingen(b), foutberichten(fo01)].filter(Boolean),
    el('section', { class: 'kaart' }, el('h2', { text: 'Samenhang' }),
      tabel(samenhang, [
        { kop: 'Relatie', waarde: (r) => r.relatie },
        { kop: 'Type', waarde: (r) => `${r.domein.toUpperCase()}${r.berichttype}` },
        { kop: 'Identificatie', waarde: (r) => r.identificatie },
        { kop: 'Status', waarde: (r) => status(r.state) },
      ], { testid: 'samenhang', klik: (r) => { location.hash = `#/bericht/${r.id}`; } })),
    el('section', { class: 'kaart' }, el('h2', { text: 'XML' }),
      el('p', {}, el('button', { type: 'button', id: 'toon-xml', onclick: () => laadXml(false) },
        'XML tonen (BSN verhuld)'), ' ',
      el('button', { type: 'button', class: 'zacht', id: 'toon-xml-bsn', onclick: () => laadXml(true) },
        'XML met BSN (gelogd)')), xml));
}
