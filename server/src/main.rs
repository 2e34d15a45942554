//! The GroupDesk server process.

#[tokio::main]
async fn main() -> std::process::ExitCode {
    server::cli::run(std::env::args().skip(1).collect()).await
}
