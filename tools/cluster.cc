#include "tools/cluster.h"

#include <cstdint>
#include <cstdlib>
#include <exception>

#include "models/scenario/loader.h"

#ifdef DRSIM_HAVE_MPI
#include <mpi.h>
#endif

namespace drsim::tools {
namespace {

using models::scenario::ScenarioError;

// Set by the launchers drsim knows: Open MPI's mpirun, and PMI/PMIx ones (Slurm's srun, Hydra).
bool started_by_mpi_launcher() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') return true;
  }
  return false;
}

#ifdef DRSIM_HAVE_MPI
constexpr int kTagLength = 1;
constexpr int kTagBytes = 2;
constexpr size_t kPiece = size_t{1} << 24;  // 16 MiB: MPI counts are ints; keeps buffers small

void send_length(uint64_t length) {
  MPI_Send(&length, 1, MPI_UINT64_T, 0, kTagLength, MPI_COMM_WORLD);
}

uint64_t receive_length(int from) {
  uint64_t length = 0;
  MPI_Recv(&length, 1, MPI_UINT64_T, from, kTagLength, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return length;
}

void send_piece(const char* data, size_t n) {
  MPI_Send(data, static_cast<int>(n), MPI_BYTE, 0, kTagBytes, MPI_COMM_WORLD);
}

void receive_piece(int from, char* data, size_t n) {
  MPI_Recv(data, static_cast<int>(n), MPI_BYTE, from, kTagBytes, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
}

void send_text(const std::string& text) {
  send_length(text.size());
  for (size_t at = 0; at < text.size(); at += kPiece) {
    send_piece(text.data() + at, std::min(kPiece, text.size() - at));
  }
}

std::string receive_text(int from) {
  std::string text(receive_length(from), '\0');
  for (size_t at = 0; at < text.size(); at += kPiece) {
    receive_piece(from, text.data() + at, std::min(kPiece, text.size() - at));
  }
  return text;
}

// The lines of the ranks' messages, which only MPI gathers.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}
#endif

}  // namespace

Cluster::Cluster([[maybe_unused]] int& argc, [[maybe_unused]] char**& argv) {
  if (!started_by_mpi_launcher()) return;
#ifdef DRSIM_HAVE_MPI
  MPI_Init(&argc, &argv);
  mpi_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
#else
  throw ScenarioError(
      {"drsim was started by an MPI launcher but built without MPI: install libopenmpi-dev and "
       "rebuild (CMake finds it), or run without mpirun (--shard K/N and drsim merge spread a "
       "run over processes without MPI)"});
#endif
}

Cluster::~Cluster() {
#ifdef DRSIM_HAVE_MPI
  if (mpi_) MPI_Finalize();
#endif
}

void Cluster::together(const std::function<void()>& phase) const {
  std::vector<std::string> problems;
  try {
    phase();
  } catch (const ScenarioError& e) {
    if (!mpi_) throw Agreed(e.problems());
    problems = e.problems();
  }
#ifdef DRSIM_HAVE_MPI
  if (!mpi_) return;
  int failed = problems.empty() ? 0 : 1;
  MPI_Allreduce(MPI_IN_PLACE, &failed, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  if (failed == 0) return;
  std::string mine;
  for (const std::string& p : problems) mine += p + "\n";
  const std::vector<std::string> texts = gather(mine);
  if (!root()) {
    throw Agreed(problems.empty() ? std::vector<std::string>{"failed on another rank"} : problems);
  }
  std::vector<std::string> all = problems;
  for (size_t k = 1; k < texts.size(); ++k) {
    if (texts[k] == texts[0]) continue;
    for (const std::string& line : lines_of(texts[k])) {
      all.push_back("rank " + std::to_string(k) + ": " + line);
    }
  }
  throw Agreed(all);
#endif
}

bool Cluster::any(bool mine) const {
#ifdef DRSIM_HAVE_MPI
  if (!mpi_) return mine;
  int flag = mine ? 1 : 0;
  MPI_Allreduce(MPI_IN_PLACE, &flag, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  return flag != 0;
#else
  return mine;
#endif
}

std::vector<std::string> Cluster::gather(const std::string& text) const {
  if (!mpi_) return {text};
#ifdef DRSIM_HAVE_MPI
  if (!root()) {
    send_text(text);
    return {};
  }
  std::vector<std::string> texts{text};
  for (int k = 1; k < size_; ++k) texts.push_back(receive_text(k));
  return texts;
#else
  return {text};
#endif
}

void Cluster::concatenate([[maybe_unused]] std::FILE* part,
                          [[maybe_unused]] std::ostream* out) const {
#ifdef DRSIM_HAVE_MPI
  if (!mpi_) return;
  std::string buffer(kPiece, '\0');
  if (!root()) {
    std::fflush(part);
    std::fseek(part, 0, SEEK_END);
    const long length = std::ftell(part);
    std::rewind(part);
    send_length(length > 0 ? static_cast<uint64_t>(length) : 0);
    for (uint64_t left = length > 0 ? static_cast<uint64_t>(length) : 0; left > 0;) {
      const size_t n = std::fread(buffer.data(), 1, std::min<uint64_t>(kPiece, left), part);
      if (n == 0) abort(1);  // the rank's own temporary file vanished: nothing sane to send
      send_piece(buffer.data(), n);
      left -= n;
    }
    return;
  }
  for (int k = 1; k < size_; ++k) {
    for (uint64_t left = receive_length(k); left > 0;) {
      const size_t n = static_cast<size_t>(std::min<uint64_t>(kPiece, left));
      receive_piece(k, buffer.data(), n);
      out->write(buffer.data(), static_cast<std::streamsize>(n));
      left -= n;
    }
  }
#endif
}

void Cluster::abort([[maybe_unused]] int status) const {
#ifdef DRSIM_HAVE_MPI
  if (mpi_) MPI_Abort(MPI_COMM_WORLD, status);
#endif
}

}  // namespace drsim::tools
