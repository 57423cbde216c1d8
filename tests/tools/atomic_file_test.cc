// Output files: written atomically through a temporary file with an unpredictable name in the
// target's folder, removed on every failure; permissions kept; every output checked before work.
#include "tools/atomic_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/scenario/loader.h"

namespace drsim::tools::atomic_file_test {
namespace {

namespace fs = std::filesystem;
using models::scenario::ScenarioError;

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("atomic_file_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  static std::string read(const std::string& p) {
    std::ifstream in(p);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  // Every file of the folder, hidden ones included.
  std::vector<std::string> files() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
  static mode_t mode_of(const std::string& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    return st.st_mode & 0777;
  }
  std::vector<std::string> problems_of(const std::vector<OutputPath>& outputs,
                                       const std::vector<std::string>& inputs = {}) const {
    try {
      check_outputs(outputs, inputs);
    } catch (const ScenarioError& e) {
      return e.problems();
    }
    return {};
  }

  fs::path dir_;
};

TEST_F(AtomicFileTest, TheTargetAppearsOnlyOnCommit) {
  const std::string target = path("result.json");
  AtomicFile file(target);
  const fs::path temp = file.temp_path();
  EXPECT_EQ(temp.parent_path(), dir_);
  EXPECT_EQ(temp.filename().string().rfind(".result.json.", 0), 0u) << temp;
  EXPECT_EQ(temp.filename().string().size(), std::string(".result.json.XXXXXX").size());
  file.stream() << "{}\n";
  EXPECT_FALSE(fs::exists(target));
  file.commit();
  EXPECT_EQ(read(target), "{}\n");
  EXPECT_EQ(files(), std::vector<std::string>{"result.json"});
}

TEST_F(AtomicFileTest, TemporaryNamesAreUnpredictable) {
  AtomicFile a(path("x.csv")), b(path("x.csv"));
  EXPECT_NE(a.temp_path(), b.temp_path());
}

TEST_F(AtomicFileTest, DroppedUncommittedItLeavesNothingAndKeepsTheOldFile) {
  const std::string target = path("result.json");
  std::ofstream(target) << "old";
  {
    AtomicFile file(target);
    file.stream() << "half a result";
  }
  EXPECT_EQ(read(target), "old");
  EXPECT_EQ(files(), std::vector<std::string>{"result.json"});
  try {
    AtomicFile file(target);
    file.stream() << "half a result";
    throw std::runtime_error("a failure while writing");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(files(), std::vector<std::string>{"result.json"});
}

TEST_F(AtomicFileTest, KeepsTheReplacedFilesPermissions) {
  const std::string target = path("kept.json");
  std::ofstream(target) << "old";
  ::chmod(target.c_str(), 0640);
  AtomicFile file(target);
  file.stream() << "new";
  file.commit();
  EXPECT_EQ(read(target), "new");
  EXPECT_EQ(mode_of(target), 0640u);
}

TEST_F(AtomicFileTest, ANewFileGetsTheUmasksPermissionsNotMkstemps) {
  const mode_t mask = ::umask(022);
  AtomicFile file(path("new.json"));
  file.stream() << "x";
  file.commit();
  ::umask(mask);
  EXPECT_EQ(mode_of(path("new.json")), 0644u);
}

TEST_F(AtomicFileTest, ASymbolicLinkStaysALink) {
  std::ofstream(path("real.json")) << "old";
  fs::create_symlink("real.json", path("link.json"));
  AtomicFile file(path("link.json"));
  EXPECT_EQ(fs::path(file.temp_path()).parent_path(), fs::canonical(dir_));
  file.stream() << "new";
  file.commit();
  EXPECT_TRUE(fs::is_symlink(path("link.json")));
  EXPECT_EQ(read(path("real.json")), "new");
}

TEST_F(AtomicFileTest, ADeviceIsWrittenDirectly) {
  AtomicFile file("/dev/null");
  EXPECT_EQ(file.temp_path(), "");
  file.stream() << "nothing";
  file.commit();
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

TEST_F(AtomicFileTest, AFullDeviceIsAnOutputErrorWithTheReason) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  AtomicFile file("/dev/full");
  file.stream() << "x";
  try {
    file.commit();
    FAIL() << "no error";
  } catch (const OutputError& e) {
    EXPECT_STREQ(e.what(), "/dev/full: cannot write: No space left on device");
  }
}

TEST_F(AtomicFileTest, AMissingFolderIsAnOutputError) {
  EXPECT_THROW(AtomicFile(path("no/such/folder/x.json")), OutputError);
}

TEST_F(AtomicFileTest, CheckAcceptsWritableOutputsAndLeavesNothing) {
  std::ofstream(path("old.json")) << "old";
  EXPECT_TRUE(problems_of({{"--json", path("old.json")},
                           {"--csv", path("new.csv")},
                           {"--state", ""},
                           {"--html", "-"}})
                  .empty());
  EXPECT_EQ(files(), std::vector<std::string>{"old.json"});
  EXPECT_EQ(read(path("old.json")), "old");
}

TEST_F(AtomicFileTest, CheckNamesTheOptionThePathAndTheReason) {
  fs::create_directories(path("folder"));
  std::ofstream(path("file")) << "";
  const std::string missing = path("missing/x.json"), folder = path("folder"),
                    under_file = path("file/x.json");
  EXPECT_EQ(problems_of({{"--json", missing}, {"--csv", folder}, {"--state", under_file}}),
            (std::vector<std::string>{"--json " + missing + ": cannot create a file in " +
                                          path("missing") + ": No such file or directory",
                                      "--csv " + folder + ": is a directory; give a file name",
                                      "--state " + under_file + ": cannot create a file in " +
                                          path("file") + ": Not a directory"}));
}

TEST_F(AtomicFileTest, CheckRefusesOneFileForTwoOutputs) {
  const std::string a = path("a.json");
  const std::string same = (dir_ / "." / "a.json").string();
  EXPECT_EQ(problems_of({{"--json", a}, {"--state", same}}),
            std::vector<std::string>{"--state " + same + ": the same file as --json " + a});
  EXPECT_EQ(problems_of({{"--json", "-"}, {"--csv", "-"}}),
            std::vector<std::string>{"--csv -: standard output is already taken by --json -"});
  std::ofstream(path("real.json")) << "";
  fs::create_symlink("real.json", path("link.json"));
  EXPECT_EQ(problems_of({{"--json", path("real.json")}, {"--csv", path("link.json")}}).size(), 1u);
  // A device such as /dev/null can take several outputs.
  EXPECT_TRUE(problems_of({{"--json", "/dev/null"}, {"--csv", "/dev/null"}}).empty());
}

TEST_F(AtomicFileTest, CheckRefusesAnOutputThatWouldReplaceAnInput) {
  const std::string scenario = path("s.json");
  std::ofstream(scenario) << "{}";
  EXPECT_EQ(problems_of({{"--json", scenario}}, {scenario}),
            std::vector<std::string>{"--json " + scenario + ": would replace the input file " +
                                     scenario});
}

TEST_F(AtomicFileTest, CheckSaysWhenAFolderIsNotWritable) {
  if (::geteuid() == 0) GTEST_SKIP() << "root may write anywhere";
  fs::create_directories(path("locked"));
  ::chmod(path("locked").c_str(), 0555);
  EXPECT_EQ(
      problems_of({{"--json", path("locked/x.json")}}),
      std::vector<std::string>{"--json " + path("locked/x.json") + ": cannot create a file in " +
                               path("locked") + ": Permission denied"});
  ::chmod(path("locked").c_str(), 0755);
}

}  // namespace
}  // namespace drsim::tools::atomic_file_test
