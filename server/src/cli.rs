//! The command line: `server [serve]`, `server migrate`, `server help`.

use crate::config::Config;
use crate::{serve, telemetry};
use std::process::ExitCode;

const USAGE: &str = "usage: server [serve | sandbox | migrate | help]

  serve     apply migrations, then serve the app (the default)
  sandbox   serve only the Groups API sandbox; webhooks go to SANDBOX_CALLBACK_URL
  migrate   apply migrations and exit
  webhooks list                 show webhook events that were set aside, newest first
  webhooks replay ID            queue event ID again
  webhooks replay OUTCOME       queue every event set aside as OUTCOME
                                (quarantined, unmatched, unreadable or parked)
  help      show this text

Settings come from the environment and an optional .env file; see .env.example.";

/// Runs the command named by `args` and returns the process exit code.
pub async fn run(args: Vec<String>) -> ExitCode {
    let command = args.first().map(String::as_str).unwrap_or("serve");
    if matches!(command, "help" | "--help" | "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    if !matches!(command, "serve" | "sandbox" | "migrate" | "webhooks") {
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
        "webhooks" => webhooks(&config, &args[1..]).await,
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

async fn webhooks(config: &Config, args: &[String]) -> anyhow::Result<()> {
    use app::webhooks::set_aside;
    let pool = serve::connect(config).await?;
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["list"] | [] => {
            for event in set_aside::list(&pool, 100).await? {
                println!(
                    "{}\t{}\t{}\tpnid={}\tattempts={}\t{}",
                    event.id,
                    event.received_at.to_rfc3339(),
                    event.outcome,
                    event.phone_number_id.unwrap_or_default(),
                    event.attempts,
                    event.last_error.unwrap_or_default()
                );
            }
            Ok(())
        }
        ["replay", target] => {
            let requeued = match target.parse::<i64>() {
                Ok(id) => set_aside::replay(&pool, Some(id), None).await?,
                Err(_)
                    if matches!(
                        *target,
                        "quarantined" | "unmatched" | "unreadable" | "parked"
                    ) =>
                {
                    set_aside::replay(&pool, None, Some(target)).await?
                }
                Err(_) => anyhow::bail!("replay takes an event ID or an outcome, not {target:?}"),
            };
            println!("requeued {requeued} event(s); a running server applies them");
            Ok(())
        }
        other => anyhow::bail!("unknown webhooks command {other:?}\n\n{USAGE}"),
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
