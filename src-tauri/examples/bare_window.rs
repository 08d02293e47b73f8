//! Benchmark baseline (not part of the app): a bare Tauri window from the same Tauri version,
//! features and build profile as `caseload-desktop`, showing one static page (served from memory
//! by a custom scheme), with no plugins, no commands and no state. `scripts/bench.sh` starts it and the app the same way and compares
//! their start-up time and memory. `cargo build --release -p caseload-desktop --example bare_window`

fn main() {
    let mut context = tauri::generate_context!();
    // The app's own window (and its UI) is left out: only the page below is shown.
    context.config_mut().app.windows.clear();
    const PAGE: &str = "<!doctype html><title>Bare</title><h1 id=ready>Bare window</h1>";
    let result = tauri::Builder::default()
        .register_uri_scheme_protocol("bare", |_context, _request| {
            tauri::http::Response::builder()
                .header("Content-Type", "text/html")
                .body(PAGE.as_bytes().to_vec())
                .unwrap_or_else(|_| tauri::http::Response::new(Vec::new()))
        })
        .setup(|app| {
            let url = tauri::Url::parse("bare://localhost/").map_err(|e| e.to_string())?;
            tauri::WebviewWindowBuilder::new(app, "bare", tauri::WebviewUrl::External(url))
                .title("Bare window")
                .inner_size(1100.0, 800.0)
                .build()?;
            Ok(())
        })
        .run(context);
    if let Err(e) = result {
        eprintln!("the bare window could not start: {e}");
        std::process::exit(1);
    }
}
