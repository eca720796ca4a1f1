// Sluis web UI: one page, plain JavaScript, data from /api (see /api/openapi.json).
// Text for people is Dutch. No inline scripts or styles (the CSP forbids them).

const SCHERMEN = [
  { pad: 'werkvoorraad', naam: 'Werkvoorraad', rollen: ['backoffice'] },
  { pad: 'operations', naam: 'Operations', rollen: ['operations'] },
  { pad: 'aanbieders', naam: 'Aanbieders', rollen: ['accountmanager'] },
  { pad: 'berichten', naam: 'Berichten', rollen: ['backoffice', 'accountmanager', 'operations'] },
  { pad: 'beheer', naam: 'Beheer', rollen: ['beheer'] },
];
const STATUSSEN = ['open', 'ontvangen', 'in_review', 'beoordeeld', 'verzonden', 'betaalbaar',
  'betaald', 'afgewezen'];

let sessie = null;
const main = document.getElementById('main');
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });

// ---- helpers ---------------------------------------------------------------------------------
function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat()) if (k !== null && k !== undefined) e.append(k);
  return e;
}
const svgEl = (tag, attrs = {}, ...kids) => {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const k of kids.flat()) if (k !== null && k !== undefined) e.append(k);
  return e;
};
const bedrag = (c) => (c === null || c === undefined ? '' : euro.format(c / 100));
const datum = (s) => (s ? s.slice(0, 10) : '');
const tijd = (s) => (s ? s.slice(0, 16).replace('T', ' ') : '');
const status = (s) => el('span', { class: `status status-${s}`, text: s });

// Bumped by every navigation. A screen still loading when the user moves on must not paint over
// the next one: its api() GETs then end in a Verouderd error, which route() ignores (except
// those asked with { blijvend: true }, such as the session check).
let generatie = 0;
class Verouderd extends Error {}

async function api(pad, opties = {}) {
  const mijn = generatie;
  const init = { credentials: 'same-origin', headers: {} };
  if (opties.body !== undefined) {
    init.method = 'POST';
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(opties.body);
  }
  if (init.method === 'POST' && sessie) init.headers['X-CSRF-Token'] = sessie.csrf_token;
  const res = await fetch(pad, init);
  const type = res.headers.get('content-type') || '';
  const data = type.includes('json') ? await res.json() : await res.text();
  if (mijn !== generatie && !init.method && !opties.blijvend) throw new Verouderd(pad);
  if (!res.ok) {
    const fout = new Error((data && data.error) || `HTTP ${res.status}`);
    fout.status = res.status;
    throw fout;
  }
  return data;
}

function melding(tekst, soort = 'fout') {
  return el('div', { class: `melding ${soort}`, role: soort === 'fout' ? 'alert' : 'status',
    text: tekst });
}

// A table from rows and column specs [{kop, waarde(row) -> node|text, num}].
function tabel(rijen, kolommen, { testid, klik } = {}) {
  if (!rijen.length) return el('p', { class: 'leeg', 'data-testid': testid, text: 'Geen gegevens.' });
  return el('table', { 'data-testid': testid },
    el('thead', {}, el('tr', {}, kolommen.map((k) => el('th', { class: k.num ? 'num' : null,
      text: k.kop })))),
    el('tbody', {}, rijen.map((r) => el('tr', {
      class: klik ? 'klik' : null,
      onclick: klik ? () => klik(r) : null,
    }, kolommen.map((k) => {
      const v = k.waarde(r);
      return el('td', { class: k.num ? 'num' : null }, v instanceof Node ? v : String(v ?? ''));
    })))));
}

// Paging under a list: Vorige / Volgende / CSV-export.
function pager(lijst, pad, params, opnieuw) {
  const offset = Number(params.get('offset') || 0);
  const limit = lijst.limit || 50;
  const csv = new URLSearchParams(params);
  csv.set('format', 'csv');
  csv.delete('offset');
  csv.delete('limit');
  return el('div', { class: 'pager' },
    el('span', { text: `${lijst.total} totaal` }),
    el('button', { class: 'zacht', type: 'button', disabled: offset === 0, onclick: () => {
      params.set('offset', Math.max(0, offset - limit)); opnieuw();
    } }, 'Vorige'),
    el('button', { class: 'zacht', type: 'button', disabled: offset + limit >= lijst.total,
      onclick: () => { params.set('offset', offset + limit); opnieuw(); } }, 'Volgende'),
    el('a', { href: `${pad}?${csv}`, download: '', 'data-testid': 'csv' }, 'CSV-export'));
}

// Bars with labels: [{label, waarde, tekst, delen}]. tekst: the text above the bar, one line per
// element when an array (so wide numbers stay inside their bar's width); delen: stacked parts
// [{waarde, kleur}] from the bottom up; legenda: [[kleur, tekst]] under the chart.
function staafgrafiek(data, { hoogte = 200, kleur = '#2b5278', testid, legenda } = {}) {
  const breedte = 640;
  const regel = 13;
  const regelsVan = (d) => [].concat(d.tekst ?? d.waarde).map(String);
  const boven = 8 + regel * Math.max(1, ...data.map((d) => regelsVan(d).length));
  const max = Math.max(1, ...data.map((d) => d.waarde));
  const bw = breedte / Math.max(1, data.length);
  const schaal = (w) => Math.round((w / max) * hoogte);
  const grafiek = svgEl('svg', { class: 'grafiek', viewBox: `0 0 ${breedte} ${boven + hoogte + 30}`,
    role: 'img', 'data-testid': testid || 'grafiek' },
    data.map((d, i) => {
      const midden = i * bw + bw / 2;
      const regels = regelsVan(d);
      let y = boven + hoogte;
      const staven = (d.delen || [{ waarde: d.waarde, kleur }]).map((deel) => {
        const h = schaal(deel.waarde);
        y -= h;
        return svgEl('rect', { x: i * bw + 6, y, width: bw - 12, height: h, fill: deel.kleur ?? kleur });
      });
      const top = boven + hoogte - schaal(d.waarde);
      return svgEl('g', {}, svgEl('title', {}, `${d.label}: ${regels.join(' / ')}`), staven,
        svgEl('text', { x: midden, y: top - 5 - regel * (regels.length - 1), 'text-anchor': 'middle' },
          regels.map((t, k) => svgEl('tspan', { x: midden, dy: k ? regel : 0 }, t))),
        svgEl('text', { x: midden, y: boven + hoogte + 18, 'text-anchor': 'middle' }, d.label));
    }));
  if (!legenda) return grafiek;
  return el('figure', { class: 'grafiek' }, grafiek, el('figcaption', { class: 'legenda' },
    legenda.map(([k, tekst]) => el('span', {}, svgEl('svg', { viewBox: '0 0 10 10', class: 'vlak' },
      svgEl('rect', { width: 10, height: 10, fill: k })), ` ${tekst}`))));
}

// A deadline with the days left (null: met, or not running); late ones stand out.
function termijnMet(uiterlijk, d) {
  if (d === null || d === undefined) return el('span', { class: 'termijn', text: uiterlijk ?? '' });
  const tekst = d < 0 ? `${-d} dag${d === -1 ? '' : 'en'} te laat` : d === 0 ? 'vandaag'
    : `nog ${d} dag${d === 1 ? '' : 'en'}`;
  return el('span', { class: `termijn${d < 0 ? ' te-laat' : d <= 1 ? ' krap' : ''}` },
    `${uiterlijk} `, el('small', { text: `(${tekst})` }));
}

// ---- login -----------------------------------------------------------------------------------
function toonLogin(fout) {
  document.getElementById('nav').replaceChildren();
  document.getElementById('gebruiker').textContent = '';
  document.getElementById('uitloggen').hidden = true;
  const gebruiker = el('input', { id: 'login-gebruiker', name: 'username', autocomplete: 'username',
    required: true });
  const wachtwoord = el('input', { id: 'login-wachtwoord', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true });
  const form = el('form', { class: 'login', onsubmit: async (e) => {
    e.preventDefault();
    try {
      sessie = await api('/api/login', { body: { username: gebruiker.value,
        password: wachtwoord.value } });
      location.hash = '#/';
      start();
    } catch (err) {
      toonLogin(err.message);
    }
  } },
  el('h1', { text: 'Inloggen bij Sluis' }),
  fout ? melding(fout) : null,
  el('label', {}, 'Gebruikersnaam', gebruiker),
  el('label', {}, 'Wachtwoord', wachtwoord),
  el('button', { type: 'submit', id: 'login-knop' }, 'Inloggen'));
  main.replaceChildren(form);
  gebruiker.focus();
}

document.getElementById('uitloggen').addEventListener('click', async () => {
  try { await api('/api/logout', { body: {} }); } catch (e) { /* already gone */ }
  sessie = null;
  toonLogin();
});

// ---- routing ---------------------------------------------------------------------------------
const mag = (scherm) => scherm.rollen.some((r) => sessie.roles.includes(r));

function toonNav(actief) {
  document.getElementById('nav').replaceChildren(...SCHERMEN.filter(mag).map((s) =>
    el('a', { href: `#/${s.pad}`, class: s.pad === actief ? 'actief' : null,
      'data-scherm': s.pad }, s.naam)));
  document.getElementById('gebruiker').textContent =
    `${sessie.display_name} (${sessie.roles.join(', ')})`;
  document.getElementById('uitloggen').hidden = false;
}

const ROUTES = {
  werkvoorraad: { scherm: 'werkvoorraad', toon: werkvoorraad },
  declaratie: { scherm: 'werkvoorraad', toon: declaratie },
  verzoek: { scherm: 'werkvoorraad', toon: verzoek },
  operations: { scherm: 'operations', toon: operations },
  aanbieders: { scherm: 'aanbieders', toon: aanbieders },
  aanbieder: { scherm: 'aanbieders', toon: aanbieder },
  berichten: { scherm: 'berichten', toon: berichten },
  bericht: { scherm: 'berichten', toon: bericht },
  beheer: { scherm: 'beheer', toon: beheer },
};

async function route() {
  if (!sessie) return;
  generatie += 1;
  const [naam, arg] = location.hash.replace(/^#\/?/, '').split('/');
  const eerste = SCHERMEN.find(mag);
  const r = ROUTES[naam];
  const scherm = r && SCHERMEN.find((s) => s.pad === r.scherm);
  if (!r || !mag(scherm)) {
    if (eerste) location.hash = `#/${eerste.pad}`;
    else main.replaceChildren(melding('Dit account heeft geen schermen.'));
    return;
  }
  toonNav(r.scherm);
  try {
    await r.toon(arg ? decodeURIComponent(arg) : undefined);
  } catch (err) {
    if (err instanceof Verouderd) return;
    if (err.status === 401) { sessie = null; toonLogin('Sessie verlopen: log opnieuw in.'); return; }
    main.replaceChildren(melding(err.message));
  }
}
window.addEventListener('hashchange', route);

async function start() {
  try {
    sessie = await api('/api/sessie', { blijvend: true });
  } catch (err) {
    toonLogin();
    return;
  }
  route();
}

// ---- Werkvoorraad ----------------------------------------------------------------------------
const werkParams = new URLSearchParams('status=open');

async function werkvoorraad() {
  const veld = (naam, label) => el('label', {}, label,
    el('input', { name: naam, value: werkParams.get(naam) || '', size: 12 }));
  const statusKeuze = el('select', { name: 'status' }, el('option', { value: '' }, 'alle'),
    STATUSSEN.map((s) => el('option', { value: s, selected: werkParams.get('status') === s }, s)));
  const filters = el('form', { class: 'filters', onsubmit: (e) => {
    e.preventDefault();
    for (const [k, v] of new FormData(filters)) { if (v) werkParams.set(k, v); else werkParams.delete(k); }
    werkParams.delete('offset');
    werkvoorraad();
  } }, el('label', {}, 'Status', statusKeuze), veld('agb', 'AGB-code'),
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

async function declaratie(id, toonBsn = false) {
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

// ---- Verzoeken (315/317) ---------------------------------------------------------------------
const verzoekParams = new URLSearchParams('status=open');
const VERZOEK_STATUSSEN = ['open', 'in_onderzoek', 'toegewezen', 'afgewezen'];
const SOORT = { 315: 'Verzoek om toewijzing', 317: 'Verzoek om wijziging' };
const EENHEID = { '01': 'minuut', '04': 'uur', 14: 'etmaal', 16: 'dagdeel', 82: 'stuks (output)',
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

function verzoekenKaart(lijst) {
  const statusKeuze = el('select', { name: 'status', id: 'verzoek-status-filter' },
    el('option', { value: '' }, 'alle'),
    el('option', { value: 'open', selected: verzoekParams.get('status') === 'open' },
      'werkvoorraad (open en in onderzoek)'),
    VERZOEK_STATUSSEN.map((v) => el('option', { value: v,
      selected: verzoekParams.get('status') === v }, v)));
  const agb = el('input', { name: 'agb', value: verzoekParams.get('agb') || '', size: 10 });
  const bsn = el('input', { name: 'bsn', id: 'verzoek-bsn', value: verzoekParams.get('bsn') || '',
    size: 10 });
  const filters = el('form', { class: 'filters', onsubmit: (e) => {
    e.preventDefault();
    for (const [k, v] of new FormData(filters)) { if (v) verzoekParams.set(k, v); else verzoekParams.delete(k); }
    verzoekParams.delete('offset');
    werkvoorraad();
  } }, el('label', {}, 'Status', statusKeuze), el('label', {}, 'AGB-code', agb),
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

async function verzoek(id, toonBsn = false) {
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

// ---- Operations ------------------------------------------------------------------------------
const ONTVANGEN = '#2b5278';
const VERZONDEN = '#7fb3d5';
async function operations() {
  const [achterstand, termijnen, wachtrijen, stroom, dead, failed, outbox, meldingen] =
    await Promise.all([
      api('/api/operations/achterstand'), api('/api/operations/termijnen'),
      api('/api/operations/wachtrijen'), api('/api/operations/berichtstroom'),
      api('/api/outbox?state=dead'), api('/api/outbox?state=failed'),
      api('/api/outbox?limit=20'), api('/api/meldingen')]);
  main.replaceChildren(
    el('h1', { text: 'Operations' }),
    el('div', { class: 'rij' },
      el('section', { class: 'kaart' }, el('h2', { text: 'Achterstand tegen de 30-dagenklok' }),
        staafgrafiek(achterstand.items.map((b) => ({ label: `${b.bucket} d`, waarde: b.aantal,
          tekst: `${b.aantal}` })), { testid: 'achterstand-grafiek' }),
        tabel(achterstand.items, [
          { kop: 'Leeftijd (dagen)', waarde: (b) => b.bucket },
          { kop: 'Aantal', num: true, waarde: (b) => b.aantal },
          { kop: 'Bedrag', num: true, waarde: (b) => bedrag(b.bedrag_cent) },
        ], { testid: 'achterstand' })),
      el('section', { class: 'kaart' }, el('h2', { text: 'Berichten per dag (14 dagen)' }),
        staafgrafiek(stroom.items.map((d) => ({ label: d.dag.slice(8), waarde: d.ontvangen + d.verzonden,
          tekst: [d.verzonden, d.ontvangen], delen: [{ waarde: d.ontvangen, kleur: ONTVANGEN },
            { waarde: d.verzonden, kleur: VERZONDEN }] })),
        { testid: 'stroom-grafiek', legenda: [[VERZONDEN, 'verzonden (bovenste getal)'],
          [ONTVANGEN, 'ontvangen (onderste getal)']] }))),
    el('div', { class: 'rij' },
      el('section', { class: 'kaart' }, el('h2', { text: 'Termijnen in gevaar (325 binnen 3 dagen)' }),
        tabel(termijnen.items, [
          { kop: 'Nr', waarde: (r) => r.id },
          { kop: 'AGB', waarde: (r) => r.agb },
          { kop: 'DeclaratieNummer', waarde: (r) => r.declaratienummer },
          { kop: 'Termijn', waarde: (r) => (r.termijn === '325' ? '325 versturen' : 'betalen') },
          { kop: 'Status', waarde: (r) => status(r.status) },
          { kop: 'Uiterlijk', waarde: (r) => r.uiterlijk },
          { kop: 'Dagen', num: true, waarde: (r) => r.dagen_over },
        ], { testid: 'termijnen' })),
      el('section', { class: 'kaart' }, el('h2', { text: 'Wachtrijen' }),
        tabel(wachtrijen.items, [
          { kop: 'Wachtrij', waarde: (r) => r.wachtrij },
          { kop: 'Status', waarde: (r) => status(r.state) },
          { kop: 'Aantal', num: true, waarde: (r) => r.aantal },
          { kop: 'Oudste', waarde: (r) => tijd(r.oudste) },
        ], { testid: 'wachtrijen' }))),
    el('section', { class: 'kaart' }, el('h2', { text: 'Open meldingen' }),
      tabel(meldingen.items, [
        { kop: 'Ernst', waarde: (r) => status(r.severity) },
        { kop: 'Soort', waarde: (r) => r.kind },
        { kop: 'Onderwerp', waarde: (r) => r.subject },
        { kop: 'Melding', waarde: (r) => r.message },
        { kop: 'Keer', num: true, waarde: (r) => r.occurrences },
        { kop: 'Laatst', waarde: (r) => tijd(r.last_seen) },
        { kop: 'Bevestigd', waarde: (r) => (r.acknowledged_by ? `${r.acknowledged_by}` :
          el('button', { class: 'zacht', type: 'button', 'data-melding': r.id, onclick: async () => {
            await api(`/api/meldingen/${r.id}/bevestigen`, { body: {} }); operations();
          } }, 'Bevestigen')) },
        // Deadline alerts close when the deadline is met; the others once dealt with.
        { kop: '', waarde: (r) => (!r.afsluitbaar ? '' :
          el('button', { class: 'zacht', type: 'button', onclick: async () => {
            await api(`/api/meldingen/${r.id}/afsluiten`, { body: {} }); operations();
          } }, 'Afsluiten')) },
      ], { testid: 'meldingen' })),
    // Given up (dead: PersistDuration passed) or refused (failed): both can be sent again.
    el('section', { class: 'kaart' }, el('h2', { text: 'Dead letters en mislukte berichten' }),
      tabel([...dead.items, ...failed.items], [
        { kop: 'MessageId', waarde: (r) => r.message_id },
        { kop: 'Status', waarde: (r) => r.state },
        { kop: 'Actie', waarde: (r) => r.action },
        { kop: 'Aan', waarde: (r) => r.to_party_id },
        { kop: 'Pogingen', num: true, waarde: (r) => r.attempts },
        { kop: 'Fout', waarde: (r) => r.last_error },
        { kop: '', waarde: (r) => el('button', { class: 'zacht', type: 'button', onclick: async () => {
          await api(`/api/outbox/${r.id}/opnieuw`, { body: {} }); operations();
        } }, 'Opnieuw') },
      ], { testid: 'dead-letters' }),
      el('h2', { text: 'Outbox (laatste 20)' }),
      tabel(outbox.items, [
        { kop: 'MessageId', waarde: (r) => r.message_id },
        { kop: 'Soort', waarde: (r) => r.kind },
        { kop: 'Status', waarde: (r) => status(r.state) },
        { kop: 'Pogingen', num: true, waarde: (r) => r.attempts },
        { kop: 'Aangemaakt', waarde: (r) => tijd(r.created_at) },
      ], { testid: 'outbox' })));
}

// ---- Aanbieders ------------------------------------------------------------------------------
async function aanbieders() {
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

async function aanbieder(agb) {
  const [tijdlijn, afw, tijdig, volume, open] = await Promise.all([
    api(`/api/aanbieders/${agb}/berichten?limit=200`), api(`/api/aanbieders/${agb}/afwijzingen`),
    api(`/api/aanbieders/${agb}/tijdigheid`), api(`/api/aanbieders/${agb}/volume?limit=1000`),
    api(`/api/aanbieders/${agb}/openstaand`)]);
  const perMaand = new Map();
  for (const r of volume.items) perMaand.set(r.maand, (perMaand.get(r.maand) || 0) + r.bedrag_cent);
  const pct = (v) => (v === null || v === undefined ? '–' : `${v.toLocaleString('nl-NL')}%`);
  const OPEN = { declaraties: 'Declaraties niet betaald of afgewezen',
    verzoeken: 'Verzoeken (315/317) zonder besluit', wacht_op_retour: '301/319 zonder retour (OP090)' };
  const perCode = new Map();
  for (const r of afw.items) perCode.set(r.retourcode, (perCode.get(r.retourcode) || 0) + r.afgekeurd);
  main.replaceChildren(
    el('p', {}, el('a', { href: '#/aanbieders' }, '← Aanbieders')),
    el('h1', { text: `Aanbieder ${agb}` }),
    el('p', {}, el('a', { href: '#/berichten', id: 'aanbieder-berichten', onclick: () => {
      for (const k of [...berichtParams.keys()]) berichtParams.delete(k);
      berichtParams.set('agb', agb);
    } }, 'Alle berichten van deze aanbieder (zoeken en filteren)')),
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
      ], { testid: 'tijdlijn', klik: (r) => { location.hash = `#/bericht/${r.id}`; } })));
}

// ---- Berichten -------------------------------------------------------------------------------
const berichtParams = new URLSearchParams();
const BERICHTTYPEN = { 301: 'toewijzing', 302: 'retour 301', 305: 'start zorg', 306: 'retour 305',
  307: 'stop zorg', 308: 'retour 307', 315: 'verzoek om toewijzing', 316: 'retour 315',
  317: 'verzoek om wijziging', 318: 'retour 317', 319: 'antwoord op verzoek', 320: 'retour 319',
  323: 'declaratie', 325: 'declaratie-antwoord' };
const BERICHT_STATUSSEN = ['queued', 'processed', 'xsd_rejected', 'failed', 'packed',
  'acknowledged', 'dead', 'replayed'];

async function berichten() {
  const keuze = (naam, id, opties) => el('select', { name: naam, id },
    el('option', { value: '' }, 'alle'), opties.map(([waarde, tekst]) =>
      el('option', { value: waarde, selected: berichtParams.get(naam) === String(waarde) }, tekst)));
  const q = el('input', { name: 'q', id: 'zoek', size: 36, value: berichtParams.get('q') || '',
    placeholder: 'Identificatie, StUF-referentienummer of ebMS MessageId' });
  const agb = el('input', { name: 'agb', id: 'zoek-agb', size: 9, value: berichtParams.get('agb') || '',
    pattern: '[0-9]{8}' });
  const lijst = await api(`/api/berichten?${berichtParams}`);
  const filters = el('form', { class: 'filters', onsubmit: (e) => {
    e.preventDefault();
    for (const [k, v] of new FormData(filters)) {
      if (v.trim()) berichtParams.set(k, v.trim()); else berichtParams.delete(k);
    }
    berichtParams.delete('offset');
    berichten();
  } }, el('label', {}, 'Zoeken', q),
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

async function bericht(id) {
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

// ---- Beheer ----------------------------------------------------------------------------------
const auditParams = new URLSearchParams('limit=100');

async function beheer() {
  const [audit, accounts] = await Promise.all([api(`/api/audit?${auditParams}`),
    api('/api/accounts')]);
  // Exact names (the API filters on equality): offered from what this page shows.
  const keuzes = (id, veld) => el('datalist', { id },
    [...new Set(audit.items.map((r) => r[veld]))].sort().map((v) => el('option', { value: v })));
  const veld = (naam, id, lijst) => el('input', { name: naam, id, list: lijst, size: 22,
    value: auditParams.get(naam) || '' });
  const filters = el('form', { class: 'filters', onsubmit: (e) => {
    e.preventDefault();
    for (const [k, v] of new FormData(filters)) {
      if (v.trim()) auditParams.set(k, v.trim()); else auditParams.delete(k);
    }
    auditParams.delete('offset');
    beheer();
  } }, keuzes('audit-actors', 'actor'), keuzes('audit-acties', 'action'),
  el('label', {}, 'Wie', veld('actor', 'audit-wie', 'audit-actors')),
  el('label', {}, 'Wat', veld('action', 'audit-wat', 'audit-acties')),
  el('button', { type: 'submit', id: 'audit-zoek' }, 'Zoeken'));
  main.replaceChildren(el('h1', { text: 'Beheer' }),
    el('section', { class: 'kaart' }, el('h2', { text: 'Accounts' }),
      tabel(accounts.items, [
        { kop: 'Gebruiker', waarde: (r) => r.username },
        { kop: 'Naam', waarde: (r) => r.display_name },
        { kop: 'Rollen', waarde: (r) => r.roles.join(', ') },
      ], { testid: 'accounts' })),
    el('section', { class: 'kaart' }, el('h2', { text: 'Auditlog (alleen toevoegen)' }), filters,
      tabel(audit.items, [
        { kop: 'Tijd', waarde: (r) => tijd(r.at) },
        { kop: 'Wie', waarde: (r) => r.actor },
        { kop: 'Wat', waarde: (r) => r.action },
        { kop: 'Waarover', waarde: (r) => r.subject },
        { kop: 'Voor', waarde: (r) => (r.before ? JSON.stringify(r.before) : '') },
        { kop: 'Na', waarde: (r) => (r.after ? JSON.stringify(r.after) : '') },
      ], { testid: 'audit' }),
      pager(audit, '/api/audit', auditParams, beheer)));
}

start();
