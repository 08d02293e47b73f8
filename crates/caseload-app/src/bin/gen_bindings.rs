//! Writes `ui/src/api/bindings.ts` from the command list (run from anywhere in the repo).

use std::path::Path;

fn main() -> std::io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let path = root.join(caseload_app::bindings::BINDINGS_PATH);
    std::fs::write(&path, caseload_app::bindings::typescript())?;
    println!("wrote {}", path.display());
    Ok(())
}
