// Beheer: the accounts and the audit log (append-only).
import { api, el, filterFormulier, main, pager, tabel, tijd } from './lib.js';

const auditParams = new URLSearchParams('limit=100');

export async function beheer() {
  const [audit, accounts] = await Promise.all([api(`/api/audit?${auditParams}`),
    api('/api/accounts')]);
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
