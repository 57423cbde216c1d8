// Writers: CSV cells per RFC 4180 with no formula cells, counts as people read them, the incident
// CSV's lost writes.
#include "models/report/writers.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace drsim::models::report::writers_test {
using sim::Duration;
using sim::SimTime;
namespace {

TEST(CsvField, PlainNamesAreLeftAlone) {
  EXPECT_EQ(csv_field("tracker"), "tracker");
  EXPECT_EQ(csv_field("wiki-emea"), "wiki-emea");
  EXPECT_EQ(csv_field(""), "");
}

TEST(CsvField, CommasQuotesAndLineBreaksAreQuoted) {
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("cr\rhere"), "\"cr\rhere\"");
}

TEST(CsvField, FormulaCellsAreNeutralised) {
  EXPECT_EQ(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(csv_field("+1"), "'+1");
  EXPECT_EQ(csv_field("-1"), "'-1");
  EXPECT_EQ(csv_field("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_field("\tx"), "'\tx");
}

TEST(FormatCount, ReadsAsPeopleSayIt) {
  EXPECT_EQ(format_count(0), "0");
  EXPECT_EQ(format_count(1234), "1,234");
  EXPECT_EQ(format_count(9999), "9,999");
  EXPECT_EQ(format_count(230'400), "230 k");
  EXPECT_EQ(format_count(15'240'000), "15.2 M");
  EXPECT_EQ(format_count(1.1e9), "1.1 G");
}

TEST(IncidentCsv, CarriesLostWritesAndQuotesNames) {
  observations::TrialObservations obs;
  obs.trial = 7;
  observations::Incident lost;
  lost.service = 0;
  lost.started_at = SimTime::from_micros(10'000'000);
  lost.stopped_committing_at = lost.started_at;
  lost.serving_again_at = SimTime::from_micros(70'000'000);
  lost.rpo = Duration::seconds(30);
  lost.lost_writes = 12000;
  lost.path = RecoveryKind::kPromote;
  lost.path_of = RecoveryOf::kStore;
  lost.path_subject = 1;
  lost.path_where = 1;
  observations::Incident open;
  open.service = 0;
  open.started_at = SimTime::from_micros(80'000'000);
  open.stopped_committing_at = open.started_at;
  open.rpo.reset();
  open.lost_writes.reset();
  open.planned = true;
  obs.incidents = {lost, open};
  std::string out;
  results::IncidentLabels labels;
  labels.services = {"=evil,svc"};
  labels.tiers = {1};
  labels.stores = {"tracker-db", "wiki-db"};
  labels.regions = {"us-east-1", "us-west-2"};
  append_incident_csv(obs, labels, out);
  EXPECT_EQ(out,
            "7,\"'=evil,svc\",1,10.000000,10.000000,70.000000,60.000000,30.000000,12000,0,0,0,"
            "promote:us-west-2,wiki-db\n"
            "7,\"'=evil,svc\",1,80.000000,80.000000,,,,,0,1,1,,\n");
  EXPECT_NE(incident_csv_header().find("rpo_s,lost_writes,total_loss"), std::string::npos);
  EXPECT_NE(incident_csv_header().find("planned,path,path_of\n"), std::string::npos);
}

TEST(IncidentPath, NamesThePathAndWhatItBroughtBack) {
  results::IncidentLabels labels;
  labels.stores = {"tracker-db", "media"};
  labels.regions = {"us-east-1", "us-west-2"};
  labels.azs = {"use1-az1", "use1-az2", "usw2-az1"};
  observations::Incident i;
  EXPECT_EQ(incident_path(i, labels), "");  // censored: no path ended it
  EXPECT_EQ(incident_path_of(i, labels), "");
  i.path = RecoveryKind::kFailover;
  i.path_subject = 0;
  EXPECT_EQ(incident_path(i, labels), "failover");
  EXPECT_EQ(incident_path_of(i, labels), "tracker-db");
  i.path = RecoveryKind::kPromoteCopy;
  i.path_where = 1;
  EXPECT_EQ(incident_path(i, labels), "promote-copy:use1-az2");
  i.path = RecoveryKind::kReplicaPitr;
  EXPECT_EQ(incident_path(i, labels), "pitr:us-west-2");
  i.path = RecoveryKind::kSwitch;
  i.path_subject = 1;
  EXPECT_EQ(incident_path(i, labels), "switch:us-west-2");
  EXPECT_EQ(incident_path_of(i, labels), "media");
  i.path = RecoveryKind::kWait;
  i.path_of = RecoveryOf::kAz;
  i.path_subject = 2;
  i.path_where = -1;
  EXPECT_EQ(incident_path(i, labels), "wait");
  EXPECT_EQ(incident_path_of(i, labels), "usw2-az1");
  i.path_subject = 7;  // out of range: nothing read outside the labels
  EXPECT_EQ(incident_path_of(i, labels), "");
}

}  // namespace
}  // namespace drsim::models::report::writers_test
