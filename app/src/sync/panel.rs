//! The "Sync from WhatsApp" panel of the Groups page: one row per number with its latest run,
//! live counts, and the reason when a run failed.

use super::{NumberSync, StartSync, SyncJobView, SyncState, sync_status, text};
use leptos::prelude::*;

/// Lists the tenant's numbers with their latest sync; admins and staff can start one. Refetches
/// on every live event, so a run's counts move while it reads.
#[component]
pub fn SyncPanel(tick: ReadSignal<u64>) -> impl IntoView {
    let start = ServerAction::<StartSync>::new();
    let overview = crate::resource::new(
        move || (tick.get(), start.version().get()),
        |_| sync_status(),
    );
    let refused = move || {
        start
            .value()
            .get()
            .and_then(Result::err)
            .map(|error| view! { <p class="error" role="alert">{error.to_string()}</p> })
    };
    view! {
        <section class="sync-panel" aria-labelledby="sync-heading">
            <h2 id="sync-heading">{text::HEADING}</h2>
            <p class="muted">{text::INTRO}</p>
            {refused}
            <Transition fallback=|| view! { <p>{text::LOADING}</p> }>
                {move || {
                    overview
                        .get()
                        .map(|result| match result {
                            Ok(overview) if overview.numbers.is_empty() => {
                                view! { <p class="notice">{text::NO_NUMBER}</p> }.into_any()
                            }
                            Ok(overview) => {
                                let can_start = overview.can_start;
                                view! {
                                    <ul class="sync-numbers">
                                        {overview
                                            .numbers
                                            .into_iter()
                                            .map(|number| view! { <SyncRow number can_start start/> })
                                            .collect_view()}
                                    </ul>
                                    {(!can_start).then(|| view! { <p class="muted">{text::READ_ONLY}</p> })}
                                }
                                .into_any()
                            }
                            Err(error) => {
                                view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any()
                            }
                        })
                }}
            </Transition>
        </section>
    }
}

/// One number: its button and the state of its latest run.
#[component]
fn SyncRow(number: NumberSync, can_start: bool, start: ServerAction<StartSync>) -> impl IntoView {
    let state = number.job.as_ref().map_or("never", |job| match job.state {
        SyncState::Running if job.waiting => "waiting",
        SyncState::Running => "running",
        SyncState::Succeeded => "succeeded",
        SyncState::Failed => "failed",
    });
    let id = number.number_id.to_string();
    view! {
        <li class="sync-number" data-state=state>
            <span class="sync-number-name">{number.display_phone_number}</span>
            {can_start
                .then(|| {
                    view! {
                        <ActionForm action=start>
                            <input type="hidden" name="number_id" value=id/>
                            <button type="submit" disabled=move || start.pending().get()>
                                {text::START}
                            </button>
                        </ActionForm>
                    }
                })}
            <div class="sync-status" role="status" aria-live="polite">
                {match number.job {
                    None => view! { <p>{text::NEVER}</p> }.into_any(),
                    Some(job) => view! { <JobStatus job/> }.into_any(),
                }}
            </div>
        </li>
    }
}

/// A run's state in words: what it is doing or how it ended, and its counts.
#[component]
fn JobStatus(job: SyncJobView) -> impl IntoView {
    let counts = text::counts(
        job.pages_read,
        job.groups_seen,
        job.imported,
        job.updated,
        job.flagged,
        job.failed,
    );
    let reason = job.last_error.clone().unwrap_or_default();
    let headline = match job.state {
        SyncState::Running if job.waiting => format!("{} {reason}", text::WAITING),
        SyncState::Running => format!("{} ({})", text::RUNNING, text::at(job.started_at)),
        SyncState::Succeeded => format!(
            "{} {}.",
            text::SUCCEEDED,
            job.finished_at.map(text::at).unwrap_or_default()
        ),
        SyncState::Failed => format!("{} {reason}", text::FAILED),
    };
    let class = match job.state {
        SyncState::Failed => "sync-headline error",
        _ => "sync-headline",
    };
    let group_problem = (job.state == SyncState::Succeeded && job.failed > 0 && !reason.is_empty())
        .then(|| view! { <p class="muted">{text::SOME_FAILED}" "{reason.clone()}</p> });
    view! {
        <p class=class>{headline}</p>
        <p class="sync-counts">{counts}</p>
        {group_problem}
    }
}
