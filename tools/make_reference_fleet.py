#!/usr/bin/env python3
"""Writes scenarios/reference_fleet.json: the reference practice's fleet over six regions.

Run from the repository root: python3 tools/make_reference_fleet.py > scenarios/reference_fleet.json
The scenario is data; this script only saves typing the same products in six regions. Write
rates are round figures of ours for products of these sizes (they only scale the lost writes).

With --tenants N it adds N tenant databases per region (each product instance has its own
logical database), cycling through the deployments, each used by its own Tier 1 service on the
platform: `--tenants 170` gives the 1,080-database fleet of the reference benchmark
(bench/reference_fleet_1080.json, see bench/fleet_bench.cc).
"""
import argparse
import json

TENANT_DEPLOYMENTS = ["multi-az", "multi-az", "multi-az-cluster", "aurora", "single-az",
                      "aurora-global"]

REGIONS = {
    "us-east-1": "use1", "us-west-2": "usw2", "eu-west-1": "euw1",
    "eu-central-1": "euc1", "ap-southeast-1": "apse1", "ap-southeast-2": "apse2",
}
# Where each region's cross-region replicas and snapshot copies go.
PARTNER = {
    "us-east-1": "us-west-2", "us-west-2": "us-east-1", "eu-west-1": "eu-central-1",
    "eu-central-1": "eu-west-1", "ap-southeast-1": "ap-southeast-2", "ap-southeast-2": "ap-southeast-1",
}
DAILY = {"every": "24h", "at": "03:00", "retention": "30d"}
RESTORE = {"base": {"uniform": ["15m", "30m"]}, "rate": "150MiB/s"}


def backup(region, snapshot=DAILY, copies=True):
    b = {"snapshot": snapshot, "log_upload": "5m", "restore": RESTORE, "verify_every": "90d",
         "silent_corruption": 0.002}
    if copies:
        b["copy_to"] = [PARTNER[region]]
        b["copy_delay"] = {"uniform": ["30m", "2h"]}
    return b


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tenants", type=int, default=0, help="tenant databases per region")
    args = parser.parse_args()
    regions, databases, stores, services, links = [], [], [], [], []
    for region, short in REGIONS.items():
        azs = [f"{short}-az{i}" for i in (1, 2, 3)]
        regions.append({"name": region, "azs": azs})

        def db(name, deployment, size, writes, **extra):
            spec = {"name": f"{name}-{short}-db", "deployment": deployment, "region": region,
                    "azs": azs[:{"single-az": 1, "multi-az": 2}.get(deployment, 3)],
                    "size": size, "write_rate": writes, "replace": "15m"}
            spec.update(extra)
            databases.append(spec)
            return spec["name"]

        platform = db("platform", "multi-az-cluster", "2TiB", "1500/s", backup=backup(region))
        tracker = db("tracker", "multi-az", "800GiB", "400/s", backup=backup(region),
                     replicas=[{"region": PARTNER[region], "lag": {"exponential": {"mean": "2s"}},
                                "promote": "5m"}])
        wiki = db("wiki", "multi-az", "600GiB", "250/s", backup=backup(region))
        code = db("code", "aurora-global", "1TiB", "300/s", backup=backup(region),
                  replicas=[{"region": PARTNER[region], "lag": {"uniform": ["200ms", "2s"]},
                             "promote": "1m"}])
        oncall = db("oncall", "multi-az", "100GiB", "100/s", backup=backup(region))
        status = db("status", "multi-az", "50GiB", "50/s", backup=backup(region))
        boards = db("boards", "multi-az", "300GiB", "150/s", backup=backup(region))
        planning = db("planning", "multi-az", "200GiB", "80/s",
                      backup=backup(region, {"every": "1h", "retention": "35d"}))
        effects = db("image-effects", "single-az", "50GiB", "20/s", backup=backup(region, copies=False))
        analytics = db("analytics", "single-az", "4TiB", "50/s",
                       backup=backup(region, {"every": "24h", "at": "05:00", "retention": "7d"},
                                     copies=False))
        media = f"attachments-{short}"
        stores.append({"name": media, "region": region, "replicate_to": PARTNER[region],
                       "lag": {"lognormal": {"median": "30s", "p95": "10m"}}})

        def svc(name, tier, uses, deps=()):
            services.append({"name": f"{name}-{short}", "tier": tier, "uses": uses,
                             "depends_on": list(deps)})

        svc("platform", 0, [platform])
        svc("tracker", 1, [tracker, media], [f"platform-{short}"])
        svc("wiki", 1, [wiki, media], [f"platform-{short}"])
        svc("code-hosting", 1, [code, media], [f"platform-{short}"])
        svc("on-call", 1, [oncall], [f"platform-{short}"])
        svc("status-page", 1, [status], [])
        svc("boards", 1, [boards], [f"platform-{short}", f"tracker-{short}"])
        svc("planning", 1, [planning], [f"platform-{short}"])
        svc("image-effects", 2, [effects, media], [f"platform-{short}"])
        svc("analytics", 3, [analytics], [])
        for t in range(args.tenants):
            deployment = TENANT_DEPLOYMENTS[t % len(TENANT_DEPLOYMENTS)]
            extra = {}
            if deployment == "aurora-global":
                extra["replicas"] = [{"region": PARTNER[region], "lag": {"uniform": ["200ms", "2s"]},
                                      "promote": "1m"}]
            tenant = db(f"tenant{t:03d}", deployment, "100GiB", "100/s", backup=backup(region), **extra)
            svc(f"tenant{t:03d}", 1, [tenant, media], [f"platform-{short}"])
    for a, b in [("us-east-1", "us-west-2"), ("us-east-1", "eu-west-1"),
                 ("eu-west-1", "eu-central-1"), ("ap-southeast-1", "ap-southeast-2"),
                 ("us-west-2", "ap-southeast-1")]:
        links.append({"between": [a, b], "latency": "70ms", "bandwidth": "5Gbps"})
    scenario = {
        "name": "reference fleet year" + (f" ({len(databases)} databases)" if args.tenants else ""),
        "description": "The reference practice across six regions (US East, US West, Ireland, Frankfurt, Singapore, Sydney): in each, the platform (Tier 0, a Multi-AZ cluster), the Tier 1 products (issue tracker with a cross-region replica, wiki, code hosting on Aurora Global, on-call, status page, boards, planning with 35 days of hourly snapshots), lower tiers (image effects, analytics) on single-AZ databases, and attachments in object stores replicated to a partner region. Daily snapshots kept 30 days and copied to the partner region, 5-minute log uploads, quarterly restore tests. One simulated year of random faults of every kind.",
        "horizon": "1y", "start": "2026-01-05T00:00:00Z", "seed": 42, "trials": 20,
        "regions": regions, "links": links, "databases": databases, "object_stores": stores,
        "services": services,
        "response": {"detect": "5m", "ack": {"lognormal": {"median": "5m", "p95": "20m"}},
                     "region_failover": {"decide_after": "30m", "execute": {"uniform": ["20m", "60m"]}},
                     "restore_parallelism": 8},
        "faults": [
            {"kind": "instance_failure", "target": "*", "mtbf": "1y"},
            # EBS general-purpose volumes: 0.1-0.2 % a year (aws-facts §1.9, ebs.afr 0.0015).
            {"kind": "storage_failure", "target": "*", "mtbf": "667y"},
            {"kind": "az_outage", "target": "*", "rate": "1/3y",
             "duration": {"lognormal": {"median": "3h", "p95": "12h"}}},
            {"kind": "region_outage", "target": "*", "rate": "1/5y",
             "duration": {"lognormal": {"median": "6h", "p95": "24h"}}},
            {"kind": "network_partition", "target": "*", "rate": "1/2y",
             "duration": {"lognormal": {"median": "30m", "p95": "3h"}}},
            {"kind": "control_plane", "target": "*", "rate": "1/2y",
             "duration": {"lognormal": {"median": "2h", "p95": "8h"}}},
            {"kind": "backup_failure", "target": "*", "rate": "1/1y", "duration": "1d"},
            {"kind": "disaster", "target": "*", "rate": "1/200y"},
            {"kind": "data_deletion", "target": "*", "rate": "1/20y", "detect_after": {"uniform": ["5m", "2h"]}},
            {"kind": "data_corruption", "target": "*", "rate": "1/10y",
             "detect_after": {"lognormal": {"median": "4h", "p95": "2d"}}},
        ],
    }
    print(json.dumps(scenario, indent=1))


if __name__ == "__main__":
    main()
