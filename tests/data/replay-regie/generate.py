#!/usr/bin/env python3
"""Writes the regie replay scenarios: 305/307/315/317 received, the decisions on 315/317, and the
302/320 retours on what the gemeente sent.

Every scenario is a directory that `sluis replay` processes in filename order, plus expected.json:

  messages: per input file, what Sluis must answer
    {"file": "002-WMO305.xml", "answer": "WMO306", "codes": "0200 | 0200 9019"}
      codes: "" for a header-only retour without codes (fully approved); header codes, then
      "|" and the class codes in document order (Client "c", Verzoek "v", Ongewijzigd "o",
      TeWijzigen "w", Nieuw "n"; StartProduct/StopProduct/AangevraagdProduct unprefixed)
    {"file": "004-besluit.json", "outcome": "301"}  (or "319", or "refused: TR365 ...")
    {"file": "005-WMO320.xml", "outcome": "320 on 319 #..: accepted"} (a prefix of it)
  verzoeken: the final status of every verzoek, in order of receipt

  NNN-WMO301.xml             sent by the gemeente (its toewijzingen enter Sluis)
  NNN-WMO305.xml             received on its Dagtekening
  NNN-WMO305@2026-03-02.xml  received on the date after the '@'
  NNN-besluit.json           the back office's decision (sluis/db/verzoeken.h)

The reference data is shared with tests/data/replay (../replay/reference). Sluis numbers what
it sends SL0000000001, SL0000000002, ... in a fresh database, in the order it makes them; a
320 answering our 319 names that identificatie.

A developer tool: its output is committed and the tests read the files, not this script.
All persons and providers are fictitious (test BSNs 9999xxxxx pass the 11-proef).
Run: python3 tests/data/replay-regie/generate.py
"""
import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))

GEMEENTE = "0363"
AGB = "42420001"
B, M = "iwmo", "wmo"
PREFIX = "WMO"  # the functie's prefix in file names
CODES = {301: 414, 302: 415, 305: 418, 307: 420, 315: 444, 317: 480, 319: 482, 320: 483}
GEBOORTE = "1950-03-01"
DOMEINEN = {
    "wmo": ("iwmo", "wmo", "WMO", "42420001", "1950-03-01",
            {301: 414, 302: 415, 305: 418, 307: 420, 315: 444, 317: 480, 319: 482, 320: 483}),
    "jeugd": ("ijw", "jw", "JW", "87870001", "2012-05-01",
              {301: 436, 302: 437, 305: 438, 307: 440, 315: 446, 317: 486, 319: 488, 320: 489}),
}


def domein(name):
    """The messages made from here on are of this domein (iWmo or iJw 3.2): namespaces,
    BerichtCodes, the aanbieder (a Jeugd provider of the reference data) and a young client."""
    global B, M, PREFIX, AGB, GEBOORTE, CODES, DOMEIN
    B, M, PREFIX, AGB, GEBOORTE, CODES = DOMEINEN[name]
    DOMEIN = name


DOMEIN = "wmo"


def bsn(n):
    """The n-th 9-digit number 9999xxxxx passing the 11-proef."""
    found = 0
    for tail in range(100000):
        digits = [int(c) for c in f"9999{tail:05d}"]
        s = sum((9 - i) * d for i, d in enumerate(digits[:8])) - digits[8]
        if s % 11 == 0:
            if found == n:
                return "".join(map(str, digits))
            found += 1
    raise ValueError(n)


CLIENT = bsn(20)
ANDERE_CLIENT = bsn(21)  # TR304: another client of the same aanbieder


def opt(tag, value):
    return f"<{tag}>{value}</{tag}>" if value is not None else ""


def versie(m):
    return (f"<{B}:BasisschemaXsdVersie>1.0.0</{B}:BasisschemaXsdVersie>"
            f"<{B}:BerichtXsdVersie>1.0.0</{B}:BerichtXsdVersie>")


def header(t, afzender, ontvanger, ident, dag):
    m = f"{M}{t}"
    return (f"<{m}:Header><{m}:BerichtCode>{CODES[t]}</{m}:BerichtCode>"
            f"<{m}:BerichtVersie>3</{m}:BerichtVersie><{m}:BerichtSubversie>2</{m}:BerichtSubversie>"
            f"<{m}:Afzender>{afzender}</{m}:Afzender><{m}:Ontvanger>{ontvanger}</{m}:Ontvanger>"
            f"<{m}:BerichtIdentificatie><{B}:Identificatie>{ident}</{B}:Identificatie>"
            f"<{B}:Dagtekening>{dag}</{B}:Dagtekening></{m}:BerichtIdentificatie>"
            f"<{m}:XsdVersie>{versie(m)}</{m}:XsdVersie></{m}:Header>")


def retour_header(t, afzender, ontvanger, heen_ident, heen_dag, ident, dag):
    m = f"{M}{t}"
    return (f"<{m}:Header><{m}:BerichtCode>{CODES[t]}</{m}:BerichtCode>"
            f"<{m}:BerichtVersie>3</{m}:BerichtVersie><{m}:BerichtSubversie>2</{m}:BerichtSubversie>"
            f"<{m}:Afzender>{afzender}</{m}:Afzender><{m}:Ontvanger>{ontvanger}</{m}:Ontvanger>"
            f"<{m}:BerichtIdentificatie><{B}:Identificatie>{heen_ident}</{B}:Identificatie>"
            f"<{B}:Dagtekening>{heen_dag}</{B}:Dagtekening></{m}:BerichtIdentificatie>"
            f"<{m}:XsdVersie>{versie(m)}</{m}:XsdVersie>"
            f"<{m}:IdentificatieRetour>{ident}</{m}:IdentificatieRetour>"
            f"<{m}:DagtekeningRetour>{dag}</{m}:DagtekeningRetour>"
            f"<{m}:XsdVersieRetour>{versie(m)}</{m}:XsdVersieRetour></{m}:Header>")


def root(t, body):
    m = f"{M}{t}"
    text = (f'<?xml version="1.0" encoding="UTF-8"?>\n<{m}:Bericht '
            f'xmlns:{B}="http://www.istandaarden.nl/{B}/3_2/basisschema/schema" '
            f'xmlns:{m}="http://www.istandaarden.nl/{B}/3_2/{m}/schema">\n{body}\n</{m}:Bericht>\n')
    return text.replace("\n", "\r\n")


def product(m, cat, code):
    return f"<{m}:Product><{B}:Categorie>{cat}</{B}:Categorie>{opt(B + ':Code', code)}</{m}:Product>"


def omvang(m, o):
    if o is None:
        return ""
    v, e, f = o
    return (f"<{m}:Omvang><{B}:Volume>{v}</{B}:Volume><{B}:Eenheid>{e}</{B}:Eenheid>"
            f"<{B}:Frequentie>{f}</{B}:Frequentie></{m}:Omvang>")


def naam(m):
    return (f"<{m}:Naam><{B}:Geslachtsnaam><{B}:Achternaam>Testpersoon</{B}:Achternaam>"
            f"</{B}:Geslachtsnaam><{B}:Voorletters>A</{B}:Voorletters></{m}:Naam>")


def client_kop(m, client=None):
    return (f"<{m}:Bsn>{client or CLIENT}</{m}:Bsn><{m}:Geboortedatum><{B}:Datum>{GEBOORTE}"
            f"</{B}:Datum></{m}:Geboortedatum><{m}:Geslacht>2</{m}:Geslacht>")


# --- 301: the gemeente's toewijzingen (as sent) ---

def toegewezen(nummer, cat, code, ingang, eind, o=(4, "04", "2")):
    m = f"{M}301"
    return (f"<{m}:ToegewezenProduct><{m}:ToewijzingNummer>{nummer}</{m}:ToewijzingNummer>"
            f"{product(m, cat, code)}<{m}:Toewijzingsdatum>2025-12-15</{m}:Toewijzingsdatum>"
            f"<{m}:Toewijzingstijd>10:15:00</{m}:Toewijzingstijd>"
            f"<{m}:Ingangsdatum>{ingang}</{m}:Ingangsdatum>{opt(m + ':Einddatum', eind)}"
            f"{omvang(m, o)}</{m}:ToegewezenProduct>")


def bericht301(ident, dag, products, client=None):
    m = f"{M}301"
    client = (f"<{m}:Client>{client_kop(m, client)}"
              f"<{m}:Naam><{B}:Geslachtsnaam><{B}:Achternaam>Testpersoon</{B}:Achternaam>"
              f"</{B}:Geslachtsnaam><{B}:Voorletters>A</{B}:Voorletters>"
              f"<{B}:NaamGebruik>1</{B}:NaamGebruik></{m}:Naam>"
              f"<{m}:Contactgegevens><{m}:Contact><{m}:Soort>01</{m}:Soort><{m}:Adres>"
              f"<{B}:Huis><{B}:Huisnummer>1</{B}:Huisnummer></{B}:Huis><{B}:Postcode>9999ZZ</{B}:Postcode>"
              f"<{B}:Straatnaam>Teststraat</{B}:Straatnaam><{B}:Plaatsnaam>Testdorp</{B}:Plaatsnaam>"
              f"</{m}:Adres></{m}:Contact></{m}:Contactgegevens>"
              f"<{m}:ToegewezenProducten>{''.join(products)}</{m}:ToegewezenProducten></{m}:Client>")
    return root(301, header(301, GEMEENTE, AGB, ident, dag) + client)


# --- 305 / 307 ---

def start(nummer, begin, status="1"):
    m = f"{M}305"
    return (f"<{m}:StartProduct><{m}:ToewijzingNummer>{nummer}</{m}:ToewijzingNummer>"
            f"<{m}:Begindatum>{begin}</{m}:Begindatum>"
            f"<{m}:StatusAanlevering>{status}</{m}:StatusAanlevering></{m}:StartProduct>")


def stop(nummer, begin, reden, eind, status="1"):
    m = f"{M}307"
    return (f"<{m}:StopProduct><{m}:ToewijzingNummer>{nummer}</{m}:ToewijzingNummer>"
            f"<{m}:Begindatum>{begin}</{m}:Begindatum>"
            f"<{m}:RedenBeeindiging>{reden}</{m}:RedenBeeindiging>"
            f"<{m}:Einddatum>{eind}</{m}:Einddatum>"
            f"<{m}:StatusAanlevering>{status}</{m}:StatusAanlevering></{m}:StopProduct>")


def regie(t, ident, dag, products):
    m = f"{M}{t}"
    wrapper = "StartProducten" if t == 305 else "StopProducten"
    body = (f"<{m}:Client>{client_kop(m)}{naam(m)}<{m}:{wrapper}>{''.join(products)}"
            f"</{m}:{wrapper}></{m}:Client>")
    return root(t, header(t, AGB, GEMEENTE, ident, dag) + body)


# --- 315 / 317 ---

def aangevraagd(ref, cat, code, ingang, eind, o=(4, "04", "2")):
    m = f"{M}315"
    return (f"<{m}:AangevraagdProduct><{m}:ReferentieAanbieder>{ref}</{m}:ReferentieAanbieder>"
            f"{product(m, cat, code)}<{m}:ToewijzingIngangsdatum>{ingang}</{m}:ToewijzingIngangsdatum>"
            f"{opt(m + ':ToewijzingEinddatum', eind)}{omvang(m, o)}"
            f"<{m}:Verwijzer><{B}:Type>01</{B}:Type></{m}:Verwijzer></{m}:AangevraagdProduct>")


def bericht315(ident, dag, products):
    m = f"{M}315"
    body = (f"<{m}:Client>{client_kop(m)}{naam(m)}<{m}:AangevraagdeProducten>{''.join(products)}"
            f"</{m}:AangevraagdeProducten></{m}:Client>")
    return root(315, header(315, AGB, GEMEENTE, ident, dag) + body)


def wijzig(nummer, ingang, eind=None, o=None):
    m = f"{M}317"
    return (f"<{m}:TeWijzigenProduct><{m}:ToewijzingNummer>{nummer}</{m}:ToewijzingNummer>"
            f"<{m}:GewensteIngangsdatum>{ingang}</{m}:GewensteIngangsdatum>"
            f"{opt(m + ':Einddatum', eind)}{omvang(m, o)}</{m}:TeWijzigenProduct>")


def nieuw(cat, code, ingang, eind=None, o=(2, "04", "2")):
    m = f"{M}317"
    return (f"<{m}:NieuwProduct>{product(m, cat, code)}"
            f"<{m}:GewensteIngangsdatum>{ingang}</{m}:GewensteIngangsdatum>"
            f"{opt(m + ':Einddatum', eind)}{omvang(m, o)}</{m}:NieuwProduct>")


def bericht317(ident, dag, ref, ongewijzigd=(), te_wijzigen=(), nieuwe=()):
    m = f"{M}317"
    v = (f"<{m}:Verzoek><{m}:ReferentieAanbieder>{ref}</{m}:ReferentieAanbieder>"
         f"<{m}:RedenVerzoek>1</{m}:RedenVerzoek>")
    if ongewijzigd:
        v += f"<{m}:OngewijzigdeProducten>" + "".join(
            f"<{m}:OngewijzigdProduct><{m}:ToewijzingNummer>{n}</{m}:ToewijzingNummer>"
            f"</{m}:OngewijzigdProduct>" for n in ongewijzigd) + f"</{m}:OngewijzigdeProducten>"
    if te_wijzigen:
        v += f"<{m}:TeWijzigenProducten>{''.join(te_wijzigen)}</{m}:TeWijzigenProducten>"
    if nieuwe:
        v += f"<{m}:NieuweProducten>{''.join(nieuwe)}</{m}:NieuweProducten>"
    v += f"</{m}:Verzoek>"
    body = f"<{m}:Client><{m}:Bsn>{CLIENT}</{m}:Bsn>{v}</{m}:Client>"
    return root(317, header(317, AGB, GEMEENTE, ident, dag) + body)


class Scenario:
    def __init__(self, name, about):
        self.name, self.about = name, about
        self.files, self.messages, self.verzoeken, self.n = [], [], [], 0

    def _name(self, kind, received=None):
        self.n += 1
        return f"{self.n:03d}-{kind}" + (f"@{received}" if received else "") + ".xml"

    def toewijzingen(self, products=None, ident="T0001", dag="2025-12-15", client=None):
        """The gemeente's 301: by default 1001 (01A03) and 1002 (02A01) for 2026 (Jeugd:
        45A48 and 55A11)."""
        if DOMEIN == "jeugd":
            default = [toegewezen(1001, "45", "45A48", "2026-01-01", "2026-12-31"),
                       toegewezen(1002, "55", "55A11", "2026-01-01", "2026-12-31")]
        else:
            default = [toegewezen(1001, "01", "01A03", "2026-01-01", "2026-12-31"),
                       toegewezen(1002, "02", "02A01", "2026-01-01", "2026-12-31")]
        self.files.append((self._name(f"{PREFIX}301"),
                           bericht301(ident, dag, products or default, client)))

    def receive(self, t, xml, codes, received=None):
        name = self._name(f"{PREFIX}{t}", received)
        self.files.append((name, xml))
        self.messages.append({"file": name, "answer": f"{PREFIX}{t + 1}", "codes": codes})

    def start(self, ident, dag, products, codes, received=None):
        self.receive(305, regie(305, ident, dag, products), codes, received)

    def stop(self, ident, dag, products, codes, received=None):
        self.receive(307, regie(307, ident, dag, products), codes, received)

    def besluit(self, ref, besluit, op, outcome, **extra):
        self.n += 1
        name = f"{self.n:03d}-besluit.json"
        content = {"gemeente": GEMEENTE, "agb": AGB, "referentie": ref, "besluit": besluit,
                   "op": op, **extra}
        if DOMEIN != "wmo":
            content["domein"] = DOMEIN
        self.files.append((name, json.dumps(content, indent=2) + "\n"))
        self.messages.append({"file": name, "outcome": outcome})

    def retour(self, t, heen_ident, heen_dag, ident, dag, outcome):
        # The aanbieder's header-only retour (everything accepted) on what the gemeente sent.
        name = self._name(f"{PREFIX}{t}")
        self.files.append((name, root(t, retour_header(t, GEMEENTE, AGB, heen_ident, heen_dag,
                                                       ident, dag))))
        self.messages.append({"file": name, "outcome": outcome})

    def write(self):
        d = os.path.join(HERE, self.name)
        os.makedirs(d, exist_ok=True)
        for name, content in self.files:
            with open(os.path.join(d, name), "w", newline="") as f:
                f.write(content)
        with open(os.path.join(d, "expected.json"), "w") as f:
            json.dump({"about": self.about, "messages": self.messages,
                       "verzoeken": self.verzoeken}, f, indent=2)
            f.write("\n")


def scenarios():
    out = []

    s = Scenario("01-start-accepted", "a start on a toewijzing: header-only 306 (OP271: tijdig)")
    s.toewijzingen()
    s.start("S1", "2026-03-09", [start(1001, "2026-03-02")], "")
    out.append(s)

    s = Scenario("02-tr019-geen-toewijzing", "TR019 9019: the whole 305 is rejected; corrected")
    s.toewijzingen()
    s.start("S1", "2026-03-09", [start(1001, "2026-03-02"), start(4711, "2026-03-02")],
            "0200 | 0200 9019")
    s.start("S2", "2026-03-09", [start(1001, "2026-03-02")], "")
    out.append(s)

    s = Scenario("03-tr074-tr326-starts", "TR074 9074 the same start again; TR326 9326 a new "
                 "start while one is current; after a stop a new start passes")
    s.toewijzingen()
    s.start("S1", "2026-03-09", [start(1001, "2026-03-02")], "")
    s.start("S2", "2026-03-10", [start(1001, "2026-03-02")], "0200 | 9074")
    s.start("S3", "2026-03-10", [start(1001, "2026-03-05")], "0200 | 9326")
    s.stop("T1", "2026-03-20", [stop(1001, "2026-03-02", "20", "2026-03-19")], "")
    s.start("S4", "2026-04-01", [start(1001, "2026-04-01")], "")
    out.append(s)

    s = Scenario("04-delete-start", "StatusAanlevering 3: TR063 9063 nothing to delete; a start "
                 "deleted, then started again")
    s.toewijzingen()
    s.start("S1", "2026-03-09", [start(1001, "2026-03-02", "3")], "0200 | 9063")
    s.start("S2", "2026-03-09", [start(1001, "2026-03-02")], "")
    s.start("S3", "2026-03-10", [start(1001, "2026-03-02", "3")], "")
    s.start("S4", "2026-03-11", [start(1001, "2026-03-03")], "")
    out.append(s)

    s = Scenario("05-tr071-start-already-stopped", "TR071 9071: a stopped start cannot be deleted")
    s.toewijzingen()
    s.start("S1", "2026-03-09", [start(1001, "2026-03-02")], "")
    s.stop("T1", "2026-03-20", [stop(1001, "2026-03-02", "31", "2026-03-19")], "")
    s.start("S2", "2026-03-23", [start(1001, "2026-03-02", "3")], "0200 | 9071")
    out.append(s)

    s = Scenario("06-tr382-stop", "TR382 9069 a stop without its start; TR074 9074 the same "
                 "stop again; a stop with its start passes")
    s.toewijzingen()
    s.stop("T1", "2026-04-01", [stop(1001, "2026-03-02", "31", "2026-03-31")], "0200 | 9069")
    s.start("S1", "2026-04-01", [start(1001, "2026-03-02")], "")
    s.stop("T2", "2026-04-01", [stop(1001, "2026-03-02", "31", "2026-03-31")], "")
    s.stop("T3", "2026-04-02", [stop(1001, "2026-03-02", "31", "2026-03-31")], "0200 | 9074")
    out.append(s)

    s = Scenario("07-tr413-tr414-tr415-stops", "temporary and definitive stops: TR413 9413, "
                 "TR414 9414, TR415 9415, and the definitive stop after a temporary one")
    s.toewijzingen()
    s.start("S1", "2026-03-09", [start(1001, "2026-03-02")], "")
    s.stop("T1", "2026-03-20", [stop(1001, "2026-03-02", "20", "2026-03-19")], "")
    s.stop("T2", "2026-03-25", [stop(1001, "2026-03-02", "20", "2026-03-24")], "0200 | 9413")
    s.stop("T3", "2026-03-25", [stop(1001, "2026-03-02", "31", "2026-03-10")], "0200 | 9414")
    s.stop("T4", "2026-03-25", [stop(1001, "2026-03-02", "31", "2026-03-24")], "")
    s.stop("T5", "2026-03-26", [stop(1001, "2026-03-02", "31", "2026-03-25")], "0200 | 9415")
    out.append(s)

    s = Scenario("08-delete-stop", "StatusAanlevering 3 on a stop: TR063 9063, then deleted")
    s.toewijzingen()
    s.start("S1", "2026-03-09", [start(1001, "2026-03-02")], "")
    s.stop("T1", "2026-03-20", [stop(1001, "2026-03-02", "31", "2026-03-19", "3")], "0200 | 9063")
    s.stop("T2", "2026-03-20", [stop(1001, "2026-03-02", "31", "2026-03-19")], "")
    s.stop("T3", "2026-03-23", [stop(1001, "2026-03-02", "31", "2026-03-19", "3")], "")
    s.start("S2", "2026-03-23", [start(1001, "2026-03-02", "3")], "")
    out.append(s)

    s = Scenario("09-header-rules", "TR056 9056 an Identificatie used before; TR135 8848 a "
                 "Dagtekening after the day of receipt: header-only retours")
    s.toewijzingen()
    s.start("S1", "2026-03-09", [start(1001, "2026-03-02")], "")
    s.start("S1", "2026-03-10", [start(1002, "2026-03-02")], "9056 ")
    s.start("S2", "2026-03-12", [start(1002, "2026-03-02")], "8848 ", received="2026-03-10")
    s.start("S3", "2026-03-12", [start(1002, "2026-03-02")], "")
    out.append(s)

    s = Scenario("10-level2-0001", "OP033x2: StatusAanlevering 2 breaks a level-2 rule: 0001")
    s.toewijzingen()
    s.start("S1", "2026-03-09", [start(1001, "2026-03-02", "2")], "0001 ")
    s.start("S2", "2026-03-09", [start(1001, "2026-03-02")], "")
    out.append(s)

    s = Scenario("11-vot-toewijzen", "a 315 accepted (316 header-only) and honoured: the "
                 "full-set 301 with ReferentieAanbieder on the new toewijzing (TR379)")
    s.toewijzingen()
    s.receive(315, bericht315("V1", "2026-03-06", [
        aangevraagd("REF-A", "02", "02A02", "2026-04-01", "2026-12-31")]), "")
    s.besluit("REF-A", "toewijzen", "2026-03-09", "301", nummer=5001)
    s.verzoeken.append({"referentie": "REF-A", "status": "toegewezen"})
    out.append(s)

    s = Scenario("12-vot-afwijzen", "a 315 refused with a 319 (reden 3); TR365 9365 refuses a "
                 "second refusal; TR379 9379 a toewijzing afterwards")
    s.toewijzingen()
    s.receive(315, bericht315("V1", "2026-03-06", [
        aangevraagd("REF-A", "02", "02A02", "2026-04-01", "2026-12-31")]), "")
    s.besluit("REF-A", "afwijzen", "2026-03-09", "319", reden="3")
    s.besluit("REF-A", "afwijzen", "2026-03-10", "refused: TR365", reden="3")
    s.besluit("REF-A", "toewijzen", "2026-03-10", "refused: TR379")
    s.verzoeken.append({"referentie": "REF-A", "status": "afgewezen"})
    out.append(s)

    s = Scenario("13-vot-onderzoek", "in onderzoek (319, VerzoekAntwoord 2), TR360 9360 a second "
                 "one refused, then honoured; TR359 9359 a refusal afterwards")
    s.toewijzingen()
    s.receive(315, bericht315("V1", "2026-03-06", [
        aangevraagd("REF-A", "02", "02A02", "2026-04-01", "2026-12-31"),
        aangevraagd("REF-B", "03", "03A01", "2026-04-01", "2026-06-30")]), "")
    s.besluit("REF-A", "onderzoek", "2026-03-09", "319")
    s.besluit("REF-A", "onderzoek", "2026-03-10", "refused: TR360")
    s.besluit("REF-A", "toewijzen", "2026-04-15", "301")
    s.besluit("REF-A", "afwijzen", "2026-04-16", "refused: TR359", reden="4")
    s.besluit("REF-B", "afwijzen", "2026-03-09", "319", reden="6")
    s.verzoeken += [{"referentie": "REF-A", "status": "toegewezen"},
                    {"referentie": "REF-B", "status": "afgewezen"}]
    out.append(s)

    s = Scenario("14-tr374-tr347-verzoeken", "TR374 9374 a second verzoek while one is pending; "
                 "TR347 9347 a ReferentieAanbieder used before")
    s.toewijzingen()
    s.receive(315, bericht315("V1", "2026-03-06", [
        aangevraagd("REF-A", "02", "02A02", "2026-04-01", "2026-12-31")]), "")
    s.receive(315, bericht315("V2", "2026-03-06", [
        aangevraagd("REF-B", "03", "03A01", "2026-04-01", "2026-06-30")]), "0200 | c9374 0233")
    s.besluit("REF-A", "afwijzen", "2026-03-09", "319", reden="2")
    s.receive(315, bericht315("V3", "2026-03-10", [
        aangevraagd("REF-A", "03", "03A01", "2026-04-01", "2026-06-30")]), "0200 | c0200 9347")
    s.receive(315, bericht315("V4", "2026-03-10", [
        aangevraagd("REF-C", "03", "03A01", "2026-04-01", "2026-06-30")]), "")
    s.verzoeken += [{"referentie": "REF-A", "status": "afgewezen"},
                    {"referentie": "REF-C", "status": "open"}]
    out.append(s)

    s = Scenario("15-vow-toewijzen", "a 317 asking a new weekly volume from April: accepted, "
                 "honoured (1002 ends 31 March, a new toewijzing from 1 April)")
    s.toewijzingen()
    s.receive(317, bericht317("W1", "2026-03-06", "WIJZ-1", ongewijzigd=[1001],
                              te_wijzigen=[wijzig(1002, "2026-04-01", o=(6, "04", "2"))]), "")
    s.besluit("WIJZ-1", "toewijzen", "2026-03-09", "301", nummer=5001)
    s.verzoeken.append({"referentie": "WIJZ-1", "status": "toegewezen"})
    out.append(s)

    s = Scenario("16-vow-rules", "TR349 9349, TR350 9350, TR351 9351, TR357 9357, TR373 9373, "
                 "TR411 9411 on a 317, then a correct one")
    s.toewijzingen()
    s.receive(317, bericht317("W1", "2026-03-06", "WIJZ-1", ongewijzigd=[1001],
                              nieuwe=[nieuw("03", "03A01", "2026-06-01", "2026-12-31")]),
              "0200 | c0200 v9349 o0233 n0233")
    s.receive(317, bericht317("W2", "2026-03-06", "WIJZ-2", ongewijzigd=[1001, 1002, 4711],
                              te_wijzigen=[wijzig(4712, "2026-04-01", o=(2, "04", "2"))]),
              "0200 | c0200 v0200 o0200 o0200 o9350 w9351")
    m = f"{M}317"
    budget = (f"<{m}:TeWijzigenProduct><{m}:ToewijzingNummer>1002</{m}:ToewijzingNummer>"
              f"<{m}:GewensteIngangsdatum>2026-03-01</{m}:GewensteIngangsdatum>"
              f"<{m}:Budget>50000</{m}:Budget></{m}:TeWijzigenProduct>")
    s.receive(317, bericht317("W3", "2026-03-06", "WIJZ-3", ongewijzigd=[1001],
                              te_wijzigen=[budget]),
              "0200 | c0200 v0200 o0200 w9357 w9373 w9411")
    s.receive(317, bericht317("W4", "2026-03-06", "WIJZ-4", ongewijzigd=[1001],
                              te_wijzigen=[wijzig(1002, "2026-01-01", o=(3, "04", "2"))]), "")
    s.verzoeken.append({"referentie": "WIJZ-4", "status": "open"})
    out.append(s)

    s = Scenario("17-tr361-overlap", "TR361 9361 a new product overlapping a current one of the "
                 "same product; after its end it passes, and is refused (reden 6, stapeling)")
    s.toewijzingen()
    s.receive(317, bericht317("W1", "2026-03-06", "WIJZ-1", ongewijzigd=[1001, 1002],
                              nieuwe=[nieuw("01", "01A03", "2026-06-01")]),
              "0200 | c0200 v0200 o0200 o0200 n9361")
    s.receive(317, bericht317("W2", "2026-03-06", "WIJZ-2", ongewijzigd=[1001, 1002],
                              nieuwe=[nieuw("01", "01A03", "2027-01-01")]), "")
    s.besluit("WIJZ-2", "afwijzen", "2026-03-09", "319", reden="6")
    s.verzoeken.append({"referentie": "WIJZ-2", "status": "afgewezen"})
    out.append(s)

    s = Scenario("18-tr355-unknown-verzoek", "TR355 9355: a decision on a ReferentieAanbieder "
                 "never received is refused; the real one is decided")
    s.toewijzingen()
    s.receive(315, bericht315("V1", "2026-03-06", [
        aangevraagd("REF-A", "02", "02A02", "2026-04-01", "2026-12-31")]), "")
    s.besluit("REF-X", "afwijzen", "2026-03-09", "refused: TR355", reden="3")
    s.besluit("REF-A", "toewijzen", "2026-03-09", "301")
    s.verzoeken.append({"referentie": "REF-A", "status": "toegewezen"})
    out.append(s)

    s = Scenario("19-retours-received", "302 on the gemeente's 301 and 320 on Sluis' 319 are "
                 "matched to what was sent")
    s.toewijzingen(ident="T0001", dag="2025-12-15")
    s.retour(302, "T0001", "2025-12-15", "R302-1", "2025-12-16", "processed: 302 on 301 #")
    s.receive(315, bericht315("V1", "2026-03-06", [
        aangevraagd("REF-A", "02", "02A02", "2026-04-01", "2026-12-31")]), "")
    # The 316 is SL0000000001, the 319 SL0000000002.
    s.besluit("REF-A", "afwijzen", "2026-03-09", "319", reden="5")
    s.retour(320, "SL0000000002", "2026-03-09", "R320-1", "2026-03-10",
             "processed: 320 on 319 #")
    s.verzoeken.append({"referentie": "REF-A", "status": "afgewezen"})
    out.append(s)

    s = Scenario("20-timeliness", "starts and stops late or on time are all accepted (OP364: "
                 "never a condition); a start received on a later date than its Dagtekening")
    s.toewijzingen()
    s.start("S1", "2026-03-09", [start(1001, "2026-01-05"), start(1002, "2026-03-02")], "",
            received="2026-03-10")
    s.stop("T1", "2026-03-20", [stop(1001, "2026-01-05", "31", "2026-03-19"),
                                stop(1002, "2026-03-02", "31", "2026-03-19")], "")
    out.append(s)
    out += jeugd_scenarios()
    out.append(tr304())
    return out


def tr304():
    s = Scenario("24-tr304-vow-andere-client", "TR304 8187 on the Client: a 317 naming a "
                 "toewijzing this aanbieder has for another client; then the correct one")
    s.toewijzingen()
    s.toewijzingen([toegewezen(1003, "02", "02A02", "2026-01-01", "2026-12-31")], ident="T0002",
                   client=ANDERE_CLIENT)
    s.receive(317, bericht317("W1", "2026-03-06", "WIJZ-1", ongewijzigd=[1001, 1002, 1003],
                              nieuwe=[nieuw("03", "03A01", "2026-06-01", "2026-12-31")]),
              "0200 | c8187 v0233 o0233 o0233 o0233 n0233")
    s.receive(317, bericht317("W2", "2026-03-06", "WIJZ-2", ongewijzigd=[1001, 1002],
                              te_wijzigen=[wijzig(1003, "2026-04-01", o=(3, "04", "2"))]),
              "0200 | c8187 v0233 o0233 o0233 w0233")
    s.receive(317, bericht317("W3", "2026-03-06", "WIJZ-3", ongewijzigd=[1001, 1002],
                              nieuwe=[nieuw("03", "03A01", "2026-06-01", "2026-12-31")]), "")
    s.verzoeken.append({"referentie": "WIJZ-3", "status": "open"})
    return s


def jeugd_scenarios():
    """The same flows in the Jeugdwet domein (iJw 3.2: JW301 ... JW320)."""
    out = []
    domein("jeugd")

    s = Scenario("21-jeugd-start-stop", "iJw: JW305 and JW307 judged like their Wmo "
                 "counterparts (TR019 9019, TR074 9074, TR382 9069), JW306/JW308 retours")
    s.toewijzingen()
    s.start("S1", "2026-03-09", [start(1001, "2026-03-02"), start(4711, "2026-03-02")],
            "0200 | 0200 9019")
    s.stop("T1", "2026-03-10", [stop(1001, "2026-03-02", "31", "2026-03-09")], "0200 | 9069")
    s.start("S2", "2026-03-09", [start(1001, "2026-03-02")], "")
    s.start("S3", "2026-03-10", [start(1001, "2026-03-02")], "0200 | 9074")
    s.stop("T2", "2026-03-20", [stop(1001, "2026-03-02", "31", "2026-03-19")], "")
    out.append(s)

    s = Scenario("22-jeugd-vot-besluiten", "iJw: a JW315 with two products; one honoured (JW301, "
                 "TR379) and its JW302 matched, the other refused on the woonplaatsbeginsel "
                 "(JW319 reden 8 with the responsible gemeente) and its JW320 matched")
    s.toewijzingen()
    s.receive(315, bericht315("V1", "2026-03-06", [
        aangevraagd("REF-A", "41", "41A01", "2026-04-01", "2026-12-31"),
        aangevraagd("REF-B", "54", "54A01", "2026-04-01", "2026-06-30")]), "")
    # The JW316 is SL0000000001, the JW301 SL0000000002, the JW319 SL0000000003.
    s.besluit("REF-A", "toewijzen", "2026-03-09", "301", nummer=5001)
    s.besluit("REF-B", "afwijzen", "2026-03-09", "319", reden="8", woonplaatsbeginsel="0384")
    s.retour(302, "SL0000000002", "2026-03-09", "R302-1", "2026-03-10",
             "processed: 302 on 301 #")
    s.retour(320, "SL0000000003", "2026-03-09", "R320-1", "2026-03-10",
             "processed: 320 on 319 #")
    s.verzoeken += [{"referentie": "REF-A", "status": "toegewezen"},
                    {"referentie": "REF-B", "status": "afgewezen"}]
    out.append(s)

    s = Scenario("23-jeugd-vow-rules", "iJw: a JW317 missing a current toewijzing (TR349 9349) "
                 "and one asking a change from a past date (TR357 9357); the correct one is "
                 "honoured")
    s.toewijzingen()
    s.receive(317, bericht317("W1", "2026-03-06", "WIJZ-1", ongewijzigd=[1001],
                              nieuwe=[nieuw("54", "54A01", "2026-06-01", "2026-12-31")]),
              "0200 | c0200 v9349 o0233 n0233")
    s.receive(317, bericht317("W2", "2026-03-06", "WIJZ-2", ongewijzigd=[1001],
                              te_wijzigen=[wijzig(1002, "2026-03-01", o=(3, "04", "2"))]),
              "0200 | c0200 v0200 o0200 w9357")
    s.receive(317, bericht317("W3", "2026-03-06", "WIJZ-3", ongewijzigd=[1001],
                              te_wijzigen=[wijzig(1002, "2026-04-01", o=(3, "04", "2"))]), "")
    s.besluit("WIJZ-3", "toewijzen", "2026-03-09", "301", nummer=5001)
    s.verzoeken.append({"referentie": "WIJZ-3", "status": "toegewezen"})
    out.append(s)

    domein("wmo")
    return out


def main():
    for entry in os.listdir(HERE):
        if entry[:2].isdigit() and os.path.isdir(os.path.join(HERE, entry)):
            shutil.rmtree(os.path.join(HERE, entry))
    for s in scenarios():
        s.write()


if __name__ == "__main__":
    main()
