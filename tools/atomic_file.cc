// Atomic output files and the check of every output before a command starts.
#include "tools/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <streambuf>

#include "models/report/text.h"
#include "models/scenario/loader.h"

namespace drsim::tools {
namespace {

namespace fs = std::filesystem;
using models::report::terminal_safe;
using models::scenario::ScenarioError;

std::string reason(int error) { return std::strerror(error); }

// The file a path writes: the target of a symbolic link (the link stays), else the path itself.
std::string resolved_target(const std::string& path) {
  std::error_code ec;
  if (fs::is_symlink(fs::symlink_status(path, ec))) {
    const fs::path target = fs::weakly_canonical(path, ec);
    if (!ec) return target.string();
  }
  return path;
}

std::string folder_of(const std::string& target) {
  const fs::path folder = fs::path(target).parent_path();
  return folder.empty() ? "." : folder.string();
}

// Creates ".<name>.XXXXXX" beside `target`, exclusively (O_EXCL, as mkstemp does), and returns its
// descriptor with its path in `temp`; -1 with errno set when it cannot.
int create_temp(const std::string& target, std::string& temp) {
  const fs::path p(target);
  std::string name = (p.parent_path() / ("." + p.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd >= 0) temp = name;
  return fd;
}

// The process's umask. It can only be read by setting it, so it is set back at once; no other
// thread of drsim creates files meanwhile.
mode_t process_umask() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}

bool is_special(const fs::file_status& st) {
  return fs::exists(st) && !fs::is_regular_file(st) && !fs::is_directory(st);
}

}  // namespace

// Buffered writes to a file descriptor that remember the first error's errno.
class AtomicFile::Buffer : public std::streambuf {
 public:
  explicit Buffer(int fd) : fd_(fd) { setp(data_, data_ + sizeof data_); }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (sync() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (n < static_cast<std::streamsize>(sizeof data_)) return std::streambuf::xsputn(s, n);
    if (sync() != 0 || !write_all(s, static_cast<size_t>(n))) return 0;
    return n;
  }
  int sync() override {
    const size_t n = static_cast<size_t>(pptr() - pbase());
    setp(data_, data_ + sizeof data_);
    return write_all(data_, n) ? 0 : -1;
  }

 private:
  bool write_all(const char* s, size_t n) {
    if (error_ != 0) return false;
    while (n > 0) {
      const ssize_t w = ::write(fd_, s, n);
      if (w < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        return false;
      }
      s += w;
      n -= static_cast<size_t>(w);
    }
    return true;
  }

  int fd_;
  int error_ = 0;
  char data_[1 << 16];
};

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  if (path_ == "-") return;
  const std::string shown = terminal_safe(path_);
  std::error_code ec;
  const fs::file_status st = fs::status(path_, ec);
  if (fs::is_directory(st)) throw OutputError(shown + ": cannot write: it is a directory");
  if (is_special(st)) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd_ < 0) throw OutputError(shown + ": cannot write: " + reason(errno));
  } else {
    target_ = resolved_target(path_);
    fd_ = create_temp(target_, temp_);
    if (fd_ < 0) {
      throw OutputError(shown + ": cannot create a temporary file in " +
                        terminal_safe(folder_of(target_)) + ": " + reason(errno));
    }
    struct stat existing {};
    const mode_t mode = ::stat(target_.c_str(), &existing) == 0 && S_ISREG(existing.st_mode)
                            ? existing.st_mode & 0777
                            : 0666 & ~process_umask();
    ::fchmod(fd_, mode);  // best effort: the file is ours, this fails only on odd file systems
  }
  buffer_ = std::make_unique<Buffer>(fd_);
  stream_ = std::make_unique<std::ostream>(buffer_.get());
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_ && !temp_.empty()) ::unlink(temp_.c_str());
}

std::ostream& AtomicFile::stream() { return path_ == "-" ? std::cout : *stream_; }

std::string standard_output_error() {
  errno = 0;
  std::cout.flush();
  if (std::cout) return "";
  if (errno != 0) return reason(errno);
  // The stream failed in an earlier write, whose errno is gone: one more byte says why (the
  // output is broken already).
  if (::write(STDOUT_FILENO, "\n", 1) < 0) return reason(errno);
  return "write error";
}

void AtomicFile::commit() {
  if (path_ == "-") {
    const std::string error = standard_output_error();
    if (!error.empty()) throw OutputError("standard output: cannot write: " + error);
    return;
  }
  const std::string shown = terminal_safe(path_);
  stream_->flush();
  if (!*stream_ || buffer_->error() != 0) {
    throw OutputError(shown +
                      ": cannot write: " + reason(buffer_->error() != 0 ? buffer_->error() : EIO));
  }
  const bool direct = temp_.empty();
  // A regular file reaches the disk before it replaces the old one, so that a crash leaves the
  // old file or the new one, never an empty one.
  if (!direct && ::fsync(fd_) != 0) throw OutputError(shown + ": cannot write: " + reason(errno));
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0 && !direct) throw OutputError(shown + ": cannot write: " + reason(errno));
  if (direct) return;
  if (::rename(temp_.c_str(), target_.c_str()) != 0) {
    throw OutputError(shown + ": cannot replace it: " + reason(errno));
  }
  committed_ = true;
}

void check_outputs(const std::vector<OutputPath>& outputs, const std::vector<std::string>& inputs) {
  std::vector<std::string> problems;
  // What each output writes, to find two outputs (or an output and an input) that are one file.
  struct Seen {
    const OutputPath* output;
    fs::path identity;
  };
  std::vector<Seen> seen;
  const auto identity_of = [](const std::string& path) -> std::optional<fs::path> {
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (fs::is_character_file(st)) return std::nullopt;  // /dev/null may take several outputs
    const fs::path absolute = fs::absolute(path, ec);
    if (ec) return fs::path(path).lexically_normal();
    const fs::path canonical = fs::weakly_canonical(absolute, ec);
    return ec ? absolute.lexically_normal() : canonical;
  };
  for (const OutputPath& out : outputs) {
    if (out.path.empty()) continue;
    const std::string name = out.option + " " + terminal_safe(out.path);
    if (out.path == "-") {
      for (const Seen& s : seen) {
        if (s.identity == "-") {
          problems.push_back(name + ": standard output is already taken by " + s.output->option +
                             " -");
        }
      }
      seen.push_back({&out, "-"});
      continue;
    }
    std::error_code ec;
    const fs::file_status st = fs::status(out.path, ec);
    if (fs::is_directory(st)) {
      problems.push_back(name + ": is a directory; give a file name");
      continue;
    }
    if (is_special(st)) {
      if (::access(out.path.c_str(), W_OK) != 0) {
        problems.push_back(name + ": cannot write: " + reason(errno));
        continue;
      }
    } else {
      const std::string target = resolved_target(out.path);
      const std::string folder = folder_of(target);
      std::string temp;
      const int fd = create_temp(target, temp);
      if (fd < 0) {
        problems.push_back(name + ": cannot create a file in " + terminal_safe(folder) + ": " +
                           reason(errno));
        continue;
      }
      ::close(fd);
      ::unlink(temp.c_str());
    }
    const std::optional<fs::path> identity = identity_of(out.path);
    if (!identity) continue;
    bool duplicate = false;
    for (const Seen& s : seen) {
      if (s.identity == *identity) {
        problems.push_back(name + ": the same file as " + s.output->option + " " +
                           terminal_safe(s.output->path));
        duplicate = true;
        break;
      }
    }
    for (const std::string& in : inputs) {
      if (!duplicate && identity_of(in) == identity) {
        problems.push_back(name + ": would replace the input file " + terminal_safe(in));
        duplicate = true;
      }
    }
    if (!duplicate) seen.push_back({&out, *identity});
  }
  if (!problems.empty()) throw ScenarioError(problems);
}

}  // namespace drsim::tools
