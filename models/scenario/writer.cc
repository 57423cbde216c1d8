// scenario_to_json and the exact text forms of durations, rates, sizes and throughputs. Every text
// is checked against the parser it is meant for, so a round trip is exact by construction.
#include "models/scenario/writer.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <utility>

#include "sim/units.h"

namespace drsim::models::scenario {
namespace {

using nlohmann::json;
using sim::Distribution;
using sim::Duration;

// The shortest fixed-notation decimal that std::from_chars reads back to exactly `x` (the unit
// parsers accept no exponent).
std::string shortest_fixed(double x) {
  char buf[512];  // the longest fixed form of a double has about 330 characters
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed);
  return ec == std::errc() ? std::string(buf, end) : std::string("0");
}

// Of the candidate texts that `parse` reads back to exactly `value`, the shortest (the first on
// ties); `fallback` when none does. Parsing is what costs, so the candidates are tried shortest
// first and the first exact one is the answer.
template <typename Parse>
std::string shortest_exact(double value, const std::vector<std::string>& candidates, Parse parse,
                           std::string fallback) {
  std::vector<size_t> order(candidates.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return candidates[a].size() < candidates[b].size(); });
  for (const size_t i : order) {
    const std::optional<double> back = parse(candidates[i]);
    if (back && *back == value) return candidates[i];
  }
  return fallback;
}

struct UnitScale {
  const char* name;
  double scale;  // of the unit, in the base unit (seconds, bytes, bytes per second)
};

constexpr std::array<UnitScale, 5> kRatePeriods = {
    {{"s", 1}, {"m", 60}, {"h", 3600}, {"d", 86400}, {"y", 365 * 86400.0}}};
constexpr std::array<UnitScale, 11> kSizes = {{{"PiB", 1125899906842624.0},
                                               {"TiB", 1099511627776.0},
                                               {"GiB", 1073741824.0},
                                               {"MiB", 1048576.0},
                                               {"KiB", 1024.0},
                                               {"PB", 1e15},
                                               {"TB", 1e12},
                                               {"GB", 1e9},
                                               {"MB", 1e6},
                                               {"KB", 1e3},
                                               {"B", 1}}};
constexpr std::array<UnitScale, 5> kBitRates = {{{"Tbps", 1e12 / 8},
                                                 {"Gbps", 1e9 / 8},
                                                 {"Mbps", 1e6 / 8},
                                                 {"kbps", 1e3 / 8},
                                                 {"bps", 1.0 / 8}}};

json write_tiers(const std::map<int, TierTarget>& tiers) {
  json out = json::object();
  for (const auto& [tier, target] : tiers) {
    out[std::to_string(tier)] = {{"rpo", format_duration_exact(target.rpo)},
                                 {"rto", format_duration_exact(target.rto)}};
  }
  return out;
}

json write_region(const Region& r) { return {{"name", r.name}, {"azs", r.azs}}; }

json write_link(const Link& l) {
  return {{"between", {l.a, l.b}},
          {"latency", format_duration_exact(l.latency)},
          {"bandwidth", format_throughput_exact(l.bandwidth_bytes_per_s)}};
}

json write_snapshot(const SnapshotSpec& s) {
  json out = {{"every", format_duration_exact(s.every)},
              {"retention", format_duration_exact(s.retention)}};
  if (s.at) out["at"] = format_time_of_day(*s.at);
  if (s.duration) out["duration"] = distribution_to_json(*s.duration);
  return out;
}

json write_backup(const BackupSpec& b) {
  json out = json::object();
  if (b.snapshot) out["snapshot"] = write_snapshot(*b.snapshot);
  if (b.log_upload) out["log_upload"] = format_duration_exact(*b.log_upload);
  if (!b.copy_to.empty()) out["copy_to"] = b.copy_to;
  if (b.copy_delay) out["copy_delay"] = distribution_to_json(*b.copy_delay);
  if (b.copy_logs) out["copy_logs"] = true;
  if (b.restore) {
    out["restore"] = {{"base", distribution_to_json(b.restore->base)}};
    if (b.restore->rate_bytes_per_s > 0) {
      out["restore"]["rate"] = format_throughput_exact(b.restore->rate_bytes_per_s);
    }
    out["restore"]["replay_speed"] = b.restore->replay_speed;
  }
  if (b.verify_every) out["verify_every"] = format_duration_exact(*b.verify_every);
  if (b.silent_corruption != 0) out["silent_corruption"] = b.silent_corruption;
  return out;
}

json write_replica(const ReplicaSpec& r) {
  json out = {{"region", r.region},
              {"lag", distribution_to_json(r.lag)},
              {"promote", distribution_to_json(r.promote)}};
  if (r.backup) out["backup"] = write_backup(*r.backup);
  return out;
}

json write_database(const DatabaseSpec& d) {
  json out = {{"name", d.name},
              {"deployment", std::string(deployment_name(d.deployment))},
              {"region", d.region},
              {"azs", d.azs},
              {"replace", distribution_to_json(d.replace)},
              {"failover",
               {{"detect", distribution_to_json(d.failover.detect)},
                {"promote", distribution_to_json(d.failover.promote)},
                {"dns", distribution_to_json(d.failover.dns)}}}};
  if (d.instance_class) out["class"] = *d.instance_class;
  if (d.size_bytes) out["size"] = format_size_exact(*d.size_bytes);
  if (d.write_rate_per_s) out["write_rate"] = format_rate_exact(*d.write_rate_per_s);
  if (!d.replicas.empty()) {
    json replicas = json::array();
    for (const ReplicaSpec& r : d.replicas) replicas.push_back(write_replica(r));
    out["replicas"] = std::move(replicas);
  }
  if (d.backup) out["backup"] = write_backup(*d.backup);
  if (d.apply_lag) out["apply_lag"] = distribution_to_json(*d.apply_lag);
  return out;
}

json write_object_store(const ObjectStoreSpec& o) {
  json out = {{"name", o.name}, {"region", o.region}};
  if (o.size_bytes) out["size"] = format_size_exact(*o.size_bytes);
  if (o.replicate_to) out["replicate_to"] = *o.replicate_to;
  if (o.lag) out["lag"] = distribution_to_json(*o.lag);
  return out;
}

json write_service(const ServiceSpec& s) {
  json out = {{"name", s.name}, {"tier", s.tier}, {"uses", s.uses}, {"depends_on", s.depends_on}};
  if (!s.runs_in.empty()) out["runs_in"] = s.runs_in;
  return out;
}

json write_costs(const CostSpec& c) {
  return {{"currency", c.currency},
          {"instance_hour", c.instance_hour},
          {"standby_multiplier", c.standby_multiplier},
          {"replica_multiplier", c.replica_multiplier},
          {"storage_gib_month", c.storage_gib_month},
          {"backup_gib_month", c.backup_gib_month},
          {"transfer_gib", c.transfer_gib},
          {"object_storage_gib_month", c.object_storage_gib_month},
          {"object_replication_gib", c.object_replication_gib},
          {"change_per_day", c.change_per_day}};
}

json write_response(const ResponseSpec& r) {
  json out = {{"detect", distribution_to_json(r.detect)},
              {"ack", distribution_to_json(r.ack)},
              {"restore_parallelism", r.restore_parallelism}};
  if (r.region_failover) {
    out["region_failover"] = {
        {"decide_after", format_duration_exact(r.region_failover->decide_after)},
        {"execute", distribution_to_json(r.region_failover->execute)}};
  }
  return out;
}

void write_fault_scope(const FaultScope& scope, json& out) {
  if (scope.count) {
    out["scope"] = *scope.count;
  } else if (scope.fraction) {
    out["scope"] = *scope.fraction;
  } else if (!scope.databases.empty()) {
    out["scope"] = scope.databases;
  }
}

json write_fault(const FaultSpec& f) {
  json out = {{"kind", std::string(fault_kind_name(f.kind))}, {"target", f.target}};
  if (f.at) out["at"] = distribution_to_json(*f.at);
  if (f.rate_per_s) out["rate"] = format_rate_exact(*f.rate_per_s);
  if (f.trace) out["trace"] = *f.trace;
  if (f.duration) out["duration"] = distribution_to_json(*f.duration);
  if (f.instance == InstanceRole::kStandby) out["instance"] = "standby";
  if (f.destroys_data) out["destroys_data"] = true;
  if (f.detect_after) out["detect_after"] = distribution_to_json(*f.detect_after);
  write_fault_scope(f.scope, out);
  if (f.to) out["to"] = *f.to;
  if (f.every) out["every"] = format_duration_exact(*f.every);
  return out;
}

template <typename T, typename Write>
json write_all(const std::vector<T>& items, Write write) {
  json out = json::array();
  for (const T& item : items) out.push_back(write(item));
  return out;
}

}  // namespace

std::string format_duration_exact(Duration d) {
  constexpr int64_t kSecondUs = 1'000'000, kHourUs = 3600 * kSecondUs, kDayUs = 24 * kHourUs;
  const int64_t us = d.count_us();
  if (us == 0) return "0s";
  if (us % kDayUs == 0 && us >= 2 * kDayUs) return std::to_string(us / kDayUs) + "d";
  if (us % kHourUs == 0) return std::to_string(us / kHourUs) + "h";
  if (us % kSecondUs != 0) {
    return us % 1000 == 0 ? std::to_string(us / 1000) + "ms" : std::to_string(us) + "us";
  }
  // Failover-sized spans read best in seconds ("60s", "120s", not "1m", "2m").
  if (us < 180 * kSecondUs) return std::to_string(us / kSecondUs) + "s";
  static constexpr std::array<std::pair<int64_t, const char*>, 4> kParts = {
      {{kDayUs, "d"}, {kHourUs, "h"}, {60 * kSecondUs, "m"}, {kSecondUs, "s"}}};
  std::string out;
  int64_t rest = us;
  for (const auto& [unit_us, name] : kParts) {
    if (rest >= unit_us) out += std::to_string(rest / unit_us) + name;
    rest %= unit_us;
  }
  return out;
}

std::string format_time_of_day(Duration d) {
  const int64_t s = d.count_us() / 1'000'000;
  char buf[16];
  if (s % 60 == 0) {
    std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(s / 3600),
                  static_cast<int>(s / 60 % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", static_cast<int>(s / 3600),
                  static_cast<int>(s / 60 % 60), static_cast<int>(s % 60));
  }
  return buf;
}

std::string format_utc_instant(int64_t epoch_s) {
  const int64_t s = ((epoch_s % 86400) + 86400) % 86400;
  char clock[16];
  std::snprintf(clock, sizeof clock, "T%02d:%02d:%02dZ", static_cast<int>(s / 3600),
                static_cast<int>(s / 60 % 60), static_cast<int>(s % 60));
  return sim::format_utc_date(epoch_s) + clock;
}

std::string format_rate_exact(double per_s) {
  std::vector<std::string> candidates;
  for (const UnitScale& period : kRatePeriods) {
    candidates.push_back(shortest_fixed(per_s * period.scale) + "/" + period.name);
    if (per_s > 0) {
      candidates.push_back("1/" + shortest_fixed(1 / (per_s * period.scale)) + period.name);
    }
  }
  return shortest_exact(per_s, candidates, sim::parse_rate_per_s, shortest_fixed(per_s) + "/s");
}

std::string format_size_exact(double bytes) {
  std::vector<std::string> candidates;
  for (const UnitScale& unit : kSizes) {
    candidates.push_back(shortest_fixed(bytes / unit.scale) + unit.name);
  }
  return shortest_exact(bytes, candidates, sim::parse_size_bytes, shortest_fixed(bytes) + "B");
}

std::string format_throughput_exact(double bytes_per_s) {
  std::vector<std::string> candidates;
  for (const UnitScale& unit : kSizes) {
    candidates.push_back(shortest_fixed(bytes_per_s / unit.scale) + unit.name + "/s");
  }
  for (const UnitScale& unit : kBitRates) {
    candidates.push_back(shortest_fixed(bytes_per_s / unit.scale) + unit.name);
  }
  return shortest_exact(bytes_per_s, candidates, sim::parse_throughput_bytes_per_s,
                        shortest_fixed(bytes_per_s) + "B/s");
}

json distribution_to_json(const Distribution& d) {
  const Distribution::Spec& spec = d.spec();
  auto span = [&](size_t i) { return format_duration_exact(spec.spans.at(i)); };
  switch (d.kind()) {
    case Distribution::Kind::kConstant:
      return span(0);
    case Distribution::Kind::kUniform:
      return {{"uniform", {span(0), span(1)}}};
    case Distribution::Kind::kExponential:
      return {{"exponential", {{"mean", span(0)}}}};
    case Distribution::Kind::kNormal: {
      json params = {{"mean", span(0)}, {"sd", span(1)}};
      if (spec.min) params["min"] = format_duration_exact(*spec.min);
      if (spec.max) params["max"] = format_duration_exact(*spec.max);
      return {{"normal", std::move(params)}};
    }
    case Distribution::Kind::kLognormal:
      return {{"lognormal", {{"median", span(0)}, {"p95", span(1)}}}};
    case Distribution::Kind::kWeibull:
      return {{"weibull", {{"shape", spec.shape}, {"scale", span(0)}}}};
    case Distribution::Kind::kEmpirical: {
      json values = json::array();
      for (const Duration& v : spec.spans) values.push_back(format_duration_exact(v));
      return {{"empirical", std::move(values)}};
    }
  }
  return nullptr;
}

json scenario_to_json(const Scenario& s) {
  json out = {
      {"name", s.name},
      {"horizon", format_duration_exact(s.horizon)},
      {"start", format_utc_instant(s.start_epoch_s)},
      {"seed", s.seed},
      {"trials", s.trials},
      {"tiers", write_tiers(s.tiers)},
      {"failover_window",
       {format_duration_exact(s.failover_window_lo), format_duration_exact(s.failover_window_hi)}},
      {"failover_slo", s.failover_slo},
      {"tier_slo", s.tier_slo},
      {"snapshot_copy_limit", s.snapshot_copy_limit},
      {"regions", write_all(s.regions, write_region)},
      {"links", write_all(s.links, write_link)},
      {"databases", write_all(s.databases, write_database)},
      {"object_stores", write_all(s.object_stores, write_object_store)},
      {"services", write_all(s.services, write_service)},
      {"faults", write_all(s.faults, write_fault)},
      {"costs", write_costs(s.costs)}};
  if (!s.description.empty()) out["description"] = s.description;
  if (s.response) out["response"] = write_response(*s.response);
  return out;
}

}  // namespace drsim::models::scenario
