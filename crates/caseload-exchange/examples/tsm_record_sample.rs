//! Writes the sample TSM record as PDF and DOCX into a folder, to look at by eye:
//! `cargo run -p caseload-exchange --example tsm_record_sample -- <folder> [--draft]`.

use caseload_domain::tsm::record::TsmRecord;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .ok_or("usage: tsm_record_sample <folder> [--draft]")?;
    let mut record = TsmRecord::sample();
    record.finished = args.next().as_deref() != Some("--draft");
    std::fs::write(
        format!("{dir}/tsm-record.pdf"),
        caseload_exchange::to_pdf(&record)?,
    )?;
    std::fs::write(
        format!("{dir}/tsm-record.docx"),
        caseload_exchange::to_docx(&record)?,
    )?;
    Ok(())
}
