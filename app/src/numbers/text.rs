//! Words of the business numbers area. Translations replace this file only.

pub const PAGE_TITLE: &str = "Business numbers";
pub const LOADING: &str = "Loading numbers…";
pub const NO_NUMBERS: &str = "No business numbers yet.";
pub const COLUMN_NUMBER: &str = "Number";
pub const COLUMN_PNID: &str = "Phone number ID";
pub const COLUMN_WABA: &str = "WABA ID";
pub const COLUMN_STATE: &str = "State";
pub const COLUMN_ACTIONS: &str = "Actions";
pub const STATE_ACTIVE: &str = "Active";
pub const STATE_DISABLED: &str = "Disabled";
pub const SANDBOX_BADGE: &str = "sandbox";
pub const DISABLE_BUTTON: &str = "Disable";
pub const ROTATE_BUTTON: &str = "Replace token";
pub const NEW_TOKEN: &str = "New access token";

pub const ONBOARD_HEADING: &str = "Add a business number";
pub const ONBOARD_HINT: &str = "Enter the number's phone number ID and WABA ID from WhatsApp Manager, and a system user access token with whatsapp_business_messaging and whatsapp_business_management. GroupDesk checks the token and the number's eligibility first; nothing is saved unless both are fine. The token is stored encrypted and never shown again.";
pub const FIELD_PNID: &str = "Phone number ID";
pub const FIELD_WABA: &str = "WABA ID";
pub const FIELD_TOKEN: &str = "Access token";
pub const FIELD_SANDBOX: &str = "Sandbox number (talks to the local sandbox, not to Meta)";
pub const ONBOARD_BUTTON: &str = "Check and add";
pub const ONBOARDED: &str = "The number was added and subscribed to webhooks.";
pub const ROTATED: &str = "The new token was checked and saved.";

pub const FACTS_HEADING: &str = "What WhatsApp says about this number";
pub const FACT_NAME: &str = "Verified name";
pub const FACT_OBA: &str = "Official Business Account";
pub const FACT_LIMIT: &str = "Messaging limit";
pub const FACT_PLATFORM: &str = "Platform";
pub const FACT_BIZ_APP: &str = "On the WhatsApp Business app";
pub const FACT_THROUGHPUT: &str = "Throughput";
pub const FACT_QUALITY: &str = "Quality rating";
pub const YES: &str = "yes";
pub const NO: &str = "no";
pub const UNKNOWN: &str = "not reported";

pub const PNID_INVALID: &str = "The phone number ID is the long number (digits only) shown in WhatsApp Manager under the phone number.";
pub const WABA_INVALID: &str =
    "The WABA ID is the WhatsApp Business Account's number (digits only) from WhatsApp Manager.";
pub const TOKEN_EMPTY: &str = "Enter the access token.";
pub const TOKEN_INVALID: &str =
    "An access token is one line of letters, digits and symbols, without spaces.";
pub const NUMBER_UNKNOWN: &str = "Choose one of this tenant's enabled numbers.";
pub const ALREADY_ONBOARDED: &str = "This phone number ID is already added to GroupDesk.";
pub const SANDBOX_OFF: &str =
    "The sandbox is not running on this server, so a sandbox number cannot be added.";
pub const NO_DISPLAY_NUMBER: &str =
    "WhatsApp did not report this number's display digits; check the phone number ID.";
pub const NOT_OBA: &str = "WhatsApp reports that this number is not an Official Business Account.";
pub const ON_BIZ_APP: &str = "This number is on the WhatsApp Business app (Coexistence); Groups need a number on the Cloud API only.";
pub const NOT_CLOUD_API: &str = "This number is not on the Cloud API.";
pub const NOT_SUBSCRIBED: &str = "WhatsApp did not confirm the webhook subscription of this WABA. Check the token's whatsapp_business_management permission.";

pub const SIGNUP_HEADING: &str = "Connect with Facebook (Embedded Signup)";
pub const SIGNUP_HINT: &str = "The business signs in with Facebook, picks or creates its WhatsApp Business Account and number, and GroupDesk receives a one-time code. GroupDesk exchanges it for the number's token right away and then checks the number like above; nothing is saved unless everything is fine.";
pub const SIGNUP_BUTTON: &str = "Connect with Facebook";
pub const SIGNUP_CANCELLED: &str = "The signup was closed before it finished. Nothing was added.";
pub const SIGNUP_CANCELLED_AT: &str = "Step where it stopped:";
pub const SIGNUP_FAILED: &str = "Facebook reported an error during the signup. Nothing was added.";
pub const SIGNUP_SDK_MISSING: &str = "Facebook's sign-in could not be loaded. Check the connection or browser extensions that block it.";
pub const SANDBOX_SIGNUP_HINT: &str = "There is no Facebook in the sandbox. This button plays Facebook's signup dialog: the sandbox creates a new sandbox number and hands back a one-time code, which GroupDesk exchanges for the number's token exactly as in a real signup.";
pub const SANDBOX_SIGNUP_BUTTON: &str = "Connect a new sandbox number";
pub const SIGNUP_WORKING: &str = "Exchanging the code and checking the number…";
pub const CODE_REFUSED: &str = "Facebook did not accept the signup code: a code works once and only for 30 seconds. Start the signup again; nothing was saved.";
pub const SIGNUP_NOT_CONFIGURED: &str =
    "Embedded Signup needs META_APP_ID and META_ES_CONFIG_ID in the server's settings.";
pub const CAPACITY_HEADING: &str = "Capacity";
pub const CAPACITY_EMPTY: &str = "No enabled number. Add one below to start creating groups.";
pub const GROUPS_METER: &str = "Groups used out of WhatsApp's limit per number";
pub const NEAR_CAP: &str = "This number is close to WhatsApp's limit of 10,000 groups. Delete groups that are no longer used, or add another number: at the limit WhatsApp refuses new groups.";
pub const NO_RECENT_FAILURES: &str = "No failed operations in the last 7 days.";
pub const CHECK_FACTS: &str = "Check with WhatsApp";
pub const CHECKING: &str = "Asking WhatsApp…";

/// "1,234 of 10,000 groups".
pub fn groups_used(used: i64, cap: i64) -> String {
    format!("{} of {} groups", thousands(used), thousands(cap))
}

/// How many operations wait for WhatsApp.
pub fn pending_operations(count: i64) -> String {
    match count {
        0 => "No operation is waiting for WhatsApp.".to_owned(),
        1 => "1 operation is waiting for WhatsApp.".to_owned(),
        _ => format!("{count} operations are waiting for WhatsApp."),
    }
}

/// How many of those wait for too long.
pub fn stale_operations(count: i64) -> String {
    format!("{count} waiting for more than 10 minutes: see the Operations page.")
}

/// The summary of the failures list.
pub fn recent_failures(count: usize) -> String {
    if count == 1 {
        "1 failed operation in the last 7 days".to_owned()
    } else {
        format!("{count} failed operations in the last 7 days")
    }
}

fn thousands(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    if value < 0 { format!("-{out}") } else { out }
}
