//! Contract tests: the Graph client against the sandbox, for every call, each with an error case.
//! Both sides follow SPEC.md; the assertions quote it.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::graph::types::{
    GroupField, MessageContent, PageRequest, Pin, PinKind, SettingsUpdate, TextBody,
};
use app::graph::{GraphError, GroupsApi, MediaApi, MessagesApi, NumbersApi};
use common::sandbox::demo_access;
use common::{DEMO_PNID, TestApp};
use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};
use serde_json::json;
use sqlx::PgPool;

// One test binary; the tests are grouped by the part of SPEC §2 they cover.
#[path = "contract/groups.rs"]
mod groups;
#[path = "contract/messages.rs"]
mod messages;
#[path = "contract/numbers.rs"]
mod numbers;
#[path = "contract/participants.rs"]
mod participants;

fn code(error: GraphError) -> i64 {
    error.code()
}

fn text(body: &str) -> MessageContent {
    MessageContent::Text {
        text: TextBody {
            body: body.into(),
            preview_url: false,
        },
    }
}
