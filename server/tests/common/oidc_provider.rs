//! A small OpenID Connect provider for tests, served in-process by axum on port 0: discovery,
//! JWKS, an authorization endpoint that signs the configured person in at once, a token endpoint
//! that checks the client secret, the one-time code and PKCE, and signs ID tokens with an RSA key
//! generated here, and userinfo. [`Behaviour`] makes it misbehave the ways real providers (or
//! attackers) can.

use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use rsa::RsaPrivateKey;
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::traits::PublicKeyParts;
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub const CLIENT_ID: &str = "groupdesk-test";
pub const CLIENT_SECRET: &str = "test-client-secret-never-printed";
const KID: &str = "test-key-1";

/// The person who signs in at the provider.
#[derive(Clone, Debug)]
pub struct Account {
    pub sub: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub name: String,
}

impl Account {
    /// A person whose address the provider has confirmed.
    pub fn verified(sub: &str, email: &str) -> Self {
        Self {
            sub: sub.to_owned(),
            email: Some(email.to_owned()),
            email_verified: true,
            name: "Ana Provider".to_owned(),
        }
    }
}

/// How the provider behaves; the defaults are a correct provider.
#[derive(Clone, Debug)]
pub struct Behaviour {
    pub account: Account,
    /// Put a nonce other than the one in the authorization request into the ID token.
    pub wrong_nonce: bool,
    /// Sign with a key that is not the published one (same key ID).
    pub bad_signature: bool,
    /// Issue the ID token to another client.
    pub audience: Option<String>,
    /// Issue an ID token that expired ten minutes ago.
    pub expired: bool,
    /// Keep the email claims out of the ID token (userinfo has them), as many providers do.
    pub email_only_in_userinfo: bool,
}

impl Behaviour {
    pub fn new(account: Account) -> Self {
        Self {
            account,
            wrong_nonce: false,
            bad_signature: false,
            audience: None,
            expired: false,
            email_only_in_userinfo: false,
        }
    }
}

struct Grant {
    nonce: Option<String>,
    challenge: String,
    redirect_uri: String,
    account: Account,
}

struct Inner {
    issuer: String,
    key: EncodingKey,
    other_key: EncodingKey,
    jwk: Value,
    behaviour: Mutex<Behaviour>,
    grants: Mutex<HashMap<String, Grant>>,
    access_tokens: Mutex<HashMap<String, Account>>,
    token_requests: Mutex<u32>,
}

/// A running fake provider.
#[derive(Clone)]
pub struct FakeProvider {
    inner: Arc<Inner>,
}

fn rsa_key() -> RsaPrivateKey {
    RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).unwrap()
}

impl FakeProvider {
    /// Starts the provider on 127.0.0.1 with a fresh key pair, signing `account` in.
    pub async fn start(account: Account) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let issuer = format!("http://{}", listener.local_addr().unwrap());
        let key = rsa_key();
        let jwk = json!({
            "kty": "RSA", "use": "sig", "alg": "RS256", "kid": KID,
            "n": URL_SAFE_NO_PAD.encode(key.n().to_bytes_be()),
            "e": URL_SAFE_NO_PAD.encode(key.e().to_bytes_be()),
        });
        let der = |key: &RsaPrivateKey| key.to_pkcs1_der().unwrap().as_bytes().to_vec();
        let inner = Arc::new(Inner {
            issuer,
            key: EncodingKey::from_rsa_der(&der(&key)),
            other_key: EncodingKey::from_rsa_der(&der(&rsa_key())),
            jwk,
            behaviour: Mutex::new(Behaviour::new(account)),
            grants: Mutex::new(HashMap::new()),
            access_tokens: Mutex::new(HashMap::new()),
            token_requests: Mutex::new(0),
        });
        let router = Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/authorize", get(authorize))
            .route("/token", post(token))
            .route("/jwks", get(jwks))
            .route("/userinfo", get(userinfo))
            .with_state(inner.clone());
        tokio::spawn(async move {
            axum::serve(listener, router).await.unwrap();
        });
        Self { inner }
    }

    /// The issuer URL (also the base of every endpoint).
    pub fn issuer(&self) -> &str {
        &self.inner.issuer
    }

    /// The GroupDesk settings that point at this provider.
    pub fn settings(&self) -> Vec<(&str, &str)> {
        vec![
            ("GROUPDESK_OIDC_ISSUER", self.issuer()),
            ("GROUPDESK_OIDC_CLIENT_ID", CLIENT_ID),
            ("GROUPDESK_OIDC_CLIENT_SECRET", CLIENT_SECRET),
            ("GROUPDESK_OIDC_NAME", "Test IdP"),
        ]
    }

    /// Changes how the provider behaves from now on.
    pub fn behave(&self, change: impl FnOnce(&mut Behaviour)) {
        change(&mut self.inner.behaviour.lock().unwrap());
    }

    /// How many code exchanges reached the token endpoint.
    pub fn token_requests(&self) -> u32 {
        *self.inner.token_requests.lock().unwrap()
    }
}

async fn discovery(State(inner): State<Arc<Inner>>) -> Json<Value> {
    let issuer = &inner.issuer;
    Json(json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/authorize"),
        "token_endpoint": format!("{issuer}/token"),
        "jwks_uri": format!("{issuer}/jwks"),
        "userinfo_endpoint": format!("{issuer}/userinfo"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic"],
        "code_challenge_methods_supported": ["S256"],
    }))
}

async fn jwks(State(inner): State<Arc<Inner>>) -> Json<Value> {
    // An encryption key first: GroupDesk must skip it rather than fail on it.
    Json(json!({ "keys": [
        { "kty": "RSA", "use": "enc", "alg": "RSA-OAEP", "kid": "enc-1", "n": "AQAB", "e": "AQAB" },
        inner.jwk,
    ]}))
}

#[derive(Deserialize)]
struct AuthorizeParams {
    response_type: String,
    client_id: String,
    redirect_uri: String,
    scope: String,
    state: String,
    code_challenge: String,
    code_challenge_method: String,
    nonce: Option<String>,
}

/// The person is signed in at once (as if they typed their password and consented).
async fn authorize(
    State(inner): State<Arc<Inner>>,
    Query(params): Query<AuthorizeParams>,
) -> Response {
    let good = params.response_type == "code"
        && params.client_id == CLIENT_ID
        && params.code_challenge_method == "S256"
        && params.scope.split(' ').any(|scope| scope == "openid");
    if !good {
        return (StatusCode::BAD_REQUEST, "bad authorization request").into_response();
    }
    let code = URL_SAFE_NO_PAD.encode(rand::random::<[u8; 16]>());
    let account = inner.behaviour.lock().unwrap().account.clone();
    inner.grants.lock().unwrap().insert(
        code.clone(),
        Grant {
            nonce: params.nonce,
            challenge: params.code_challenge,
            redirect_uri: params.redirect_uri.clone(),
            account,
        },
    );
    let mut target = reqwest::Url::parse(&params.redirect_uri).unwrap();
    target
        .query_pairs_mut()
        .append_pair("code", &code)
        .append_pair("state", &params.state);
    Redirect::to(target.as_str()).into_response()
}

#[derive(Deserialize)]
struct TokenForm {
    grant_type: String,
    code: String,
    redirect_uri: String,
    code_verifier: String,
}

fn token_error(error: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": error }))).into_response()
}

async fn token(
    State(inner): State<Arc<Inner>>,
    headers: HeaderMap,
    Form(form): Form<TokenForm>,
) -> Response {
    *inner.token_requests.lock().unwrap() += 1;
    let expected = format!(
        "Basic {}",
        STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"))
    );
    if headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        != Some(&expected)
    {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({ "error": "invalid_client" })),
        )
            .into_response();
    }
    let Some(grant) = inner.grants.lock().unwrap().remove(&form.code) else {
        return token_error("invalid_grant");
    };
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(form.code_verifier.as_bytes()));
    if form.grant_type != "authorization_code"
        || form.redirect_uri != grant.redirect_uri
        || challenge != grant.challenge
    {
        return token_error("invalid_grant");
    }
    let behaviour = inner.behaviour.lock().unwrap().clone();
    let now = chrono::Utc::now().timestamp();
    let exp = if behaviour.expired {
        now - 600
    } else {
        now + 300
    };
    let account = grant.account;
    let mut claims = json!({
        "iss": inner.issuer,
        "sub": account.sub,
        "aud": behaviour.audience.clone().unwrap_or_else(|| CLIENT_ID.to_owned()),
        "exp": exp,
        "iat": now,
        "name": account.name,
    });
    let nonce = if behaviour.wrong_nonce {
        Some("a-nonce-from-another-sign-in".to_owned())
    } else {
        grant.nonce
    };
    if let Some(nonce) = nonce {
        claims["nonce"] = json!(nonce);
    }
    if !behaviour.email_only_in_userinfo
        && let Some(email) = &account.email
    {
        claims["email"] = json!(email);
        claims["email_verified"] = json!(account.email_verified);
    }
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(KID.to_owned());
    let key = if behaviour.bad_signature {
        &inner.other_key
    } else {
        &inner.key
    };
    let id_token = jsonwebtoken::encode(&header, &claims, key).unwrap();
    let access_token = URL_SAFE_NO_PAD.encode(rand::random::<[u8; 16]>());
    inner
        .access_tokens
        .lock()
        .unwrap()
        .insert(access_token.clone(), account);
    Json(json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": 300,
        "id_token": id_token,
    }))
    .into_response()
}

async fn userinfo(State(inner): State<Arc<Inner>>, headers: HeaderMap) -> Response {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    let Some(account) = inner.access_tokens.lock().unwrap().get(token).cloned() else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    Json(json!({
        "sub": account.sub,
        "email": account.email,
        "email_verified": account.email_verified,
        "name": account.name,
    }))
    .into_response()
}
