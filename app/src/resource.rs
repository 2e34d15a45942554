//! Resources: data a page loads through a server function, sent along with the page by the
//! server and read back by the browser when it hydrates.
//!
//! Leptos's default codec reads that data with `serde_json::from_str`, while a server function's
//! answer is read with `serde_json::from_slice`. Those are two JSON readers, and the browser's
//! wasm carried every page's data types' parsing code twice, once for each. [`Json`] reads the
//! page's data with `from_slice` too, so each type's parsing code exists once. Use [`new`] and
//! [`Resource`] instead of Leptos's `Resource::new` and `Resource<T>`.

use leptos::server::codee::{Decoder, Encoder};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// JSON, read with the same reader as server functions' answers.
pub struct Json;

impl<T: Serialize> Encoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, serde_json::Error> {
        serde_json::to_string(value)
    }
}

impl<T: DeserializeOwned> Decoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(value: &str) -> Result<T, serde_json::Error> {
        serde_json::from_slice(value.as_bytes())
    }
}

/// A resource whose data travels as [`Json`].
pub type Resource<T> = leptos::prelude::Resource<T, Json>;

/// A resource that loads with `fetcher` whenever `source` changes (see Leptos's `Resource::new`).
#[track_caller]
pub fn new<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Resource<T>
where
    S: Send + Sync + Clone + PartialEq + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    leptos::prelude::Resource::new_with_options(source, fetcher, false)
}

/// Like [`new`], but the server holds the page back until it has loaded.
#[track_caller]
pub fn new_blocking<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Resource<T>
where
    S: Send + Sync + Clone + PartialEq + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    leptos::prelude::Resource::new_with_options(source, fetcher, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, serde::Deserialize)]
    struct Page {
        title: String,
        items: Vec<u32>,
    }

    #[test]
    fn what_the_server_writes_the_browser_reads_back() {
        let page = Page {
            title: "Grüße \"quoted\" \u{1F600}".into(),
            items: vec![1, 8],
        };
        let encoded = <Json as Encoder<Page>>::encode(&page).unwrap();
        let decoded: Page = <Json as Decoder<Page>>::decode(&encoded).unwrap();
        assert_eq!(decoded, page);
    }

    #[test]
    fn unreadable_data_is_an_error_not_a_panic() {
        assert!(<Json as Decoder<Page>>::decode("{\"title\": 1}").is_err());
    }
}
