//! argon2id password hashes in PHC form. Hashing is slow on purpose, so it runs off the async
//! threads.

use super::domain::NewPassword;
use crate::AppError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::RngCore;

/// argon2id with the library's defaults (OWASP's: 19 MiB, 2 passes, 1 lane).
fn hasher() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
}

/// Hashes a chosen password into a PHC string.
pub async fn hash(password: &NewPassword) -> Result<String, AppError> {
    let password = password.clone();
    tokio::task::spawn_blocking(move || {
        let mut salt = [0_u8; 16];
        rand::rng().fill_bytes(&mut salt);
        let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
        hasher()
            .hash_password(password.expose().as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|e| anyhow::anyhow!("argon2: {e}"))
    })
    .await
    .map_err(AppError::internal)?
    .map_err(AppError::internal)
}

/// Whether `password` matches the stored hash. With no hash, a dummy is checked so that an
/// unknown address takes as long as a wrong password.
pub async fn verify(password: &str, stored: Option<String>) -> Result<bool, AppError> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_owned());
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
            && stored != DUMMY_HASH
    })
    .await
    .map_err(AppError::internal)
}

/// An argon2id hash of a random string nobody knows.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$dGhpcyBpcyBub3QgYSByZWFsIGhhc2ggYXQgYWxs";

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let password = NewPassword::parse("correct horse battery").unwrap();
        let hash = hash(&password).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(
            verify("correct horse battery", Some(hash.clone()))
                .await
                .unwrap()
        );
        assert!(!verify("wrong horse battery", Some(hash)).await.unwrap());
        assert!(!verify("anything", None).await.unwrap());
    }
}
