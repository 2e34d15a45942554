//! The GroupDesk server process.

/// mimalloc instead of glibc's malloc: under a webhook flood (make bench, saturation) glibc's
/// malloc and free took about a fifth of the process's CPU.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    server::cli::run(std::env::args().skip(1).collect()).await
}
