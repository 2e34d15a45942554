//! Access tokens at rest: AES-256-GCM with a random 96-bit nonce per encryption, and the row's
//! phone number ID as associated data, so a ciphertext copied onto another number's row does not
//! decrypt. The key never prints; neither do plaintexts (they are `SecretString`s).

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use std::fmt;

/// The length of a key in bytes.
pub const KEY_BYTES: usize = 32;
/// The length of a nonce in bytes.
pub const NONCE_BYTES: usize = 12;

/// Encrypts and decrypts access tokens with the installation's key.
#[derive(Clone)]
pub struct TokenCipher {
    cipher: Aes256Gcm,
}

impl fmt::Debug for TokenCipher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenCipher(***)")
    }
}

/// A token as stored: ciphertext (with its tag) and nonce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedToken {
    /// `business_number.access_token_ciphertext`.
    pub ciphertext: Vec<u8>,
    /// `business_number.access_token_nonce`.
    pub nonce: Vec<u8>,
}

/// Why a stored token could not be read. Says nothing about the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CipherError {
    /// The key is not 32 bytes.
    #[error("the token key must be exactly 32 bytes")]
    BadKey,
    /// The token could not be encrypted (too long for AES-GCM).
    #[error("the token could not be encrypted")]
    Unencryptable,
    /// Wrong key, wrong number, or altered ciphertext.
    #[error("the stored token could not be decrypted (wrong key, or altered data)")]
    Undecryptable,
}

impl TokenCipher {
    /// A cipher for a 32-byte key.
    pub fn new(key: &[u8]) -> Result<Self, CipherError> {
        if key.len() != KEY_BYTES {
            return Err(CipherError::BadKey);
        }
        Ok(Self {
            cipher: Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(key)),
        })
    }

    /// Seals `token` for the number `phone_number_id`.
    pub fn seal(
        &self,
        token: &SecretString,
        phone_number_id: &str,
    ) -> Result<SealedToken, CipherError> {
        let mut nonce = [0_u8; NONCE_BYTES];
        rand::rng().fill_bytes(&mut nonce);
        let payload = Payload {
            msg: token.expose_secret().as_bytes(),
            aad: phone_number_id.as_bytes(),
        };
        let ciphertext = self
            .cipher
            .encrypt(Nonce::from_slice(&nonce), payload)
            .map_err(|_| CipherError::Unencryptable)?;
        Ok(SealedToken {
            ciphertext,
            nonce: nonce.to_vec(),
        })
    }

    /// Opens a token sealed for `phone_number_id`.
    pub fn open(
        &self,
        sealed: &SealedToken,
        phone_number_id: &str,
    ) -> Result<SecretString, CipherError> {
        if sealed.nonce.len() != NONCE_BYTES {
            return Err(CipherError::Undecryptable);
        }
        let payload = Payload {
            msg: &sealed.ciphertext,
            aad: phone_number_id.as_bytes(),
        };
        let plain = self
            .cipher
            .decrypt(Nonce::from_slice(&sealed.nonce), payload)
            .map_err(|_| CipherError::Undecryptable)?;
        let text = String::from_utf8(plain).map_err(|_| CipherError::Undecryptable)?;
        Ok(SecretString::from(text))
    }

    /// A fresh random key (for the development key file).
    pub fn generate_key() -> [u8; KEY_BYTES] {
        let mut key = [0_u8; KEY_BYTES];
        rand::rng().fill_bytes(&mut key);
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "EAAG-very-secret-access-token";

    fn cipher() -> TokenCipher {
        TokenCipher::new(&TokenCipher::generate_key()).unwrap()
    }

    #[test]
    fn a_sealed_token_opens_only_for_its_number_and_key() {
        let cipher = cipher();
        let sealed = cipher
            .seal(&SecretString::from(TOKEN), "100000000000001")
            .unwrap();

        let opened = cipher.open(&sealed, "100000000000001").unwrap();

        assert_eq!(opened.expose_secret(), TOKEN);
        assert_eq!(
            cipher.open(&sealed, "100000000000002").unwrap_err(),
            CipherError::Undecryptable
        );
        assert!(
            super::tests::cipher()
                .open(&sealed, "100000000000001")
                .is_err()
        );
        let mut altered = sealed.clone();
        altered.ciphertext[0] ^= 1;
        assert!(cipher.open(&altered, "100000000000001").is_err());
    }

    #[test]
    fn the_ciphertext_hides_the_token_and_nothing_prints_it() {
        let cipher = cipher();
        let a = cipher.seal(&SecretString::from(TOKEN), "1").unwrap();
        let b = cipher.seal(&SecretString::from(TOKEN), "1").unwrap();
        assert_ne!(a.nonce, b.nonce, "a fresh nonce every time");
        assert!(!String::from_utf8_lossy(&a.ciphertext).contains("secret"));
        let printed = format!("{cipher:?} {a:?} {:?}", cipher.open(&a, "1").unwrap());
        assert!(!printed.contains(TOKEN), "{printed}");
        assert!(TokenCipher::new(&[0; 16]).is_err());
    }
}
