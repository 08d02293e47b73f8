//! `caseload demo`: a synthetic caseload (obviously fake pupils, UPNs of LA 999) for
//! demonstrations, training and benchmarks.

use caseload_app::{AppError, Caseload};
use clap::Args;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many pupils (each with a case) to add.
    #[arg(long, default_value_t = 25)]
    pupils: u32,
    /// The same seed gives the same caseload.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

pub fn run(cx: &Caseload, args: DemoArgs) -> Result<(), AppError> {
    let added = caseload_app::demo::fill(cx, args.pupils, args.seed)?;
    outln!("Added {added} synthetic pupils with cases.");
    Ok(())
}
