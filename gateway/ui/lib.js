// Sluis web UI: what every screen uses. The session, the API client (with the navigation
// generation that stops a stale screen from painting), building elements, tables, paging,
// charts and deadlines. Text for people is Dutch; no inline scripts or styles (the CSP).

let sessie = null;
export const huidigeSessie = () => sessie;
export function zetSessie(s) { sessie = s; }
export const main = document.getElementById('main');
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });

// ---- helpers ---------------------------------------------------------------------------------
export function el(tag, attrs = {}, ...kids) {
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
export const svgEl = (tag, attrs = {}, ...kids) => {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const k of kids.flat()) if (k !== null && k !== undefined) e.append(k);
  return e;
};
export const bedrag = (c) => (c === null || c === undefined ? '' : euro.format(c / 100));
export const tijd = (s) => (s ? s.slice(0, 16).replace('T', ' ') : '');
export const status = (s) => el('span', { class: `status status-${s}`, text: s });
// "1 declaratie", "3 declaraties".
export const aantal = (n, een, meer) => `${n} ${n === 1 ? een : meer}`;

// Bumped by every navigation. A screen still loading when the user moves on must not paint over
// the next one: its api() GETs then end in a Verouderd error, which route() ignores (except
// those asked with { blijvend: true }, such as the session check).
let generatie = 0;
export function nieuweGeneratie() { generatie += 1; }
export class Verouderd extends Error {}

export async function api(pad, opties = {}) {
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

export function melding(tekst, soort = 'fout') {
  return el('div', { class: `melding ${soort}`, role: soort === 'fout' ? 'alert' : 'status',
    text: tekst });
}

// A table from rows and column specs [{kop, waarde(row) -> node|text, num}].
export function tabel(rijen, kolommen, { testid, klik } = {}) {
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

// A filter form above a list: on submit its fields (trimmed; empty ones dropped) replace those
// in `params`, paging starts over, and `opnieuw` shows the list again.
export function filterFormulier(params, opnieuw, ...kids) {
  const form = el('form', { class: 'filters', onsubmit: (e) => {
    e.preventDefault();
    for (const [k, v] of new FormData(form)) {
      if (v.trim()) params.set(k, v.trim()); else params.delete(k);
    }
    params.delete('offset');
    opnieuw();
  } }, ...kids);
  return form;
}

// Paging under a list: Vorige / Volgende / CSV-export.
export function pager(lijst, pad, params, opnieuw) {
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
export function staafgrafiek(data, { hoogte = 200, kleur = '#2b5278', testid, legenda } = {}) {
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
export function termijnMet(uiterlijk, d) {
  if (d === null || d === undefined) return el('span', { class: 'termijn', text: uiterlijk ?? '' });
  const tekst = d < 0 ? `${-d} dag${d === -1 ? '' : 'en'} te laat` : d === 0 ? 'vandaag'
    : `nog ${d} dag${d === 1 ? '' : 'en'}`;
  return el('span', { class: `termijn${d < 0 ? ' te-laat' : d <= 1 ? ' krap' : ''}` },
    `${uiterlijk} `, el('small', { text: `(${tekst})` }));
}
