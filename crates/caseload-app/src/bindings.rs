//! The TypeScript the UI imports (`ui/src/api/bindings.ts`): the declaration of every type a
//! command takes or returns, and of every type those depend on (walked through ts-rs), the
//! error, and the `Commands` map, all derived from the command list: no list of types is kept
//! by hand. Declarations are sorted by name, so the file is stable. A test fails when the
//! committed file is stale; `cargo run -p caseload-app --bin gen-bindings` rewrites it.

use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};

use ts_rs::{TS, TypeVisitor};

use crate::error::{AppError, FieldError};

/// Where the generated file lives, relative to the repository root.
pub const BINDINGS_PATH: &str = "ui/src/api/bindings.ts";

/// Collects the declaration of every type it is shown and, transitively, of every type those
/// depend on. Types without a declaration of their own (`String`, `Vec<T>`, `Option<T>`, `()`…)
/// are looked through, to their type parameters.
#[derive(Default)]
struct Declarations {
    seen: HashSet<TypeId>,
    /// TypeScript name → declaration, so the output is sorted by name.
    by_name: BTreeMap<String, String>,
}

impl Declarations {
    /// A command's request or response type, which may itself be undeclarable (`Vec<T>`).
    fn root<T: TS + 'static + ?Sized>(&mut self) {
        self.visit::<T>();
        T::visit_generics(self);
    }
}

impl TypeVisitor for Declarations {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if T::output_path().is_none() || !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        let previous = self.by_name.insert(T::ident(), T::decl());
        assert!(
            previous.is_none(),
            "two types are exported to TypeScript as {}",
            T::ident()
        );
        T::visit_dependencies(self);
    }
}

macro_rules! declarations {
    ($($module:ident :: $name:ident : $req:ty => $resp:ty,)*) => {
        /// Every type the commands take or return, and the error, with all they depend on.
        fn declarations() -> Vec<String> {
            let mut all = Declarations::default();
            $(
                all.root::<$req>();
                all.root::<$resp>();
            )*
            all.root::<AppError>();
            all.root::<FieldError>();
            all.by_name.into_values().collect()
        }
    };
}

crate::for_each_command!(declarations);

macro_rules! request_declarations {
    ($($module:ident :: $name:ident : $req:ty => $resp:ty,)*) => {
        /// The TypeScript declaration of every type a command takes from the webview, and of
        /// every type those depend on, by name: what the webview can send. The tests check that
        /// none names a path (see `docs/security.md`, "The webview names no paths").
        #[doc(hidden)]
        pub fn request_declarations() -> BTreeMap<String, String> {
            let mut all = Declarations::default();
            $(all.root::<$req>();)*
            all.by_name
        }
    };
}

crate::for_each_command!(request_declarations);

macro_rules! command_map {
    ($($module:ident :: $name:ident : $req:ty => $resp:ty,)*) => {
        fn command_map() -> String {
            let mut out = String::from("export interface Commands {\n");
            $(out.push_str(&format!(
                "  {}: {{ request: {}, response: {} }},\n",
                stringify!($name),
                <$req as TS>::name(),
                <$resp as TS>::name()
            ));)*
            out.push_str("}\n");
            out
        }
    };
}

crate::for_each_command!(command_map);

/// The whole generated file.
pub fn typescript() -> String {
    let mut out = String::from(
        "// generated — do not edit. Source: crates/caseload-app (the command list and its types).\n\
         // Regenerate with `cargo run -p caseload-app --bin gen-bindings`.\n\n",
    );
    for decl in declarations() {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.push_str(&crate::labels::typescript());
    out.push_str(&command_map());
    out.push_str("\nexport const COMMAND_NAMES = [");
    let names: Vec<String> = crate::COMMAND_NAMES
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect();
    out.push_str(&names.join(", "));
    out.push_str("] as const;\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_committed_typescript_bindings_are_current() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(BINDINGS_PATH);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == typescript(),
            "{} is stale: run `cargo run -p caseload-app --bin gen-bindings` and commit it",
            BINDINGS_PATH
        );
    }

    #[test]
    fn every_command_appears_in_the_typescript_map() {
        let ts = typescript();
        for name in crate::COMMAND_NAMES {
            assert!(
                ts.contains(&format!("  {name}: {{ request: ")),
                "{name} missing"
            );
        }
    }
}
