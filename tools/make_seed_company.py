#!/usr/bin/env python3
"""Writes scenarios/seed_company.json: the reference practice's systems by name (docs/seed-company.md).

Run: /usr/bin/python3 tools/make_seed_company.py > scenarios/seed_company.json
"""
import json
R = {
 "us-east-1": ["use1-az1","use1-az2","use1-az3"],
 "us-west-2": ["usw2-az1","usw2-az2","usw2-az3"],
 "eu-west-1": ["euw1-az1","euw1-az2","euw1-az3"],
 "eu-central-1": ["euc1-az1","euc1-az2","euc1-az3"],
 "ap-southeast-1": ["apse1-az1","apse1-az2","apse1-az3"],
 "ap-southeast-2": ["apse2-az1","apse2-az2","apse2-az3"],
}
# Where each region's snapshots are copied (the nearest other region).
PAIR = {"us-east-1":"us-west-2","us-west-2":"us-east-1","eu-west-1":"eu-central-1",
        "eu-central-1":"eu-west-1","ap-southeast-1":"ap-southeast-2","ap-southeast-2":"ap-southeast-1"}
def backup(retention="30d", copy=None):
    b = {"snapshot": {"every": "24h", "at": "03:00", "retention": retention},
         "log_upload": "5m",
         "restore": {"base": "20m", "rate": "150MiB/s"},
         "verify_every": "90d"}
    if copy:
        b["copy_to"] = [copy]
        b["copy_delay"] = {"uniform": ["30m", "2h"]}
    return b
def db(name, region, deployment="multi-az", size="500GiB", write_rate="200/s", retention="30d", **extra):
    azs = R[region][:2] if deployment == "multi-az" else R[region][:1] if deployment == "single-az" else R[region][:3]
    d = {"name": name, "deployment": deployment, "region": region, "azs": azs,
         "size": size, "write_rate": write_rate,
         "backup": backup(retention, PAIR[region])}
    d.update(extra)
    return d
databases = [
  db("jira-db-us", "us-east-1", size="800GiB", write_rate="400/s"),
  db("jira-db-eu", "eu-west-1", size="600GiB", write_rate="300/s"),
  db("jira-db-apac", "ap-southeast-2", size="300GiB", write_rate="150/s"),
  db("confluence-db-us", "us-east-1", size="1TiB", write_rate="300/s"),
  db("confluence-db-eu", "eu-central-1", size="700GiB", write_rate="200/s"),
  db("confluence-db-apac", "ap-southeast-1", size="300GiB", write_rate="100/s"),
  db("bitbucket-db", "us-east-1", size="1TiB", write_rate="500/s",
     replicas=[{"region": "us-west-2", "lag": {"exponential": {"mean": "2s"}}, "promote": "5m",
                "backup": {"snapshot": {"every": "24h", "at": "05:00", "retention": "30d"},
                           "log_upload": "5m", "restore": {"base": "20m", "rate": "150MiB/s"},
                           "verify_every": "90d"}}]),
  db("statuspage-db", "us-east-1", size="100GiB", write_rate="50/s"),
  db("access-db", "us-east-1", size="200GiB", write_rate="100/s"),
  db("jira-align-db", "us-east-1", size="200GiB", write_rate="50/s", retention="35d"),
  db("trello-db", "us-east-1", size="900GiB", write_rate="600/s"),
  db("opsgenie-db", "us-west-2", size="300GiB", write_rate="200/s"),
  db("cac-db", "us-east-1", size="100GiB", write_rate="20/s"),
  db("analytics-db", "us-west-2", deployment="single-az", size="2TiB", write_rate="1000/s"),
  db("bi-ingestion-db", "us-west-2", deployment="single-az", size="500GiB", write_rate="300/s"),
]
stores = [
  {"name": "media-platform-us", "region": "us-east-1", "size": "50TiB", "replicate_to": "us-west-2",
   "lag": {"lognormal": {"median": "30s", "p95": "15m"}}},
  {"name": "media-platform-eu", "region": "eu-west-1", "size": "20TiB", "replicate_to": "eu-central-1",
   "lag": {"lognormal": {"median": "30s", "p95": "15m"}}},
  {"name": "media-platform-apac", "region": "ap-southeast-2", "size": "10TiB", "replicate_to": "ap-southeast-1",
   "lag": {"lognormal": {"median": "30s", "p95": "15m"}}},
]
media = ["media-platform-us", "media-platform-eu", "media-platform-apac"]
base = ["aws-platform", "core-network"]
services = [
  {"name": "aws-platform", "tier": 0, "runs_in": ["us-east-1"]},
  {"name": "core-network", "tier": 0, "runs_in": ["us-east-1", "us-west-2"]},
  {"name": "micros", "tier": 0, "runs_in": ["us-east-1"], "depends_on": base},
  {"name": "jira", "tier": 1, "uses": ["jira-db-us", "jira-db-eu", "jira-db-apac"] + media, "depends_on": base + ["micros"]},
  {"name": "confluence", "tier": 1, "uses": ["confluence-db-us", "confluence-db-eu", "confluence-db-apac"] + media, "depends_on": base + ["micros"]},
  {"name": "bitbucket", "tier": 1, "uses": ["bitbucket-db"], "depends_on": base + ["micros"]},
  {"name": "statuspage", "tier": 1, "uses": ["statuspage-db"], "depends_on": base + ["micros"]},
  {"name": "access", "tier": 1, "uses": ["access-db"], "depends_on": base + ["micros"]},
  {"name": "jira-align", "tier": 1, "uses": ["jira-align-db"], "depends_on": base},
  {"name": "trello", "tier": 1, "uses": ["trello-db"], "depends_on": base},
  {"name": "opsgenie", "tier": 1, "uses": ["opsgenie-db"], "depends_on": base},
  {"name": "image-effects", "tier": 2, "uses": media, "depends_on": base + ["micros"]},
  {"name": "cac", "tier": 2, "uses": ["cac-db"], "depends_on": base + ["micros"]},
  {"name": "analytics", "tier": 3, "uses": ["analytics-db"], "depends_on": base},
  {"name": "bi-ingestion", "tier": 3, "uses": ["bi-ingestion-db"], "depends_on": base},
]
for s in services:
    s.setdefault("uses", []); s.setdefault("depends_on", [])
faults = [
  {"kind": "instance_failure", "target": "*", "mtbf": "1y"},
  {"kind": "storage_failure", "target": "*", "mtbf": "600y"},
  {"kind": "az_outage", "target": "*", "rate": "1/5y",
   "duration": {"lognormal": {"median": "3h", "p95": "12h"}}},
  {"kind": "region_outage", "target": "*", "rate": "1/5y",
   "duration": {"lognormal": {"median": "8h", "p95": "17h"}}},
  {"kind": "data_corruption", "target": "*", "rate": "1/20y",
   "detect_after": {"lognormal": {"median": "30m", "p95": "6h"}}},
  {"kind": "switchover", "target": "bitbucket-db", "to": "us-west-2", "at": "45d", "every": "182d", "duration": "4h"},
]
# Quarterly Multi-AZ failover tests, one database a day from the second week of each quarter.
tested = [d["name"] for d in databases if d["deployment"] != "single-az"]
faults[-1:-1] = [{"kind": "failover_test", "target": name, "at": f"{14 + i}d", "every": "91d"}
                 for i, name in enumerate(tested)]
doc = {
 "name": "The seed company: every system by name",
 "description": "The reference practice (DESIGN.md section 1) as one fleet, each system by its own name, over the six regions. Tier 0: aws-platform (AWS's global control planes, which run in us-east-1), core-network (its hubs in us-east-1 and us-west-2; the practice names no failover between them, so either hub region's outage takes it down) and micros (the Micros PaaS servers, in us-east-1). Every product depends on aws-platform and core-network; Jira, Confluence, Statuspage, Bitbucket, Access, image effects and CAC also on micros; Jira Align, Trello and Opsgenie run off Micros. Tier 1: Jira and Confluence with a logical RDS Multi-AZ database per product instance (US, EU, APAC), daily snapshots kept 30 days with PITR, attachments in the Media Platform (S3, replicated); Bitbucket replicated to us-west-2 with independent daily backups in each region; Jira Align with snapshots kept 35 days; Trello; Opsgenie (in us-west-2). Statuspage is Tier 1: customers read it exactly when the other products are down. Access is Tier 1: it gates sign-in to every product, so its outage is theirs. Tier 2: image effects and CAC. Tier 3: analytics and BI ingestion (single-AZ). Every snapshot is copied to the nearest other region and restore-tested quarterly; Multi-AZ failover tests run quarterly on every Multi-AZ database and Bitbucket's region failover is tested twice a year (four hours in us-west-2, then back). Defaults where the practice says nothing: failover split, restore 20 min + 150 MiB/s and replica promotion 5 min from aws-facts (sections 1.1, 1.5), replica lag exponential with mean 2 s (DESIGN.md section 3's example), S3 replication lag median 30 s with p95 15 min (aws-facts 1.7, RTC's 15 minutes), AZ outages median 3 h and region events 8-17 h (aws-facts 1.10), EBS-like storage failures (aws-facts 1.9) and instance failures once a year; database sizes and write rates are illustrative.",
 "horizon": "1y",
 "start": "2026-01-05T00:00:00Z",
 "seed": 11,
 "trials": 200,
 "regions": [{"name": r, "azs": a} for r, a in R.items()],
 "databases": databases,
 "object_stores": stores,
 "services": services,
 "response": {"detect": "5m", "ack": {"lognormal": {"median": "5m", "p95": "20m"}},
              "region_failover": {"decide_after": "30m", "execute": {"uniform": ["20m", "60m"]}},
              "restore_parallelism": 4},
 "faults": faults,
}
print(json.dumps(doc, indent=2))
