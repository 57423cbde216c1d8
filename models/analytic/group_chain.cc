// The chain of a protection group (build_chain). A state of the chain is a tuple (outages under
// way per stream; per instance: AZ, up, dark, awaiting placement, replacement on its way, storage
// intact; primary; failover target; writable; Aurora copies per AZ). The chain is every state
// reachable from "everything up" through the events below, each applied with the rules
// docs/scenario-format.md and docs/recovery.md state for the deployments.
#include "models/analytic/protection_group.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <compare>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "sim/check.h"
#include "models/analytic/group_parts.h"

namespace drsim::models::analytic {
namespace {

using namespace group;
using scenario::Deployment;
using scenario::FaultKind;
using sim::Distribution;

// ---- The state ----

struct Slot {     // one instance
  int8_t az = 0;  // local AZ index
  bool up = true;
  bool dark = false;       // down because its AZ is dark: comes back with the AZ
  bool awaiting = false;   // a replacement is ready but no AZ of the region can take it
  bool replacing = false;  // a replacement is on its way
  bool has_data = true;    // its storage survives (databases without shared storage)
  bool behind = false;     // it missed writes committed while it was down (DESIGN §4)
  friend auto operator<=>(const Slot&, const Slot&) = default;
};

struct State {
  std::vector<uint8_t> active;  // per stream: occurrences under way
  std::vector<Slot> instances;
  std::optional<int8_t> primary, promoting;
  bool writable = true;
  std::vector<uint8_t> alive;      // Aurora, per local AZ: copies not destroyed
  std::vector<uint8_t> destroyed;  // Aurora, per local AZ: destroyed copies being re-created
  friend auto operator<=>(const State&, const State&) = default;
};

class GroupModel {
 public:
  // With data loss, the chain follows only what decides whether a copy survives: the primary,
  // failovers and writability play no part in that and are dropped from the state, and so are
  // the instances over shared storage (Aurora's copies survive or not by themselves).
  // The events that destroy data are in the data-loss chain, and in the availability chain only
  // when a loss is permanent (otherwise the recovery that follows it is not modelled, and the
  // availability chain leaves them out).
  GroupModel(const ProtectionGroup& g, bool with_data_loss)
      : g_(g),
        data_only_(with_data_loss),
        destroying_(with_data_loss || g.loss_is_permanent) {
    for (const OutageStream& s : g.outages) {
      if (destroying_ || !s.destroys_data) streams_.push_back(&s);
    }
  }

  State start() const {
    State s;
    s.active.assign(streams_.size(), 0);
    for (int az : g_.instance_azs) {
      Slot slot;
      slot.az = static_cast<int8_t>(az);
      s.instances.push_back(slot);
    }
    s.primary = 0;
    if (shared_storage()) {
      s.alive.assign(g_.az_names.size(), 0);
      s.destroyed.assign(g_.az_names.size(), 0);
      for (int az : g_.storage_azs) s.alive[static_cast<size_t>(az)] += 2;
    }
    forget_service(s);
    return s;
  }

  void forget_service(State& s) const {
    if (!data_only_) return;
    s.primary.reset();
    s.promoting.reset();
    s.writable = false;
    if (shared_storage()) {
      for (size_t i = 0; i < s.instances.size(); ++i) {
        s.instances[i] = Slot{};
        s.instances[i].az = static_cast<int8_t>(g_.instance_azs[i]);
      }
    }
  }

  bool shared_storage() const { return !g_.storage_azs.empty(); }
  bool single_az() const { return g_.deployment == Deployment::kSingleAz; }

  std::vector<bool> darkness(const State& s) const {
    std::vector<bool> dark(g_.az_names.size(), false);
    for (size_t k = 0; k < streams_.size(); ++k) {
      if (s.active[k] == 0) continue;
      for (int az : streams_[k]->azs) dark[static_cast<size_t>(az)] = true;
    }
    return dark;
  }

  // A region outage is under way: nothing is started in the region.
  bool region_dark(const State& s) const {
    for (size_t k = 0; k < streams_.size(); ++k) {
      if (s.active[k] > 0 && streams_[k]->region) return true;
    }
    return false;
  }

  bool any_copy(const State& s) const {
    if (shared_storage()) {
      int surviving = 0;
      for (uint8_t n : s.alive) surviving += n;
      return surviving >= kReadQuorum;
    }
    return std::any_of(s.instances.begin(), s.instances.end(),
                       [](const Slot& i) { return i.has_data; });
  }

  // Every transition out of `s`: emit(rate, next). `next` may be a state without any copy of the
  // data (the caller makes it the absorbing loss), and is never `s` itself.
  template <class Emit>
  void transitions(const State& s, Emit&& emit) const;

  // Immediate steps (a zero-mean failover or replacement) happen at once.
  void settle(State& s) const;

  const ProtectionGroup& group() const { return g_; }
  size_t stream_count() const { return streams_.size(); }
  const OutageStream& stream(size_t k) const { return *streams_[k]; }
  double disaster_rate() const { return destroying_ ? g_.disaster_rate_per_s : 0; }
  double storage_failure_rate() const { return destroying_ ? g_.storage_failure_rate_per_s : 0; }

 private:
  friend class Step;
  const ProtectionGroup& g_;
  bool data_only_;
  bool destroying_;
  std::vector<const OutageStream*> streams_;
};

// One event applied to a state, through the rules of the deployment. `dark_` is the AZs as the
// database has been told so far: within an outage of several AZs they go dark (and come back)
// one at a time in the region's order, as the simulator announces them.
class Step {
 public:
  Step(const GroupModel& m, State& s)
      : m_(m), s_(s), dark_(m.darkness(s)), region_dark_(m.region_dark(s)) {}

  void instance_failure(int i) { instance_down(i, /*az_outage=*/false); }

  // The storage of instance `i`, which is up, is destroyed: it goes down as in a failure (a
  // failover if it was the primary, a replacement built from a surviving copy), without its data.
  void storage_failure(int i) {
    instance_down(i, /*az_outage=*/false);
    slot(i).has_data = false;
  }

  // One intact Aurora copy of AZ `az` is destroyed (dark or not); it is re-created after
  // `replace` (copy_repaired) while a read quorum survives.
  void copy_destroyed(int az) {
    const auto z = static_cast<size_t>(az);
    --s_.alive[z];
    ++s_.destroyed[z];
    quorum_changed();
  }

  void replacement_ready(int i) {
    slot(i).replacing = false;
    place(i);
  }

  void failover_done() {
    const int i = *s_.promoting;
    s_.promoting.reset();
    become_writable(i);
  }

  void az_down(int az) {
    dark_[static_cast<size_t>(az)] = true;
    for (int i = 0; i < instance_count(); ++i) {
      if (slot(i).az == az) instance_down(i, /*az_outage=*/true);
    }
    quorum_changed();
  }

  void az_up(int az) {
    dark_[static_cast<size_t>(az)] = false;
    for (int i = 0; i < instance_count(); ++i) {
      Slot& inst = slot(i);
      if (!inst.up && inst.dark && inst.az == az) {
        inst.replacing = false;  // the instance itself survived: no replacement needed
        instance_up(i);
      }
    }
    // Then a replacement that waited for an AZ (or for a copy up to build from) may go.
    for (int i = 0; i < instance_count(); ++i) {
      Slot& inst = slot(i);
      if (!inst.up && inst.awaiting && (is_free(az, i) || is_free(inst.az, i))) {
        inst.replacing = false;
        place(i);
      }
    }
    quorum_changed();
  }

  // A region outage begins: every instance goes down at once (dark), no failover starts inside
  // the region, and nothing is replaced there. Precedes the az_down of its AZs.
  void region_down() {
    region_dark_ = true;
    for (Slot& inst : s_.instances) {
      if (!inst.up) continue;
      inst.up = false;
      inst.dark = true;
    }
    s_.promoting.reset();
    if (s_.primary && !slot(*s_.primary).up) {
      s_.primary.reset();
      s_.writable = false;
    }
  }

  // The region outage ends (before its AZs come back): instances lost meanwhile are replaced.
  void region_up() {
    region_dark_ = false;
    for (Slot& inst : s_.instances) {
      if (!inst.up && !inst.dark && !inst.awaiting) inst.replacing = true;
    }
  }

  // Everything stored in the AZ is destroyed (a fire). Follows az_down of the same AZ.
  void az_destroyed(int az) {
    if (m_.shared_storage()) {
      const auto z = static_cast<size_t>(az);
      s_.destroyed[z] = static_cast<uint8_t>(s_.destroyed[z] + s_.alive[z]);
      s_.alive[z] = 0;
      return;
    }
    for (int i = 0; i < instance_count(); ++i) {
      Slot& inst = slot(i);
      if (inst.az != az || !inst.has_data) continue;
      inst.has_data = false;
      inst.behind = false;
      if (inst.dark) {  // it will not come back with its AZ: replace it instead (once the
        inst.dark = false;  // region is up: then region_up orders it)
        inst.replacing = !region_dark_;
      }
    }
  }

  // A destroyed Aurora copy of AZ `az` is re-created: in its own AZ if up, else in the first
  // AZ of the region that is up, else it tries again later (no change).
  void copy_repaired(int az) {
    std::optional<int> to;
    if (!dark_[static_cast<size_t>(az)]) {
      to = az;
    } else {
      for (int z = 0; z < static_cast<int>(dark_.size()); ++z) {
        if (!dark_[static_cast<size_t>(z)]) {
          to = z;
          break;
        }
      }
    }
    if (!to) return;
    --s_.destroyed[static_cast<size_t>(az)];
    ++s_.alive[static_cast<size_t>(*to)];
    quorum_changed();
  }

  const std::vector<bool>& dark() const { return dark_; }

 private:
  int instance_count() const { return static_cast<int>(s_.instances.size()); }
  Slot& slot(int i) { return s_.instances[static_cast<size_t>(i)]; }

  bool has_write_quorum() const {
    if (!m_.shared_storage()) return true;
    int available = 0;
    for (size_t z = 0; z < dark_.size(); ++z) available += dark_[z] ? 0 : s_.alive[z];
    return available >= kWriteQuorum;
  }

  bool is_free(int az, int i) const {
    if (dark_[static_cast<size_t>(az)]) return false;
    for (int j = 0; j < instance_count(); ++j) {
      if (j != i && s_.instances[static_cast<size_t>(j)].az == az) return false;
    }
    return true;
  }

  // Holds every write (over shared storage the data is on the copies, not the instances).
  bool is_current(const Slot& inst) const {
    return m_.shared_storage() || (inst.has_data && !inst.behind);
  }

  // Writes go on without the instances that are down: they fall behind.
  void mark_behind() {
    if (!s_.writable || m_.shared_storage()) return;
    for (Slot& inst : s_.instances) {
      if (!inst.up && inst.has_data) inst.behind = true;
    }
  }

  // Instances that are up catch up from one that holds every write, if one is up.
  void catch_up() {
    const bool source = std::any_of(s_.instances.begin(), s_.instances.end(),
                                    [this](const Slot& x) { return x.up && is_current(x); });
    if (!source) return;
    for (Slot& inst : s_.instances) {
      if (inst.up) inst.behind = false;
    }
  }

  // A replacement for instance i is ready: its own AZ if that is up, else the first AZ of the
  // region that is up and holds no other instance; with none, or with the region down, it waits.
  // In its own AZ it reattaches its own storage; anywhere else (or without storage) it is built
  // from an up instance that holds every write, and waits for one otherwise.
  void place(int i) {
    Slot& inst = slot(i);
    if (!m_.any_copy(s_)) return;  // nothing to build it from
    const int8_t own = inst.az;
    if (!is_free(inst.az, i)) {
      for (int az = 0; az < static_cast<int>(dark_.size()); ++az) {
        if (is_free(az, i)) {
          inst.az = static_cast<int8_t>(az);
          break;
        }
      }
    }
    if (!is_free(inst.az, i) || region_dark_) {
      inst.awaiting = true;
      return;
    }
    const bool reattach = inst.has_data && inst.az == own;
    if (!reattach && !m_.shared_storage()) {
      const bool source = std::any_of(s_.instances.begin(), s_.instances.end(),
                                      [&](const Slot& x) { return &x != &inst && x.up && is_current(x); });
      if (!source) {
        inst.az = own;
        inst.awaiting = true;
        return;
      }
      inst.has_data = true;
      inst.behind = false;
    }
    instance_up(i);
  }

  void instance_down(int i, bool az_outage) {
    Slot& inst = slot(i);
    if (!inst.up) return;
    inst.up = false;
    inst.dark = az_outage;
    if (s_.primary == i) {
      s_.primary.reset();
      s_.writable = false;
      start_failover();
    } else if (s_.promoting == i) {
      s_.promoting.reset();
      start_failover();  // to another standby, if one is up
    }
    mark_behind();  // a standby lost while writes go on misses them from now
    // A single-AZ instance in a dark AZ waits for the AZ; anything else is replaced (not while
    // the region is down).
    if (!(az_outage && m_.single_az()) && !region_dark_) inst.replacing = true;
  }

  // To the first standby that is up and holds every write.
  void start_failover() {
    for (int j = 0; j < instance_count(); ++j) {
      if (slot(j).up && is_current(slot(j))) {
        s_.promoting = static_cast<int8_t>(j);
        return;
      }
    }
  }

  void instance_up(int i) {
    instance_up_alone(i);
    // A replacement that waited for a copy to build from may go now (as in the simulator).
    for (int j = 0; j < instance_count(); ++j) {
      const Slot& other = slot(j);
      if (j != i && !other.up && other.awaiting && !other.dark) place(j);
    }
  }

  void instance_up_alone(int i) {
    Slot& inst = slot(i);
    inst.up = true;
    inst.dark = false;
    inst.awaiting = false;
    catch_up();
    if (s_.primary || s_.promoting) return;  // a standby
    // Nothing was serving: this instance takes the writes at once, if it holds every write.
    if (is_current(inst)) become_writable(i);
  }

  void become_writable(int i) {
    s_.primary = static_cast<int8_t>(i);
    if (has_write_quorum()) s_.writable = true;
    mark_behind();
    catch_up();
  }

  void quorum_changed() {
    if (s_.writable && !has_write_quorum()) {
      s_.writable = false;
    } else if (!s_.writable && s_.primary && !s_.promoting && has_write_quorum()) {
      s_.writable = true;
    }
  }

  const GroupModel& m_;
  State& s_;
  std::vector<bool> dark_;
  bool region_dark_;
};

void GroupModel::settle(State& s) const {
  for (int guard = 0; guard < 16; ++guard) {
    Step step(*this, s);
    if (s.promoting && std::isinf(g_.failover_rate_per_s)) {
      step.failover_done();
      continue;
    }
    const auto waiting = std::find_if(s.instances.begin(), s.instances.end(),
                                      [](const Slot& i) { return i.replacing; });
    if (waiting != s.instances.end() && std::isinf(g_.replace_rate_per_s)) {
      step.replacement_ready(static_cast<int>(waiting - s.instances.begin()));
      continue;
    }
    const auto copy =
        std::find_if(s.destroyed.begin(), s.destroyed.end(), [](uint8_t n) { return n > 0; });
    if (copy != s.destroyed.end() && std::isinf(g_.replace_rate_per_s)) {
      const State before = s;
      step.copy_repaired(static_cast<int>(copy - s.destroyed.begin()));
      if (s != before) continue;
    }
    return;
  }
}

template <class Emit>
void GroupModel::transitions(const State& s, Emit&& emit) const {
  auto apply = [&](double rate, auto&& change) {
    if (rate <= 0) return;
    State next = s;
    Step step(*this, next);
    change(step, next);
    settle(next);
    forget_service(next);
    DRSIM_CHECK(darkness(next) == step.dark()) << "AZ darkness out of step with the streams";
    if (next != s) emit(rate, std::move(next));
  };
  const int instances = static_cast<int>(s.instances.size());
  for (int i = 0; i < instances; ++i) {
    const Slot& inst = s.instances[static_cast<size_t>(i)];
    if (inst.up) {
      apply(g_.failure_rate_per_s, [i](Step& step, State&) { step.instance_failure(i); });
      // Over shared storage the copies are destroyed, not the instances' storage.
      if (!shared_storage()) {
        apply(storage_failure_rate(), [i](Step& step, State&) { step.storage_failure(i); });
      }
    }
    if (inst.replacing && std::isfinite(g_.replace_rate_per_s)) {
      apply(g_.replace_rate_per_s, [i](Step& step, State&) { step.replacement_ready(i); });
    }
  }
  if (s.promoting && std::isfinite(g_.failover_rate_per_s)) {
    apply(g_.failover_rate_per_s, [](Step& step, State&) { step.failover_done(); });
  }
  for (size_t k = 0; k < streams_.size(); ++k) {
    const OutageStream& stream = *streams_[k];
    if (s.active[k] < stream.max_active) {
      apply(stream.rate_per_s, [&](Step& step, State& next) {
        const bool region_was_dark = region_dark(next);
        ++next.active[k];
        if (stream.region && !region_was_dark) step.region_down();
        for (int az : stream.azs) {
          if (!step.dark()[static_cast<size_t>(az)]) step.az_down(az);
        }
        if (stream.destroys_data) {
          for (int az : stream.azs) step.az_destroyed(az);
        }
      });
    }
    if (s.active[k] > 0) {
      const double end_rate = s.active[k] < stream.max_active ? s.active[k] * stream.end_rate_per_s
                                                              : stream.top_end_rate_per_s;
      apply(end_rate, [&](Step& step, State& next) {
        --next.active[k];
        if (stream.region && !region_dark(next)) step.region_up();
        const std::vector<bool> after = darkness(next);
        for (int az : stream.azs) {
          if (!after[static_cast<size_t>(az)]) step.az_up(az);
        }
      });
    }
  }
  for (size_t az = 0; az < s.alive.size(); ++az) {
    if (s.alive[az] > 0) {
      apply(s.alive[az] * storage_failure_rate(),
            [az](Step& step, State&) { step.copy_destroyed(static_cast<int>(az)); });
    }
  }
  for (size_t az = 0; az < s.destroyed.size(); ++az) {
    if (s.destroyed[az] > 0 && std::isfinite(g_.replace_rate_per_s)) {
      apply(s.destroyed[az] * g_.replace_rate_per_s,
            [az](Step& step, State&) { step.copy_repaired(static_cast<int>(az)); });
    }
  }
}

std::string describe(const ProtectionGroup& g, const State& s) {
  std::string out;
  for (size_t i = 0; i < s.instances.size(); ++i) {
    const Slot& inst = s.instances[i];
    if (!out.empty()) out += " ";
    out += g.az_names[static_cast<size_t>(inst.az)] + ":";
    out += inst.up ? "up" : inst.dark ? "dark" : inst.awaiting ? "awaiting" : "down";
    if (inst.behind) out += "-behind";
    if (inst.replacing) out += "+repl";
    if (!inst.has_data) out += "-data";
    if (s.primary && static_cast<size_t>(*s.primary) == i) out += "(P)";
    if (s.promoting && static_cast<size_t>(*s.promoting) == i) out += "(F)";
  }
  out += " out[";
  for (size_t k = 0; k < s.active.size(); ++k) out += (k ? "," : "") + std::to_string(s.active[k]);
  out += "]";
  if (!s.alive.empty()) {
    out += " copies[";
    for (size_t z = 0; z < s.alive.size(); ++z) {
      out += (z ? "," : "") + std::to_string(s.alive[z]) + "/" + std::to_string(s.destroyed[z]);
    }
    out += "]";
  }
  out += s.writable ? " writable" : " down";
  return out;
}

}  // namespace

std::optional<GroupChain> build_chain(const ProtectionGroup& group, bool with_data_loss) {
  // States hold AZ and instance indices in 8 bits.
  if (group.az_names.size() > 100 || group.instance_azs.size() > 100) return std::nullopt;
  const GroupModel model(group, with_data_loss);
  std::map<State, int> index;
  std::vector<State> states;
  std::vector<std::tuple<int, int, double>> edges;
  std::optional<int> lost;  // the merged loss state, once one is reached

  // A state without a synchronous copy is merged into the loss state. (The availability chain of a
  // database that would be recovered from elsewhere has no event that leads there.)
  State first = model.start();
  model.settle(first);
  index.emplace(first, 0);
  states.push_back(first);
  auto id_of = [&](State&& s) -> std::optional<int> {
    if (!model.any_copy(s)) {
      if (!lost) {
        lost = static_cast<int>(states.size());
        states.push_back(std::move(s));
      }
      return lost;
    }
    const auto [it, inserted] = index.emplace(s, static_cast<int>(states.size()));
    if (inserted) {
      if (static_cast<int>(states.size()) >= kMaxChainStates) return std::nullopt;
      states.push_back(std::move(s));
    }
    return it->second;
  };
  bool too_large = false;
  auto edge = [&](size_t from, double rate, State&& next) {
    const std::optional<int> to = id_of(std::move(next));
    if (!to) {
      too_large = true;
    } else {
      edges.emplace_back(static_cast<int>(from), *to, rate);
    }
  };
  for (size_t n = 0; n < states.size() && !too_large; ++n) {
    if (lost && static_cast<int>(n) == *lost) continue;  // absorbing
    const State current = states[n];
    model.transitions(current,
                      [&](double rate, State&& next) { edge(n, rate, std::move(next)); });
    if (model.disaster_rate() > 0) {
      State gone = current;
      for (Slot& i : gone.instances) i.has_data = false;
      for (size_t z = 0; z < gone.alive.size(); ++z) gone.alive[z] = 0;
      edge(n, model.disaster_rate(), std::move(gone));
    }
  }
  if (too_large) return std::nullopt;

  GroupChain out;
  out.chain = Ctmc(static_cast<int>(states.size()));
  for (const auto& [from, to, rate] : edges) out.chain.add(from, to, rate);
  out.writable.resize(states.size());
  out.lost.assign(states.size(), false);
  for (size_t n = 0; n < states.size(); ++n) {
    const bool is_lost = lost && static_cast<int>(n) == *lost;
    out.lost[n] = is_lost;
    out.writable[n] = !is_lost && states[n].writable;
    out.names.push_back(is_lost ? std::string("data lost") : describe(group, states[n]));
  }
  out.start = 0;
  return out;
}
}  // namespace drsim::models::analytic
