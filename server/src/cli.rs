//! The command line: `server [serve]`, `server migrate`, `server help`.

use crate::config::Config;
use crate::{serve, telemetry};
use std::process::ExitCode;

const USAGE: &str = "usage: server [serve | sandbox | migrate | help]

  serve     apply migrations, then serve the app (the default)
  sandbox   serve only the Groups API sandbox; webhooks go to SANDBOX_CALLBACK_URL
  migrate   apply migrations and exit
  help      show this text

Settings come from the environment and an optional .env file; see .env.example.";

/// Runs the command named by `args` and returns the process exit code.
pub async fn run(args: Vec<String>) -> ExitCode {
    let command = args.first().map(String::as_str).unwrap_or("serve");
    if matches!(command, "help" | "--help" | "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    if !matches!(command, "serve" | "sandbox" | "migrate") {
        eprintln!("groupdesk: unknown command {command:?}\n\n{USAGE}");
        return ExitCode::from(2);
    }
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("groupdesk: configuration error: {error}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(config.log_format);
    let result = match command {
        "migrate" => migrate(&config).await,
        "sandbox" => sandbox_until_stopped(config).await,
        _ => serve_until_stopped(config).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(error = format!("{error:#}"), "groupdesk stopped");
            eprintln!("groupdesk: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn migrate(config: &Config) -> anyhow::Result<()> {
    let pool = serve::connect(config).await?;
    serve::MIGRATOR.run(&pool).await?;
    tracing::info!("migrations applied");
    Ok(())
}

async fn sandbox_until_stopped(mut config: Config) -> anyhow::Result<()> {
    use anyhow::Context;
    // The sandbox needs its demo number whatever GROUPDESK_SANDBOX says.
    config.sandbox = true;
    let pool = serve::connect(&config).await?;
    serve::prepare(&config, &pool).await?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("could not listen on {} (GROUPDESK_ADDR)", config.addr))?;
    let running = serve::start_sandbox_only(config, listener, pool).await?;
    tracing::info!(url = %running.public_url, "GroupDesk sandbox is listening");
    serve::termination().await;
    running.shutdown.cancel();
    let _ = running.handle.await;
    Ok(())
}

async fn serve_until_stopped(config: Config) -> anyhow::Result<()> {
    use anyhow::Context;
    let pool = serve::connect(&config).await?;
    serve::prepare(&config, &pool).await?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("could not listen on {} (GROUPDESK_ADDR)", config.addr))?;
    let sandbox = config.sandbox;
    let running = serve::start(config, listener, pool).await?;
    tracing::info!(url = %running.public_url, sandbox, "GroupDesk is listening");
    serve::termination().await;
    tracing::info!("shutting down");
    running.shutdown.cancel();
    let _ = running.handle.await;
    Ok(())
}
