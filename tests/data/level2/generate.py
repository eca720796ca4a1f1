#!/usr/bin/env python3
"""Writes the level-2 rule fixtures: for every rule a directory <message>-<rule>/ with
pass.xml (no level-2 violation at all), fail.xml (exactly that rule) and expect (the rule, the
location of its first violation, and whether the failing file is still XSD-valid).

A developer tool: its output is committed and the tests read the files, not this script.
All persons and providers are fictitious (test BSNs 9999xxxxx pass the 11-proef).
Run: python3 tests/data/level2/generate.py
"""
import datetime
import os

HERE = os.path.dirname(os.path.abspath(__file__))
BASIS = "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"


def ns(msg):
    return f"http://www.istandaarden.nl/iwmo/3_2/wmo{msg}/schema"


def header(m, code, afz, ont, ident, dag):
    return (f"<{m}:Header><{m}:BerichtCode>{code}</{m}:BerichtCode>"
            f"<{m}:BerichtVersie>3</{m}:BerichtVersie><{m}:BerichtSubversie>2</{m}:BerichtSubversie>"
            f"<{m}:Afzender>{afz}</{m}:Afzender><{m}:Ontvanger>{ont}</{m}:Ontvanger>"
            f"<{m}:BerichtIdentificatie><iwmo:Identificatie>{ident}</iwmo:Identificatie>"
            f"<iwmo:Dagtekening>{dag}</iwmo:Dagtekening></{m}:BerichtIdentificatie>"
            f"<{m}:XsdVersie><iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie>"
            f"<iwmo:BerichtXsdVersie>1.0.0</iwmo:BerichtXsdVersie></{m}:XsdVersie></{m}:Header>")


def root(msg, body):
    m = f"wmo{msg}"
    text = (f'<?xml version="1.0" encoding="UTF-8"?>\n<{m}:Bericht xmlns:iwmo="{BASIS}" '
            f'xmlns:{m}="{ns(msg)}">{body}</{m}:Bericht>\n')
    return text.replace("\n", "\r\n")


# --- 323 ---

def prestatie(ref, toew, code, begin, end, volume, bedrag, dc="D", eenheid="04", tarief=3250,
              vorig=None, cat="01"):
    m = "wmo323"
    vorig_xml = f"<iwmo:VorigReferentieNummer>{vorig}</iwmo:VorigReferentieNummer>" if vorig else ""
    tarief_xml = f"<{m}:ProductTarief>{tarief}</{m}:ProductTarief>" if tarief is not None else ""
    return (f"<{m}:Prestatie><{m}:ProductReferentie><iwmo:ReferentieNummer>{ref}"
            f"</iwmo:ReferentieNummer>{vorig_xml}</{m}:ProductReferentie>"
            f"<{m}:ToewijzingNummer>{toew}</{m}:ToewijzingNummer>"
            f"<{m}:ProductCategorie>{cat}</{m}:ProductCategorie><{m}:ProductCode>{code}</{m}:ProductCode>"
            f"<{m}:ProductPeriode><iwmo:Begindatum>{begin}</iwmo:Begindatum>"
            f"<iwmo:Einddatum>{end}</iwmo:Einddatum></{m}:ProductPeriode>"
            f"<{m}:GeleverdVolume>{volume}</{m}:GeleverdVolume><{m}:Eenheid>{eenheid}</{m}:Eenheid>"
            f"{tarief_xml}<{m}:IngediendBedrag><iwmo:Bedrag>{bedrag}</iwmo:Bedrag>"
            f"<iwmo:DebetCredit>{dc}</iwmo:DebetCredit></{m}:IngediendBedrag></{m}:Prestatie>")


def client323(bsn, prestaties):
    m = "wmo323"
    return (f"<{m}:Client><{m}:Bsn>{bsn}</{m}:Bsn><{m}:Prestaties>{''.join(prestaties)}"
            f"</{m}:Prestaties></{m}:Client>")


def p1(**kw):
    a = dict(ref="P2026000101", toew=100234, code="01A03", begin="2026-01-05", end="2026-01-31",
             volume=12, bedrag=39000)
    a.update(kw)
    return prestatie(**a)


def p2(**kw):
    a = dict(ref="P2026000102", toew=100240, code="01A03", begin="2026-01-01", end="2026-01-31",
             volume=15, bedrag=48750)
    a.update(kw)
    return prestatie(**a)


def msg323(clients=None, totaal=None, dc="D", dag="2026-02-03", decl_dag=None,
           periode=("2026-01-01", "2026-01-31"), nummer="D202602001"):
    m = "wmo323"
    if clients is None:
        clients = [client323("999990019", [p1()]), client323("999900006", [p2()])]
    if totaal is None:
        totaal = 87750
    body = header(m, 484, "42420001", "0363", "DCL260203A", dag)
    body += (f"<{m}:Declaratie><{m}:DeclaratieNummer>{nummer}</{m}:DeclaratieNummer>"
             f"<{m}:DeclaratiePeriode><iwmo:Begindatum>{periode[0]}</iwmo:Begindatum>"
             f"<iwmo:Einddatum>{periode[1]}</iwmo:Einddatum></{m}:DeclaratiePeriode>"
             f"<{m}:DeclaratieDagtekening>{decl_dag or dag}</{m}:DeclaratieDagtekening>"
             f"<{m}:TotaalIngediendBedrag><iwmo:TotaalBedrag>{totaal}</iwmo:TotaalBedrag>"
             f"<iwmo:DebetCredit>{dc}</iwmo:DebetCredit></{m}:TotaalIngediendBedrag>"
             f"<{m}:Clienten>{''.join(clients)}</{m}:Clienten></{m}:Declaratie>")
    return root(323, body)


CL = "/Bericht/Declaratie/Clienten/Client"
P11 = CL + "[1]/Prestaties/Prestatie[1]"
P21 = CL + "[2]/Prestaties/Prestatie[1]"


def credit(ref, vorig, bedrag=5000, volume=None, toew=100240):
    vol = volume if volume is not None else bedrag // 3250 if bedrag % 3250 == 0 else 1
    return prestatie(ref, toew, "01A03", "2026-01-01", "2026-01-31", vol, bedrag, dc="C",
                     vorig=vorig)


CASES = {}


def case(name, passing, failing, rule, location, xsd_valid=True):
    CASES[name] = (passing, failing, rule, location, xsd_valid)


base323 = msg323()
case("323-CS002", base323, msg323(clients=[client323("999990018", [p1()]),
                                           client323("999900006", [p2()])]),
     "CS002", CL + "[1]/Bsn")
case("323-CS319", base323, msg323(nummer="D-2026"), "CS319",
     "/Bericht/Declaratie/DeclaratieNummer", xsd_valid=False)
case("323-CS340", base323, msg323(periode=("2026-01-01", "2026-01-30"),
                                  clients=[client323("999990019", [p1(end="2026-01-30")]),
                                           client323("999900006", [p2(end="2026-01-30")])]),
     "CS340", "/Bericht/Declaratie/DeclaratiePeriode")
old = dict(begin="2020-12-01", end="2020-12-31")
case("323-CS100", base323,
     msg323(dag="2021-01-15", periode=("2020-12-01", "2020-12-31"),
            clients=[client323("999990019", [p1(**old)]), client323("999900006", [p2(**old)])]),
     "CS100", "/Bericht/Declaratie/DeclaratiePeriode/Begindatum")
case("323-CS337", base323, msg323(clients=[client323("999990019", [p1(end="2026-02-02")]),
                                           client323("999900006", [p2()])]),
     "CS337", P11 + "/ProductPeriode/Einddatum")
case("323-TR134", base323, msg323(decl_dag="2026-02-04"), "TR134",
     "/Bericht/Declaratie/DeclaratieDagtekening")
case("323-TR137", base323, msg323(clients=[client323("999990019", [p1(begin="2026-01-31",
                                                                       end="2026-01-05")]),
                                           client323("999900006", [p2()])]),
     "TR137", P11 + "/ProductPeriode/Einddatum")
case("323-TR335", base323, msg323(clients=[client323("999990019", [p1(begin="2021-01-01",
                                                                       end="2021-01-31")]),
                                           client323("999900006", [p2()])]),
     "TR335", P11 + "/ProductPeriode/Einddatum")
case("323-CD087", base323, msg323(clients=[client323("999990019", [p1(tarief=None)]),
                                           client323("999900006", [p2()])]),
     "CD087", P11 + "/ProductTarief")
euro_ok = p1(eenheid="83", tarief=None, volume=39000, bedrag=39000)
euro_bad = p1(eenheid="83", tarief=None, volume=39001, bedrag=39000)
case("323-CS339", msg323(clients=[client323("999990019", [euro_ok]),
                                  client323("999900006", [p2()])]),
     msg323(clients=[client323("999990019", [euro_bad]), client323("999900006", [p2()])]),
     "CS339", P11 + "/IngediendBedrag/Bedrag")
with_credit = lambda c: msg323(clients=[client323("999990019", [p1()]),
                                        client323("999900006", [p2(), c])], totaal=82750)
case("323-CD060", with_credit(credit("P2026000103", "P2025000077")),
     with_credit(credit("P2026000103", None)), "CD060",
     CL + "[2]/Prestaties/Prestatie[2]/ProductReferentie/VorigReferentieNummer")
zero_credit = prestatie("P2026000103", 100240, "01A03", "2026-01-01", "2026-01-31", 0, 0,
                        dc="C", vorig="P2025000077")
case("323-CS325", msg323(clients=[client323("999990019", [p1()]),
                                  client323("999900006", [p2(), prestatie(
                                      "P2026000103", 100241, "01A03", "2026-01-01",
                                      "2026-01-31", 0, 0)])]),
     msg323(clients=[client323("999990019", [p1()]), client323("999900006", [p2(), zero_credit])]),
     "CS325", CL + "[2]/Prestaties/Prestatie[2]/IngediendBedrag/DebetCredit")
case("323-TR358", base323, msg323(totaal=87751), "TR358",
     "/Bericht/Declaratie/TotaalIngediendBedrag")
two_credits = lambda v1, v2: msg323(
    clients=[client323("999990019", [p1()]),
             client323("999900006", [p2(), credit("P2026000103", v1), credit("P2026000104", v2)])],
    totaal=77750)
case("323-TR315", two_credits("P2025000077", "P2025000078"),
     two_credits("P2025000077", "P2025000077"), "TR315",
     CL + "[2]/Prestaties/Prestatie[3]/ProductReferentie/VorigReferentieNummer")
case("323-TR316", with_credit(credit("P2026000103", "P2025000077")),
     with_credit(credit("P2026000103", "P2026000101")), "TR316",
     CL + "[2]/Prestaties/Prestatie[2]/ProductReferentie/VorigReferentieNummer")
case("323-TR416",
     msg323(clients=[client323("999990019", [p1(), p1(ref="P2026000199", toew=100235)]),
                     client323("999900006", [p2()])], totaal=126750),
     msg323(clients=[client323("999990019", [p1(), p1(ref="P2026000199")]),
                     client323("999900006", [p2()])], totaal=126750),
     "TR416", CL + "[1]/Prestaties/Prestatie[2]")
case("323-TR101",
     msg323(clients=[client323("999990019", [p1(), p1(ref="P2026000199", toew=100235)]),
                     client323("999900006", [p2()])], totaal=126750),
     msg323(clients=[client323("999990019", [p1(), p1(toew=100235)]),
                     client323("999900006", [p2()])], totaal=126750),
     "TR101", CL + "[1]/Prestaties/Prestatie[2]/ProductReferentie/ReferentieNummer")


# --- 325 ---

def rejected325(prestatie323, code="9321"):
    m = "wmo325"
    return prestatie323.replace("wmo323", m).replace(
        f"</{m}:Prestatie>",
        f"<{m}:RetourCodes><{m}:RetourCode>{code}</{m}:RetourCode></{m}:RetourCodes></{m}:Prestatie>")


def msg325(toegekend=39000, bsn="999900006", extra=()):
    m = "wmo325"
    body = header(m, 485, "0363", "42420001", "DA2602050001", "2026-02-05").replace(
        f"</{m}:Header>",
        f"<{m}:DeclaratieIdentificatie><iwmo:Identificatie>DCL260203A</iwmo:Identificatie>"
        f"<iwmo:Dagtekening>2026-02-03</iwmo:Dagtekening></{m}:DeclaratieIdentificatie>"
        f"<{m}:XsdVersieDeclaratie><iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie>"
        f"<iwmo:BerichtXsdVersie>1.0.0</iwmo:BerichtXsdVersie></{m}:XsdVersieDeclaratie>"
        f"<{m}:RetourCodes><{m}:RetourCode>0200</{m}:RetourCode></{m}:RetourCodes></{m}:Header>")
    rejected = rejected325(p2()) + "".join(rejected325(p) for p in extra)
    body += (f"<{m}:DeclaratieAntwoord><{m}:DeclaratieNummer>D202602001</{m}:DeclaratieNummer>"
             f"<{m}:TotaalIngediendBedrag><iwmo:TotaalBedrag>87750</iwmo:TotaalBedrag>"
             f"<iwmo:DebetCredit>D</iwmo:DebetCredit></{m}:TotaalIngediendBedrag>"
             f"<{m}:TotaalToegekendBedrag><iwmo:TotaalBedrag>{toegekend}</iwmo:TotaalBedrag>"
             f"<iwmo:DebetCredit>D</iwmo:DebetCredit></{m}:TotaalToegekendBedrag>"
             f"<{m}:Clienten><{m}:Client><{m}:Bsn>{bsn}</{m}:Bsn><{m}:Prestaties>{rejected}"
             f"</{m}:Prestaties><{m}:RetourCodes><{m}:RetourCode>0200</{m}:RetourCode>"
             f"</{m}:RetourCodes></{m}:Client></{m}:Clienten>"
             f"<{m}:RetourCodes><{m}:RetourCode>0200</{m}:RetourCode></{m}:RetourCodes>"
             f"</{m}:DeclaratieAntwoord>")
    return root(325, body)


case("325-TR342", msg325(), msg325(toegekend=40000), "TR342",
     "/Bericht/DeclaratieAntwoord/TotaalToegekendBedrag")
DA = "/Bericht/DeclaratieAntwoord"
case("325-CS002", msg325(), msg325(bsn="999990018"), "CS002", DA + "/Clienten/Client[1]/Bsn")
# A rejected prestatie of 0 leaves TR342's sum alone; as a credit it breaks CS325.
zero_debit = prestatie("P2026000103", 100241, "01A03", "2026-01-01", "2026-01-31", 0, 0)
case("325-CS325", msg325(extra=[zero_debit]), msg325(extra=[zero_credit]), "CS325",
     DA + "/Clienten/Client[1]/Prestaties/Prestatie[2]/IngediendBedrag/DebetCredit")
case("325-TR101", msg325(extra=[zero_debit]),
     msg325(extra=[prestatie("P2026000102", 100241, "01A03", "2026-01-01", "2026-01-31", 0, 0)]),
     "TR101", DA + "/Clienten/Client[1]/Prestaties/Prestatie[2]/ProductReferentie/ReferentieNummer")


# --- 301 ---

def name_xml(m="iwmo"):
    return (f"<{m}:Naam><iwmo:Geslachtsnaam><iwmo:Achternaam>Jansen</iwmo:Achternaam>"
            f"</iwmo:Geslachtsnaam><iwmo:Voorletters>AM</iwmo:Voorletters>"
            f"<iwmo:NaamGebruik>1</iwmo:NaamGebruik></{m}:Naam>")


def contact301(soort="01", huis=True, postcode=True, telefoon=False):
    m = "wmo301"
    huis_xml = "<iwmo:Huis><iwmo:Huisnummer>12</iwmo:Huisnummer></iwmo:Huis>" if huis else ""
    pc = "<iwmo:Postcode>1011AB</iwmo:Postcode>" if postcode else ""
    tel = ("<{m}:Telefoon><iwmo:Telefoon01><iwmo:Telefoonnummer>0201234567</iwmo:Telefoonnummer>"
           "<iwmo:Landnummer>0031</iwmo:Landnummer></iwmo:Telefoon01></{m}:Telefoon>"
           .format(m=m)) if telefoon else ""
    adres = (f"<{m}:Adres>{huis_xml}{pc}<iwmo:Straatnaam>Voorbeeldstraat</iwmo:Straatnaam>"
             f"<iwmo:Plaatsnaam>Amsterdam</iwmo:Plaatsnaam><iwmo:LandCode>NL</iwmo:LandCode>"
             f"</{m}:Adres>") if (huis or postcode or soort != "04") else ""
    return f"<{m}:Contact><{m}:Soort>{soort}</{m}:Soort>{adres}{tel}</{m}:Contact>"


def tp(nummer=100234, cat="01", code="01A03", tdatum="2025-12-15", ingang="2026-01-05",
       eind="2026-06-30", reden=None, omvang=("3", "04", "2"), budget=None):
    m = "wmo301"
    prod = ""
    if cat:
        prod = f"<{m}:Product><iwmo:Categorie>{cat}</iwmo:Categorie>"
        prod += f"<iwmo:Code>{code}</iwmo:Code>" if code else ""
        prod += f"</{m}:Product>"
    x = (f"<{m}:ToegewezenProduct><{m}:ToewijzingNummer>{nummer}</{m}:ToewijzingNummer>{prod}"
         f"<{m}:Toewijzingsdatum>{tdatum}</{m}:Toewijzingsdatum>"
         f"<{m}:Toewijzingstijd>10:15:00</{m}:Toewijzingstijd>"
         f"<{m}:Ingangsdatum>{ingang}</{m}:Ingangsdatum>")
    x += f"<{m}:Einddatum>{eind}</{m}:Einddatum>" if eind else ""
    x += f"<{m}:RedenWijziging>{reden}</{m}:RedenWijziging>" if reden else ""
    if omvang:
        x += (f"<{m}:Omvang><iwmo:Volume>{omvang[0]}</iwmo:Volume><iwmo:Eenheid>{omvang[1]}"
              f"</iwmo:Eenheid><iwmo:Frequentie>{omvang[2]}</iwmo:Frequentie></{m}:Omvang>")
    x += f"<{m}:Budget>{budget}</{m}:Budget>" if budget is not None else ""
    return x + f"</{m}:ToegewezenProduct>"


def msg301(bsn="999990019", geboorte="1948-03-12", datum_gebruik=None, contacts=None,
           producten=None, dag="2025-12-15"):
    m = "wmo301"
    gebruik = f"<iwmo:DatumGebruik>{datum_gebruik}</iwmo:DatumGebruik>" if datum_gebruik else ""
    body = header(m, 414, "0363", "42420001", "T2512150001", dag)
    body += (f"<{m}:Client><{m}:Bsn>{bsn}</{m}:Bsn><{m}:Geboortedatum><iwmo:Datum>{geboorte}"
             f"</iwmo:Datum>{gebruik}</{m}:Geboortedatum><{m}:Geslacht>2</{m}:Geslacht>"
             f"{name_xml(m)}<{m}:Contactgegevens>{''.join(contacts or [contact301()])}"
             f"</{m}:Contactgegevens><{m}:ToegewezenProducten>"
             f"{''.join(producten or [tp()])}</{m}:ToegewezenProducten></{m}:Client>")
    return root(301, body)


C301 = "/Bericht/Client"
TP1 = C301 + "/ToegewezenProducten/ToegewezenProduct[1]"
TP2 = C301 + "/ToegewezenProducten/ToegewezenProduct[2]"
base301 = msg301()
case("301-CS002", base301, msg301(bsn="999990018"), "CS002", C301 + "/Bsn")
case("301-TR002", msg301(geboorte="1900-01-01", datum_gebruik="3"), msg301(geboorte="1900-01-02"),
     "TR002", C301 + "/Geboortedatum/Datum")
case("301-TR006", base301, msg301(contacts=[contact301(huis=False)]), "TR006",
     C301 + "/Contactgegevens/Contact[1]")
case("301-TR061", msg301(contacts=[contact301(soort="04", huis=False, postcode=False,
                                              telefoon=True), contact301()]),
     msg301(contacts=[contact301(soort="04", huis=False, postcode=False, telefoon=True)]),
     "TR061", C301 + "/Contactgegevens")
case("301-TR101", msg301(producten=[tp(), tp(nummer=100235, code="01A04")]),
     msg301(producten=[tp(), tp(code="01A04")]), "TR101", TP2 + "/ToewijzingNummer")
case("301-TR134", base301, msg301(producten=[tp(tdatum="2025-12-16")]), "TR134",
     TP1 + "/Toewijzingsdatum")
case("301-TR302", msg301(producten=[tp(), tp(nummer=100235, ingang="2026-07-01",
                                              eind="2026-12-31")]),
     msg301(producten=[tp(), tp(nummer=100235, ingang="2026-06-01", eind="2026-12-31")]),
     "TR302", TP2)
case("301-CD041", base301, msg301(producten=[tp(omvang=None)]), "CD041", TP1 + "/Omvang")
case("301-CD075", msg301(producten=[tp(code=None, omvang=None, budget=150000)]),
     msg301(producten=[tp(code=None, omvang=None, budget=150000, eind=None)]), "CD075",
     TP1 + "/Einddatum")
case("301-CD076", msg301(producten=[tp(omvang=("10", "01", "1"), eind=None)]),
     msg301(producten=[tp(eind=None)]), "CD076", TP1 + "/Einddatum")
case("301-CD077", msg301(producten=[tp(code=None, omvang=None, budget=150000)]),
     msg301(producten=[tp(code=None, budget=150000)]), "CD077", TP1 + "/Budget")
case("301-CD079", base301, msg301(producten=[tp(cat=None)]), "CD079", TP1 + "/Product")
case("301-CS335", msg301(producten=[tp(eind="2026-01-05", reden="13")]),
     msg301(producten=[tp(reden="13")]), "CS335", TP1 + "/RedenWijziging")
case("301-CS336", msg301(producten=[tp(reden="14")]), msg301(producten=[tp(reden="01")]),
     "CS336", TP1 + "/RedenWijziging")
case("301-CS338", msg301(producten=[tp(omvang=("2", "14", "2"))]),
     msg301(producten=[tp(omvang=("2", "14", "1"))]), "CS338", TP1 + "/Omvang/Frequentie")


# --- 305 / 307 ---

def regie(msg, producten, bsn="999990019", geboorte="1948-03-12", dag="2026-04-02"):
    m = f"wmo{msg}"
    wrapper = "StartProducten" if msg == 305 else "StopProducten"
    body = header(m, 418 if msg == 305 else 420, "42420001", "0363", f"S{msg}0001", dag)
    body += (f"<{m}:Client><{m}:Bsn>{bsn}</{m}:Bsn><{m}:Geboortedatum><iwmo:Datum>{geboorte}"
             f"</iwmo:Datum></{m}:Geboortedatum><{m}:Geslacht>2</{m}:Geslacht>"
             f"<{m}:Naam><iwmo:Geslachtsnaam><iwmo:Achternaam>Jansen</iwmo:Achternaam>"
             f"</iwmo:Geslachtsnaam><iwmo:Voorletters>AM</iwmo:Voorletters></{m}:Naam>"
             f"<{m}:{wrapper}>{''.join(producten)}</{m}:{wrapper}></{m}:Client>")
    return root(msg, body)


def start(nummer=100234, begin="2026-01-05", status="1"):
    m = "wmo305"
    return (f"<{m}:StartProduct><{m}:ToewijzingNummer>{nummer}</{m}:ToewijzingNummer>"
            f"<{m}:Product><iwmo:Categorie>01</iwmo:Categorie><iwmo:Code>01A03</iwmo:Code>"
            f"</{m}:Product><{m}:ToewijzingIngangsdatum>2026-01-05</{m}:ToewijzingIngangsdatum>"
            f"<{m}:Begindatum>{begin}</{m}:Begindatum>"
            f"<{m}:StatusAanlevering>{status}</{m}:StatusAanlevering></{m}:StartProduct>")


def stop(nummer=100234, begin="2026-01-05", eind="2026-03-31", status="1"):
    m = "wmo307"
    return (f"<{m}:StopProduct><{m}:ToewijzingNummer>{nummer}</{m}:ToewijzingNummer>"
            f"<{m}:Product><iwmo:Categorie>01</iwmo:Categorie><iwmo:Code>01A03</iwmo:Code>"
            f"</{m}:Product><{m}:ToewijzingIngangsdatum>2026-01-05</{m}:ToewijzingIngangsdatum>"
            f"<{m}:Begindatum>{begin}</{m}:Begindatum>"
            f"<{m}:RedenBeeindiging>19</{m}:RedenBeeindiging><{m}:Einddatum>{eind}</{m}:Einddatum>"
            f"<{m}:StatusAanlevering>{status}</{m}:StatusAanlevering></{m}:StopProduct>")


SP1 = "/Bericht/Client/StartProducten/StartProduct[1]"
ST1 = "/Bericht/Client/StopProducten/StopProduct[1]"
case("305-CS002", regie(305, [start()]), regie(305, [start()], bsn="999990018"), "CS002",
     "/Bericht/Client/Bsn")
case("305-TR002", regie(305, [start()]), regie(305, [start()], geboorte="1906-04-01"), "TR002",
     "/Bericht/Client/Geboortedatum/Datum")
case("305-TR101", regie(305, [start(), start(nummer=100240)]), regie(305, [start(), start()]),
     "TR101", "/Bericht/Client/StartProducten/StartProduct[2]")
case("305-TR134", regie(305, [start()]), regie(305, [start(begin="2026-04-03")]), "TR134",
     SP1 + "/Begindatum")
case("305-OP033x2", regie(305, [start(status="3")]), regie(305, [start(status="2")]), "OP033x2",
     SP1 + "/StatusAanlevering")
case("307-CS002", regie(307, [stop()]), regie(307, [stop()], bsn="999990018"), "CS002",
     "/Bericht/Client/Bsn")
case("307-TR134", regie(307, [stop()]), regie(307, [stop(begin="2026-04-03", eind="2026-04-30")]),
     "TR134", ST1 + "/Begindatum")
case("307-TR018", regie(307, [stop()]), regie(307, [stop(eind="2026-01-04")]), "TR018",
     ST1 + "/Einddatum")
case("307-TR101", regie(307, [stop(), stop(nummer=100240)]), regie(307, [stop(), stop()]),
     "TR101", "/Bericht/Client/StopProducten/StopProduct[2]")
case("307-OP033x2", regie(307, [stop()]), regie(307, [stop(status="2")]), "OP033x2",
     ST1 + "/StatusAanlevering")
case("307-TR002", regie(307, [stop()]), regie(307, [stop()], geboorte="1906-04-01"), "TR002",
     "/Bericht/Client/Geboortedatum/Datum")


# --- 315 ---

def aangevraagd(ref="VOT-001", code="01A03", ingang="2026-02-01", eind="2026-06-30"):
    m = "wmo315"
    return (f"<{m}:AangevraagdProduct><{m}:ReferentieAanbieder>{ref}</{m}:ReferentieAanbieder>"
            f"<{m}:Product><iwmo:Categorie>01</iwmo:Categorie><iwmo:Code>{code}</iwmo:Code>"
            f"</{m}:Product><{m}:ToewijzingIngangsdatum>{ingang}</{m}:ToewijzingIngangsdatum>"
            f"<{m}:ToewijzingEinddatum>{eind}</{m}:ToewijzingEinddatum>"
            f"<{m}:Omvang><iwmo:Volume>3</iwmo:Volume><iwmo:Eenheid>04</iwmo:Eenheid>"
            f"<iwmo:Frequentie>2</iwmo:Frequentie></{m}:Omvang>"
            f"<{m}:Verwijzer><iwmo:Type>01</iwmo:Type></{m}:Verwijzer></{m}:AangevraagdProduct>")


def msg315(producten, bsn="999990019", dag="2026-01-20"):
    m = "wmo315"
    body = header(m, 444, "42420001", "0363", "VOT260120001", dag)
    body += (f"<{m}:Client><{m}:Bsn>{bsn}</{m}:Bsn><{m}:Geboortedatum><iwmo:Datum>1948-03-12"
             f"</iwmo:Datum></{m}:Geboortedatum><{m}:Geslacht>2</{m}:Geslacht>"
             f"<{m}:Naam><iwmo:Geslachtsnaam><iwmo:Achternaam>Jansen</iwmo:Achternaam>"
             f"</iwmo:Geslachtsnaam><iwmo:Voorletters>AM</iwmo:Voorletters></{m}:Naam>"
             f"<{m}:AangevraagdeProducten>{''.join(producten)}</{m}:AangevraagdeProducten>"
             f"</{m}:Client>")
    return root(315, body)


AP2 = "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[2]"
case("315-TR383", msg315([aangevraagd(), aangevraagd(ref="VOT-002", code="01A04")]),
     msg315([aangevraagd(), aangevraagd(code="01A04")]), "TR383", AP2 + "/ReferentieAanbieder")
case("315-TR386", msg315([aangevraagd(), aangevraagd(ref="VOT-002", ingang="2026-07-01",
                                                     eind="2026-12-31")]),
     msg315([aangevraagd(), aangevraagd(ref="VOT-002", ingang="2026-06-01", eind="2026-12-31")]),
     "TR386", AP2)
case("315-TR002", msg315([aangevraagd()]),
     msg315([aangevraagd()]).replace("1948-03-12", "1905-12-31"), "TR002",
     "/Bericht/Client/Geboortedatum/Datum")
case("315-CS002", msg315([aangevraagd()]), msg315([aangevraagd()], bsn="999990018"), "CS002",
     "/Bericht/Client/Bsn")
case("315-TR134", msg315([aangevraagd()]),
     msg315([aangevraagd()]).replace("1948-03-12", "2026-01-21"), "TR134",
     "/Bericht/Client/Geboortedatum/Datum")


# --- 317 ---

def msg317(ongewijzigd=(100234,), te_wijzigen=(("100240", "2026-03-01", "2026-06-30"),),
           nieuw=(), dag="2026-02-10", bsn="999990019"):
    m = "wmo317"
    v = (f"<{m}:Verzoek><{m}:ReferentieAanbieder>VOW-001</{m}:ReferentieAanbieder>"
         f"<{m}:RedenVerzoek>1</{m}:RedenVerzoek>")
    if ongewijzigd:
        v += f"<{m}:OngewijzigdeProducten>" + "".join(
            f"<{m}:OngewijzigdProduct><{m}:ToewijzingNummer>{n}</{m}:ToewijzingNummer>"
            f"</{m}:OngewijzigdProduct>" for n in ongewijzigd) + f"</{m}:OngewijzigdeProducten>"
    if te_wijzigen:
        v += f"<{m}:TeWijzigenProducten>" + "".join(
            f"<{m}:TeWijzigenProduct><{m}:ToewijzingNummer>{n}</{m}:ToewijzingNummer>"
            f"<{m}:GewensteIngangsdatum>{g}</{m}:GewensteIngangsdatum>"
            f"<{m}:Einddatum>{e}</{m}:Einddatum><{m}:Omvang><iwmo:Volume>4</iwmo:Volume>"
            f"<iwmo:Eenheid>04</iwmo:Eenheid><iwmo:Frequentie>2</iwmo:Frequentie></{m}:Omvang>"
            f"</{m}:TeWijzigenProduct>" for n, g, e in te_wijzigen) + f"</{m}:TeWijzigenProducten>"
    if nieuw:
        v += f"<{m}:NieuweProducten>" + "".join(
            f"<{m}:NieuwProduct><{m}:Product><iwmo:Categorie>02</iwmo:Categorie>"
            f"<iwmo:Code>{c}</iwmo:Code></{m}:Product>"
            f"<{m}:GewensteIngangsdatum>{g}</{m}:GewensteIngangsdatum>"
            f"<{m}:Einddatum>{e}</{m}:Einddatum><{m}:Omvang><iwmo:Volume>2</iwmo:Volume>"
            f"<iwmo:Eenheid>04</iwmo:Eenheid><iwmo:Frequentie>2</iwmo:Frequentie></{m}:Omvang>"
            f"</{m}:NieuwProduct>" for c, g, e in nieuw) + f"</{m}:NieuweProducten>"
    v += f"</{m}:Verzoek>"
    body = header(m, 480, "42420001", "0363", "VOW260210001", dag)
    body += f"<{m}:Client><{m}:Bsn>{bsn}</{m}:Bsn>{v}</{m}:Client>"
    return root(317, body)


VZ = "/Bericht/Client/Verzoek"
base317 = msg317()
case("317-TR352", base317, msg317(ongewijzigd=(), te_wijzigen=(),
                                  nieuw=(("02A01", "2026-03-01", "2026-06-30"),)), "TR352", VZ)
case("317-TR353", base317, msg317(te_wijzigen=()), "TR353", VZ)
case("317-TR380", base317, msg317(te_wijzigen=(("100240", "2026-03-01", "2026-02-10"),)),
     "TR380", VZ + "/TeWijzigenProducten/TeWijzigenProduct[1]/Einddatum")
case("317-TR410",
     msg317(nieuw=(("02A01", "2026-03-01", "2026-06-30"), ("02A01", "2026-07-01", "2026-12-31"))),
     msg317(nieuw=(("02A01", "2026-03-01", "2026-06-30"), ("02A01", "2026-06-01", "2026-12-31"))),
     "TR410", VZ + "/NieuweProducten/NieuwProduct[2]")
case("317-TR101", base317, msg317(ongewijzigd=(100240,)), "TR101",
     VZ + "/TeWijzigenProducten/TeWijzigenProduct[1]/ToewijzingNummer")
case("317-CS002", base317, msg317(bsn="999990018"), "CS002", "/Bericht/Client/Bsn")


# --- Retours 302, 306, 308, 316, 318: the heenbericht echoed with RetourCodes (only CS002) ---

# Per retour: its heenbericht and the classes that carry RetourCodes (WMO30x.xsd).
RETOUR_CLASSES = {
    302: ("Relatie", "Contact", "ToegewezenProduct", "Client"),
    306: ("StartProduct", "Client"),
    308: ("StopProduct", "Client"),
    316: ("AangevraagdProduct", "Client"),
    318: ("OngewijzigdProduct", "TeWijzigenProduct", "NieuwProduct", "Verzoek", "Client"),
}


def retour(msg, heen, code="0200"):
    """The retour `msg` of heenbericht XML `heen`: the heen header copied with the retour's own
    identity added (dated the day after the heenbericht), and a RetourCodes element closing every
    class."""
    m = f"wmo{msg}"
    x = heen.replace(f"wmo{msg - 1}", m)
    heen_dag = x[x.index("<iwmo:Dagtekening>") + len("<iwmo:Dagtekening>"):][:10]
    dag = (datetime.date.fromisoformat(heen_dag) + datetime.timedelta(days=1)).isoformat()
    start = x.index(f"<{m}:BerichtCode>") + len(f"<{m}:BerichtCode>")
    end = x.index("<", start)
    x = x[:start] + str(int(x[start:end]) + 1) + x[end:]
    codes = f"<{m}:RetourCodes><{m}:RetourCode>{code}</{m}:RetourCode></{m}:RetourCodes>"
    x = x.replace(
        f"</{m}:Header>",
        f"<{m}:IdentificatieRetour>R{msg}0001</{m}:IdentificatieRetour>"
        f"<{m}:DagtekeningRetour>{dag}</{m}:DagtekeningRetour>"
        f"<{m}:XsdVersieRetour><iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie>"
        f"<iwmo:BerichtXsdVersie>1.0.0</iwmo:BerichtXsdVersie></{m}:XsdVersieRetour>"
        f"{codes}</{m}:Header>")
    for cls in RETOUR_CLASSES[msg]:
        x = x.replace(f"</{m}:{cls}>", f"{codes}</{m}:{cls}>")
    return x


for msg, heen in ((302, lambda bsn: msg301(bsn=bsn)),
                  (306, lambda bsn: regie(305, [start()], bsn=bsn)),
                  (308, lambda bsn: regie(307, [stop()], bsn=bsn)),
                  (316, lambda bsn: msg315([aangevraagd()], bsn=bsn)),
                  (318, lambda bsn: msg317(bsn=bsn))):
    case(f"{msg}-CS002", retour(msg, heen("999990019")), retour(msg, heen("999990018")), "CS002",
         "/Bericht/Client/Bsn")


def main():
    for name, (passing, failing, rule, location, xsd_valid) in sorted(CASES.items()):
        d = os.path.join(HERE, name)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "pass.xml"), "w", newline="") as f:
            f.write(passing)
        with open(os.path.join(d, "fail.xml"), "w", newline="") as f:
            f.write(failing)
        with open(os.path.join(d, "expect"), "w") as f:
            f.write(f"rule {rule}\nlocation {location}\n")
            f.write(f"xsd {'valid' if xsd_valid else 'invalid'}\n")
    print(f"{len(CASES)} cases")


if __name__ == "__main__":
    main()
