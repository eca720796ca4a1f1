// ParseBericht: walks the document in XSD sequence order, driven by the Visit functions in
// schema.h. Strict about structure (order, required elements, nothing unknown, namespaces) and
// about the lexical form of typed values; the XSD facets themselves are level 1 (ValidateXsd).
#include <charconv>
#include <cstring>
#include <string>
#include <vector>

#include "sluis/codecs/limits.h"
#include "sluis/codecs/payload.h"

#include "payload/schema.h"
#include "xml/xml_input.h"
#include "xml/xml_tree.h"

namespace sluis::codecs::payload {
namespace {

struct State {
  xml::NamespaceScope scope;
  std::string_view msg_ns, basis_ns;
  // Fast path: while no element below the root declares namespaces, an element matches when
  // its qualified name is exactly "<prefix>:<name>" with the prefix the root bound to the
  // expected namespace. Any nested declaration switches every lookup to full resolution.
  bool nested_declarations = false;
  std::optional<std::string_view> msg_prefix, basis_prefix;
  bool retour = false;
  bool jeugd = false;
  std::optional<Error> error;
  std::vector<std::pair<std::string_view, int>> path;  // element name, 1-based list index or 0

  std::string Location(std::string_view leaf = {}) const {
    std::string out;
    for (const auto& [name, index] : path) {
      out += '/';
      out += name;
      if (index > 0) out += "[" + std::to_string(index) + "]";
    }
    if (!leaf.empty()) {
      out += '/';
      out += leaf;
    }
    return out;
  }
  void Fail(std::string message, std::string_view leaf = {}) {
    if (!error) error = MakeError(ErrorKind::kSchema, "XSD", std::move(message), Location(leaf));
  }
};

// --- text -> value (lexical forms of the XSD base types) ---

bool FromText(std::string_view t, std::string& out) {
  out.assign(t.data(), t.size());
  return true;
}
template <class Tag>
bool FromText(std::string_view t, StrongString<Tag>& out) {
  out = StrongString<Tag>(std::string(t));
  return true;
}
bool FromText(std::string_view t, Date& out) {
  const auto d = Date::Parse(xml::Trim(t));
  if (d) out = *d;
  return d.has_value();
}
bool FromText(std::string_view t, TimeOfDay& out) {
  const auto v = TimeOfDay::Parse(xml::Trim(t));
  if (v) out = *v;
  return v.has_value();
}
bool FromText(std::string_view t, int64_t& out) {
  std::string_view s = xml::Trim(t);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty() || s.size() > 18) return false;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}
bool FromText(std::string_view t, Cents& out) {
  int64_t v = 0;
  if (!FromText(t, v)) return false;
  out = Cents(v);
  return true;
}
bool FromText(std::string_view t, ToewijzingNummer& out) {
  int64_t v = 0;
  if (!FromText(t, v)) return false;
  out = ToewijzingNummer(v);
  return true;
}
bool FromText(std::string_view t, DebetCredit& out) {
  if (t == "D") {
    out = DebetCredit::kDebet;
  } else if (t == "C") {
    out = DebetCredit::kCredit;
  } else {
    return false;
  }
  return true;
}

template <class T>
const char* TypeName() {
  if constexpr (std::is_same_v<T, Date>) return "a date (YYYY-MM-DD, no time zone)";
  if constexpr (std::is_same_v<T, TimeOfDay>) return "a time (hh:mm:ss, no time zone)";
  if constexpr (std::is_same_v<T, DebetCredit>) return "D or C";
  return "an integer";
}

class Reader {
 public:
  Reader(State& st, const pugi::xml_node& parent, bool basis)
      : st_(st), ns_(basis ? st.basis_ns : st.msg_ns) {
    cur_ = NextElement(parent.first_child());
  }

  bool jeugd() const { return st_.jeugd; }

  template <class T>
  void Leaf(std::string_view name, T& out) {
    ReadLeaf(name, out, /*required=*/true);
  }
  template <class T>
  void Leaf(std::string_view name, std::optional<T>& out) {
    T value{};
    if (ReadLeaf(name, value, /*required=*/false)) {
      out = std::move(value);
    } else {
      out.reset();
    }
  }

  template <class T>
  void Child(std::string_view name, T& out) {
    Taken t = Take(name, /*required=*/true);
    if (!t.e) return;
    ReadComplex(t, name, 0, out);
  }
  template <class T>
  void Child(std::string_view name, std::optional<T>& out) {
    Taken t = Take(name, /*required=*/false);
    if (!t.e) {
      out.reset();
      return;
    }
    out.emplace();
    ReadComplex(t, name, 0, *out);
  }

  template <class T>
  void List(std::string_view wrapper, std::string_view item, std::vector<T>& out,
            bool wrapper_optional) {
    out.clear();
    Taken w = Take(wrapper, !wrapper_optional);
    if (!w.e) return;
    st_.path.emplace_back(wrapper, 0);
    Reader items(st_, w.e, /*basis=*/false);
    int index = 0;
    while (!st_.error) {
      Taken t = items.Take(item, /*required=*/false);
      if (!t.e) break;
      out.emplace_back();
      ReadComplex(t, item, ++index, out.back());
    }
    if (index == 0) st_.Fail("missing element " + std::string(item), item);
    items.Finish();
    st_.path.pop_back();
    st_.scope.Pop(w.pushed);
  }

  void Retour(RetourCodes& codes) {
    if (st_.retour) Codes(codes, /*required=*/true);
  }

  void Codes(RetourCodes& codes, bool required) {
    codes.clear();
    Taken w = Take("RetourCodes", required);
    if (!w.e) return;
    st_.path.emplace_back("RetourCodes", 0);
    Reader items(st_, w.e, /*basis=*/false);
    while (!st_.error) {
      std::string code;
      if (!items.ReadLeaf("RetourCode", code, /*required=*/false)) break;
      codes.push_back(std::move(code));
    }
    if (codes.empty()) st_.Fail("missing element RetourCode", "RetourCode");
    items.Finish();
    st_.path.pop_back();
    st_.scope.Pop(w.pushed);
  }

  // A required complex child read with a custom visit (the header).
  template <class F>
  void Custom(std::string_view name, F&& visit) {
    Taken t = Take(name, /*required=*/true);
    if (!t.e) return;
    st_.path.emplace_back(name, 0);
    Reader sub(st_, t.e, /*basis=*/false);
    visit(sub);
    sub.Finish();
    st_.path.pop_back();
    st_.scope.Pop(t.pushed);
  }

  // Anything left over is not in the schema's sequence.
  void Finish() {
    if (!st_.error && cur_) {
      st_.Fail("unexpected element " + std::string(xml::LocalName(cur_.name())) +
                   " (not allowed here, or out of order)",
               xml::LocalName(cur_.name()));
    }
  }

 private:
  struct Taken {
    pugi::xml_node e;
    int pushed = 0;
  };

  // The next element child from n on; text in element-only content is an error.
  pugi::xml_node NextElement(pugi::xml_node n) {
    for (; n; n = n.next_sibling()) {
      const auto type = n.type();
      if (type == pugi::node_element) return n;
      if (type == pugi::node_comment || type == pugi::node_pi) continue;
      if ((type == pugi::node_pcdata || type == pugi::node_cdata) &&
          !xml::Trim(n.value()).empty()) {
        st_.Fail("unexpected text in element-only content");
        return {};
      }
    }
    return {};
  }

  // "<prefix>:<name>" (or "<name>" for an empty prefix) without building a string.
  static bool QNameIs(const char* q, std::string_view prefix, std::string_view name) {
    if (!prefix.empty()) {
      if (std::strncmp(q, prefix.data(), prefix.size()) != 0 || q[prefix.size()] != ':') {
        return false;
      }
      q += prefix.size() + 1;
    }
    return std::strncmp(q, name.data(), name.size()) == 0 && q[name.size()] == '\0';
  }

  bool Matches(const pugi::xml_node& e, std::string_view name) const {
    const std::optional<std::string_view>& prefix =
        ns_.data() == st_.msg_ns.data() ? st_.msg_prefix : st_.basis_prefix;
    if (!st_.nested_declarations && prefix) return QNameIs(e.name(), *prefix, name);
    return xml::LocalName(e.name()) == name && st_.scope.NamespaceOf(e) == ns_;
  }

  // Takes the current element if it is {ns_}name. Its xmlns declarations stay pushed until
  // the caller pops them (Taken::pushed).
  Taken Take(std::string_view name, bool required) {
    if (st_.error) return {};
    if (cur_) {
      const int pushed = st_.scope.Push(cur_);
      if (pushed > 0) st_.nested_declarations = true;
      if (Matches(cur_, name)) {
        Taken t{cur_, pushed};
        cur_ = NextElement(cur_.next_sibling());
        return t;
      }
      st_.scope.Pop(pushed);
    }
    if (required) {
      std::string msg = "missing element " + std::string(name);
      if (cur_) {
        msg += " (found " + std::string(xml::LocalName(cur_.name()));
        const std::string_view ns = st_.scope.NamespaceOf(cur_);
        if (xml::LocalName(cur_.name()) == name && ns != ns_) {
          msg += " in namespace '" + std::string(ns) + "', expected '" + std::string(ns_) + "'";
        }
        msg += ")";
      }
      st_.Fail(msg, name);
    }
    return {};
  }

  template <class T>
  bool ReadLeaf(std::string_view name, T& out, bool required) {
    Taken t = Take(name, required);
    if (!t.e) return false;
    // One pass: the text, and no element inside a simple value. The common case is a single
    // text node, converted straight from pugixml's buffer.
    std::string joined;
    std::string_view text;
    const pugi::xml_node first = t.e.first_child();
    const pugi::xml_node second = first ? first.next_sibling() : pugi::xml_node();
    const auto first_type = first ? first.type() : pugi::node_null;
    if (first && !second && (first_type == pugi::node_pcdata || first_type == pugi::node_cdata)) {
      text = first.value();
    } else {
      for (pugi::xml_node c = first; c; c = c.next_sibling()) {
        const auto type = c.type();
        if (type == pugi::node_element) {
          st_.Fail("element " + std::string(name) + " must hold a value, not elements", name);
          st_.scope.Pop(t.pushed);
          return false;
        }
        if (type == pugi::node_pcdata || type == pugi::node_cdata) joined += c.value();
      }
      text = joined;
    }
    const bool ok = FromText(text, out);
    st_.scope.Pop(t.pushed);
    if (!ok) {
      st_.Fail("'" + std::string(text.substr(0, 64)) + "' is not " + TypeName<T>(), name);
      return false;
    }
    return true;
  }

  template <class T>
  void ReadComplex(const Taken& t, std::string_view name, int index, T& out) {
    st_.path.emplace_back(name, index);
    Reader sub(st_, t.e, kBasisType<T>);
    Visit(sub, out);
    sub.Finish();
    st_.path.pop_back();
    st_.scope.Pop(t.pushed);
  }

  State& st_;
  std::string_view ns_;
  pugi::xml_node cur_;
};

template <size_t I>
Bericht MakeAlternative() {
  return Bericht(std::in_place_index<I>);
}
template <size_t... I>
Bericht MakeEmpty(BerichtType t, std::index_sequence<I...>) {
  using Maker = Bericht (*)();
  static constexpr Maker kMakers[] = {&MakeAlternative<I>...};
  return kMakers[static_cast<size_t>(t)]();
}

}  // namespace
}  // namespace sluis::codecs::payload

namespace sluis::codecs {

Result<Bericht> ParseBericht(std::string_view text) {
  using namespace payload;
  pugi::xml_document doc;
  // No separate depth walk: the reader descends only along the schema and stops at the first
  // element it does not expect, so hostile nesting ends there.
  if (Status s = xml::Parse(text, doc, kMaxMessageBytes, /*check_depth=*/false); !s) {
    return s.error();
  }
  const pugi::xml_node root = doc.document_element();
  State st;
  const int pushed = st.scope.Push(root);
  const std::string_view ns = st.scope.NamespaceOf(root);
  const auto kind = FromMessageNamespace(ns);
  if (!kind || xml::LocalName(root.name()) != "Bericht") {
    return MakeError(ErrorKind::kUnsupported, "XSD",
                     "not an iWmo/iJw 3.2 message: root element " +
                         std::string(xml::LocalName(root.name())) + " in namespace '" +
                         std::string(ns) + "'",
                     "/" + std::string(xml::LocalName(root.name())));
  }
  // Plain variables, not a structured binding: clang 14 cannot capture those in a lambda.
  const Domein domein = kind->first;
  const BerichtType type = kind->second;
  st.msg_ns = ns;
  st.basis_ns = BasisNamespace(domein);
  // The prefixes the root binds to the two namespaces (for the fast name match). A namespace
  // bound to two prefixes at once disables the fast path.
  int msg_bindings = 0, basis_bindings = 0;
  for (const pugi::xml_attribute& a : root.attributes()) {
    const std::string_view n = a.name();
    if (n.substr(0, 6) != "xmlns:" && n != "xmlns") continue;
    const std::string_view prefix = n == "xmlns" ? std::string_view() : n.substr(6);
    if (a.value() == st.msg_ns) {
      st.msg_prefix = prefix;
      ++msg_bindings;
    }
    if (a.value() == st.basis_ns) {
      st.basis_prefix = prefix;
      ++basis_bindings;
    }
  }
  if (msg_bindings > 1 || basis_bindings > 1) st.nested_declarations = true;
  st.jeugd = domein == Domein::kJeugd;
  st.retour = ClassesCarryRetourCodes(type);
  st.path.emplace_back("Bericht", 0);

  Bericht result = MakeEmpty(type, std::make_index_sequence<std::variant_size_v<Bericht>>());
  std::visit(
      [&](auto& b) {
        b.domein = domein;
        Reader r(st, root, /*basis=*/false);
        FixedHeaderFields fixed;
        r.Custom("Header", [&](Reader& h) { VisitAnyHeader(h, b, fixed, type); });
        if (!st.error) {
          st.path.emplace_back("Header", 0);
          if (xml::Trim(fixed.bericht_code) != BerichtCode(domein, type)) {
            st.Fail("BerichtCode '" + fixed.bericht_code + "' does not belong to " +
                        std::string(Functie(domein, type)) + " (expected " +
                        std::string(BerichtCode(domein, type)) + ")",
                    "BerichtCode");
          } else if (xml::Trim(fixed.bericht_versie) != "3" ||
                     xml::Trim(fixed.bericht_subversie) != "2") {
            st.Fail("BerichtVersie/BerichtSubversie must be 3/2 (release 3.2)", "BerichtVersie");
          }
          st.path.pop_back();
        }
        VisitBody(r, b);
        r.Finish();
      },
      result);
  st.scope.Pop(pushed);
  if (st.error) return *st.error;
  return result;
}

}  // namespace sluis::codecs
