// Recovery of a database that is down (DESIGN.md §4, docs/recovery.md): when the response
// decides, acting on the decision (the automatic rule's or a policy's, models/response/decision.h)
// over the ways back paths.cc lists, and the restores, promotions and switchovers that follow.
#include "models/database/database.h"

#include <algorithm>
#include <cmath>

#include "models/notifications/topics.h"
#include "sim/units.h"

namespace drsim::models::database {

using sim::Duration;

void Database::after_outage_change(sim::Context& ctx) {
  if (writable_ || promoting_ || recovering_ || !stopped_at_) return;
  if (lost_) {
    // A decision already made found no way back yet; something changed: decide again now.
    if (!decide_.is_valid() && !deadline_.is_valid() && !total_loss_) {
      decide_ = ctx.schedule_in(Duration(), *this, kDecide);
    }
    return;
  }
  if (!current_copy_survives()) {
    // No copy that holds every write survives: a known loss, recovered as soon as it is detected
    // and acknowledged. Copies that are behind may still be a way back.
    const Duration detect = plan_.response.detect.sample(response_rng_);
    const Duration ack = plan_.response.ack.sample(response_rng_);
    std::string why;
    if (ctx.tracing()) {
      why = "no copy that holds every write survives: a known loss; on-call detects it in " +
            sim::spoken_duration(detect) + " and acknowledges it " + sim::spoken_duration(ack) +
            " later";
    }
    declare_loss(ctx, detect + ack, why, false);
    return;
  }
  if (plan_.response.decide_after && !decide_.is_valid() && !deadline_.is_valid()) {
    // The response waits decide_after from its acknowledgement of the outage (outage start +
    // detect + ack), drawn once per outage. After that, a change of the outage is news: decide
    // again now.
    if (!acked_at_) {
      const Duration detect = plan_.response.detect.sample(response_rng_);
      const Duration ack = plan_.response.ack.sample(response_rng_);
      acked_at_ = *stopped_at_ + detect + ack;
    }
    decide_ = ctx.schedule_at(std::max(ctx.now(), *acked_at_ + *plan_.response.decide_after),
                              *this, kDecide);
  }
}

void Database::declare_loss(sim::Context& ctx, Duration delay, const std::string& why,
                            bool logical) {
  lost_ = true;
  for (Instance& inst : instances_) {
    // A logical fault is on every copy; otherwise the copies that are behind keep what they have.
    if (logical) {
      inst.has_data = false;
      inst.behind_since.reset();
    }
    ctx.cancel(inst.replacement);
    inst.awaiting_placement = false;
  }
  if (promoting_) {
    ctx.cancel(failover_done_);
    promoting_.reset();
  }
  ctx.cancel(deadline_);
  ctx.cancel(decide_);
  say(ctx, "known_loss", why);
  decide_ = ctx.schedule_in(delay, *this, kDecide);
}

void Database::logical_fault(sim::Context& ctx, Duration detect_after, bool deletion) {
  fault_joins(ctx);
  if (!corrupt_from_) corrupt_from_ = ctx.now();
  if (!deletion) {
    say(ctx, "corruption", "data corrupted (unnoticed; every copy replicates it)");
    ctx.schedule_in(detect_after, *this, kCorruptionNoticed);
    return;
  }
  if (writable_) {
    primary_.reset();
    stop_writes(ctx, "its data is deleted on every copy");
  }
  const Duration ack = plan_.response.ack.sample(response_rng_);
  std::string why;
  if (ctx.tracing()) {
    why = "every copy lost the data: a known loss; on-call notices it after " +
          sim::spoken_duration(detect_after) + " and acknowledges it " + sim::spoken_duration(ack) +
          " later";
  }
  declare_loss(ctx, detect_after + ack, why, true);
}

void Database::decide(sim::Context& ctx, bool deadline_reached) {
  if (writable_ || recovering_) return;
  response::Situation situation;
  situation.now = ctx.now();
  situation.stopped_at = *stopped_at_;
  situation.known_loss = lost_;
  situation.deadline_reached = deadline_reached;
  situation.target = plan_.target;
  situation.paths = recovery_paths(ctx);
  const response::Choice automatic = response::automatic_choice(situation);
  if (!policy_ || !automatic.is_decision()) {
    act(ctx, situation, automatic);
    return;
  }
  response::DecisionPoint point;
  point.database = plan_.name;
  point.database_index = plan_.index;
  point.tier = plan_.tier;
  point.situation = &situation;
  point.automatic = automatic;
  point.options = options(situation);
  for (const response::Option& o : point.options) {
    if (o.path == (automatic.action == response::Choice::Action::kTake ? automatic.path : -1)) {
      point.automatic_id = o.id;
      break;
    }
  }
  act(ctx, situation, policy_->decide(point));
}

void Database::act(sim::Context& ctx, const response::Situation& situation,
                   const response::Choice& choice) {
  using Action = response::Choice::Action;
  using Reason = response::Choice::Reason;
  // The reasons given are for the timeline: built only when tracing.
  const bool tracing = ctx.tracing();
  const std::string rpo = tracing ? sim::spoken_duration(plan_.target.rpo) : std::string();
  const Path* path = choice.path >= 0 ? &situation.paths[static_cast<size_t>(choice.path)] : nullptr;
  switch (choice.action) {
    case Action::kTake: {
      std::string why;
      if (tracing) {
        switch (choice.reason) {
          case Reason::kMeetsRpo:
            why = "the soonest path whose loss meets the tier " + std::to_string(plan_.tier) +
                  " RPO target of " + rpo;
            break;
          case Reason::kLeastLoss:
            why = "nothing will come back and no path meets the " + rpo +
                  " RPO target, so the path that loses least";
            break;
          case Reason::kRtoDeadline:
            why = "no path meets the " + rpo + " RPO target and waiting longer would miss the " +
                  sim::spoken_duration(plan_.target.rto) + " RTO target";
            break;
          default: why = "chosen by the response, not the automatic rule"; break;
        }
      }
      take(ctx, *path, why, choice.redraw_salt);
      return;
    }
    case Action::kWaitUntil:
      if (tracing) {
        say(ctx, "decision",
            (choice.reason == Reason::kChosen
                 ? "decision: wait for the original (chosen by the response, not the automatic "
                   "rule), to be decided again "
                 : "no path meets the " + rpo + " RPO target: waiting for the original until ") +
                sim::spoken_duration(choice.until - *stopped_at_) +
                " into the outage (the soonest path: " + describe(ctx, *path) + ")");
      }
      ctx.cancel(deadline_);
      deadline_ = ctx.schedule_at(choice.until, *this, kDeadline);
      return;
    case Action::kWait:
      switch (choice.reason) {
        case Reason::kControlPlane:
          say(ctx, "waiting", "every recovery path needs a control plane that is impaired: waiting for it");
          break;
        case Reason::kOutOfReach:
          say(ctx, "waiting", "every way back is out of reach for now (its region or AZ is down): waiting");
          break;
        case Reason::kNothingOutside:
          say(ctx, "waiting", "no recovery path outside the outage: waiting for it to end");
          break;
        default:
          say(ctx, "decision", "decision: wait for the original (chosen by the response, not the automatic rule)");
          break;
      }
      return;
    case Action::kTotalLoss:
      say(ctx, "total_loss", "no surviving copy anywhere: total data loss");
      total_loss_ = true;
      ctx.publish({kDatabaseLost, static_cast<uint32_t>(plan_.index), 0, 0});
      return;
  }
}

void Database::take(sim::Context& ctx, const Path& chosen, const std::string& why,
                    std::optional<uint64_t> redraw_salt) {
  // What the path will really take, drawn only for the path taken (so the draws do not depend
  // on how many paths were considered): a replica's execute + promote; a local copy's promote +
  // DNS; a restore's execute (from a copy) + log replay + one restore per snapshot tried
  // (silently corrupt ones first).
  // A preview redraws them from its own stream.
  sim::Rng redraw(redraw_salt ? sim::splitmix64(*redraw_salt ^ sim::splitmix64(
                                    static_cast<uint64_t>(plan_.index) + 1))
                              : 0);
  sim::Rng& rng = redraw_salt ? redraw : response_rng_;
  Path path = chosen;
  path.preview = redraw_salt.has_value();
  if (path.kind == Path::Kind::kReplica) {
    path.actual = plan_.response.execute.sample(rng) +
                  plan_.replicas[static_cast<size_t>(path.replica)].promote.sample(rng);
  } else if (path.kind == Path::Kind::kLocalCopy) {
    path.actual = plan_.failover.promote.sample(rng) + plan_.failover.dns.sample(rng);
  } else {
    path.actual = path.replay;
    if (path.kind != Path::Kind::kHomeRestore) path.actual += plan_.response.execute.sample(rng);
    const backup::BackupCatalog& catalog = catalog_of(path);
    for (int a = 0; a <= path.corrupt_attempts; ++a) path.actual += catalog.restore_duration(rng);
  }
  recovering_ = path;
  ctx.cancel(deadline_);
  ctx.cancel(decide_);
  for (Instance& inst : instances_) ctx.cancel(inst.replacement);
  if (ctx.tracing()) {
    std::string text = "decision: " + describe(ctx, path) + ": " + why;
    if (path.corrupt_attempts > 0) {
      text += "; " + std::to_string(path.corrupt_attempts) +
              " newer snapshot(s) will turn out silently corrupt";
    }
    say(ctx, "decision", text);
    if (path.kind == Path::Kind::kCopyRestore && path.snapshot && path.copy_dest >= 0) {
      // The copy it restores, as RDS reported it when the copy arrived.
      const int64_t k = *path.snapshot;
      const sim::SimTime arrived = catalog_->copy_arrival(k, static_cast<size_t>(path.copy_dest));
      const int64_t minutes = (arrived - catalog_->snapshot_complete(k)).count_us() / 60'000'000;
      say(ctx, "copy_used",
          "Finished copy of snapshot " + snapshot_name(path.snapshot) + " from region " +
              topology_.region_name(plan_.region) + " in " + std::to_string(minutes) +
              " minutes. (the copy it restores, reported at " +
              sim::format_clock(plan_.start_epoch_s + arrived.count_us() / 1'000'000) + " UTC)",
          "RDS-EVENT-0060");
    }
  }
  if (path.is_restore()) {
    ctx.publish({kRestoreRequest, static_cast<uint32_t>(plan_.index), path.actual.count_us(),
                 plan_.tier, path.restore_p95.count_us()});
  } else {
    promotion_ = ctx.schedule_in(path.actual, *this, kPromoted);
  }
}

void Database::abandon_recovery(sim::Context& ctx, int primary) {
  DRSIM_CHECK(recovering_ && recovering_->kind != Path::Kind::kSwitchover)
      << plan_.name << ": abandoning a recovery that is not under way";
  const Path path = *recovering_;
  recovering_.reset();
  if (path.is_restore()) {
    ctx.publish({kRestoreCancel, static_cast<uint32_t>(plan_.index), 0, 0});
  } else {
    ctx.cancel(promotion_);
  }
  std::string how;
  if (ctx.tracing()) {
    say(ctx, "recovery_abandoned",
        "the original returns holding every write: the path under way (" + what_it_is(path) +
            ") is abandoned");
    how = "writes resume on the original in " + az_name(instances_[static_cast<size_t>(primary)].az) +
          ", no data lost";
  }
  become_writable(ctx, primary, Duration(), how);
  for (int i = 0; i < static_cast<int>(instances_.size()); ++i) {
    const Instance& inst = instances_[static_cast<size_t>(i)];
    if (!inst.up && !inst.az_dark) order_replacement(ctx, i);
  }
}

void Database::finish_recovery(sim::Context& ctx) {
  DRSIM_CHECK(recovering_) << plan_.name << ": a recovery finished that was never started";
  const Path path = *recovering_;
  recovering_.reset();
  lost_ = false;
  total_loss_ = false;
  corrupt_from_.reset();
  if (path.preview && policy_) policy_->path_finished(plan_.index, ctx.now());
  if (path.kind == Path::Kind::kLocalCopy) {
    // The copy that was behind now defines the data. Other copies that are behind hold an
    // older prefix of it: they catch up from it. Copies without data are rebuilt.
    const auto i = static_cast<size_t>(path.instance);
    instances_[i].behind_since.reset();
    for (size_t j = 0; j < instances_.size(); ++j) {
      if (j != i && instances_[j].has_data) instances_[j].behind_since = ctx.now();
    }
    std::string how;
    if (ctx.tracing()) {
      how = "the copy in " + az_name(instances_[i].az) + " is promoted: writes resume, " +
            sim::spoken_duration(path.loss) + " of writes lost";
    }
    if (!instances_[i].up) {
      // It went dark again during the promotion: wait for it, or for another way back.
      instances_[i].behind_since.reset();
      say(ctx, "promotion_failed", "the copy being promoted is gone: the promotion fails");
      after_outage_change(ctx);
      return;
    }
    become_writable(ctx, path.instance, path.loss, how, "writes_resumed", "", recovery_code_of(path));
    for (int j = 0; j < static_cast<int>(instances_.size()); ++j) {
      if (!instances_[static_cast<size_t>(j)].has_data) order_replacement(ctx, j);
    }
    return;
  }
  if (path.kind == Path::Kind::kSwitchover) {
    // The old primary region becomes the secondary the writer left.
    for (int& r : replica_regions_) {
      if (r == path.region) r = region_;
    }
    if (switch_back_after_) {
      ctx.schedule_in(*switch_back_after_, *this, kSwitchBack, static_cast<uint32_t>(region_));
      switch_back_after_.reset();
    }
  } else if (path.kind == Path::Kind::kReplica) {
    // The promoted replica is the writer now; the old home region, once it is back, holds the
    // secondary in its place (rebuilt from the new writer).
    replica_regions_[static_cast<size_t>(path.replica)] = region_;
  }
  const int old_region = region_;
  region_ = path.region;
  hear_azs_of(ctx, region_);
  // A fresh primary in the first AZ of the region that is up; a Multi-AZ database orders a new
  // standby at once.
  for (Instance& inst : instances_) {
    ctx.cancel(inst.failure);
    ctx.cancel(inst.storage_failure);
    ctx.cancel(inst.replacement);
  }
  instances_.assign(instances_.size(), Instance{});
  const std::vector<int>& azs = topology_.azs_of_region(region_);
  int next = 0;
  for (size_t i = 0; i < instances_.size(); ++i) {
    instances_[i].az = azs[static_cast<size_t>(next++) % azs.size()];
    while (!reach_.is_az_up(instances_[i].az) && next < static_cast<int>(2 * azs.size())) {
      instances_[i].az = azs[static_cast<size_t>(next++) % azs.size()];
    }
  }
  for (size_t i = 1; i < instances_.size(); ++i) {
    instances_[i].up = false;
    instances_[i].has_data = false;
  }
  for (size_t k = 0; k < copies_.size(); ++k) {
    ctx.cancel(copies_[k].repair);
    ctx.cancel(copies_[k].failure);
    copies_[k] = StorageCopy{};
    copies_[k].az = azs[(k / 2) % azs.size()];
    schedule_copy_failure(ctx, k);
  }
  schedule_random_failure(ctx, 0);
  std::string how;
  const char* kind = "writes_resumed";
  const char* rds = "";
  if (ctx.tracing()) {
    const std::string where = az_name(instances_[0].az);
    const std::string lost = path.loss > Duration() ? sim::spoken_duration(path.loss) + " of writes lost"
                                                    : std::string("no data lost");
    const std::string cluster = plan_.name + " in Region " + topology_.region_name(region_);
    const bool global = plan_.deployment == scenario::Deployment::kAuroraGlobal;
    switch (path.kind) {
      case Path::Kind::kSwitchover:
        kind = "switchover_completed";
        if (!global) {
          // RDS has no switchover event for a read replica promoted on purpose.
          how = "planned switchover to " + topology_.region_name(region_) + " completed: the writer is in " +
                where + "; writes resume, no data lost";
          break;
        }
        say(ctx, "switchover_completed",
            "Old primary DB cluster " + plan_.name + " in Region " + topology_.region_name(old_region) +
                " successfully shut down.",
            "RDS-EVENT-0182");
        say(ctx, "switchover_completed", "New primary DB cluster " + cluster + " was successfully promoted.",
            "RDS-EVENT-0184");
        how = "Global switchover to DB cluster " + cluster + " finished. (the writer is in " + where +
              "; writes resume, no data lost)";
        rds = "RDS-EVENT-0185";
        break;
      case Path::Kind::kReplica:
        how = global ? "Global failover to DB cluster " + cluster + " completed. (writes resume in " +
                           where + ", " + lost + ")"
                     : "the replica in " + topology_.region_name(region_) + " is promoted: writes resume in " +
                           where + ", " + lost;
        if (global) rds = "RDS-EVENT-0238";
        break;
      case Path::Kind::kHomeRestore:
      case Path::Kind::kCopyRestore:
      case Path::Kind::kReplicaRestore: {
        // A restore to a point in time replays logs (0019); a restore of a snapshot alone is 0043.
        const std::string source = path.kind == Path::Kind::kReplicaRestore
                                       ? replica_instance_name(path.replica)
                                       : plan_.name;
        how = path.replay > Duration()
                  ? "Restored from DB instance " + source + " to " + plan_.name + "-restored. (in " +
                        where + ", to a point in time: writes resume, " + lost + ")"
                  : "Restored from snapshot " + snapshot_name(path.snapshot, catalog_of(path), source) +
                        ". (in " + where + ": writes resume, " + lost + ")";
        rds = path.replay > Duration() ? "RDS-EVENT-0019" : "RDS-EVENT-0043";
        break;
      }
      case Path::Kind::kLocalCopy:
        how = "recovered in " + where + ": writes resume, " + lost;
        break;
    }
  }
  become_writable(ctx, 0, path.loss, how, kind, rds, recovery_code_of(path));
  for (size_t i = 1; i < instances_.size(); ++i) order_replacement(ctx, static_cast<int>(i));
}

void Database::failover_test(sim::Context& ctx) {
  std::string refused;
  if (!writable_ || promoting_ || recovering_ || lost_ || !primary_) {
    refused = "the database is not healthy";
  } else if (!standby()) {
    refused = "no standby holds every write";
  }
  if (!refused.empty()) {
    say(ctx, "failover_test_refused", "planned failover test refused: " + refused);
    return;
  }
  planned_outage_ = true;
  instance_down(ctx, *primary_, Cause::kPlannedReboot);
}

void Database::switchover(sim::Context& ctx, int region, std::optional<Duration> back_after) {
  const std::string to = topology_.region_name(region);
  const auto k = static_cast<size_t>(
      std::find(replica_regions_.begin(), replica_regions_.end(), region) - replica_regions_.begin());
  std::string refused;
  if (!writable_ || promoting_ || recovering_ || lost_) {
    refused = "the database is not healthy";
  } else if (k == replica_regions_.size()) {
    refused = to + " is not a secondary region now";
  } else if (!region_is_up(region) || !can_start_in(region) || reach_.cut_since(region_, region, ctx.now())) {
    refused = to + " cannot take the writer now";
  }
  if (!refused.empty()) {
    say(ctx, "switchover_refused", "planned switchover to " + to + " refused: " + refused);
    return;
  }
  Path path;
  path.kind = Path::Kind::kSwitchover;
  path.region = region;
  // The replica catches up (nothing is lost) and is promoted.
  path.actual = plan_.replicas[k].promote.sample(response_rng_);
  switch_back_after_ = back_after;
  primary_.reset();
  planned_outage_ = true;
  stop_writes(ctx, "of a planned switchover to " + to);
  recovering_ = path;
  for (Instance& inst : instances_) ctx.cancel(inst.replacement);
  if (ctx.tracing() && plan_.deployment != scenario::Deployment::kAuroraGlobal) {
    say(ctx, "switchover_started",
        "planned switchover to " + to + " started: the replica there catches up and is promoted "
        "(writes pause for " + sim::spoken_duration(path.actual) + "; no data is lost)");
  } else if (ctx.tracing()) {
    const std::string cluster = plan_.name + " in Region " + to;
    say(ctx, "switchover_started",
        "Global switchover to DB cluster " + cluster + " started. (writes pause for " +
            sim::spoken_duration(path.actual) + "; no data is lost)",
        "RDS-EVENT-0181");
    say(ctx, "switchover_started", "Waiting for data synchronization across global cluster members.",
        "RDS-EVENT-0183");
  }
  promotion_ = ctx.schedule_in(path.actual, *this, kPromoted);
}

}  // namespace drsim::models::database
