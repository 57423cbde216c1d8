// Text from scenarios and the command line, made safe and aligned for a terminal: escapes for
// control characters and bytes that are not UTF-8, and widths counted in characters, not bytes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace drsim::models::report {

// `text` with everything that could move the cursor, change colours or reorder the line escaped
// as visible text: line feed and tab as "\n" and "\t", other C0 controls, DEL and each byte that
// is not part of valid UTF-8 as "\x1b"-style escapes, and C1 controls (U+0080-U+009F), the
// bidirectional controls (U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and the line and
// paragraph separators (U+2028, U+2029) as "\u009b"-style escapes. Valid UTF-8 otherwise is kept
// as it is ("é", "≥", "—"), and so are backslashes. Applied to a name before it is printed, the
// result is one line whose display_width() is what the terminal shows.
std::string terminal_safe(std::string_view text);

// The number of terminal columns `text` takes, counted as one per UTF-8 character (and one per
// byte that is not valid UTF-8). Characters that are wide (CJK) or combining are counted as one.
size_t display_width(std::string_view text);

// `text` followed by spaces up to `width` display columns (unchanged when it is as wide already).
std::string pad_right(std::string_view text, size_t width);

// The offset of the first byte of `text` that is not valid UTF-8 (overlong forms, surrogates and
// code points above U+10FFFF are invalid), or nullopt when all of it is valid.
std::optional<size_t> invalid_utf8_at(std::string_view text);

}  // namespace drsim::models::report
