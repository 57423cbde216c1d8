// Negative tests: each tests/data/invalid/X.json fails to load, and the first problem is exactly
// the line in X.err. The label is the path relative to the repository root, as `drsim validate`
// run from there would print it.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "models/scenario/loader.h"
#include "tests/models/scenario/loader_test_support.h"

namespace drsim::models::scenario::invalid_inputs_test {
namespace {

const std::filesystem::path kInvalidDir =
    std::filesystem::path(DRSIM_SOURCE_DIR) / "tests" / "data" / "invalid";

std::vector<std::string> invalid_inputs() {
  std::vector<std::string> stems;
  if (!std::filesystem::is_directory(kInvalidDir)) return stems;
  for (const auto& entry : std::filesystem::directory_iterator(kInvalidDir)) {
    if (entry.path().extension() == ".json") stems.push_back(entry.path().stem().string());
  }
  std::sort(stems.begin(), stems.end());
  return stems;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string trimmed(std::string s) {
  const auto space = [](unsigned char c) { return std::isspace(c) != 0; };
  while (!s.empty() && space(s.back())) s.pop_back();
  s.erase(s.begin(), std::find_if_not(s.begin(), s.end(), space));
  return s;
}

class InvalidInput : public ::testing::TestWithParam<std::string> {};

TEST_P(InvalidInput, FirstProblemIsTheExpectedOne) {
  const std::filesystem::path json_file = kInvalidDir / (GetParam() + ".json");
  const std::filesystem::path err_file = kInvalidDir / (GetParam() + ".err");
  ASSERT_TRUE(std::filesystem::exists(err_file)) << err_file << " is missing";
  const std::string label = "tests/data/invalid/" + GetParam() + ".json";
  try {
    load_scenario_text(read_file(json_file), label, kInvalidDir.string());
    FAIL() << label << " loaded without problems";
  } catch (const ScenarioError& e) {
    ASSERT_FALSE(e.problems().empty());
    EXPECT_EQ(e.problems().front(), trimmed(read_file(err_file))) << "all problems:\n" << e.what();
  }
}

TEST(InvalidInputs, ThereIsOneFilePerKindOfBadInput) { EXPECT_GE(invalid_inputs().size(), 12u); }

INSTANTIATE_TEST_SUITE_P(Files, InvalidInput, ::testing::ValuesIn(invalid_inputs()),
                         loader_testing::file_param_name);

}  // namespace
}  // namespace drsim::models::scenario::invalid_inputs_test
