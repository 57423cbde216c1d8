// Results <-> state JSON, read back with every count checked (the merges are in state_merge.cc).
#include "models/report/state.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <stdexcept>

#include "models/scenario/loader.h"
#include "sim/check.h"

namespace drsim::models::report {
using sim::Duration;
namespace {

using nlohmann::json;

// ---- writing ----

std::string u128_text(results::u128 v) {
  if (v == 0) return "0";
  std::string digits;
  while (v > 0) {
    digits.push_back(static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  }
  return {digits.rbegin(), digits.rend()};
}

json moments_json(const results::Moments& m) {
  return json{{"n", m.n},
              {"sum", u128_text(m.sum)},
              {"sum_sq", u128_text(m.sum_sq)},
              {"min", m.min},
              {"max", m.max}};
}

json stats_json(const results::CountStats& d) {
  json buckets = json::array();
  for (const results::LogHistogram::Bucket& b : d.histogram.buckets()) {
    buckets.push_back(json{b.index, b.count, b.min, b.max});
  }
  return json{{"moments", moments_json(d.moments)},
              {"coarse", d.histogram.resolution() == results::LogHistogram::Resolution::kCoarse},
              {"histogram", std::move(buckets)}};
}

json incident_stats_json(const results::IncidentStats& i) {
  return json{{"incidents", i.incidents},
              {"total_loss", i.total_loss},
              {"censored", i.censored},
              {"rpo_unknown", i.rpo_unknown},
              {"rpo", stats_json(i.rpo)},
              {"rto", stats_json(i.rto)},
              {"rto_open", stats_json(i.rto_open)},
              {"rpo_met", i.rpo_met},
              {"rto_met", i.rto_met},
              {"rto_missed_open", i.rto_missed_open},
              {"lost_writes", stats_json(i.lost_writes)},
              {"lost_writes_unknown", i.lost_writes_unknown}};
}

// ---- reading: the first problem throws, with its JSON path ----

struct Problem : std::runtime_error {
  using std::runtime_error::runtime_error;
};

bool is_count(const json& v) {
  return v.is_number_unsigned() || (v.is_number_integer() && v.get<int64_t>() >= 0);
}

class Reader {
 public:
  Reader(const json& j, std::string path) : j_(j), path_(std::move(path)) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw Problem((path_.empty() ? std::string("(top)") : path_) + ": " + what);
  }
  const json& at(const std::string& key) const {
    if (!j_.is_object()) fail("expected an object");
    const auto it = j_.find(key);
    if (it == j_.end()) Reader(j_, child(key)).fail("missing");
    return *it;
  }
  Reader object(const std::string& key) const {
    Reader r(at(key), child(key));
    if (!r.j_.is_object()) r.fail("expected an object");
    return r;
  }
  std::vector<Reader> array(const std::string& key) const {
    const json& a = at(key);
    if (!a.is_array()) Reader(a, child(key)).fail("expected an array");
    std::vector<Reader> out;
    for (size_t i = 0; i < a.size(); ++i) {
      out.emplace_back(a[i], child(key) + "[" + std::to_string(i) + "]");
    }
    return out;
  }
  uint64_t u64(const std::string& key) const { return Reader(at(key), child(key)).as_u64(); }
  uint64_t as_u64() const {
    if (!is_count(j_)) fail("expected a non-negative integer");
    return j_.get<uint64_t>();
  }
  int64_t i64(const std::string& key) const {
    const json& v = at(key);
    if (!v.is_number_integer()) Reader(v, child(key)).fail("expected an integer");
    return v.get<int64_t>();
  }
  int small_int(const std::string& key) const {
    const int64_t v = i64(key);
    if (v < -1'000'000 || v > 1'000'000) Reader(at(key), child(key)).fail("out of range");
    return static_cast<int>(v);
  }
  double number(const std::string& key) const {
    const json& v = at(key);
    if (!v.is_number()) Reader(v, child(key)).fail("expected a number");
    return v.get<double>();
  }
  bool boolean(const std::string& key) const {
    const json& v = at(key);
    if (!v.is_boolean()) Reader(v, child(key)).fail("expected true or false");
    return v.get<bool>();
  }
  std::string text(const std::string& key) const {
    const json& v = at(key);
    if (!v.is_string()) Reader(v, child(key)).fail("expected a string");
    return v.get<std::string>();
  }
  results::u128 u128_value(const std::string& key) const {
    const std::string s = text(key);
    if (s.empty() || s.size() > 39) Reader(at(key), child(key)).fail("expected a decimal integer");
    results::u128 v = 0;
    for (char c : s) {
      if (c < '0' || c > '9') Reader(at(key), child(key)).fail("expected a decimal integer");
      const results::u128 before = v;
      v = v * 10 + static_cast<unsigned>(c - '0');
      if (v / 10 != before) Reader(at(key), child(key)).fail("does not fit in 128 bits");
    }
    return v;
  }
  uint64_t hex(const std::string& key) const {
    const std::string s = text(key);
    if (s.size() != 16 || s.find_first_not_of("0123456789abcdef") != std::string::npos) {
      Reader(at(key), child(key)).fail("expected 16 hexadecimal digits");
    }
    return std::stoull(s, nullptr, 16);
  }
  const json& value() const { return j_; }
  const std::string& path() const { return path_; }

 private:
  std::string child(const std::string& key) const {
    return path_.empty() ? key : path_ + "." + key;
  }
  const json& j_;
  std::string path_;
};

results::Moments read_moments(const Reader& r) {
  results::Moments m;
  m.n = r.u64("n");
  m.sum = r.u128_value("sum");
  m.sum_sq = r.u128_value("sum_sq");
  m.min = r.u64("min");
  m.max = r.u64("max");
  if (m.n == 0 && (m.sum != 0 || m.sum_sq != 0 || m.min != 0 || m.max != 0)) {
    r.fail("no values but non-zero sums");
  }
  if (m.min > m.max) r.fail("min above max");
  return m;
}

// A histogram's rows are bucket indices of its resolution: fine for the tiers and failovers,
// fine or coarse ("coarse") for the adaptive ones of services and object stores (ServiceResults).
results::CountStats read_count_stats(const Reader& r, results::LogHistogram::Resolution res) {
  results::CountStats d(res);
  d.moments = read_moments(r.object("moments"));
  if (r.boolean("coarse")) {
    if (!d.histogram.is_adaptive()) r.fail("a coarse histogram where only fine ones are kept");
    d.histogram.coarsen();
  }
  const results::LogHistogram::Resolution rows = d.histogram.resolution();
  if (d.histogram.is_adaptive() && rows == results::LogHistogram::Resolution::kFine &&
      r.at("histogram").is_array() &&
      r.at("histogram").size() >
          results::LogHistogram::kAdaptiveFineBuckets + 1) {  // + the zero bucket
    r.fail("more fine buckets than an adaptive histogram keeps before it turns coarse");
  }
  int64_t last = -1;
  const uint32_t bucket_count = results::LogHistogram::bucket_count(rows);
  for (const Reader& b : r.array("histogram")) {
    const json& v = b.value();
    if (!v.is_array() || v.size() != 4 || !std::all_of(v.begin(), v.end(), is_count)) {
      b.fail("expected [index, count, min, max]");
    }
    const results::LogHistogram::Bucket bucket{
        static_cast<uint32_t>(std::min<uint64_t>(v[0].get<uint64_t>(), bucket_count)),
        v[1].get<uint64_t>(), v[2].get<uint64_t>(), v[3].get<uint64_t>()};
    if (bucket.index >= bucket_count || static_cast<int64_t>(bucket.index) <= last) {
      b.fail("bucket indices must increase and stay below " + std::to_string(bucket_count));
    }
    if (bucket.count == 0 || bucket.min > bucket.max ||
        bucket.min < results::LogHistogram::bucket_lower(bucket.index, rows) ||
        bucket.max > results::LogHistogram::bucket_upper(bucket.index, rows)) {
      b.fail("bucket " + std::to_string(bucket.index) + " is empty or holds values outside it");
    }
    last = bucket.index;
    d.histogram.add_bucket(bucket);
  }
  if (d.histogram.count() != d.moments.n) r.fail("histogram and moments count differently");
  return d;
}

results::DurationStats read_duration_stats(const Reader& r, results::LogHistogram::Resolution res) {
  results::DurationStats d(res);
  static_cast<results::CountStats&>(d) = read_count_stats(r, res);
  return d;
}

results::IncidentStats read_incident_stats(const Reader& r, results::LogHistogram::Resolution res) {
  results::IncidentStats i(res);
  i.incidents = r.u64("incidents");
  i.total_loss = r.u64("total_loss");
  i.censored = r.u64("censored");
  i.rpo_unknown = r.u64("rpo_unknown");
  i.rpo = read_duration_stats(r.object("rpo"), res);
  i.rto = read_duration_stats(r.object("rto"), res);
  i.rto_open = read_duration_stats(r.object("rto_open"), res);
  i.rpo_met = r.u64("rpo_met");
  i.rto_met = r.u64("rto_met");
  i.rto_missed_open = r.u64("rto_missed_open");
  i.lost_writes = read_count_stats(r.object("lost_writes"), res);
  i.lost_writes_unknown = r.u64("lost_writes_unknown");
  if (i.rpo.count() + i.total_loss + i.rpo_unknown != i.incidents ||
      i.rto.count() + i.censored != i.incidents || i.rto_open.count() != i.censored ||
      i.rpo_met > i.rpo.count() || i.rto_met > i.rto.count() || i.rto_missed_open > i.censored ||
      i.lost_writes.count() + i.lost_writes_unknown + i.total_loss != i.incidents) {
    r.fail("incident counts do not add up");
  }
  return i;
}

// Every tier of a service has its incidents, and they are its services' together.
void check_tier_incidents(const Reader& r, const results::Results& out) {
  std::map<int, results::IncidentStats> sums;
  for (const results::ServiceResults& svc : out.services) {
    results::IncidentStats& sum = sums[svc.tier];
    sum.incidents += svc.incidents.incidents;
    sum.total_loss += svc.incidents.total_loss;
    sum.censored += svc.incidents.censored;
    sum.rpo_unknown += svc.incidents.rpo_unknown;
    sum.rpo_met += svc.incidents.rpo_met;
    sum.rto_met += svc.incidents.rto_met;
    sum.rto_missed_open += svc.incidents.rto_missed_open;
    sum.lost_writes_unknown += svc.incidents.lost_writes_unknown;
  }
  for (const auto& [tier, sum] : sums) {
    const auto it = out.tier_incidents.find(tier);
    if (it == out.tier_incidents.end()) {
      r.fail("tier " + std::to_string(tier) + " has services but no incidents entry");
    }
    const results::IncidentStats& t = it->second;
    if (t.incidents != sum.incidents || t.total_loss != sum.total_loss ||
        t.censored != sum.censored || t.rpo_unknown != sum.rpo_unknown ||
        t.rpo_met != sum.rpo_met || t.rto_met != sum.rto_met ||
        t.rto_missed_open != sum.rto_missed_open ||
        t.lost_writes_unknown != sum.lost_writes_unknown) {
      r.fail("tier " + std::to_string(tier) + "'s incidents are not its services' together");
    }
  }
  for (const auto& [tier, stats] : out.tier_incidents) {
    if (sums.count(tier) == 0) {
      r.fail("incidents of tier " + std::to_string(tier) + ", which no service has");
    }
  }
}

results::Results read_results(const Reader& r) {
  if (r.i64("version") != kStateVersion) {
    r.fail("state version " + std::to_string(r.i64("version")) + ", this drsim reads version " +
           std::to_string(kStateVersion));
  }
  results::Results out;
  out.scenario = r.text("scenario");
  out.scenario_hash = r.hex("scenario_hash");
  out.seed = r.u64("seed");
  out.trials = r.u64("trials");
  out.trials_requested = r.u64("trials_requested");
  const Reader shard = r.object("shard");
  out.shard = {shard.u64("index"), shard.u64("count")};
  if (out.shard.count == 0 || out.shard.index >= out.shard.count) {
    shard.fail("expected index < count");
  }
  const Reader range = r.object("range");
  out.range = {range.u64("first"), range.u64("end")};
  // The shard's range, or a part of it (an MPI rank's, on its way to rank 0).
  const results::TrialRange whole = shard_range(out.trials_requested, out.shard);
  if (out.range.first < whole.first || out.range.end > whole.end ||
      out.range.first > out.range.end) {
    range.fail("not within the range of shard " + std::to_string(out.shard.index) + "/" +
               std::to_string(out.shard.count) + " of " + std::to_string(out.trials_requested) +
               " trials");
  }
  if (out.trials > out.range.size()) r.fail("more trials than the range holds");
  out.partial = r.boolean("partial");
  if (!r.at("precision").is_null()) out.precision = r.number("precision");
  out.horizon = Duration::micros(r.i64("horizon_us"));
  for (const Reader& t : r.array("tiers")) {
    const int tier = t.small_int("tier");
    out.tiers[tier] = {Duration::micros(t.i64("rpo_us")), Duration::micros(t.i64("rto_us"))};
    if (!t.at("incidents").is_null()) {
      out.tier_incidents[tier] =
          read_incident_stats(t.object("incidents"), results::LogHistogram::Resolution::kFine);
    }
  }
  out.tier_slo = r.number("tier_slo");
  out.failover_slo = r.number("failover_slo");
  out.window_lo = Duration::micros(r.i64("window_lo_us"));
  out.window_hi = Duration::micros(r.i64("window_hi_us"));
  for (const char* key : {"services", "object_stores"}) {
    for (const Reader& s : r.array(key)) {
      results::ServiceResults svc;
      svc.name = s.text("name");
      svc.tier = s.small_int("tier");
      if (out.tiers.count(svc.tier) == 0) {
        s.fail("tier " + std::to_string(svc.tier) + " has no targets");
      }
      svc.incidents =
          read_incident_stats(s.object("incidents"), results::LogHistogram::Resolution::kAdaptive);
      svc.planned_incidents = s.u64("planned_incidents");
      svc.downtime_us = read_moments(s.object("downtime_us"));
      if (svc.downtime_us.n != out.trials) s.fail("downtime is not one value per trial");
      if (std::string_view(key) == "object_stores") svc.region = s.text("region");
      (std::string_view(key) == "services" ? out.services : out.object_stores).push_back(std::move(svc));
    }
  }
  check_tier_incidents(r, out);
  for (const Reader& d : r.array("databases")) {
    results::DatabaseResults db;
    db.name = d.text("name");
    db.downtime_us = read_moments(d.object("downtime_us"));
    if (db.downtime_us.n != out.trials) d.fail("downtime is not one value per trial");
    if (db.downtime_us.max > static_cast<uint64_t>(std::max<int64_t>(0, out.horizon.count_us()))) {
      d.fail("downtime longer than the horizon");
    }
    if (!d.at("analytic_availability").is_null()) {
      const double a = d.number("analytic_availability");
      if (!(a >= 0 && a <= 1)) d.fail("analytic_availability outside [0, 1]");
      db.analytic_availability = a;
    }
    db.analytic_exact = d.boolean("analytic_exact");
    out.databases.push_back(std::move(db));
  }
  for (const Reader& f : r.array("failovers")) {
    results::FailoverResults fr;
    fr.database = f.text("database");
    fr.detect_us = read_moments(f.object("detect_us"));
    fr.promote_us = read_moments(f.object("promote_us"));
    fr.dns_us = read_moments(f.object("dns_us"));
    fr.total = read_duration_stats(f.object("total"), results::LogHistogram::Resolution::kFine);
    fr.within_window = f.u64("within_window");
    fr.over_window = f.u64("over_window");
    fr.planned = f.u64("planned");
    const uint64_t n = fr.total.count();
    if (fr.detect_us.n != n || fr.promote_us.n != n || fr.dns_us.n != n ||
        fr.within_window + fr.over_window > n || fr.planned > n) {
      f.fail("failover counts do not add up");
    }
    out.failovers.push_back(std::move(fr));
  }
  for (const Reader& k : r.array("failover_index")) {
    const json& v = k.value();
    if (!v.is_number_integer() || v.get<int64_t>() < -1 ||
        v.get<int64_t>() >= static_cast<int64_t>(out.failovers.size())) {
      k.fail("expected -1 or an index into failovers");
    }
    out.failover_index.push_back(static_cast<int>(v.get<int64_t>()));
  }
  if (out.failover_index.size() != out.databases.size()) {
    r.fail("failover_index and databases differ in length");
  }
  const Reader engine = r.object("engine");
  out.engine.events = engine.u64("events");
  out.engine.trace_hash = engine.hex("trace_hash");
  out.engine.wall_s = engine.number("wall_s");
  out.engine.threads = engine.small_int("threads");
  out.engine.ranks = engine.small_int("ranks");
  return out;
}

}  // namespace

json results_to_state(const results::Results& r) {
  json tiers = json::array();
  for (const auto& [tier, target] : r.tiers) {
    const auto incidents = r.tier_incidents.find(tier);
    tiers.push_back(json{{"tier", tier},
                         {"rpo_us", target.rpo.count_us()},
                         {"rto_us", target.rto.count_us()},
                         {"incidents", incidents == r.tier_incidents.end()
                                           ? json(nullptr)
                                           : incident_stats_json(incidents->second)}});
  }
  const auto service_like = [](const std::vector<results::ServiceResults>& all) {
    json out = json::array();
    for (const results::ServiceResults& s : all) {
      out.push_back(json{{"name", s.name},
                         {"tier", s.tier},
                         {"incidents", incident_stats_json(s.incidents)},
                         {"planned_incidents", s.planned_incidents},
                         {"downtime_us", moments_json(s.downtime_us)}});
    }
    return out;
  };
  json services = service_like(r.services);
  json object_stores = service_like(r.object_stores);
  for (size_t i = 0; i < r.object_stores.size(); ++i) {
    object_stores[i]["region"] = r.object_stores[i].region;
  }
  json databases = json::array();
  for (const results::DatabaseResults& d : r.databases) {
    databases.push_back(json{{"name", d.name},
                             {"downtime_us", moments_json(d.downtime_us)},
                             {"analytic_availability", d.analytic_availability
                                                           ? json(*d.analytic_availability)
                                                           : json(nullptr)},
                             {"analytic_exact", d.analytic_exact}});
  }
  json failovers = json::array();
  for (const results::FailoverResults& f : r.failovers) {
    failovers.push_back(json{{"database", f.database},
                             {"detect_us", moments_json(f.detect_us)},
                             {"promote_us", moments_json(f.promote_us)},
                             {"dns_us", moments_json(f.dns_us)},
                             {"total", stats_json(f.total)},
                             {"within_window", f.within_window},
                             {"over_window", f.over_window},
                             {"planned", f.planned}});
  }
  return json{
      {"format", "drsim-state"},
      {"version", kStateVersion},
      {"scenario", r.scenario},
      {"scenario_hash", hex64(r.scenario_hash)},
      {"seed", r.seed},
      {"trials", r.trials},
      {"trials_requested", r.trials_requested},
      {"shard", {{"index", r.shard.index}, {"count", r.shard.count}}},
      {"range", {{"first", r.range.first}, {"end", r.range.end}}},
      {"partial", r.partial},
      {"precision", r.precision ? json(*r.precision) : json(nullptr)},
      {"horizon_us", r.horizon.count_us()},
      {"tiers", std::move(tiers)},
      {"tier_slo", r.tier_slo},
      {"failover_slo", r.failover_slo},
      {"window_lo_us", r.window_lo.count_us()},
      {"window_hi_us", r.window_hi.count_us()},
      {"services", std::move(services)},
      {"object_stores", std::move(object_stores)},
      {"databases", std::move(databases)},
      {"failovers", std::move(failovers)},
      {"failover_index", r.failover_index},
      {"engine",
       {{"events", r.engine.events},
        {"trace_hash", hex64(r.engine.trace_hash)},
        {"wall_s", r.engine.wall_s},
        {"threads", r.engine.threads},
        {"ranks", r.engine.ranks}}},
  };
}

results::Results results_from_state(const json& state, const std::string& source) {
  if (!state.is_object() || state.value("format", json()) != "drsim-state") {
    throw scenario::ScenarioError(
        {source + ": not a drsim state file (drsim run --state writes them)"});
  }
  try {
    return read_results(Reader(state, ""));
  } catch (const Problem& p) {
    throw scenario::ScenarioError({source + ": " + p.what()});
  }
}

std::string hex64(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

}  // namespace drsim::models::report
