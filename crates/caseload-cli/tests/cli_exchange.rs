//! `caseload export`, `sync`, `outbox list` and `aggregate` run as a script would run them.

mod common;

use common::*;
use predicates::prelude::*;
use serde_json::Value;

fn worker(dir: &std::path::Path, id: &str, seed: &str) {
    init(dir);
    caseload(dir)
        .args(["demo", "--pupils", "10", "--seed", seed])
        .assert()
        .success();
    share_as(dir, id, None);
}

fn funnel_totals(report: &Value) -> Vec<u64> {
    let table = report["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .find(|t| t["id"] == "funnel")
        .expect("funnel");
    table["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .take(7)
        .map(|r| r["total"].as_u64().unwrap_or(0))
        .collect()
}

#[test]
fn exports_queue_deliver_and_aggregate_into_a_team_report_from_the_cli() {
    let share = tempfile::tempdir().expect("share");
    let (a, b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    let mut expected = vec![0u64; 7];
    for (dir, id, seed) in [(a.path(), "aw-a", "21"), (b.path(), "aw-b", "22")] {
        worker(dir, id, seed);
        let from = "2020-01-01";
        let local = tempfile::tempdir().expect("local");
        let saved = json_of(
            caseload(dir)
                .args([
                    "export", "funnel", "--format", "csv,xlsx", "--from", from, "--out",
                ])
                .arg(local.path())
                .arg("--json"),
        );
        assert_eq!(saved["files"].as_array().expect("files").len(), 2);
        let csv = std::fs::read(saved["files"][0]["path"].as_str().expect("path")).expect("csv");
        assert!(
            csv.starts_with(b"\xEF\xBB\xBF"),
            "CSV for Excel starts with a BOM"
        );
        let queued = json_of(caseload(dir).args([
            "export", "funnel", "--format", "csv", "--from", from, "--json",
        ]));
        assert_eq!(queued["status"], "queued");
        let list = json_of(caseload(dir).args(["outbox", "list", "--json"]));
        assert_eq!(list["queued"], 1);
        caseload(dir)
            .args(["sync", "--share"])
            .arg(share.path())
            .assert()
            .success()
            .stdout(predicate::str::contains("Delivered 1"));
        let list = json_of(caseload(dir).args(["outbox", "list", "--json"]));
        assert_eq!(list["delivered"], 1);
        assert_eq!(list["items"][0]["status"], "delivered");
        // The delivered JSON's own totals, for the expected sum.
        let folder = share.path().join("caseload/deliveries").join(id);
        let delivery = std::fs::read_dir(&folder)
            .expect("delivery")
            .flatten()
            .next()
            .expect("one")
            .path();
        let json_file = std::fs::read_dir(&delivery)
            .expect("files")
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "json") && !p.ends_with("manifest.json"))
            .expect("json copy");
        let mine: Value =
            serde_json::from_slice(&std::fs::read(json_file).expect("read")).expect("json");
        for (e, n) in expected.iter_mut().zip(funnel_totals(&mine)) {
            *e += n;
        }
    }
    let out = share.path().join("team.json");
    caseload(a.path())
        .args(["aggregate", "--share"])
        .arg(share.path())
        .arg("--out")
        .arg(&out)
        .arg("--no-suppression")
        .assert()
        .success()
        .stdout(predicate::str::contains("from 2 deliveries"));
    let team: Value = serde_json::from_slice(&std::fs::read(&out).expect("team")).expect("json");
    assert_eq!(team["kind"], "team");
    assert_eq!(funnel_totals(&team), expected);

    // By default (and with --threshold), no count from 1 to 4 is shown: each is "[c]", and
    // a cell that is hidden is never alone in its row.
    for (flag, threshold) in [(None, 5), (Some("--threshold=20"), 20)] {
        let out = share.path().join(format!("team-{threshold}.json"));
        let mut cmd = caseload(a.path());
        cmd.args(["aggregate", "--share"])
            .arg(share.path())
            .arg("--out")
            .arg(&out);
        if let Some(flag) = flag {
            cmd.arg(flag);
        }
        cmd.assert().success();
        let team: Value =
            serde_json::from_slice(&std::fs::read(&out).expect("team")).expect("json");
        let funnel = team["tables"]
            .as_array()
            .expect("tables")
            .iter()
            .find(|t| t["id"] == "funnel")
            .expect("funnel");
        let mut hidden = 0;
        for row in funnel["rows"].as_array().expect("rows").iter().take(7) {
            let cells = ["primary", "secondary", "total"].map(|k| row[k].clone());
            for cell in &cells {
                if let Some(n) = cell.as_u64() {
                    assert!(
                        n == 0 || n >= threshold,
                        "{n} shown at threshold {threshold}"
                    );
                }
            }
            let here = cells.iter().filter(|c| c.as_str() == Some("[c]")).count();
            assert_ne!(here, 1, "one hidden cell in {row}");
            hidden += here;
        }
        if threshold == 20 {
            assert!(hidden > 0, "two demo caseloads have counts under 20");
        }
    }
    caseload(a.path())
        .args(["aggregate", "--threshold", "1", "--share"])
        .arg(share.path())
        .arg("--out")
        .arg(share.path().join("team-1.json"))
        .assert()
        .failure();

    // A missing share: the export stays queued, the command says why and fails.
    caseload(a.path())
        .args(["export", "closures", "--format", "pdf"])
        .assert()
        .success();
    caseload(a.path())
        .args(["sync", "--share"])
        .arg(share.path().join("not-mounted"))
        .assert()
        .failure()
        .stdout(predicate::str::contains("Failed 1").or(predicate::str::contains("failed 1")));
    let list = json_of(caseload(a.path()).args(["outbox", "list", "--json"]));
    assert_eq!(list["failed"], 1);
}
