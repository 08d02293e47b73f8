//! Writes `crates/caseload-app/src/about/licences.json`, the third-party components Settings →
//! About lists with their licences (run from anywhere in the repo):
//!
//!   cargo run -p caseload-app --bin gen-licences
//!
//! Gathered by tools, never by hand:
//! - Rust crates: `cargo metadata` for the two shipped targets (x86_64 Linux and Windows), walked
//!   from `caseload-desktop` and `caseload-cli` through normal dependencies only — build and dev
//!   dependencies are not in the binaries, nor are proc-macro crates (they run in the compiler),
//!   nor anything reached only through them. Caseload's own crates are left out.
//! - npm packages: `ui/package-lock.json`'s production packages, and the development packages
//!   whose code the UI build compiles into the window ([`BUNDLED_DEV_PACKAGES`]: Svelte's runtime,
//!   the GOV.UK and MOJ styles).
//! - The Noto Sans font the PDF writer embeds ([`FONTS`]).
//!
//! A test below fails when the committed file differs from what this generates.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use caseload_app::about::{Component, ComponentKind, LICENCES_PATH};
use serde_json::Value;

/// The targets Caseload ships for; a crate linked on either is listed.
const TARGETS: &[&str] = &["x86_64-unknown-linux-gnu", "x86_64-pc-windows-msvc"];
/// The binaries a package installs.
const ROOTS: &[&str] = &["caseload-desktop", "caseload-cli"];
/// Development packages (in package.json for the build) whose code ends up in `ui/dist`: the
/// Svelte runtime and what it imports, and the GOV.UK Frontend and MOJ Frontend styles.
const BUNDLED_DEV_PACKAGES: &[&str] = &[
    "svelte",
    "clsx",
    "esm-env",
    "govuk-frontend",
    "@ministryofjustice/frontend",
];
/// Fonts embedded in the documents Caseload writes: (name, version, licence, repository).
const FONTS: &[(&str, &str, &str, &str)] = &[(
    "Noto Sans",
    // The fonts' own version (head table: 2.015), as @expo-google-fonts/noto-sans 0.4.2 ships it.
    "2.015",
    "OFL-1.1",
    "https://github.com/notofonts/latin-greek-cyrillic",
)];

type Error = Box<dyn std::error::Error>;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn main() -> Result<(), Error> {
    let path = root().join(LICENCES_PATH);
    std::fs::write(&path, render(&components()?))?;
    println!("wrote {}", path.display());
    Ok(())
}

fn components() -> Result<Vec<Component>, Error> {
    let mut all = BTreeSet::new();
    for target in TARGETS {
        all.extend(crates(&cargo_metadata(target)?)?);
    }
    let lock: Value = serde_json::from_str(&std::fs::read_to_string(
        root().join("ui/package-lock.json"),
    )?)?;
    all.extend(npm_packages(&lock)?);
    all.extend(
        FONTS
            .iter()
            .map(|&(name, version, licence, repository)| Component {
                kind: ComponentKind::Font,
                name: name.into(),
                version: version.into(),
                licence: licence.into(),
                repository: repository.into(),
            }),
    );
    Ok(all.into_iter().collect())
}

fn render(components: &[Component]) -> String {
    let mut text = serde_json::to_string_pretty(components).expect("components serialise");
    text.push('\n');
    text
}

fn cargo_metadata(target: &str) -> Result<Value, Error> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .current_dir(root())
        .args(["metadata", "--format-version", "1", "--locked"])
        .args(["--filter-platform", target])
        .output()?;
    if !out.status.success() {
        return Err(format!(
            "cargo metadata --filter-platform {target} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok(serde_json::from_slice(&out.stdout)?)
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// The crates the roots link on the metadata's platform, walked through normal dependencies.
fn crates(meta: &Value) -> Result<Vec<Component>, Error> {
    let packages: HashMap<&str, &Value> = meta["packages"]
        .as_array()
        .ok_or("cargo metadata has no packages")?
        .iter()
        .map(|p| (text(p, "id"), p))
        .collect();
    let nodes: HashMap<&str, &Value> = meta["resolve"]["nodes"]
        .as_array()
        .ok_or("cargo metadata has no resolve graph")?
        .iter()
        .map(|n| (text(n, "id"), n))
        .collect();
    let members: HashSet<&str> = meta["workspace_members"]
        .as_array()
        .ok_or("cargo metadata has no workspace members")?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    // A package's one library target is a proc-macro (its other targets are tests, benches…).
    let is_proc_macro = |p: &Value| {
        p["targets"].as_array().is_some_and(|targets| {
            targets.iter().any(|t| {
                t["kind"]
                    .as_array()
                    .is_some_and(|k| k.iter().any(|k| k == "proc-macro"))
            })
        })
    };
    let mut stack: Vec<&str> = packages
        .values()
        .filter(|p| ROOTS.contains(&text(p, "name")) && members.contains(text(p, "id")))
        .map(|p| text(p, "id"))
        .collect();
    if stack.len() != ROOTS.len() {
        return Err(format!("cargo metadata does not list all of {ROOTS:?}").into());
    }
    let mut seen: HashSet<&str> = stack.iter().copied().collect();
    let mut out = Vec::new();
    while let Some(id) = stack.pop() {
        let package = packages.get(id).ok_or_else(|| format!("no package {id}"))?;
        if !members.contains(id) {
            out.push(crate_component(package)?);
        }
        let node = nodes
            .get(id)
            .ok_or_else(|| format!("no resolve node {id}"))?;
        for dep in node["deps"].as_array().into_iter().flatten() {
            let normal = dep["dep_kinds"]
                .as_array()
                .is_some_and(|kinds| kinds.iter().any(|k| k["kind"].is_null()));
            let dep_id = text(dep, "pkg");
            let linked = packages.get(dep_id).is_some_and(|p| !is_proc_macro(p));
            if normal && linked && seen.insert(dep_id) {
                stack.push(dep_id);
            }
        }
    }
    Ok(out)
}

fn crate_component(p: &Value) -> Result<Component, Error> {
    let name = text(p, "name");
    let licence = match (text(p, "license"), text(p, "license_file")) {
        ("", "") => return Err(format!("crate {name} declares no licence").into()),
        ("", _) => "LicenseRef-file (see its repository)",
        (spdx, _) => spdx,
    };
    let repository = match text(p, "repository") {
        "" => format!("https://crates.io/crates/{name}"),
        url => url.to_string(),
    };
    Ok(Component {
        kind: ComponentKind::Crate,
        name: name.into(),
        version: text(p, "version").into(),
        licence: normalise(&licence.replace(" / ", " OR ").replace('/', " OR ")),
        repository,
    })
}

/// One spelling for a choice of licences, so "MIT OR Apache-2.0" and "Apache-2.0 OR MIT" count
/// as one: the alternatives of an expression that is only ORs, sorted. Anything with AND, WITH
/// or parentheses is kept as written.
fn normalise(expression: &str) -> String {
    let expression = expression.trim();
    if expression.contains(['(', ')'])
        || expression.contains(" AND ")
        || expression.contains(" WITH ")
    {
        return expression.to_string();
    }
    let mut alternatives: Vec<&str> = expression.split(" OR ").map(str::trim).collect();
    alternatives.sort_unstable();
    alternatives.dedup();
    alternatives.join(" OR ")
}

/// The lockfile's production packages and the bundled development ones.
fn npm_packages(lock: &Value) -> Result<Vec<Component>, Error> {
    let packages = lock["packages"]
        .as_object()
        .ok_or("ui/package-lock.json has no packages (lockfile v2 or later is needed)")?;
    let mut out = Vec::new();
    for (key, p) in packages {
        let Some(name) = key
            .rsplit("node_modules/")
            .next()
            .filter(|_| !key.is_empty())
        else {
            continue;
        };
        let is_dev = p.get("dev").and_then(Value::as_bool).unwrap_or(false);
        if is_dev && !BUNDLED_DEV_PACKAGES.contains(&name) {
            continue;
        }
        let licence = normalise(text(p, "license"));
        if licence.is_empty() {
            return Err(format!("npm package {name} declares no licence").into());
        }
        out.push(Component {
            kind: ComponentKind::Npm,
            name: name.into(),
            version: text(p, "version").into(),
            licence,
            repository: format!("https://www.npmjs.com/package/{name}"),
        });
    }
    for wanted in BUNDLED_DEV_PACKAGES {
        if !out.iter().any(|c| c.name == *wanted) {
            return Err(format!("{wanted} is not in ui/package-lock.json").into());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_licence_list_is_current() {
        let wanted = render(&components().expect("gather the components"));
        let committed = std::fs::read_to_string(root().join(LICENCES_PATH)).unwrap_or_default();
        assert!(
            committed == wanted,
            "{LICENCES_PATH} is stale: run `cargo run -p caseload-app --bin gen-licences` and commit it"
        );
    }

    #[test]
    fn a_choice_of_licences_has_one_spelling() {
        assert_eq!(normalise("MIT OR Apache-2.0"), "Apache-2.0 OR MIT");
        assert_eq!(normalise("Apache-2.0 OR MIT"), "Apache-2.0 OR MIT");
        assert_eq!(normalise("MIT"), "MIT");
        assert_eq!(
            normalise("(MIT OR Apache-2.0) AND Unicode-3.0"),
            "(MIT OR Apache-2.0) AND Unicode-3.0"
        );
        assert_eq!(
            normalise("Apache-2.0 WITH LLVM-exception OR MIT"),
            "Apache-2.0 WITH LLVM-exception OR MIT"
        );
    }

    #[test]
    fn build_only_and_proc_macro_crates_are_left_out_and_linked_ones_listed() {
        let all = components().expect("gather the components");
        let has = |name: &str| all.iter().any(|c| c.name == name);
        // Linked: the store's SQLite, the window's webview bindings (Linux), Windows' API.
        assert!(has("rusqlite") && has("webkit2gtk") && has("windows-sys"));
        // Proc-macro crates and what only they use; build scripts' and tests' crates.
        for absent in [
            "serde_derive",
            "glib-macros",
            "proc-macro-error",
            "tauri-build",
            "tempfile",
            "proptest",
        ] {
            assert!(!has(absent), "{absent} is listed but not linked");
        }
        // The UI's runtime packages, not its build tools.
        assert!(has("@observablehq/plot") && has("svelte") && has("govuk-frontend"));
        assert!(!has("vite") && !has("eslint") && !has("@tauri-apps/cli"));
    }
}
