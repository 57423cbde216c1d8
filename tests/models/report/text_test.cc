// Terminal-safe text: control characters, escape sequences and invalid UTF-8 become visible
// escapes, valid UTF-8 stays, and widths count characters so that tables line up.
#include "models/report/text.h"

#include <gtest/gtest.h>

#include <string>

namespace drsim::models::report::text_test {
namespace {

TEST(TerminalSafe, KeepsPrintableAsciiAndValidUtf8) {
  EXPECT_EQ(terminal_safe("tracker-db (us-east-1)"), "tracker-db (us-east-1)");
  EXPECT_EQ(terminal_safe("café ≥ 99.9 % — 東京 🙂"), "café ≥ 99.9 % — 東京 🙂");
  EXPECT_EQ(terminal_safe(R"(C:\backups)"), R"(C:\backups)");
  EXPECT_EQ(terminal_safe(""), "");
}

TEST(TerminalSafe, EscapesControlCharactersAndEscapeSequences) {
  EXPECT_EQ(terminal_safe("a\nb\tc"), "a\\nb\\tc");
  EXPECT_EQ(terminal_safe("\x1b[31mred\x1b[0m"), "\\x1b[31mred\\x1b[0m");
  EXPECT_EQ(terminal_safe(std::string("nul\0here", 8)), "nul\\x00here");
  EXPECT_EQ(terminal_safe("back\rspace\b\x7f"), "back\\x0dspace\\x08\\x7f");
  // C1 controls are valid UTF-8 (U+009B is the one-character CSI) but act like ESC [.
  EXPECT_EQ(terminal_safe("\xc2\x9b"
                          "31m"),
            "\\u009b31m");
  EXPECT_EQ(terminal_safe("\xc2\x85"), "\\u0085");
}

TEST(TerminalSafe, EscapesBidirectionalControlsAndLineSeparators) {
  EXPECT_EQ(terminal_safe("abc\u202Edef"), "abc\\u202edef");
  EXPECT_EQ(terminal_safe("\u2066x\u2069"), "\\u2066x\\u2069");
  EXPECT_EQ(terminal_safe("\u200F"), "\\u200f");
  EXPECT_EQ(terminal_safe("a\u2028b"), "a\\u2028b");
}

TEST(TerminalSafe, EscapesEachByteThatIsNotUtf8) {
  EXPECT_EQ(terminal_safe("name=\xff"), "name=\\xff");
  EXPECT_EQ(terminal_safe("\xc3"), "\\xc3");                    // truncated sequence
  EXPECT_EQ(terminal_safe("\xc3(x"), "\\xc3(x");                // lead byte without continuation
  EXPECT_EQ(terminal_safe("\xc0\xaf"), "\\xc0\\xaf");           // overlong "/"
  EXPECT_EQ(terminal_safe("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a UTF-16 surrogate
  EXPECT_EQ(terminal_safe("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");  // above U+10FFFF
  EXPECT_EQ(terminal_safe("\x80"), "\\x80");
}

TEST(TerminalSafe, ResultIsOneSafeLine) {
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  const std::string safe = terminal_safe(all);
  for (const char c : safe) {
    const auto u = static_cast<unsigned char>(c);
    EXPECT_TRUE(u >= 0x20 && u < 0x7F) << static_cast<int>(u);
  }
  EXPECT_EQ(display_width(safe), safe.size());
}

TEST(DisplayWidth, CountsCharactersNotBytes) {
  EXPECT_EQ(display_width(""), 0u);
  EXPECT_EQ(display_width("abc"), 3u);
  EXPECT_EQ(display_width("café"), 4u);
  EXPECT_EQ(display_width("≥ 4d"), 4u);
  EXPECT_EQ(display_width("🙂"), 1u);
  EXPECT_EQ(display_width("\xff\xfe"), 2u);
  EXPECT_EQ(display_width(terminal_safe("a\x1b")), 5u);  // a\x1b
}

TEST(PadRight, PadsToDisplayWidth) {
  EXPECT_EQ(pad_right("ab", 4), "ab  ");
  EXPECT_EQ(pad_right("é", 3), "é  ");
  EXPECT_EQ(pad_right("—x", 3), "—x ");
  EXPECT_EQ(pad_right("long", 2), "long");
  // Two names of different byte lengths line up.
  EXPECT_EQ(display_width(pad_right("café-db", 10)), display_width(pad_right("cafe-db", 10)));
}

TEST(InvalidUtf8At, FindsTheFirstBadByte) {
  EXPECT_EQ(invalid_utf8_at("plain"), std::nullopt);
  EXPECT_EQ(invalid_utf8_at("é ≥ 🙂"), std::nullopt);
  EXPECT_EQ(invalid_utf8_at("name=\xff"), 5u);
  EXPECT_EQ(invalid_utf8_at("é\xc3"), 2u);
  EXPECT_EQ(invalid_utf8_at("\xed\xa0\x80"), 0u);
}

}  // namespace
}  // namespace drsim::models::report::text_test
