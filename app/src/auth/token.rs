//! One-time tokens for setup, invitation and reset links. The link carries the token; the
//! database keeps only its SHA-256, so a database reader cannot use a pending link.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A fresh token and the hash to store.
pub struct IssuedToken {
    /// Goes into the link, shown once.
    pub token: String,
    /// Goes into the database.
    pub hash: Vec<u8>,
}

/// 256 random bits, URL-safe.
pub fn issue() -> IssuedToken {
    let mut bytes = [0_u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash(&token);
    IssuedToken { token, hash }
}

/// The stored form of a token from a link.
pub fn hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.trim().as_bytes()).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_and_their_hash_matches() {
        let a = issue();
        let b = issue();
        assert_ne!(a.token, b.token);
        assert_eq!(a.token.len(), 43);
        assert_eq!(hash(&a.token), a.hash);
        assert_eq!(a.hash.len(), 32);
    }
}
