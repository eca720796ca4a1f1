// Operations: the backlog against the 30-day clock, berichten per day, deadlines at risk, the
// queues, open alerts, dead letters and the outbox (paying: betalingen.js).
import { api, bedrag, el, main, staafgrafiek, status, tabel, termijnMet, tijd } from './lib.js';

const ONTVANGEN = '#2b5278';
const VERZONDEN = '#7fb3d5';

export async function operations() {
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
      el('section', { class: 'kaart' }, el('h2', { text: 'Termijnen in gevaar (325 en betaling)' }),
        el('p', { class: 'code-tekst', text: 'Verlopen, of uiterlijk over 3 dagen; een 325 telt zodra '
          + 'de aanbieder hem bevestigde.' }),
        tabel(termijnen.items, [
          { kop: 'Nr', waarde: (r) => r.id },
          { kop: 'AGB', waarde: (r) => r.agb },
          { kop: 'DeclaratieNummer', waarde: (r) => r.declaratienummer },
          { kop: 'Termijn', waarde: (r) => (r.termijn === '325' ? '325 versturen' : 'betalen') },
          { kop: 'Status', waarde: (r) => status(r.status) },
          { kop: 'Uiterlijk', waarde: (r) => termijnMet(r.uiterlijk, r.dagen_over) },
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
