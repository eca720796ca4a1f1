// Sluis web UI: one page, ES modules, data from /api (see /api/openapi.json). This module logs
// in and routes; each screen has its own module, lib.js what they share.
// Text for people is Dutch. No inline scripts or styles (the CSP forbids them).
import { Verouderd, api, el, huidigeSessie, main, melding, nieuweGeneratie, zetSessie } from './lib.js';
import { werkvoorraad, declaratie } from './werkvoorraad.js';
import { verzoek } from './verzoeken.js';
import { operations } from './operations.js';
import { betalingen, betaalbatch } from './betalingen.js';
import { aanbieders, aanbieder } from './aanbieders.js';
import { berichten, bericht } from './berichten.js';
import { beheer } from './beheer.js';

const SCHERMEN = [
  { pad: 'werkvoorraad', naam: 'Werkvoorraad', rollen: ['backoffice'] },
  { pad: 'operations', naam: 'Operations', rollen: ['operations'] },
  { pad: 'betalingen', naam: 'Betalingen', rollen: ['operations'] },
  { pad: 'aanbieders', naam: 'Aanbieders', rollen: ['accountmanager'] },
  { pad: 'berichten', naam: 'Berichten', rollen: ['backoffice', 'accountmanager', 'operations'] },
  { pad: 'beheer', naam: 'Beheer', rollen: ['beheer'] },
];

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
      zetSessie(await api('/api/login', { body: { username: gebruiker.value,
        password: wachtwoord.value } }));
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
  zetSessie(null);
  toonLogin();
});

// ---- routing ---------------------------------------------------------------------------------
const mag = (scherm) => scherm.rollen.some((r) => huidigeSessie().roles.includes(r));

function toonNav(actief) {
  document.getElementById('nav').replaceChildren(...SCHERMEN.filter(mag).map((s) =>
    el('a', { href: `#/${s.pad}`, class: s.pad === actief ? 'actief' : null,
      'data-scherm': s.pad }, s.naam)));
  document.getElementById('gebruiker').textContent =
    `${huidigeSessie().display_name} (${huidigeSessie().roles.join(', ')})`;
  document.getElementById('uitloggen').hidden = false;
}

const ROUTES = {
  werkvoorraad: { scherm: 'werkvoorraad', toon: werkvoorraad },
  declaratie: { scherm: 'werkvoorraad', toon: declaratie },
  verzoek: { scherm: 'werkvoorraad', toon: verzoek },
  operations: { scherm: 'operations', toon: operations },
  betalingen: { scherm: 'betalingen', toon: () => betalingen() },
  betaalbatch: { scherm: 'betalingen', toon: betaalbatch },
  aanbieders: { scherm: 'aanbieders', toon: aanbieders },
  aanbieder: { scherm: 'aanbieders', toon: aanbieder },
  berichten: { scherm: 'berichten', toon: berichten },
  bericht: { scherm: 'berichten', toon: bericht },
  beheer: { scherm: 'beheer', toon: beheer },
};

async function route() {
  if (!huidigeSessie()) return;
  nieuweGeneratie();
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
    if (err.status === 401) { zetSessie(null); toonLogin('Sessie verlopen: log opnieuw in.'); return; }
    main.replaceChildren(melding(err.message));
  }
}
window.addEventListener('hashchange', route);

async function start() {
  try {
    zetSessie(await api('/api/sessie', { blijvend: true }));
  } catch (err) {
    toonLogin();
    return;
  }
  route();
}

start();
