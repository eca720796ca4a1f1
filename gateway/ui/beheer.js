// Beheer: the wettelijke handelsrente, the accounts and the audit log (append-only).
import { api, el, filterFormulier, main, melding, pager, tabel, tijd } from './lib.js';

const auditParams = new URLSearchParams('limit=100');

// "1 juli 2026" for "2026-07-01".
const halfjaar = (d) => `1 ${d.slice(5, 7) === '01' ? 'januari' : 'juli'} ${d.slice(0, 4)}`;

// The rate table the late-payment exposure is counted with (set per 1 January and 1 July,
// ECB rate + 8 points): add the new half year's rate, correct or remove a row. Each change is
// audited (handelsrente.gewijzigd).
function handelsrente(r) {
  const fout = el('div');
  const zet = async (body) => {
    try {
      await api('/api/handelsrente', { body });
      await beheer();
    } catch (err) {
      fout.replaceChildren(melding(err.message));
    }
  };
  const datum = el('input', { type: 'date', id: 'rente-ingangsdatum', required: true,
    value: r.ontbreekt || '' });
  const percentage = el('input', { id: 'rente-percentage', required: true, size: 6,
    inputmode: 'decimal', pattern: '[0-9]{1,2}([.,][0-9]{1,2})?', placeholder: '10.15' });
  return el('section', { class: 'kaart' }, el('h2', { text: 'Wettelijke handelsrente' }),
    el('p', { class: 'code-tekst', text: 'Art. 6:119a BW: de rente van de ECB plus 8 '
      + 'procentpunten, vastgesteld per 1 januari en 1 juli. Elk percentage geldt tot de '
      + 'volgende rij; Betalingen rekent er te laat betalen mee uit.' }),
    r.ontbreekt ? melding(`Het percentage per ${halfjaar(r.ontbreekt)} ontbreekt: te laat `
      + 'betalen wordt nu met het vorige percentage berekend.') : null,
    // Newest first; only the newest row can be removed (a mistake just made): the older ones
    // are the history that lateness was counted with.
    tabel([...r.rijen].reverse(), [
      { kop: 'Ingangsdatum', waarde: (x) => x.ingangsdatum },
      { kop: 'Percentage', num: true, waarde: (x) => `${x.percentage.replace('.', ',')}%` },
      { kop: '', waarde: (x) => (x === r.rijen.at(-1) && r.rijen.length > 1
        ? el('button', { type: 'button', class: 'gevaar', id: 'rente-verwijderen',
          onclick: () => zet({ ingangsdatum: x.ingangsdatum, verwijderen: true }) }, 'Verwijderen')
        : '') },
    ], { testid: 'handelsrente' }),
    el('form', { class: 'filters', onsubmit: (e) => {
      e.preventDefault();
      zet({ ingangsdatum: datum.value, percentage: percentage.value.replace(',', '.') });
    } }, el('label', {}, 'Ingangsdatum', datum), el('label', {}, 'Percentage', percentage),
    el('button', { type: 'submit', id: 'rente-opslaan' }, 'Opslaan')),
    fout);
}

export async function beheer() {
  const [audit, accounts, rente] = await Promise.all([api(`/api/audit?${auditParams}`),
    api('/api/accounts'), api('/api/handelsrente')]);
  // Exact names (the API filters on equality): offered from what this page shows.
  const keuzes = (id, veld) => el('datalist', { id },
    [...new Set(audit.items.map((r) => r[veld]))].sort().map((v) => el('option', { value: v })));
  const veld = (naam, id, lijst) => el('input', { name: naam, id, list: lijst, size: 22,
    value: auditParams.get(naam) || '' });
  const filters = filterFormulier(auditParams, beheer,
    keuzes('audit-actors', 'actor'), keuzes('audit-acties', 'action'),
    el('label', {}, 'Wie', veld('actor', 'audit-wie', 'audit-actors')),
    el('label', {}, 'Wat', veld('action', 'audit-wat', 'audit-acties')),
    el('button', { type: 'submit', id: 'audit-zoek' }, 'Zoeken'));
  main.replaceChildren(el('h1', { text: 'Beheer' }), handelsrente(rente),
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
