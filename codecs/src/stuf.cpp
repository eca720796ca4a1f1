#include "sluis/codecs/stuf.h"

#include <cstdio>

#include "sluis/codecs/base64.h"
#include "sluis/codecs/limits.h"

#include "xml/xml_input.h"
#include "xml/xml_tree.h"

namespace sluis::codecs::stuf {
namespace {

using xml::Child;
using xml::LocalName;
using xml::NamespaceOf;

Error Missing(std::string_view what) {
  return MakeError(ErrorKind::kSchema, "StUF", "missing element " + std::string(what),
                   std::string(what));
}

Result<std::string> RequiredText(const pugi::xml_node& parent, std::string_view ns,
                                 std::string_view name) {
  const pugi::xml_node n = Child(parent, ns, name);
  if (!n) return Missing(name);
  return xml::Text(n);
}

std::optional<std::string> OptionalText(const pugi::xml_node& parent, std::string_view ns,
                                        std::string_view name) {
  const pugi::xml_node n = Child(parent, ns, name);
  if (!n) return std::nullopt;
  return xml::Text(n);
}

Result<Systeem> ParseSysteem(const pugi::xml_node& n) {
  Systeem s;
  auto org = RequiredText(n, kNsStuf, "organisatie");
  if (!org) return org.error();
  auto app = RequiredText(n, kNsStuf, "applicatie");
  if (!app) return app.error();
  s.organisatie = *org;
  s.applicatie = *app;
  s.administratie = OptionalText(n, kNsStuf, "administratie");
  s.gebruiker = OptionalText(n, kNsStuf, "gebruiker");
  return s;
}

Result<Envelope> ParseEnvelope(const pugi::xml_node& root, Soort soort) {
  Envelope e;
  e.soort = soort;
  const pugi::xml_node sg = Child(root, kNsGgk, "stuurgegevens");
  if (!sg) return Missing("stuurgegevens");
  const pugi::xml_node zender = Child(sg, kNsStuf, "zender");
  const pugi::xml_node ontvanger = Child(sg, kNsStuf, "ontvanger");
  if (!zender) return Missing("zender");
  if (!ontvanger) return Missing("ontvanger");
  auto z = ParseSysteem(zender);
  if (!z) return z.error();
  auto o = ParseSysteem(ontvanger);
  if (!o) return o.error();
  e.zender = *z;
  e.ontvanger = *o;
  auto ref = RequiredText(sg, kNsStuf, "referentienummer");
  if (!ref) return ref.error();
  e.referentienummer = *ref;
  auto tijd = RequiredText(sg, kNsStuf, "tijdstipBericht");
  if (!tijd) return tijd.error();
  e.tijdstip_bericht = *tijd;
  e.cross_refnummer = OptionalText(sg, kNsStuf, "crossRefnummer");
  if (soort == Soort::kDu01 && !e.cross_refnummer) return Missing("crossRefnummer");
  auto functie = RequiredText(sg, kNsStuf, "functie");
  if (!functie) return functie.error();
  e.functie = *functie;

  const pugi::xml_node params = Child(root, kNsGgk, "parameters");
  if (!params) return Missing("parameters");
  for (auto [name, field] : {std::pair{"applicatieVersie", &e.applicatie_versie},
                             std::pair{"applicatieSubversie", &e.applicatie_subversie},
                             std::pair{"functieVersie", &e.functie_versie},
                             std::pair{"functieSubversie", &e.functie_subversie}}) {
    auto v = RequiredText(params, kNsGgk, name);
    if (!v) return v.error();
    *field = *v;
  }
  const pugi::xml_node bericht = Child(params, kNsGgk, "bericht");
  if (!bericht) return Missing("bericht");
  pugi::xml_node file = Child(bericht, kNsGgk, "xmlBestand");
  if (!file) {
    file = Child(bericht, kNsGgk, "tekstBestand");
    if (!file) return Missing("xmlBestand");
    e.tekst_bestandsnaam = file.attribute("bestandsnaam").value();
  }
  const std::string encoded = xml::Text(file);
  if (Base64DecodedSizeBound(encoded.size()) > kMaxMessageBytes + 3) {
    return MakeError(ErrorKind::kLimit, "SIZE", "payload exceeds 25 MB");
  }
  auto decoded = Base64Decode(encoded);
  if (!decoded) {
    return MakeError(ErrorKind::kMalformed, "StUF",
                     "bericht is not valid base64: " + decoded.error().message,
                     "parameters/bericht");
  }
  e.payload = std::move(*decoded);
  return e;
}

Result<Fo01> ParseFo01(const pugi::xml_node& root) {
  Fo01 f;
  const pugi::xml_node sg = Child(root, kNsStuf, "stuurgegevens");
  if (!sg) return Missing("stuurgegevens");
  const pugi::xml_node zender = Child(sg, kNsStuf, "zender");
  const pugi::xml_node ontvanger = Child(sg, kNsStuf, "ontvanger");
  if (!zender || !ontvanger) return Missing("zender/ontvanger");
  auto z = ParseSysteem(zender);
  if (!z) return z.error();
  auto o = ParseSysteem(ontvanger);
  if (!o) return o.error();
  f.zender = *z;
  f.ontvanger = *o;
  for (auto [name, field] : {std::pair{"referentienummer", &f.referentienummer},
                             std::pair{"tijdstipBericht", &f.tijdstip_bericht},
                             std::pair{"crossRefnummer", &f.cross_refnummer}}) {
    auto v = RequiredText(sg, kNsStuf, name);
    if (!v) return v.error();
    *field = *v;
  }
  const pugi::xml_node body = Child(root, kNsStuf, "body");
  if (!body) return Missing("body");
  for (auto [name, field] : {std::pair{"code", &f.code}, std::pair{"plek", &f.plek},
                             std::pair{"omschrijving", &f.omschrijving}}) {
    auto v = RequiredText(body, kNsStuf, name);
    if (!v) return v.error();
    *field = *v;
  }
  f.details = OptionalText(body, kNsStuf, "details");
  if (const pugi::xml_node dx = Child(body, kNsStuf, "detailsXML")) {
    std::string inner;
    struct Writer : pugi::xml_writer {
      std::string* out;
      void write(const void* data, size_t size) override {
        out->append(static_cast<const char*>(data), size);
      }
    } w;
    w.out = &inner;
    for (pugi::xml_node c = dx.first_child(); c; c = c.next_sibling()) {
      c.print(w, "", pugi::format_raw);
    }
    f.details_xml = inner;
  }
  return f;
}

// At most n characters (XSD lengths count characters), never cutting a UTF-8 sequence.
std::string Utf8Prefix(const std::string& s, size_t n) {
  size_t chars = 0, i = 0;
  while (i < s.size() && chars < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++chars;
  }
  return s.substr(0, std::min(i, s.size()));
}

void WriteSysteem(xml::Writer& w, std::string_view name, const Systeem& s) {
  const std::string q = "StUF:" + std::string(name);
  w.Open(q);
  w.Leaf("StUF:organisatie", s.organisatie);
  w.Leaf("StUF:applicatie", s.applicatie);
  if (s.administratie) w.Leaf("StUF:administratie", *s.administratie);
  if (s.gebruiker) w.Leaf("StUF:gebruiker", *s.gebruiker);
  w.Close(q);
}

}  // namespace

Result<Bericht> Parse(std::string_view text) {
  pugi::xml_document doc;
  if (Status s = xml::Parse(text, doc, kMaxMessageBytes); !s) return s.error();
  const pugi::xml_node root = doc.document_element();
  const std::string_view ns = NamespaceOf(root);
  const std::string_view local = LocalName(root.name());
  if (ns == kNsGgk && local == "envelopHeenbericht-ggk_Di01") {
    auto e = ParseEnvelope(root, Soort::kDi01);
    if (!e) return e.error();
    return Bericht(std::move(*e));
  }
  if (ns == kNsGgk && local == "envelopRetourbericht-ggk_Du01") {
    auto e = ParseEnvelope(root, Soort::kDu01);
    if (!e) return e.error();
    return Bericht(std::move(*e));
  }
  if (ns == kNsStuf && local == "Fo01Bericht") {
    auto f = ParseFo01(root);
    if (!f) return f.error();
    return Bericht(std::move(*f));
  }
  return MakeError(ErrorKind::kUnsupported, "StUF",
                   "not a StUF-GGk Di01/Du01/Fo01: root " + std::string(local) + " in '" +
                       std::string(ns) + "'");
}

std::string Encode(const Envelope& e) {
  std::string out;
  out.reserve(e.payload.size() * 4 / 3 + 2048);
  xml::Writer w(out);
  w.Declaration();
  const bool di = e.soort == Soort::kDi01;
  const std::string root =
      di ? "GGK:envelopHeenbericht-ggk_Di01" : "GGK:envelopRetourbericht-ggk_Du01";
  w.Open(root, {{"xmlns:StUF", std::string(kNsStuf)}, {"xmlns:GGK", std::string(kNsGgk)}});
  w.Open("GGK:stuurgegevens");
  w.Leaf("StUF:berichtcode", di ? "Di01" : "Du01");
  WriteSysteem(w, "zender", e.zender);
  WriteSysteem(w, "ontvanger", e.ontvanger);
  w.Leaf("StUF:referentienummer", e.referentienummer);
  w.Leaf("StUF:tijdstipBericht", e.tijdstip_bericht);
  if (!di) w.Leaf("StUF:crossRefnummer", e.cross_refnummer.value_or(""));
  w.Leaf("StUF:functie", e.functie);
  w.Close("GGK:stuurgegevens");
  w.Open("GGK:parameters");
  w.Leaf("GGK:applicatieVersie", e.applicatie_versie);
  w.Leaf("GGK:applicatieSubversie", e.applicatie_subversie);
  w.Leaf("GGK:functieVersie", e.functie_versie);
  w.Leaf("GGK:functieSubversie", e.functie_subversie);
  w.Open("GGK:bericht");
  if (e.tekst_bestandsnaam) {
    // An element with an attribute and text: written by hand.
    out.append(static_cast<size_t>(w.depth()) * 2, ' ');
    out += "<GGK:tekstBestand bestandsnaam=\"";
    xml::Writer::Escape(out, *e.tekst_bestandsnaam, true);
    out += "\">" + Base64Encode(e.payload) + "</GGK:tekstBestand>\r\n";
  } else {
    w.Leaf("GGK:xmlBestand", Base64Encode(e.payload));
  }
  w.Close("GGK:bericht");
  w.Close("GGK:parameters");
  w.Close(root);
  return out;
}

std::string Encode(const Fo01& f) {
  std::string out;
  xml::Writer w(out);
  w.Declaration();
  w.Open("StUF:Fo01Bericht", {{"xmlns:StUF", std::string(kNsStuf)}});
  w.Open("StUF:stuurgegevens");
  w.Leaf("StUF:berichtcode", "Fo01");
  WriteSysteem(w, "zender", f.zender);
  WriteSysteem(w, "ontvanger", f.ontvanger);
  w.Leaf("StUF:referentienummer", f.referentienummer);
  w.Leaf("StUF:tijdstipBericht", f.tijdstip_bericht);
  w.Leaf("StUF:crossRefnummer", f.cross_refnummer);
  w.Close("StUF:stuurgegevens");
  w.Open("StUF:body");
  w.Leaf("StUF:code", f.code);
  w.Leaf("StUF:plek", f.plek);
  w.Leaf("StUF:omschrijving", Utf8Prefix(f.omschrijving, 200));
  if (f.details) w.Leaf("StUF:details", Utf8Prefix(*f.details, 1000));
  if (f.details_xml) {
    out.append(static_cast<size_t>(w.depth()) * 2, ' ');
    out += "<StUF:detailsXML>" + *f.details_xml + "</StUF:detailsXML>\r\n";
  }
  w.Close("StUF:body");
  w.Close("StUF:Fo01Bericht");
  return out;
}

bool IsUuidV4(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < 36; ++i) {
    const char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return s[14] == '4' && (s[19] == '8' || s[19] == '9' || s[19] == 'a' || s[19] == 'b');
}

std::string UuidV4FromBytes(const std::array<uint8_t, 16>& in) {
  std::array<uint8_t, 16> b = in;
  b[6] = static_cast<uint8_t>((b[6] & 0x0F) | 0x40);
  b[8] = static_cast<uint8_t>((b[8] & 0x3F) | 0x80);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[i] >> 4];
    out += kHex[b[i] & 15];
  }
  return out;
}

std::string Tijdstip(Instant t, int64_t utc_offset_millis) {
  const int64_t ms = t.time_since_epoch().count() + utc_offset_millis;
  const int64_t day = ms >= 0 ? ms / 86'400'000 : (ms - 86'399'999) / 86'400'000;
  const int64_t rem = ms - day * 86'400'000;
  const Date d = Date::FromDays(static_cast<int32_t>(day));
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02d%03d", d.year(), d.month(), d.day(),
                static_cast<int>(rem / 3'600'000), static_cast<int>(rem / 60'000 % 60),
                static_cast<int>(rem / 1000 % 60), static_cast<int>(rem % 1000));
  return buf;
}

Fo01 MakeStuf055(const Envelope& received, const Systeem& gemeente, std::string referentienummer,
                 std::string tijdstip, std::string reason) {
  Fo01 f;
  f.zender = gemeente;
  f.ontvanger = received.zender;
  f.referentienummer = std::move(referentienummer);
  f.tijdstip_bericht = std::move(tijdstip);
  f.cross_refnummer = received.referentienummer;
  f.code = "StUF055";
  f.plek = "client";
  // omschrijving: the code's meaning plus the first schema error, within the 200 allowed;
  // details: "functie-applicatieVersieapplicatieSubversie" as in the ISD-keten error list.
  f.omschrijving = Utf8Prefix("Berichtbody is niet conform schema in sectormodel: " + reason, 200);
  f.details = received.functie + "-" + received.applicatie_versie + received.applicatie_subversie;
  return f;
}

}  // namespace sluis::codecs::stuf
