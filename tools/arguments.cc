// Checked command-line values.
#include "tools/arguments.h"

#include <cstdio>
#include <optional>

#include "models/report/text.h"
#include "models/scenario/loader.h"
#include "models/scenario/object_reader.h"

namespace drsim::tools {

using models::report::terminal_safe;
using models::scenario::ScenarioError;

uint64_t parse_whole_number(std::string_view option, std::string_view text, uint64_t min,
                            uint64_t max) {
  const auto bad = [&] {
    return ScenarioError({std::string(option) + " " + terminal_safe(text) +
                          ": expected a whole number from " + std::to_string(min) + " to " +
                          std::to_string(max)});
  };
  if (text.empty()) throw bad();
  uint64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') throw bad();
    const auto digit = static_cast<uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) throw bad();  // beyond 2^64 - 1
    value = value * 10 + digit;
  }
  if (value < min || value > max) throw bad();
  return value;
}

void require_utf8(std::string_view option, std::string_view text) {
  const std::optional<size_t> at = models::report::invalid_utf8_at(text);
  if (!at) return;
  char byte[8];
  std::snprintf(byte, sizeof byte, "0x%02X",
                static_cast<unsigned>(static_cast<unsigned char>(text[*at])));
  throw ScenarioError({std::string(option) + " " + terminal_safe(text) +
                       ": not valid UTF-8 (byte " + byte + " at offset " + std::to_string(*at) +
                       "); drsim reads its arguments as UTF-8 text"});
}

std::string unknown_command_message(std::string_view word,
                                    const std::vector<std::string>& commands) {
  std::string out = "unknown command " + models::scenario::in_quotes(word);
  if (const std::optional<std::string> match = models::scenario::closest_match(word, commands)) {
    return out + "; did you mean \"" + *match + "\"?";
  }
  out += " (commands:";
  for (size_t i = 0; i < commands.size(); ++i) out += (i ? ", " : " ") + commands[i];
  return out + ")";
}

}  // namespace drsim::tools
