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

async function api(pad, opties = {}) {
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
  if (!rijen.length) return el('p', { class: 'leeg', text: 'Geen gegevens.' });
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

// Bars with labels: [{label, waarde, tekst}].
function staafgrafiek(data, { hoogte = 200, kleur = '#2b5278', testid } = {}) {
  const breedte = 640;
  const max = Math.max(1, ...data.map((d) => d.waarde));
  const bw = breedte / Math.max(1, data.length);
  return svgEl('svg', { class: 'grafiek', viewBox: `0 0 ${breedte} ${hoogte + 50}`,
    role: 'img', 'data-testid': testid || 'grafiek' },
    data.map((d, i) => {
      const h = Math.round((d.waarde / max) * hoogte);
      return svgEl('g', {},
        svgEl('rect', { x: i * bw + 6, y: hoogte - h + 20, width: bw - 12, height: h, fill: kleur },
          svgEl('title', {}, `${d.label}: ${d.tekst ?? d.waarde}`)),
        svgEl('text', { x: i * bw + bw / 2, y: hoogte - h + 15, 'text-anchor': 'middle' },
          String(d.tekst ?? d.waarde)),
        svgEl('text', { x: i * bw + bw / 2, y: hoogte + 38, 'text-anchor': 'middle' }, d.label));
    }));
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
  operations: { scherm: 'operations', toon: operations },
  aanbieders: { scherm: 'aanbieders', toon: aanbieders },
  aanbieder: { scherm: 'aanbieders', toon: aanbieder },
  berichten: { scherm: 'berichten', toon: berichten },
  bericht: { scherm: 'berichten', toon: bericht },
  beheer: { scherm: 'beheer', toon: beheer },
};

async function route() {
  if (!sessie) return;
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
    if (err.status === 401) { sessie = null; toonLogin('Sessie verlopen: log opnieuw in.'); return; }
    main.replaceChildren(melding(err.message));
  }
}
window.addEventListener('hashchange', route);

async function start() {
  try {
    sessie = await api('/api/sessie');
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
  const [lijst, holds] = await Promise.all([
    api(`/api/declaraties?${werkParams}`), api('/api/vasthouden')]);
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
        { kop: '325 uiterlijk', waarde: (r) => r.antwoord_uiterlijk },
        { kop: 'Betalen uiterlijk', waarde: (r) => r.betalen_uiterlijk },
      ], { testid: 'declaraties', klik: (r) => { location.hash = `#/declaratie/${r.id}`; } }),
      pager(lijst, '/api/declaraties', werkParams, werkvoorraad)),
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
      el('dt', { text: '325 uiterlijk' }), el('dd', { text: k.antwoord_uiterlijk }),
      el('dt', { text: 'Betalen uiterlijk' }), el('dd', { text: k.betalen_uiterlijk }),
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

// ---- Operations ------------------------------------------------------------------------------
async function operations() {
  const [achterstand, termijnen, wachtrijen, stroom, dead, outbox, meldingen] = await Promise.all([
    api('/api/operations/achterstand'), api('/api/operations/termijnen'),
    api('/api/operations/wachtrijen'), api('/api/operations/berichtstroom'),
    api('/api/outbox?state=dead'), api('/api/outbox?limit=20'), api('/api/meldingen')]);
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
          tekst: `${d.ontvangen}/${d.verzonden}` })), { kleur: '#3c8dbc', testid: 'stroom-grafiek' }),
        el('p', { class: 'code-tekst', text: 'ontvangen/verzonden per dag' }))),
    el('div', { class: 'rij' },
      el('section', { class: 'kaart' }, el('h2', { text: 'Termijnen in gevaar (325 binnen 3 dagen)' }),
        tabel(termijnen.items, [
          { kop: 'Nr', waarde: (r) => r.id },
          { kop: 'AGB', waarde: (r) => r.agb },
          { kop: 'DeclaratieNummer', waarde: (r) => r.declaratienummer },
          { kop: 'Status', waarde: (r) => status(r.status) },
          { kop: 'Uiterlijk', waarde: (r) => r.antwoord_uiterlijk },
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
      ], { testid: 'meldingen' })),
    el('section', { class: 'kaart' }, el('h2', { text: 'Dead letters' }),
      tabel(dead.items, [
        { kop: 'MessageId', waarde: (r) => r.message_id },
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
  const [tijdlijn, afw] = await Promise.all([
    api(`/api/aanbieders/${agb}/berichten?limit=200`), api(`/api/aanbieders/${agb}/afwijzingen`)]);
  const perCode = new Map();
  for (const r of afw.items) perCode.set(r.retourcode, (perCode.get(r.retourcode) || 0) + r.afgekeurd);
  main.replaceChildren(
    el('p', {}, el('a', { href: '#/aanbieders' }, '← Aanbieders')),
    el('h1', { text: `Aanbieder ${agb}` }),
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
let zoekterm = '';
async function berichten() {
  const q = el('input', { name: 'q', id: 'zoek', size: 40, value: zoekterm,
    placeholder: 'Identificatie, StUF-referentienummer of ebMS MessageId' });
  const lijst = await api(`/api/berichten?q=${encodeURIComponent(zoekterm)}`);
  main.replaceChildren(el('h1', { text: 'Berichten' }), el('section', { class: 'kaart' },
    el('form', { class: 'filters', onsubmit: (e) => {
      e.preventDefault(); zoekterm = q.value.trim(); berichten();
    } }, el('label', {}, 'Zoeken', q), el('button', { type: 'submit', id: 'zoek-knop' }, 'Zoeken')),
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
    pager(lijst, '/api/berichten', new URLSearchParams({ q: zoekterm }), berichten)));
}

async function bericht(id) {
  const { bericht: b, samenhang } = await api(`/api/berichten/${id}`);
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
async function beheer() {
  const [audit, accounts] = await Promise.all([api('/api/audit?limit=100'), api('/api/accounts')]);
  main.replaceChildren(el('h1', { text: 'Beheer' }),
    el('section', { class: 'kaart' }, el('h2', { text: 'Accounts' }),
      tabel(accounts.items, [
        { kop: 'Gebruiker', waarde: (r) => r.username },
        { kop: 'Naam', waarde: (r) => r.display_name },
        { kop: 'Rollen', waarde: (r) => r.roles.join(', ') },
      ], { testid: 'accounts' })),
    el('section', { class: 'kaart' }, el('h2', { text: 'Auditlog (alleen toevoegen)' }),
      tabel(audit.items, [
        { kop: 'Tijd', waarde: (r) => tijd(r.at) },
        { kop: 'Wie', waarde: (r) => r.actor },
        { kop: 'Wat', waarde: (r) => r.action },
        { kop: 'Waarover', waarde: (r) => r.subject },
        { kop: 'Voor', waarde: (r) => (r.before ? JSON.stringify(r.before) : '') },
        { kop: 'Na', waarde: (r) => (r.after ? JSON.stringify(r.after) : '') },
      ], { testid: 'audit' }),
      pager(audit, '/api/audit', new URLSearchParams(), beheer)));
}

start();
