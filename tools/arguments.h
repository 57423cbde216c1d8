// Checked readers of command-line values: whole numbers that are range-checked instead of wrapped,
// text that must be UTF-8, and the "did you mean" for a command that does not exist.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace drsim::tools {

// `text` as a whole number in [min, max]: decimal digits only (leading zeros allowed, so "010" is
// ten), no sign, exponent, point or spaces. Throws scenario::ScenarioError naming the option and
// the range otherwise: `--seed -1: expected a whole number from 0 to 18446744073709551615`.
uint64_t parse_whole_number(std::string_view option, std::string_view text, uint64_t min,
                            uint64_t max);

// Throws scenario::ScenarioError when `text` is not valid UTF-8, naming `option` (such as "--set"
// or "scenario") and showing `text` with the bad bytes escaped.
void require_utf8(std::string_view option, std::string_view text);

// What to say about `word` given where a command was expected (without "error: "):
// `unknown command "rnu"; did you mean "run"?`, or the list of commands when none is close.
std::string unknown_command_message(std::string_view word,
                                    const std::vector<std::string>& commands);

}  // namespace drsim::tools
