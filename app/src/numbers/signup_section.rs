//! "Connect with Facebook": Embedded Signup through Facebook's JavaScript SDK, or the sandbox's
//! stand-in for it. Both end in the same server function, `complete_embedded_signup`.

use super::facts_view::FactsView;
use super::{CompleteEmbeddedSignup, FacebookSignup, StartSandboxSignup, text};
use leptos::prelude::*;

/// Loads Facebook's SDK, opens the signup dialog and waits for both halves of the result: the
/// code from `FB.login` and the IDs from the `WA_EMBEDDED_SIGNUP` message; then submits the form.
const FACEBOOK_SCRIPT: &str = r#"(function () {
  var root = document.getElementById('es-facebook');
  if (!root || root.dataset.ready) return;
  root.dataset.ready = '1';
  var shared = window.groupdeskSignup || (window.groupdeskSignup = { got: {} });
  function current() { return document.getElementById('es-facebook'); }
  function say(words) {
    var now = current();
    if (now) now.querySelector('.es-status').textContent = words;
  }
  function finish() {
    var got = shared.got, now = current();
    if (!got.code || !got.pnid || !now) return;
    var form = now.querySelector('form');
    form.elements.code.value = got.code;
    form.elements.phone_number_id.value = got.pnid;
    form.elements.waba_id.value = got.waba;
    shared.got = {};
    form.requestSubmit();
  }
  if (!shared.listening) {
    shared.listening = true;
    window.addEventListener('message', function (event) {
      if (!/^https:\/\/([a-z]+\.)?facebook\.com$/.test(event.origin)) return;
      var data, now = current();
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (!now || !data || data.type !== 'WA_EMBEDDED_SIGNUP') return;
      var detail = data.data || {};
      if (data.event === 'FINISH') {
        shared.got.pnid = detail.phone_number_id;
        shared.got.waba = detail.waba_id;
        finish();
      } else if (data.event === 'CANCEL') {
        say(now.dataset.cancelled + (detail.current_step ? ' ' + now.dataset.step + ' ' + detail.current_step : ''));
      } else if (data.event === 'ERROR') {
        say(now.dataset.failed + (detail.error_message ? ' (' + detail.error_message + ')' : ''));
      }
    });
    window.fbAsyncInit = function () {
      FB.init({ appId: root.dataset.appId, autoLogAppEvents: true, xfbml: false, version: root.dataset.version });
    };
    var sdk = document.createElement('script');
    sdk.async = true;
    sdk.crossOrigin = 'anonymous';
    sdk.src = 'https://connect.facebook.net/en_US/sdk.js';
    document.body.appendChild(sdk);
  }
  root.querySelector('.es-launch').addEventListener('click', function () {
    if (typeof FB === 'undefined') { say(root.dataset.missing); return; }
    say('');
    shared.got = {};
    FB.login(function (response) {
      if (response.authResponse && response.authResponse.code) {
        shared.got.code = response.authResponse.code;
        finish();
      } else if (!root.querySelector('.es-status').textContent) {
        say(root.dataset.cancelled);
      }
    }, {
      config_id: root.dataset.configId,
      response_type: 'code',
      override_default_response_type: true,
      extras: { setup: {}, sessionInfoVersion: '3' }
    });
  });
})();"#;

/// The Embedded Signup section: Facebook's dialog when configured, the sandbox stand-in when the
/// sandbox runs, and the outcome of the shared server function.
#[component]
pub fn SignupSection(
    complete: ServerAction<CompleteEmbeddedSignup>,
    facebook: Option<FacebookSignup>,
    sandbox_available: bool,
) -> impl IntoView {
    let start = ServerAction::<StartSandboxSignup>::new();
    // The stand-in needs the browser's code running; until it is hydrated the button is off.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    Effect::new(move |_| {
        if let Some(Ok(signup)) = start.value().get() {
            complete.dispatch(CompleteEmbeddedSignup {
                code: signup.code,
                phone_number_id: signup.phone_number_id,
                waba_id: signup.waba_id,
                sandbox: Some("on".to_owned()),
            });
        }
    });
    let show = facebook.is_some() || sandbox_available;
    show.then(move || {
        view! {
            <section class="embedded-signup">
                <h2>{text::SIGNUP_HEADING}</h2>
                <p>{text::SIGNUP_HINT}</p>
                {facebook.map(|facebook| view! { <FacebookButton complete facebook/> })}
                {sandbox_available.then(|| view! {
                    <p>{text::SANDBOX_SIGNUP_HINT}</p>
                    <button
                        type="button"
                        disabled=move || !hydrated.get()
                        on:click=move |_| {
                            start.dispatch(StartSandboxSignup {});
                        }
                    >
                        {text::SANDBOX_SIGNUP_BUTTON}
                    </button>
                })}
                {move || (start.pending().get() || complete.pending().get())
                    .then(|| view! { <p role="status">{text::SIGNUP_WORKING}</p> })}
                {move || start.value().get().and_then(Result::err).map(|error| view! {
                    <p class="error" role="alert">{error.to_string()}</p>
                })}
                <SignupOutcome complete/>
            </section>
        }
    })
}

/// The button that opens Facebook's dialog, and the hidden form its script submits.
#[component]
fn FacebookButton(
    complete: ServerAction<CompleteEmbeddedSignup>,
    facebook: FacebookSignup,
) -> impl IntoView {
    view! {
        <div
            id="es-facebook"
            data-app-id=facebook.app_id
            data-config-id=facebook.config_id
            data-version=facebook.graph_version
            data-cancelled=text::SIGNUP_CANCELLED
            data-step=text::SIGNUP_CANCELLED_AT
            data-failed=text::SIGNUP_FAILED
            data-missing=text::SIGNUP_SDK_MISSING
        >
            <button type="button" class="es-launch">{text::SIGNUP_BUTTON}</button>
            <p class="es-status error" role="alert"></p>
            <ActionForm action=complete>
                <input type="hidden" name="code"/>
                <input type="hidden" name="phone_number_id"/>
                <input type="hidden" name="waba_id"/>
            </ActionForm>
            <script inner_html=FACEBOOK_SCRIPT></script>
        </div>
    }
}

/// What the shared server function answered.
#[component]
fn SignupOutcome(complete: ServerAction<CompleteEmbeddedSignup>) -> impl IntoView {
    move || {
        complete.value().get().map(|result| match result {
            Ok(answer) => {
                let outcome = match answer.refused {
                    Some(reason) => view! { <p class="error" role="alert">{reason}</p> }.into_any(),
                    None => {
                        view! { <p class="notice" role="status">{text::ONBOARDED}</p> }.into_any()
                    }
                };
                view! { {outcome} <FactsView facts=answer.facts/> }.into_any()
            }
            Err(error) => {
                view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any()
            }
        })
    }
}
