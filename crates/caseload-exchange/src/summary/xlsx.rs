//! A summary as an XLSX workbook: one formatted sheet per table (typed cells: counts and
//! percentages as numbers, dates as Excel dates), an "About" sheet and a "Definitions" sheet.
//! Text that looks like a formula is written as it is, with Excel's quote-prefix style, so it
//! shows unchanged and is never run. The creation date is the summary's produced-on date,
//! so the same summary always gives the same bytes.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};

use super::about::{about_fields, iso};
use super::model::{Cell, ColumnType, Summary, SummaryTable};
use super::neutralise::looks_like_formula;
use crate::error::ExchangeError;

pub(crate) const ABOUT_SHEET: &str = "About";
pub(crate) const DEFINITIONS_SHEET: &str = "Definitions";
/// Excel's limit on a sheet name's length.
const SHEET_NAME_MAX: usize = 31;
const HEADER_FILL: u32 = 0xDDE6F0;
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 60;
const DEFINITION_WIDTH: f64 = 90.0;

/// The formats every sheet shares.
struct Formats {
    header: Format,
    percent: Format,
    date: Format,
    wrap: Format,
    /// No styling: the base of text cells without a format of their own.
    plain: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(HEADER_FILL))
                .set_align(FormatAlign::Top),
            percent: Format::new().set_num_format("0.0"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            plain: Format::new(),
        }
    }
}

fn failed(part: &'static str) -> impl Fn(XlsxError) -> ExchangeError {
    move |source| ExchangeError::SummaryXlsx { part, source }
}

fn excel_date(date: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    // Excel dates start in 1900; a year outside u16 is outside Excel's range anyway.
    let year = u16::try_from(date.year()).map_err(|_| XlsxError::DateTimeRangeError(iso(date)))?;
    ExcelDateTime::from_ymd(year, date.month() as u8, date.day() as u8)
}

/// The summary as XLSX bytes.
pub fn render_xlsx(summary: &Summary) -> Result<Vec<u8>, ExchangeError> {
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let created = excel_date(summary.header.produced_on).map_err(failed("document properties"))?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&summary.header.title)
            .set_author("Caseload")
            .set_creation_datetime(&created),
    );

    let mut names: Vec<String> = vec![ABOUT_SHEET.into(), DEFINITIONS_SHEET.into()];
    for table in &summary.tables {
        let name = sheet_name(&table.id, &names);
        names.push(name.clone());
        let sheet = workbook.add_worksheet();
        table_sheet(sheet, &name, table, &formats).map_err(failed("a table sheet"))?;
    }
    about_sheet(workbook.add_worksheet(), summary, &formats, &names[2..])
        .map_err(failed("the About sheet"))?;
    definitions_sheet(workbook.add_worksheet(), summary, &formats)
        .map_err(failed("the Definitions sheet"))?;
    workbook.save_to_buffer().map_err(failed("the workbook"))
}

/// A valid, unused sheet name from a table id: Excel's forbidden characters replaced, at most
/// 31 characters, and a numeric suffix where two ids would collide.
fn sheet_name(id: &str, taken: &[String]) -> String {
    let clean: String = id
        .chars()
        .map(|c| if "[]:*?/\\'".contains(c) { '_' } else { c })
        .take(SHEET_NAME_MAX)
        .collect();
    let clean = if clean.trim().is_empty() {
        "table".to_string()
    } else {
        clean
    };
    let is_taken = |name: &str| taken.iter().any(|t| t.eq_ignore_ascii_case(name));
    if !is_taken(&clean) {
        return clean;
    }
    (2..)
        .map(|n| {
            let suffix = format!("~{n}");
            let stem: String = clean.chars().take(SHEET_NAME_MAX - suffix.len()).collect();
            format!("{stem}{suffix}")
        })
        .find(|name| !is_taken(name))
        .unwrap_or(clean)
}

/// The width, in characters, a column of these texts needs, within sensible bounds.
fn width_of<'a>(texts: impl Iterator<Item = &'a str>) -> f64 {
    let longest = texts
        .flat_map(str::lines)
        .map(|line| line.chars().count())
        .max()
        .unwrap_or(0);
    (longest + 2).clamp(MIN_WIDTH, MAX_WIDTH) as f64
}

/// Writes text exactly as given. Text a spreadsheet could take for a formula gets Excel's
/// quote-prefix style on top of `format`: shown as typed, never evaluated, even after the
/// cell is edited, and with no apostrophe in the cell's value.
fn write_text<'s>(
    sheet: &'s mut Worksheet,
    row: u32,
    col: u16,
    value: &str,
    format: &Format,
) -> Result<&'s mut Worksheet, XlsxError> {
    if looks_like_formula(value) {
        sheet.write_string_with_format(row, col, value, &format.clone().set_quote_prefix())
    } else if *format == Format::new() {
        sheet.write_string(row, col, value)
    } else {
        sheet.write_string_with_format(row, col, value, format)
    }
}

fn write_header(sheet: &mut Worksheet, headers: &[&str], f: &Formats) -> Result<(), XlsxError> {
    for (col, header) in headers.iter().enumerate() {
        write_text(sheet, 0, col as u16, header, &f.header)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    f: &Formats,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Count(n) => sheet.write_number(row, col, *n as f64)?,
        Cell::Percent(t) => sheet.write_number_with_format(row, col, t.as_f64(), &f.percent)?,
        Cell::Date(d) => sheet.write_date_with_format(row, col, excel_date(*d)?, &f.date)?,
        Cell::Text(text) => write_text(sheet, row, col, text, &f.plain)?,
        Cell::Empty => sheet,
    };
    Ok(())
}

fn table_sheet(
    sheet: &mut Worksheet,
    name: &str,
    table: &SummaryTable,
    f: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(name)?;
    let headers: Vec<&str> = table.columns.iter().map(|c| c.header.as_str()).collect();
    write_header(sheet, &headers, f)?;
    for (r, row) in table.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            write_cell(sheet, r as u32 + 1, c as u16, cell, f)?;
        }
    }
    for (c, column) in table.columns.iter().enumerate() {
        let cells: Vec<String> = table
            .rows
            .iter()
            .filter_map(|row| row.get(c))
            .map(|cell| match (column.kind, cell) {
                (ColumnType::Date, Cell::Date(_)) => "yyyy-mm-dd".to_string(),
                _ => cell.display(),
            })
            .collect();
        let width = width_of(
            std::iter::once(column.header.as_str()).chain(cells.iter().map(String::as_str)),
        );
        sheet.set_column_width(c as u16, width)?;
    }
    if let Some(last) = table.columns.len().checked_sub(1) {
        sheet.autofilter(0, 0, table.rows.len() as u32, last as u16)?;
    }
    Ok(())
}

fn about_sheet(
    sheet: &mut Worksheet,
    summary: &Summary,
    f: &Formats,
    table_sheets: &[String],
) -> Result<(), XlsxError> {
    sheet.set_name(ABOUT_SHEET)?;
    write_header(sheet, &["Field", "Value"], f)?;
    let mut lines = about_fields(&summary.header, iso);
    for (table, name) in summary.tables.iter().zip(table_sheets) {
        lines.push((format!("Sheet {name}"), table.title.clone()));
    }
    for (i, (label, value)) in lines.iter().enumerate() {
        let row = i as u32 + 1;
        write_text(sheet, row, 0, label, &f.plain)?;
        write_text(sheet, row, 1, value, &f.plain)?;
    }
    sheet.set_column_width(0, width_of(lines.iter().map(|(l, _)| l.as_str())))?;
    sheet.set_column_width(1, width_of(lines.iter().map(|(_, v)| v.as_str())))?;
    Ok(())
}

/// Every column of every table (table, column, key, type, definition), then, below a blank
/// row, every row definition (table, row, definition).
fn definitions_sheet(
    sheet: &mut Worksheet,
    summary: &Summary,
    f: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(DEFINITIONS_SHEET)?;
    write_header(sheet, &["Table", "Column", "Key", "Type", "Definition"], f)?;
    let mut row = 1;
    for table in &summary.tables {
        for column in &table.columns {
            let kind = match column.kind {
                ColumnType::Text => "text",
                ColumnType::Count => "count",
                ColumnType::Percent => "percent",
                ColumnType::Date => "date",
            };
            for (col, text) in [&table.id, &column.header, &column.key]
                .into_iter()
                .enumerate()
            {
                write_text(sheet, row, col as u16, text, &f.plain)?;
            }
            sheet.write_string(row, 3, kind)?;
            write_text(sheet, row, 4, &column.definition, &f.wrap)?;
            row += 1;
        }
    }
    let row_definitions: Vec<(&str, &(String, String))> = summary
        .tables
        .iter()
        .flat_map(|t| t.row_definitions.iter().map(move |d| (t.id.as_str(), d)))
        .collect();
    if !row_definitions.is_empty() {
        // The row definitions line up under the columns' definitions, in column E.
        row += 1;
        for (col, header) in [(0, "Table"), (1, "Row"), (4, "Definition")] {
            sheet.write_string_with_format(row, col, header, &f.header)?;
        }
        for (table, (label, definition)) in row_definitions {
            row += 1;
            write_text(sheet, row, 0, table, &f.plain)?;
            write_text(sheet, row, 1, label, &f.plain)?;
            write_text(sheet, row, 4, definition, &f.wrap)?;
        }
    }
    sheet.set_column_width(0, 18)?;
    sheet.set_column_width(1, 40)?;
    sheet.set_column_width(2, 40)?;
    sheet.set_column_width(3, 10)?;
    sheet.set_column_width(4, DEFINITION_WIDTH)?;
    Ok(())
}

#[cfg(test)]
#[path = "xlsx_tests.rs"]
mod tests;
