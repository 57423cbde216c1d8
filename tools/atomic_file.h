// Output files of the drsim command: checked before any work starts (check_outputs), then written
// atomically (AtomicFile), so a reader never sees a truncated file and nothing is left behind.
#pragma once

#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace drsim::tools {

// A result that was computed but could not be written: a full disk, an output folder removed
// during the run, standard output closed or full. drsim exits with status 1 (a failure of the
// machine, not of the input).
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A file written atomically: a temporary file in the target's folder, named ".<name>.XXXXXX"
// (unpredictable, created exclusively), renamed over the target by commit(), so readers never
// see a truncated file. Dropped uncommitted (an error, an exception), the temporary file is
// removed. The result keeps the permission bits of the file it replaces; a new file gets
// 0666 & ~umask, as any other program's output would. "-" means standard output. What is not a
// regular file (a device such as /dev/null or /dev/stdout, a FIFO) is written directly: renaming
// over it would replace it. A symbolic link to a file stays a link: its target is replaced.
class AtomicFile {
 public:
  // Opens the temporary file (or the device or FIFO; a FIFO blocks until it has a reader).
  // Throws OutputError when it cannot.
  explicit AtomicFile(std::string path);
  // Removes the temporary file unless committed.
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream();

  // Writes everything out, flushes it to disk and renames the temporary file over the target.
  // Throws OutputError naming the path and the reason when any step fails (the temporary file
  // is then removed by the destructor).
  void commit();

  // The temporary file's path while it exists; empty for "-", devices and FIFOs (tests).
  const std::string& temp_path() const { return temp_; }

 private:
  class Buffer;

  std::string path_, target_, temp_;
  int fd_ = -1;
  std::unique_ptr<Buffer> buffer_;
  std::unique_ptr<std::ostream> stream_;
  bool committed_ = false;
};

// One output of a command: the option that names it ("--json") and its path ("-" is standard
// output).
struct OutputPath {
  std::string option;
  std::string path;
};

// Checks every output with a non-empty path before any work starts, as AtomicFile will write it:
// not a directory; for a regular file (or a new one, or one behind a symbolic link), its folder
// exists and a temporary file can be created there (one is created and removed); a device or
// FIFO is writable. No two outputs may be the same file (compared after resolving: "a.json",
// "./a.json" and a link to it are the same; "-" twice is standard output twice; devices such as
// /dev/null may be shared), and no output may be one of `inputs` (the scenario or state files
// read). Throws scenario::ScenarioError listing every problem, each naming the option, the path
// and the reason.
void check_outputs(const std::vector<OutputPath>& outputs,
                   const std::vector<std::string>& inputs = {});

// Flushes standard output; empty when everything written to it arrived, else why it did not
// ("No space left on device").
std::string standard_output_error();

}  // namespace drsim::tools
