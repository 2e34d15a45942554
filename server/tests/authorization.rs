//! The authorization matrix: every server function, page and route is called as an anonymous
//! visitor, as an admin of another tenant, and with each role that is too small; each call must be
//! denied and change nothing in the target tenant.
//!
//! The list of endpoints is not written here: server functions come from the server-fn registry,
//! pages from the Leptos route list and other routes from `server::routes::declared_routes()`.
//! [`ACCESS`] says who may call each one; an endpoint missing from it fails the suite, so a new
//! endpoint cannot ship without a decision (and a check) for it.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod authorization_support;
mod common;

use app::tenants::Role;
use authorization_support::access::*;
use authorization_support::calls::hit;
use authorization_support::fixture::*;
use authorization_support::state::{settle, snapshot};
use common::{TestApp, browser};
use sqlx::PgPool;
use std::collections::BTreeSet;

/// Every endpoint the server has, as `fn <path>`, `page <path>` or `route <METHOD> <path>`.
fn registered_endpoints() -> BTreeSet<String> {
    let mut endpoints = BTreeSet::new();
    for (path, _method) in leptos::server_fn::axum::server_fn_paths() {
        endpoints.insert(format!("fn {path}"));
    }
    for listing in leptos_axum::generate_route_list(app::App) {
        endpoints.insert(format!("page {}", listing.path()));
    }
    for (path, methods) in server::routes::declared_routes() {
        for method in methods {
            endpoints.insert(format!("route {method} {path}"));
        }
    }
    endpoints
}

#[tokio::test]
async fn every_endpoint_has_a_declared_access_rule() {
    let registered = registered_endpoints();
    let declared: BTreeSet<String> = ACCESS.iter().map(|(key, _)| (*key).to_owned()).collect();
    let missing: Vec<_> = registered.difference(&declared).collect();
    let stale: Vec<_> = declared.difference(&registered).collect();
    assert!(
        missing.is_empty(),
        "endpoints without an access rule in ACCESS (add one, and a check): {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "ACCESS names endpoints that do not exist: {stale:?}"
    );
}

fn denied(status: u16, body: &str) -> bool {
    let refused = matches!(status, 401 | 403 | 404 | 422);
    let leaked = A_MARKERS.iter().any(|marker| body.contains(marker));
    (refused || (200..300).contains(&status)) && !leaked
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn every_endpoint_denies_the_wrong_callers_and_changes_nothing(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let fx = fixture(&app).await;
    let anonymous = browser();

    for (key, access) in ACCESS {
        let before = snapshot(&app, fx.tenant_a).await;
        let is_page = key.starts_with("page ");
        let allowed: &[Role] = match access {
            Public => continue,
            SignedIn => Role::ALL,
            Members(roles) => roles,
            Platform => &[],
        };

        let (status, body) = hit(&app, &anonymous, key, &fx).await;
        let expected = if is_page { 303 } else { 401 };
        assert_eq!(status, expected, "{key} as anonymous: {body}");
        assert_eq!(
            snapshot(&app, fx.tenant_a).await,
            before,
            "{key} as anonymous changed tenant A"
        );

        let (status, body) = hit(&app, &fx.b_admin.client, key, &fx).await;
        assert!(
            denied(status, &body),
            "{key} as another tenant's admin: {status} {body}"
        );
        assert_eq!(
            snapshot(&app, fx.tenant_a).await,
            before,
            "{key} as another tenant's admin changed tenant A"
        );

        for (role, user) in &fx.a {
            if allowed.contains(role) {
                continue;
            }
            let (status, body) = hit(&app, &user.client, key, &fx).await;
            if is_page {
                // A page is a frame whose data comes from server functions (checked strictly
                // above); its status is 403 only when the refusal lands before streaming starts.
                assert!(
                    matches!(status, 200 | 403) && denied(status, &body),
                    "{key} as {role:?}: {status} {body}"
                );
            } else {
                assert_eq!(status, 403, "{key} as {role:?}: {body}");
            }
            assert_eq!(
                snapshot(&app, fx.tenant_a).await,
                before,
                "{key} as {role:?} changed tenant A"
            );
        }

        // Control: an allowed member gets through, so the denials above were not bad input.
        let user = match access {
            Platform => &fx.platform,
            _ => {
                &fx.a
                    .iter()
                    .find(|(role, _)| allowed.contains(role))
                    .unwrap()
                    .1
            }
        };
        let (status, body) = hit(&app, &user.client, key, &fx).await;
        assert!(
            (200..300).contains(&status),
            "{key} as an allowed member: {status} {body}"
        );
        settle(&app).await;
    }
    app.stop().await;
}
