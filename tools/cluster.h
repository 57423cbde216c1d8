// The processes of one drsim command: the ranks of an MPI job when drsim is built with MPI and
// started by mpirun (or another MPI launcher), else this process alone. Each rank runs its part of
// the trials; rank 0 gathers the parts and writes every output (docs/scaling.md).
#pragma once

#include <cstdio>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "models/scenario/loader.h"

namespace drsim::tools {

class Cluster {
 public:
  // What together() throws: every rank failed in the same phase.
  class Agreed : public models::scenario::ScenarioError {
   public:
    using ScenarioError::ScenarioError;
  };

  // Joins the MPI job when an MPI launcher started this process (MPI_Init). Throws
  // scenario::ScenarioError when one did but drsim was built without MPI: every process would
  // run the whole command and write the same files.
  Cluster(int& argc, char**& argv);
  // Leaves the MPI job (MPI_Finalize).
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool root() const { return rank_ == 0; }

  // Every collective below must be called by every rank, in the same order.

  // Runs `phase` on every rank. When it throws scenario::ScenarioError on any rank, it throws
  // Agreed on every rank: rank 0's error lists its own problems and the other ranks' that differ,
  // prefixed "rank K: ". So a bad file ends every rank with one clear message, not a hang.
  void together(const std::function<void()>& phase) const;

  // True on every rank when `mine` is true on any rank: how the ranks agree to stop (a signal
  // reaches them at slightly different moments).
  bool any(bool mine) const;

  // Every rank's `text` in rank order on rank 0; nothing elsewhere.
  std::vector<std::string> gather(const std::string& text) const;

  // Copies every rank's `part` (from its start) to `out` on rank 0, in rank order after rank 0's
  // own, in bounded pieces. `part` may be null on rank 0, whose rows are already in `out`.
  void concatenate(std::FILE* part, std::ostream* out) const;

  // Ends every rank of the job with `status` (MPI_Abort), for a failure on one rank that the
  // others cannot learn of; returns only without MPI.
  void abort(int status) const;

 private:
  int rank_ = 0;
  int size_ = 1;
  bool mpi_ = false;
};

}  // namespace drsim::tools
