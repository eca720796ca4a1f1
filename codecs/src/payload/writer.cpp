// EncodeBericht: the same Visit functions as the reader, emitting XML. Children of CDT_* types
// go in the basisschema namespace, everything else in the message namespace (§2.1).
#include <charconv>
#include <string>

#include "sluis/codecs/payload.h"

#include "payload/schema.h"
#include "xml/xml_tree.h"

namespace sluis::codecs::payload {
namespace {

struct EmitState {
  // One element per line, no indentation: a 30,000-prestatie 323 stays near 21 MB.
  explicit EmitState(std::string& out) : w(out, /*indent=*/false) {}
  xml::Writer w;
  std::string msg_prefix, basis_prefix;
  bool retour = false;
  bool jeugd = false;
  std::string qname;  // reused buffer
};

std::string ToText(const std::string& s) { return s; }
template <class Tag>
const std::string& ToText(const StrongString<Tag>& s) {
  return s.str();
}
std::string ToText(const Date& d) { return d.ToString(); }
std::string ToText(const TimeOfDay& t) { return t.ToString(); }
std::string ToText(int64_t v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}
std::string ToText(const Cents& c) { return ToText(c.value()); }
std::string ToText(const ToewijzingNummer& n) { return ToText(n.value()); }
std::string ToText(DebetCredit dc) { return dc == DebetCredit::kCredit ? "C" : "D"; }

class Emitter {
 public:
  Emitter(EmitState& st, bool basis) : st_(st), basis_(basis) {}

  bool jeugd() const { return st_.jeugd; }

  template <class T>
  void Leaf(std::string_view name, T& value) {
    st_.w.Leaf(Q(name), ToText(value));
  }
  template <class T>
  void Leaf(std::string_view name, std::optional<T>& value) {
    if (value) Leaf(name, *value);
  }

  template <class T>
  void Child(std::string_view name, T& value) {
    const std::string q = Q(name);
    st_.w.Open(q);
    Emitter sub(st_, kBasisType<T>);
    Visit(sub, value);
    st_.w.Close(q);
  }
  template <class T>
  void Child(std::string_view name, std::optional<T>& value) {
    if (value) Child(name, *value);
  }

  template <class T>
  void List(std::string_view wrapper, std::string_view item, std::vector<T>& values,
            bool wrapper_optional) {
    if (values.empty() && wrapper_optional) return;
    const std::string q = Q(wrapper);
    st_.w.Open(q);
    Emitter items(st_, /*basis=*/false);
    for (T& v : values) items.Child(item, v);
    st_.w.Close(q);
  }

  void Retour(RetourCodes& codes) {
    if (st_.retour) Codes(codes, /*required=*/true);
  }

  void Codes(RetourCodes& codes, bool required) {
    if (codes.empty() && !required) return;
    const std::string q = Q("RetourCodes");
    st_.w.Open(q);
    for (const std::string& c : codes) st_.w.Leaf(Q("RetourCode"), c);
    st_.w.Close(q);
  }

  template <class F>
  void Custom(std::string_view name, F&& visit) {
    const std::string q = Q(name);
    st_.w.Open(q);
    Emitter sub(st_, /*basis=*/false);
    visit(sub);
    st_.w.Close(q);
  }

 private:
  const std::string& Q(std::string_view name) {
    std::string& q = st_.qname;
    q = basis_ ? st_.basis_prefix : st_.msg_prefix;
    q += ':';
    q += name;
    return q;
  }

  EmitState& st_;
  bool basis_;
};

}  // namespace
}  // namespace sluis::codecs::payload

namespace sluis::codecs {

std::string EncodeBericht(const Bericht& bericht) {
  using namespace payload;
  std::string out;
  out.reserve(4096);
  EmitState st(out);
  const Domein domein = DomeinOf(bericht);
  const BerichtType type = TypeOf(bericht);
  st.basis_prefix = domein == Domein::kWmo ? "iwmo" : "ijw";
  st.msg_prefix = std::string(Functie(domein, type));
  for (char& c : st.msg_prefix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  st.retour = ClassesCarryRetourCodes(type);
  st.jeugd = domein == Domein::kJeugd;

  st.w.Declaration();
  const std::string root = st.msg_prefix + ":Bericht";
  st.w.Open(root, {{"xmlns:" + st.basis_prefix, std::string(BasisNamespace(domein))},
                   {"xmlns:" + st.msg_prefix, std::string(MessageNamespace(domein, type))}});
  std::visit(
      [&](const auto& const_b) {
        // The visitors take mutable references (the reader fills them); the emitter only reads.
        auto& b =
            const_cast<std::remove_const_t<std::remove_reference_t<decltype(const_b)>>&>(const_b);
        Emitter e(st, /*basis=*/false);
        FixedHeaderFields fixed;
        fixed.bericht_code = std::string(BerichtCode(domein, type));
        e.Custom("Header", [&](Emitter& h) { VisitAnyHeader(h, b, fixed, type); });
        VisitBody(e, b);
      },
      bericht);
  st.w.Close(root);
  return out;
}

}  // namespace sluis::codecs
