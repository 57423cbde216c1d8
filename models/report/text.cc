// Terminal-safe text: escaping and display widths.
#include "models/report/text.h"

#include <cstdio>

namespace drsim::models::report {
namespace {

// The length (2 to 4) of the valid UTF-8 sequence of a character at U+0080 or above that starts
// `text`, with its code point; nullopt when `text` does not start with one.
struct Sequence {
  size_t length;
  char32_t code_point;
};

std::optional<Sequence> multibyte_at(std::string_view text) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  size_t length;
  char32_t cp, min;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, cp = lead & 0x1F, min = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, cp = lead & 0x0F, min = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, cp = lead & 0x07, min = 0x10000;
  } else {
    return std::nullopt;
  }
  if (text.size() < length) return std::nullopt;
  for (size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (byte(i) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  return Sequence{length, cp};
}

// Characters at U+0080 or above that can move or reorder what a terminal shows.
bool is_unsafe_code_point(char32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

std::string terminal_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char buf[16];
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
      ++i;
    } else if (c == '\n') {
      out += "\\n";
      ++i;
    } else if (c == '\t') {
      out += "\\t";
      ++i;
    } else if (const std::optional<Sequence> s = multibyte_at(text.substr(i))) {
      if (is_unsafe_code_point(s->code_point)) {
        std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(s->code_point));
        out += buf;
      } else {
        out.append(text.substr(i, s->length));
      }
      i += s->length;
    } else {
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
      out += buf;
      ++i;
    }
  }
  return out;
}

size_t display_width(std::string_view text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size(); ++width) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::optional<Sequence> s = c < 0x80 ? std::nullopt : multibyte_at(text.substr(i));
    i += s ? s->length : 1;
  }
  return width;
}

std::string pad_right(std::string_view text, size_t width) {
  std::string out(text);
  const size_t shown = display_width(text);
  if (shown < width) out.append(width - shown, ' ');
  return out;
}

std::optional<size_t> invalid_utf8_at(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::optional<Sequence> s = multibyte_at(text.substr(i));
    if (!s) return i;
    i += s->length;
  }
  return std::nullopt;
}

}  // namespace drsim::models::report
