//! A form sent before the page has hydrated. Until the browser has run the app's code, an
//! `ActionForm` is a plain HTML form: it would post the old-fashioned way, the server would
//! answer with a redirect back to the page, and the outcome (a field's error, "sent") would be
//! lost along with what the person typed. This script, inline in the document's head so it runs
//! before any form can be sent, holds such a submission (the form shows `aria-busy`) and sends
//! it again once `frontend` marks the document `<html data-hydrated>`, now through the app.
//! If the app's code never arrives, the held form is sent the plain way after ten seconds, so
//! nothing is lost and nothing waits forever. Forms that only read (`method="get"`) pass.
//! Without JavaScript the script does not run and every form posts the plain way.

/// The attribute `frontend` sets on `<html>` once the page has hydrated (browser tests wait for
/// it too).
pub const HYDRATED_ATTRIBUTE: &str = "data-hydrated";

/// Marks the document hydrated: the held form, if any, is sent now.
#[cfg(feature = "hydrate")]
pub fn mark_hydrated() {
    if let Some(root) = leptos::prelude::document().document_element() {
        _ = root.set_attribute(HYDRATED_ATTRIBUTE, "");
    }
}

/// The script; it contains no `<`, so it needs no escaping inside `<script>`.
pub const SUBMIT_GUARD: &str = r#"(function () {
  var root = document.documentElement, held = null, passing = null, timer = null;
  function ready() { return root.hasAttribute('data-hydrated'); }
  function send(h) {
    h.form.removeAttribute('aria-busy');
    passing = h.form;
    try {
      if (h.submitter && h.submitter.form === h.form) h.form.requestSubmit(h.submitter);
      else h.form.requestSubmit();
    } finally { passing = null; }
  }
  function release() {
    clearTimeout(timer);
    var h = held;
    held = null;
    if (h && h.form.isConnected) send(h);
  }
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (ready() || form === passing || form.method !== 'post') return;
    event.preventDefault();
    if (held && held.form !== form) held.form.removeAttribute('aria-busy');
    held = { form: form, submitter: event.submitter };
    form.setAttribute('aria-busy', 'true');
    if (timer === null) timer = setTimeout(release, 10000);
  }, true);
  new MutationObserver(function (changes, observer) {
    if (!ready()) return;
    observer.disconnect();
    release();
  }).observe(root, { attributes: true, attributeFilter: ['data-hydrated'] });
})();"#;

#[cfg(test)]
mod tests {
    use super::{HYDRATED_ATTRIBUTE, SUBMIT_GUARD};

    #[test]
    fn needs_no_escaping_inside_a_script_element() {
        assert!(
            !SUBMIT_GUARD.contains('<'),
            "a `<` could end the script element early"
        );
    }

    #[test]
    fn waits_for_the_marker_frontend_sets() {
        assert!(SUBMIT_GUARD.contains(&format!("'{HYDRATED_ATTRIBUTE}'")));
    }
}
