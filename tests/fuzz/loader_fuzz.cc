// libFuzzer target: bytes as a scenario file. Bad input must only ever raise ScenarioError
// (DESIGN.md §3); any other exception, a sanitizer report, a hang or a memory blow-up is a
// finding. A scenario the loader accepts must also give its warnings, and load again to an equal
// Scenario from what scenario_to_json writes (writer.h's contract).
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "models/scenario/loader.h"
#include "models/scenario/writer.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using drsim::models::scenario::Scenario;
using drsim::models::scenario::ScenarioError;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Scenario s;
  try {
    s = drsim::models::scenario::load_scenario_text(text, "fuzz.json", drsim::fuzz::base_dir());
  } catch (const ScenarioError& e) {
    if (e.problems().empty()) drsim::fuzz::finding("ScenarioError without a problem");
    return 0;
  } catch (const std::exception& e) {
    drsim::fuzz::unexpected_exception("load_scenario_text", e);
  }
  std::string written;
  try {
    (void)drsim::models::scenario::scenario_warnings(s);
    written = drsim::models::scenario::scenario_to_json(s).dump(2);
  } catch (const std::exception& e) {
    drsim::fuzz::unexpected_exception("scenario_warnings/scenario_to_json", e);
  }
  try {
    const Scenario again = drsim::models::scenario::load_scenario_text(written, "written.json",
                                                                        drsim::fuzz::base_dir());
    if (!(again == s)) {
      drsim::fuzz::finding("the written scenario loads to a different Scenario", written);
    }
  } catch (const ScenarioError& e) {
    drsim::fuzz::finding("the written scenario does not load again",
                         std::string(e.what()) + "\n--- written:\n" + written);
  } catch (const std::exception& e) {
    drsim::fuzz::unexpected_exception("loading the written scenario", e);
  }
  return 0;
}
