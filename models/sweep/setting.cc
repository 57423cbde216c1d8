// Parsing --set arguments and writing their values into a scenario document.
#include "models/sweep/setting.h"

#include <cctype>
#include <optional>
#include <stdexcept>

#include "models/scenario/loader.h"
#include "models/scenario/object_reader.h"

namespace drsim::models::sweep {
namespace {

using nlohmann::json;
using scenario::in_quotes;

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// "a string", "an array".
std::string kind_of(const json& v) {
  const std::string name = v.type_name();
  return (name == "object" || name == "array" ? "an " : "a ") + name;
}

PathStep selector(std::string_view content, std::string_view path) {
  if (content.empty()) {
    throw std::invalid_argument("empty [] in " + std::string(path) +
                                " (use [*], an index such as [0] or a name such as [tracker-db])");
  }
  if (content == "*") return {PathStep::Kind::kEvery, "", 0};
  if (all_digits(content)) {
    if (content.size() > 9) {
      throw std::invalid_argument("index [" + std::string(content) + "] is too large");
    }
    return {PathStep::Kind::kIndex, "", static_cast<size_t>(std::stoul(std::string(content)))};
  }
  if (content.front() == '"') {
    const json name = json::parse(content, nullptr, false);
    if (!name.is_string() || name.get_ref<const std::string&>().empty()) {
      throw std::invalid_argument("bad quoted name [" + std::string(content) + "]");
    }
    return {PathStep::Kind::kName, name.get<std::string>(), 0};
  }
  return {PathStep::Kind::kName, std::string(content), 0};
}

// The error of a setting: "--set ARG: message".
scenario::ScenarioError setting_error(const Setting& s, const std::string& message) {
  return scenario::ScenarioError({"--set " + scenario::printable(s.argument) + ": " + message});
}

// Walks the path, writing the value at every place it selects.
class Applier {
 public:
  Applier(const Setting& s, const json& value) : s_(s), value_(value) {}

  void run(json& doc) {
    walk(doc, 0, "", false);
    if (places_ == 0) {
      throw setting_error(s_, first_miss_.value_or(s_.path + ": selects nothing"));
    }
  }

 private:
  void walk(json& node, size_t i, const std::string& where, bool in_every) {
    const PathStep& step = s_.steps[i];
    const bool last = i + 1 == s_.steps.size();
    if (step.kind == PathStep::Kind::kKey) {
      if (!node.is_object()) {
        fail(here(where) + " is " + kind_of(node) + ", not an object, so it has no key " +
             in_quotes(step.text));
      }
      const std::string path = scenario::key_path(where, step.text);
      if (last) {
        set(node[step.text]);
        return;
      }
      if (!node.contains(step.text)) {
        std::vector<std::string> keys;
        for (auto it = node.begin(); it != node.end(); ++it) keys.push_back(it.key());
        miss(path + ": no such key" + scenario::suggestion_suffix(step.text, keys), in_every);
        return;
      }
      walk(node[step.text], i + 1, path, in_every);
      return;
    }
    if (!node.is_array()) {
      fail(here(where) + " is " + kind_of(node) + ", not an array, so a selector such as [" +
           selector_text(step) + "] selects nothing in it");
    }
    switch (step.kind) {
      case PathStep::Kind::kEvery:
        if (node.empty())
          miss(here(where) + " is an empty array, so [*] selects nothing", in_every);
        for (size_t k = 0; k < node.size(); ++k)
          visit(node[k], i, scenario::index_path(where, k), true);
        return;
      case PathStep::Kind::kIndex:
        if (step.index >= node.size()) {
          fail(here(where) + " has " + std::to_string(node.size()) + " elements, so [" +
               std::to_string(step.index) + "] is out of range");
        }
        visit(node[step.index], i, scenario::index_path(where, step.index), in_every);
        return;
      default: {
        std::vector<std::string> names;
        for (size_t k = 0; k < node.size(); ++k) {
          const json& e = node[k];
          if (!e.is_object() || !e.contains("name") || !e["name"].is_string()) continue;
          if (e["name"] == step.text) {
            visit(node[k], i, scenario::index_path(where, k), in_every);
            return;
          }
          names.push_back(e["name"].get<std::string>());
        }
        fail(here(where) + ": no element named " + in_quotes(step.text) +
             scenario::suggestion_suffix(step.text, names));
      }
    }
  }

  // The element selected by step i: the value's place, or the rest of the path.
  void visit(json& element, size_t i, const std::string& path, bool in_every) {
    if (i + 1 == s_.steps.size()) {
      set(element);
    } else {
      walk(element, i + 1, path, in_every);
    }
  }

  void set(json& place) {
    place = value_;
    ++places_;
  }

  // Nothing here to set: an error unless another element of a [*] may still match.
  void miss(const std::string& message, bool in_every) {
    if (!in_every) fail(message);
    if (!first_miss_) first_miss_ = message;
  }

  [[noreturn]] void fail(const std::string& message) { throw setting_error(s_, message); }

  static std::string here(const std::string& where) {
    return where.empty() ? "the scenario" : where;
  }

  static std::string selector_text(const PathStep& step) {
    switch (step.kind) {
      case PathStep::Kind::kEvery:
        return "*";
      case PathStep::Kind::kIndex:
        return std::to_string(step.index);
      default:
        return step.text;
    }
  }

  const Setting& s_;
  const json& value_;
  size_t places_ = 0;
  std::optional<std::string> first_miss_;
};

}  // namespace

std::vector<PathStep> parse_path(std::string_view path) {
  if (trim(path).empty()) throw std::invalid_argument("empty PATH (expected PATH=V1,V2,...)");
  std::vector<PathStep> steps;
  size_t i = 0;
  while (true) {
    // A key: up to the next '.', '[' or the end.
    const size_t key_end = path.find_first_of(".[]", i);
    const std::string_view key =
        path.substr(i, key_end == std::string_view::npos ? key_end : key_end - i);
    if (key.empty()) {
      throw std::invalid_argument("missing key at character " + std::to_string(i + 1) + " of " +
                                  std::string(path));
    }
    steps.push_back({PathStep::Kind::kKey, std::string(key), 0});
    i = key_end;
    while (i != std::string_view::npos && i < path.size() && path[i] == '[') {
      size_t close = path.find(']', i + 1);
      if (i + 1 < path.size() && path[i + 1] == '"') {  // a quoted name may hold ']' and '.'
        size_t q = i + 2;
        while (q < path.size() && path[q] != '"') q += path[q] == '\\' ? 2 : 1;
        close = q < path.size() ? path.find(']', q) : std::string_view::npos;
      }
      if (close == std::string_view::npos) {
        throw std::invalid_argument("unclosed [ in " + std::string(path));
      }
      steps.push_back(selector(path.substr(i + 1, close - i - 1), path));
      i = close + 1;
    }
    if (i == std::string_view::npos || i >= path.size()) return steps;
    if (path[i] != '.') {
      throw std::invalid_argument("unexpected " + std::string(1, path[i]) + " at character " +
                                  std::to_string(i + 1) + " of " + std::string(path));
    }
    ++i;
  }
}

std::vector<std::string> split_values(std::string_view list) {
  std::vector<std::string> out;
  std::vector<char> open;  // the closers expected, innermost last
  bool quoted = false;
  size_t start = 0;
  auto take = [&](size_t end) {
    std::string v = trim(list.substr(start, end - start));
    if (v.empty()) throw std::invalid_argument("empty value in " + in_quotes(list));
    out.push_back(std::move(v));
    start = end + 1;
  };
  for (size_t i = 0; i < list.size(); ++i) {
    const char c = list[i];
    if (quoted) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        quoted = false;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
    } else if (c == '[' || c == '{') {
      open.push_back(c == '[' ? ']' : '}');
    } else if (c == ']' || c == '}') {
      if (open.empty() || open.back() != c) {
        throw std::invalid_argument("unbalanced " + std::string(1, c) + " in " + in_quotes(list));
      }
      open.pop_back();
    } else if (c == ',' && open.empty()) {
      take(i);
    }
  }
  if (quoted) throw std::invalid_argument("unclosed \" in " + in_quotes(list));
  if (!open.empty()) {
    throw std::invalid_argument("unclosed " + std::string(1, open.back() == ']' ? '[' : '{') +
                                " in " + in_quotes(list));
  }
  take(list.size());
  return out;
}

json parse_value(std::string_view text) {
  json v = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!v.is_discarded()) return v;
  if (!text.empty() && (text.front() == '[' || text.front() == '{' || text.front() == '"')) {
    try {
      const json checked = json::parse(text);  // throws, with the reason
    } catch (const json::parse_error& e) {
      std::string reason = e.what();
      if (const size_t colon = reason.find(": "); colon != std::string::npos) {
        reason.erase(0, colon + 2);
      }
      for (size_t at = reason.find("; "); at != std::string::npos; at = reason.find("; ", at)) {
        reason[at] = ',';  // a semicolon separates lists in the CMake tests that compare messages
      }
      throw std::invalid_argument(in_quotes(text) + " is not valid JSON: " + reason +
                                  " (strings inside it need double quotes, and the shell needs "
                                  "the whole argument in single quotes)");
    }
  }
  return std::string(text);
}

Setting parse_setting(std::string_view argument) {
  Setting s;
  s.argument = std::string(argument);
  try {
    const size_t eq = argument.find('=');
    if (eq == std::string_view::npos) {
      throw std::invalid_argument(
          "expected PATH=V1,V2,... such as databases[*].deployment=multi-az,single-az");
    }
    s.path = trim(argument.substr(0, eq));
    s.steps = parse_path(s.path);
    for (const std::string& v : split_values(argument.substr(eq + 1))) {
      s.values.push_back(parse_value(v));
    }
  } catch (const std::invalid_argument& e) {
    throw setting_error(s, scenario::printable(e.what()));
  }
  return s;
}

void apply_setting(json& doc, const Setting& setting, const json& value) {
  Applier(setting, value).run(doc);
}

}  // namespace drsim::models::sweep
