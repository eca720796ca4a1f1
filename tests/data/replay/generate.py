#!/usr/bin/env python3
"""Writes the replay scenarios: the conformance kit for levels 3 and 4 of the 323.

Every scenario is a directory of message files that `sluis replay` processes in filename order,
plus expected.json with the codes each 323 must get. Together they give every rule of the judge
(istandaarden-spec §6.2) a failing and a passing prestatie through a real database.

  NNN-WMO301.xml             sent by the gemeente (its toewijzingen enter Sluis)
  NNN-WMO323.xml             received on its Dagtekening
  NNN-WMO323@2026-02-02.xml  received on the date after the '@' (for TR135)

The reference data (gemeenten, aanbieders, productcodes, tarieven) is in reference/.

A developer tool: its output is committed and the tests read the files, not this script.
All persons and providers are fictitious (test BSNs 9999xxxxx pass the 11-proef; IBANs are
test numbers). Run: python3 tests/data/replay/generate.py
"""
import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))

GEMEENTE = "0363"
AGB = "42420001"        # Thuiszorg De Linde: wmo
AGB2 = "42420002"       # Zorggroep Noord: wmo, another aanbieder
AGB_JEUGD = "87870001"  # Jeugdhulp Amstel: jeugd


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


CLIENTS = [bsn(i) for i in range(12)]


class Domein:
    def __init__(self, name, basis_prefix, prefix, codes):
        self.name, self.b, self.prefix, self.codes = name, basis_prefix, prefix, codes

    def basis_ns(self):
        return f"http://www.istandaarden.nl/{self.b}/3_2/basisschema/schema"

    def msg_ns(self, t):
        return f"http://www.istandaarden.nl/{self.b}/3_2/{self.prefix}{t}/schema"

    def file(self, t):
        return f"{self.prefix.upper()}{t}"


WMO = Domein("wmo", "iwmo", "wmo", {301: 414, 323: 484})
JEUGD = Domein("jeugd", "ijw", "jw", {301: 436, 323: 490})


def header(dom, t, afzender, ontvanger, ident, dag):
    m, b = f"{dom.prefix}{t}", dom.b
    return (f"<{m}:Header><{m}:BerichtCode>{dom.codes[t]}</{m}:BerichtCode>"
            f"<{m}:BerichtVersie>3</{m}:BerichtVersie><{m}:BerichtSubversie>2</{m}:BerichtSubversie>"
            f"<{m}:Afzender>{afzender}</{m}:Afzender><{m}:Ontvanger>{ontvanger}</{m}:Ontvanger>"
            f"<{m}:BerichtIdentificatie><{b}:Identificatie>{ident}</{b}:Identificatie>"
            f"<{b}:Dagtekening>{dag}</{b}:Dagtekening></{m}:BerichtIdentificatie>"
            f"<{m}:XsdVersie><{b}:BasisschemaXsdVersie>1.0.0</{b}:BasisschemaXsdVersie>"
            f"<{b}:BerichtXsdVersie>1.0.0</{b}:BerichtXsdVersie></{m}:XsdVersie></{m}:Header>")


def root(dom, t, body):
    m = f"{dom.prefix}{t}"
    text = (f'<?xml version="1.0" encoding="UTF-8"?>\n<{m}:Bericht xmlns:{dom.b}="{dom.basis_ns()}" '
            f'xmlns:{m}="{dom.msg_ns(t)}">\n{body}\n</{m}:Bericht>\n')
    return text.replace("\n", "\r\n")


def opt(tag, value):
    return f"<{tag}>{value}</{tag}>" if value is not None else ""


# --- 301 ---

def toegewezen(dom, nummer, cat, code, ingang, eind, volume=None, eenheid=None, freq=None,
               budget=None, reden=None, datum="2025-12-15", tijd="10:15:00"):
    m, b = f"{dom.prefix}301", dom.b
    product = ""
    if cat is not None:
        product = f"<{m}:Product><{b}:Categorie>{cat}</{b}:Categorie>{opt(b + ':Code', code)}</{m}:Product>"
    omvang = ""
    if volume is not None:
        omvang = (f"<{m}:Omvang><{b}:Volume>{volume}</{b}:Volume><{b}:Eenheid>{eenheid}</{b}:Eenheid>"
                  f"<{b}:Frequentie>{freq}</{b}:Frequentie></{m}:Omvang>")
    return (f"<{m}:ToegewezenProduct><{m}:ToewijzingNummer>{nummer}</{m}:ToewijzingNummer>{product}"
            f"<{m}:Toewijzingsdatum>{datum}</{m}:Toewijzingsdatum>"
            f"<{m}:Toewijzingstijd>{tijd}</{m}:Toewijzingstijd>"
            f"<{m}:Ingangsdatum>{ingang}</{m}:Ingangsdatum>{opt(m + ':Einddatum', eind)}"
            f"{opt(m + ':RedenWijziging', reden)}{omvang}{opt(m + ':Budget', budget)}"
            f"</{m}:ToegewezenProduct>")


def bericht301(dom, gemeente, agb, ident, dag, client_bsn, products):
    m, b = f"{dom.prefix}301", dom.b
    client = (f"<{m}:Client><{m}:Bsn>{client_bsn}</{m}:Bsn>"
              f"<{m}:Geboortedatum><{b}:Datum>1950-03-01</{b}:Datum></{m}:Geboortedatum>"
              f"<{m}:Geslacht>2</{m}:Geslacht>"
              f"<{m}:Naam><{b}:Geslachtsnaam><{b}:Achternaam>Testpersoon</{b}:Achternaam>"
              f"</{b}:Geslachtsnaam><{b}:Voorletters>A</{b}:Voorletters>"
              f"<{b}:NaamGebruik>1</{b}:NaamGebruik></{m}:Naam>"
              f"<{m}:Contactgegevens><{m}:Contact><{m}:Soort>01</{m}:Soort><{m}:Adres>"
              f"<{b}:Huis><{b}:Huisnummer>1</{b}:Huisnummer></{b}:Huis><{b}:Postcode>9999ZZ</{b}:Postcode>"
              f"<{b}:Straatnaam>Teststraat</{b}:Straatnaam><{b}:Plaatsnaam>Testdorp</{b}:Plaatsnaam>"
              f"</{m}:Adres></{m}:Contact></{m}:Contactgegevens>"
              f"<{m}:ToegewezenProducten>{''.join(products)}</{m}:ToegewezenProducten></{m}:Client>")
    return root(dom, 301, header(dom, 301, gemeente, agb, ident, dag) + client)


# --- 323 ---

class P:
    """A prestatie. bedrag defaults to volume x tarief."""

    def __init__(self, ref, toew, begin, eind, volume, cat="01", code="01A03", eenheid="04",
                 tarief=3250, bedrag=None, dc="D", vorig=None, expect=()):
        self.ref, self.toew, self.begin, self.eind = ref, toew, begin, eind
        self.volume, self.cat, self.code, self.eenheid = volume, cat, code, eenheid
        self.tarief = tarief
        self.bedrag = bedrag if bedrag is not None else volume * (tarief or 1)
        self.dc, self.vorig, self.expect = dc, vorig, list(expect)

    def signed(self):
        return -self.bedrag if self.dc == "C" else self.bedrag

    def xml(self, dom):
        m, b = f"{dom.prefix}323", dom.b
        vorig = f"<{b}:VorigReferentieNummer>{self.vorig}</{b}:VorigReferentieNummer>" if self.vorig else ""
        return (f"<{m}:Prestatie><{m}:ProductReferentie><{b}:ReferentieNummer>{self.ref}"
                f"</{b}:ReferentieNummer>{vorig}</{m}:ProductReferentie>"
                f"<{m}:ToewijzingNummer>{self.toew}</{m}:ToewijzingNummer>"
                f"<{m}:ProductCategorie>{self.cat}</{m}:ProductCategorie>"
                f"<{m}:ProductCode>{self.code}</{m}:ProductCode>"
                f"<{m}:ProductPeriode><{b}:Begindatum>{self.begin}</{b}:Begindatum>"
                f"<{b}:Einddatum>{self.eind}</{b}:Einddatum></{m}:ProductPeriode>"
                f"<{m}:GeleverdVolume>{self.volume}</{m}:GeleverdVolume>"
                f"<{m}:Eenheid>{self.eenheid}</{m}:Eenheid>{opt(m + ':ProductTarief', self.tarief)}"
                f"<{m}:IngediendBedrag><{b}:Bedrag>{self.bedrag}</{b}:Bedrag>"
                f"<{b}:DebetCredit>{self.dc}</{b}:DebetCredit></{m}:IngediendBedrag></{m}:Prestatie>")


MONTH_END = {1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


def bericht323(dom, gemeente, agb, ident, dag, nummer, month, clients):
    """month: "2026-01"; clients: [(bsn, [P])]."""
    m, b = f"{dom.prefix}323", dom.b
    y, mo = map(int, month.split("-"))
    total = sum(p.signed() for _, ps in clients for p in ps)
    body = (f"<{m}:Declaratie><{m}:DeclaratieNummer>{nummer}</{m}:DeclaratieNummer>"
            f"<{m}:DeclaratiePeriode><{b}:Begindatum>{month}-01</{b}:Begindatum>"
            f"<{b}:Einddatum>{month}-{MONTH_END[mo]}</{b}:Einddatum></{m}:DeclaratiePeriode>"
            f"<{m}:DeclaratieDagtekening>{dag}</{m}:DeclaratieDagtekening>"
            f"<{m}:TotaalIngediendBedrag><{b}:TotaalBedrag>{abs(total)}</{b}:TotaalBedrag>"
            f"<{b}:DebetCredit>{'C' if total < 0 else 'D'}</{b}:DebetCredit></{m}:TotaalIngediendBedrag>"
            f"<{m}:Clienten>")
    for c, ps in clients:
        body += (f"<{m}:Client><{m}:Bsn>{c}</{m}:Bsn><{m}:Prestaties>"
                 f"{''.join(p.xml(dom) for p in ps)}</{m}:Prestaties></{m}:Client>")
    body += f"</{m}:Clienten></{m}:Declaratie>"
    return root(dom, 323, header(dom, 323, agb, gemeente, ident, dag) + body)


class Scenario:
    def __init__(self, name, about, dom=WMO, gemeente=GEMEENTE):
        self.name, self.about, self.dom, self.gemeente = name, about, dom, gemeente
        self.files, self.expected, self.n = [], [], 0

    def _name(self, t, received=None):
        self.n += 1
        return f"{self.n:03d}-{self.dom.file(t)}" + (f"@{received}" if received else "") + ".xml"

    def t301(self, client_bsn, products, dag="2025-12-15", agb=AGB, ident=None):
        ident = ident or f"T{self.n + 1:03d}{client_bsn[-5:]}"
        self.files.append((self._name(301), bericht301(self.dom, self.gemeente, agb, ident, dag,
                                                       client_bsn, products)))

    def d323(self, nummer, month, clients, dag, agb=AGB, ident=None, received=None, header=(),
             declaratie=(), gemeente=None, client_codes=None):
        ident = ident or f"D{nummer}"
        self.files.append((self._name(323, received),
                           bericht323(self.dom, gemeente or self.gemeente, agb, ident, dag, nummer,
                                      month, clients)))
        whole = bool(header) or bool(declaratie)
        self.expected.append({
            "identificatie": ident,
            "header_codes": list(header),
            "declaratie_codes": list(declaratie),
            "prestaties": {} if whole else {p.ref: p.expect for _, ps in clients for p in ps},
            "client_codes": {} if whole else dict(client_codes or {}),
        })

    def write(self):
        d = os.path.join(HERE, self.name)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        for name, text in self.files:
            with open(os.path.join(d, name), "w", newline="") as f:
                f.write(text)
        with open(os.path.join(d, "expected.json"), "w") as f:
            json.dump({"about": self.about, "declaraties": self.expected}, f, indent=2)
            f.write("\n")


# Toewijzingen used by most scenarios: 3 hours a week of 01A03 in 2026 H1.
def hh(dom, nummer, ingang="2026-01-01", eind="2026-06-30", volume=3, **kw):
    return toegewezen(dom, nummer, "01", "01A03", ingang, eind, volume, "04", "2", **kw)


def jan(ref, toew, volume=12, **kw):
    return P(ref, toew, "2026-01-01", "2026-01-31", volume, **kw)


C = CLIENTS
DAG = "2026-02-03"  # a Tuesday: the 323s for January arrive here


def scenarios():
    out = []

    s = Scenario("01-spec-example", "istandaarden-spec §4.2: prestatie 1 approved, 2 gets 9321")
    s.t301(C[0], [hh(WMO, 100234, ingang="2026-01-05")])
    s.t301(C[1], [hh(WMO, 100240)])
    s.d323("D202602001", "2026-01", [
        (C[0], [P("P2026000101", 100234, "2026-01-05", "2026-01-31", 12)]),
        (C[1], [jan("P2026000102", 100240, 18, expect=["9321"])])], DAG, ident="DCL260203A")
    out.append(s)

    s = Scenario("02-fully-approved", "everything right: 8001, nothing returned")
    s.t301(C[0], [hh(WMO, 200001)])
    s.t301(C[1], [hh(WMO, 200002), toegewezen(WMO, 200003, "02", "02A01", "2026-01-01",
                                                "2026-12-31", 600, "01", "4")])
    s.d323("D2001", "2026-01", [(C[0], [jan("R2001", 200001, 15)]),
                                (C[1], [jan("R2002", 200002, 10),
                                        jan("R2003", 200003, 540, cat="02", code="02A01",
                                            eenheid="01", tarief=108, bedrag=58500)])], DAG)
    # IV081: minutes on an hourly contract tariff: round(6500 x 540 / 60); the rounded minute
    # tariff (1.08) is informative only
    out.append(s)

    s = Scenario("03-tr056-identificatie", "TR056: the same BerichtIdentificatie twice is 9056")
    s.t301(C[0], [hh(WMO, 300001)])
    s.d323("D3001", "2026-01", [(C[0], [jan("R3001", 300001)])], DAG, ident="ID3")
    s.d323("D3002", "2026-02", [(C[0], [P("R3002", 300001, "2026-02-01", "2026-02-28", 12)])],
           "2026-03-03", ident="ID3", header=["9056"])
    out.append(s)

    s = Scenario("04-tr135-dagtekening", "TR135: a Dagtekening after receipt is 8848")
    s.t301(C[0], [hh(WMO, 400001)])
    s.d323("D4001", "2026-01", [(C[0], [jan("R4001", 400001)])], DAG, received="2026-02-02",
           header=["8848"])
    s.d323("D4002", "2026-01", [(C[0], [jan("R4002", 400001)])], DAG)
    out.append(s)

    s = Scenario("05-tr378-gemeente", "TR378: a gemeente not in the CBS list on the period is S300")
    s.t301(C[0], [hh(WMO, 500001)])
    s.d323("D5001", "2026-01", [(C[0], [jan("R5001", 500001)])], DAG, gemeente="0457",
           header=["S300"])  # Weesp, merged into Amsterdam in 2022
    s.d323("D5002", "2026-01", [(C[0], [jan("R5002", 500001)])], DAG)
    out.append(s)

    s = Scenario("06-tr333-declaratienummer", "TR333: a DeclaratieNummer used before is 9333")
    s.t301(C[0], [hh(WMO, 600001)])
    s.d323("D6001", "2026-01", [(C[0], [jan("R6001", 600001)])], DAG)
    s.d323("D6001", "2026-02", [(C[0], [P("R6002", 600001, "2026-02-01", "2026-02-28", 12)])],
           "2026-03-03", ident="D6001B", declaratie=["9333"])
    out.append(s)

    s = Scenario("07-tr318-periode", "TR318: a DeclaratiePeriode before the previous one is 8214")
    s.t301(C[0], [hh(WMO, 700001)])
    s.d323("D7001", "2026-02", [(C[0], [P("R7001", 700001, "2026-02-01", "2026-02-28", 12)])],
           "2026-03-03")
    s.d323("D7002", "2026-01", [(C[0], [jan("R7002", 700001)])], "2026-03-04",
           declaratie=["8214"])
    # The same DeclaratiePeriode again is allowed (D7002 was rejected as a whole, so January
    # is still open).
    s.d323("D7003", "2026-02", [(C[0], [jan("R7003", 700001)])], "2026-03-05")
    out.append(s)

    s = Scenario("08-tr304-andere-client", "TR304: a prestatie on another client's toewijzing is "
                 "8187 on the client, 0233 on its prestaties")
    s.t301(C[0], [hh(WMO, 800001)])
    s.t301(C[1], [hh(WMO, 800002)])
    s.d323("D8001", "2026-01", [(C[0], [jan("R8001", 800001, expect=["0233"]),
                                        jan("R8002", 800002, expect=["0233"])]),
                                (C[1], [jan("R8003", 800002)])], DAG,
          client_codes={C[0]: ["8187"]})
    out.append(s)

    s = Scenario("09-tr338-geen-toewijzing", "TR338: no toewijzing for this aanbieder is 9338")
    s.t301(C[0], [hh(WMO, 900001)])
    s.t301(C[1], [hh(WMO, 900002)], agb=AGB2)
    s.d323("D9001", "2026-01", [(C[0], [jan("R9001", 900001), jan("R9002", 999999, expect=["9338"])]),
                                (C[1], [jan("R9003", 900002, expect=["9338"])])], DAG)
    out.append(s)

    s = Scenario("10-tr384-verwijderd", "TR384: a toewijzing deleted with RedenWijziging 13 is 9384")
    lichte_hulp = dict(cat="01", code="01A01", tarief=2900)
    s.t301(C[0], [hh(WMO, 1000001),
                  toegewezen(WMO, 1000002, "01", "01A01", "2026-01-01", "2026-06-30", 2, "04", "2")])
    s.t301(C[0], [hh(WMO, 1000001),
                  toegewezen(WMO, 1000002, "01", "01A01", "2026-01-01", "2026-01-01", 2, "04", "2",
                             reden="13", datum="2025-12-20")], dag="2025-12-20")
    s.d323("D10001", "2026-01", [(C[0], [jan("R10001", 1000001),
                                         P("R10002", 1000002, "2026-01-01", "2026-01-01", 1,
                                           expect=["9384"], **lichte_hulp)])], DAG)
    out.append(s)

    s = Scenario("11-tr339-tr340-product", "TR339/TR340: category or code other than allocated")
    s.t301(C[0], [hh(WMO, 1100001), toegewezen(WMO, 1100002, "02", None, "2026-01-01", "2026-06-30",
                                                 10, "04", "4")])
    s.d323("D11001", "2026-01", [(C[0], [
        jan("R11001", 1100001),
        jan("R11002", 1100001, cat="01", code="01A01", expect=["9340", "0611"]),  # 01A01: 2900
        jan("R11003", 1100002, 10, cat="01", code="01A03", expect=["9339"]),
        jan("R11004", 1100002, 10, cat="02", code="02A01", tarief=6500)])], DAG)
    out.append(s)

    s = Scenario("12-tr381-productcode", "TR381: a code not in the category's code list is S329")
    s.t301(C[0], [toegewezen(WMO, 1200001, "02", None, "2026-01-01", "2026-06-30", 10, "04", "4")])
    s.d323("D12001", "2026-01", [(C[0], [
        jan("R12001", 1200001, 5, cat="02", code="02A01", tarief=6500),
        jan("R12002", 1200001, 5, cat="02", code="02Z99", tarief=6500, expect=["S329", "0611"])])],
        DAG)
    out.append(s)

    s = Scenario("13-tr341-eenheid", "TR341: a unit that does not fit is 9341; minutes on an "
                 "hourly toewijzing are allowed (IV081)")
    s.t301(C[0], [toegewezen(WMO, 1300001, "02", "02A01", "2026-01-01", "2026-06-30", 10, "04", "4")])
    s.d323("D13001", "2026-01", [(C[0], [
        jan("R13001", 1300001, 90, cat="02", code="02A01", eenheid="01", tarief=108, bedrag=9750)])],
        DAG)
    s.d323("D13002", "2026-02", [(C[0], [
        P("R13002", 1300001, "2026-02-01", "2026-02-28", 2, cat="02", code="02A01", eenheid="16",
          tarief=4800, expect=["9341", "0611"])])], "2026-03-03")
    out.append(s)

    s = Scenario("14-tr307-tr308-geldigheid", "TR307/TR308: a ProductPeriode outside the toewijzing")
    s.t301(C[0], [hh(WMO, 1400001, ingang="2026-01-12", eind="2026-02-20")])
    s.d323("D14001", "2026-01", [(C[0], [
        P("R14001", 1400001, "2026-01-12", "2026-01-31", 9),
        P("R14002", 1400001, "2026-01-05", "2026-01-31", 9, expect=["9307", "9387"])])], DAG)
    s.d323("D14002", "2026-02", [(C[0], [
        P("R14003", 1400001, "2026-02-01", "2026-02-28", 9, expect=["9308", "9388"]),
        P("R14004", 1400001, "2026-02-01", "2026-02-20", 3)])], "2026-03-03")
    out.append(s)

    s = Scenario("15-tr387-tr388-maandgrenzen", "TR387/TR388: a ProductPeriode must start on the "
                 "first and end on the last day of the month (or of the toewijzing)")
    s.t301(C[0], [hh(WMO, 1500001)])
    s.d323("D15001", "2026-01", [(C[0], [
        P("R15001", 1500001, "2026-01-02", "2026-01-31", 3, expect=["9387"]),
        P("R15002", 1500001, "2026-01-01", "2026-01-30", 3, expect=["9388"]),
        jan("R15003", 1500001, 3)])], DAG)
    out.append(s)

    s = Scenario("16-tr319-declaratieperiode", "TR319: a ProductPeriode after the DeclaratiePeriode "
                 "is 9319; an earlier month is allowed")
    s.t301(C[0], [hh(WMO, 1600001)])
    s.d323("D16001", "2026-02", [(C[0], [
        jan("R16001", 1600001),
        P("R16002", 1600001, "2026-03-01", "2026-03-31", 3, expect=["9319"])])],
           "2026-04-02")  # sent in April: March is over (a period after Dagtekening is level 2)
    out.append(s)

    s = Scenario("17-tr321-volume", "TR321: more than the allocated volume in one period is 9321 "
                 "(IV077 ISO weeks per week; per month; per day)")
    s.t301(C[0], [hh(WMO, 1700001),
                  toegewezen(WMO, 1700002, "02", "02A01", "2026-01-01", "2026-06-30", 10, "04", "4"),
                  toegewezen(WMO, 1700003, "02", "02A02", "2026-01-01", "2026-06-30", 30, "01", "1")])
    s.d323("D17001", "2026-01", [(C[0], [
        jan("R17001", 1700001, 15),  # 5 ISO weeks x 3
        jan("R17002", 1700002, 11, cat="02", code="02A01", tarief=6500, expect=["9321"]),
        jan("R17003", 1700003, 930, cat="02", code="02A02", eenheid="01", tarief=87,
            bedrag=80600)])], DAG)  # 31 days x 30 minutes; IV081: 5200 x 930 / 60
    s.d323("D17002", "2026-02", [(C[0], [
        P("R17004", 1700001, "2026-02-01", "2026-02-28", 16, expect=["9321"]),  # ISO weeks 5-9: 15
        P("R17005", 1700002, "2026-02-01", "2026-02-28", 10, cat="02", code="02A01", tarief=6500),
        P("R17006", 1700003, "2026-02-01", "2026-02-28", 841, cat="02", code="02A02", eenheid="01",
          tarief=87, bedrag=72887, expect=["9321"])])], "2026-03-03")  # 28 x 30 = 840
    out.append(s)

    s = Scenario("18-tr322-totaal", "TR322: more than allocated over the whole toewijzing is 9322")
    s.t301(C[0], [toegewezen(WMO, 1800001, "02", "02A01", "2026-01-01", "2026-06-30", 20, "04", "6")])
    s.d323("D18001", "2026-01", [(C[0], [jan("R18001", 1800001, 15, cat="02", code="02A01",
                                             tarief=6500)])], DAG)
    s.d323("D18002", "2026-02", [(C[0], [P("R18002", 1800001, "2026-02-01", "2026-02-28", 6,
                                           cat="02", code="02A01", tarief=6500, expect=["9322"])])],
           "2026-03-03")
    s.d323("D18003", "2026-03", [(C[0], [P("R18003", 1800001, "2026-03-01", "2026-03-31", 5,
                                           cat="02", code="02A01", tarief=6500)])], "2026-04-02")
    out.append(s)

    s = Scenario("19-tr369-budget", "TR369: more than the budget is 9369")
    s.t301(C[0], [toegewezen(WMO, 1900001, "03", None, "2026-01-01", "2026-06-30", budget=100000)])
    s.d323("D19001", "2026-01", [(C[0], [jan("R19001", 1900001, 60000, cat="03", code="03A01",
                                             eenheid="83", tarief=None)])], DAG)
    s.d323("D19002", "2026-02", [(C[0], [
        P("R19002", 1900001, "2026-02-01", "2026-02-28", 50000, cat="03", code="03A01",
          eenheid="83", tarief=None, expect=["9369"])])], "2026-03-03")
    s.d323("D19003", "2026-03", [(C[0], [
        P("R19003", 1900001, "2026-03-01", "2026-03-31", 40000, cat="03", code="03A01",
          eenheid="83", tarief=None)])], "2026-04-02")
    out.append(s)

    s = Scenario("20-tr346-bedrag", "TR346: IngediendBedrag must be volume x tarief (IV081 for "
                 "minutes on an hourly tariff, rounded half up)")
    s.t301(C[0], [hh(WMO, 2000001),
                  toegewezen(WMO, 2000002, "02", "02A01", "2026-01-01", "2026-06-30", 10, "04", "4")])
    s.d323("D20001", "2026-01", [(C[0], [
        jan("R20001", 2000001, 10, bedrag=32400, expect=["9346"]),
        jan("R20002", 2000002, 50, cat="02", code="02A01", eenheid="01", tarief=108, bedrag=5417)])],
        DAG)  # IV081: 6500 x 50 / 60 = 5416.67
    s.d323("D20002", "2026-02", [(C[0], [
        P("R20003", 2000002, "2026-02-01", "2026-02-28", 10, cat="02", code="02A01", eenheid="01",
          tarief=108, bedrag=1080, expect=["9346"])])], "2026-03-03")  # 10 x 108, not IV081
    out.append(s)

    s = Scenario("21-tr418-tarief", "TR418: a ProductTarief other than the contract's is 0611")
    s.t301(C[0], [hh(WMO, 2100001)])
    s.d323("D21001", "2026-01", [(C[0], [jan("R21001", 2100001, 6, tarief=3300, expect=["0611"])])],
           DAG)
    s.d323("D21002", "2026-02", [(C[0], [P("R21002", 2100001, "2026-02-01", "2026-02-28", 6)])],
           "2026-03-03")
    out.append(s)

    s = Scenario("22-tr314-referentienummer", "TR314: a ReferentieNummer used before is 8021")
    s.t301(C[0], [hh(WMO, 2200001)])
    s.t301(C[1], [hh(WMO, 2200002)])
    s.d323("D22001", "2026-01", [(C[0], [jan("R22001", 2200001)]),
                                 (C[1], [jan("R22001", 2200002, expect=["8021"])])], DAG)
    s.d323("D22002", "2026-02", [(C[0], [P("R22001", 2200001, "2026-02-01", "2026-02-28", 12,
                                           expect=["8021"])]),
                                 (C[1], [P("R22003", 2200002, "2026-02-01", "2026-02-28", 12)])],
           "2026-03-03")
    out.append(s)

    s = Scenario("23-tr389-creditering", "TR389: declaring an approved period again needs a credit "
                 "first (9389); credits are judged before debits (OP366)")
    s.t301(C[0], [hh(WMO, 2300001)])
    s.d323("D23001", "2026-01", [(C[0], [jan("R23001", 2300001, 10)])], DAG)
    s.d323("D23002", "2026-02", [(C[0], [jan("R23002", 2300001, 12, expect=["9389"])])],
           "2026-03-03")
    s.d323("D23003", "2026-03", [(C[0], [jan("R23003", 2300001, 12),
                                         jan("R23004", 2300001, 10, dc="C", vorig="R23001")])],
           "2026-04-02")
    out.append(s)

    s = Scenario("24-tr323-credit-zonder-debet", "TR323: a credit of a debit that was not "
                 "approved is 8017 (and nothing else, IV085)")
    s.t301(C[0], [hh(WMO, 2400001)])
    s.d323("D24001", "2026-01", [(C[0], [jan("R24001", 2400001, 15), jan("R24002", 2400001, 2,
                                                                          code="01A04",
                                                                          expect=["9340", "0611"])
                                         ])], DAG)
    s.d323("D24002", "2026-02", [(C[0], [
        jan("R24003", 2400001, 2, code="01A04", dc="C", vorig="R24002", expect=["8017"]),
        jan("R24004", 2400001, 15, dc="C", vorig="R24001"),
        jan("R24005", 2400001, 5, dc="C", vorig="R9999999", expect=["8017"])])], "2026-03-03")
    out.append(s)

    s = Scenario("25-tr390-dubbel-gecrediteerd", "TR390: a debit credited before is 9390")
    s.t301(C[0], [hh(WMO, 2500001)])
    s.d323("D25001", "2026-01", [(C[0], [jan("R25001", 2500001, 15)])], DAG)
    s.d323("D25002", "2026-02", [(C[0], [jan("R25002", 2500001, 15, dc="C", vorig="R25001")])],
           "2026-03-03")
    s.d323("D25003", "2026-03", [(C[0], [jan("R25003", 2500001, 15, dc="C", vorig="R25001",
                                             expect=["9390"])])], "2026-04-02")
    out.append(s)

    s = Scenario("26-level2-0001", "a level-2 failure (TR358: totals) gets a header-only 325 "
                 "with 0001; the corrected 323 is judged")
    s.t301(C[0], [hh(WMO, 2600001)])
    s.d323("D26001", "2026-01", [(C[0], [jan("R26001", 2600001)])], DAG)
    name, text = s.files[-1]
    s.files[-1] = (name, text.replace("<iwmo:TotaalBedrag>39000<", "<iwmo:TotaalBedrag>39001<"))
    s.expected[-1].update({"header_codes": ["0001"], "prestaties": {}, "client_codes": {}})
    s.d323("D26001", "2026-01", [(C[0], [jan("R26001", 2600001)])], DAG, ident="D26001B")
    out.append(s)

    s = Scenario("27-jeugd", "iJw: the same judge for the Jeugdwet (a 323 from a jeugdhulp "
                 "aanbieder, approved and rejected)", dom=JEUGD)
    s.t301(C[2], [toegewezen(JEUGD, 2700001, "45", "45A48", "2026-01-01", "2026-06-30", 8, "04",
                             "4")], agb=AGB_JEUGD)
    s.d323("D27001", "2026-01", [(C[2], [jan("R27001", 2700001, 8, cat="45", code="45A48",
                                             tarief=9000)])], DAG, agb=AGB_JEUGD)
    s.d323("D27002", "2026-02", [(C[2], [P("R27002", 2700001, "2026-02-01", "2026-02-28", 9,
                                           cat="45", code="45A48", tarief=9000, expect=["9321"])])],
           "2026-03-03", agb=AGB_JEUGD)
    out.append(s)

    s = Scenario("28-aspecifiek-generiek", "OP302/OP365/OP267: an aspecifieke toewijzing accepts "
                 "any code of its category, a generieke (budget) any product in the contract")
    s.t301(C[0], [toegewezen(WMO, 2800001, "02", None, "2026-01-01", "2026-06-30", 20, "04", "4")])
    # A generieke toewijzing stacks with every product (TR302): its own client.
    s.t301(C[1], [toegewezen(WMO, 2800002, None, None, "2026-01-01", "2026-06-30", budget=200000)])
    s.d323("D28001", "2026-01", [(C[0], [
        jan("R28001", 2800001, 10, cat="02", code="02A01", tarief=6500),
        jan("R28002", 2800001, 10, cat="02", code="02A02", eenheid="16", tarief=4800,
            expect=["9341", "0611"])]),
        (C[1], [jan("R28003", 2800002, 10, cat="02", code="02A01", tarief=6500)])], DAG)
    s.d323("D28002", "2026-02", [(C[1], [
        P("R28004", 2800002, "2026-02-01", "2026-02-28", 10, cat="02", code="02A01", eenheid="14",
          tarief=6500, expect=["9341", "0611"])])], "2026-03-03")
    out.append(s)

    return out


def reference():
    d = os.path.join(HERE, "reference")
    os.makedirs(d, exist_ok=True)
    files = {
        "gemeenten.csv": [
            "gemeentecode,naam,ingangsdatum,einddatum",
            "0363,Amsterdam,1900-01-01,",
            "0384,Diemen,1900-01-01,",
            "0457,Weesp,1900-01-01,2022-03-23",
        ],
        "aanbieders.csv": [
            "agb,naam,iban",
            "42420001,Thuiszorg De Linde,NL91ABNA0417164300",
            "42420002,Zorggroep Noord,NL93RABO0987654321",
            "65656055,Zorgaanbieder Voorbeeld,NL44RABO0123456789",
            "87870001,Jeugdhulp Amstel,NL69INGB0123456789",
        ],
        "productcodes.csv": [
            "domein,productcategorie,productcode,omschrijving",
            "wmo,01,01A01,Huishoudelijke ondersteuning licht",
            "wmo,01,01A03,Huishoudelijke ondersteuning",
            "wmo,01,01A04,Huishoudelijke ondersteuning plus",
            "wmo,02,02A01,Begeleiding individueel",
            "wmo,02,02A02,Begeleiding groep",
            "wmo,03,03A01,Kortdurend verblijf",
            "jeugd,45,45A48,Jeugdhulp ambulant",
        ],
        "tarieven.csv": [
            "agb,domein,productcategorie,productcode,eenheid,tarief_cent,ingangsdatum,einddatum",
            "42420001,wmo,01,01A03,04,3250,2025-01-01,",
            "42420001,wmo,01,01A01,04,2900,2025-01-01,",
            "42420001,wmo,02,02A01,04,6500,2025-01-01,",
            "42420001,wmo,02,02A02,04,5200,2025-01-01,",
            "42420001,wmo,02,02A02,14,12000,2025-01-01,",
            "87870001,jeugd,45,45A48,04,9000,2025-01-01,",
        ],
    }
    for name, lines in files.items():
        with open(os.path.join(d, name), "w") as f:
            f.write("\n".join(lines) + "\n")


def main():
    for entry in os.listdir(HERE):
        if entry[:2].isdigit() and os.path.isdir(os.path.join(HERE, entry)):
            shutil.rmtree(os.path.join(HERE, entry))
    reference()
    for s in scenarios():
        s.write()


if __name__ == "__main__":
    main()
